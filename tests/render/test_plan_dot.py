"""The Graphviz org chart: its structure and dashes, and that Graphviz reads it (when installed)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from ccorg.config.schema import ConcurrentRule
from ccorg.render.org_chart import org_chart
from ccorg.render.plan_dot import render_plan_dot
from ccorg.render.plan_json import plan_to_dict

NODE = re.compile(
    r'^ +(?P<key>\w+) \[label="(?P<label>(?:[^"\\]|\\.)*)"'
    r'(?:, style="(?P<style>[^"]*)"|, shape=(?P<shape>\w+))?\];$'
)
CLUSTER = re.compile(r"^ +subgraph cluster_(?P<key>\w+) \{$")
CLUSTER_LABEL = re.compile(r'^ +label="(?P<label>(?:[^"\\]|\\.)*)"; style="rounded,bold";$')
EDGE = re.compile(r"^    (?P<parent>\w+) -> (?P<child>\w+)(?P<dashed> \[style=dashed\])?;$")
KIND = {"center": "center", "department": "dept", "post": "post"}


def parse(source: str):
    """Nodes, clusters (key -> (label, enclosing cluster)), each node's cluster, edges."""
    lines = source.splitlines()
    assert lines[:3] == ["digraph org {", "    rankdir=TB;", "    node [shape=box];"]
    assert lines[-1] == "}"
    nodes, edges = {}, []
    clusters: dict[str, list] = {}
    inside: dict[str, str | None] = {}
    open_: list[str] = []
    for line in lines[3:-1]:
        if match := NODE.match(line):
            assert match["key"] not in nodes
            nodes[match["key"]] = match
            inside[match["key"]] = open_[-1] if open_ else None
        elif match := CLUSTER.match(line):
            clusters[match["key"]] = [None, open_[-1] if open_ else None]
            open_.append(match["key"])
        elif match := CLUSTER_LABEL.match(line):
            clusters[open_[-1]][0] = unquote(match["label"])
        elif line.strip() == "}":
            open_.pop()
        else:
            match = EDGE.match(line)
            assert match, f"unexpected line {line!r}"
            edges.append(match)
    assert not open_
    return nodes, {k: tuple(v) for k, v in clusters.items()}, inside, edges


def unquote(label: str) -> str:
    return re.sub(r"\\(.)", r"\1", label)


def concurrent_keys(plan) -> set[str]:
    return {
        node.key
        for node in org_chart(plan).nodes
        if node.kind == "post" and isinstance(plan.post(node.id).post.rule, ConcurrentRule)
    }


def test_charts_draw_the_reporting_lines_and_departments(
    bank, awkward, sites, lines_of, nesting_of
):
    for plan in (bank, awkward, sites):
        nodes, clusters, inside, edges = parse(render_plan_dot(plan))
        chart = org_chart(plan)
        ids = {node.key: f"{KIND[node.kind]}:{node.id}" for node in chart.nodes}
        drawn = {(ids[e["parent"]], ids[e["child"]], bool(e["dashed"])) for e in edges}
        assert drawn == lines_of(plan)
        assert len(edges) == len(lines_of(plan))
        department = {key: ids[key].removeprefix("dept:") for key in clusters}
        assert {
            department[key]: None if above is None else department[above]
            for key, (_, above) in clusters.items()
        } == nesting_of(plan)
        home = {p.id: p.department.id if p.department else None for p in plan.all_posts()}
        posts = [node for node in chart.nodes if node.kind == "post"]
        assert len(posts) == len(home)
        for node in posts:
            cluster = inside[node.key]
            assert (None if cluster is None else department[cluster]) == home[node.id]
            label = unquote(nodes[node.key]["label"])
            assert label.startswith(f"{node.plain_name} ×{node.headcount}")


def test_bank_labels_and_site_roll_ups(bank, sites):
    nodes, clusters, _, _ = parse(render_plan_dot(bank))
    assert clusters["d_ops"] == (
        f"运营部 ×{next(d.headcount for d in bank.departments if d.id == 'ops')}",
        None,
    )
    assert nodes["c_kfzx"]["label"] == f"客服中心 ×{bank.total_headcount}"
    assert nodes["c_kfzx"]["style"] == "bold"
    _, clusters, _, _ = parse(render_plan_dot(sites))
    document = {d["id"]: d for d in plan_to_dict(sites)["departments"]}
    for key, (label, _) in clusters.items():
        total = re.search(r"×(\d+)", label)
        assert total and int(total[1]) == document[key.removeprefix("d_")]["total_headcount"]
    assert clusters["d_ops"] == ("运营部 ×324 (own 3)", None)
    assert clusters["d_chengdu"] == ("成都站点 ×144", "d_ops")


def test_an_empty_department_keeps_a_box(awkward):
    nodes, clusters, inside, _ = parse(render_plan_dot(awkward))
    assert clusters["d_empty"] == ("summary ×0", None)
    assert inside["d_empty"] == "d_empty" and nodes["d_empty"]["shape"] == "plaintext"


def test_dashed_exactly_for_concurrent_posts(bank, awkward):
    for plan in (bank, awkward):
        nodes, _, _, edges = parse(render_plan_dot(plan))
        concurrent = concurrent_keys(plan)
        assert {key for key, m in nodes.items() if m["style"] == "dashed"} == concurrent
        assert {e["child"] for e in edges if e["dashed"]} == concurrent


def test_quotes_and_backslashes_are_escaped(awkward):
    nodes, _, _, _ = parse(render_plan_dot(awkward))
    assert unquote(nodes["p_lead"]["label"]) == '组长 "甲" [1] #2 <b> ×2'


def test_bank_chart_matches_golden(bank, golden):
    golden("export/bank.dot", render_plan_dot(bank))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("name", ["bank", "awkward"])
def test_graphviz_reads_the_chart(name, request):
    """Graphviz's own parse: the same labels, edges and dashes as ccorg meant."""
    plan = request.getfixturevalue(name)
    result = subprocess.run(
        ["dot", "-Tjson0"], input=render_plan_dot(plan).encode(), capture_output=True, check=True
    )
    graph = json.loads(result.stdout)
    chart = org_chart(plan)
    objects = {obj["_gvid"]: obj for obj in graph["objects"]}
    occupied = {node.cluster for node in chart.nodes}
    expected = {
        (f"cluster_{node.key}" if node.kind == "department" else node.key): node.label
        for node in chart.nodes
    }
    expected |= {
        node.key: "(no posts)"
        for node in chart.nodes
        if node.kind == "department" and node.key not in occupied
    }
    assert {obj["name"]: obj["label"] for obj in objects.values()} == expected
    drawn = {(objects[e["tail"]]["name"], objects[e["head"]]["name"]) for e in graph["edges"]}
    assert drawn == set(chart.edges)
    dashed = {objects[e["head"]]["name"] for e in graph["edges"] if e.get("style") == "dashed"}
    assert dashed == concurrent_keys(plan)
