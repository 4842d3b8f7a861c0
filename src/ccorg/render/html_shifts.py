"""The shift plan as the HTML page shows it: per scheduled post its measures and a weekday ×
interval map of coverage against the requirement — the figures of ``ccorg schedule``."""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.i18n import _
from ccorg.render.html_page import HeatCell
from ccorg.staffing.shifts import ShiftPlan
from ccorg.units import DAY_NAMES, number

_CELL_HEIGHT, _LEFT, _TOP = 18, 44, 6
_OVER, _UNDER, _EVEN = (12, 74, 140), (180, 35, 24), (240, 246, 252)


@dataclass(frozen=True)
class CoverageMap:
    width: int
    height: int
    cell_width: int
    cell_height: int
    cells: tuple[HeatCell, ...]
    days: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class ScheduledPost:
    title: str
    measures: str
    map: CoverageMap


def scheduled_posts(plans: tuple[ShiftPlan, ...]) -> list[ScheduledPost]:
    return [_post(plan) for plan in plans]


def _post(plan: ShiftPlan) -> ScheduledPost:
    status = _("optimal") if plan.optimal else _("gap {gap}").format(gap=f"{plan.mip_gap:.2%}")
    measures = _(
        "efficiency {efficiency} (required {required} ÷ paid {paid} agent-hours a week), "
        "schedule fit {fit}, {status}; {within5} of intervals within ±5%, {within1} within "
        "±1 agent"
    ).format(
        efficiency=f"{plan.efficiency:.1%}",
        required=number(round(plan.required_agent_hours, 1)),
        paid=number(round(plan.paid_agent_hours, 1)),
        fit=f"{plan.schedule_fit:.1%}",
        status=status,
        within5=f"{plan.within_5pct:.1%}",
        within1=f"{plan.within_1_agent:.1%}",
    )
    return ScheduledPost(f"{plan.post_name} ({plan.post_id})", measures, _map(plan))


def _map(plan: ShiftPlan) -> CoverageMap:
    days, per_day = plan.requirement.shape
    cell_width = max(3, min(16, 768 // per_day))
    spread = float(abs(plan.coverage - plan.requirement).max()) or 1.0
    template = _("{when} · {coverage} on the phones for {required} required")
    cells = []
    for day in range(days):
        for interval in range(per_day):
            minutes = interval * plan.interval_minutes
            when = f"{_(DAY_NAMES[day])} {minutes // 60:02d}:{minutes % 60:02d}"
            covered = float(plan.coverage[day, interval])
            required = float(plan.requirement[day, interval])
            tip = template.format(
                when=when, coverage=number(covered, 1), required=number(required, 1)
            )
            cells.append(
                HeatCell(
                    _LEFT + interval * cell_width,
                    _TOP + day * _CELL_HEIGHT,
                    _shade((covered - required) / spread),
                    tip,
                )
            )
    return CoverageMap(
        width=_LEFT + per_day * cell_width + 8,
        height=_TOP + days * _CELL_HEIGHT + 8,
        cell_width=cell_width,
        cell_height=_CELL_HEIGHT,
        cells=tuple(cells),
        days=tuple((_TOP + day * _CELL_HEIGHT + 13, _(DAY_NAMES[day])) for day in range(days)),
    )


def _shade(share: float) -> str:
    """Blue for agents above the requirement, red below, pale where they match."""
    end = _OVER if share >= 0 else _UNDER
    weight = min(1.0, abs(share))
    red, green, blue = (round(e + (x - e) * weight) for e, x in zip(_EVEN, end, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"
