"""Time budgets shared by several shift solves.

Every plan has one: ``shifts.time_limit_seconds`` is the time of all of its shift solves
together (``plan_budget``), so that a config with fifty posts whose schedule fit is derived
cannot hold a CI gate for fifty solver limits. ``ccorg check`` gives the scenarios of a config
one more in all, and ``ccorg compare`` its plans; a plan's budget then draws on it too, and a
solve gets what is left of the tighter of the two.

Pure: it only reads the clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

from ccorg.config.org import WorkloadRule
from ccorg.limits import MIN_SOLVE_SECONDS
from ccorg.staffing.errors import ScheduleBudgetError, ScheduleTimeoutError

if TYPE_CHECKING:
    from ccorg.config.schema import Config


class _Solved(Protocol):
    @property
    def optimal(self) -> bool: ...

    @property
    def solve_seconds(self) -> float: ...


Plan = TypeVar("Plan", bound=_Solved)


class BudgetSpentError(Exception):
    """The budget ran out before post ``post_id``'s shifts were planned: its plan is unknown
    (not wrong), and so is everything derived from it."""

    def __init__(self, post_id: str, seconds: float) -> None:
        super().__init__(post_id, seconds)
        self.post_id = post_id
        self.seconds = seconds


class SolverBudget:
    """``seconds`` of solver time in all; each solve takes at most what is left of it, and of
    the budget it is ``within`` when it has one.

    ``exact``: a plan that this budget's cut stopped short of optimal is not taken either
    (``compare`` shows every plan's numbers, which must be the ones ``plan`` gives); without
    it such a plan is kept, with its gap.
    """

    def __init__(
        self, seconds: float, *, exact: bool = False, within: SolverBudget | None = None
    ) -> None:
        self.seconds = seconds
        self.left = seconds
        self.exact = exact
        self.within = within
        self.planned: list[str] = []
        """The posts planned through this budget so far, solved or reused, in order."""

    def solve(
        self,
        post_id: str,
        solve: Callable[[float], Plan],
        reuse: Callable[[], Plan | None] = lambda: None,
    ) -> Plan:
        """``reuse()`` when it has the plan already (a proven optimum costs nothing), else
        ``solve(time_limit)`` with what is left of the tightest budget.

        Raises that budget's refusal (``BudgetSpentError``, or ``ScheduleBudgetError`` for a
        plan's own budget) when too little is left to try, or when its cut stopped the
        solver before any plan (the full limit might have found one). A timeout under a
        plan's whole, uncut limit is the solve's own ``ScheduleTimeoutError``.
        """
        found = reuse()
        if found is not None:
            self.planned.append(post_id)
            return found
        chain = self._chain()
        tightest = min(chain, key=lambda budget: budget.left)
        if tightest.spent:
            raise tightest.refusal(post_id)
        limit = tightest.left
        # The limit is a cut unless it is a plan's whole budget, untouched.
        cut = tightest is not self or limit < self.seconds
        started = time.perf_counter()
        try:
            plan = solve(limit)
        except ScheduleTimeoutError:
            self._spend(chain, time.perf_counter() - started)
            if cut:
                raise tightest.refusal(post_id) from None
            raise
        # A plan this process found before (under the same limit) is charged what it took
        # then, so that planning the same config twice spends its budget the same way.
        self._spend(chain, max(plan.solve_seconds, time.perf_counter() - started))
        if not plan.optimal and cut and any(budget.exact for budget in chain):
            raise tightest.refusal(post_id)
        self.planned.append(post_id)
        return plan

    @property
    def spent(self) -> bool:
        """Too little is left to try a solve: nothing, or, once a solve has drawn on it,
        less than the least a solve gets (a budget smaller than that is tried whole)."""
        return self.left <= 0 or (self.left < MIN_SOLVE_SECONDS and self.left < self.seconds)

    def refusal(self, post_id: str) -> Exception:
        """What is raised when this budget cannot plan ``post_id``."""
        return BudgetSpentError(post_id, self.seconds)

    def _chain(self) -> list[SolverBudget]:
        chain: list[SolverBudget] = []
        budget: SolverBudget | None = self
        while budget is not None:
            chain.append(budget)
            budget = budget.within
        return chain

    @staticmethod
    def _spend(chain: list[SolverBudget], seconds: float) -> None:
        for budget in chain:
            budget.left -= seconds


class PlanBudget(SolverBudget):
    """``shifts.time_limit_seconds``: the time of all of one plan's shift solves together.

    Once it is spent, the post next in line is refused with a ``ScheduleBudgetError`` (the
    pipeline locates it at that post's rule): a plan with a post left unplanned is no plan.
    ``posts()`` gives every post the plan schedules, in order, for the message to name those
    still waiting.
    """

    def __init__(
        self, seconds: float, posts: Callable[[], Iterable[str]], within: SolverBudget | None
    ) -> None:
        super().__init__(seconds, within=within)
        self.posts = posts

    def refusal(self, post_id: str) -> Exception:
        planned = {post_id, *self.planned}
        waiting = [p for p in self.posts() if p not in planned]
        return ScheduleBudgetError(post_id, self.seconds, tuple(self.planned), tuple(waiting))


def plan_budget(config: Config, within: SolverBudget | None = None) -> SolverBudget | None:
    """The budget of one plan of ``config``'s shift solves (None without a shifts section:
    nothing to solve), drawing on ``within`` too when given."""
    if config.shifts is None:
        return within

    def auto_posts() -> Iterator[str]:
        for _, _, post in config.located_posts():
            if isinstance(post.rule, WorkloadRule) and post.rule.schedule_fit == "auto":
                yield post.id

    return PlanBudget(config.shifts.time_limit_seconds, auto_posts, within)
