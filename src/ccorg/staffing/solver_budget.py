"""A time budget shared by several shift solves: `ccorg check` gives one to the scenarios of
a config, so that twenty scenarios whose demand differs cannot take twenty solver limits.

Pure: it only reads the clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol, TypeVar

from ccorg.limits import MIN_SOLVE_SECONDS
from ccorg.staffing.errors import ScheduleTimeoutError


class _Solved(Protocol):
    @property
    def optimal(self) -> bool: ...


Plan = TypeVar("Plan", bound=_Solved)


class BudgetSpentError(Exception):
    """The budget ran out before post ``post_id``'s shifts were planned: its plan is unknown
    (not wrong), and so is everything derived from it."""

    def __init__(self, post_id: str, seconds: float) -> None:
        super().__init__(post_id, seconds)
        self.post_id = post_id
        self.seconds = seconds


class SolverBudget:
    """``seconds`` of solver time in all; each solve takes at most what is left of it.

    ``exact``: a plan the cut limit stopped short of optimal is not taken either (``compare``
    shows every plan's numbers, which must be the ones ``plan`` gives); without it such a
    plan is kept (``check`` only looks for errors).
    """

    def __init__(self, seconds: float, *, exact: bool = False) -> None:
        self.seconds = seconds
        self.left = seconds
        self.exact = exact

    def solve(self, post_id: str, wanted: float, solve: Callable[[float], Plan]) -> Plan:
        """``solve(time_limit)`` with ``wanted`` seconds, or what is left of the budget if
        less. Raises ``BudgetSpentError`` when too little is left to try, or when the cut
        limit stopped the solver before any plan (the full limit might have found one)."""
        if self.left < MIN_SOLVE_SECONDS:
            raise BudgetSpentError(post_id, self.seconds)
        limit = min(wanted, self.left)
        started = time.perf_counter()
        try:
            plan = solve(limit)
        except ScheduleTimeoutError:
            if limit < wanted:
                raise BudgetSpentError(post_id, self.seconds) from None
            raise
        finally:
            self.left -= time.perf_counter() - started
        if self.exact and limit < wanted and not plan.optimal:
            raise BudgetSpentError(post_id, self.seconds)
        return plan
