"""The planned week, simulated: what customers would see, with confidence intervals. Pure.

For every voice and chat stream of a plan, each weekday asked for is simulated
``replications`` times by :mod:`ccorg.staffing.simulation`, at the staffing the plan requires
(or another staffing given per interval). Per interval, per day and for the days together,
each replication gives a service level, ASA, abandonment and occupancy; the results hold
their mean over replications with a 95% confidence interval (Student's t), next to the
Erlang figure at the same staffing. A day's (and the week's) figure is the day's calls
counted together in each replication, never an average of its intervals.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ccorg.config.schema import ChatStream, VoiceStream
from ccorg.i18n import _
from ccorg.plan import Plan, StreamPlan
from ccorg.staffing import queueing
from ccorg.staffing.simulation import HandleTimes, Period, Tallies, simulate

if TYPE_CHECKING:
    from ccorg.staffing.shifts import ShiftPlan

FloatArray = NDArray[np.float64]

#: More replications than this add nothing a plan needs and cost memory; asking is capped.
MAX_REPLICATIONS = 2_000
#: Calls one run may simulate (some 12 s at the engine's 1.2 million calls a second, and
#: about 20 bytes a call held by the replication being run: 28 million took 592 MB):
#: replications are capped, and a single replication past it is refused.
MAX_CALLS = 15_000_000

QUEUE_CHANNELS = ("voice", "chat")


@dataclass(frozen=True)
class SimulationOptions:
    """How to simulate: replications, seed, weekdays (0 = Monday), handle times, patience.

    ``patience`` is ``exponential`` (each stream's ``patience_seconds``, where it has one) or
    ``none`` (nobody abandons). ``staffing`` names where the agents come from, for the
    record: ``requirement`` (the plan's per-interval requirement) or ``schedule``.
    """

    replications: int = 200
    seed: int = 1
    days: tuple[int, ...] = tuple(range(7))
    handle: HandleTimes = field(default_factory=HandleTimes)
    patience: str = "exponential"
    staffing: str = "requirement"


@dataclass(frozen=True, eq=False)
class Estimate:
    """A measure over replications: mean and 95% confidence bounds, with the Erlang figure.

    Arrays share one shape (intervals: days × intervals a day; days: days; week: scalar).
    A value is NaN where no replication had a call to measure it by; the bounds are NaN too
    with fewer than two such replications. ``erlang`` is NaN where Erlang has no figure and
    may be inf (an unstable Erlang C queue's ASA).
    """

    mean: FloatArray
    low: FloatArray
    high: FloatArray
    erlang: FloatArray


@dataclass(frozen=True, eq=False)
class Figures:
    """The service customers saw, at one level (intervals, days or the whole).

    ``offered`` is the mean number of contacts per replication; ``abandon_rate`` is None
    when nobody abandons (no patience); ``miss_share`` the share of replications whose
    service level fell below the target.
    """

    offered: FloatArray
    service_level: Estimate
    asa_seconds: Estimate
    abandon_rate: Estimate | None
    occupancy: Estimate
    miss_share: FloatArray


@dataclass(frozen=True, eq=False)
class StreamSimulation:
    """One stream's simulated days.

    ``days`` are the weekdays simulated (0 = Monday); ``agents`` the agents on duty per day
    and interval (shape: days × intervals a day) and ``open`` the stream's open intervals.
    ``intervals`` has figures per day and interval, ``by_hour`` per day and hour of the day
    (the hour's calls together), ``by_day`` per day and ``week`` for the days together;
    ``short_of_target`` the (day position, interval) pairs whose 95% CI lies wholly below
    the target, worst first. ``stranded`` counts contacts never answered because no one was
    on duty again (mean per replication; only without patience).
    """

    plan: StreamPlan
    days: tuple[int, ...]
    agents: FloatArray
    open: NDArray[np.bool_]
    target: float
    sl_seconds: float
    sl_definition: str
    patience_seconds: float | None
    intervals: Figures
    by_hour: Figures
    by_day: Figures
    week: Figures
    short_of_target: tuple[tuple[int, int], ...]
    stranded: float
    calls_simulated: int

    @property
    def id(self) -> str:
        return self.plan.id


@dataclass(frozen=True)
class NotSimulated:
    """A stream left out, and why."""

    stream_id: str
    channel: str
    reason: str


@dataclass(frozen=True)
class Simulation:
    """A whole simulation run: the options it ran with and each stream's result."""

    options: SimulationOptions
    streams: tuple[StreamSimulation, ...]
    not_simulated: tuple[NotSimulated, ...]


def not_simulated_reason(channel: str) -> str:
    """Why a stream of this channel has no queue to simulate."""
    if channel == "deferred":
        return _(
            "deferred work has no callers waiting on the line: items wait for their response "
            "time, so its requirement is workload, not a queue"
        )
    return _(
        "outbound work is dialled by the agents, so no caller waits in a queue: its "
        "requirement is workload, not a queue"
    )


def capped_replications(asked: int, calls_per_replication: float) -> int:
    """``asked``, capped at :data:`MAX_REPLICATIONS` and at :data:`MAX_CALLS` in all."""
    by_calls = int(MAX_CALLS // max(calls_per_replication, 1.0))
    return max(1, min(asked, MAX_REPLICATIONS, by_calls))


def simulate_at_requirement(plan: Plan, replications: int, seed: int) -> Simulation:
    """Every voice and chat stream of ``plan`` simulated at its requirement, as ``ccorg
    simulate`` does by default with these ``replications`` and ``seed``: the week that
    ``check``'s simulated-service-level rule judges and the HTML page shows."""
    options = SimulationOptions(replications=replications, seed=seed)
    return simulate_plan(plan, [s.id for s in plan.streams], options)


def simulate_plan(
    plan: Plan,
    stream_ids: Sequence[str],
    options: SimulationOptions,
    staffing: Mapping[str, FloatArray] | None = None,
    on_replication: Callable[[], None] | None = None,
) -> Simulation:
    """Simulate the streams ``stream_ids`` of ``plan`` (in the plan's order).

    ``staffing`` gives the agents on duty per weekday and interval for some streams instead
    of their requirement. Streams that are not queues are reported in ``not_simulated``.
    """
    wanted = set(stream_ids)
    results: list[StreamSimulation] = []
    skipped: list[NotSimulated] = []
    for index, stream_plan in enumerate(plan.streams):
        if stream_plan.id not in wanted:
            continue
        if stream_plan.channel not in QUEUE_CHANNELS:
            skipped.append(
                NotSimulated(
                    stream_plan.id, stream_plan.channel, not_simulated_reason(stream_plan.channel)
                )
            )
            continue
        agents = stream_plan.agents if staffing is None else staffing.get(stream_plan.id)
        results.append(
            simulate_stream(
                stream_plan,
                index,
                options,
                stream_plan.agents if agents is None else agents,
                on_replication,
            )
        )
    return Simulation(options, tuple(results), tuple(skipped))


def staffing_from_shifts(plan: Plan, shifts: Sequence[ShiftPlan]) -> dict[str, FloatArray]:
    """The agents each stream gets from its post's shift plan, interval by interval.

    A shift plan's coverage is the agents on duty for all the streams the post works; each
    interval's agents are shared out in proportion to the streams' requirements there, whole
    agents by largest remainder (a post working one stream gives it all of them).
    """
    staffing: dict[str, FloatArray] = {}
    for shift_plan in shifts:
        streams = [s for s in plan.streams if s.post_id == shift_plan.post_id]
        if not streams:
            continue
        need = np.stack([s.agents for s in streams])
        total = need.sum(axis=0)
        share = np.where(total > 0, need / np.where(total > 0, total, 1), 1 / len(streams))
        exact = share * shift_plan.coverage
        whole = np.floor(exact + 1e-9)
        left = np.rint(shift_plan.coverage - whole.sum(axis=0)).astype(int)
        order = np.argsort(-(exact - whole), axis=0, kind="stable")
        for rank in range(len(streams)):
            gets = rank < left
            rows = order[rank]
            np.add.at(whole, (rows[gets], *np.nonzero(gets)), 1)
        for index, stream in enumerate(streams):
            staffing[stream.id] = whole[index]
    return staffing


def simulate_stream(
    stream_plan: StreamPlan,
    index: int,
    options: SimulationOptions,
    agents: FloatArray,
    on_replication: Callable[[], None] | None = None,
) -> StreamSimulation:
    """Simulate one queue stream's chosen weekdays; ``index`` keys its random numbers."""
    stream = stream_plan.stream
    assert isinstance(stream, VoiceStream | ChatStream)
    slots = stream.concurrency if isinstance(stream, ChatStream) else 1
    # A chat session lasts as long as it does at the stream's concurrency.
    handle_mean = stream.session_seconds if isinstance(stream, ChatStream) else stream.aht_seconds
    patience = stream.patience_seconds if options.patience == "exponential" else None
    days = options.days
    interval_seconds = stream_plan.interval_minutes * 60.0
    staffed = np.asarray(agents, dtype=np.float64)[list(days)]
    servers = np.rint(staffed).astype(np.int64) * slots
    volume = stream_plan.volume[list(days)]
    open_ = stream_plan.open[list(days)]
    level = stream.service_level
    tallies = [
        simulate(
            Period(
                arrivals=volume[position],
                servers=servers[position],
                interval_seconds=interval_seconds,
                aht_seconds=handle_mean,
                sl_seconds=level.seconds,
                patience_seconds=patience,
                handle=options.handle,
                short_abandon_seconds=level.short_abandon_seconds or 0.0,
                open=open_[position],
            ),
            options.replications,
            options.seed,
            key=(index, day),
            on_replication=on_replication,
        )
        for position, day in enumerate(days)
    ]
    # (R, days, K) arrays of every tally.
    counts = {
        name: np.stack([getattr(t, name) for t in tallies], axis=1)
        for name in Tallies.__dataclass_fields__
    }
    # Occupancy is busy time over staffed time while the queue is open; clearing it after
    # closing is overtime, in neither.
    counts["busy_seconds"] = np.where(open_, counts["busy_seconds"], 0.0)
    # The service level is a share of what the stream's definition counts.
    counts["sl_base"] = {
        "offered": counts["offered"],
        "answered": counts["answered"],
        "excluding_short_abandons": counts["offered"] - counts["short_abandoned"],
    }[level.definition]
    queue = {
        "patience_seconds": patience,
        "service_level_definition": level.definition,
        "short_abandon_seconds": level.short_abandon_seconds,
    }
    erlang = queueing.metrics_at(
        servers, volume, interval_seconds, handle_mean, level.seconds, **queue
    )
    # Erlang's contacts in each interval's denominator, to weigh its levels by: the level
    # as a share of offered over the level by the definition, times the contacts offered.
    offered_share = queueing.metrics_at(
        servers, volume, interval_seconds, handle_mean, level.seconds, patience_seconds=patience
    ).service_level
    with np.errstate(invalid="ignore", divide="ignore"):
        sl_weight = np.where(
            erlang.service_level > 0, volume * offered_share / erlang.service_level, volume
        )
    figures = partial(_figures, counts, erlang, sl_weight, volume, level.target)
    intervals = figures(axes=())
    by_day = figures(axes=(2,))
    week = figures(axes=(1, 2))
    by_hour = figures(axes=(3,), per_hour=60 // stream_plan.interval_minutes)
    short = _short_of_target(intervals.service_level, level.target)
    return StreamSimulation(
        plan=stream_plan,
        days=days,
        agents=staffed,
        open=open_,
        target=level.target,
        sl_seconds=level.seconds,
        sl_definition=level.definition,
        patience_seconds=patience,
        intervals=intervals,
        by_hour=by_hour,
        by_day=by_day,
        week=week,
        short_of_target=short,
        stranded=float(counts["stranded"].sum() / options.replications),
        calls_simulated=sum(t.calls for t in tallies),
    )


def _figures(
    counts: Mapping[str, NDArray[np.generic]],
    erlang: queueing.IntervalMetrics,
    sl_weight: FloatArray,
    volume: FloatArray,
    target: float,
    axes: tuple[int, ...],
    per_hour: int | None = None,
) -> Figures:
    """Figures at one level: ``axes`` of the (R, days, K) tallies are summed within each
    replication (none: intervals; 2: days; 1 and 2: the whole). With ``per_hour``, the
    intervals are first grouped into (hours, intervals of the hour), and axis 3 is the
    intervals of each hour."""

    def shaped(values: NDArray[np.generic], leading: int) -> FloatArray:
        values = np.asarray(values, dtype=np.float64)
        if per_hour is None:
            return values
        return values.reshape(*values.shape[: leading + 1], -1, per_hour)

    def total(name: str) -> FloatArray:
        values = shaped(counts[name], 1)
        return values.sum(axis=axes) if axes else values

    # Erlang's figures at the same level: each interval's, weighted as the simulation counts
    # them (by the contacts the service level counts, by calls offered, by calls answered, by
    # agents on duty).
    inner = tuple(axis - 1 for axis in axes)

    def weighted(values: FloatArray, weights: FloatArray) -> FloatArray:
        values, weights = shaped(values, 0), shaped(weights, 0)
        with np.errstate(invalid="ignore", divide="ignore"):
            if not axes:
                return np.where(weights > 0, values, np.nan)
            return np.asarray((values * weights).sum(axis=inner) / weights.sum(axis=inner))

    abandon_erlang = erlang.abandon_rate
    answered_calls = volume * (1.0 - (0.0 if abandon_erlang is None else abandon_erlang))
    asa_erlang = np.where(answered_calls > 0, erlang.asa_seconds, 0.0)
    offered = total("offered")
    within = total("answered_within")
    base = total("sl_base")
    abandon = None
    if abandon_erlang is not None:
        abandon = _estimate(total("abandoned"), offered, weighted(abandon_erlang, volume))
    return Figures(
        offered=offered.mean(axis=0),
        service_level=_estimate(within, base, weighted(erlang.service_level, sl_weight)),
        asa_seconds=_estimate(
            total("wait_seconds"),
            total("answered"),
            weighted(asa_erlang, answered_calls),
            share=False,
        ),
        abandon_rate=abandon,
        occupancy=_estimate(
            total("busy_seconds"),
            total("staffed_seconds"),
            weighted(erlang.occupancy, erlang.agents.astype(np.float64)),
        ),
        miss_share=_miss_share(within, base, target),
    )


def _miss_share(within: FloatArray, base: FloatArray, target: float) -> FloatArray:
    """Share of the replications with contacts whose service level fell below ``target``."""
    valid = base > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        missed = valid & (within < target * base)
        return np.where(valid.any(axis=0), missed.sum(axis=0) / valid.sum(axis=0), np.nan)


def _estimate(
    numerator: FloatArray, denominator: FloatArray, erlang: FloatArray, share: bool = True
) -> Estimate:
    """Mean and 95% CI over replications (axis 0) of numerator ÷ denominator, where > 0.

    The bounds are clipped to what the measure can be: [0, 1] for a ``share``, else ≥ 0.
    """
    valid = denominator > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(valid, numerator / np.where(valid, denominator, 1.0), np.nan)
        n = valid.sum(axis=0)
        mean = np.where(n > 0, np.nansum(ratio, axis=0) / np.maximum(n, 1), np.nan)
        deviation = np.where(valid, ratio - mean, 0.0)
        variance = (deviation**2).sum(axis=0) / np.maximum(n - 1, 1)
        quantile = np.vectorize(lambda count: t_quantile_975(max(int(count) - 1, 1)))(n)
        half = np.where(n > 1, quantile * np.sqrt(variance / np.maximum(n, 1)), np.nan)
    return Estimate(
        mean=np.asarray(mean, dtype=np.float64),
        low=np.asarray(np.maximum(mean - half, 0.0), dtype=np.float64),
        high=np.asarray(np.minimum(mean + half, 1.0) if share else mean + half, dtype=np.float64),
        erlang=np.asarray(erlang, dtype=np.float64),
    )


@cache
def t_quantile_975(df: int) -> float:
    """Student's t 97.5% quantile for ``df`` ≥ 1 degrees of freedom (two-sided 95%).

    Up to 60 degrees of freedom it solves P(|T| < t) = 0.95 by bisection on the exact
    finite series of the t distribution for whole degrees of freedom (Abramowitz & Stegun
    26.7.3–4); beyond, the Cornish–Fisher expansion (26.7.5) is exact to 1e-7.
    """
    if df > 60:
        z = 1.959963984540054
        return (
            z
            + (z**3 + z) / (4 * df)
            + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * df**3)
        )
    low, high = 0.0, 20.0 if df > 1 else 20.0 * (df + 1)
    for _step in range(100):
        middle = (low + high) / 2
        low, high = (middle, high) if _t_inside(middle, df) < 0.95 else (low, middle)
    return (low + high) / 2


def _t_inside(t: float, df: int) -> float:
    """P(|T| < t) for Student's t with ``df`` whole degrees of freedom."""
    theta = math.atan(t / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    if df % 2 == 0:
        term, series = 1.0, 1.0
        for k in range(2, df, 2):
            term *= (k - 1) / k * c2
            series += term
        return math.sin(theta) * series
    if df == 1:
        return 2 * theta / math.pi
    term, series = 1.0, 1.0
    for k in range(3, df, 2):
        term *= (k - 1) / k * c2
        series += term
    return 2 / math.pi * (theta + math.sin(theta) * math.cos(theta) * series)


def _short_of_target(level: Estimate, target: float) -> tuple[tuple[int, int], ...]:
    """Intervals whose CI lies wholly below the target, the lowest mean first."""
    below = np.argwhere(level.high < target)
    order = sorted(below.tolist(), key=lambda at: (level.mean[at[0], at[1]], at[0], at[1]))
    return tuple((int(day), int(interval)) for day, interval in order)
