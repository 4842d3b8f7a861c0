"""The YAML door: safe, bounded, and every error located at (line, col)."""

from __future__ import annotations

import contextlib
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ccorg.config.loader import KEY, MAX_NODES, load_yaml, read_source
from ccorg.errors import ConfigError, UsageError


def error_at(text: str | bytes) -> tuple[int | None, int | None, str]:
    with pytest.raises(ConfigError) as caught:
        load_yaml(text, "f.yaml")
    (problem,) = caught.value.problems
    return problem.location.line, problem.location.col, problem.message


def test_plain_values_and_positions() -> None:
    document = load_yaml("a: 1\nb:\n  - x\n  - {c: 2.5, d: null}\n", "f.yaml")
    assert document.data == {"a": 1, "b": ["x", {"c": 2.5, "d": None}]}
    assert document.source_map.positions[("b", 1, "c")] == (4, 9)
    assert document.source_map.positions[("b", KEY)] == (2, 1)
    assert str(document.source_map.locate(("b", 1, "missing"))) == "f.yaml:4:5"


def test_duplicate_key_names_both_lines() -> None:
    line, col, message = error_at("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert (line, col) == (4, 3)
    assert "duplicate key 'c'" in message and "line 3" in message


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a: !!python/object:os.system {}\n", (1, 4)),
        ("a: !custom x\n", (1, 4)),
        ("a: !!binary aGVsbG8=\n", (1, 4)),
        ("a: [1, 2\n", (2, 1)),
        ("a: 1\n---\nb: 2\n", (2, 1)),
        ("a: &x [*x]\n", (1, 4)),
        ("a: *nowhere\n", (1, 4)),
        ("? [1, 2]\n: v\n", (1, 3)),
    ],
)
def test_refused_at(text: str, where: tuple[int, int]) -> None:
    line, col, _ = error_at(text)
    assert (line, col) == where


def test_billion_laughs_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}]\n"
        for i in range(8)
    )
    assert len(bomb.encode()) < 700
    _, _, message = error_at(bomb)
    assert f"more than {MAX_NODES:,} nodes" in message


def test_merge_keys_merge_and_explicit_keys_win() -> None:
    document = load_yaml("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", "f.yaml")
    assert document.data["c"] == {"x": 1, "y": 3}


def test_merge_bomb_refused() -> None:
    lines = ["l0: &l0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}"]
    for i in range(1, 9):
        refs = ", ".join(f"k{j}: *l{i - 1}" for j in range(10))
        lines.append(f"l{i}: &l{i} {{{refs}}}")
    _, _, message = error_at("\n".join(lines) + "\n")
    assert "nodes" in message


def test_deep_nesting_refused_not_crashing() -> None:
    line, _, message = error_at("a: " + "[" * 10_000 + "]" * 10_000 + "\n")
    assert line == 1 and "nesting deeper" in message


def test_invalid_utf8_located() -> None:
    assert error_at(b"a: 1\nb: \xff\xfe\n")[:2] == (2, 4)


def test_nul_byte_is_binary() -> None:
    assert "binary" in error_at(b"a: 1\n\x00\x01\x02")[2]


def test_empty_and_comment_only_files_are_empty_documents() -> None:
    assert load_yaml("", "f.yaml").data is None
    assert load_yaml("# just a comment\n", "f.yaml").data is None


def test_dates_stay_text() -> None:
    assert load_yaml("d: 2025-01-01\n", "f.yaml").data == {"d": "2025-01-01"}


def test_read_source_refuses_missing_and_directories(tmp_path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        read_source(str(tmp_path / "nope.yaml"))
    with pytest.raises(UsageError, match="is a directory"):
        read_source(str(tmp_path))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_raises_only_our_error(text: str) -> None:
    try:
        load_yaml(text, "f.yaml")
    except ConfigError as error:
        assert all(p.location.path == "f.yaml" for p in error.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_raise_only_our_error(raw: bytes) -> None:
    with contextlib.suppress(ConfigError):
        load_yaml(raw, "f.yaml")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 forms PyYAML would read as numbers, booleans or dates: text here.
        ("1:12", "1:12"),
        ("017", "017"),
        ("0x64", "0x64"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("2025-01-01", "2025-01-01"),
        # The YAML 1.2 core schema.
        ("0", 0),
        ("-3", -3),
        ("+12", 12),
        ("1.5", 1.5),
        ("1e40", 1e40),
        ("-2.5E-3", -2.5e-3),
        (".5", 0.5),
        ("true", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_plain_scalars_resolve_by_the_yaml_1_2_core_schema(text: str, value: object) -> None:
    data = load_yaml(f"x: {text}\n", "f.yaml").data
    assert data == {"x": value} and type(data["x"]) is type(value)


def test_infinity_and_nan_are_floats_for_the_schema_to_refuse() -> None:
    data = load_yaml("a: .inf\nb: -.Inf\nc: .nan\n", "f.yaml").data
    assert data["a"] == math.inf and data["b"] == -math.inf and math.isnan(data["c"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x: !!int 0x64\n", "f.yaml:1:4: bad value: '0x64' is not a decimal integer"),
        ("x: !!bool yes\n", "f.yaml:1:4: bad value: 'yes' is not true or false"),
        ("x: " + "9" * 5000 + "\n", "f.yaml:1:4: bad value: a number of 5,000 digits, past any"),
    ],
)
def test_explicit_tags_and_absurd_integers_are_located_errors(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_yaml(text, "f.yaml")
    assert str(caught.value).startswith(message)
