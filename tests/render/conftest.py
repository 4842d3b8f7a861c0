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


Tree = set[tuple[str, str]]


def reporting_tree(plan: Plan) -> Tree:
    """The chart's edges by definition, as ``kind:id`` pairs (``dept:ops``, ``post:agent``).

    A post hangs from its manager when the manager is in its own group (the center's posts, or
    one department), else from the group; a department from its parent, else the center.
    """
    center = f"center:{plan.center_id}"
    edges: Tree = set()
    groups = [(center, plan.posts)] + [(f"dept:{d.id}", d.posts) for d in plan.departments]
    for group, posts in groups:
        ids = {post.id for post in posts}
        for post in posts:
            manager = post.post.reports_to
            edges.add((f"post:{manager}" if manager in ids else group, f"post:{post.id}"))
    for department in plan.departments:
        parent = department.department.parent
        edges.add((f"dept:{parent}" if parent else center, f"dept:{department.id}"))
    return edges


@pytest.fixture(scope="session")
def tree_of():
    return reporting_tree
