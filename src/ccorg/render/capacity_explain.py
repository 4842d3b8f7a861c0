"""`ccorg explain FILE POST --month YYYY-MM`: one month of a capacity plan, step by step.

Demand (each stream's month through the engine) → required FTE → heads (last month's, less
attrition and training loss, plus starts) → productive FTE by cohort → over/under → cost and
编制. Every number is read from the plan; nothing is computed again but the words.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rich.console import Console
from rich.text import Text

from ccorg.i18n import N_, _
from ccorg.render.capacity_words import shortfall_sentence, start_basis
from ccorg.staffing.capacity import CapacityPlan, OtherMonths, WorkloadMonths
from ccorg.staffing.supply import class_yield
from ccorg.units import money, number

# The month as its key in `seasonality.monthly` (may) in English; a Chinese reader reads 5月.
_MONTH_LABELS = (
    N_("jan"), N_("feb"), N_("mar"), N_("apr"), N_("may"), N_("jun"),
    N_("jul"), N_("aug"), N_("sep"), N_("oct"), N_("nov"), N_("dec"),
)  # fmt: skip


def month_steps(plan: CapacityPlan, post: WorkloadMonths | OtherMonths, month: int) -> list[str]:
    """The chain of one post's month, as lines."""
    label = plan.months[month]
    variant = plan.variants[int(plan.variant_of_month[month])]
    follows = (
        _("follows scenario {scenario}").format(scenario=variant)
        if variant
        else _("follows the base config")
    )
    steps = [f"{label}: {follows}"]
    if isinstance(post, OtherMonths):
        steps += list(post.steps[month]) or [_("not in this month's config")]
        steps += _money_steps(plan, post.cost, float(post.heads[month]), month)
        return steps
    steps += _demand_steps(plan, post, month)
    steps += _supply_steps(plan, post, month)
    steps += _money_steps(plan, post.cost, float(post.supply.heads[month]), month)
    if post.establishment is not None:
        over = post.over_establishment
        assert over is not None
        steps.append(
            _("编制 {establishment}: {over} over").format(
                establishment=post.establishment[month], over=number(float(over[month]), 1)
            )
        )
    if post.shortfall[month] > 0:
        steps.append(shortfall_sentence(plan, post))
    return steps


def _demand_steps(plan: CapacityPlan, post: WorkloadMonths, month: int) -> list[str]:
    steps: list[str] = []
    hours = 0.0
    for stream_id in post.streams:
        stream = plan.stream(month, stream_id)
        hours += float(stream.agent_hours[month])
        if stream.dated[month]:
            source = _("the dated forecast's {days} days, interval by interval").format(
                days=(plan.month_starts[month + 1] - plan.month_starts[month]).days
            )
        else:
            name = _(_MONTH_LABELS[plan.month_starts[month].month - 1])
            source = _("the typical week × {factor} ({month}) over the month's weekdays").format(
                factor=number(float(stream.factor[month]), 3), month=name
            )
        steps.append(
            _(
                "{stream}: {volume} contacts from {source} → {hours} agent-hours, peak {peak} "
                "agents"
            ).format(
                stream=stream_id,
                volume=number(float(stream.volume[month]), 1),
                source=source,
                hours=number(float(stream.agent_hours[month]), 1),
                peak=number(float(stream.peak_agents[month]), 1),
            )
        )
    rate = float(post.fte_per_agent_hour[month])
    if rate:
        derivation = post.derivation
        fit = derivation.schedule_fit if derivation else 0.0
        productive = (1 + fit) * 12 / rate
        steps.append(
            _(
                "required FTE: {hours} agent-hours × (1 + {fit}) ÷ ({productive} productive "
                "hours a year ÷ 12) = {fte}; headcount {heads}"
            ).format(
                hours=number(hours, 1),
                fit=f"{fit:.0%}",
                productive=number(productive, 1),
                fte=f"{post.required_fte[month]:,.2f}",
                heads=int(post.required_heads[month]),
            )
        )
    else:
        steps.append(_("required FTE: 0 (the post is not in this month's config)"))
    return steps


def _supply_steps(plan: CapacityPlan, post: WorkloadMonths, month: int) -> list[str]:
    s = post.supply
    before = post.start_heads if month == 0 else float(s.heads[month - 1])
    where = (
        _("before the horizon: {basis}").format(basis=start_basis(post))
        if month == 0
        else _("at the end of {month}").format(month=plan.months[month - 1])
    )
    w = post.workforce
    steps = [
        _(
            "heads: {before} ({where}) − {attrition} attrition ({rate} a month) − {loss} lost "
            "in training + {starts} starting = {heads}"
        ).format(
            before=number(before, 2),
            where=where,
            attrition=number(float(s.attrition[month]), 2),
            rate=f"{w.attrition_monthly:.4%}",
            loss=number(float(s.training_loss[month]), 2),
            starts=number(float(s.starts[month])),
            heads=number(float(s.heads[month]), 2),
        )
    ]
    months = len(plan.months)
    cohorts = 0.0
    for group in s.classes:
        productive, heads = class_yield(group, months, w)
        if group.start_month > month or not heads[month]:
            continue
        if group.productive_month > month:
            state = _("in training until {date}").format(date=group.productive_from.isoformat())
        else:
            step = month - group.productive_month
            level = w.ramp[step] if step < len(w.ramp) else 1.0
            state = _("productive at {level}").format(level=f"{level:.0%}")
        cohorts += float(productive[month])
        steps.append(
            _("class of {size} from {start}: {heads} on roll, {state} → {fte} FTE").format(
                size=group.size,
                start=group.start_date.isoformat(),
                heads=number(float(heads[month]), 2),
                state=state,
                fte=number(float(productive[month]), 2),
            )
        )
    tenured = float(s.productive[month]) - cohorts
    over = float(post.over_under[month])
    steps.append(
        _(
            "productive FTE: {tenured} (heads before the horizon) + {cohorts} (classes) = "
            "{productive}; {over} against the requirement"
        ).format(
            tenured=number(tenured, 2),
            cohorts=number(cohorts, 2),
            productive=number(float(s.productive[month]), 2),
            over=f"{over:+,.2f}",
        )
    )
    return steps


def _money_steps(
    plan: CapacityPlan, cost: np.ndarray | None, heads: float, month: int
) -> list[str]:
    if cost is None:
        return [_("cost: the grade has no annual_cost")]
    per_head = float(cost[month]) / heads if heads else None
    if per_head is None:
        return [_("cost: no one on roll")]
    return [
        _("cost: {heads} heads × {per_head} a month (annual cost ÷ 12) = {cost}").format(
            heads=number(heads, 2),
            per_head=money(per_head, plan.currency),
            cost=money(float(cost[month]), plan.currency),
        )
    ]


def render_month_explain(
    plan: CapacityPlan, post: WorkloadMonths | OtherMonths, month: int, console: Console
) -> None:
    department = f"{post.department.name}·" if post.department else ""
    console.print(Text(f"{department}{post.post.name} ({post.id}) · {plan.months[month]}", "bold"))
    for step in month_steps(plan, post, month):
        console.print(Text("  " + step))


def month_explain_to_dict(
    plan: CapacityPlan, post: WorkloadMonths | OtherMonths, month: int
) -> dict[str, Any]:
    """The month's chain as JSON: its steps in words, and the month's numbers."""
    from ccorg.render.capacity_json import other_to_dict, workload_to_dict

    whole = (
        workload_to_dict(post, plan) if isinstance(post, WorkloadMonths) else other_to_dict(post)
    )
    numbers = {
        key: value[month]
        for key, value in whole.items()
        if isinstance(value, list)
        and len(value) == len(plan.months)
        and key not in ("hires", "shortfall", "streams")
    }
    return {
        "format_version": 1,
        "post": post.id,
        "month": plan.months[month],
        "follows": plan.variants[int(plan.variant_of_month[month])] or "base",
        "steps": month_steps(plan, post, month),
        **numbers,
    }
