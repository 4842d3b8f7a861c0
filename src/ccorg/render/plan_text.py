"""The plan in the terminal: the org tree, one table per department, and a summary.

Rich measures CJK characters as two cells, so Chinese names line up in every column; the tree
pads sibling names to a common display width for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ccorg.i18n import _
from ccorg.plan import Plan
from ccorg.render.deep_tree import drawn_levels, grow_tree
from ccorg.render.heatmap import heatmap
from ccorg.render.org_chart import ChartNode, org_chart
from ccorg.render.plan_notes import plan_notes
from ccorg.render.plan_summary import summary_rows
from ccorg.render.post_tables import (
    INCLUDING,
    NUMBER_COLUMNS,
    OWN,
    TOTAL,
    Cells,
    heading,
    post_cells,
    post_tables,
    shown_columns,
    total_cells,
)
from ccorg.render.rule_text import rule_summary
from ccorg.units import number


def render_plan(plan: Plan, console: Console) -> None:
    """Print the whole plan."""
    console.print(org_tree(plan, console.width))
    console.print()
    for table in unit_tables(plan, console.width):
        console.print(table)
    if plan.streams:
        console.print(stream_table(plan))
        notes = plan_notes(plan)
        for note in notes:
            console.print(note, markup=False)
        if notes:
            console.print()
        for stream in plan.streams:
            if stream.metrics is not None:
                console.print(heatmap(stream))
                console.print()
    console.print(summary_table(plan))


def org_tree(plan: Plan, width: int = 100) -> Tree:
    """The org chart by reporting line: the center, then every post under its manager, each
    department under the post its head reports to, sub-departments inside their parent;
    nested as deep as ``width`` cells show (see ``deep_tree``)."""
    chart = org_chart(plan)
    posts = {post.id: post for post in plan.all_posts()}
    label = Text.assemble(
        (plan.center_name, "bold"),
        "  "
        + _("{hours} · {people} people").format(
            hours=plan.service_hours, people=plan.total_headcount
        ),
    )
    tree = Tree(label, guide_style="dim")

    def labels(children: Sequence[ChartNode]) -> list[Text]:
        names = {node.key: _tree_name(node) for node in children if node.kind == "post"}
        width = max(map(cell_len, names.values()), default=0)
        made = []
        for node in children:
            if node.kind == "department":
                made.append(_department_label(node, plan))
                continue
            post = posts[node.id]
            name = names[node.key]
            pad = " " * (width - cell_len(name))
            made.append(Text.assemble(name, pad, f"  {post.headcount:>3}  ", (post.basis, "dim")))
        return made

    grow_tree(
        tree,
        chart.root,
        lambda node: chart.children(node.key),
        labels,
        _tree_name,
        drawn_levels(width),
    )
    return tree


def _tree_name(node: ChartNode) -> str:
    return node.name if node.away_from is None else f"{node.name} ({node.away_from})"


def _department_label(node: ChartNode, plan: Plan) -> Text:
    """``运营部  83``; with sub-departments
    ``运营部  3 own · 393 in all (incl. 上海站点, 成都站点)``."""
    subdepartments = plan.subdepartments(node.id)
    if not subdepartments:
        return Text.assemble((node.name, "bold cyan"), f"  {node.headcount}")
    names = ", ".join(department.name for department in subdepartments)
    return Text.assemble(
        (node.name, "bold cyan"),
        "  "
        + _("{own} own · {total} in all (incl. {names})").format(
            own=node.headcount, total=node.total, names=names
        ),
    )


_RULE_MIN = 10


def unit_tables(plan: Plan, width: int = 100) -> list[Table]:
    """A table per unit (the center's posts, then each department, a sub-department after
    its parent): post, grade, rule, [编制], headcount, in post, gap, [vacant, over], cost.

    Every table has the same columns at the same widths, so numbers line up from one table
    to the next. The rule is summarized (``1 per 12 of 座席 · min 6``); the tree above shows
    each derivation. A parent's totals come for its own posts and including its
    sub-departments. When the columns leave the rule fewer than ``_RULE_MIN`` cells of
    ``width``, the gaps between columns narrow, then the grade column goes (JSON, CSV,
    Markdown and the workbook keep it).
    """
    columns = shown_columns(plan)
    currency = plan.currency
    tables: list[tuple[str, list[Cells], list[Cells]]] = []
    for unit in post_tables(plan):
        rows = [post_cells(post, currency, lambda p: rule_summary(p, plan)) for post in unit.posts]
        if unit.total is None:
            totals = [total_cells(unit.own, currency, _(TOTAL), "")]
        else:
            including = _(INCLUDING).format(names=", ".join(unit.includes))
            totals = [
                total_cells(unit.own, currency, _(TOTAL), _(OWN)),
                total_cells(unit.total, currency, _(TOTAL), including),
            ]
        tables.append((unit.title, rows, totals))
    widths = {
        column: max(
            [cell_len(heading(column))]
            + [cell_len(row[column]) for _, rows, totals in tables for row in rows + totals]
        )
        for column in columns
    }

    def rule_room(shown: tuple[str, ...], gap: int) -> int:
        # Cells left for the rule: the edges take one each, every gap between columns ``gap``.
        others = sum(widths[c] for c in shown if c != "rule")
        return width - others - gap * (len(shown) - 1) - 2

    # Narrow terminals: first tighter gaps, then without the grade.
    without_grade = tuple(c for c in columns if c != "grade")
    layouts = [(columns, 3), (columns, 2), (without_grade, 3), (without_grade, 2)]
    columns, gap = next(
        ((shown, gap) for shown, gap in layouts if rule_room(shown, gap) >= _RULE_MIN),
        layouts[-1],
    )
    widths["rule"] = max(min(widths["rule"], rule_room(columns, gap)), _RULE_MIN)
    drawn = [
        _unit_table(title, rows, totals, columns, widths, collapse=gap == 2)
        for title, rows, totals in tables
    ]
    return drawn


def _unit_table(
    title: str,
    rows: list[Cells],
    totals: list[Cells],
    columns: tuple[str, ...],
    widths: dict[str, int],
    collapse: bool,
) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        collapse_padding=collapse,
    )
    for column in columns:
        if column == "rule":
            # Only the rule may wrap: names, grades and numbers stay whole on their line.
            table.add_column(heading(column), overflow="fold", width=widths[column])
        else:
            justify = "right" if column in NUMBER_COLUMNS else "left"
            table.add_column(heading(column), justify=justify, no_wrap=True, width=widths[column])
    for row in rows:
        table.add_row(*(row[column] for column in columns))
    table.add_section()
    for row in totals:
        table.add_row(*(row[column] for column in columns), style="bold")
    return table


def stream_table(plan: Plan) -> Table:
    """One row per demand stream: what it brings, its peak interval's agents, agent-hours a
    week, the week's service level (queues) and the post that works it."""
    table = Table(title=_("Demand"), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(_("Stream"))
    table.add_column(_("Volume and target"))
    table.add_column(_("Peak"), justify="right")
    table.add_column(_("Agent-h/wk"), justify="right")
    table.add_column(_("SL"), justify="right")
    table.add_column(_("Worked by"))
    for stream in plan.streams:
        level = stream.service_level
        table.add_row(
            f"{stream.name} ({stream.id})",
            stream.summary,
            number(stream.peak[2], 1),
            number(stream.weekly_agent_hours, 1),
            "—" if level is None else f"{level:.1%}",
            "—" if stream.post_id is None else plan.post(stream.post_id).name,
        )
    return table


def summary_table(plan: Plan) -> RenderableType:
    """Total headcount, frontline share, cost, and the shape of the reporting lines."""
    table = Table(title=_("Summary"), title_justify="left", box=box.SIMPLE, show_header=False)
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    for measure, value in summary_rows(plan):
        table.add_row(measure, value)
    return Group(table)
