"""Headcount rules: fixed, ratio (stacked, multi-post, whole department/center), concurrent."""

from __future__ import annotations

import textwrap

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.plan import Plan
from ccorg.staffing.headcount import HeadcountCycleError, build_plan, resolution_order


def plan_of(posts_yaml: str, extra_departments: str = "") -> Plan:
    text = (
        textwrap.dedent("""\
        center:
          id: c
          name: 中心
          posts:
            - {id: head, name: 总经理, grade: g, rule: {kind: concurrent, held_by: 行长}}
        grades:
          - {id: g, name: 职级, rank: 1, annual_cost: 1000}
        departments:
          - id: ops
            name: 运营部
            posts:
        """)
        + textwrap.indent(textwrap.dedent(posts_yaml), "      ")
        + extra_departments
    )
    return build_plan(validate(load_yaml(text, "t.yaml")))


def test_stacked_ratios_with_minimum() -> None:
    plan = plan_of("""\
        - {id: agent, name: 座席, grade: g, rule: {kind: fixed, count: 57}}
        - {id: lead, name: 组长, grade: g, rule: {kind: ratio, per: 12, of: [agent]}, min: 6}
        - {id: sup, name: 主管, grade: g, rule: {kind: ratio, per: 5, of: [lead]}, min: 2}
        """)
    lead, sup = plan.post("lead"), plan.post("sup")
    assert (lead.requirement, lead.headcount) == (57 / 12, 6)
    assert lead.basis == "⌈57 ÷ 12⌉ = 5 → min 6"
    assert (sup.headcount, sup.basis) == (2, "⌈6 ÷ 5⌉ = 2")
    assert plan.total_headcount == 57 + 6 + 2
    assert plan.post("head").basis == "兼任 · 0 (held by 行长)"


def test_exact_division_never_rounds_up() -> None:
    plan = plan_of("""\
        - {id: agent, name: 座席, grade: g, rule: {kind: fixed, count: 60}}
        - {id: lead, name: 组长, grade: g, rule: {kind: ratio, per: 12, of: [agent]}}
        - {id: qa, name: 质检, grade: g, rule: {kind: ratio, per: 0.1, of: [lead]}}
        """)
    assert plan.post("lead").headcount == 5
    assert plan.post("qa").headcount == 50


@pytest.mark.parametrize(("rounding", "expected"), [("up", 5), ("nearest", 5), ("down", 4)])
def test_rounding_modes(rounding: str, expected: int) -> None:
    plan = plan_of(f"""\
        - {{id: agent, name: 座席, grade: g, rule: {{kind: fixed, count: 57}}}}
        - {{id: lead, name: 组长, grade: g, rule: {{kind: ratio, per: 12, of: [agent]}},
           rounding: {rounding}}}
        """)
    assert plan.post("lead").headcount == expected


def test_max_caps() -> None:
    plan = plan_of("""\
        - {id: agent, name: 座席, grade: g, rule: {kind: fixed, count: 100}}
        - {id: lead, name: 组长, grade: g, rule: {kind: ratio, per: 10, of: [agent]}, max: 8}
        """)
    assert (plan.post("lead").headcount, plan.post("lead").basis) == (8, "⌈100 ÷ 10⌉ = 10 → max 8")


def test_ratio_of_several_posts_department_and_center() -> None:
    plan = plan_of(
        """\
        - {id: agent, name: 座席, grade: g, rule: {kind: fixed, count: 40}}
        - {id: outbound, name: 外呼, grade: g, rule: {kind: fixed, count: 20}}
        - {id: qa, name: 质检, grade: g, rule: {kind: ratio, per: 25, of: [agent, outbound]}}
        """,
        textwrap.indent(
            textwrap.dedent("""\
          - id: general
            name: 综合部
            posts:
              - {id: hr, name: 人事, grade: g, rule: {kind: ratio, per: 10, of: [c]}}
              - {id: ops_share, name: 文员, grade: g, rule: {kind: ratio, per: 30, of: [ops]}}
        """),
            "  ",
        ),
    )
    assert plan.post("qa").basis == "⌈60 ÷ 25⌉ = 3"
    assert plan.post("ops_share").headcount == 3  # ⌈63 ÷ 30⌉
    assert plan.post("hr").basis == "⌈66 ÷ 10⌉ = 7"  # every post of the center but itself


def test_totals_sum_and_costs() -> None:
    plan = plan_of("""\
        - {id: agent, name: 座席, grade: g, rule: {kind: fixed, count: 9}, current: 7}
        - {id: lead, name: 组长, grade: g, rule: {kind: ratio, per: 8, of: [agent]}, current: 3}
        """)
    (ops,) = plan.departments
    assert ops.headcount == 9 + 2 == plan.total_headcount
    assert plan.total_cost == 11 * 1000
    assert (plan.post("agent").gap, plan.post("lead").gap) == (2, -1)
    assert ops.current == plan.total_current == 10


def test_ratio_cycle_reported_with_path() -> None:
    with pytest.raises(HeadcountCycleError) as caught:
        plan_of("""\
            - {id: a, name: 甲, grade: g, rule: {kind: ratio, per: 2, of: [b]}}
            - {id: b, name: 乙, grade: g, rule: {kind: ratio, per: 2, of: [a]}}
            """)
    assert caught.value.cycle == ["a", "b", "a"]


def test_resolution_order_handles_deep_chains() -> None:
    chain = {f"p{i}": [f"p{i + 1}"] for i in range(5000)} | {"p5000": []}
    order = resolution_order(chain)
    assert order[0] == "p5000" and order[-1] == "p0"
