"""The capacity plan in the terminal: per workload post a month table, its hiring and a chart of
required against productive FTE; then the other posts, 编制 and the budget by month."""

from __future__ import annotations

import numpy as np
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccorg.i18n import _
from ccorg.i18n.numbers import compact_money
from ccorg.render.capacity_words import (
    month_label,
    shortfall_sentence,
    start_basis,
    variant_note,
)
from ccorg.staffing.capacity import CapacityPlan, WorkloadMonths
from ccorg.units import money, number

CHART_WIDTH = 40


def render_capacity(plan: CapacityPlan, console: Console, post_id: str | None = None) -> None:
    """Print the capacity plan (one post's part with ``post_id``)."""
    title = f"{plan.center_name} · {plan.months[0]} – {plan.months[-1]}"
    console.print(Text(title, style="bold"))
    note = variant_note(plan)
    if note:
        console.print(note)
    console.print()
    for post in plan.workload:
        if post_id in (None, post.id):
            render_post(plan, post, console)
    if any(post_id in (None, p.id) for p in plan.others):
        console.print(other_table(plan, post_id))
    if post_id is None:
        console.print(center_table(plan))


def render_post(plan: CapacityPlan, post: WorkloadMonths, console: Console) -> None:
    """One workload post: its month table, its hiring table, its chart, its shortfall."""
    console.print(month_table(plan, post))
    console.print(
        _("Heads before {month}: {basis}").format(month=plan.months[0], basis=start_basis(post))
    )
    if post.supply.classes:
        console.print(hiring_table(plan, post))
    console.print(chart(plan, post))
    console.print(shortfall_sentence(plan, post))
    console.print()


def month_table(plan: CapacityPlan, post: WorkloadMonths) -> Table:
    """A row a month; narrow enough for 80 columns (leavers in one column, costs compact)."""
    department = f"{post.department.name}·" if post.department else ""
    table = Table(
        title=f"{department}{post.post.name} ({post.id})",
        caption=_("Leaving: attrition + lost at the end of training. * the scenario's months."),
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
        title_style="bold",
        # Column dividers are one blank each: no padding, so a year fits 80 columns.
        padding=(0, 0),
        show_edge=False,
    )
    headers = (
        _("Month"),
        _("Required\nFTE"),
        _("Heads"),
        _("Leaving"),
        _("Starts"),
        _("In\ntraining"),
        _("Productive\nFTE"),
        _("Over/\nunder"),
        _("Cost"),
    )
    for index, header in enumerate(headers):
        widest = max(cell_len(line) for line in header.split("\n"))
        table.add_column(header, justify="left" if index == 0 else "right", min_width=widest)
    supply = post.supply
    over = post.over_under
    leaving = supply.attrition + supply.training_loss
    for month in range(len(plan.months)):
        short = post.shortfall[month] > 0
        table.add_row(
            month_label(plan, month),
            f"{post.required_fte[month]:,.1f}",
            f"{supply.heads[month]:,.1f}",
            f"{leaving[month]:,.1f}",
            number(float(supply.starts[month])) if supply.starts[month] else "",
            number(float(supply.in_training[month])) if supply.in_training[month] else "",
            f"{supply.productive[month]:,.1f}",
            Text(_signed_tenths(float(over[month])), style="red" if short else ""),
            "—" if post.cost is None else compact_money(float(post.cost[month]), plan.currency),
        )
    return table


def _signed_tenths(value: float) -> str:
    """+0.7 / -0.1, and an exact fit as 0.0: a surplus of -0.04 rounds to no shortfall, not -0.0."""
    tenths = round(value, 1)
    return "0.0" if tenths == 0 else f"{tenths:+,.1f}"


def hiring_table(plan: CapacityPlan, post: WorkloadMonths) -> Table:
    table = Table(
        title=_("Hiring: {post}").format(post=post.post.name),
        box=box.SIMPLE_HEAD,
        title_justify="left",
    )
    for header in (_("Requisition"), _("Class starts"), _("Size"), _("Productive from")):
        table.add_column(header, justify="right" if header == _("Size") else "left")
    for group in post.supply.classes:
        productive = group.productive_from.isoformat()
        if group.productive_month >= len(plan.months):
            productive += " " + _("(after the horizon)")
        table.add_row(
            group.requisition_date.isoformat(),
            group.start_date.isoformat(),
            str(group.size),
            productive,
        )
    return table


def chart(plan: CapacityPlan, post: WorkloadMonths) -> Text:
    """A bar a month: █ productive up to the requirement, ░ short of it, ▓ above it."""
    required = np.asarray(post.required_fte)
    productive = np.asarray(post.supply.productive)
    top = max(float(required.max(initial=0)), float(productive.max(initial=0)), 1e-9)
    text = Text()
    text.append(_("Required vs productive FTE") + "  ")
    text.append(_("█ productive  ░ short  ▓ above the requirement"), style="dim")
    text.append("\n")
    for month in range(len(plan.months)):
        need = round(required[month] / top * CHART_WIDTH)
        have = round(productive[month] / top * CHART_WIDTH)
        text.append(f"{plan.months[month]}  ")
        text.append("█" * min(need, have))
        if have < need:
            text.append("░" * (need - have), style="red")
        else:
            text.append("▓" * (have - need), style="green")
        text.append(" " * (CHART_WIDTH - max(need, have)))
        text.append(f"  {productive[month]:,.1f} / {required[month]:,.1f}\n")
    return text


def other_table(plan: CapacityPlan, post_id: str | None) -> Table:
    """Fixed, ratio and concurrent posts: headcount at the start, lowest, highest, at the end."""
    table = Table(
        title=_("Other posts, headcount by month"), box=box.SIMPLE_HEAD, title_justify="left"
    )
    table.add_column(_("Post"))
    for header in (plan.months[0], _("Lowest"), _("Highest"), plan.months[-1]):
        table.add_column(header, justify="right")
    for post in plan.others:
        if post_id not in (None, post.id):
            continue
        heads = post.heads
        department = f"{post.department.name}·" if post.department else ""
        table.add_row(
            f"{department}{post.post.name}",
            str(heads[0]),
            str(heads.min()),
            str(heads.max()),
            str(heads[-1]),
        )
    return table


def center_table(plan: CapacityPlan) -> Table:
    """The center by month: heads, cost against the budget, departments over their 编制."""
    table = Table(title=_("The center by month"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(_("Month"))
    table.add_column(_("Heads"), justify="right")
    table.add_column(_("Cost"), justify="right")
    if plan.budget is not None:
        table.add_column(_("Budget"), justify="right")
        table.add_column(_("Over budget"), justify="right")
    units = [
        (d.department.name, d.over_establishment)
        for d in plan.departments
        if d.over_establishment is not None
    ] + [
        (p.post.name, p.over_establishment)
        for p in (*plan.workload, *plan.others)
        if p.over_establishment is not None
    ]
    if units:
        table.add_column(_("Over 编制"))
    for month in range(len(plan.months)):
        heads = sum(float(p.supply.heads[month]) for p in plan.workload) + sum(
            int(p.heads[month]) for p in plan.others
        )
        row = [
            month_label(plan, month),
            f"{heads:,.1f}",
            money(float(plan.cost[month]), plan.currency),
        ]
        if plan.budget is not None and plan.over_budget is not None:
            over = float(plan.over_budget[month])
            row.append(money(float(plan.budget[month]), plan.currency))
            row.append(Text(money(over, plan.currency), style="red") if over else "")  # type: ignore[arg-type]
        if units:
            row.append(
                ", ".join(
                    f"{name} +{number(float(over[month]), 1)}"
                    for name, over in units
                    if over[month] > 0
                )
            )
        table.add_row(*row)
    return table
