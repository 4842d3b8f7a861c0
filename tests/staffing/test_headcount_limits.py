"""Runaway numbers become located errors, never an overflow."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location
from ccorg.i18n import Language, activate
from ccorg.pipeline import LoadedConfig, load_document, load_scenario, plan_config

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
    text = stacked_ratios(levels=60, per=0.001)
    with pytest.raises(ConfigError) as caught:
        plan_text(text)
    (problem,) = caught.value.problems
    assert problem.code == "value"
    # At the ratio's `per`, the number to check.
    line = text.splitlines()[6]
    assert problem.location == Location("x.yaml", 7, line.index("per: ") + len("per: ") + 1)
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


def test_a_scenario_that_makes_a_ratio_explode_is_named_and_located_where_it_says_so() -> None:
    scenario = "scenarios:\n  tiny:\n    set:\n      l0:\n        rule: {per: 1e-300}\n"
    text = stacked_ratios(levels=1, per=10) + scenario
    document = load_yaml(text.encode(), "x.yaml")
    base = load_document(document, None, "x.yaml")
    plan_config(base)  # the base plans: 1 per 10 of 10 agents
    with pytest.raises(ConfigError) as caught:
        plan_config(load_scenario(document, base, "tiny", "x.yaml"))
    (problem,) = caught.value.problems
    line = text.splitlines().index("        rule: {per: 1e-300}") + 1
    assert problem.location == Location("x.yaml", line, len("        rule: {per: ") + 1)
    assert problem.message == (
        "post 'l0' requires 1e+301 people, more than 1,000,000; check its ratio"
        " (with scenario 'tiny')"
    )
    activate(Language.zh)  # as --lang zh; the autouse fixture speaks English again after
    with pytest.raises(ConfigError) as caught:
        plan_config(load_scenario(document, base, "tiny", "x.yaml"))
    assert caught.value.problems[0].message == (
        "岗位 'l0' 需要 1e+301 人，超过 1,000,000；请检查其比例（在情景 'tiny' 下）"
    )
