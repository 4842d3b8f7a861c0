"""Interval requirement → the cheapest set of shifts covering it. Pure: no I/O.

Generalised set covering (Dantzig 1954) on the cyclic week: every column is one shift — a
template, a weekday, a start and a placement of its breaks — covering the intervals it is on
the phones (a night shift runs past midnight, Sunday's into Monday). Minimise paid hours
subject to coverage ≥ requirement in every interval, counts whole, with the templates' daily
caps, the part-time share and, with weekly tours, tour columns (a person's days on, one
template and start) that the daily shifts must add up to. HiGHS solves it (``highspy``,
imported only here, only when a schedule is solved): one thread and a fixed seed, so the same
input gives the same plan.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ccorg.config.org import WorkloadRule
from ccorg.config.shifts import Shifts, ShiftTemplate, StartRange
from ccorg.i18n import _, ngettext
from ccorg.limits import MAX_SHIFT_COLUMNS
from ccorg.staffing.demand import DAY_NAMES, MINUTES_PER_DAY, WEEKDAYS, Grid
from ccorg.staffing.errors import InfeasibleScheduleError, ScheduleTimeoutError, ShiftError

if TYPE_CHECKING:
    from ccorg.config.org import Post
    from ccorg.config.shifts import Tours
    from ccorg.plan import StreamPlan

PART_TIME_HOURS = 6
"""Shifts of fewer paid hours than this are part-time (``part_time_share_max``)."""
_SEED = 0
TOUR_RELAXATION_SECONDS = 5.0
"""How long the tours' relaxation (whole tours, fractional break placements) may run before
the whole integer search takes over."""


@dataclass(frozen=True)
class ShiftCount:
    """How many of one shift to staff: a template starting at ``start`` on ``day`` (0 = Mon).

    ``breaks`` gives, for templates with breaks, how many of them take their breaks at each
    set of break start times.
    """

    template: str
    day: int
    start: str
    count: int
    breaks: tuple[tuple[tuple[str, ...], int], ...] = ()


@dataclass(frozen=True, eq=False)
class ShiftPlan:
    """The cheapest shifts covering one post's requirement, and how well they fit it.

    ``requirement`` and ``coverage`` have shape (7, intervals a day), Monday first, from
    00:00, read-only: agents required and agents on the phones per interval. ``lp_bound`` is
    the linear relaxation's optimum and ``bound`` the best proven lower bound on paid hours;
    both are at most ``paid_agent_hours``. ``optimal`` says the plan is proven optimal;
    otherwise the time limit stopped the solver with ``mip_gap`` still open. ``heads`` is the
    people a week on weekly tours (None without tours).
    """

    post_id: str
    post_name: str
    interval_minutes: int
    rules: Shifts
    requirement: NDArray[np.float64]
    coverage: NDArray[np.float64]
    shifts: tuple[ShiftCount, ...]
    paid_agent_hours: float
    lp_bound: float
    bound: float
    optimal: bool
    solve_seconds: float
    columns: int
    heads: int | None = None

    @property
    def templates(self) -> tuple[tuple[str, str], ...]:
        """The (id, name) of each template the plan could use."""
        return tuple((t.id, t.name) for t in self.rules.templates)

    def shift_end(self, shift: ShiftCount) -> str:
        """The clock time a shift ends (the next day's, for a night shift)."""
        template = next(t for t in self.rules.templates if t.id == shift.template)
        return clock(_minutes(shift.start) + round(shift_minutes(template)))

    @property
    def required_agent_hours(self) -> float:
        return float(self.requirement.sum()) * self.interval_minutes / 60

    @property
    def efficiency(self) -> float:
        """Required agent-hours ÷ paid agent-hours (1 when shifts follow the curve exactly)."""
        return self.required_agent_hours / self.paid_agent_hours if self.paid_agent_hours else 1.0

    @property
    def schedule_fit(self) -> float:
        """Paid ÷ required agent-hours − 1: the allowance shifts add to the curve."""
        required = self.required_agent_hours
        return self.paid_agent_hours / required - 1 if required else 0.0

    @property
    def mip_gap(self) -> float:
        """(paid hours − proven bound) ÷ paid hours: 0 when optimal."""
        if not self.paid_agent_hours:
            return 0.0
        return max(0.0, (self.paid_agent_hours - self.bound) / self.paid_agent_hours)

    def _within(self, tolerance: NDArray[np.float64]) -> float:
        required = self.requirement > 0
        if not required.any():
            return 1.0
        close = np.abs(self.coverage - self.requirement) <= tolerance + 1e-9
        return float(close[required].mean())

    @property
    def within_5pct(self) -> float:
        """Share of required intervals covered within ±5% of the requirement."""
        return self._within(0.05 * self.requirement)

    @property
    def within_1_agent(self) -> float:
        """Share of required intervals covered within ±1 agent of the requirement."""
        return self._within(np.ones_like(self.requirement))

    @property
    def shifts_per_day(self) -> tuple[int, ...]:
        """Shifts starting on each weekday, Monday first."""
        days = [0] * 7
        for shift in self.shifts:
            days[shift.day] += shift.count
        return tuple(days)

    @property
    def source(self) -> str:
        """Where a derived schedule fit comes from, in a line."""
        count = len(self.templates)
        gap = _("gap {gap}").format(gap=f"{self.mip_gap:.1%}")
        state = _("optimal") if self.optimal else gap
        return ngettext(
            "schedule fit {fit} from {count} shift template, efficiency {efficiency}, {state}",
            "schedule fit {fit} from {count} shift templates, efficiency {efficiency}, {state}",
            count,
        ).format(
            fit=f"{self.schedule_fit:.1%}",
            count=count,
            efficiency=f"{self.efficiency:.1%}",
            state=state,
        )


@dataclass(frozen=True)
class _Column:
    template: int
    day: int
    start: int  # minutes from midnight
    breaks: tuple[int, ...]  # break starts, minutes from midnight


@dataclass(frozen=True)
class _Model:
    columns: list[_Column]
    rows: list[NDArray[np.int64]]  # per column: the week's intervals it covers
    paid_hours: NDArray[np.float64]
    part_time: NDArray[np.bool_]


def solve_schedule(
    post_id: str,
    requirement: NDArray[np.float64],
    interval_minutes: int,
    shifts: Shifts,
    template_ids: Sequence[str] | None = None,
    time_limit: float = 30.0,
    post_name: str = "",
) -> ShiftPlan:
    """The cheapest whole shifts of ``template_ids`` (every template if None) covering
    ``requirement`` (agents per interval, shape (7, intervals a day)).

    Raises ``ShiftError`` for rules that cannot be laid on the interval grid and
    ``InfeasibleScheduleError`` when no plan covers every interval.

    The same problem is solved once per process: `diff`, `check` and the scenarios of one
    file ask for the same post's plan again and again, and a plan stopped by its time limit
    must not come out differently the second time.
    """
    problem = _problem(post_id, requirement, interval_minutes, shifts, template_ids, post_name)
    # A proven optimum answers the same problem under any time limit: `check` solves its
    # scenarios under shorter limits than the base, and the same requirement is solved once.
    found = _OPTIMAL.get(problem)
    if found is not None:
        return found
    plan = _solve_once(*problem, float(time_limit))
    if plan.optimal:
        _OPTIMAL[problem] = plan
        while len(_OPTIMAL) > _OPTIMAL_KEPT:
            del _OPTIMAL[next(iter(_OPTIMAL))]
    return plan


def _problem(
    post_id: str,
    requirement: NDArray[np.float64],
    interval_minutes: int,
    shifts: Shifts,
    template_ids: Sequence[str] | None,
    post_name: str,
) -> tuple[str, str, bytes, tuple[int, ...], int, str, tuple[str, ...] | None]:
    """What a schedule is a function of, as a key (the time limit aside)."""
    requirement = np.ascontiguousarray(requirement, dtype=np.float64)
    return (
        post_id,
        post_name or post_id,
        requirement.tobytes(),
        requirement.shape,
        interval_minutes,
        shifts.model_dump_json(by_alias=True),
        None if template_ids is None else tuple(template_ids),
    )


# Optimal plans by problem (time limit aside), the oldest first.
_OPTIMAL: dict[tuple[object, ...], ShiftPlan] = {}
_OPTIMAL_KEPT = 64


@functools.lru_cache(maxsize=64)
def _solve_once(
    post_id: str,
    post_name: str,
    requirement_bytes: bytes,
    shape: tuple[int, ...],
    interval_minutes: int,
    shifts_json: str,
    template_ids: tuple[str, ...] | None,
    time_limit: float,
) -> ShiftPlan:
    import highspy

    started = time.perf_counter()
    grid = Grid(interval_minutes)
    requirement = np.frombuffer(requirement_bytes, dtype=np.float64).reshape(shape)
    if requirement.shape != grid.shape:
        raise ValueError(f"requirement of shape {requirement.shape}, expected {grid.shape}")
    shifts = Shifts.model_validate_json(shifts_json)
    chosen = _chosen_templates(shifts, template_ids)
    model = _columns(shifts, chosen, grid)
    demand = requirement.ravel()
    needed = np.flatnonzero(demand > 1e-9)
    _check_reachable(post_id, model, demand, needed, grid)

    lp = _highs_model(highspy, model, shifts, chosen, demand, needed)
    highs = _solver(highspy, time_limit, model, shifts)
    highs.passModel(lp)
    highs.run()
    status = highs.getModelStatus()

    def left() -> float:
        # What is left of the limit, for the solve that finds the intervals left short: a
        # solve must not take its limit twice (a plan's budget counts on it).
        return max(0.1, started + time_limit - time.perf_counter())

    if status == highspy.HighsModelStatus.kInfeasible:
        raise _infeasible(post_id, highspy, model, shifts, chosen, demand, needed, grid, left())
    if status != highspy.HighsModelStatus.kOptimal:
        raise InfeasibleScheduleError(
            post_id,
            _(
                "the solver stopped before solving the linear relaxation ({status}); "
                "raise the time limit"
            ).format(status=status.name),
        )
    lp_bound = float(highs.getInfo().objective_function_value)
    step = _cost_step(model, shifts)
    # Paid hours come in multiples of `step`, so no plan costs less than the LP bound rounded
    # up to one. The LP's solution rounded up still covers every interval; when it keeps the
    # other rows too and costs no more than that, it is optimal and the integer search is
    # skipped (shifts without breaks cover consecutive intervals, whose LP is often integral).
    floor = math.ceil(lp_bound / step - 1e-6) * step
    rounded = _rounded_up(lp, np.asarray(highs.getSolution().col_value))
    if rounded is not None and float(rounded @ lp.col_cost_) <= floor + 1e-6:
        values, dual_bound, proven = rounded, floor, True
    else:
        try:
            deadline = started + time_limit
            found = _search(highspy, lp, model, shifts, deadline)
        except _NoWholePlan:
            raise _infeasible(
                post_id, highspy, model, shifts, chosen, demand, needed, grid, left()
            ) from None
        if found is None:
            raise ScheduleTimeoutError(
                post_id,
                _("no whole-shift plan found within {limit} s; raise the time limit").format(
                    limit=f"{time_limit:g}"
                ),
            )
        solution, dual_bound, proven = found
        values = np.rint(solution).astype(np.int64)
    counts = values[: len(model.columns)]
    paid = float(counts @ model.paid_hours)
    # Any plan cheaper than this one costs at least `step` less: a dual bound within `step`
    # of it proves it optimal.
    bound = min(paid, math.ceil(dual_bound / step - 1e-6) * step)
    optimal = proven or paid - bound < 1e-6
    coverage = np.zeros(demand.size)
    for count, rows in zip(counts, model.rows, strict=True):
        if count:
            coverage[rows] += count
    coverage = coverage.reshape(grid.shape)
    req = requirement.copy()
    for array in (coverage, req):
        array.flags.writeable = False
    heads = int(values[len(model.columns) :].sum()) if shifts.tours else None
    return ShiftPlan(
        post_id=post_id,
        post_name=post_name,
        interval_minutes=interval_minutes,
        rules=shifts.model_copy(update={"templates": list(chosen.values())}),
        requirement=req,
        coverage=coverage,
        shifts=_shift_counts(model, counts, shifts),
        paid_agent_hours=paid,
        lp_bound=min(lp_bound, paid),
        bound=min(max(bound, lp_bound), paid),
        optimal=bool(optimal),
        solve_seconds=time.perf_counter() - started,
        columns=len(model.columns),
        heads=heads,
    )


def _chosen_templates(
    shifts: Shifts, template_ids: Sequence[str] | None
) -> dict[int, ShiftTemplate]:
    by_id = {t.id: i for i, t in enumerate(shifts.templates)}
    ids = list(template_ids) if template_ids is not None else list(by_id)
    unknown = [i for i in ids if i not in by_id]
    if unknown:  # references are checked when the config is read
        raise ValueError(f"unknown shift templates {unknown}")
    return {by_id[i]: shifts.templates[by_id[i]] for i in ids}


def clock(minutes: int) -> str:
    """Minutes from midnight as ``HH:MM`` (wrapping past midnight)."""
    minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def shift_minutes(template: ShiftTemplate) -> float:
    """How long a shift lasts on site: its paid hours and its unpaid breaks."""
    return template.paid_hours * 60 + sum(b.minutes for b in template.breaks if not b.paid)


def start_minutes(template: ShiftTemplate) -> list[int]:
    """The template's start times, minutes from midnight, in order written (a range wraps)."""
    starts = template.starts
    if not isinstance(starts, StartRange):
        return list(dict.fromkeys(_minutes(s) for s in starts))
    first, last = _minutes(starts.from_), _minutes(starts.to)
    span = (last - first) % MINUTES_PER_DAY
    return [(first + k) % MINUTES_PER_DAY for k in range(0, span + 1, starts.every_minutes)]


def _columns(shifts: Shifts, chosen: dict[int, ShiftTemplate], grid: Grid) -> _Model:
    step = grid.interval_minutes
    week = 7 * grid.per_day
    columns: list[_Column] = []
    rows: list[NDArray[np.int64]] = []
    paid: list[float] = []
    part_time: list[bool] = []
    for index, template in chosen.items():
        where: tuple[str | int, ...] = ("templates", index)
        paid_minutes = template.paid_hours * 60
        length = shift_minutes(template)
        if paid_minutes % step:
            raise ShiftError(
                (*where, "paid_hours"),
                _(
                    "template {template}: {hours} paid hours are not a whole number of "
                    "{step}-minute intervals"
                ).format(template=repr(template.id), hours=f"{template.paid_hours:g}", step=step),
            )
        if length > MINUTES_PER_DAY:
            raise ShiftError(
                (*where, "paid_hours"),
                _(
                    "template {template} lasts {hours} h with its unpaid breaks, more than a day"
                ).format(template=repr(template.id), hours=f"{length / 60:g}"),
            )
        for b_index, rest in enumerate(template.breaks):
            if rest.minutes % step:
                raise ShiftError(
                    (*where, "breaks", b_index, "minutes"),
                    _(
                        "template {template}: a {minutes}-minute break is not a whole number "
                        "of {step}-minute intervals"
                    ).format(template=repr(template.id), minutes=rest.minutes, step=step),
                )
        starts = start_minutes(template)
        for start in starts:
            if start % step:
                raise ShiftError(
                    (*where, "starts"),
                    _(
                        "template {template}: start {start} is not on the {step}-minute "
                        "interval grid"
                    ).format(template=repr(template.id), start=clock(start), step=step),
                )
        days = [WEEKDAYS.index(d) for d in template.days] if template.days else range(7)
        for start in starts:
            placements = _break_placements(template, index, start, int(length), step)
            for placement in placements:
                on = _on_duty(start, int(length), placement, template, step)
                for day in days:
                    columns.append(_Column(index, day, start, placement))
                    rows.append((on + day * grid.per_day) % week)
                    paid.append(template.paid_hours)
                    part_time.append(template.paid_hours < PART_TIME_HOURS)
                if len(columns) > MAX_SHIFT_COLUMNS:
                    raise ShiftError(
                        (*where, "starts"),
                        _(
                            "more than {most} shift columns (the limit of shift columns); use "
                            "fewer starts or narrower break windows"
                        ).format(most=f"{MAX_SHIFT_COLUMNS:,}"),
                    )
    return _Model(columns, rows, np.array(paid), np.array(part_time, dtype=bool))


def _break_placements(
    template: ShiftTemplate, index: int, start: int, length: int, step: int
) -> list[tuple[int, ...]]:
    """Every way to place the breaks of a shift starting at ``start``: their start times
    (minutes from midnight), one per break, none overlapping, each inside the shift."""
    options: list[list[int]] = []
    for b_index, rest in enumerate(template.breaks):
        earliest, latest = ((_minutes(t) - start) % MINUTES_PER_DAY for t in rest.start_within)
        if latest < earliest:  # the window opens before the shift starts: keep the part after
            earliest = 0
        first = -(-earliest // step) * step
        offsets = [o for o in range(first, latest + 1, step) if o > 0 and o + rest.minutes < length]
        if not offsets:
            raise ShiftError(
                ("templates", index, "breaks", b_index, "start_within"),
                _(
                    "template {template}: the break window {opens}–{closes} lies outside the "
                    "shift {start}–{end}"
                ).format(
                    template=repr(template.id),
                    opens=rest.start_within[0],
                    closes=rest.start_within[1],
                    start=clock(start),
                    end=clock(start + length),
                ),
            )
        options.append(offsets)
    if math.prod(len(offsets) for offsets in options) > MAX_SHIFT_COLUMNS:
        raise ShiftError(
            ("templates", index, "breaks"),
            _(
                "template {template}: its break windows allow more than {most} placements a "
                "shift (the limit of shift columns); narrow them"
            ).format(template=repr(template.id), most=f"{MAX_SHIFT_COLUMNS:,}"),
        )
    placements: dict[frozenset[int], tuple[int, ...]] = {}
    for combo in itertools.product(*options):
        taken: set[int] = set()
        for offset, rest in zip(combo, template.breaks, strict=True):
            slots = set(range(offset, offset + rest.minutes, step))
            if taken & slots:
                break
            taken |= slots
        else:
            placements.setdefault(frozenset(taken), tuple(start + o for o in combo))
    if not placements:
        raise ShiftError(
            ("templates", index, "breaks"),
            _(
                "template {template}: its breaks cannot all fit in the shift starting {start} "
                "without overlapping"
            ).format(template=repr(template.id), start=clock(start)),
        )
    return list(placements.values())


def _on_duty(
    start: int, length: int, placement: tuple[int, ...], template: ShiftTemplate, step: int
) -> NDArray[np.int64]:
    """Intervals from the start of the shift's day that it is on the phones."""
    on = np.ones(length // step, dtype=bool)
    for begin, rest in zip(placement, template.breaks, strict=True):
        offset = (begin - start) % MINUTES_PER_DAY // step
        on[offset : offset + rest.minutes // step] = False
    return start // step + np.flatnonzero(on)


def _check_reachable(
    post_id: str, model: _Model, demand: NDArray[np.float64], needed: NDArray[np.int64], grid: Grid
) -> None:
    covered = np.zeros(demand.size, dtype=bool)
    for rows in model.rows:
        covered[rows] = True
    missing = needed[~covered[needed]]
    if missing.size:
        labels = _interval_ranges(missing, grid)
        raise InfeasibleScheduleError(
            post_id,
            _("no shift covers {intervals}, where agents are required").format(
                intervals=_listing(labels)
            ),
            labels,
        )


def _interval_ranges(flat: NDArray[np.int64], grid: Grid) -> list[str]:
    """Consecutive intervals of the week as ranges: ``Mon 08:00–16:00``."""
    ranges: list[str] = []
    indices = sorted(int(i) for i in flat)
    begin = previous = indices[0]
    for index in [*indices[1:], None]:
        if index is not None and index == previous + 1 and index % grid.per_day:
            previous = index
            continue
        day, first = divmod(begin, grid.per_day)
        end = (previous % grid.per_day + 1) * grid.interval_minutes
        until = clock(end) if end < MINUTES_PER_DAY else "24:00"
        ranges.append(f"{DAY_NAMES[day]} {grid.time(first)}–{until}")
        if index is not None:
            begin = previous = index
    return ranges


def _listing(labels: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(labels[:limit])
    if len(labels) <= limit:
        return shown
    return _("{shown} and {count} more").format(shown=shown, count=len(labels) - limit)


def tour_patterns(tours: Tours) -> list[tuple[int, ...]]:
    """The weekdays on (0 = Mon) of every weekly tour: ``days_on`` days, the off days holding
    a run of ``consecutive_days_off`` in a row (the week wraps)."""
    wanted = 7 - tours.days_on if tours.consecutive_days_off is None else tours.consecutive_days_off
    patterns = []
    for on in itertools.combinations(range(7), tours.days_on):
        off = [d not in on for d in range(7)]
        longest = run = 0
        for flag in off + off:
            run = run + 1 if flag else 0
            longest = max(longest, run)
        if min(longest, 7) >= wanted:
            patterns.append(on)
    return patterns


def _highs_model(
    highspy: object,
    model: _Model,
    shifts: Shifts,
    chosen: dict[int, ShiftTemplate],
    demand: NDArray[np.float64],
    needed: NDArray[np.int64],
    integer: bool = False,
    elastic: bool = False,
) -> object:
    """The covering problem as a ``HighsLp``, columns first, then tour columns.

    ``elastic`` adds a slack column to every coverage row and prices only the slack: what
    cannot be covered shows as positive slack.
    """
    hs = highspy  # the module, typed loosely: highspy's stubs are partial
    inf = hs.kHighsInf  # type: ignore[attr-defined]
    n_shift = len(model.columns)
    row_of = np.full(demand.size, -1, dtype=np.int64)
    row_of[needed] = np.arange(needed.size)
    lower: list[float] = list(demand[needed])
    upper: list[float] = [inf] * needed.size
    # Every column's coverage at once: its intervals that need agents, one entry each.
    covered = np.concatenate(model.rows) if model.rows else np.zeros(0, dtype=np.int64)
    owner = np.repeat(np.arange(n_shift), [rows.size for rows in model.rows])
    hit = row_of[covered]
    keep = hit >= 0
    entries_row: list[NDArray[np.int64]] = [hit[keep]]
    entries_col: list[NDArray[np.int64]] = [owner[keep]]
    entries_val: list[NDArray[np.float64]] = [np.ones(int(keep.sum()))]

    def add_row(cols: Sequence[int], values: Sequence[float], low: float, high: float) -> None:
        r = len(lower)
        entries_row.append(np.full(len(cols), r, dtype=np.int64))
        entries_col.append(np.asarray(cols, dtype=np.int64))
        entries_val.append(np.asarray(values, dtype=np.float64))
        lower.append(low)
        upper.append(high)

    by_day: dict[tuple[int, int], list[int]] = {}
    by_shift: dict[tuple[int, int, int], list[int]] = {}
    for j, column in enumerate(model.columns):
        by_day.setdefault((column.template, column.day), []).append(j)
        by_shift.setdefault((column.template, column.day, column.start), []).append(j)
    for (index, _day), cols in by_day.items():
        template = chosen[index]
        if template.min_per_day is not None or template.max_per_day is not None:
            low = float(template.min_per_day or 0)
            high = inf if template.max_per_day is None else float(template.max_per_day)
            add_row(cols, [1.0] * len(cols), low, high)
    if shifts.part_time_share_max is not None and model.part_time.any():
        share = shifts.part_time_share_max
        weights = (model.part_time.astype(float) - share) * model.paid_hours
        add_row(range(n_shift), weights.tolist(), -inf, 0.0)

    costs = list(model.paid_hours)
    if shifts.tours is not None:
        # A person on a tour is paid for the whole tour: price the tours, not their days, so
        # the solver sees that paid hours come in whole tours.
        costs = [0.0] * n_shift
        patterns = tour_patterns(shifts.tours)
        starts = sorted({(c.template, c.start) for c in model.columns})
        tour_cols: dict[tuple[int, int, int], list[int]] = {}
        n_tours = 0
        for index, start in starts:
            for pattern in patterns:
                if all((index, day, start) in by_shift for day in pattern):
                    for day in pattern:
                        tour_cols.setdefault((index, day, start), []).append(n_shift + n_tours)
                    costs.append(len(pattern) * chosen[index].paid_hours)
                    n_tours += 1
        for key, cols in by_shift.items():
            tours_here = tour_cols.get(key, [])
            add_row([*cols, *tours_here], [1.0] * len(cols) + [-1.0] * len(tours_here), 0, 0)
    if elastic:
        costs = [0.0] * len(costs)
        first_slack = len(costs)
        for r in range(needed.size):
            entries_row.append(np.array([r]))
            entries_col.append(np.array([first_slack + r]))
            entries_val.append(np.ones(1))
        costs += [1.0] * needed.size

    n_col = len(costs)
    rows_all = np.concatenate(entries_row) if entries_row else np.zeros(0, dtype=np.int64)
    cols_all = np.concatenate(entries_col) if entries_col else np.zeros(0, dtype=np.int64)
    vals_all = np.concatenate(entries_val) if entries_val else np.zeros(0)
    order = np.argsort(cols_all, kind="stable")
    lp = hs.HighsLp()  # type: ignore[attr-defined]
    lp.num_col_ = n_col
    lp.num_row_ = len(lower)
    lp.col_cost_ = np.asarray(costs, dtype=np.float64)
    lp.col_lower_ = np.zeros(n_col)
    lp.col_upper_ = np.full(n_col, inf)
    lp.row_lower_ = np.asarray(lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(upper, dtype=np.float64)
    matrix = lp.a_matrix_
    matrix.format_ = hs.MatrixFormat.kColwise  # type: ignore[attr-defined]
    matrix.num_col_ = n_col
    matrix.num_row_ = len(lower)
    matrix.start_ = np.concatenate(([0], np.cumsum(np.bincount(cols_all, minlength=n_col))))
    matrix.index_ = rows_all[order]
    matrix.value_ = vals_all[order]
    if integer:
        lp.integrality_ = [hs.HighsVarType.kInteger] * n_col  # type: ignore[attr-defined]
    return lp


def _solver(highspy: object, time_limit: float, model: _Model, shifts: Shifts) -> object:
    # The plain binding, not `highspy.Highs`: that wrapper sets up Python callbacks as it is
    # made, and doing so prints HiGHS's banner to standard output before any option can be
    # set, which would corrupt `--format json`.
    highs = highspy._Highs()  # type: ignore[attr-defined]
    for name, value in (
        ("output_flag", False),
        ("threads", 1),
        ("random_seed", _SEED),
        ("time_limit", float(time_limit)),
        ("mip_rel_gap", 0.0),
        ("mip_abs_gap", _cost_step(model, shifts) * 0.999),
    ):
        highs.setOptionValue(name, value)
    return highs


def _search(
    highspy: object, lp: object, model: _Model, shifts: Shifts, deadline: float
) -> tuple[NDArray[np.float64], float, bool] | None:
    """The integer problem solved by ``deadline`` (a ``perf_counter`` time): the solution,
    its proven dual bound and whether it is optimal; None when no plan was found in time."""
    hs = highspy  # the module, typed loosely: highspy's stubs are partial
    integer = hs.HighsVarType.kInteger  # type: ignore[attr-defined]
    n_shift = len(model.columns)
    n_col = lp.num_col_  # type: ignore[attr-defined]
    start = None
    if shifts.tours is not None:
        # Whole tours first, the shifts' break placements left fractional, for a short while:
        # a relaxation, so when it proves its optimum with placements that come out whole
        # anyway, that plan is the answer (the bank's week on 5-day tours: 1.5–3 s against
        # 10–12 s for the whole search). When it does not, its plan, if whole, starts the
        # whole search.
        continuous = hs.HighsVarType.kContinuous  # type: ignore[attr-defined]
        kinds = [continuous] * n_shift + [integer] * (n_col - n_shift)
        budget = min(TOUR_RELAXATION_SECONDS, (deadline - time.perf_counter()) / 3)
        found = _integer_solve(hs, lp, kinds, budget, model, shifts)
        if found is not None and _whole(found[0]):
            if found[2]:
                return found
            start = found[0]
    kinds = [integer] * n_col
    return _integer_solve(hs, lp, kinds, deadline - time.perf_counter(), model, shifts, start)


def _integer_solve(
    highspy: object,
    lp: object,
    kinds: list[object],
    seconds: float,
    model: _Model,
    shifts: Shifts,
    start: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.float64], float, bool] | None:
    """Solve ``lp`` with the columns' ``kinds`` (integer or continuous) within ``seconds``,
    from the plan ``start`` if given:
    its solution, the proven dual bound and whether it is optimal; None when no plan was
    found in the time. Raises ``_NoWholePlan`` when there is none."""
    hs = highspy  # the module, typed loosely: highspy's stubs are partial
    lp.integrality_ = kinds  # type: ignore[attr-defined]
    highs = _solver(hs, max(0.1, seconds), model, shifts)
    highs.passModel(lp)  # type: ignore[attr-defined]
    if start is not None:
        given = hs.HighsSolution()  # type: ignore[attr-defined]
        given.col_value = start.tolist()
        given.value_valid = True
        highs.setSolution(given)  # type: ignore[attr-defined]
    highs.run()  # type: ignore[attr-defined]
    status = highs.getModelStatus()  # type: ignore[attr-defined]
    info = highs.getInfo()  # type: ignore[attr-defined]
    if status == hs.HighsModelStatus.kInfeasible:  # type: ignore[attr-defined]
        raise _NoWholePlan
    if info.primal_solution_status != hs.kSolutionStatusFeasible:  # type: ignore[attr-defined]
        return None
    optimal = status == hs.HighsModelStatus.kOptimal  # type: ignore[attr-defined]
    solution = np.asarray(highs.getSolution().col_value)  # type: ignore[attr-defined]
    return solution, float(info.mip_dual_bound), optimal


class _NoWholePlan(Exception):
    """No whole numbers of shifts keep every rule (though fractional ones may)."""


def _whole(values: NDArray[np.float64]) -> bool:
    return bool((np.abs(values - np.rint(values)) <= 1e-6).all())


def _rounded_up(lp: object, solution: NDArray[np.float64]) -> NDArray[np.int64] | None:
    """The LP solution rounded up to whole counts, if it keeps every row of ``lp``; else None.

    Covering rows only gain, but caps, the part-time share and the tours' balance rows may
    break: each row's activity is checked against its bounds.
    """
    counts = np.ceil(solution - 1e-9).clip(min=0)
    matrix = lp.a_matrix_  # type: ignore[attr-defined]
    starts = np.asarray(matrix.start_)
    columns = np.repeat(np.arange(len(counts)), np.diff(starts))
    activity = np.zeros(lp.num_row_)  # type: ignore[attr-defined]
    np.add.at(activity, np.asarray(matrix.index_), np.asarray(matrix.value_) * counts[columns])
    low, high = np.asarray(lp.row_lower_), np.asarray(lp.row_upper_)  # type: ignore[attr-defined]
    if (activity < low - 1e-6).any() or (activity > high + 1e-6).any():
        return None
    return counts.astype(np.int64)


def _cost_step(model: _Model, shifts: Shifts) -> float:
    """The largest amount every plan's paid hours are a multiple of: the greatest common
    divisor of the shifts' paid minutes, times the days of a tour with tours."""
    minutes = {round(h * 60) for h in model.paid_hours.tolist()} or {60}
    days = shifts.tours.days_on if shifts.tours else 1
    return math.gcd(*minutes) * days / 60


def _infeasible(
    post_id: str,
    highspy: object,
    model: _Model,
    shifts: Shifts,
    chosen: dict[int, ShiftTemplate],
    demand: NDArray[np.float64],
    needed: NDArray[np.int64],
    grid: Grid,
    time_limit: float,
) -> InfeasibleScheduleError:
    """Why no plan exists: the intervals that stay short when shortfall is allowed."""
    hs = highspy
    elastic = _highs_model(hs, model, shifts, chosen, demand, needed, integer=True, elastic=True)
    highs = _solver(hs, time_limit, model, shifts)
    highs.passModel(elastic)
    highs.run()
    status = highs.getModelStatus()
    if status == hs.HighsModelStatus.kInfeasible:  # type: ignore[attr-defined]
        return InfeasibleScheduleError(
            post_id, _("the caps (min_per_day) and part_time_share_max contradict each other")
        )
    if status != hs.HighsModelStatus.kOptimal:  # type: ignore[attr-defined]
        return InfeasibleScheduleError(
            post_id,
            _(
                "no whole-shift plan keeps the caps (max_per_day, min_per_day, "
                "part_time_share_max); the time limit ran out before the intervals they leave "
                "short were found"
            ),
        )
    values = np.asarray(highs.getSolution().col_value)
    slack = values[-needed.size :]
    short = needed[slack > 1e-6]
    labels = _interval_ranges(short, grid) if short.size else []
    return InfeasibleScheduleError(
        post_id,
        _(
            "the caps (max_per_day, part_time_share_max) leave {intervals} short of the requirement"
        ).format(intervals=_listing(labels) or _("some intervals")),
        labels,
    )


def _shift_counts(
    model: _Model, counts: NDArray[np.int64], shifts: Shifts
) -> tuple[ShiftCount, ...]:
    grouped: dict[tuple[int, int, int], dict[tuple[str, ...], int]] = {}
    for column, count in zip(model.columns, counts.tolist(), strict=True):
        if count:
            key = (column.template, column.day, column.start)
            places = tuple(clock(b) for b in column.breaks)
            grouped.setdefault(key, {})
            grouped[key][places] = grouped[key].get(places, 0) + count
    found = []
    # By day, then start, then template: the order a roster is read in.
    for (index, day, start), breaks in sorted(
        grouped.items(), key=lambda item: (item[0][1], item[0][2], item[0][0])
    ):
        template = shifts.templates[index]
        found.append(
            ShiftCount(
                template=template.id,
                day=day,
                start=clock(start),
                count=sum(breaks.values()),
                breaks=tuple(sorted(breaks.items())) if template.breaks else (),
            )
        )
    return tuple(found)


def schedule_post(
    post: Post,
    streams: Mapping[str, StreamPlan],
    shifts: Shifts,
    time_limit: float | None = None,
) -> ShiftPlan:
    """The shift plan of a workload post: its streams' requirement added up, covered by the
    templates its rule names (every template if it names none).

    ``time_limit`` defaults to the section's ``time_limit_seconds``. The plan's
    ``requirement`` and ``coverage`` are the per-interval arrays a simulation staffs from.
    """
    rule, requirement, interval_minutes = _post_requirement(post, streams)
    return solve_schedule(
        post.id,
        requirement,
        interval_minutes,
        shifts,
        rule.shifts,
        shifts.time_limit_seconds if time_limit is None else time_limit,
        post.name,
    )


def solved_post(post: Post, streams: Mapping[str, StreamPlan], shifts: Shifts) -> ShiftPlan | None:
    """The plan ``schedule_post`` gives, when this process has proven it optimal already
    (under whatever time limit): a solve a budget need not pay for."""
    rule, requirement, interval_minutes = _post_requirement(post, streams)
    key = _problem(post.id, requirement, interval_minutes, shifts, rule.shifts, post.name)
    return _OPTIMAL.get(key)


def _post_requirement(
    post: Post, streams: Mapping[str, StreamPlan]
) -> tuple[WorkloadRule, NDArray[np.float64], int]:
    """A workload post's rule, its streams' requirement added up, and their interval."""
    rule = post.rule
    assert isinstance(rule, WorkloadRule)
    worked = [streams[stream_id] for stream_id in rule.streams]
    return rule, np.sum([stream.agents for stream in worked], axis=0), worked[0].interval_minutes
