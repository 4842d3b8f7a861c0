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
    assert config.demand.streams[1].max_occupancy == 0.85  # as for voice


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
            "must be at least 0; found -1",
        ),
        ("volume: {per_day: 3000}", "volume: {per_day: .nan}", (18, 25), "finite number"),
        ("aht_seconds: 180", "aht_seconds: 0", (19, 20), "must be at least 0.001; found 0"),
        (
            "{target: 0.8, seconds: 20}",
            "{target: 80, seconds: 20}",
            (20, 31),
            "must be at most 1",
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
            "expected a window HH:MM-HH:MM, e.g. 08:00-20:00 (the end may be 24:00); found '22:00'",
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
            "must be at most 1",
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


LAYERED = BASE.replace(
    "  breakdown: {annual_leave: 0.1, breaks: 0.2}\n",
    "  in_shift: {breaks: 0.09, meetings: 0.03, not_ready: 0.03}\n"
    "  out_of_shift: {annual_leave: 0.06, sickness: 0.04, training: 0.05}\n",
)


def test_shrinkage_layers_multiply() -> None:
    config = validate(load_yaml(LAYERED, "f.yaml"))
    shrinkage = config.shrinkage
    assert shrinkage is not None and shrinkage.layered
    assert (shrinkage.in_shift_total, shrinkage.out_of_shift_total) == (0.15, 0.15)
    assert shrinkage.total == pytest.approx(0.2775, rel=1e-15)
    assert list(shrinkage.parts) == [
        *("breaks", "meetings", "not_ready", "annual_leave", "sickness", "training")
    ]
    one_layer = validate(
        load_yaml(
            LAYERED.replace(
                "  out_of_shift: {annual_leave: 0.06, sickness: 0.04, training: 0.05}\n", ""
            ),
            "f.yaml",
        )
    )
    assert one_layer.shrinkage is not None and one_layer.shrinkage.total == pytest.approx(0.15)


@pytest.mark.parametrize(
    ("old", "new", "where", "fragment"),
    [
        (
            "  in_shift:",
            "  breakdown: {breaks: 0.1}\n  in_shift:",
            (4, 3),
            "give a flat 'breakdown' or the layers 'in_shift' and 'out_of_shift', not both",
        ),
        (
            "sickness: 0.04",
            "breaks: 0.04",
            (4, 3),
            "'breaks' is in both layers; a part is lost on shift or as whole days",
        ),
        (
            "breaks: 0.09",
            "breaks: 0.99",
            (4, 3),
            "the in_shift layer adds up to 105%; it must stay below 100%",
        ),
        (
            "  in_shift: {breaks: 0.09, meetings: 0.03, not_ready: 0.03}\n  out_of_shift: {annual_leave: 0.06, sickness: 0.04, training: 0.05}",
            "  {}",
            (4, 3),
            "give 'in_shift' and 'out_of_shift' (or a flat 'breakdown')",
        ),
        ("in_shift: {", "in_shif: {", (4, 3), "unknown key 'in_shif'; did you mean 'in_shift'?"),
    ],
)
def test_bad_shrinkage_layers_located(
    old: str, new: str, where: tuple[int, int], fragment: str
) -> None:
    assert old in LAYERED
    ((line, col, message),) = problems(LAYERED.replace(old, new, 1))
    assert (line, col) == where
    assert fragment in message


def test_service_level_definitions_in_the_config() -> None:
    answered = BASE.replace(
        "{target: 0.8, seconds: 20}", "{target: 0.8, seconds: 20, definition: answered}"
    )
    config = validate(load_yaml(answered, "f.yaml"))
    assert config.demand is not None
    assert config.demand.streams[0].service_level.definition == "answered"
    assert (
        validate(load_yaml(BASE, "f.yaml")).demand.streams[0].service_level.definition == "offered"
    )  # type: ignore[union-attr]
    ((line, col, message),) = problems(
        BASE.replace(
            "{target: 0.8, seconds: 20}",
            "{target: 0.8, seconds: 20, definition: excluding_short_abandons}",
        )
    )
    assert (line, col) == (20, 22)
    assert "'excluding_short_abandons' needs 'short_abandon_seconds'" in message
    ((line, col, message),) = problems(
        BASE.replace(
            "{target: 0.8, seconds: 20}", "{target: 0.8, seconds: 20, short_abandon_seconds: 5}"
        )
    )
    assert "'short_abandon_seconds' goes with definition: excluding_short_abandons" in message
    ((_, _, message),) = problems(
        BASE.replace(
            "{target: 0.8, seconds: 20}", "{target: 0.8, seconds: 20, definition: handled}"
        )
    )
    assert "'offered', 'answered' or 'excluding_short_abandons'" in message


CHAT = BASE.replace(
    "      channel: voice\n",
    "      channel: chat\n      concurrency: 3\n",
)


def test_chat_session_length_at_its_concurrency() -> None:
    def stream(extra: str):  # type: ignore[no-untyped-def]
        text = CHAT.replace("aht_seconds: 180\n", f"aht_seconds: 180\n{extra}")
        config = validate(load_yaml(text, "f.yaml"))
        assert config.demand is not None
        return config.demand.streams[0]

    plain = stream("")
    assert (plain.session_seconds, plain.effective_aht_seconds) == (180, 60)
    slowed = stream("      concurrency_slowdown: 0.1\n")
    assert slowed.session_seconds == pytest.approx(180 * 1.2)
    assert slowed.effective_aht_seconds == pytest.approx(72)
    measured = stream("      aht_by_concurrency: {2: 200, 3: 240}\n")
    assert (measured.session_seconds, measured.effective_aht_seconds) == (240, 80)
    ((_, _, message),) = problems(
        CHAT.replace("aht_seconds: 180\n", "aht_seconds: 180\n      aht_by_concurrency: {2: 200}\n")
    )
    assert "'aht_by_concurrency' gives no length at the planned concurrency 3" in message
    ((_, _, message),) = problems(
        CHAT.replace(
            "aht_seconds: 180\n",
            "aht_seconds: 180\n      concurrency_slowdown: 0.1\n      aht_by_concurrency: {3: 240}\n",
        )
    )
    assert "give 'concurrency_slowdown' or 'aht_by_concurrency', not both" in message
    ((_, _, message),) = problems(
        CHAT.replace(
            "aht_seconds: 180\n", "aht_seconds: 180\n      aht_by_concurrency: {1: 200, 3: 240}\n"
        )
    )
    assert (
        "'aht_by_concurrency' is keyed by concurrencies 2–10 (at 1 it is aht_seconds); got '1'"
        in (message)
    )
