"""One interval: the agents it needs with a table around them, or what given agents achieve.

The queueing engine (and numpy) is imported only when a calculation runs, so ``ccorg --help``
stays quick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ccorg.erlang.inputs import engine_arguments
from ccorg.errors import CcorgError

if TYPE_CHECKING:
    from ccorg.staffing.queueing import IntervalMetrics


class TargetError(CcorgError):
    """Targets that no number of agents meets (exit 1, like any other bad input)."""

    exit_code = 1


@dataclass(frozen=True)
class Single:
    """The agents one interval needs, its metrics, and a table of N−2 … N+3 agents."""

    agents: int
    positions: int | None
    metrics: IntervalMetrics  # at the needed agents (0-d arrays)
    table: IntervalMetrics  # over the table's agent counts


@dataclass(frozen=True)
class Reverse:
    """The metrics of a given number of agents, and the number needed (None: unreachable)."""

    agents: int
    metrics: IntervalMetrics
    needed: int | None
    reason: str | None


def solve_single(interval: Any) -> Single:
    """The fewest agents meeting every target of ``interval`` (an ``inputs.Interval``)."""
    from ccorg.staffing import queueing

    try:
        needed = queueing.required_agents(**engine_arguments(interval, "queue", "target"))
    except queueing.InfeasibleTargetError as error:
        raise TargetError(f"the targets cannot be met: {error.reason}") from None
    agents = int(needed.agents)
    low = max(0, agents - 2)
    table = _metrics_at(interval, list(range(low, agents + 4)))
    positions = None
    if interval.shrinkage is not None:
        positions = math.ceil(agents / (1 - interval.shrinkage) - 1e-9)
    return Single(agents, positions, needed, table)


def reverse_calculation(interval: Any, agents: int) -> Reverse:
    """What ``agents`` achieve in ``interval``, and how many its targets need."""
    metrics = _metrics_at(interval, agents)
    try:
        needed: int | None = solve_single(interval).agents
        reason = None
    except TargetError as error:
        needed, reason = None, str(error)
    return Reverse(agents, metrics, needed, reason)


def _metrics_at(interval: Any, agents: int | list[int]) -> IntervalMetrics:
    from ccorg.staffing import queueing

    return queueing.metrics_at(agents, **engine_arguments(interval, "queue"))
