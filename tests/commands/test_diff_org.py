"""`ccorg diff` on an org with sites, 编制 and a budget: closing lines, drivers, people in post."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
SITES = "configs/examples/two_sites.yaml"
GROWTH = f"{SITES}@chengdu_growth"
Run = Callable[..., Any]


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def plan(run_cli: Run, spec: str) -> dict[str, Any]:
    path, _, scenario = spec.partition("@")
    options = ["--scenario", scenario] if scenario else []
    return json.loads(run_cli("plan", path, *options, "-f", "json").stdout)


def millions(value: float) -> str:
    return f"¥{abs(value) / 1e6:.1f}M".replace(".0M", "M")


def test_the_diff_ends_with_establishment_and_budget(run_cli: Run) -> None:
    before, after = plan(run_cli, SITES), plan(run_cli, GROWTH)
    result = run_cli("diff", SITES, GROWTH, "--width", "120")
    assert result.exit_code == 0, result.stderr
    *_, establishment, budget = result.stdout.rstrip("\n").splitlines()
    # 编制 345 → 375; planned 339 → 374: 6 under, then 1 under.
    assert (before["establishment"], after["establishment"]) == (345, 375)
    assert establishment == (
        f"编制 {before['establishment']} → {after['establishment']}: "
        f"now {-after['over_establishment']} under (was {-before['over_establishment']} under)"
    )
    assert before["budget_variance"] < 0 < after["budget_variance"]
    assert budget == (
        f"budget {millions(after['budget'])}: now {millions(after['budget_variance'])} over "
        f"(was {millions(before['budget_variance'])} under)"
    )
    assert budget == "budget ¥52M: now ¥2.2M over (was ¥2.7M under)"


def test_drivers_come_before_other_edits_and_people_in_post_are_columns(run_cli: Run) -> None:
    result = run_cli("diff", SITES, GROWTH, "--width", "140")
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "Why" in line)
    assert header.split() == ["Post", "Before", "After", "Δ", "In", "post", "Gap", "Why"]
    leader = next(line for line in lines if line.strip().startswith("组长"))
    # 组长 11 → 14 because 座席 130 → 160; 10 in post, gap +1 → +4.
    assert leader.split()[:7] == ["组长", "11", "14", "+3", "10", "+1", "→"]
    assert leader.split()[7:] == ["+4", "成都站点·座席", "130", "→", "160"]
    qa = lines.index(next(line for line in lines if line.strip().startswith("质检")))
    reasons = [
        "成都站点·座席 130 → 160",
        "成都站点·组长 11 → 14",
        "was ⌈324 ÷ 25⌉ = 13, now ⌈357 ÷ 25⌉ = 15",
    ]
    shown = [line.rstrip() for line in lines[qa : qa + 3]]
    assert all(line.endswith(reason) for line, reason in zip(shown, reasons, strict=True))


def test_edits_beside_the_drivers_come_last(run_cli: Run, tmp_path: Path) -> None:
    text = (REPO / SITES).read_text(encoding="utf-8")
    edited = text.replace(
        "rule: {kind: fixed, count: 160, note: 上海站点来话量}\n        current: 150",
        "rule: {kind: fixed, count: 170, note: 上海站点来话量}\n        current: 158",
    )
    (tmp_path / "new.yaml").write_text(edited, encoding="utf-8")
    document = json.loads(run_cli("diff", SITES, str(tmp_path / "new.yaml"), "-f", "json").stdout)
    agent = next(p for p in document["posts"] if p["id"] == "sh_agent")
    assert [(c["field"], c["drives"]) for c in agent["changes"]] == [
        ("rule.count", True),
        ("current", False),
    ]
    assert (agent["current_before"], agent["current_after"]) == (150, 158)
    result = run_cli("diff", SITES, str(tmp_path / "new.yaml"), "--width", "140")
    row = next(line for line in result.stdout.splitlines() if line.strip().startswith("座席"))
    assert "150 → 158" in row and "+10 → +12" in row
    assert row.rstrip().endswith("fixed 160 → 170")
    after = result.stdout.splitlines()[result.stdout.splitlines().index(row) + 1]
    assert after.strip() == "also edited: current 150 → 158"


def test_delta_is_red_up_and_green_down_when_colour_is_on(run_cli: Run, tmp_path: Path) -> None:
    text = (REPO / SITES).read_text(encoding="utf-8")
    (tmp_path / "fewer.yaml").write_text(text.replace("count: 130,", "count: 100,"))
    up = run_cli("diff", SITES, GROWTH, "--color", "always", "--width", "140").stdout
    down = run_cli("diff", SITES, str(tmp_path / "fewer.yaml"), "--color", "always").stdout
    red, green = "\x1b[31m", "\x1b[32m"
    assert re.search(re.escape(red) + r"\+30\x1b\[0m", up)
    assert re.search(re.escape(green) + r"-30\x1b\[0m", down)
    assert not re.search(re.escape(green) + r"\+\d", up + down)
    plain = run_cli("diff", SITES, GROWTH, "--color", "never").stdout
    assert "\x1b[" not in plain


def test_markdown_carries_the_closing_lines_and_the_check_on_the_after_side(
    run_cli: Run,
) -> None:
    text = run_cli("diff", SITES, GROWTH, "-f", "markdown").stdout
    table = run_cli("diff", SITES, GROWTH, "--width", "200").stdout.rstrip("\n").splitlines()
    for line in table[-2:]:
        assert f"**{line}**" in text
    verdict = text.rstrip("\n").split("\n\n")[-1].splitlines()
    assert verdict[0] == (f"`ccorg check` on `{GROWTH}`: **fails** (2 errors, 4 warnings)")
    assert verdict[1:] == [
        "- department 品质部 (quality) plans 16 people, 2 over its establishment (编制) of 14 "
        "[establishment]",
        "- the plan costs ¥54,240,000 a year, ¥2,240,000 over the budget of ¥52,000,000 [budget]",
    ]
    base = run_cli("diff", GROWTH, SITES, "-f", "markdown").stdout
    assert base.rstrip("\n").splitlines()[-1] == (
        f"`ccorg check` on `{SITES}`: passes (0 errors, 4 warnings)"
    )
    # The department table: own posts in Before/After, the sites in "In all".
    assert "| 运营部 (ops) | 3 | 3 | 0 | 324 → 357 |" in text
