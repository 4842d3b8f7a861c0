"""The short forms planners write: 80/20, 7×24 and day groups in service windows."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.errors import ConfigError
from ccorg.pipeline import load_document, plan_config
from ccorg.plan import Plan

CONFIG = """\
center: {id: c, name: 中心, service_hours: SERVICE_HOURS}
grades: [{id: g, name: 职级, rank: 1}]
shrinkage: {breakdown: {年假: 0.1, breaks: 0.2}}
departments:
  - id: d
    name: 部门
    posts:
      - {id: agent, name: 座席, grade: g, rule: {kind: workload, streams: [calls]}}
demand:
  streams:
    - id: calls
      name: 来话
      channel: voice
      volume: {per_day: 3000}
      aht_seconds: 180
      service_level: SERVICE_LEVEL
      intraday: [1, 1, 1, 1, 1, 1, 1, 2, 5, 8, 9, 8, 6, 7, 8, 8, 7, 6, 5, 4, 4, 3, 2, 1]
      STREAM_HOURS
"""


def text(service_hours: str = "7x24", service_level: str = "80/20", stream_hours: str = "") -> str:
    return (
        CONFIG.replace("SERVICE_HOURS", service_hours)
        .replace("SERVICE_LEVEL", service_level)
        .replace("STREAM_HOURS", stream_hours)
    )


def config(**fields: str) -> Config:
    return validate(load_yaml(text(**fields), "c.yaml"))


def plan(**fields: str) -> Plan:
    return plan_config(load_document(load_yaml(text(**fields), "c.yaml")))


@pytest.mark.parametrize(
    "text", ["80/20", "80%/20", "80% / 20s", "{target: 0.8, seconds: 20}", "'80/20'"]
)
def test_service_level_shorthand(text: str) -> None:
    level = config(service_level=text).demand.streams[0].service_level
    assert (level.target, level.seconds) == (0.8, 20)


def test_service_level_shorthand_plans_as_the_mapping() -> None:
    short = plan(service_level="90/15").streams[0]
    long = plan(service_level="{target: 0.9, seconds: 15}").streams[0]
    assert short.agents.tolist() == long.agents.tolist()
    assert short.summary == long.summary == "3,000 calls/day · 90/15"


def test_a_service_level_over_100_percent_is_refused_where_written() -> None:
    with pytest.raises(ConfigError) as caught:
        config(service_level="120/20")
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.col) == (16, 22)
    assert problem.message == (
        "demand.streams[0].service_level: the share answered in time is above 0% and at most "
        "100%; found 120/20"
    )


@pytest.mark.parametrize("text", ["7x24", "7×24", "24x7", "7*24", "24×7", "7 X 24", "'7×24'"])
def test_around_the_clock_spellings(text: str) -> None:
    assert config(service_hours=text).center.service_hours == "7x24"


def test_day_groups_in_service_windows_plan_as_seven_days() -> None:
    groups = '{weekdays: ["08:00-20:00"], weekend: ["09:00-17:00"], sat: ["09:00-18:00"]}'
    days = (
        '{mon: ["08:00-20:00"], tue: ["08:00-20:00"], wed: ["08:00-20:00"], '
        'thu: ["08:00-20:00"], fri: ["08:00-20:00"], sat: ["09:00-18:00"], sun: ["09:00-17:00"]}'
    )
    assert (
        config(service_hours=groups).center.service_hours
        == config(service_hours=days).center.service_hours
    )
    by_group = plan(service_hours=groups).streams[0]
    by_day = plan(service_hours=days).streams[0]
    assert by_group.open.tolist() == by_day.open.tolist()
    assert by_group.agents.tolist() == by_day.agents.tolist()
    # Saturday (a named weekday wins over 'weekend') is open an hour longer than Sunday.
    assert by_group.open[5].sum() == by_group.open[6].sum() + 2


def test_daily_windows_on_a_stream() -> None:
    stream = config(stream_hours='service_hours: {daily: ["09:00-21:00"]}').demand.streams[0]
    assert stream.service_hours == {
        day: ["09:00-21:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    }
