"""The plan as one row per post: CSV for spreadsheets, Markdown for pull requests."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from ccorg.plan import Plan
from ccorg.render.markdown import markdown_cell, markdown_text
from ccorg.units import money, whole_as_int

COLUMNS = (
    "department_id",
    "department",
    "post_id",
    "post",
    "grade",
    "rule",
    "headcount",
    "current",
    "gap",
    "annual_cost",
    "basis",
)
# The Markdown tables' columns; the rule is shown as its one-line basis.
POST_HEADER = ("Post", "Grade", "Rule", "Headcount", "In post", "Gap", "Annual cost")
NUMBER_COLUMNS = frozenset({"Headcount", "In post", "Gap", "Annual cost"})


def plan_rows(plan: Plan) -> list[dict[str, object]]:
    """One mapping per post, keyed by ``COLUMNS``; absent values are None."""
    return [
        {
            "department_id": post.department.id if post.department else None,
            "department": post.department.name if post.department else plan.center_name,
            "post_id": post.id,
            "post": post.name,
            "grade": post.grade.name,
            "rule": post.post.rule.kind,
            "headcount": post.headcount,
            "current": post.current,
            "gap": post.gap,
            "annual_cost": post.annual_cost,
            "basis": post.basis,
        }
        for post in plan.all_posts()
    ]


def render_plan_csv(plan: Plan) -> str:
    """RFC 4180 CSV with a header row; numbers unformatted so spreadsheets read them."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in plan_rows(plan):
        writer.writerow({k: "" if v is None else whole_as_int(v) for k, v in row.items()})
    return out.getvalue()


def render_plan_markdown(plan: Plan) -> str:
    """A GitHub-flavoured Markdown table of every post, with the center's totals."""
    header = ["Department", *POST_HEADER]
    rows: list[list[object]] = [
        [row["department"], *markdown_post_cells(row, plan.currency)] for row in plan_rows(plan)
    ]
    rows.append(
        [
            "**Total**",
            "",
            "",
            "",
            f"**{plan.total_headcount}**",
            "",
            "",
            f"**{money(plan.total_cost, plan.currency)}**",
        ]
    )
    title = (
        f"### {markdown_text(plan.center_name)}: {plan.total_headcount} people, "
        f"{money(plan.total_cost, plan.currency)} a year"
    )
    return "\n".join([title, "", *markdown_table(header, rows)]) + "\n"


def markdown_post_cells(row: dict[str, object], currency: str) -> list[object]:
    """The ``POST_HEADER`` cells of one ``plan_rows`` row: the rule as its basis, — for unknown."""
    return [
        row["post"],
        row["grade"],
        row["basis"],
        row["headcount"],
        "—" if row["current"] is None else row["current"],
        "—" if row["gap"] is None else row["gap"],
        money(row["annual_cost"], currency),  # type: ignore[arg-type]
    ]


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """The lines of a GitHub-flavoured Markdown table; ``NUMBER_COLUMNS`` align right.

    Cells are escaped (``|``, line breaks); an empty cell stays empty.
    """
    lines = [
        _markdown_row(header),
        "|" + "|".join("---:" if h in NUMBER_COLUMNS else "---" for h in header) + "|",
    ]
    lines.extend(_markdown_row(row) for row in rows)
    return lines


def _markdown_row(cells: Sequence[object]) -> str:
    return "|" + "|".join(f" {_cell(c)} " if c != "" else " " for c in cells) + "|"


def _cell(value: object) -> str:
    return markdown_cell(value)
