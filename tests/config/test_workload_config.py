"""Demand, calendar, shrinkage and workload rules: schema and reference errors, located."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.errors import ConfigError

BASE = """\
center: {id: c, name: 中心}
grades: [{id: g, name: 职级, rank: 1}]
shrinkage:
  breakdown: {annual_leave: 0.1, breaks: 0.2}
departments:
  - id: d
    name: 部门
    posts:
      - id: agent
        name: 座席
        grade: g
        rule: {kind: workload, streams: [calls]}
demand:
  streams:
    - id: calls
      name: 来话
      channel: voice
      volume: {per_day: 3000}
      aht_seconds: 180
      service_level: {target: 0.8, seconds: 20}
    - id: complaints
      name: 投诉
      channel: deferred
      volume: {share_of: calls, fraction: 0.02}
      handle_seconds: 1500
      response_hours: 24
"""


def problems(text: str) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(text, "f.yaml"))
    return [(p.location.line, p.location.col, p.message) for p in caught.value.problems]


def test_valid_demand_and_defaults() -> None:
    config = validate(load_yaml(BASE, "f.yaml"))
    assert config.demand is not None
    calls = config.demand.streams[0]
    assert (calls.max_occupancy, calls.service_level.target, calls.service_level.seconds) == (
        0.85,
        0.8,
        20,
    )
    assert config.demand.interval_minutes == 30
    assert config.calendar.paid_hours == 1984
    assert config.shrinkage is not None and config.shrinkage.total == pytest.approx(0.3)
    assert config.demand.streams[1].max_occupancy == 1.0


@pytest.mark.parametrize(
    ("old", "new", "where", "fragment"),
    [
        (
            "volume: {per_day: 3000}",
            "volume: {per_day: 3000, per_week: 1}",
            (18, 15),
            "give exactly one of per_day, per_week, per_month, per_year, share_of or forecast "
            "(found per_day, per_week)",
        ),
        (
            "volume: {per_day: 3000}",
            "volume: {per_day: -1}",
            (18, 25),
            "greater than or equal to 0",
        ),
        ("volume: {per_day: 3000}", "volume: {per_day: .nan}", (18, 25), "finite number"),
        ("aht_seconds: 180", "aht_seconds: 0", (19, 20), "greater than 0"),
        (
            "{target: 0.8, seconds: 20}",
            "{target: 80, seconds: 20}",
            (20, 31),
            "less than or equal to 1",
        ),
        ("channel: voice", "channel: fax", (15, 7), "'fax'"),
        (
            "aht_seconds: 180",
            "aht_seconds: 180\n      max_abandon_rate: 0.1",
            (15, 7),
            "needs 'patience_seconds'",
        ),
        (
            "aht_seconds: 180",
            "aht_seconds: 180\n      weekly: {mon: 1}",
            (15, 7),
            "missing tue, wed, thu, fri, sat, sun",
        ),
        (
            "aht_seconds: 180",
            "aht_seconds: 180\n      intraday: {weekdays: [1]}",
            (15, 7),
            "no profile for sat, sun",
        ),
        (
            "aht_seconds: 180",
            "aht_seconds: 180\n      floors: [{agents: 2, window: '22:00'}]",
            (20, 36),
            "string should match pattern",
        ),
        (
            "aht_seconds: 180",
            "aht_seconds: 180\n      concurency: 2",
            (20, 7),
            "unknown key 'concurency'",
        ),
        (
            "breaks: 0.2}",
            "breaks: 0.95}",
            (4, 3),
            "the shrinkage adds up to 105%; it must stay below 100%",
        ),
        (
            "{kind: workload, streams: [calls]}",
            "{kind: workload, streams: [calls], schedule_fit: 2}",
            (12, 64),
            "less than or equal to 1",
        ),
    ],
)
def test_bad_values_located(old: str, new: str, where: tuple[int, int], fragment: str) -> None:
    assert old in BASE
    ((line, col, message),) = problems(BASE.replace(old, new, 1))
    assert (line, col) == where
    assert fragment in message


def test_unknown_streams_suggest() -> None:
    found = problems(
        BASE.replace("streams: [calls]}", "streams: [cals]}").replace(
            "share_of: calls", "share_of: call"
        )
    )
    assert (12, 42, "unknown stream 'cals'; did you mean 'calls'?") in found
    assert (24, 26, "unknown stream 'call'; did you mean 'calls'?") in found


def test_stream_ids_unique_and_worked_once() -> None:
    text = BASE.replace("id: complaints", "id: calls").replace(
        "{share_of: calls, fraction: 0.02}", "{per_day: 60}"
    )
    assert problems(text) == [(21, 11, "duplicate stream id 'calls' (first on line 15)")]
    twice = BASE.replace(
        "        rule: {kind: workload, streams: [calls]}",
        "        rule: {kind: workload, streams: [calls]}\n"
        "      - {id: other, name: 其他, grade: g, rule: {kind: workload, streams: [complaints, calls]}}",
    )
    assert problems(twice) == [(13, 86, "stream 'calls' is already worked by 'agent'")]


def test_derived_volumes_must_not_loop() -> None:
    text = BASE.replace("volume: {per_day: 3000}", "volume: {share_of: complaints, fraction: 10}")
    assert problems(text) == [
        (18, 26, "stream volumes derive from each other: calls -> complaints -> calls")
    ]
    itself = BASE.replace("share_of: calls", "share_of: complaints")
    assert problems(itself) == [(24, 26, "stream 'complaints' is a share of itself")]


def test_workload_posts_need_demand_and_shrinkage() -> None:
    no_shrinkage = BASE.replace("shrinkage:\n  breakdown: {annual_leave: 0.1, breaks: 0.2}\n", "")
    ((line, _, message),) = problems(no_shrinkage)
    assert line == 10
    assert message == (
        "workload post 'agent' needs a shrinkage: give a top-level 'shrinkage' or the rule's own"
    )
    no_demand = BASE[: BASE.index("demand:")]
    assert problems(no_demand) == [(12, 15, "workload post 'agent' needs a top-level 'demand'")]
