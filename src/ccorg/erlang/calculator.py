"""One interval: the agents it needs with a table around them, or what given agents achieve.

The queueing engine (and numpy) is imported only when a calculation runs, so ``ccorg --help``
stays quick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ccorg.erlang.inputs import INPUT, engine_arguments
from ccorg.errors import CcorgError, UsageError
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.staffing.queueing import IntervalMetrics, StaffingInputError


class TargetError(CcorgError):
    """Targets that no number of agents meets (exit 1, like any other bad input)."""

    exit_code = 1


@dataclass(frozen=True)
class Single:
    """The agents one interval needs, its metrics, and a table of N−2 … N+3 agents.

    ``agents_by_target`` holds what each target needs on its own and ``binding`` the one that
    set the agents (None when no agents are needed); see ``queueing.agents_by_target``.
    """

    agents: int
    positions: int | None
    metrics: IntervalMetrics  # at the needed agents (0-d arrays)
    table: IntervalMetrics  # over the table's agent counts
    binding: str | None = None
    agents_by_target: dict[str, int] = field(default_factory=dict)


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

    arguments = engine_arguments(interval, "queue", "target")
    try:
        needed = queueing.required_agents(**arguments)
        by_target = queueing.agents_by_target(**arguments)
    except queueing.InfeasibleTargetError as error:
        raise TargetError(
            _("the targets cannot be met: {reason}").format(reason=error.reason)
        ) from None
    except queueing.StaffingInputError as error:
        raise _usage(error) from None
    agents = int(needed.agents)
    low = max(0, agents - 2)
    table = _metrics_at(interval, list(range(low, agents + 4)))
    positions = None
    if interval.shrinkage is not None:
        positions = math.ceil(agents / (1 - interval.shrinkage) - 1e-9)
    binding = queueing.binding_targets(by_target).tolist()
    alone = {name: int(value) for name, value in by_target.items()}
    return Single(agents, positions, needed, table, binding, alone)


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

    try:
        return queueing.metrics_at(agents, **engine_arguments(interval, "queue"))
    except queueing.StaffingInputError as error:
        raise _usage(error) from None


def _usage(error: StaffingInputError) -> UsageError:
    """Inputs each in range that the engine still refuses together (an infinite load)."""
    flag = INPUT[error.field].flag if error.field in INPUT else error.field
    return UsageError(f"{flag} {error.reason}")
