"""The plan JSON of the seed bank: totals add up, and every workload number can be redone
from the per-interval data it carries."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest


@pytest.fixture
def bank_json(run_cli, bank_path: Path) -> dict:
    result = run_cli("plan", str(bank_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def posts_by_id(data: dict) -> dict[str, dict]:
    found = {p["id"]: p for p in data["posts"]}
    found.update({p["id"]: p for d in data["departments"] for p in d["posts"]})
    return found


def test_totals_add_up(bank_json: dict) -> None:
    for department in bank_json["departments"]:
        assert department["headcount"] == sum(p["headcount"] for p in department["posts"])
    assert bank_json["total_headcount"] == sum(
        p["headcount"] for p in posts_by_id(bank_json).values()
    )


def test_workload_posts_from_per_interval_data(bank_json: dict) -> None:
    posts = posts_by_id(bank_json)
    streams = {s["id"]: s for s in bank_json["streams"]}
    workload = [p for p in posts.values() if p["rule"]["kind"] == "workload"]
    assert {p["id"] for p in workload} == {
        "agent",
        "complaint_specialist",
        "callback_specialist",
        "outbound_agent",
    }
    for post in workload:
        details = post["workload"]
        weekly = 0.0
        for stream_id in post["rule"]["streams"]:
            stream = streams[stream_id]
            assert stream["post"] == post["id"]
            hours = stream["interval_minutes"] / 60
            weekly += sum(map(sum, stream["intervals"]["agents"])) * hours
        layers = details["shrinkage_layers"]
        if layers is None:
            shrinkage = sum(details["shrinkage"].values())
        else:  # time lost on shift is lost only on the days worked: the layers multiply
            inside, outside = (sum(layers[name]["parts"].values()) for name in layers)
            shrinkage = 1 - (1 - inside) * (1 - outside)
        assert details["shrinkage_total"] == pytest.approx(shrinkage)
        fit = details["schedule_fit"]  # the rule's, or derived from shifts (auto)
        if post["rule"].get("schedule_fit") != "auto":
            assert fit == post["rule"].get("schedule_fit", 0)
        fte = weekly * 365 / 7 / 1984 / (1 - shrinkage) * (1 + fit)
        assert details["fte"] == pytest.approx(fte)
        assert post["requirement"] == pytest.approx(fte)
        assert post["headcount"] == max(math.ceil(fte - 1e-9), post["rule"].get("min", 0))


def test_the_bank_reads_sensibly(bank_json: dict) -> None:
    posts = posts_by_id(bank_json)
    calls = next(s for s in bank_json["streams"] if s["id"] == "calls")
    # 3,000 calls a day, 7×24, at 80/20: some 50–70 agents.
    assert 50 <= posts["agent"]["headcount"] <= 70
    assert calls["weekly_volume"] == pytest.approx(21_000)
    assert calls["service_level"] >= 0.8
    assert calls["occupancy"] <= 0.85
    # The peak is a weekday morning; nights keep the floor of two.
    assert calls["peak"]["weekday"] in {"mon", "tue", "wed", "thu", "fri"}
    assert "09:00" <= calls["peak"]["time"] < "12:00"
    agents = calls["intervals"]["agents"]
    night = [day[i] for day in agents for i in (*range(0, 16), 44, 45, 46, 47)]
    assert min(night) == 2
    sunday, monday = sum(agents[6]), sum(agents[0])
    assert sunday < monday
    # Team leaders are stacked on the derived agents.
    assert posts["team_leader"]["headcount"] == max(6, math.ceil(posts["agent"]["headcount"] / 12))
    # Sanity band (DOMAIN.md): ~17,300 manual calls per staff-year at Chinese banks, counted
    # over all staff of much larger centers; per agent this bank sits in the same range.
    per_agent = calls["weekly_volume"] * 365 / 7 / posts["agent"]["headcount"]
    assert 12_000 <= per_agent <= 25_000


def test_stream_entries_document_totals_and_peaks(bank_json: dict) -> None:
    complaints = next(s for s in bank_json["streams"] if s["id"] == "complaints")
    calls = next(s for s in bank_json["streams"] if s["id"] == "calls")
    assert complaints["channel"] == "deferred"
    assert complaints["weekly_volume"] == pytest.approx(0.02 * calls["weekly_volume"])
    assert complaints["service_level"] is None
    assert complaints["weekly_agent_hours"] == pytest.approx(
        sum(map(sum, complaints["intervals"]["agents"])) * 0.5
    )
    peak = calls["peak"]
    day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(peak["weekday"])
    hour, minute = map(int, peak["time"].split(":"))
    assert calls["intervals"]["agents"][day][hour * 2 + minute // 30] == peak["agents"]
    assert peak["agents"] == max(map(max, calls["intervals"]["agents"]))
