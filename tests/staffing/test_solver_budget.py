"""A solver budget shared by several solves: each gets what is left, none once it is spent."""

from __future__ import annotations

import pytest

from ccorg.limits import MIN_SOLVE_SECONDS
from ccorg.staffing.errors import ScheduleTimeoutError
from ccorg.staffing.solver_budget import BudgetSpentError, SolverBudget


def test_each_solve_gets_its_own_limit_or_what_is_left() -> None:
    budget = SolverBudget(10)
    limits: list[float] = []
    assert budget.solve("a", 4, lambda limit: limits.append(limit) or "plan") == "plan"
    assert limits == [4]
    budget.left = 3  # as if the solves so far took seven seconds
    budget.solve("a", 4, limits.append)
    assert limits[1] <= 3  # cut to what is left, never the four asked for
    assert 0 < budget.left < 3


def test_a_spent_budget_refuses_to_start_a_solve() -> None:
    budget = SolverBudget(1)
    budget.left = MIN_SOLVE_SECONDS / 2
    called: list[float] = []
    with pytest.raises(BudgetSpentError) as caught:
        budget.solve("agent", 30, called.append)
    assert (caught.value.post_id, caught.value.seconds, called) == ("agent", 1, [])


def _times_out(limit: float) -> None:
    raise ScheduleTimeoutError("agent", f"no whole-shift plan found within {limit:g} s")


def test_a_timeout_under_a_cut_limit_is_the_budgets_not_the_configs() -> None:
    with pytest.raises(BudgetSpentError):
        SolverBudget(1).solve("agent", 30, _times_out)
    # Under the config's own limit the timeout is what `ccorg plan` would report too.
    with pytest.raises(ScheduleTimeoutError):
        SolverBudget(100).solve("agent", 30, _times_out)
