"""The plan as a Markdown report to commit beside its config and read in pull requests.

Summary first, then the org chart as a Mermaid block (GitHub and GitLab draw it), then one
table per department with its totals.
"""

from __future__ import annotations

from ccorg.plan import Plan, PostPlan
from ccorg.render.markdown import markdown_text
from ccorg.render.plan_mermaid import render_plan_mermaid
from ccorg.render.plan_rows import POST_HEADER, markdown_post_cells, markdown_table, plan_rows
from ccorg.render.plan_summary import summary_rows
from ccorg.units import money


def render_plan_report(plan: Plan) -> str:
    """The whole report as Markdown text."""
    lines = [
        f"# {markdown_text(plan.center_name)} staffing plan",
        "",
        "## Summary",
        "",
        *markdown_table(
            ("Measure", "Value"),
            [
                ("Center", f"{plan.center_name} ({plan.center_id})"),
                ("Service hours", plan.service_hours),
                *summary_rows(plan),
            ],
        ),
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
        lines.extend(["", f"## {markdown_text(title)}", "", *markdown_table(POST_HEADER, cells)])
    return "\n".join(lines) + "\n"


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
