"""The plan as one row per post: CSV for spreadsheets, Markdown for pull requests."""

from __future__ import annotations

import csv
import io

from ccorg.plan import Plan
from ccorg.units import money

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
        writer.writerow({k: "" if v is None else _plain(v) for k, v in row.items()})
    return out.getvalue()


def render_plan_markdown(plan: Plan) -> str:
    """A GitHub-flavoured Markdown table of every post, with the center's totals."""
    header = ["Department", "Post", "Grade", "Rule", "Headcount", "In post", "Gap", "Annual cost"]
    lines = [
        f"### {plan.center_name}: {plan.total_headcount} people, "
        f"{money(plan.total_cost, plan.currency)} a year",
        "",
        "| " + " | ".join(header) + " |",
        "|"
        + "|".join(
            "---:" if h in {"Headcount", "In post", "Gap", "Annual cost"} else "---" for h in header
        )
        + "|",
    ]
    for row in plan_rows(plan):
        cells = [
            row["department"],
            row["post"],
            row["grade"],
            row["basis"],
            row["headcount"],
            "—" if row["current"] is None else row["current"],
            "—" if row["gap"] is None else row["gap"],
            money(row["annual_cost"], plan.currency),  # type: ignore[arg-type]
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines.append(
        f"| **Total** | | | | **{plan.total_headcount}** | | | "
        f"**{money(plan.total_cost, plan.currency)}** |"
    )
    return "\n".join(lines) + "\n"


def _plain(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")
