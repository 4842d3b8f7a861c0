"""The plan as one row per post: CSV for spreadsheets, Markdown for pull requests."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from ccorg.i18n import _
from ccorg.plan import Plan
from ccorg.render import post_tables
from ccorg.render.csv_cells import csv_document
from ccorg.render.markdown import markdown_cell, markdown_text
from ccorg.render.plan_summary import budget_line, establishment_line
from ccorg.render.post_tables import TOTAL, bold, heading, post_cells, shown_columns, total_cells
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
    "establishment",
    "vacancies",
    "over_establishment",
    "annual_cost",
    "basis",
)
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
            "establishment": post.establishment,
            "vacancies": post.vacancies,
            "over_establishment": post.over_establishment,
            "annual_cost": post.annual_cost,
            "basis": post.basis,
        }
        for post in plan.all_posts()
    ]


def render_plan_csv(plan: Plan) -> str:
    """RFC 4180 CSV with a header row; numbers unformatted so spreadsheets read them."""
    rows = plan_rows(plan)
    return csv_document(COLUMNS, ([whole_as_int(row[k]) for k in COLUMNS] for row in rows))


def render_plan_markdown(plan: Plan) -> str:
    """A GitHub-flavoured Markdown table of every post, with the center's totals, 编制 and
    budget."""
    columns = shown_columns(plan)
    header = [_("Department"), *(heading(column) for column in columns)]
    numeric = {heading(c) for c in columns if c in post_tables.NUMBER_COLUMNS}
    rows: list[list[object]] = []
    for post in plan.all_posts():
        cells = post_cells(post, plan.currency, lambda p: p.basis)
        home = post.department.name if post.department else plan.center_name
        rows.append([home, *(cells[column] for column in columns)])
    totals = total_cells(plan.figures, plan.currency, _(TOTAL), "")
    rows.append(
        [
            bold(_(TOTAL)),
            *("" if c in ("post", "grade", "rule") else bold(totals[c]) for c in columns),
        ]
    )
    title = "### " + _("{center}: {people} people, {cost} a year").format(
        center=markdown_text(plan.center_name),
        people=plan.total_headcount,
        cost=money(plan.total_cost, plan.currency),
    )
    notes = [line for line in (establishment_line(plan), budget_line(plan)) if line]
    lines = [title, ""]
    for note in notes:
        lines.extend([note, ""])
    lines.extend(markdown_table(header, rows, numeric))
    return "\n".join(lines) + "\n"


def markdown_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    numeric: Collection[str] = NUMBER_COLUMNS,
) -> list[str]:
    """The lines of a GitHub-flavoured Markdown table; the ``numeric`` columns align right.

    Cells are escaped (``|``, line breaks); an empty cell stays empty.
    """
    lines = [
        _markdown_row(header),
        "|" + "|".join("---:" if h in numeric else "---" for h in header) + "|",
    ]
    lines.extend(_markdown_row(row) for row in rows)
    return lines


def _markdown_row(cells: Sequence[object]) -> str:
    return "|" + "|".join(f" {_cell(c)} " if c != "" else " " for c in cells) + "|"


def _cell(value: object) -> str:
    return markdown_cell(value)
