"""Plans for the renderers' tests: the seed bank, and a small config full of awkward cases."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.pipeline import LoadedConfig, plan_config, plan_file
from ccorg.plan import Plan

BANK = Path(__file__).resolve().parents[2] / "configs" / "bank.yaml"

# Names a sheet, a chart or a table must survive: quotes, brackets, '#', a formula, a control
# character, Excel's forbidden sheet characters, a name past 31 characters, a department named
# like the summary sheet; ids that are CJK, reserved words or collide once made ASCII; a
# sub-department, a concurrent post, an uncosted grade, people in post, an empty department.
AWKWARD = """
version: 1
center:
  id: hq
  name: 总部
  posts:
    - {id: boss, name: 主任, grade: g1, rule: {kind: fixed, count: 1}, current: 1}
    - id: deputy
      name: 副主任
      grade: g1
      reports_to: boss
      rule: {kind: concurrent, held_by_post: boss}
grades:
  - {id: g1, name: 一级, rank: 1, annual_cost: 500000}
  - {id: g2, name: 二级, rank: 2, annual_cost: 120000.5}
  - {id: unpaid, name: 见习, rank: 3}
departments:
  - id: a-b
    name: "服务/质量: [A] *?"
    posts:
      - id: lead
        name: '组长 "甲" [1] #2 <b>'
        grade: g2
        reports_to: boss
        rule: {kind: fixed, count: 2}
        current: 3
      - id: agent
        name: 座席
        grade: g2
        reports_to: lead
        rule: {kind: ratio, per: 1, of: [客服]}
  - id: a_b
    name: 一个非常非常长的部门名称用来测试工作表名称长度限制的情况再加几个字
    parent: a-b
    posts:
      - {id: 客服, name: "=1+1", grade: unpaid, reports_to: lead, rule: {kind: fixed, count: 3}}
      - id: end
        name: "见习\\a生"
        grade: g2
        reports_to: 客服
        rule: {kind: fixed, count: 1}
        current: 0
  - id: empty
    name: summary
"""


def plan_of(text: str) -> Plan:
    """The plan of a config given as YAML text."""
    document = load_yaml(text, "test.yaml")
    return plan_config(LoadedConfig(validate(document), document.source_map))


@pytest.fixture(scope="session")
def bank() -> Plan:
    return plan_file(str(BANK))


@pytest.fixture(scope="session")
def awkward() -> Plan:
    return plan_of(AWKWARD)


SITES = Path(__file__).resolve().parents[2] / "configs" / "examples" / "two_sites.yaml"


@pytest.fixture(scope="session")
def sites() -> Plan:
    """运营部 with two sites (上海站点, 成都站点) as sub-departments, 编制 and a budget."""
    return plan_file(str(SITES))


Lines = set[tuple[str, str, bool]]


def reporting_lines(plan: Plan) -> Lines:
    """The reporting lines by definition, as ``(manager, post, dashed)`` of ``kind:id`` names.

    A post's line runs from the post it reports to, or from the center when it reports to no
    one, whatever department either sits in; it is dashed when the post is concurrent (兼任).
    Read from the config's posts, not from the chart code.
    """
    center = f"center:{plan.center_id}"
    posts = [post.post for post in plan.all_posts()]
    return {
        (
            center if post.reports_to is None else f"post:{post.reports_to}",
            f"post:{post.id}",
            post.rule.kind == "concurrent",
        )
        for post in posts
    }


def department_nesting(plan: Plan) -> dict[str, str | None]:
    """Each department's parent department (None at the top), by definition."""
    return {d.id: d.department.parent for d in plan.departments}


@pytest.fixture(scope="session")
def lines_of():
    return reporting_lines


@pytest.fixture(scope="session")
def nesting_of():
    return department_nesting
