"""The YAML door: safe, bounded, and every error located at (line, col)."""

from __future__ import annotations

import contextlib

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
