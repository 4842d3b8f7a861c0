"""The org chart's model: one tree by reporting line, departments placed where they report."""

from __future__ import annotations

import re

from ccorg.config.schema import ConcurrentRule
from ccorg.render.org_chart import OrgChart, org_chart
from ccorg.render.plan_json import plan_to_dict
from tests.render.conftest import plan_of

KIND = {"center": "center", "department": "dept", "post": "post"}


def names(chart: OrgChart) -> dict[str, str]:
    return {node.key: f"{KIND[node.kind]}:{node.id}" for node in chart.nodes}


def drawn_lines(chart: OrgChart) -> set[tuple[str, str, bool]]:
    name = names(chart)
    return {(name[a], name[b], chart.node(b).concurrent) for a, b in chart.edges}


def tree(chart: OrgChart) -> set[tuple[str, str]]:
    name = names(chart)
    return {(name[parent], name[child]) for child, parent in chart.parent.items()}


def test_edges_are_the_reporting_lines(bank, awkward, sites, lines_of):
    for plan in (bank, awkward, sites):
        chart = org_chart(plan)
        assert drawn_lines(chart) == lines_of(plan)
        assert len(chart.edges) == len(plan.all_posts())


def test_bank_deputy_gm_holds_the_five_departments(bank):
    chart = org_chart(bank)
    under_dgm = [node.name for node in chart.children("p_dgm")]
    assert under_dgm == ["运营部", "品质部", "支撑部", "营销部", "综合部"]
    assert [n.key for n in chart.children("d_ops")] == ["p_ops_manager"]
    assert [n.key for n in chart.children("c_kfzx")] == ["p_gm"]
    assert [n.key for n in chart.children("p_gm")] == ["p_dgm"]
    # Depth first: a manager, then everyone under it, before its next sibling.
    assert [node.key for node in chart.nodes[:8]] == [
        "c_kfzx",
        "p_gm",
        "p_dgm",
        "d_ops",
        "p_ops_manager",
        "p_ops_supervisor",
        "p_team_leader",
        "p_agent",
    ]
    assert chart.depth("p_agent") == 7
    assert chart.node("c_kfzx").headcount == bank.total_headcount
    assert (
        chart.node("d_ops").label
        == f"运营部 ×{next(d.headcount for d in bank.departments if d.id == 'ops')}"
    )
    assert chart.node("p_team_leader").label == "业务组组长 ×6"
    assert chart.node("p_gm").label == "总经理 ×0 · 兼任"


def test_sites_sit_in_their_department_under_its_manager(sites):
    chart = org_chart(sites)
    assert [n.name for n in chart.children("p_ops_manager")] == ["运营助理", "上海站点", "成都站点"]
    assert [n.key for n in chart.children("d_shanghai")] == ["p_sh_supervisor"]
    assert chart.node("d_shanghai").cluster == "d_ops"
    assert chart.node("p_sh_agent").cluster == "d_shanghai"
    document = {d["id"]: d for d in plan_to_dict(sites)["departments"]}
    ops = chart.node("d_ops")
    assert (ops.headcount, ops.total) == (3, 324)
    assert (ops.headcount, ops.total) == (
        document["ops"]["headcount"],
        document["ops"]["total_headcount"],
    )
    assert ops.label == "运营部 ×324 (own 3)"


def test_every_post_once_and_concurrent_marked(bank, awkward, sites):
    for plan in (bank, awkward, sites):
        chart = org_chart(plan)
        post_ids = [node.id for node in chart.nodes if node.kind == "post"]
        assert sorted(post_ids) == sorted(p.id for p in plan.all_posts())
        assert set(chart.parent) == {node.key for node in chart.nodes} - {chart.root.key}
        concurrent = {n.id for n in chart.nodes if n.concurrent}
        assert concurrent == {
            p.id for p in plan.all_posts() if isinstance(p.post.rule, ConcurrentRule)
        }


def test_sub_department_under_the_manager_in_its_parent(awkward):
    chart = org_chart(awkward)
    assert tree(chart) >= {
        ("post:boss", "dept:a-b"),
        ("dept:a-b", "post:lead"),
        ("post:lead", "dept:a_b"),
        ("dept:a_b", "post:客服"),
        ("center:hq", "dept:empty"),
    }


CROSSED = """
center:
  id: c
  name: C
  posts: [{id: head, name: 主任, grade: g, rule: {kind: fixed, count: 1}}]
grades: [{id: g, name: G, rank: 1}]
departments:
  - id: x
    name: X
    posts:
      - {id: x_top, name: X头, grade: g, reports_to: y_mid, rule: {kind: fixed, count: 1}}
      - {id: x_low, name: X员, grade: g, reports_to: x_top, rule: {kind: fixed, count: 1}}
  - id: y
    name: Y
    posts:
      - {id: y_side, name: Y侧, grade: g, reports_to: x_low, rule: {kind: fixed, count: 1}}
      - {id: y_top, name: Y头, grade: g, reports_to: head, rule: {kind: fixed, count: 1}}
      - {id: y_mid, name: Y中, grade: g, reports_to: y_top, rule: {kind: fixed, count: 1}}
  - id: site
    name: 站点
    parent: x
    posts:
      - {id: s_root, name: 站长, grade: g, rule: {kind: fixed, count: 1}}
"""


def test_departments_reporting_into_each_other(lines_of):
    """x's head reports into y, and y's first post into x: each department hangs where its
    first outside line leads, and a post whose line goes elsewhere is drawn under its manager,
    naming its department."""
    plan = plan_of(CROSSED)
    chart = org_chart(plan)
    assert drawn_lines(chart) == lines_of(plan)
    assert tree(chart) >= {
        ("post:head", "post:y_top"),
        ("post:y_mid", "dept:x"),
        ("dept:x", "post:x_top"),
        ("post:x_low", "dept:y"),
        ("dept:y", "post:y_side"),
        ("dept:x", "dept:site"),
    }
    assert chart.node("p_y_top").away_from == "Y"
    assert chart.node("p_x_top").away_from is None


def test_a_head_reporting_into_its_own_sub_department_does_not_loop():
    text = CROSSED.replace("reports_to: y_mid", "reports_to: s_root")
    chart = org_chart(plan_of(text))
    # x cannot hang below its own site: it stays at the top; its head under the site's post.
    assert ("center:c", "dept:x") in tree(chart)
    assert ("post:s_root", "post:x_top") in tree(chart)
    assert chart.node("p_x_top").away_from == "X"
    assert len(chart.nodes) == len(chart.parent) + 1


def test_keys_are_unique_ascii_identifiers_even_when_ids_collide(awkward):
    keys = [node.key for node in org_chart(awkward).nodes]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) for key in keys)
    by_id = {node.id: node.key for node in org_chart(awkward).nodes}
    # 'a-b' and 'a_b' would both be d_a_b; CJK ids spell their code points.
    assert (by_id["a-b"], by_id["a_b"]) == ("d_a_b", "d_a_b_2")
    assert by_id["客服"] == "p_u5ba2u670d"
    assert by_id["end"] == "p_end"


def test_label_is_one_line_without_control_characters(awkward):
    labels = {node.id: node.label for node in org_chart(awkward).nodes}
    assert labels["end"] == "见习生 ×1"
    assert labels["empty"] == "summary ×0"
    assert labels["a-b"] == "服务/质量: [A] *? ×9 (own 5)"
