"""Schema and reference errors, each at its file:line:col."""

from __future__ import annotations

import textwrap

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.errors import ConfigError

BASE = """\
center:
  id: c
  name: 中心
grades:
  - {id: g, name: 职级, rank: 1, annual_cost: 100}
departments:
  - id: d
    name: 部门
    posts:
      - id: boss
        name: 经理
        grade: g
        rule: {kind: fixed, count: 1}
      - id: worker
        name: 座席
        grade: g
        reports_to: boss
        rule: {kind: fixed, count: 10}
"""


def problems(text: str) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(textwrap.dedent(text), "f.yaml"))
    return [(p.location.line, p.location.col, p.message) for p in caught.value.problems]


def test_valid_config_passes() -> None:
    config = validate(load_yaml(BASE, "f.yaml"))
    assert [post.id for _, _, post in config.located_posts()] == ["boss", "worker"]


def test_unknown_key_suggests_and_points_at_the_key() -> None:
    ((line, col, message),) = problems(BASE.replace("reports_to: boss", "report_to: boss"))
    assert (line, col) == (17, 9)
    assert "unknown key 'report_to'; did you mean 'reports_to'?" in message


def test_missing_key_points_at_parent_mapping() -> None:
    ((line, col, message),) = problems(BASE.replace("  name: 中心\n", ""))
    assert (line, col) == (2, 3)
    assert message == "center: missing required key 'name'"


@pytest.mark.parametrize(
    ("old", "new", "where", "fragment"),
    [
        ("count: 10", "count: -3", (18, 36), "must be at least 0; found -3"),
        ("count: 10", "count: .nan", (18, 36), "finite number"),
        (
            "{kind: fixed, count: 10}",
            "{kind: ratio, per: 0, of: [boss]}",
            (18, 34),
            "greater than 0",
        ),
        ("{kind: fixed, count: 10}", "{kind: share, count: 1}", (18, 15), "'share'"),
        ("annual_cost: 100", "annual_cost: .inf", (5, 45), "finite number"),
    ],
)
def test_bad_values_located(old: str, new: str, where: tuple[int, int], fragment: str) -> None:
    ((line, col, message),) = problems(BASE.replace(old, new))
    assert (line, col) == where
    assert fragment in message


def test_unknown_references_with_suggestions() -> None:
    found = problems(
        BASE.replace("reports_to: boss", "reports_to: bos").replace(
            "grade: g\n        rule: {kind: fixed, count: 1}",
            "grade: gg\n        rule: {kind: fixed, count: 1}",
        )
    )
    assert (12, 16, "unknown grade 'gg'; did you mean 'g'?") in found
    assert (17, 21, "unknown post 'bos'; did you mean 'boss'?") in found


def test_duplicate_post_id() -> None:
    found = problems(BASE.replace("id: worker", "id: boss"))
    assert found[0] == (14, 13, "duplicate post id 'boss' (first on line 10)")


@pytest.mark.parametrize(
    ("twin", "shown"),
    [
        ("Boss", "'Boss'"),  # case
        ("BOSS", "'BOSS'"),
        (
            "ｂｏｓｓ",  # full-width letters: the same once normalized (NFKC)
            "'ｂｏｓｓ' (U+FF42 FULLWIDTH LATIN SMALL LETTER B, U+FF4F FULLWIDTH LATIN SMALL "
            "LETTER O, …)",
        ),
    ],
)
def test_ids_differing_only_by_case_or_unicode_form_are_duplicates(twin: str, shown: str) -> None:
    found = problems(
        BASE.replace("id: worker", f"id: {twin}").replace("        reports_to: boss\n", "")
    )
    assert found == [
        (
            14,
            13,
            f"duplicate post id {shown}: the same as post id 'boss' on line 10 but for case "
            "or Unicode form",
        )
    ]


def test_the_kelvin_sign_is_a_k() -> None:
    text = BASE.replace("id: boss", "id: kpi").replace("id: worker", "id: \u212api")
    text = text.replace("        reports_to: boss\n", "")
    assert problems(text) == [
        (
            14,
            13,
            "duplicate post id '\u212api' (U+212A KELVIN SIGN): the same as post id 'kpi' on line "
            "10 but for case or Unicode form",
        )
    ]


def test_a_post_and_a_department_may_not_share_an_id() -> None:
    found = problems(BASE.replace("id: worker", "id: D").replace("        reports_to: boss\n", ""))
    assert found == [
        (
            14,
            13,
            "duplicate post id 'D': the same as department id 'd' on line 7 but for case or "
            "Unicode form",
        )
    ]


def test_a_grade_and_a_post_may_share_an_id() -> None:
    validate(load_yaml(BASE.replace("id: g,", "id: boss,").replace("grade: g", "grade: boss"), "f"))


def test_reporting_loop() -> None:
    text = BASE.replace(
        "        rule: {kind: fixed, count: 1}",
        "        reports_to: worker\n        rule: {kind: fixed, count: 1}",
    )
    ((_, _, message),) = problems(text)
    assert message == "reporting line loops: boss -> worker -> boss"


def test_top_level_must_be_a_mapping() -> None:
    ((line, col, message),) = problems("- a\n- b\n")
    assert (line, col) == (1, 1)
    assert "found a list" in message


def test_concurrent_needs_exactly_one_holder() -> None:
    text = BASE.replace("{kind: fixed, count: 1}", "{kind: concurrent}")
    ((_, _, message),) = problems(text)
    assert "exactly one of 'held_by'" in message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "count: 10",
            "count: 1:12",
            "expected a whole number, found the text '1:12'; write one number for 'count'",
        ),
        (
            "count: 10",
            "count: 017",
            "expected a whole number, found the text '017'; did you mean 'count: 17'? "
            "(a leading 0 is not read as octal)",
        ),
        (
            "count: 10",
            "count: 0x64",
            "expected a whole number, found the text '0x64'; write it in decimal: 'count: 100'",
        ),
        ("count: 10", "count: no", "expected a whole number, found the text 'no'"),
        ("count: 10", 'count: "10"', "expected a whole number, found the text '10'; write it"),
        ("count: 10", "count: 10.5", "expected a whole number, found 10.5"),
        ("count: 10", "count: true", "expected a whole number, found true"),
    ],
)
def test_numbers_are_never_read_from_text(old: str, new: str, message: str) -> None:
    ((line, col, found),) = problems(BASE.replace(old, new))
    assert (line, col) == (18, 36)
    assert found.startswith(f"departments[0].posts[1].rule.count: {message}")
