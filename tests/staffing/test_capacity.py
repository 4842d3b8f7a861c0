"""Capacity month by month (staffing/capacity.py) from configs, as `ccorg capacity` reads them."""

from __future__ import annotations

import json
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from ccorg.pipeline import capacity_file, load_config, plan_config
from ccorg.staffing import queueing

BASE = """\
center: {id: c, name: Center}
grades: [{id: g, name: Agent grade, rank: 1, annual_cost: 120000}]
shrinkage: {breakdown: {leave: 0.2}}
departments:
  - id: d
    name: Operations
    establishment: 40
    posts:
      - {id: agent, name: Agent, grade: g, current: CURRENT, rule: {kind: workload, streams: [calls]}}
      - {id: lead, name: Lead, grade: g, rule: {kind: ratio, per: 10, of: [agent]}}
demand:
  interval_minutes: 60
  streams:
    - id: calls
      name: Calls
      channel: voice
      volume: VOLUME
      aht_seconds: 180
      service_level: {target: 0.8, seconds: 20}
"""


def write(
    tmp_path: Path,
    capacity: str,
    *,
    current: int = 20,
    volume: str = "{per_day: 2400}",
    extra: str = "",
) -> Path:
    text = BASE.replace("CURRENT", str(current)).replace("VOLUME", volume)
    path = tmp_path / "c.yaml"
    path.write_text(text + textwrap.dedent(capacity) + textwrap.dedent(extra), encoding="utf-8")
    return path


def test_attrition_without_hires_leaves_the_heads_compounded(tmp_path, run_cli):
    path = write(
        tmp_path,
        """\
        capacity:
          horizon: {start: 2027-01, months: 12}
          workforce:
            default: {attrition_monthly: 0.02}
        """,
        current=100,
        volume="{per_day: 0}",
    )
    result = run_cli("capacity", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    agent = json.loads(result.stdout)["posts"][0]
    assert agent["heads"][-1] == 78.4716724
    assert agent["hires"] == [] and agent["required_fte"] == [0.0] * 12
    assert agent["attrition"][0] == 2.0


def test_annual_attrition_is_compounded_to_a_monthly_rate(tmp_path):
    path = write(
        tmp_path,
        """\
        capacity:
          horizon: {start: 2027-01, months: 3}
          workforce:
            default: {attrition_annual: 0.30}
        """,
    )
    plan = capacity_file(str(path))
    assert round(plan.workload[0].workforce.attrition_monthly * 100, 4) == 2.9286


def test_required_fte_follows_the_engine_and_the_seasons(tmp_path):
    path = write(
        tmp_path,
        """\
        capacity:
          horizon: {start: 2027-01, months: 3}
          seasonality:
            monthly: {feb: 1.5}
        """,
    )
    plan = capacity_file(str(path))
    typical = plan_config(load_config(str(path)))
    agent = plan.workload[0]
    derivation = typical.post("agent").workload
    per_hour = 12 / derivation.productive_hours
    week = typical.streams[0].agents  # (7, 24), flat 2,400 calls a day: 100 an hour
    # January 2027 has 31 days, every weekday alike: 31 days of the typical day.
    assert agent.required_fte[0] == pytest.approx(31 * week[0].sum() * per_hour)
    # February at 1.5× volume: 150 calls an hour, solved again (not 1.5× the agents).
    agents_at_150 = queueing.required_agents(150, 3600, 180, 0.8, 20).agents
    assert agent.required_fte[1] == pytest.approx(28 * 24 * agents_at_150 * per_hour)
    assert agents_at_150 < 1.5 * week[0, 0]
    # The ratio post follows the workload post's headcount each month.
    lead = plan.post("lead")
    assert list(lead.heads) == [int(np.ceil(h / 10)) for h in agent.required_heads]


def test_a_may_launch_is_requisitioned_in_february_and_a_small_class_leaves_a_shortfall(
    tmp_path, run_cli
):
    path = write(
        tmp_path,
        """\
        capacity:
          horizon: {start: 2027-01, months: 8}
          workforce:
            default: {recruit_lead_weeks: 8, training_weeks: 6, class_size: {max: CLASS}}
        """,
        extra="""\
        scenarios:
          launch:
            effective: 2027-05
            add:
              demand.streams:
                - {id: cards, name: Cards, channel: voice, volume: {per_day: 1200}, aht_seconds: 300,
                   service_level: {target: 0.8, seconds: 20}}
              d.posts:
                - {id: card_agent, name: Card agent, grade: g, rule: {kind: workload, streams: [cards]}}
        """,
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("CLASS", "100"), encoding="utf-8")
    plan = capacity_file(str(path), "launch")
    card = plan.post("card_agent")
    assert list(plan.variant_of_month) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert card.required_fte[3] == 0 and card.required_fte[4] > 0
    launch = card.supply.classes[0]
    assert launch.requisition_date == date(2027, 2, 4)
    assert launch.start_date == date(2027, 4, 1)
    assert not card.shortfall.any()

    path.write_text(text.replace("CLASS", "5"), encoding="utf-8")
    result = run_cli("capacity", str(path), "--scenario", "launch", "--format", "json")
    document = json.loads(result.stdout)
    card = next(p for p in document["posts"] if p["id"] == "card_agent")
    # Two classes of 5 (March and April) train for May: the rest is short, month by month.
    assert [h["size"] for h in card["hires"]][:2] == [5, 5]
    short = {s["month"]: s["fte"] for s in card["shortfall"]}
    assert short["2027-05"] == pytest.approx(card["required_fte"][4] - 10, abs=1e-6)
    assert {s["month"] for s in document["shortfall"] if s["post"] == "card_agent"} == set(short)
    assert set(short) >= {"2027-05", "2027-06"}


def write_dated(
    path: Path,
    start: datetime,
    days: int,
    calls: float,
    skip: int | None = None,
    repeat: int | None = None,
) -> None:
    rows = ["date,time,volume"]
    for index in range(days * 24):
        if index == skip:
            continue
        moment = start + timedelta(hours=index)
        rows.append(f"{moment:%Y-%m-%d},{moment:%H:%M},{calls + index % 7}")
        if index == repeat:
            rows.append(rows[-1])
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_a_dated_forecast_is_solved_interval_by_interval_in_the_months_it_covers(tmp_path):
    write_dated(tmp_path / "year.csv", datetime(2027, 1, 1), 59, 90.0)  # January and February
    path = write(
        tmp_path,
        """\
        capacity:
          horizon: {start: 2027-01, months: 3}
          seasonality:
            monthly: {jan: 9, feb: 9, mar: 2}
        """,
        volume="{forecast: year.csv}",
    )
    plan = capacity_file(str(path))
    agent = plan.workload[0]
    stream = plan.streams[0][0]
    assert list(stream.dated) == [True, True, False]
    calls = 90.0 + np.arange(31 * 24) % 7
    expected = queueing.required_agents(calls, 3600, 180, 0.8, 20).agents.sum()
    assert stream.agent_hours[0] == pytest.approx(expected)
    assert stream.volume[0] == pytest.approx(calls.sum())
    # March is not covered: the forecast's typical week × March's factor, 2.
    assert stream.factor[2] == 2 and stream.volume[2] == pytest.approx(
        2 * 31 * 24 * (90 + 3), rel=0.01
    )
    assert agent.required_fte[0] == pytest.approx(expected * agent.fte_per_agent_hour[0])
    # `ccorg plan` takes the same forecast as its typical week.
    week = plan_config(load_config(str(path))).streams[0].volume
    assert week.shape == (7, 24) and week.sum() == pytest.approx(calls[: 24 * 7].sum(), rel=0.01)


@pytest.mark.parametrize(
    ("capacity", "extra", "message"),
    [
        (
            "  seasonality:\n    monthly: {2029-02: 1.2}\n",
            "",
            "c.yaml:{line}:15: 2029-02 is outside the horizon, 2027-01 to 2027-12",
        ),
        (
            "  workforce:\n    default: {ramp: [0.5, 1.5]}\n",
            "",
            "must be at most 1; found 1.5",
        ),
        (
            "  workforce:\n    default: {attrition_annual: 1.0}\n",
            "",
            "less than 1",
        ),
        (
            "  workforce:\n    agnet: {attrition_annual: 0.2}\n",
            "",
            "'agnet' is not a workload post (nor 'default'); did you mean 'agent'?",
        ),
        (
            "",
            "scenarios:\n  early: {effective: 2026-11}\n",
            "2026-11 is outside the horizon, 2027-01 to 2027-12",
        ),
    ],
)
def test_bad_capacity_input_is_located(tmp_path, run_cli, capacity, extra, message):
    head = "capacity:\n  horizon: {start: 2027-01, months: 12}\n"
    path = write(tmp_path, head + capacity, extra=extra)
    result = run_cli("capacity", str(path))
    assert result.exit_code == 1
    lines = path.read_text(encoding="utf-8").splitlines()
    line = (
        next(i for i, text in enumerate(lines, 1) if "2029-02" in text) if "2029" in message else 0
    )
    assert message.format(line=line) in result.stderr
    assert str(path) + ":" in result.stderr


def test_dated_forecast_gaps_and_repeats_are_reported_by_line(tmp_path, run_cli):
    write_dated(tmp_path / "year.csv", datetime(2027, 1, 1), 3, 10.0, skip=30, repeat=50)
    path = write(
        tmp_path,
        "capacity:\n  horizon: {start: 2027-01, months: 2}\n",
        volume="{forecast: year.csv}",
    )
    result = run_cli("capacity", str(path))
    assert result.exit_code == 1
    forecast = tmp_path / "year.csv"
    assert (
        f"{forecast}:32:1: 1 interval missing between 2027-01-02 05:00 and 2027-01-02 07:00"
        in result.stderr
    )
    assert f"{forecast}:52:1: 2027-01-03 02:00 is already given on line 51" in result.stderr


def test_a_config_without_a_capacity_section_says_what_to_add(tmp_path, run_cli):
    path = write(tmp_path, "")
    result = run_cli("capacity", str(path))
    assert result.exit_code == 1
    assert "no 'capacity:' section" in result.stderr
