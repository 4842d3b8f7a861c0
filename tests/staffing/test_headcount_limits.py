"""Runaway numbers become located errors, never an overflow."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location
from ccorg.pipeline import LoadedConfig, plan_config

STACKED = """\
center:
  id: c
  name: C
  posts:
    - {id: agent, name: A, grade: g, rule: {kind: fixed, count: 10}}
{stack}
grades: [{id: g, name: G, rank: 1}]
"""


def stacked_ratios(levels: int, per: float) -> str:
    lines = [
        f"    - {{id: l{i}, name: L{i}, grade: g, rule: {{kind: ratio, per: {per}, "
        f"of: [{'agent' if i == 0 else f'l{i - 1}'}]}}}}"
        for i in range(levels)
    ]
    return STACKED.replace("{stack}", "\n".join(lines))


def plan_text(text: str) -> None:
    document = load_yaml(text.encode(), "x.yaml")
    plan_config(LoadedConfig(validate(document), document.source_map))


def test_a_ratio_stack_that_explodes_is_a_located_value_error() -> None:
    with pytest.raises(ConfigError) as caught:
        plan_text(stacked_ratios(levels=60, per=0.001))
    (problem,) = caught.value.problems
    assert problem.code == "value"
    assert problem.location == Location("x.yaml", 7, 42)
    assert problem.message == (
        "post 'l1' requires 1e+07 people, more than 1,000,000; check its ratio"
    )


def test_people_counts_are_bounded_by_the_schema() -> None:
    text = STACKED.replace("count: 10", "count: " + "9" * 400).replace("{stack}", "")
    with pytest.raises(ConfigError) as caught:
        plan_text(text)
    (problem,) = caught.value.problems
    assert problem.location == Location("x.yaml", 5, 65)
    assert "must be at most 1,000,000" in problem.message
