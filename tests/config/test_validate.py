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
    assert found[0] == (14, 13, "duplicate post id 'boss'")


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
