"""Plans side by side: scenarios as columns, or a grid of variants and its marginal effects.

``Comparison`` is data: every figure a view shows is read from the plans here, once; text,
JSON, CSV, Markdown and xlsx only lay it out. Pure: the plans are made in ``ccorg.pipeline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.plan import Plan

if TYPE_CHECKING:
    from ccorg.config.variation import Range


@dataclass(frozen=True)
class StreamFigures:
    """A demand stream's peak requirement and the service the plan gives it over the week."""

    id: str
    name: str
    channel: str
    peak_agents: float
    service_level: float | None
    target: float | None


@dataclass(frozen=True)
class DepartmentFigures:
    """A department's people and cost, its sub-departments included, against its 编制."""

    id: str
    name: str
    headcount: int
    annual_cost: float
    establishment: int | None


@dataclass(frozen=True)
class Column:
    """One plan of the comparison: the base, a scenario, or a variant of the grid.

    ``parameters`` are the values a variant gives its ranges' paths, in ``--vary`` order.
    """

    id: str
    plan: Plan
    budget: float | None
    parameters: tuple[float, ...] = ()

    @property
    def headcount(self) -> int:
        return self.plan.total_headcount

    @property
    def frontline(self) -> int:
        return self.plan.frontline_headcount

    @property
    def fte(self) -> float:
        """The unrounded requirement of every post: what headcount rounds, so it moves smoothly."""
        return sum(p.requirement for p in self.plan.all_posts())

    @property
    def annual_cost(self) -> float:
        return self.plan.total_cost

    @property
    def budget_variance(self) -> float | None:
        """Cost minus budget: positive is over budget."""
        return None if self.budget is None else self.annual_cost - self.budget

    @property
    def departments(self) -> tuple[DepartmentFigures, ...]:
        return department_figures(self.plan)

    @property
    def establishment(self) -> int | None:
        """The 编制 of the top-level departments that give one (it counts their sub-units)."""
        given = [d.establishment for d in self._top_departments() if d.establishment is not None]
        return sum(given) if given else None

    @property
    def over_establishment(self) -> int | None:
        """People planned beyond 编制, summed over the top-level departments that give one."""
        judged = [d for d in self._top_departments() if d.establishment is not None]
        if not judged:
            return None
        return sum(max(0, d.headcount - (d.establishment or 0)) for d in judged)

    def _top_departments(self) -> list[DepartmentFigures]:
        top = {d.id for d in self.plan.departments if d.department.parent is None}
        return [d for d in self.departments if d.id in top]

    @property
    def streams(self) -> tuple[StreamFigures, ...]:
        return tuple(
            StreamFigures(
                id=s.id,
                name=s.name,
                channel=s.channel,
                peak_agents=s.peak[2],
                service_level=s.service_level,
                target=_target(s.stream),
            )
            for s in self.plan.streams
        )


def department_figures(plan: Plan) -> tuple[DepartmentFigures, ...]:
    """Each department's figures, counting every sub-department below it (file order)."""
    children: dict[str, list[str]] = {}
    for d in plan.departments:
        if d.department.parent is not None:
            children.setdefault(d.department.parent, []).append(d.id)
    own = {d.id: (d.headcount, d.annual_cost) for d in plan.departments}
    totals: dict[str, tuple[int, float]] = {}
    for d in plan.departments:
        # Walk the subtree without recursion: parents may nest deeply.
        people, cost, stack = 0, 0.0, [d.id]
        while stack:
            node = stack.pop()
            people += own[node][0]
            cost += own[node][1]
            stack.extend(children.get(node, ()))
        totals[d.id] = (people, cost)
    return tuple(
        DepartmentFigures(d.id, d.name, *totals[d.id], d.department.establishment)
        for d in plan.departments
    )


def _target(stream: object) -> float | None:
    level = getattr(stream, "service_level", None)
    return None if level is None else level.target


@dataclass(frozen=True)
class Marginal:
    """What one more unit of a range's parameter costs, all else held: least-squares slopes
    over the whole grid (the other ranges as further regressors)."""

    parameter: str
    headcount: float
    fte: float
    annual_cost: float


@dataclass(frozen=True)
class Comparison:
    """Plans of one config side by side, the base (or varied scenario) first.

    With ``ranges`` the columns after the first are the grid's variants, each with its
    ``parameters``; the first column is the plan as the file gives it.
    """

    config_name: str
    columns: tuple[Column, ...]
    ranges: tuple[Range, ...] = ()

    @property
    def base(self) -> Column:
        return self.columns[0]

    @property
    def variants(self) -> tuple[Column, ...]:
        return self.columns[1:]

    @property
    def currency(self) -> str:
        return self.base.plan.currency

    @property
    def marginals(self) -> tuple[Marginal, ...]:
        """The marginal effect of each range that takes more than one value."""
        if not self.ranges or len(self.variants) < 2:
            return ()
        return marginal_effects(self.ranges, self.variants)


def marginal_effects(ranges: Sequence[Range], variants: Sequence[Column]) -> tuple[Marginal, ...]:
    """Slopes of headcount, FTE and cost against each varying parameter, fitted jointly."""
    import numpy as np

    varying = [i for i, r in enumerate(ranges) if len(set(r.values)) > 1]
    if not varying:
        return ()
    design = np.array([[1.0, *(v.parameters[i] for i in varying)] for v in variants])
    targets = np.array([[v.headcount, v.fte, v.annual_cost] for v in variants], dtype=float)
    slopes, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return tuple(
        Marginal(ranges[i].name, *(float(x) for x in slopes[row + 1]))
        for row, i in enumerate(varying)
    )
