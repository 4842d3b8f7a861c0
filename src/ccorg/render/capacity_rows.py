"""The capacity plan as rows: CSV (one row per post and month) for spreadsheets, Markdown
(a month table per workload post, its hires, and the center by month) for pull requests."""

from __future__ import annotations

from ccorg.i18n import _
from ccorg.render.capacity_words import (
    month_label,
    shortfall_sentence,
    start_basis,
    variant_note,
)
from ccorg.render.csv_cells import csv_document
from ccorg.render.machine_numbers import machine_float as _round
from ccorg.render.markdown import markdown_text
from ccorg.render.plan_rows import markdown_table
from ccorg.staffing.capacity import CapacityPlan, WorkloadMonths
from ccorg.units import money

COLUMNS = (
    "month",
    "follows",
    "post_id",
    "post",
    "rule",
    "required_fte",
    "headcount",
    "heads",
    "attrition",
    "training_loss",
    "starts",
    "in_training",
    "productive_fte",
    "over_under",
    "cost",
)


def capacity_rows(plan: CapacityPlan, post_id: str | None = None) -> list[dict[str, object]]:
    """One mapping per post and month, keyed by ``COLUMNS``; absent values are None."""
    rows: list[dict[str, object]] = []
    for month, label in enumerate(plan.months):
        follows = plan.variants[plan.variant_of_month[month]] or "base"
        for post in plan.workload:
            if post_id not in (None, post.id):
                continue
            s = post.supply
            rows.append(
                {
                    "month": label,
                    "follows": follows,
                    "post_id": post.id,
                    "post": post.post.name,
                    "rule": "workload",
                    "required_fte": _round(post.required_fte[month]),
                    "headcount": int(post.required_heads[month]),
                    "heads": _round(s.heads[month]),
                    "attrition": _round(s.attrition[month]),
                    "training_loss": _round(s.training_loss[month]),
                    "starts": _round(s.starts[month]),
                    "in_training": _round(s.in_training[month]),
                    "productive_fte": _round(s.productive[month]),
                    "over_under": _round(post.over_under[month]),
                    "cost": None if post.cost is None else _round(post.cost[month]),
                }
            )
        for other in plan.others:
            if post_id not in (None, other.id):
                continue
            heads = int(other.heads[month])
            rows.append(
                dict.fromkeys(COLUMNS)
                | {
                    "month": label,
                    "follows": follows,
                    "post_id": other.id,
                    "post": other.post.name,
                    "rule": other.post.rule.kind,
                    "headcount": heads,
                    "heads": heads,
                    "cost": None if other.cost is None else _round(other.cost[month]),
                }
            )
    return rows


def render_capacity_csv(plan: CapacityPlan, post_id: str | None = None) -> str:
    """RFC 4180 CSV with a header row; numbers unformatted so spreadsheets read them."""
    rows = capacity_rows(plan, post_id)
    return csv_document(COLUMNS, ([row[k] for k in COLUMNS] for row in rows))


def render_capacity_markdown(plan: CapacityPlan, post_id: str | None = None) -> str:
    """GitHub-flavoured Markdown: per workload post its months, hires and shortfall."""
    title = f"{plan.center_name}: {plan.months[0]} – {plan.months[-1]}"
    lines = [f"### {markdown_text(title)}", ""]
    note = variant_note(plan)
    if note:
        lines += [markdown_text(note), ""]
    for post in plan.workload:
        if post_id in (None, post.id):
            lines += _post_markdown(plan, post)
    return "\n".join(lines)


def _post_markdown(plan: CapacityPlan, post: WorkloadMonths) -> list[str]:
    s = post.supply
    header = [
        _("Month"),
        _("Required FTE"),
        _("Heads"),
        _("Starts"),
        _("In training"),
        _("Productive FTE"),
        _("Over/under"),
        _("Cost"),
    ]
    rows = [
        [
            month_label(plan, m),
            f"{post.required_fte[m]:,.1f}",
            f"{s.heads[m]:,.1f}",
            f"{s.starts[m]:,.0f}" if s.starts[m] else "",
            f"{s.in_training[m]:,.0f}" if s.in_training[m] else "",
            f"{s.productive[m]:,.1f}",
            f"{post.over_under[m]:+,.1f}",
            money(None if post.cost is None else float(post.cost[m]), plan.currency),
        ]
        for m in range(len(plan.months))
    ]
    title = f"{post.post.name} ({post.id})"
    lines = [f"#### {markdown_text(title)}", "", markdown_text(start_basis(post)), ""]
    lines += _aligned(markdown_table(header, rows), len(header))
    if s.classes:
        hires = [
            [
                c.requisition_date.isoformat(),
                c.start_date.isoformat(),
                c.size,
                c.productive_from.isoformat(),
            ]
            for c in s.classes
        ]
        lines += [
            "",
            *markdown_table(
                [_("Requisition"), _("Class starts"), _("Size"), _("Productive from")], hires
            ),
        ]
    lines += ["", markdown_text(shortfall_sentence(plan, post)), ""]
    return lines


def _aligned(lines: list[str], columns: int) -> list[str]:
    """Right-align every column but the first (the numbers)."""
    lines[1] = "|---|" + "---:|" * (columns - 1)
    return lines
