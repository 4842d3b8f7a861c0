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

NODE = re.compile(
    r'^    (?P<key>\w+) \[label="(?P<label>(?:[^"\\]|\\.)*)"(?:, style="(?P<style>[^"]*)")?\];$'
)
EDGE = re.compile(r"^    (?P<parent>\w+) -> (?P<child>\w+)(?P<dashed> \[style=dashed\])?;$")
KIND = {"center": "center", "department": "dept", "post": "post"}


def parse(source: str):
    lines = source.splitlines()
    assert lines[:3] == ["digraph org {", "    rankdir=TB;", "    node [shape=box];"]
    assert lines[-1] == "}"
    nodes, edges = {}, []
    for line in lines[3:-1]:
        if match := NODE.match(line):
            assert match["key"] not in nodes
            nodes[match["key"]] = match
        else:
            match = EDGE.match(line)
            assert match, f"unexpected line {line!r}"
            edges.append(match)
    return nodes, edges


def unquote(label: str) -> str:
    return re.sub(r"\\(.)", r"\1", label)


def concurrent_keys(plan) -> set[str]:
    return {
        node.key
        for node in org_chart(plan).nodes
        if node.kind == "post" and isinstance(plan.post(node.id).post.rule, ConcurrentRule)
    }


def test_bank_chart_structure(bank, tree_of):
    nodes, edges = parse(render_plan_dot(bank))
    chart = org_chart(bank)
    ids = {node.key: f"{KIND[node.kind]}:{node.id}" for node in chart.nodes}
    assert set(nodes) == set(ids)
    assert {(ids[e["parent"]], ids[e["child"]]) for e in edges} == tree_of(bank)
    assert len(edges) == len(tree_of(bank))
    for post in bank.all_posts():
        assert unquote(nodes[f"p_{post.id}"]["label"]).startswith(f"{post.name} ×{post.headcount}")
    assert nodes["d_ops"]["label"] == "运营部 ×87"
    assert nodes["d_ops"]["style"] == "rounded,bold"
    assert nodes["c_kfzx"]["label"] == "客服中心 ×124"


def test_dashed_exactly_for_concurrent_posts(bank, awkward):
    for plan in (bank, awkward):
        nodes, edges = parse(render_plan_dot(plan))
        concurrent = concurrent_keys(plan)
        assert {key for key, m in nodes.items() if m["style"] == "dashed"} == concurrent
        assert {e["child"] for e in edges if e["dashed"]} == concurrent


def test_quotes_and_backslashes_are_escaped(awkward):
    nodes, _ = parse(render_plan_dot(awkward))
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
    assert {obj["name"]: obj["label"] for obj in objects.values()} == {
        node.key: node.label for node in chart.nodes
    }
    drawn = {(objects[e["tail"]]["name"], objects[e["head"]]["name"]) for e in graph["edges"]}
    assert drawn == set(chart.edges)
    dashed = {objects[e["head"]]["name"] for e in graph["edges"] if e.get("style") == "dashed"}
    assert dashed == concurrent_keys(plan)
