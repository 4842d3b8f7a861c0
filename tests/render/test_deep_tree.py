"""Reporting lines, ratio chains and department nesting as deep as the limits allow: every
view plans them without recursion, and the text trees show every post.

Rich draws four cells of guide a level and drops what no longer fits; past DRAWN_LEVELS the
trees draw the deeper posts at that level, each naming whom it is under.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook
from rich.console import Console
from rich.text import Text
from rich.tree import Tree

from ccorg.diff import diff_plans
from ccorg.errors import UsageError
from ccorg.limits import MAX_POSTS
from ccorg.render.deep_tree import DRAWN_LEVELS, drawn_levels, grow_tree
from ccorg.render.diff_text import render_diff
from ccorg.render.explain import STACKED_JSON_LEVELS, explain_to_dict, render_explain
from ccorg.render.plan_text import render_plan
from ccorg.render.plan_xlsx import render_plan_xlsx
from tests.render.conftest import plan_of

HEAD = """version: 1
center:
  id: hq
  name: HQ
  posts:
    - {id: boss, name: Boss, grade: g, rule: {kind: fixed, count: 1}}
grades:
  - {id: g, name: G, rank: 1, annual_cost: 1000}
departments:
"""
DEPTH = MAX_POSTS - 1  # posts in one line under the center's one post


def reporting_chain(depth: int) -> str:
    posts = "".join(
        f"      - {{id: c{i}, name: C{i}, grade: g, reports_to: {f'c{i - 1}' if i else 'boss'},"
        " rule: {kind: fixed, count: 1}}\n"
        for i in range(depth)
    )
    return HEAD + "  - id: d\n    name: D\n    posts:\n" + posts


def ratio_chain(depth: int) -> str:
    posts = "".join(
        f"      - {{id: r{i}, name: R{i}, grade: g, reports_to: boss,"
        f" rule: {{kind: ratio, per: 1, of: [{f'r{i - 1}' if i else 'boss'}]}}}}\n"
        for i in range(depth)
    )
    return HEAD + "  - id: d\n    name: D\n    posts:\n" + posts


def nested_departments(depth: int) -> str:
    departments = "".join(
        f"  - {{id: n{i}, name: N{i}" + (f", parent: n{i - 1}" if i else "") + "}\n"
        for i in range(depth - 1)
    )
    last = f"  - {{id: n{depth - 1}, name: N{depth - 1}, parent: n{depth - 2}, posts:"
    last += " [{id: p, name: P, grade: g, reports_to: boss, rule: {kind: fixed, count: 1}}]}\n"
    return HEAD + departments + last


def text(render, *args) -> str:
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    render(*args, console)
    return console.export_text()


def test_a_tree_of_any_depth_is_grown_without_recursion_and_drawn_within_the_width() -> None:
    depth = 5_000
    tree = Tree("top")
    grow_tree(
        tree,
        0,
        lambda n: [n + 1] if n < depth else [],
        lambda kids: [Text(f"n{kid}") for kid in kids],
        lambda n: f"n{n}",
    )
    drawn, level = tree, 0
    while drawn.children:
        (drawn,) = drawn.children[:1]
        level += 1
    assert level == DRAWN_LEVELS
    # Everything deeper hangs, in order, at the last drawn level, naming its parent.
    flat = tree
    for _ in range(DRAWN_LEVELS - 1):
        (flat,) = flat.children
    labels = [str(child.label) for child in flat.children]
    assert len(labels) == depth - DRAWN_LEVELS + 1
    assert labels[0] == f"n{DRAWN_LEVELS}"
    assert labels[1] == f"n{DRAWN_LEVELS + 1}  (under n{DRAWN_LEVELS})"
    assert labels[-1] == f"n{depth}  (under n{depth - 1})"


@pytest.fixture(scope="module")
def chain():
    return plan_of(reporting_chain(DEPTH))


@pytest.fixture(scope="module")
def ratios():
    return plan_of(ratio_chain(DEPTH))


def test_a_reporting_line_as_long_as_the_posts_allow_shows_every_post(chain) -> None:
    assert len(list(chain.all_posts())) == MAX_POSTS
    shown = text(render_plan, chain)
    tree = shown[: shown.index("\n\n")]  # the tree comes first, then the tables
    for i in range(DEPTH):
        assert f"C{i} " in tree
    assert f"C{DEPTH - 1}    1  fixed 1  (under C{DEPTH - 2})" in tree
    diff = diff_plans(chain, plan_of(reporting_chain(DEPTH - 1)), "a", "b")
    assert f"C{DEPTH - 1}" in text(lambda console: render_diff(diff, console))


def test_a_ratio_chain_as_long_as_the_posts_allow_is_explained(ratios) -> None:
    boss = ratios.post("boss")
    stacked = ratios.stacked_on("boss")
    shown = text(render_explain, ratios, boss, stacked)
    assert all(f"R{i} " in shown for i in range(DEPTH))
    assert f"(under D·R{DEPTH - 2})" in shown
    # Its JSON would nest deeper than parsers follow: refused, the limit named.
    with pytest.raises(UsageError, match=f"more than {STACKED_JSON_LEVELS} levels"):
        explain_to_dict(ratios, boss, stacked)
    shallow = ratio_chain(STACKED_JSON_LEVELS)
    plan = plan_of(shallow)
    document = explain_to_dict(plan, plan.post("boss"), plan.stacked_on("boss"))
    level, entries = 0, document["stacked"]
    while entries:
        (entry,) = entries
        level, entries = level + 1, entry["stacked"]
    assert level == STACKED_JSON_LEVELS and entry["id"] == f"r{STACKED_JSON_LEVELS - 1}"
    json.dumps(document)


def test_nested_departments_past_the_drawn_levels_are_all_shown_and_indented() -> None:
    # Department walks are iterative (Plan.descendants); 40 levels, not MAX_DEPARTMENTS,
    # keep this fast: the workbook writes a sheet a department.
    depth = 40
    plan = plan_of(nested_departments(depth))
    shown = text(render_plan, plan)
    assert all(f"N{i} " in shown for i in range(depth))
    assert f"(under N{depth - 2})" in shown
    summary = load_workbook(io.BytesIO(render_plan_xlsx(plan))).worksheets[0]
    indent = {
        row[0].value: row[0].alignment.indent for row in summary.iter_rows() if row[0].value
    }
    # The summary indents a department by its depth, up to the 15 steps Excel allows.
    assert [indent[f"N{i} (n{i})"] for i in (0, 3, 15, depth - 1)] == [0, 3, 15, 15]


@pytest.mark.parametrize("width", [40, 60, 100])
def test_a_narrow_terminal_draws_fewer_levels_and_shows_every_post(width: int) -> None:
    depth = 40
    plan = plan_of(reporting_chain(depth))
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    render_plan(plan, console)
    shown = console.export_text()
    tree = shown[: shown.index("\n\n")]
    assert all(re.search(rf"\bC{i}\b", tree) for i in range(depth))
    assert drawn_levels(width) == {40: 2, 60: 7, 100: 12}[width]
    # The guides take 4 cells a level, as many levels as are drawn.
    deepest = max(len(line) - len(line.lstrip(" │├└─")) for line in tree.splitlines())
    assert deepest == 4 * drawn_levels(width)
