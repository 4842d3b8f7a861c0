"""Solver budgets shared by several solves: each gets what is left of the tightest, none once
it is spent; a plan's own budget is its ``shifts.time_limit_seconds``."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from ccorg.errors import ConfigError
from ccorg.limits import MIN_SOLVE_SECONDS
from ccorg.pipeline import load_document, plan_file
from ccorg.staffing.errors import ScheduleBudgetError, ScheduleTimeoutError
from ccorg.staffing.solver_budget import (
    BudgetSpentError,
    PlanBudget,
    SolverBudget,
    plan_budget,
)
from tests.conftest import SHIFTED


@dataclass(frozen=True)
class Solved:
    """A stand-in for a shift plan: what a budget reads of one."""

    solve_seconds: float
    optimal: bool = True


def recording(limits: list[float], took: float, optimal: bool = True) -> object:
    """A solve that records its limit and reports having taken ``took`` seconds."""

    def solve(limit: float) -> Solved:
        limits.append(limit)
        return Solved(took, optimal)

    return solve


def test_each_solve_gets_what_is_left() -> None:
    budget = SolverBudget(10)
    limits: list[float] = []
    budget.solve("a", recording(limits, 7))
    budget.solve("b", recording(limits, 1))
    # A solve is charged the time its plan took (a plan found before is charged it again).
    assert limits[0] == 10
    assert limits[1] == pytest.approx(3)
    assert budget.left == pytest.approx(2)
    assert budget.planned == ["a", "b"]


def test_a_spent_budget_refuses_to_start_a_solve() -> None:
    budget = SolverBudget(1)
    budget.solve("a", recording([], 1 - MIN_SOLVE_SECONDS / 2))
    called: list[float] = []
    with pytest.raises(BudgetSpentError) as caught:
        budget.solve("agent", recording(called, 0))
    assert (caught.value.post_id, caught.value.seconds, called) == ("agent", 1, [])


def test_a_budget_below_the_least_a_solve_gets_is_tried_whole() -> None:
    limits: list[float] = []
    SolverBudget(MIN_SOLVE_SECONDS / 4).solve("a", recording(limits, 0))
    assert limits == [MIN_SOLVE_SECONDS / 4]
    with pytest.raises(BudgetSpentError):
        SolverBudget(0).solve("a", recording(limits, 0))


def test_a_reused_plan_costs_nothing() -> None:
    budget = SolverBudget(1)
    called: list[float] = []
    plan = Solved(0.9)
    assert budget.solve("a", recording(called, 0), reuse=lambda: plan) is plan
    assert (called, budget.left, budget.planned) == ([], 1, ["a"])


def _times_out(limit: float) -> Solved:
    raise ScheduleTimeoutError("agent", f"no whole-shift plan found within {limit:g} s")


def test_a_timeout_under_a_cut_limit_is_the_budgets_not_the_configs() -> None:
    budget = SolverBudget(10)
    budget.solve("a", recording([], 5))
    with pytest.raises(BudgetSpentError):
        budget.solve("agent", _times_out)
    # Under a budget's whole limit the timeout is the solve's own: a longer limit may help.
    with pytest.raises(ScheduleTimeoutError):
        SolverBudget(10).solve("agent", _times_out)


def test_the_tightest_of_nested_budgets_limits_and_refuses() -> None:
    outer = SolverBudget(3)
    inner = SolverBudget(10, within=outer)
    limits: list[float] = []
    inner.solve("a", recording(limits, 2))
    assert limits == [3]  # what is left of the outer budget
    assert (inner.left, outer.left) == (pytest.approx(8), pytest.approx(1))
    # Refused by whichever is spent: a refusal names that budget's seconds.
    inner.solve("b", recording(limits, 1))
    with pytest.raises(BudgetSpentError) as caught:
        inner.solve("c", recording(limits, 0))
    assert caught.value.seconds == 3
    # The outer budget's cut makes a timeout the outer budget's.
    with pytest.raises(BudgetSpentError):
        SolverBudget(10, within=SolverBudget(2)).solve("agent", _times_out)


def test_an_exact_budget_refuses_a_plan_its_cut_stopped_short() -> None:
    outer = SolverBudget(2, exact=True)
    with pytest.raises(BudgetSpentError):
        SolverBudget(10, within=outer).solve("a", recording([], 2, optimal=False))
    # Not cut (the plan's own whole limit stopped it): the plan is kept, with its gap.
    kept = SolverBudget(1, within=SolverBudget(10, exact=True)).solve(
        "a", recording([], 1, optimal=False)
    )
    assert not kept.optimal


def test_a_plans_budget_names_the_post_refused_and_those_waiting() -> None:
    from ccorg.config.loader import load_yaml

    text = auto_posts(4, 1).replace("[s2], schedule_fit: auto", "[s2], schedule_fit: 0.1")
    budget = plan_budget(load_document(load_yaml(text.encode(), "c.yaml")).config)
    assert isinstance(budget, PlanBudget) and budget.seconds == 1
    budget.solve("a0", recording([], 1))
    with pytest.raises(ScheduleBudgetError) as caught:
        budget.solve("a1", recording([], 0))
    error = caught.value
    # a2's allowance is typed: only a3 waits for a shift plan.
    assert (error.post_id, error.seconds, error.planned, error.waiting) == (
        "a1",
        1,
        ("a0",),
        ("a3",),
    )


def auto_posts(count: int, time_limit: float) -> str:
    """A center of ``count`` posts whose schedule fit is derived, each working a stream of
    its own (so that no two share a solve), with ``time_limit`` seconds for a plan's shifts."""
    streams = "".join(
        f"    - {{id: s{i}, name: S{i}, channel: deferred, volume: {{per_day: {4000 + 100 * i}}},"
        " handle_seconds: 1800, response_hours: 1}\n"
        for i in range(count)
    )
    posts = "".join(
        f"      - {{id: a{i}, name: A{i}, grade: agent,\n"
        f"         rule: {{kind: workload, streams: [s{i}], schedule_fit: auto}}}}\n"
        for i in range(count)
    )
    head, rest = SHIFTED.split("  streams:\n", 1)
    rest = rest.split("departments:", 1)[1].split("shifts:\n", 1)[1]
    return (
        f"{head}  streams:\n{streams}departments:\n  - id: ops\n    name: Ops\n    posts:\n"
        f"{posts}shifts:\n  time_limit_seconds: {time_limit}\n{rest}"
    )


@pytest.fixture
def hard_solves(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, float]]:
    """Every shift solve made as hard as the budget allows: it takes its whole time limit
    (then solves the small problem for real). Returns the (post, limit) of each solve."""
    import time

    from ccorg.staffing import shifts

    real = shifts.solve_schedule
    calls: list[tuple[str, float]] = []

    def hard(post_id: str, *args: object, **kwargs: object) -> object:
        limit = args[4]
        calls.append((post_id, limit))
        time.sleep(limit)
        plan = real(post_id, *args, **kwargs)
        return replace(plan, solve_seconds=limit)

    monkeypatch.setattr(shifts, "solve_schedule", hard)
    monkeypatch.setattr(shifts, "_OPTIMAL", {})  # nothing solved before this test
    return calls


def test_one_plans_shift_solves_share_its_time_limit(
    tmp_path: Path, hard_solves: list[tuple[str, float]], run_cli
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(auto_posts(4, 0.3), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        plan_file(str(path))
    # The first post took the whole 0.3 s; the others were never tried, and are named.
    assert hard_solves == [("a0", 0.3)]
    (problem,) = caught.value.problems
    rule = "         rule: {kind: workload, streams: [s1], schedule_fit: auto}}"
    line = path.read_text(encoding="utf-8").splitlines().index(rule) + 1
    column = rule.index("auto") + 1  # at the derived allowance a fixed one would replace
    assert (problem.location.line, problem.location.col) == (line, column)
    assert problem.message == (
        "post 'a1': its shifts were not planned: the shift solves of the 1 post before it "
        "took all 0.3 s of shifts.time_limit_seconds, the time of all of one plan's shift "
        "solves together; 2 more posts with schedule_fit: auto wait after it ('a2', 'a3'); "
        "give posts a fixed schedule_fit, raise shifts.time_limit_seconds (at most 3,600 s) "
        "or derive fewer posts' schedule fit"
    )
    # The command says so, located, in either language, and exits 1. In this process a0's
    # proven optimum is reused free, so a1 gets the plan's whole 0.3 s and a2 is refused.
    result = run_cli("plan", str(path), "--lang", "zh")
    assert hard_solves == [("a0", 0.3), ("a1", 0.3)]
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:{line + 2}:{column}: 岗位 'a2'：")
    assert "shifts.time_limit_seconds" in result.stderr and "（'a3'）" in result.stderr
    assert "its shifts were not planned" not in result.stderr  # translated


def test_check_plans_each_scenario_on_a_budget_of_its_own(
    tmp_path: Path, hard_solves: list[tuple[str, float]]
) -> None:
    from ccorg.checks.runner import check_file

    text = auto_posts(2, 0.3).replace("[s1], schedule_fit: auto", "[s1], schedule_fit: 0.1")
    text += (
        "scenarios:\n"
        "  both:\n"
        "    set: {a1: {rule: {schedule_fit: auto}}, s0: {volume: {per_day: 3900}}}\n"
    )
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    findings = [f for f in check_file(str(path)).findings if f.rule == "value"]
    # The base plans a0 in its 0.3 s; the scenario moves a0's demand, so its own plan spends
    # its 0.3 s on a0 again and has none left for a1: an error, naming the scenario.
    assert hard_solves == [("a0", 0.3), ("a0", 0.3)]
    (finding,) = findings
    # At the scenario's `schedule_fit: auto`, which asked for the plan.
    overlay = "    set: {a1: {rule: {schedule_fit: auto}}, s0: {volume: {per_day: 3900}}}"
    assert (finding.location.line, finding.location.col) == (
        text.splitlines().index(overlay) + 1,
        overlay.index("auto") + 1,
    )
    assert finding.message.startswith("post 'a1': its shifts were not planned")
    assert finding.message.endswith("(with scenario 'both')")
