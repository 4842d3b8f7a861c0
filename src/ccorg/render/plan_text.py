"""The plan in the terminal: the org tree, one table per department, and a summary.

Rich measures CJK characters as two cells, so Chinese names line up in every column; the tree
pads sibling names to a common display width for the same reason.
"""

from __future__ import annotations

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ccorg.plan import DepartmentPlan, Plan, PostPlan
from ccorg.render.heatmap import heatmap
from ccorg.render.plan_notes import plan_notes
from ccorg.render.plan_summary import summary_rows
from ccorg.render.rule_text import rule_summary
from ccorg.units import money, number


def render_plan(plan: Plan, console: Console) -> None:
    """Print the whole plan."""
    console.print(org_tree(plan))
    console.print()
    if plan.posts:
        console.print(post_table(f"{plan.center_name} ({plan.center_id})", plan.posts, plan))
    for department in plan.departments:
        console.print(department_table(department, plan))
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


def org_tree(plan: Plan) -> Tree:
    """Center → departments → posts, posts nested along their reporting lines."""
    label = Text.assemble(
        (plan.center_name, "bold"),
        f"  {plan.service_hours} · {plan.total_headcount} people",
    )
    tree = Tree(label, guide_style="dim")
    _add_posts(tree, plan.posts)
    for department in plan.departments:
        branch = tree.add(
            Text.assemble((department.name, "bold cyan"), f"  {department.headcount}")
        )
        _add_posts(branch, department.posts)
    return tree


def _add_posts(parent: Tree, posts: tuple[PostPlan, ...]) -> None:
    """Nest each post under its manager when the manager is in the same group."""
    ids = {post.id for post in posts}
    children: dict[str | None, list[PostPlan]] = {}
    for post in posts:
        manager = post.post.reports_to if post.post.reports_to in ids else None
        children.setdefault(manager, []).append(post)

    def add(node: Tree, manager: str | None) -> None:
        siblings = children.get(manager, [])
        width = max((cell_len(p.name) for p in siblings), default=0)
        for post in siblings:
            pad = " " * (width - cell_len(post.name))
            label = Text.assemble(post.name, pad, f"  {post.headcount:>3}  ", (post.basis, "dim"))
            add(node.add(label), post.id)

    add(parent, None)


def department_table(department: DepartmentPlan, plan: Plan) -> Table:
    """One row per post, with the department's totals in the footer."""
    title = f"{department.name} ({department.id})"
    return post_table(title, department.posts, plan)


def post_table(title: str, posts: tuple[PostPlan, ...], plan: Plan) -> Table:
    """Post, grade, rule, headcount, in post, gap and annual cost, totalled.

    The rule is summarized (``1 per 12 座席 · min 6``) so the table fits 80 columns; the tree
    above it shows each derivation.
    """
    currency = plan.currency
    table = Table(
        title=title, title_justify="left", box=box.SIMPLE_HEAD, show_footer=True, pad_edge=False
    )
    headcount = sum(p.headcount for p in posts)
    current = [p.current for p in posts if p.current is not None]
    gaps = [p.gap for p in posts if p.gap is not None]
    cost = money(sum(p.annual_cost or 0.0 for p in posts), currency)
    # Only the rule may wrap: names, grades and numbers must stay whole on their line.
    table.add_column("Post", footer="Total", no_wrap=True)
    table.add_column("Grade", no_wrap=True)
    table.add_column("Rule", overflow="fold", ratio=1)
    table.add_column("Headcount", justify="right", footer=str(headcount), no_wrap=True)
    table.add_column(
        "In post", justify="right", footer=str(sum(current)) if current else "—", no_wrap=True
    )
    table.add_column(
        "Gap", justify="right", footer=_signed(sum(gaps)) if gaps else "—", no_wrap=True
    )
    table.add_column(
        "Annual cost", justify="right", footer=cost, no_wrap=True, min_width=cell_len(cost)
    )
    for post in posts:
        table.add_row(
            post.name,
            post.grade.name,
            rule_summary(post, plan),
            str(post.headcount),
            "—" if post.current is None else str(post.current),
            "—" if post.gap is None else _signed(post.gap),
            money(post.annual_cost, currency),
        )
    return table


def stream_table(plan: Plan) -> Table:
    """One row per demand stream: what it brings, its peak interval's agents, agent-hours a
    week, the week's service level (queues) and the post that works it."""
    table = Table(title="Demand", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("Stream")
    table.add_column("Volume and target")
    table.add_column("Peak", justify="right")
    table.add_column("Agent-h/wk", justify="right")
    table.add_column("SL", justify="right")
    table.add_column("Worked by")
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
    table = Table(title="Summary", title_justify="left", box=box.SIMPLE, show_header=False)
    table.add_column("Measure")
    table.add_column("Value", justify="right")
    for measure, value in summary_rows(plan):
        table.add_row(measure, value)
    return Group(table)


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"
