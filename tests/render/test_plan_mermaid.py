"""The Mermaid org chart: its structure, its dashes, and labels that survive any name."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ccorg.config.schema import ConcurrentRule
from ccorg.render.org_chart import org_chart
from ccorg.render.plan_mermaid import escape_label, render_plan_mermaid

NODE = re.compile(
    r'^    (?P<key>\w+)(?P<open>\(\[|\(|\[)"(?P<label>[^"]*)"(?P<close>\]\)|\)|\])'
    r"(?P<cls>:::concurrent)?$"
)
EDGE = re.compile(r"^    (?P<parent>\w+) (?P<arrow>-->|-\.->) (?P<child>\w+)$")
SHAPE = {"([": "center", "(": "department", "[": "post"}
KIND = {"center": "center", "department": "dept", "post": "post"}


def unescape(label: str) -> str:
    """Mermaid's entity codes (#quot; #35;) back to characters, as Mermaid reads them."""

    def decode(code: re.Match[str]) -> str:
        name = code[1]
        return chr(int(name)) if name.isdigit() else html.unescape(f"&{name};")

    return re.sub(r"#(\w+);", decode, label)


def parse(source: str):
    lines = source.splitlines()
    assert lines[0] == "flowchart TD"
    nodes, edges, other = {}, [], []
    for line in lines[1:]:
        if match := NODE.match(line):
            assert match["key"] not in nodes, f"node declared twice: {line}"
            nodes[match["key"]] = match
        elif match := EDGE.match(line):
            edges.append(match)
        else:
            other.append(line)
    assert other == ["    classDef concurrent stroke-dasharray: 5 5"]
    return nodes, edges


def test_bank_chart_structure(bank, tree_of):
    nodes, edges = parse(render_plan_mermaid(bank))
    chart = org_chart(bank)
    by_key = {node.key: node for node in chart.nodes}
    assert set(nodes) == set(by_key)
    ids = {key: f"{KIND[node.kind]}:{node.id}" for key, node in by_key.items()}
    assert {(ids[e["parent"]], ids[e["child"]]) for e in edges} == tree_of(bank)
    assert len(edges) == len(tree_of(bank))
    # Every post once, with its headcount; shapes tell center, departments and posts apart.
    for post in bank.all_posts():
        match = nodes[f"p_{post.id}"]
        assert unescape(match["label"]).startswith(f"{post.name} ×{post.headcount}")
    for key, match in nodes.items():
        assert SHAPE[match["open"]] == by_key[key].kind
    assert unescape(nodes["c_kfzx"]["label"]) == "客服中心 ×124"
    assert unescape(nodes["d_ops"]["label"]) == "运营部 ×87"
    assert unescape(nodes["p_team_leader"]["label"]) == "业务组组长 ×6"


def test_dashed_exactly_for_concurrent_posts(bank, awkward):
    for plan in (bank, awkward):
        nodes, edges = parse(render_plan_mermaid(plan))
        concurrent = {
            node.key
            for node in org_chart(plan).nodes
            if node.kind == "post" and isinstance(plan.post(node.id).post.rule, ConcurrentRule)
        }
        assert concurrent  # both plans have one
        assert {key for key, m in nodes.items() if m["cls"]} == concurrent
        assert {e["child"] for e in edges if e["arrow"] == "-.->"} == concurrent


def test_awkward_names_are_escaped_and_read_back(awkward):
    nodes, _ = parse(render_plan_mermaid(awkward))
    lead = nodes["p_lead"]["label"]
    assert not set(lead) & set('"[]<>')
    assert unescape(lead) == '组长 "甲" [1] #2 <b> ×2'
    assert unescape(nodes["d_a_b"]["label"]) == "服务/质量: [A] *? ×5"


def test_bank_chart_matches_golden(bank, golden):
    golden("export/bank.mmd", render_plan_mermaid(bank))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_escape_label_round_trips(text):
    escaped = escape_label(text)
    assert '"' not in escaped
    assert unescape(escaped) == text
