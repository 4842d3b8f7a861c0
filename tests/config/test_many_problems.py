"""A config with thousands of mistakes is told at once: problems are grouped in linear time,
the first hundred are shown and the rest counted, a few unknown ids get a suggestion."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import MAX_PROBLEMS
from ccorg.errors import ConfigError
from ccorg.pipeline import load_document

HEAD = (
    "center: {id: c, name: C}\n"
    "grades: [{id: g, name: G, rank: 1}]\n"
    "shrinkage: {breakdown: {breaks: 0.1}}\n"
)


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_document(load_yaml(text, "c.yaml"))
    return [p.message for p in caught.value.problems]


def test_tens_of_thousands_of_schema_errors_show_the_first_and_count_the_rest() -> None:
    count = 40_000
    weights = ",".join(["-1"] * count)
    text = HEAD + (
        "departments: [{id: d, name: D}]\n"
        "demand:\n  streams:\n"
        "    - {id: s, name: S, channel: deferred, volume: {per_day: 10}, handle_seconds: 60,\n"
        f"       response_hours: 24, intraday: {{weekdays: [{weights}]}}}}\n"
    )
    found = problems(text)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0] == "demand.streams[0].intraday.weekdays[0]: must be at least 0; found -1"
    assert found[-1] == (
        f"… and {count - MAX_PROBLEMS:,} more problems (the first {MAX_PROBLEMS} are shown)"
    )


def test_only_the_first_unknown_ids_get_a_suggestion() -> None:
    posts = "".join(
        f"      - {{id: p{i}, name: P{i}, grade: grad{i}, rule: {{kind: fixed, count: 1}}}}\n"
        for i in range(30)
    )
    grades = "grades: [{id: grade, name: G, rank: 1}]\n"
    text = HEAD.replace("grades: [{id: g, name: G, rank: 1}]\n", grades)
    found = problems(text + f"departments:\n  - id: d\n    name: D\n    posts:\n{posts}")
    assert found[0] == "unknown grade 'grad0'; did you mean 'grade'?"
    assert sum("did you mean" in message for message in found) == 20
    assert found[-1] == "unknown grade 'grad29'"


def test_scenario_names_equal_but_for_case_are_one_name() -> None:
    text = HEAD + (
        "departments: [{id: d, name: D}]\n"
        "scenarios:\n  lean: {description: a}\n  Lean: {description: b}\n"
    )
    assert problems(text) == [
        "duplicate scenario id 'Lean': the same as scenario id 'lean' on line 6 but for case "
        "or Unicode form"
    ]
