"""Schema errors say what is accepted, with an example, and what was found: no class names,
no regular expressions, one message for one spot."""

from __future__ import annotations

import re

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.errors import ConfigError
from ccorg.i18n import Language, activate

CONFIG = """\
center: {id: c, name: 中心, service_hours: SERVICE_HOURS}
grades: [{id: g, name: 职级, rank: 1}]
shrinkage: {breakdown: {breaks: 0.3}}
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
      intraday: INTRADAY
"""
HOURS = (
    '7x24 (or 7×24, 24x7, 7*24), or windows per day, e.g. {weekdays: ["08:00-20:00"], '
    'sat: ["09:00-17:00"]}'
)


def messages(service_hours: str = "7x24", service_level: str = "80/20", intraday: str = "[1]"):
    text = (
        CONFIG.replace("SERVICE_HOURS", service_hours)
        .replace("SERVICE_LEVEL", service_level)
        .replace("INTRADAY", intraday)
    )
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(text, "c.yaml"))
    return [(p.location.line, p.location.col, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"service_hours": "8x5"},
            (1, 42, f"center.service_hours: expected {HOURS}; found '8x5'"),
        ),
        (
            {"service_hours": "{weekdays: [8-20]}"},
            (
                1,
                54,
                "center.service_hours.weekdays[0]: expected a window HH:MM-HH:MM, e.g. "
                "08:00-20:00 (the end may be 24:00); found '8-20'",
            ),
        ),
        (
            {"service_level": "0.8"},
            (
                16,
                22,
                "demand.streams[0].service_level: expected PERCENT/SECONDS, e.g. 80/20, or "
                "{target: 0.8, seconds: 20}; found 0.8",
            ),
        ),
        (
            {"service_level": "0.8/20"},
            (
                16,
                22,
                "demand.streams[0].service_level: the share answered in time is written as a "
                "percentage: 80/20 for 80%; found 0.8/20 (write 0.8%/20 if you mean 0.8%)",
            ),
        ),
        (
            {"intraday": "5"},
            (
                17,
                17,
                "demand.streams[0].intraday: expected 24 hourly weights (a list), or such a "
                "list per day: mon … sun, weekdays, weekend, daily; found 5",
            ),
        ),
        (
            {"intraday": "{weekdays: [1], weekend: x}"},
            (17, 42, "demand.streams[0].intraday.weekend: expected a list; found 'x'"),
        ),
    ],
)
def test_one_message_per_spot_saying_what_is_accepted(
    fields: dict[str, str], expected: tuple[int, int, str]
) -> None:
    found = messages(**fields)
    assert found == [expected]
    text = found[0][2]
    assert "instance of" not in text
    assert not re.search(r"\^|\$'|\\d", text)


def test_an_id_is_described_not_shown_as_a_regex() -> None:
    text = CONFIG.replace("SERVICE_HOURS", "7x24").replace("SERVICE_LEVEL", "80/20")
    text = text.replace("INTRADAY", "[1]").replace("id: agent", "id: 1agent")
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(text, "c.yaml"))
    assert [p.message for p in caught.value.problems] == [
        "departments[0].posts[0].id: expected an id: a letter, then letters, digits, '_', '-' "
        "or '.', e.g. team_leader; found '1agent'"
    ]


def test_in_chinese() -> None:
    activate(Language.zh)
    assert messages(service_level="0.8") == [
        (
            16,
            22,
            "demand.streams[0].service_level: 应为百分比/秒数，如 80/20，或 "
            "{target: 0.8, seconds: 20}；实际为 0.8",
        )
    ]


@pytest.mark.parametrize(
    ("rule", "english", "chinese"),
    [
        (
            "{kind: fixd, count: 1}",
            "kind 'fixd' is not one of 'fixed', 'ratio', 'concurrent', 'workload'",
            "kind 的值 'fixd' 不在可选值 'fixed', 'ratio', 'concurrent', 'workload' 之中",
        ),
        ("{count: 1}", "needs a 'kind' key: which kind of entry this is", "缺少键 'kind'"),
    ],
)
def test_a_rule_without_a_known_kind_says_so(rule: str, english: str, chinese: str) -> None:
    text = CONFIG.replace("SERVICE_HOURS", "7x24").replace("SERVICE_LEVEL", "80/20")
    text = text.replace("INTRADAY", "[1]").replace("{kind: workload, streams: [calls]}", rule)
    for language, wanted in ((Language.en, english), (Language.zh, chinese)):
        activate(language)
        with pytest.raises(ConfigError) as caught:
            validate(load_yaml(text, "c.yaml"))
        (problem,) = caught.value.problems
        assert wanted in problem.message
        assert "discriminator" not in problem.message
    activate(Language.en)
