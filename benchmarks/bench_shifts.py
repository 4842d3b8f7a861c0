"""Benchmark: shift covering by ccorg (HiGHS) and by pyworkforce (OR-Tools CP-SAT), in one run.

Run with ``python benchmarks/bench_shifts.py`` (``pip install -e '.[test,bench]'``; without
pyworkforce the baseline rows are skipped with a message).

1. The bank's week as `ccorg schedule configs/bank.yaml` solves it: four 8-hour templates
   with an unpaid 1-hour meal placed inside its window, night shifts wrapping past midnight
   and Sunday into Monday. pyworkforce cannot state that problem (no wrap, no breaks), so
   only ccorg runs it. Target: proven optimal in ≤ 5 s on 2 cores. Then the same week on
   weekly tours (5 days on, 2 days off together), and on tours with each meal in a fixed
   2-hour window (11:00–13:00, 13:00–15:00, 17:00–19:00, 01:00–03:00), ccorg alone too.
2. The bank's week without a wrap: the same requirement, one 8-hour template without a
   meal, starting every 30 minutes from 00:00 to 16:00, so that every shift ends by
   midnight. Both tools solve it; both minimise paid agent-hours.
3. A large week: 15-minute intervals, a peak of 400 agents, 6 templates (3 to 8 paid hours)
   each starting every 15 minutes (96 starts), 4,032 columns. The center is closed from
   00:00 to 08:00, so a shift running past midnight covers nothing there and the cyclic
   week ccorg solves is the very problem pyworkforce's day-by-day model states (its shifts
   are cut at midnight). Targets: objective ≤ pyworkforce's; ≥ 5× faster.

ccorg runs HiGHS on one thread; pyworkforce's CP-SAT gets two workers (the machine's two
cores) and the same time limit. Each tool is run once per problem: ccorg remembers a solved
problem for the process, and a best-of-N of a 2-minute CP-SAT search would take too long.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from ccorg.config.shifts import Shifts, Tours
from ccorg.pipeline import load_config, schedule_config
from ccorg.staffing.shifts import ShiftPlan, solve_schedule

BANK = Path(__file__).resolve().parent.parent / "configs" / "bank.yaml"
TIME_LIMIT = 120.0
WORKERS = 2
LARGE_PEAK = 400
LARGE_HOURS = (3, 4, 5, 6, 7, 8)
OPEN_FROM = 8  # the large center's hours: 08:00–24:00
# The bank's meals in fixed 2-hour windows: fewer break placements, a harder tour problem.
NARROW_MEALS = {
    "early": ["11:00", "13:00"],
    "day": ["13:00", "15:00"],
    "late": ["17:00", "19:00"],
    "night": ["01:00", "03:00"],
}


def bank_plan() -> ShiftPlan:
    (plan,) = schedule_config(load_config(str(BANK)), ["agent"], TIME_LIMIT)
    return plan


def large_requirement() -> np.ndarray:
    """Agents required per 15-minute interval: a morning and an afternoon peak on weekdays,
    lower at the weekend, seeded noise; none before 08:00."""
    hours = np.arange(96) / 4
    shape = np.exp(-((hours - 10.5) ** 2) / 4) + 0.8 * np.exp(-((hours - 15.5) ** 2) / 6)
    shape += 0.35 * np.exp(-((hours - 20.5) ** 2) / 5)
    shape /= shape.max()
    rng = np.random.default_rng(12)
    days = np.array([1.0, 0.96, 0.93, 0.94, 0.98, 0.7, 0.62])
    requirement = np.ceil(
        LARGE_PEAK * days[:, None] * shape[None, :] * rng.uniform(0.94, 1.0, (7, 96))
    )
    requirement[:, : OPEN_FROM * 4] = 0
    requirement[0, np.argmax(shape)] = LARGE_PEAK  # the week's peak, exactly
    return requirement


def template(id: str, hours: float, starts: object) -> dict[str, object]:
    return {"id": id, "name": id, "paid_hours": hours, "starts": starts}


def solve_ccorg(requirement: np.ndarray, minutes: int, rules: Shifts) -> tuple[ShiftPlan, float]:
    started = time.perf_counter()
    plan = solve_schedule("bench", requirement, minutes, rules, time_limit=TIME_LIMIT)
    return plan, time.perf_counter() - started


def solve_pyworkforce(
    requirement: np.ndarray, minutes: int, rules: Shifts
) -> tuple[dict[str, object], float]:
    """The same covering problem as pyworkforce states it: per day and shift a count, each
    shift a 0/1 coverage of the day's periods, cost = its paid hours."""
    from pyworkforce.scheduling import MinRequiredResources

    per_day = requirement.shape[1]
    coverage: dict[str, list[int]] = {}
    cost: dict[str, float] = {}
    for shift in rules.templates:
        length = round(shift.paid_hours * 60 / minutes)
        first, last = (int(t[:2]) * 60 + int(t[3:]) for t in (shift.starts.from_, shift.starts.to))
        for start in range(first, last + 1, shift.starts.every_minutes):
            at = start // minutes
            name = f"{shift.id}@{start // 60:02d}:{start % 60:02d}"
            coverage[name] = [int(at <= p < at + length) for p in range(per_day)]
            cost[name] = shift.paid_hours
    peak = int(requirement.max())
    started = time.perf_counter()
    scheduler = MinRequiredResources(
        num_days=7,
        periods=per_day,
        shifts_coverage=coverage,
        required_resources=requirement.astype(int).tolist(),
        max_period_concurrency=4 * peak,
        max_shift_concurrency=2 * peak,
        max_search_time=TIME_LIMIT,
        num_search_workers=WORKERS,
        cost_dict=cost,
    )
    solution = scheduler.solve()
    return solution, time.perf_counter() - started


def compare(title: str, requirement: np.ndarray, minutes: int, rules: Shifts) -> None:
    plan, seconds = solve_ccorg(requirement, minutes, rules)
    state = "optimal" if plan.optimal else f"gap {plan.mip_gap:.2%}"
    columns = f"{plan.columns:,} columns × {requirement.size} intervals"
    print(f"\n{title}: {columns}, {plan.required_agent_hours:,.0f} required agent-hours")
    print(f"{'':14}{'paid agent-h':>14}{'seconds':>10}  status")
    print(f"{'ccorg':14}{plan.paid_agent_hours:>14,.1f}{seconds:>10.2f}  {state} (HiGHS, 1 thread)")
    try:
        import pyworkforce  # noqa: F401
    except ImportError:
        print("pyworkforce is not installed: pip install -e '.[bench]' to compare with it")
        return
    solution, baseline = solve_pyworkforce(requirement, minutes, rules)
    status = str(solution["status"])
    if status not in ("OPTIMAL", "FEASIBLE"):
        print(f"{'pyworkforce':14}{'—':>14}{baseline:>10.2f}  {status}")
        return
    objective = float(solution["cost"])  # type: ignore[arg-type]
    print(
        f"{'pyworkforce':14}{objective:>14,.1f}{baseline:>10.2f}  {status} "
        f"(CP-SAT, {WORKERS} workers)"
    )
    better = (
        "equal"
        if abs(objective - plan.paid_agent_hours) < 1e-6
        else ("lower" if plan.paid_agent_hours < objective else "HIGHER")
    )
    print(f"ccorg's objective is {better}; ccorg is {baseline / seconds:,.1f}× as fast")


def main() -> None:
    started = time.perf_counter()
    plan = bank_plan()
    wall = time.perf_counter() - started
    state = "proven optimal" if plan.optimal else f"gap {plan.mip_gap:.2%}"
    print(
        f"bank week (configs/bank.yaml, meal breaks, night wrap): {plan.columns:,} columns, "
        f"{plan.paid_agent_hours:,.0f} paid for {plan.required_agent_hours:,.0f} required "
        f"agent-hours (LP bound {plan.lp_bound:,.0f}), {state} in {plan.solve_seconds:.2f} s "
        f"solve, {wall:.2f} s with reading and planning the config (target ≤ 5 s)"
    )
    tours = plan.rules.model_copy(
        update={"tours": Tours.model_validate({"days_on": 5, "consecutive_days_off": 2})}
    )
    narrow = tours.model_copy(
        update={
            "templates": [
                template.model_copy(
                    update={
                        "breaks": [
                            rest.model_copy(update={"start_within": NARROW_MEALS[template.id]})
                            for rest in template.breaks
                        ]
                    }
                )
                for template in tours.templates
            ]
        }
    )
    for title, rules in (("", tours), (", 2-hour meal windows", narrow)):
        toured, seconds = solve_ccorg(plan.requirement, 30, rules)
        state = "proven optimal" if toured.optimal else f"gap {toured.mip_gap:.2%}"
        print(
            f"bank week on 5-day tours{title}: {toured.columns:,} columns, {toured.heads} "
            f"people, {toured.paid_agent_hours:,.0f} paid agent-hours (LP bound "
            f"{toured.lp_bound:,.1f}), {state} in {seconds:.2f} s (ccorg only)"
        )
    no_wrap = Shifts.model_validate(
        {"templates": [template("eight", 8, {"from": "00:00", "to": "16:00", "every_minutes": 30})]}
    )
    compare("bank week, no wrap (8 h, starts 00:00–16:00)", plan.requirement, 30, no_wrap)
    large = Shifts.model_validate(
        {
            "templates": [
                template(f"h{hours}", hours, {"from": "00:00", "to": "23:45", "every_minutes": 15})
                for hours in LARGE_HOURS
            ]
        }
    )
    compare(
        "large week (15 min, peak 400, 96 starts × 6 templates)", large_requirement(), 15, large
    )


if __name__ == "__main__":
    main()
