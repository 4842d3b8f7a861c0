"""Shift plans as JSON (``format_version`` 1, documented in the README)."""

from __future__ import annotations

from typing import Any

from ccorg.render.ansi import json_document
from ccorg.staffing.shifts import ShiftPlan, clock

FORMAT_VERSION = 1
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def render_schedule_json(plans: tuple[ShiftPlan, ...]) -> str:
    """The whole document, indented, ending in a newline."""
    document = {"format_version": FORMAT_VERSION, "posts": [plan_to_dict(p) for p in plans]}
    return json_document(document)


def plan_to_dict(plan: ShiftPlan) -> dict[str, Any]:
    """One post's shift plan: its measures, its shifts and its per-interval arrays."""
    return {
        "post": plan.post_id,
        "name": plan.post_name,
        "templates": [template_id for template_id, _ in plan.templates],
        "interval_minutes": plan.interval_minutes,
        "efficiency": plan.efficiency,
        "required_agent_hours": plan.required_agent_hours,
        "paid_agent_hours": plan.paid_agent_hours,
        "schedule_fit": plan.schedule_fit,
        "lp_bound": plan.lp_bound,
        "bound": plan.bound,
        "mip_gap": plan.mip_gap,
        "optimal": plan.optimal,
        "solve_seconds": plan.solve_seconds,
        "columns": plan.columns,
        "within_5pct": plan.within_5pct,
        "within_1_agent": plan.within_1_agent,
        "shifts_per_day": dict(zip(WEEKDAYS, plan.shifts_per_day, strict=True)),
        "heads": plan.heads,
        "shifts": [
            {
                "template": shift.template,
                "day": WEEKDAYS[shift.day],
                "start": shift.start,
                "count": shift.count,
                "breaks": [{"starts": list(starts), "count": n} for starts, n in shift.breaks],
            }
            for shift in plan.shifts
        ],
        "intervals": [clock(i * plan.interval_minutes) for i in range(plan.requirement.shape[1])],
        "requirement": _by_weekday(plan.requirement),
        "coverage": _by_weekday(plan.coverage),
    }


def _by_weekday(week: Any) -> dict[str, list[float]]:
    return {day: [float(v) for v in week[index]] for index, day in enumerate(WEEKDAYS)}
