"""`ccorg explain`: the whole chain behind one post, with the real numbers."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest


def test_explain_agent_shows_the_chain(run_cli, bank_path: Path) -> None:
    text = run_cli("explain", str(bank_path), "座席", "--width", "120")
    assert text.exit_code == 0, text.stderr
    data = json.loads(run_cli("explain", str(bank_path), "agent", "-f", "json").stdout)
    post, (stream,) = data["post"], data["streams"]
    details = post["workload"]
    out = "\n".join(line.rstrip() for line in text.stdout.splitlines()) + "\n"
    assert out.startswith("座席 (agent) · 运营部 · grade 座席 · reports to 业务组组长\n")
    assert f"headcount: {post['headcount']} = 3,000 calls/day · 80/20 · peak " in out
    # Inputs, peak and valley with weekday and time, agent-hours, shrinkage and its parts.
    assert "calls (人工来话), voice: 3,000 calls/day = 21,000 a week; AHT 180 s; " in out
    peak, valley = stream["peak"], stream["valley"]
    assert (
        f"calls: peak {peak['agents']:g} agents at {peak['weekday'].title()} {peak['time']}" in out
    )
    assert f"valley {valley['agents']:g} at {valley['weekday'].title()} {valley['time']}" in out
    weekly = sum(map(sum, stream["intervals"]["agents"])) * 0.5
    assert details["weekly_agent_hours"] == weekly
    assert f"calls: {weekly:,g} agent-hours a week" in out
    assert "shrinkage in shift 15%: meetings 3% + breaks 9% + not_ready 3%" in out
    assert "shrinkage out of shift 15%: annual_leave 6% + sickness 4% + training 5%" in out
    assert "shrinkage 27.75% = 1 − (1 − 15%) × (1 − 15%)" in out
    assert details["shrinkage_total"] == pytest.approx(0.2775, rel=1e-15)
    assert details["shrinkage_layers"]["in_shift"]["parts"] == {
        "meetings": 0.03,
        "breaks": 0.09,
        "not_ready": 0.03,
    }
    assert "paid hours per FTE: 248 days × 8 h = 1,984 h" in out
    # The schedule fit is derived from the bank's shift plan (schedule_fit: auto), and says so.
    fit = details["schedule_fit"]
    assert 0.05 < fit < 0.25
    assert details["schedule_fit_source"].startswith(f"schedule fit {fit:.1%} from 4 shift ")
    assert details["schedule_fit_source"] in out
    fte = weekly * 365 / 7 / (1984 * (1 - 0.2775)) * (1 + fit)
    assert details["fte"] == fte or math.isclose(details["fte"], fte, rel_tol=1e-12)
    assert f"schedule fit) = {fte:,.2f}\n" in out
    assert f"rounded up: {round(fte, 3):g} → {math.ceil(fte)}" in out
    # The heatmap of its stream, and the posts stacked on it.
    assert re.search(r"^Mon +\d", out, re.MULTILINE)
    stacked = {entry["id"]: entry for entry in data["stacked"]}
    assert set(stacked) == {"team_leader", "qa", "trainer", "wfm", "hr"}
    assert [child["id"] for child in stacked["team_leader"]["stacked"]] == ["ops_supervisor"]
    assert "Stacked on 座席 (ratios that count it)" in out
    assert f"运营部·业务组组长  {stacked['team_leader']['headcount']}  ⌈" in out


def test_explain_a_ratio_post(run_cli, bank_path: Path) -> None:
    result = run_cli("explain", str(bank_path), "team_leader", "--scenario", "lean")
    assert result.exit_code == 0
    assert "rule: ratio (per 15, of agent)" in result.stdout
    assert "base: " in result.stdout and "raised to the minimum of 6" in result.stdout


def test_ambiguous_name_lists_the_candidates(run_cli, bank_path: Path) -> None:
    result = run_cli("explain", str(bank_path), "经理")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "ccorg: '经理' names 5 posts: ops_manager (运营部·经理), quality_manager (品质部·经理), "
        "support_manager (支撑部·经理), marketing_manager (营销部·经理), "
        "general_manager (综合部·经理); give the id"
    )
    qualified = run_cli("explain", str(bank_path), "品质部·经理")
    assert qualified.stdout.startswith("经理 (quality_manager) · 品质部")


def test_unknown_post_suggests(run_cli, bank_path: Path) -> None:
    result = run_cli("explain", str(bank_path), "agnet")
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "ccorg: no post 'agnet'; did you mean 'agent'?",
    )


def test_explain_a_scenario_post(run_cli, bank_path: Path) -> None:
    data = json.loads(
        run_cli(
            "explain", str(bank_path), "信用卡专员", "-s", "credit_card_launch", "-f", "json"
        ).stdout
    )
    plan = json.loads(
        run_cli("plan", str(bank_path), "-s", "credit_card_launch", "-f", "json").stdout
    )
    (planned,) = [
        p for d in plan["departments"] for p in d["posts"] if p["id"] == "card_specialist"
    ]
    assert (
        data["post"]["headcount"]
        == planned["headcount"]
        == math.ceil(data["post"]["workload"]["fte"])
    )
    assert [s["id"] for s in data["streams"]] == ["card_services"]
    # Without the scenario the post does not exist: a clear usage error, not a traceback.
    missing = run_cli("explain", str(bank_path), "信用卡专员")
    assert missing.exit_code == 2 and "Traceback" not in missing.stderr


def test_explain_wraps_and_never_cuts_so_the_summands_add_up(run_cli, bank_path: Path) -> None:
    for width in ("80", "40"):
        result = run_cli("explain", str(bank_path), "hr", "--width", width)
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "…" not in out
        assert all(len(line.rstrip()) <= int(width) for line in out.splitlines())
        step = out[out.index("1. base:") : out.index("2. one per 100")]
        summands = re.findall(r"(\S+) (\d+)(?= \+| =)", " ".join(step.split()))
        stated = int(re.findall(r"= (\d+)", step)[-1])
        plan = json.loads(run_cli("plan", str(bank_path), "-f", "json").stdout)
        posts = [p for d in plan["departments"] for p in d["posts"]] + plan["posts"]
        hr = next(p for p in posts if p["id"] == "hr")
        others = plan["total_headcount"] - hr["headcount"]  # the center's staff but hr itself
        assert sum(int(count) for _, count in summands) == stated == others
        # Five departments have a 经理: each summand says whose.
        managers = [name for name, _ in summands if name.endswith("经理") and name != "副总经理"]
        assert managers == [
            "运营部·经理",
            "品质部·经理",
            "支撑部·经理",
            "营销部·经理",
            "综合部·经理",
        ]
        assert "reports to 综合部·经理" in " ".join(out.split())


def test_explain_in_chinese_translates_the_derivation(run_cli, golden, bank_path: Path) -> None:
    result = run_cli("explain", str(bank_path), "agent", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    golden("explain_bank_agent.zh.txt", result.stdout)
    english = run_cli("explain", str(bank_path), "agent", "--lang", "en").stdout
    for label in ("headcount: ", "Derivation", "rounded up: ", "Stacked on "):
        assert label not in result.stdout
        assert label in english
    data = json.loads(run_cli("explain", str(bank_path), "agent", "-f", "json").stdout)
    assert f"定编人数：{data['post']['headcount']} = " in result.stdout
    assert "向上取整：" in result.stdout
