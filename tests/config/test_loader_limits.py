"""The loader's libyaml fast path keeps positions in characters and bounds what it builds."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.errors import ConfigError, Location


def problem_of(text: str) -> tuple[Location, str]:
    with pytest.raises(ConfigError) as caught:
        load_yaml(text.encode(), "x.yaml")
    (problem,) = caught.value.problems
    return problem.location, problem.message


def test_columns_count_characters_not_bytes() -> None:
    location, message = problem_of("名称: 客服中心: 一\n")
    assert location == Location("x.yaml", 1, 9)
    assert "mapping values are not allowed" in message


def test_positions_of_nodes_after_cjk_text() -> None:
    document = load_yaml("a: 中文\nb: [1, 二, 3]\n".encode(), "x.yaml")
    assert document.data == {"a": "中文", "b": [1, "二", 3]}
    assert document.source_map.locate(("b", 2)) == Location("x.yaml", 2, 11)


def test_block_nesting_is_bounded_before_python_recursion() -> None:
    location, message = problem_of("- " * 10_000 + "x\n")
    assert message == "nesting deeper than 64 levels"
    assert location == Location("x.yaml", 1, 129)


def test_control_characters_are_located_in_characters() -> None:
    location, message = problem_of('a: 中文\nb: "x\x01"\n')
    assert location == Location("x.yaml", 2, 6)
    assert message == "character U+0001 is not allowed in YAML"


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_a_flat_list_past_the_node_limit_is_refused_while_composing(shape: str) -> None:
    # No alias anywhere: the message names the limit, not aliases; composition stops at it.
    count = 250_000
    text = "x: [" + ",".join(["1"] * count) + "]\n" if shape == "flow" else "x:\n" + "- 1\n" * count
    with pytest.raises(ConfigError) as caught:
        load_yaml(text, "f.yaml")
    (problem,) = caught.value.problems
    assert problem.message == "more than 200,000 values (the limit of a config)"
    assert problem.location.line == (1 if shape == "flow" else 199_999)
