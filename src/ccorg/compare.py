"""Plans side by side: scenarios as columns, or a grid of variants and its marginal effects.

``Comparison`` is data: every figure a view shows is read from the plans here, once; text,
JSON, CSV, Markdown and xlsx only lay it out. Pure: the plans are made in ``ccorg.pipeline``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.config.schema import ChatStream, Stream, VoiceStream
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
    depth: int = 0  # 0 for a top-level department, 1 for a unit inside one, …


@dataclass(frozen=True)
class Column:
    """One plan of the comparison: the base, a scenario, or a variant of the grid.

    ``parameters`` are the values a variant gives its ranges' paths, in ``--vary`` order.
    """

    id: str
    plan: Plan
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
    def budget(self) -> float | None:
        return self.plan.budget

    @property
    def budget_variance(self) -> float | None:
        """Cost minus budget: positive is over budget."""
        return self.plan.budget_variance

    @property
    def establishment(self) -> int | None:
        """The center's 编制, where the plan gives one for all of it."""
        return self.plan.figures.establishment

    @property
    def over_establishment(self) -> int | None:
        """People planned beyond 编制 (negative: room left)."""
        return self.plan.figures.over_establishment

    @property
    def departments(self) -> tuple[DepartmentFigures, ...]:
        """Each department with its sub-departments, in file order."""
        depth = {d.id: 0 for d in self.plan.top_departments()}
        for top in self.plan.top_departments():
            for below in self.plan.descendants(top.id):
                depth[below.id] = depth[below.department.parent or top.id] + 1
        found = []
        for d in self.plan.departments:
            total = self.plan.total_figures(d.id)
            found.append(
                DepartmentFigures(
                    d.id,
                    d.name,
                    total.headcount,
                    total.annual_cost,
                    total.establishment,
                    depth.get(d.id, 0),
                )
            )
        return tuple(found)

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


def _target(stream: Stream) -> float | None:
    """The service-level target of a queue; None for back-office and outbound work."""
    return stream.service_level.target if isinstance(stream, VoiceStream | ChatStream) else None


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
