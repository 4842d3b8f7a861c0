"""The Mermaid org chart: its structure, its dashes, and labels that survive any name."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from ccorg.config.schema import ConcurrentRule
from ccorg.render.org_chart import org_chart
from ccorg.render.plan_json import plan_to_dict
from ccorg.render.plan_mermaid import escape_label, render_plan_mermaid

NODE = re.compile(
    r'^ +(?P<key>\w+)(?P<open>\(\[|\[)"(?P<label>[^"]*)"(?P<close>\]\)|\])'
    r"(?P<cls>:::concurrent)?$"
)
SUBGRAPH = re.compile(r'^ +subgraph (?P<key>\w+) \["(?P<label>[^"]*)"\]$')
EDGE = re.compile(r"^    (?P<parent>\w+) (?P<arrow>-->|-\.->) (?P<child>\w+)$")
SHAPE = {"([": "center", "[": "post"}
KIND = {"center": "center", "department": "dept", "post": "post"}


def unescape(label: str) -> str:
    """Mermaid's entity codes (#quot; #35;) back to characters, as Mermaid reads them."""

    def decode(code: re.Match[str]) -> str:
        name = code[1]
        return chr(int(name)) if name.isdigit() else html.unescape(f"&{name};")

    return re.sub(r"#(\w+);", decode, label)


def parse(source: str):
    """Nodes, subgraphs (key -> (label, enclosing subgraph)), each node's subgraph, edges."""
    lines = source.splitlines()
    assert lines[0] == "flowchart TD"
    nodes, edges, other = {}, [], []
    subgraphs: dict[str, tuple[str, str | None]] = {}
    inside: dict[str, str | None] = {}
    open_: list[str] = []
    for line in lines[1:]:
        if match := NODE.match(line):
            assert match["key"] not in nodes, f"node declared twice: {line}"
            nodes[match["key"]] = match
            inside[match["key"]] = open_[-1] if open_ else None
        elif match := SUBGRAPH.match(line):
            subgraphs[match["key"]] = (unescape(match["label"]), open_[-1] if open_ else None)
            open_.append(match["key"])
        elif line.strip() == "end":
            open_.pop()
        elif match := EDGE.match(line):
            edges.append(match)
        else:
            other.append(line)
    assert not open_
    assert other == ["    classDef concurrent stroke-dasharray: 5 5"]
    return nodes, subgraphs, inside, edges


def check_chart(plan, lines_of, nesting_of):
    """The drawn chart against the config: lines, dashes, departments, who sits where."""
    nodes, subgraphs, inside, edges = parse(render_plan_mermaid(plan))
    chart = org_chart(plan)
    ids = {node.key: f"{KIND[node.kind]}:{node.id}" for node in chart.nodes}
    drawn = {(ids[e["parent"]], ids[e["child"]], e["arrow"] == "-.->") for e in edges}
    assert drawn == lines_of(plan)
    assert len(edges) == len(lines_of(plan))
    department_of = {key: ids[key].removeprefix("dept:") for key in subgraphs}
    assert {
        department_of[key]: None if above is None else department_of[above]
        for key, (_, above) in subgraphs.items()
    } == nesting_of(plan)
    home = {p.id: p.department.id if p.department else None for p in plan.all_posts()}
    for key, cluster in inside.items():
        node = chart.node(key)
        if node.kind == "post":
            assert (None if cluster is None else department_of[cluster]) == home[node.id]
            assert unescape(nodes[key]["label"]).startswith(f"{node.plain_name} ×{node.headcount}")
        assert SHAPE[nodes[key]["open"]] == node.kind
    return nodes, subgraphs


def test_charts_draw_the_reporting_lines_and_departments(
    bank, awkward, sites, lines_of, nesting_of
):
    for plan in (bank, awkward, sites):
        check_chart(plan, lines_of, nesting_of)


def test_bank_labels(bank, lines_of, nesting_of):
    nodes, subgraphs = check_chart(bank, lines_of, nesting_of)
    assert unescape(nodes["c_kfzx"]["label"]) == f"客服中心 ×{bank.total_headcount}"
    assert subgraphs["d_ops"] == (
        f"运营部 ×{next(d.headcount for d in bank.departments if d.id == 'ops')}",
        None,
    )
    assert unescape(nodes["p_team_leader"]["label"]) == "业务组组长 ×6"


def test_sites_roll_up_into_their_department(sites, lines_of, nesting_of):
    _, subgraphs = check_chart(sites, lines_of, nesting_of)
    document = {d["id"]: d for d in plan_to_dict(sites)["departments"]}
    for key, (label, _) in subgraphs.items():
        department = document[key.removeprefix("d_")]
        total = re.search(r"×(\d+)", label)
        assert total and int(total[1]) == department["total_headcount"]
    assert subgraphs["d_ops"] == ("运营部 ×324 (own 3)", None)
    assert subgraphs["d_shanghai"] == ("上海站点 ×177", "d_ops")


def test_dashed_exactly_for_concurrent_posts(bank, awkward):
    for plan in (bank, awkward):
        nodes, _, _, edges = parse(render_plan_mermaid(plan))
        concurrent = {
            node.key
            for node in org_chart(plan).nodes
            if node.kind == "post" and isinstance(plan.post(node.id).post.rule, ConcurrentRule)
        }
        assert concurrent  # both plans have one
        assert {key for key, m in nodes.items() if m["cls"]} == concurrent
        assert {e["child"] for e in edges if e["arrow"] == "-.->"} == concurrent


def test_awkward_names_are_escaped_and_read_back(awkward):
    nodes, subgraphs, _, _ = parse(render_plan_mermaid(awkward))
    lead = nodes["p_lead"]["label"]
    assert not set(lead) & set('"[]<>')
    assert unescape(lead) == '组长 "甲" [1] #2 <b> ×2'
    assert subgraphs["d_a_b"] == ("服务/质量: [A] *? ×9 (own 5)", None)
    assert subgraphs["d_empty"] == ("summary ×0", None)


def test_bank_chart_matches_golden(bank, golden):
    golden("export/bank.mmd", render_plan_mermaid(bank))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_escape_label_round_trips(text):
    escaped = escape_label(text)
    assert '"' not in escaped
    assert unescape(escaped) == text
