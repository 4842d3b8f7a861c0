"""The org chart's model: one node per post, department and center, joined as the tree."""

from __future__ import annotations

import re

from ccorg.config.schema import ConcurrentRule
from ccorg.render.org_chart import OrgChart, org_chart

KIND = {"center": "center", "department": "dept", "post": "post"}


def edges_by_id(chart: OrgChart) -> set[tuple[str, str]]:
    name = {node.key: f"{KIND[node.kind]}:{node.id}" for node in chart.nodes}
    return {(name[parent], name[child]) for parent, child in chart.edges}


def test_bank_chart_is_the_reporting_tree(bank, tree_of):
    chart = org_chart(bank)
    assert edges_by_id(chart) == tree_of(bank)
    posts = [node for node in chart.nodes if node.kind == "post"]
    # Depth first: a manager, then everyone under it, before its next sibling.
    assert [node.key for node in chart.nodes[:9]] == [
        "c_kfzx",
        "p_gm",
        "p_dgm",
        "d_ops",
        "p_ops_manager",
        "p_ops_supervisor",
        "p_team_leader",
        "p_agent",
        "p_complaint_lead",
    ]
    assert {node.id: node.headcount for node in posts} == {
        p.id: p.headcount for p in bank.all_posts()
    }
    assert chart.node("c_kfzx").headcount == 124
    assert chart.node("d_ops").label == "运营部 ×87"
    assert chart.node("p_team_leader").label == "业务组组长 ×6"
    assert chart.node("p_gm").label == "总经理 ×0 · 兼任"


def test_every_post_once_and_concurrent_marked(bank, awkward):
    for plan in (bank, awkward):
        chart = org_chart(plan)
        post_ids = [node.id for node in chart.nodes if node.kind == "post"]
        assert sorted(post_ids) == sorted(p.id for p in plan.all_posts())
        concurrent = {n.id for n in chart.nodes if n.concurrent}
        assert concurrent == {
            p.id for p in plan.all_posts() if isinstance(p.post.rule, ConcurrentRule)
        }


def test_sub_department_hangs_from_its_parent(awkward, tree_of):
    chart = org_chart(awkward)
    assert edges_by_id(chart) == tree_of(awkward)
    assert ("dept:a-b", "dept:a_b") in edges_by_id(chart)
    # A manager in another department is not followed: the post hangs from its own group.
    assert ("dept:a_b", "post:客服") in edges_by_id(chart)


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
