"""What a Chinese input method slips into YAML is told as such, at its line and column."""

from __future__ import annotations

import pytest

from ccorg.config.ime import find_slips
from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.errors import ConfigError
from ccorg.i18n import Language, activate

GOOD = """\
center:
  id: c
  name: 客服中心
  posts: [{id: gm, name: 总经理, grade: g, rule: {kind: fixed, count: 1}}]
grades:
  - id: g
    name: 职级
    rank: 1
departments: []
"""


def problems(text: str) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(text, "f.yaml"))
    return [(p.location.line, p.location.col, p.message) for p in caught.value.problems]


def slipped(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  name: 客服中心",
            "  name：客服中心",
            (3, 7, "full-width colon '：' (U+FF1A) at line 3, col 7; YAML needs ':'"),
        ),
        (
            "  id: c\n",
            "  id：c\n",
            (2, 5, "full-width colon '：' (U+FF1A) at line 2, col 5; YAML needs ':'"),
        ),
        (
            "grade: g, rule",
            "grade: g，rule",
            (4, 39, "full-width comma '，' (U+FF0C) at line 4, col 39; YAML needs ','"),
        ),
        (
            "    name: 职级",
            "　　name: 职级",
            (7, 1, "full-width space '　' (U+3000) at line 7, col 1; YAML needs ' '"),
        ),
        (
            "  - id: g",
            "  － id: g",
            (6, 3, "full-width hyphen '－' (U+FF0D) at line 6, col 3; YAML needs '-'"),
        ),
        (
            "  posts: [",
            "  posts: ［",
            (4, 10, "full-width bracket '［' (U+FF3B) at line 4, col 10; YAML needs '['"),
        ),
    ],
)
def test_an_ime_slip_is_named_with_the_character_yaml_needs(
    old: str, new: str, expected: tuple[int, int, str]
) -> None:
    assert problems(slipped(old, new)) == [expected]


def test_a_tab_in_the_indentation() -> None:
    assert problems(slipped("    rank: 1", "\trank: 1")) == [
        (8, 1, "a tab in the indentation; YAML indents with spaces, not tabs")
    ]


def test_full_width_punctuation_in_values_is_text() -> None:
    text = slipped("  name: 客服中心", "  name: 客服中心（总行）：7×24，全年无休")
    assert find_slips(text) == []
    assert validate(load_yaml(text, "f.yaml")).center.name == "客服中心（总行）：7×24，全年无休"


def test_a_slip_does_not_hide_an_unrelated_error() -> None:
    assert problems("center:\n  id：c\n") == [
        (2, 5, "full-width colon '：' (U+FF1A) at line 2, col 5; YAML needs ':'"),
        (1, 1, "config: missing required key 'grades'"),
    ]


def test_in_chinese() -> None:
    activate(Language.zh)
    assert problems(slipped("  name: 客服中心", "  name：客服中心")) == [
        (3, 7, "第 3 行第 7 列是全角冒号 '：'（U+FF1A）；YAML 需要 ':'")
    ]
    assert problems(slipped("    rank: 1", "\trank: 1")) == [
        (8, 1, "缩进中有制表符（Tab）；YAML 只能用空格缩进")
    ]
