"""The plan as a Markdown report to commit beside its config and read in pull requests.

Summary first, then the org chart as a Mermaid block (GitHub and GitLab draw it), then one
table per department with its totals.
"""

from __future__ import annotations

from ccorg.i18n import _
from ccorg.plan import Plan, PostPlan
from ccorg.render.markdown import markdown_text
from ccorg.render.plan_mermaid import render_plan_mermaid
from ccorg.render.plan_rows import markdown_table
from ccorg.render.plan_summary import summary_rows
from ccorg.render.post_tables import (
    INCLUDING,
    NUMBER_COLUMNS,
    OWN,
    TOTAL,
    bold,
    heading,
    post_cells,
    post_tables,
    shown_columns,
    total_cells,
)


def render_plan_report(plan: Plan) -> str:
    """The whole report as Markdown text."""
    lines = [
        "# " + _("{center} staffing plan").format(center=markdown_text(plan.center_name)),
        "",
        "## " + _("Summary"),
        "",
        *markdown_table(
            (_("Measure"), _("Value")),
            [
                (_("Center"), f"{plan.center_name} ({plan.center_id})"),
                (_("Service hours"), plan.service_hours),
                *summary_rows(plan),
            ],
        ),
        "",
        "## " + _("Org chart"),
        "",
        "```mermaid",
        render_plan_mermaid(plan).rstrip("\n"),
        "```",
    ]
    columns = shown_columns(plan)
    header = [heading(column) for column in columns]
    numeric = {heading(column) for column in NUMBER_COLUMNS}
    for unit in post_tables(plan):
        rows = [
            [cells[c] for c in columns]
            for cells in (post_cells(post, plan.currency, _basis) for post in unit.posts)
        ]
        totals = [(unit.own, "")]
        if unit.total is not None:
            totals = [
                (unit.own, _(OWN)),
                (unit.total, _(INCLUDING).format(names=", ".join(unit.includes))),
            ]
        for figures, what in totals:
            cells = total_cells(figures, plan.currency, _(TOTAL), what)
            rows.append([bold(cells[c]) for c in columns])
        title = markdown_text(unit.title)
        lines.extend(["", f"## {title}", "", *markdown_table(header, rows, numeric)])
    return "\n".join(lines) + "\n"


def _basis(post: PostPlan) -> str:
    return post.basis
