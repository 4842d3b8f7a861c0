"""The capacity plan in words, shared by its text, Markdown and explain views."""

from __future__ import annotations

import numpy as np

from ccorg.i18n import _, ngettext
from ccorg.staffing.capacity import CapacityPlan, WorkloadMonths
from ccorg.units import number


def month_label(plan: CapacityPlan, month: int) -> str:
    """``2027-05``, with ``*`` on the months a scenario applies to."""
    return plan.months[month] + (" *" if plan.variant_of_month[month] else "")


def start_basis(post: WorkloadMonths) -> str:
    """Where the heads before the first month come from, in words."""
    heads = number(post.start_heads)
    if post.start_source == "current":
        return _("{heads}, in post today (current)").format(heads=heads)
    if post.start_source == "headcount":
        return _("{heads}: no current given, so the first month's headcount").format(heads=heads)
    return _("none: a post the scenario adds")


def variant_note(plan: CapacityPlan) -> str | None:
    """Which months follow the scenario, in a line (None without one)."""
    if len(plan.variants) < 2:
        return None
    scenario = plan.variants[-1]
    first = plan.months[int(np.flatnonzero(plan.variant_of_month)[0])]
    return _("* scenario {scenario} from {month} on; the months before follow the base").format(
        scenario=scenario, month=first
    )


def shortfall_sentence(plan: CapacityPlan, post: WorkloadMonths) -> str:
    """Whether the post is staffed every month, and if not where, how much and why."""
    short = post.shortfall
    months = [int(m) for m in np.flatnonzero(short)]
    supply = post.supply
    hired = sum(c.size for c in supply.classes)
    hires = ngettext("{count} class", "{count} classes", len(supply.classes)).format(
        count=len(supply.classes)
    )
    if not months:
        return _(
            "Staffed every month: productive FTE meets the requirement from {first} to "
            "{last} ({hires}, {heads} hired)."
        ).format(first=plan.months[0], last=plan.months[-1], hires=hires, heads=hired)
    listed = ", ".join(f"{plan.months[m]} {short[m]:,.1f}" for m in months)
    worst = max(months, key=lambda m: short[m])
    text = _(
        "SHORT in {count} of {total} months (FTE): {listed}; worst {worst} FTE in {month}."
    ).format(
        count=len(months),
        total=len(plan.months),
        listed=listed,
        worst=f"{short[worst]:,.1f}",
        month=plan.months[worst],
    )
    w = post.workforce
    first = supply.earliest_productive
    early = [m for m in months if first is None or m < first]
    if early:
        if supply.earliest_start is None:
            text += " " + _(
                "No class can start within the horizon: recruiting takes {lead} weeks."
            ).format(lead=number(w.recruit_lead_weeks))
        else:
            counted = plan.months[first] if first is not None and first < len(plan.months) else None
            text += " " + _(
                "Until {month} no new class can be productive: recruiting takes {lead} weeks "
                "and training {training}, so the first class starts {start}."
            ).format(
                month=counted or _("the horizon's end"),
                lead=number(w.recruit_lead_weeks),
                training=number(w.training_weeks),
                start=plan.month_starts[supply.earliest_start].isoformat(),
            )
    if len(early) < len(months):
        limit = _("no limit") if w.class_max is None else str(w.class_max)
        text += " " + _(
            "After that the class limits bind: {classes} a month of at most {size} heads."
        ).format(
            classes=ngettext("{count} class", "{count} classes", w.classes_per_month).format(
                count=w.classes_per_month
            ),
            size=limit,
        )
    return text
