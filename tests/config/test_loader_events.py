"""The loader reads parser events in one pass: what aliases, merges and errors give, pinned.

Positions are worked out by hand from the text (1-based line and column, a node with an
anchor starting at its ``&``), not copied from output.
"""

from __future__ import annotations

import pytest

from ccorg.config import loader
from ccorg.config.loader import KEY, MAX_DEPTH, load_yaml
from tests.config.test_loader import error_at


def test_an_alias_is_an_equal_but_separate_copy_located_at_its_anchor() -> None:
    document = load_yaml("a: &a {x: [1]}\nb: *a\n", "f.yaml")
    data, positions = document.data, document.source_map.positions
    assert data["b"] == data["a"] == {"x": [1]}
    assert data["b"] is not data["a"] and data["b"]["x"] is not data["a"]["x"]
    # Under the alias, every path points at what the anchor wrote; the key 'b' is its own.
    assert positions[("b",)] == positions[("a",)] == (1, 4)
    assert positions[("b", "x")] == (1, 11) and positions[("b", "x", KEY)] == (1, 8)
    assert positions[("b", "x", 0)] == (1, 12)
    assert positions[("b", KEY)] == (2, 1)


@pytest.mark.parametrize(
    ("text", "value_at", "key_at"),
    [
        # The value's position is the first written, the key's the last.
        ("b: &b {x: 1}\nd:\n  x: 2\n  <<: *b\n", (3, 6), (1, 8)),
        ("b: &b {x: 1}\nd:\n  <<: *b\n  x: 2\n", (1, 11), (4, 3)),
    ],
)
def test_a_merged_key_written_again_keeps_the_explicit_value(
    text: str, value_at: tuple[int, int], key_at: tuple[int, int]
) -> None:
    document = load_yaml(text, "f.yaml")
    assert document.data["d"] == {"x": 2}
    assert document.source_map.positions[("d", "x")] == value_at
    assert document.source_map.positions[("d", "x", KEY)] == key_at


def test_merged_keys_come_first_and_the_first_source_wins() -> None:
    text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc: {w: 0, <<: [*a, *b], <<: {v: 3}}\n"
    merged = load_yaml(text, "f.yaml").data["c"]
    assert list(merged.items()) == [("x", 1), ("y", 1), ("z", 2), ("v", 3), ("w", 0)]


def test_inline_merge_sources_are_located_where_written() -> None:
    document = load_yaml("c:\n  <<: {a: 1}\n  b: 2\n", "f.yaml")
    assert document.data == {"c": {"a": 1, "b": 2}}
    assert document.source_map.positions[("c", "a")] == (2, 11)
    assert ("c", "<<", KEY) not in document.source_map.positions


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("c: {<<: 5}\n", (1, 9), "'<<' merges only mappings"),
        ("s: &s [{a: 1}, 2]\nc: {<<: *s}\n", (1, 16), "'<<' merges only mappings"),
        ("c: {<<: [{a: 1}, [2]]}\n", (1, 18), "'<<' merges only mappings"),
        # An alias in a '<<' list names one mapping: a list it names is not opened again.
        ("s: &s [{a: 1}]\nc: {<<: [*s]}\n", (1, 4), "'<<' merges only mappings"),
        ("x: <<\n", (1, 4), "tag 'tag:yaml.org,2002:merge' is not allowed in a config"),
        ("1: a\n+1: b\n", (2, 1), "duplicate key '1' (first defined at line 1, col 1)"),
        # An alias used as a key is located at its anchor, as its value would be.
        ("&k a: 1\n*k : 2\n", (1, 1), "duplicate key 'a' (first defined at line 1, col 1)"),
        ("a: !!seq abc\n", (1, 4), "bad value: 'abc' is not null"),
        ("!!seq k: v\n", (1, 1), "bad key: 'k' is not null"),
        ("a: &x [*x]\n", (1, 4), "recursive alias: a node contains itself"),
        ("a: &a 1\nb: &a 2\n", (2, 4), "invalid YAML: found duplicate anchor 'a'; first "),
    ],
)
def test_refusals_are_located(text: str, where: tuple[int, int], message: str) -> None:
    line, col, said = error_at(text)
    assert (line, col) == where and said.startswith(message)


def test_each_nan_is_its_own_float() -> None:
    # Resolved scalars are remembered by their text; a NaN is not, as lists holding the same
    # NaN object would compare equal where two NaNs never do.
    data = load_yaml("a: [.nan]\nb: [.nan]\n", "f.yaml").data
    assert data["a"] != data["b"] and data["a"][0] is not data["b"][0]


def test_keys_are_the_text_of_their_core_schema_value() -> None:
    data = load_yaml("1: a\n1.50: b\ntrue: c\n~: d\n'1e3': e\n1e3: f\n", "f.yaml").data
    assert list(data) == ["1", "1.5", "True", "None", "1e3", "1000.0"]


def test_the_same_text_resolves_by_its_style_and_tag() -> None:
    data = load_yaml("a: 1\nb: '1'\nc: !!str 1\nd: 1\ne: !!float 1\nf: ! 1\n", "f.yaml").data
    assert data == {"a": 1, "b": "1", "c": "1", "d": 1, "e": 1.0, "f": 1}
    assert [type(data[k]) for k in "abcdef"] == [int, str, str, int, float, int]


def test_a_yaml_error_is_told_before_an_earlier_duplicate_key() -> None:
    # A composer reads the whole document before anything is built from it.
    line, _, message = error_at("a: 1\na: 2\nb: [\n")
    assert line == 4 and message.startswith("invalid YAML")


def test_an_alias_problem_is_told_before_an_earlier_refused_value() -> None:
    assert error_at("a: !foo 1\nb: &r [*r]\n") == (2, 4, "recursive alias: a node contains itself")
    bomb = "a: !foo 1\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]\n" for i in range(1, 7)
    )
    assert error_at(bomb) == (
        1,
        1,
        "document expands to more than 200,000 nodes through aliases",
    )


def chain(levels: int) -> str:
    """Anchors each holding a list of the one before: ``a{levels-1}`` nests ``levels + 1``
    deep once expanded (the root mapping, then one list a level, then the scalar)."""
    return "".join(f"a{i}: &a{i} [{f'*a{i - 1}' if i else 'x'}]\n" for i in range(levels))


def test_nesting_through_aliases_is_bounded_at_the_alias() -> None:
    deepest = MAX_DEPTH - 2  # a{MAX_DEPTH - 3} reaches depth MAX_DEPTH exactly
    data = load_yaml(chain(deepest), "f.yaml").data
    value, depth = data[f"a{deepest - 1}"], 2
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    assert (value, depth) == ("x", MAX_DEPTH)
    # One level more is refused where the alias that goes too deep is written.
    assert error_at(chain(deepest + 1)) == (
        deepest + 1,
        len(f"a{deepest}: &a{deepest} [") + 1,
        f"nesting deeper than {MAX_DEPTH} levels through aliases",
    )


def test_a_long_chain_of_merges_is_refused_by_size_not_by_python_recursion() -> None:
    text = "".join(f"a{i}: &a{i} {{<<: *a{i - 1}, k{i}: {i}}}\n" for i in range(1, 800))
    line, col, message = error_at("a0: &a0 {k0: 0}\n" + text)
    assert (line, col) == (1, 1) and "expands to more than" in message


SAMPLE = (
    "base: &base {x: 1, y: [2, 3.5, true, null]}\n"
    "list:\n  - *base\n  - <<: *base\n    y: '017'\n"
    "名称: 客服中心\n"
    "flow: {a: [1, {b: ~}], 'c': \"d\"}\n"
)


def test_the_pure_python_parser_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    fast = load_yaml(SAMPLE, "f.yaml")
    monkeypatch.setattr(loader, "_Parser", loader._PurePythonParser)
    slow = load_yaml(SAMPLE, "f.yaml")
    assert slow.data == fast.data and slow.data["list"][1] == {"x": 1, "y": "017"}
    assert list(slow.source_map.positions.items()) == list(fast.source_map.positions.items())


@pytest.mark.parametrize("pure_python", [False, True])
def test_refused_characters_are_located_in_characters_by_either_parser(
    monkeypatch: pytest.MonkeyPatch, pure_python: bool
) -> None:
    if pure_python:
        monkeypatch.setattr(loader, "_Parser", loader._PurePythonParser)
    assert error_at('a: 中文\nb: "x\x01"\n') == (2, 6, "character U+0001 is not allowed in YAML")
    assert error_at("- " * 100 + "x\n") == (1, 129, f"nesting deeper than {MAX_DEPTH} levels")
