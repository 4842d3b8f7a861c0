"""`--vary` ranges: read as people write them, resolved in the config's own terms, applied."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.variation import MAX_VARIANTS, apply_values, parse_range, variant_values
from ccorg.errors import UsageError

DATA = {
    "center": {"id": "c", "name": "C"},
    "demand": {
        "streams": [
            {"id": "calls", "aht_seconds": 180, "volume": {"per_day": 3000}},
            {"id": "chat.cn", "aht_seconds": 300, "volume": {"per_day": 400}},
        ]
    },
    "posts": [{"id": "agent", "rule": {"schedule_fit": 0.05}}],
    "grades": [{"id": "agent", "annual_cost": 100}],
}


def test_a_path_in_the_configs_terms_names_a_list_item_by_its_id():
    found = parse_range("demand.streams.calls.aht_seconds=170:210:10", DATA, "f.yaml")
    assert found.path == ("demand", "streams", 0, "aht_seconds")
    assert found.values == (170, 180, 190, 200, 210)
    assert found.base == 180
    assert found.name == "demand.streams.calls.aht_seconds"


def test_a_path_may_start_at_an_id_anywhere_and_ids_may_hold_dots():
    assert parse_range("chat.cn.aht_seconds=1:2:1", DATA, "f").path == (
        "demand",
        "streams",
        1,
        "aht_seconds",
    )
    assert parse_range("posts/agent.rule.schedule_fit=0:0.1:0.05", DATA, "f").path == (
        "posts",
        0,
        "rule",
        "schedule_fit",
    )


def test_relative_steps_multiply_the_files_value_without_binary_noise():
    found = parse_range("calls.volume.per_day=*0.9:*1.2:*0.1", DATA, "f")
    assert found.factors == (0.9, 1.0, 1.1, 1.2)
    assert found.values == (2700, 3000, 3300, 3600)


def test_a_step_landing_on_to_within_rounding_counts_to_in():
    assert parse_range("calls.aht_seconds=0.1:0.3:0.1", DATA, "f").values == (0.1, 0.2, 0.3)
    assert parse_range("calls.aht_seconds=200:180:-10", DATA, "f").values == (200, 190, 180)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("calls.aht_secnds=1:2:1", "has no 'aht_secnds' under calls; did you mean 'aht_seconds'?"),
        (
            "demand.streams.callz.aht_seconds=1:2:1",
            "no 'callz' under demand.streams; did you mean 'calls'?",
        ),
        ("cals.aht_seconds=1:2:1", "has no 'cals'; did you mean 'calls'?"),
        (
            "agent.annual_cost=1:2:1",
            "'agent' names several objects; write grades/agent, posts/agent",
        ),
        ("center.name=1:2:1", "center.name is 'C' in f, not a number"),
        ("calls.aht_seconds=170:210:0", "the step is 0"),
        ("calls.aht_seconds=170:210:-10", "a step of -10 never goes from 170 to 210"),
        ("calls.aht_seconds=1:2", "give FROM:TO:STEP"),
        ("calls.aht_seconds=*1:2:*1", "mark all three numbers with *"),
        ("calls.aht_seconds=a:2:1", "'a' is not a number"),
        ("calls.aht_seconds=1:inf:1", "not a finite number"),
        ("calls.aht_seconds", "write PATH=FROM:TO:STEP"),
        ("calls.aht_seconds=1:100000:1", f"100,000 values; at most {MAX_VARIANTS:,}"),
    ],
)
def test_mistakes_are_usage_errors_that_say_what_to_write(text, message):
    with pytest.raises(UsageError) as raised:
        parse_range(text, DATA, "f")
    assert message in str(raised.value)
    assert raised.value.exit_code == 2


def test_a_grid_is_every_combination_and_is_capped():
    first = parse_range("calls.aht_seconds=170:190:10", DATA, "f")
    second = parse_range("calls.volume.per_day=*1:*1.1:*0.1", DATA, "f")
    assert variant_values([first, second]) == [
        (170, 3000),
        (170, 3300),
        (180, 3000),
        (180, 3300),
        (190, 3000),
        (190, 3300),
    ]
    wide = parse_range(f"calls.aht_seconds=1:{MAX_VARIANTS // 2}:1", DATA, "f")
    asked, limit = f"{MAX_VARIANTS * 2:,}", f"{MAX_VARIANTS:,}"
    with pytest.raises(UsageError, match=f"{asked} variants asked for; at most {limit}"):
        variant_values([wide, second, second])


def test_applying_values_copies_only_the_path_and_keeps_positions():
    document = load_yaml(
        "center: {id: c, name: C}\ndemand:\n  streams:\n    - {id: calls, aht_seconds: 180}\n",
        "f.yaml",
    )
    found = parse_range("calls.aht_seconds=190:200:10", document.data, "f.yaml")
    varied = apply_values(document, [found], [200.0])
    assert varied.data["demand"]["streams"][0]["aht_seconds"] == 200
    assert isinstance(varied.data["demand"]["streams"][0]["aht_seconds"], int)
    assert document.data["demand"]["streams"][0]["aht_seconds"] == 180
    assert varied.data["center"] is document.data["center"]
    assert varied.source_map.locate(found.path) == document.source_map.locate(found.path)
