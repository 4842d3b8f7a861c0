"""The capacity plan's months as the HTML page shows them: a chart and a table per workload
post, its hiring classes and whether it is staffed every month — the figures and sentences of
``ccorg capacity``."""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.i18n import _
from ccorg.i18n.numbers import compact_money
from ccorg.render.capacity_words import month_label, shortfall_sentence, start_basis
from ccorg.staffing.capacity import CapacityPlan, WorkloadMonths


@dataclass(frozen=True)
class Line:
    points: str  # SVG polyline points
    colour: str
    label: str


@dataclass(frozen=True)
class MonthChart:
    """Required, productive and on-roll FTE by month as SVG polylines on one scale."""

    width: int
    height: int
    lines: tuple[Line, ...]
    ticks: tuple[tuple[int, str], ...]  # x, month
    levels: tuple[tuple[int, str], ...]  # y, value
    short: tuple[tuple[int, int], ...]  # x and width of the months short of the requirement


@dataclass(frozen=True)
class PostMonths:
    title: str
    chart: MonthChart
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    short_rows: frozenset[int]
    start: str
    hiring_header: tuple[str, ...]
    hiring: tuple[tuple[str, ...], ...]
    verdict: str


_LEFT, _TOP, _STEP, _HEIGHT = 48, 10, 34, 160


def capacity_posts(plan: CapacityPlan) -> list[PostMonths]:
    """Every workload post's months, in the plan's order."""
    return [_post(plan, post) for post in plan.workload]


def _post(plan: CapacityPlan, post: WorkloadMonths) -> PostMonths:
    supply = post.supply
    leaving = supply.attrition + supply.training_loss
    over = post.over_under
    rows = tuple(
        (
            month_label(plan, m),
            f"{post.required_fte[m]:,.1f}",
            f"{supply.heads[m]:,.1f}",
            f"{leaving[m]:,.1f}",
            f"{supply.starts[m]:,.0f}" if supply.starts[m] else "",
            f"{supply.in_training[m]:,.0f}" if supply.in_training[m] else "",
            f"{supply.productive[m]:,.1f}",
            f"{over[m]:+,.1f}",
            "—" if post.cost is None else compact_money(float(post.cost[m]), plan.currency),
        )
        for m in range(len(plan.months))
    )
    department = f"{post.department.name}·" if post.department else ""
    return PostMonths(
        title=f"{department}{post.post.name} ({post.id})",
        chart=_chart(plan, post),
        header=(
            _("Month"),
            _("Required FTE"),
            _("Heads"),
            _("Leaving"),
            _("Starts"),
            _("In training"),
            _("Productive FTE"),
            _("Over/under"),
            _("Cost"),
        ),
        rows=rows,
        short_rows=frozenset(int(m) for m in range(len(rows)) if post.shortfall[m] > 0),
        start=_("Heads before {month}: {basis}").format(
            month=plan.months[0], basis=start_basis(post)
        ),
        hiring_header=(_("Requisition"), _("Class starts"), _("Size"), _("Productive from")),
        hiring=tuple(
            (
                c.requisition_date.isoformat(),
                c.start_date.isoformat(),
                str(c.size),
                c.productive_from.isoformat(),
            )
            for c in supply.classes
        ),
        verdict=shortfall_sentence(plan, post),
    )


def _chart(plan: CapacityPlan, post: WorkloadMonths) -> MonthChart:
    series = (
        (post.required_fte, "#b42318", _("Required FTE")),
        (post.supply.productive, "#0c4a8c", _("Productive FTE")),
        (post.supply.heads, "#7a8a9a", _("Heads")),
    )
    top = max(float(values.max()) for values, _colour, _label in series) or 1.0
    months = len(plan.months)

    def x(month: int) -> int:
        return _LEFT + month * _STEP + _STEP // 2

    def y(value: float) -> float:
        return _TOP + _HEIGHT * (1 - value / top)

    lines = tuple(
        Line(" ".join(f"{x(m)},{y(float(v)):.1f}" for m, v in enumerate(values)), colour, label)
        for values, colour, label in series
    )
    short = tuple((_LEFT + m * _STEP, _STEP) for m in range(months) if float(post.shortfall[m]) > 0)
    return MonthChart(
        width=_LEFT + months * _STEP + 8,
        height=_TOP + _HEIGHT + 28,
        lines=lines,
        ticks=tuple((x(m), plan.months[m][2:]) for m in range(months)),
        levels=tuple((round(y(top * k / 4)), f"{top * k / 4:,.0f}") for k in range(5)),
        short=short,
    )
