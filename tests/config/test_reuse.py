"""A scenario validated on its base is the config validated from scratch, at the cost of
what it changes: the parts it leaves alone are the base's own objects, and its reference
errors are the same ones, at the same places."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.scenarios import apply_scenario
from ccorg.config.validate import validate
from ccorg.errors import ConfigError
from tests.config.test_scenarios import BASE as SCENARIOS_BASE

# The scenarios tests' config, with a post reporting to a ratio post and a department of
# its own counting another.
BASE = SCENARIOS_BASE.replace(
    "  - id: quality\n    name: 品质部\n",
    "      - {id: deputy, name: 副组长, grade: manager, reports_to: lead,\n"
    "         rule: {kind: ratio, per: 2, of: [lead]}}\n"
    "  - id: quality\n    name: 品质部\n    posts:\n"
    "      - {id: qa, name: 质检, grade: agent, reports_to: head,\n"
    "         rule: {kind: ratio, per: 20, of: [ops]}}\n",
)


def both_ways(scenario: str) -> tuple[object, object, object]:
    """Scenario ``s`` validated on its base and from scratch (each a Config or the
    problems it raised), and the base."""
    text = BASE + "scenarios:\n  s:\n" + textwrap.indent(textwrap.dedent(scenario), "    ")
    document = load_yaml(text, "c.yaml")
    base = validate(document)
    results = []
    for reuse in ((document.data, base), None):
        overlaid = apply_scenario(document, base, "s")
        try:
            results.append(validate(overlaid, reuse))
        except ConfigError as error:
            results.append([str(p) for p in error.problems])
    return results[0], results[1], base


@pytest.mark.parametrize(
    "scenario",
    [
        "set:\n  posts/agent: {rule: {count: 150}}\n",  # one post of a department
        "set:\n  quality: {name: 质量部}\n",  # a department, its posts untouched
        "set:\n  hq: {name: 总部}\n",  # the center
        "set:\n  grades/agent: {annual_cost: 90000}\n",
        "remove: [deputy]\n",  # later posts move up
        "add:\n  ops.posts:\n    - {id: extra, name: X, grade: agent, rule: {kind: fixed, count: 1}}\n",
    ],
)
def test_a_sound_scenario_is_the_config_validated_from_scratch(scenario: str) -> None:
    reused, scratch, _ = both_ways(scenario)
    assert reused == scratch


@pytest.mark.parametrize(
    "scenario",
    [
        # Each breaks a reference: in a post the scenario changed, or in one it left alone
        # (a removed or renamed id), or through a loop one changed post closes.
        "set:\n  lead: {reports_to: deputy}\n",
        "set:\n  head: {reports_to: qa}\n  qa: {reports_to: head}\n",
        "set:\n  deputy: {grade: nobody}\n",
        "remove: [lead]\n",
        "remove: [posts/agent]\nadd:\n  ops.posts:\n"
        "    - {id: agents, name: X, grade: agent, rule: {kind: fixed, count: 1}}\n",
        "add:\n  quality.posts:\n    - {id: Agent, name: X, grade: agent, rule: {kind: fixed, count: 1}}\n",
        "add:\n  ops.posts:\n    - {id: q2, name: X, grade: agent, rule: {kind: ratio, per: 1, of: [nope]}}\n",
    ],
)
def test_a_broken_scenario_gives_the_problems_validating_from_scratch_gives(
    scenario: str,
) -> None:
    reused, scratch, _ = both_ways(scenario)
    assert isinstance(scratch, list) and scratch  # the case does break something
    assert reused == scratch


def test_what_a_scenario_leaves_alone_is_the_base_s_own_objects() -> None:
    reused, _, base = both_ways("set:\n  posts/agent: {rule: {count: 150}}\n")
    assert not isinstance(reused, list) and not isinstance(base, list)
    ops, quality = reused.departments  # type: ignore[attr-defined]
    assert quality is base.departments[1]  # type: ignore[attr-defined]
    assert ops is not base.departments[0]  # type: ignore[attr-defined]
    assert ops.posts[0].rule.count == 150
    assert ops.posts[0] is not base.departments[0].posts[0]  # type: ignore[attr-defined]
    assert ops.posts[1:] == base.departments[0].posts[1:]  # type: ignore[attr-defined]
    assert all(
        mine is theirs
        for mine, theirs in zip(ops.posts[1:], base.departments[0].posts[1:], strict=True)  # type: ignore[attr-defined]
    )
    assert reused.grades[0] is base.grades[0]  # type: ignore[attr-defined]
    assert reused.center is base.center  # type: ignore[attr-defined]


def test_the_posts_are_located_where_the_scenario_config_holds_them() -> None:
    reused, scratch, _ = both_ways(
        "remove: [head]\nset:\n  lead: {reports_to: null}\n  qa: {reports_to: null}\n"
    )
    assert not isinstance(reused, list) and not isinstance(scratch, list)
    assert [(path, post.id) for path, _, post in reused.located_posts()] == [  # type: ignore[attr-defined]
        (path, post.id)
        for path, _, post in scratch.located_posts()  # type: ignore[attr-defined]
    ]
    assert next(p for p, _, _ in reused.located_posts()) == ("departments", 0, "posts", 0)  # type: ignore[attr-defined]


def test_the_bank_s_scenarios_are_the_configs_validated_from_scratch() -> None:
    document = load_yaml(Path("configs/bank.yaml").read_bytes(), "configs/bank.yaml")
    base = validate(document)
    assert base.scenarios
    for name in base.scenarios:
        overlaid = apply_scenario(document, base, name)
        assert validate(overlaid, (document.data, base)) == validate(overlaid)
