"""The shift covering engine: exact plans on problems whose optimum is known by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from ccorg.config.shifts import Shifts
from ccorg.staffing.errors import InfeasibleScheduleError, ShiftError
from ccorg.staffing.shifts import _OPTIMAL, _solve_once, solve_schedule, tour_patterns

FLAT = np.full((7, 48), 10.0)
EVERY_HALF_HOUR = {"from": "00:00", "to": "23:30", "every_minutes": 30}


def shifts(*templates: dict[str, Any], **section: Any) -> Shifts:
    return Shifts.model_validate({"templates": list(templates), **section})


def template(id: str = "t", **fields: Any) -> dict[str, Any]:
    return {"id": id, "name": id.upper(), "paid_hours": 8, **fields}


def solve(requirement: np.ndarray, rules: Shifts, **options: Any):
    return solve_schedule("agent", requirement, 30, rules, **options)


def test_flat_requirement_with_free_starts_is_covered_exactly() -> None:
    plan = solve(FLAT, shifts(template(starts=EVERY_HALF_HOUR)))
    assert plan.shifts_per_day == (30,) * 7
    assert plan.paid_agent_hours == 7 * 30 * 8
    assert plan.efficiency == 1.0
    assert plan.schedule_fit == 0.0
    assert plan.optimal
    assert plan.mip_gap == 0.0
    assert np.array_equal(plan.coverage, FLAT)
    assert plan.within_5pct == 1.0 and plan.within_1_agent == 1.0


def test_three_fixed_starts_take_ten_shifts_each() -> None:
    plan = solve(FLAT, shifts(template(starts=["00:00", "08:00", "16:00"])))
    counts = {(s.day, s.start): s.count for s in plan.shifts}
    assert counts == {(d, t): 10 for d in range(7) for t in ("00:00", "08:00", "16:00")}
    assert plan.shifts_per_day == (30,) * 7
    assert plan.efficiency == 1.0


def test_a_single_start_cannot_cover_the_day_and_names_the_intervals() -> None:
    with pytest.raises(InfeasibleScheduleError) as raised:
        solve(FLAT, shifts(template(starts=["00:00"])))
    assert raised.value.intervals == tuple(
        f"{day} 08:00–24:00" for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    )
    assert "no shift covers Mon 08:00–24:00, Tue 08:00–24:00" in str(raised.value)
    assert str(raised.value).startswith("post 'agent': ")


def test_a_night_shift_wraps_past_midnight_and_sunday_into_monday() -> None:
    requirement = np.zeros((7, 48))
    requirement[0, 44:] = 1  # Monday 22:00–24:00
    requirement[1, :12] = 1  # Tuesday 00:00–06:00
    requirement[6, 44:] = 1  # Sunday 22:00–24:00
    requirement[0, :12] = 1  # Monday 00:00–06:00, the end of Sunday's night
    plan = solve(requirement, shifts(template("night", starts=["22:00"])))
    assert [(s.day, s.start, s.count) for s in plan.shifts] == [(0, "22:00", 1), (6, "22:00", 1)]
    assert plan.shift_end(plan.shifts[0]) == "06:00"
    assert np.array_equal(plan.coverage, requirement)
    assert plan.efficiency == 1.0


def test_an_unpaid_break_lengthens_the_shift_and_is_placed_in_its_window() -> None:
    requirement = np.zeros((7, 48))
    requirement[:, 16:34] = 2  # 08:00–17:00: nine hours
    meal = {"minutes": 60, "paid": False, "start_within": ["11:00", "13:00"]}
    plan = solve(requirement, shifts(template(starts=["08:00"], breaks=[meal])))
    # Two people break at different times, so someone is always on: three shifts cover 2.
    assert plan.shifts_per_day == (3,) * 7
    monday = plan.shifts[0]
    assert plan.shift_end(monday) == "17:00"
    assert sum(count for _, count in monday.breaks) == 3
    assert all("11:00" <= starts[0] <= "13:00" for starts, _ in monday.breaks)
    assert (plan.coverage >= requirement).all()
    assert plan.efficiency == pytest.approx(2 * 9 / (3 * 8))


def test_a_paid_break_counts_as_paid_time_off_the_phones() -> None:
    requirement = np.zeros((7, 48))
    requirement[:, 16:32] = 1
    rest = {"minutes": 30, "paid": True, "start_within": ["11:00", "12:00"]}
    plan = solve(requirement, shifts(template(starts=["08:00"], breaks=[rest])))
    assert plan.shifts_per_day == (2,) * 7
    assert plan.shift_end(plan.shifts[0]) == "16:00"
    assert plan.efficiency == pytest.approx(8 / 16)


def test_daily_caps_bound_each_template() -> None:
    rules = shifts(
        template("cheap", starts=EVERY_HALF_HOUR, max_per_day=12),
        template("long", starts=EVERY_HALF_HOUR, paid_hours=12),
    )
    plan = solve(FLAT, rules)
    per_template = {t: 0 for t in ("cheap", "long")}
    for shift in plan.shifts:
        per_template[shift.template] += shift.count
    assert per_template["cheap"] <= 7 * 12
    assert plan.efficiency == 1.0  # 12-hour shifts cover the rest just as exactly


def test_caps_that_make_coverage_impossible_name_the_intervals_left_short() -> None:
    rules = shifts(template(starts=["00:00", "08:00", "16:00"], max_per_day=29))
    with pytest.raises(InfeasibleScheduleError) as raised:
        solve(FLAT, rules)
    assert raised.value.intervals
    assert "short of the requirement" in str(raised.value)


def test_part_time_share_is_capped() -> None:
    requirement = np.zeros((7, 48))
    requirement[:, 20:28] = 4  # a four-hour peak, ideal for part-timers
    rules = shifts(
        template("full", starts=EVERY_HALF_HOUR),
        template("part", starts=EVERY_HALF_HOUR, paid_hours=4),
        part_time_share_max=0.5,
    )
    plan = solve(requirement, rules)
    paid = {"full": 8, "part": 4}
    part_hours = sum(s.count * paid[s.template] for s in plan.shifts if s.template == "part")
    assert part_hours <= 0.5 * plan.paid_agent_hours + 1e-9
    free = solve(requirement, rules.model_copy(update={"part_time_share_max": None}))
    assert free.efficiency == 1.0 and plan.efficiency < 1.0


def test_weekly_tours_give_heads_and_cost_whole_tours() -> None:
    rules = shifts(
        template(starts=["00:00", "08:00", "16:00"]),
        tours={"days_on": 5, "consecutive_days_off": 2},
    )
    plan = solve(FLAT, rules)
    # 30 shifts a day, 7 days, 5 per person: 42 people exactly.
    assert plan.heads == 42
    assert plan.paid_agent_hours == 42 * 5 * 8
    assert plan.shifts_per_day == (30,) * 7
    assert plan.optimal


def test_tour_patterns_keep_the_days_off_together() -> None:
    assert (
        len(
            tour_patterns(
                Shifts.model_validate(
                    {"templates": [template(starts=["08:00"])], "tours": {"days_on": 5}}
                ).tours
            )
        )
        == 7
    )  # type: ignore[arg-type]
    patterns = tour_patterns(
        Shifts.model_validate(
            {
                "templates": [template(starts=["08:00"])],
                "tours": {"days_on": 5, "consecutive_days_off": 1},
            }
        ).tours  # type: ignore[arg-type]
    )
    assert len(patterns) == 21  # any two days off


def test_template_days_restrict_the_starts() -> None:
    requirement = np.zeros((7, 48))
    requirement[:5, 18:34] = 3
    plan = solve(
        requirement, shifts(template(starts=["09:00"], days=["mon", "tue", "wed", "thu", "fri"]))
    )
    assert plan.shifts_per_day == (3, 3, 3, 3, 3, 0, 0)


@pytest.mark.parametrize(
    ("rules", "field", "message"),
    [
        (
            shifts(template(starts=["08:15"])),
            ("templates", 0, "starts"),
            "08:15 is not on the 30-minute",
        ),
        (
            shifts(template(starts=["08:00"], paid_hours=7.75)),
            ("templates", 0, "paid_hours"),
            "7.75 paid hours",
        ),
        (
            shifts(
                template(
                    starts=["08:00"], breaks=[{"minutes": 45, "start_within": ["11:00", "12:00"]}]
                )
            ),
            ("templates", 0, "breaks", 0, "minutes"),
            "45-minute break",
        ),
        (
            shifts(
                template(
                    starts=["08:00"], breaks=[{"minutes": 60, "start_within": ["18:00", "19:00"]}]
                )
            ),
            ("templates", 0, "breaks", 0, "start_within"),
            "18:00–19:00 lies outside the shift 08:00–17:00",
        ),
        (
            shifts(
                template(
                    starts=["08:00"],
                    paid_hours=24,
                    breaks=[{"minutes": 60, "start_within": ["11:00", "12:00"]}],
                )
            ),
            ("templates", 0, "paid_hours"),
            "more than a day",
        ),
    ],
)
def test_rules_off_the_grid_are_errors_at_their_field(
    rules: Shifts, field: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(ShiftError) as raised:
        solve(FLAT, rules)
    assert raised.value.field == field
    assert message in str(raised.value)


def test_a_time_limit_gives_a_result_with_its_gap() -> None:
    rng = np.random.default_rng(7)
    requirement = rng.integers(5, 40, size=(7, 48)).astype(float)
    rules = shifts(
        template("a", starts=EVERY_HALF_HOUR),
        template("b", starts=EVERY_HALF_HOUR, paid_hours=6),
        template("c", starts=EVERY_HALF_HOUR, paid_hours=9.5),
        tours={"days_on": 5},
    )
    plan = solve(requirement, rules, time_limit=0.5)
    assert plan.solve_seconds < 5
    assert (plan.coverage >= requirement).all()
    assert plan.lp_bound <= plan.bound <= plan.paid_agent_hours
    assert plan.optimal == (plan.mip_gap == 0)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_invariants_on_random_requirements(seed: int) -> None:
    rng = np.random.default_rng(seed)
    requirement = np.round(rng.gamma(2.0, 4.0, size=(7, 48)), 1)
    meal = {"minutes": 60, "start_within": ["11:00", "14:00"]}
    rules = shifts(
        template(
            "day", starts={"from": "06:00", "to": "12:00", "every_minutes": 30}, breaks=[meal]
        ),
        template("night", starts={"from": "14:00", "to": "23:30", "every_minutes": 30}),
        template("part", starts=EVERY_HALF_HOUR, paid_hours=4),
        part_time_share_max=0.2,
    )
    plan = solve(requirement, rules, time_limit=1.0)  # the invariants hold at any stop
    assert (plan.coverage >= requirement - 1e-9).all()
    assert 0 < plan.efficiency <= 1
    assert plan.lp_bound <= plan.paid_agent_hours + 1e-6
    assert plan.bound <= plan.paid_agent_hours
    assert plan.schedule_fit == pytest.approx(1 / plan.efficiency - 1)
    assert sum(s.count for s in plan.shifts) == sum(plan.shifts_per_day)


def test_the_same_input_gives_the_same_plan() -> None:
    rng = np.random.default_rng(11)
    requirement = rng.integers(0, 25, size=(7, 48)).astype(float)
    rules = shifts(
        template(starts=EVERY_HALF_HOUR), template("short", starts=EVERY_HALF_HOUR, paid_hours=5)
    )
    first = solve(requirement, rules)
    _solve_once.cache_clear()  # solve it afresh, not from the process's memos
    _OPTIMAL.clear()
    second = solve(requirement, rules)
    assert second is not first
    assert first.shifts == second.shifts


def test_tours_with_breaks_cost_what_the_whole_search_finds(monkeypatch) -> None:
    """The tours' relaxation (fractional break placements) answers only when its plan is
    whole and proven: the same people and paid hours as the whole integer search."""
    hours = np.arange(24)
    curve = 2 + 10 * np.exp(-((hours - 10.5) ** 2) / 8) + 6 * np.exp(-((hours - 16) ** 2) / 6)
    requirement = np.ceil(curve[None, :] * np.array([1, 1, 1, 1, 1, 0.7, 0.6])[:, None])
    rules = shifts(
        template(
            starts=["06:00", "07:00", "08:00", "10:00", "12:00", "14:00"],
            breaks=[{"minutes": 60, "paid": False, "start_within": ["10:00", "20:00"]}],
        ),
        template("n", starts=["22:00"]),
        tours={"days_on": 5, "consecutive_days_off": 2},
    )
    fast = solve_schedule("agent", requirement, 60, rules)
    _solve_once.cache_clear()
    monkeypatch.setattr("ccorg.staffing.shifts._whole", lambda values: False)
    whole = solve_schedule("agent", requirement, 60, rules)
    _solve_once.cache_clear()
    assert fast.optimal and whole.optimal
    assert (fast.heads, fast.paid_agent_hours) == (whole.heads, whole.paid_agent_hours)
    assert fast.paid_agent_hours == fast.heads * 5 * 8
    assert (fast.coverage >= requirement).all()


def test_caps_no_plan_keeps_say_so_when_the_time_runs_out_finding_the_intervals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ccorg.staffing import shifts as module

    made: list[object] = []
    real = module._solver

    def solver(*args: Any) -> object:
        highs = real(*args)
        made.append(highs)
        if len(made) == 2:  # after the infeasible LP: the solve that finds what is short
            highs.setOptionValue("time_limit", 1e-9)  # type: ignore[attr-defined]
        return highs

    monkeypatch.setattr(module, "_solver", solver)
    rules = shifts(template(starts=["00:00", "08:00", "16:00"], max_per_day=28))
    with pytest.raises(InfeasibleScheduleError) as raised:
        solve(FLAT, rules)
    assert len(made) == 2
    assert "the time limit ran out before the intervals they leave short were found" in str(
        raised.value
    )
