"""Extreme numbers in every numeric field, through `check`, `plan` and `erlang`.

1e-300 … 1e308, infinity, NaN and huge integers: each is planned correctly or refused with a
located error (exit 1) — never an internal error, a hang, a traceback or a numpy warning (the
suite runs with warnings as errors, so one would fail here).
"""

from __future__ import annotations

import copy
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Every kind of rule, channel and numeric field, small enough to plan in milliseconds.
CONFIG: dict[str, Any] = {
    "center": {"id": "c", "name": "中心", "service_hours": "7x24"},
    "calendar": {"working_days": 248, "hours_per_day": 8},
    "shrinkage": {"breakdown": {"leave": 0.1, "breaks": 0.1}},
    "grades": [{"id": "g", "name": "职级", "rank": 1, "annual_cost": 100000}],
    "policies": {"budget": {"annual": 1e8}, "span-of-control": {"min": 3, "max": 12}},
    "demand": {
        "interval_minutes": 60,
        "streams": [
            {
                "id": "calls",
                "name": "来话",
                "channel": "voice",
                "volume": {"per_day": 3000},
                "aht_seconds": 180,
                "service_level": {"target": 0.8, "seconds": 20},
                "asa_seconds": 30,
                "max_occupancy": 0.85,
                "patience_seconds": 300,
                "max_abandon_rate": 0.05,
                "weekly": {d: 1 for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
                "intraday": [1] * 8 + [5] * 12 + [2] * 4,
                "floors": [{"agents": 2, "window": "22:00-08:00"}],
            },
            {
                "id": "chat",
                "name": "在线",
                "channel": "chat",
                "concurrency": 2,
                "volume": {"per_week": 7000},
                "aht_seconds": 600,
                "service_level": {"target": 0.9, "seconds": 30},
            },
            {
                "id": "mail",
                "name": "邮件",
                "channel": "deferred",
                "volume": {"share_of": "calls", "fraction": 0.1},
                "handle_seconds": 420,
                "response_hours": 24,
            },
            {
                "id": "callback",
                "name": "回访",
                "channel": "outbound",
                "volume": {"per_month": 3000},
                "contact_rate": 0.6,
                "handle_seconds": 240,
                "failed_attempt_seconds": 20,
            },
        ],
    },
    "departments": [
        {
            "id": "ops",
            "name": "运营部",
            "establishment": 200,
            "posts": [
                {"id": "boss", "name": "经理", "grade": "g", "rule": {"kind": "fixed", "count": 1}},
                {
                    "id": "lead",
                    "name": "组长",
                    "grade": "g",
                    "reports_to": "boss",
                    "rule": {"kind": "ratio", "per": 12, "of": ["agent", "chat_agent"]},
                    "min": 1,
                    "max": 50,
                },
                {
                    "id": "agent",
                    "name": "座席",
                    "grade": "g",
                    "reports_to": "lead",
                    "current": 40,
                    "rule": {
                        "kind": "workload",
                        "streams": ["calls", "mail"],
                        "schedule_fit": 0.05,
                    },
                },
                {
                    "id": "chat_agent",
                    "name": "在线客服",
                    "grade": "g",
                    "reports_to": "lead",
                    "rule": {"kind": "workload", "streams": ["chat", "callback"]},
                },
            ],
        }
    ],
}


def numeric_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, bool):
        return []
    if isinstance(data, int | float):
        return [prefix]
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    return [path for key, value in items for path in numeric_paths(value, (*prefix, key))]


NUMERIC = numeric_paths(CONFIG)
EXTREME = (
    st.sampled_from(
        [
            0,
            -1,
            1e-300,
            5e-324,
            -1e-300,
            1e308,
            -1e308,
            1.7976931348623157e308,
            math.inf,
            -math.inf,
            math.nan,
            10**20,
            10**300,
            -(10**20),
            2**63,
            1e40,
            0.5,
            1e6,
        ]
    )
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(-(10**400), 10**400)
)
LOCATED = re.compile(r"^x\.yaml:\d+:\d+: .+")
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def test_the_template_plans_and_every_numeric_field_is_covered(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(CONFIG, allow_unicode=True), encoding="utf-8")
    result = run_cli("plan", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert len(NUMERIC) > 40


@SETTINGS
@given(where=st.sampled_from(NUMERIC), value=EXTREME, command=st.sampled_from(["check", "plan"]))
def test_an_extreme_number_anywhere_is_planned_or_a_located_error(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where, value, command
) -> None:
    data = copy.deepcopy(CONFIG)
    parent = data
    for segment in where[:-1]:
        parent = parent[segment]
    parent[where[-1]] = value
    monkeypatch.chdir(tmp_path)
    Path("x.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli(command, "x.yaml")
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    assert "internal error" not in result.stdout + result.stderr
    if command == "check":
        findings = [line for line in result.stdout.splitlines() if line.startswith("x.yaml")]
        assert all(LOCATED.match(line) for line in findings), findings
    elif result.exit_code == 1:
        *problems, summary = result.stderr.splitlines()
        assert problems and all(LOCATED.match(line) for line in problems), result.stderr
        assert summary.startswith("ccorg: ")


ERLANG_OPTIONS = [
    "--calls",
    "--interval",
    "--aht",
    "--target",
    "--max-occupancy",
    "--asa",
    "--patience",
    "--max-abandon",
    "--shrinkage",
    "--agents",
]
BASE_OPTIONS = {
    "--calls": "100",
    "--interval": "30m",
    "--aht": "180",
    "--target": "80/20",
    "--patience": "300",
}
TEXT = EXTREME.map(lambda v: repr(v) if isinstance(v, float) else str(v))


@SETTINGS
@given(option=st.sampled_from(ERLANG_OPTIONS), text=TEXT)
def test_an_extreme_erlang_option_is_answered_or_refused(run_cli, option: str, text: str) -> None:
    options = {**BASE_OPTIONS, option: text}
    if option == "--interval":
        options[option] = f"{text}s"
    if option == "--target":
        options[option] = f"{text}/20"
    args = [part for pair in options.items() for part in pair]
    result = run_cli("erlang", *args, "-f", "json")
    assert result.exit_code in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr
    if result.exit_code == 0:
        assert result.stdout.startswith("{")
    else:  # a message of ccorg's, or of the option parser (`--agents 1e-300`)
        assert result.stderr.startswith(("ccorg: ", "Usage: ")) and result.stdout == ""
