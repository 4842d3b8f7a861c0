"""The plan as a Markdown report to commit beside its config and read in pull requests.

Summary first, then the org chart as a Mermaid block (GitHub and GitLab draw it), then one
table per department with its totals.
"""

from __future__ import annotations

from ccorg.plan import Plan, PostPlan
from ccorg.render.plan_mermaid import render_plan_mermaid
from ccorg.render.plan_rows import POST_HEADER, markdown_post_cells, markdown_table, plan_rows
from ccorg.units import money, number


def render_plan_report(plan: Plan) -> str:
    """The whole report as Markdown text."""
    lines = [
        f"# {plan.center_name} staffing plan",
        "",
        "## Summary",
        "",
        *markdown_table(("Measure", "Value"), summary_rows(plan)),
        "",
        "## Org chart",
        "",
        "```mermaid",
        render_plan_mermaid(plan).rstrip("\n"),
        "```",
    ]
    rows = plan_rows(plan)
    groups: list[tuple[str, str | None, tuple[PostPlan, ...]]] = []
    if plan.posts:
        groups.append((f"{plan.center_name} ({plan.center_id})", None, plan.posts))
    groups.extend(
        (f"{department.name} ({department.id})", department.id, department.posts)
        for department in plan.departments
    )
    for title, department_id, posts in groups:
        cells = [
            markdown_post_cells(row, plan.currency)
            for row in rows
            if row["department_id"] == department_id
        ]
        cells.append(_total_row(posts, plan.currency))
        lines.extend(["", f"## {title}", "", *markdown_table(POST_HEADER, cells)])
    return "\n".join(lines) + "\n"


def summary_rows(plan: Plan) -> list[tuple[str, str]]:
    """Measure and value, as the terminal's summary shows them."""
    total = plan.total_headcount
    share = plan.frontline_headcount / total if total else 0.0
    cost = money(plan.total_cost, plan.currency)
    rows = [
        ("Center", f"{plan.center_name} ({plan.center_id})"),
        ("Service hours", plan.service_hours),
        ("Total headcount", str(total)),
        ("Frontline", f"{plan.frontline_headcount} ({share:.1%})"),
    ]
    if plan.total_current is not None:
        rows.append(("In post today", str(plan.total_current)))
    rows.append(("Annual cost", cost if plan.cost_complete else f"{cost} (some grades uncosted)"))
    structure = plan.structure
    if structure.average_span is not None:
        rows.append(("Average span", number(structure.average_span, 1)))
    largest = structure.largest_span
    if largest is not None:
        name = plan.post(largest[0]).qualified_name
        rows.append(("Largest span", f"{number(largest[1], 1)} ({name})"))
    rows.append(("Layers", str(structure.layers)))
    return rows


def _total_row(posts: tuple[PostPlan, ...], currency: str) -> list[object]:
    current = [post.current for post in posts if post.current is not None]
    gaps = [post.gap for post in posts if post.gap is not None]
    cost = sum(post.annual_cost or 0.0 for post in posts)
    return [
        "**Total**",
        "",
        "",
        f"**{sum(post.headcount for post in posts)}**",
        f"**{sum(current)}**" if current else "—",
        f"**{sum(gaps)}**" if gaps else "—",
        f"**{money(cost, currency)}**",
    ]
