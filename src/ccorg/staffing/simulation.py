"""Discrete-event simulation of a queue through a day of planning intervals. Pure: no I/O.

The model is the one Erlang C and A rest on, minus their stationarity: calls arrive as a
non-homogeneous Poisson process (a Poisson number per interval, uniform within it), are
answered first come, first served by whichever server frees first, hold it for a handle time
(exponential, or lognormal with a given coefficient of variation) and, when a patience is
given, abandon once they have waited longer than an exponential patience. The number of
servers changes at interval boundaries; a server going off duty finishes the call in hand
(the servers leaving are the ones free soonest: idle ones first). A chat agent is
``concurrency`` servers (slots). Each simulated period starts empty. When the queue closes
(a closed interval takes no calls), the servers of the last open interval stay on until every
call waiting is answered or has abandoned, as after the period's last interval.

The algorithm
-------------
Under FCFS a call's fate depends only on the calls before it, so the simulation walks the
calls in arrival order against a heap of the servers' next free times. A call arriving at
``t`` starts at ``max(t, earliest free time)``; when that wait exceeds its patience it
abandons and the servers are untouched, otherwise the earliest free time is replaced by the
start plus the handle time. A staffing change at boundary ``b`` is applied as soon as some
call's start would pass ``b``: servers coming on are free at ``b``; servers going off are the
earliest free ones. A sentinel free time of infinity keeps the heap non-empty when no one is
on duty. This is exact for the model above, not an approximation.

Why not a library
-----------------
General discrete-event libraries schedule every arrival, start and departure as an event
object through a Python scheduler. For this one model the heap walk does a few comparisons
and one ``heapreplace`` per call, with all random numbers drawn in bulk by numpy. Measured on
the development machine (2 shared cores, Python 3.11) on an M/M/100+M queue at 92 erlangs by
``benchmarks/bench_simulate.py`` in one run, under a load average of 6 from other jobs: this
engine 808,000 calls/s on one core, random numbers and tallies included (1.96 million for an
earlier version when the machine was quiet); simpy 4.1 25,000 (32× slower); Ciw 3.2 11,200
(72× slower). Ciw remains the reference the tests compare this engine with.

Random numbers
--------------
Replication ``r`` of the period with key ``key`` (a tuple of small integers the caller picks,
e.g. stream and weekday) draws from ``numpy.random.Generator(PCG64(SeedSequence(seed,
spawn_key=(*key, r))))`` — the same generator ``SeedSequence(seed).spawn`` would hand out down
that path — in this order: the Poisson number of arrivals of every interval; one standard
exponential per arrival and one per interval, the spacings that place each interval's
arrivals in order (see ``_sorted_uniforms``); one handle time per arrival; then one patience
per arrival (only when a patience is given). Replications are therefore independent,
reproducible, and the same whatever the number of replications or the other periods
simulated with them.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat

import numpy as np
from numpy.typing import NDArray

__all__ = ["HandleTimes", "Period", "Tallies", "simulate"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

_INF = math.inf
_NAN = math.nan


@dataclass(frozen=True)
class HandleTimes:
    """The distribution of handle times: ``exponential``, or ``lognormal`` with ``cv``.

    A lognormal with mean m and coefficient of variation c has σ² = ln(1 + c²) and
    μ = ln m − σ²/2, so the mean handle time stays the stream's AHT.
    """

    kind: str = "exponential"
    cv: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("exponential", "lognormal"):
            raise ValueError(f"unknown handle-time distribution {self.kind!r}")
        if self.kind == "lognormal" and not (
            self.cv is not None and math.isfinite(self.cv) and self.cv > 0
        ):
            raise ValueError("a lognormal handle time needs a coefficient of variation > 0")

    def draw(self, rng: np.random.Generator, mean: float, size: int) -> FloatArray:
        if self.kind == "exponential":
            return rng.exponential(mean, size)
        assert self.cv is not None
        sigma2 = math.log1p(self.cv * self.cv)
        return rng.lognormal(math.log(mean) - sigma2 / 2, math.sqrt(sigma2), size)


@dataclass(frozen=True, eq=False)
class Period:
    """One stretch of consecutive intervals to simulate (a day, or a long stationary run).

    ``arrivals`` are the expected calls per interval and ``servers`` the servers on duty in
    each (agents, or slots for chat); ``open`` marks the intervals the queue takes calls in
    (all by default): a closed one takes none, and the servers of the open interval before it
    stay on, clearing the queue, without counting as staffed time. ``aht_seconds`` is the
    mean handle time, ``patience_seconds`` the mean patience (None: callers never abandon),
    ``sl_seconds`` the service-level threshold and ``short_abandon_seconds`` the patience
    below which an abandoned call counts as a short abandon (0: none does).
    """

    arrivals: FloatArray
    servers: IntArray
    interval_seconds: float
    aht_seconds: float
    sl_seconds: float
    patience_seconds: float | None = None
    handle: HandleTimes = field(default_factory=HandleTimes)
    short_abandon_seconds: float = 0.0
    open: NDArray[np.bool_] | None = None

    def __post_init__(self) -> None:
        arrivals = np.asarray(self.arrivals, dtype=np.float64)
        servers = np.asarray(self.servers)
        open_ = np.ones(arrivals.shape, dtype=bool) if self.open is None else np.asarray(self.open)
        if (
            arrivals.ndim != 1
            or arrivals.size == 0
            or not (arrivals.shape == servers.shape == open_.shape)
        ):
            raise ValueError("arrivals, servers and open must be 1-D arrays of the same length")
        if not np.all(np.isfinite(arrivals) & (arrivals >= 0)):
            raise ValueError("expected arrivals must be finite and ≥ 0")
        if np.any(arrivals[~open_] > 0):
            raise ValueError("a closed interval takes no calls")
        if not np.all((servers >= 0) & (servers == np.round(servers))):
            raise ValueError("servers must be whole numbers ≥ 0")
        for name in ("interval_seconds", "aht_seconds"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value > 0):
                raise ValueError(f"{name} must be a finite number > 0")
        if self.patience_seconds is not None and not (
            math.isfinite(self.patience_seconds) and self.patience_seconds > 0
        ):
            raise ValueError("patience_seconds must be a finite number > 0")
        if not (math.isfinite(self.sl_seconds) and self.sl_seconds >= 0):
            raise ValueError("sl_seconds must be a finite number ≥ 0")
        object.__setattr__(self, "arrivals", arrivals)
        object.__setattr__(self, "servers", servers.astype(np.int64))
        object.__setattr__(self, "open", open_.astype(bool))

    @property
    def working_servers(self) -> IntArray:
        """Servers at work per interval: in a closed one, those of the open one before it."""
        assert self.open is not None
        last_open = np.maximum.accumulate(np.where(self.open, np.arange(self.intervals), -1))
        return np.where(last_open >= 0, self.servers[np.maximum(last_open, 0)], self.servers)

    @property
    def intervals(self) -> int:
        return int(self.arrivals.size)


@dataclass(frozen=True, eq=False)
class Tallies:
    """What the replications saw, per replication and interval: arrays of shape (R, K).

    Calls are counted in the interval they arrive in. ``offered`` calls arrived;
    ``answered`` were answered (some after the interval ended), ``answered_within`` within
    the service-level threshold; ``delayed`` found every server busy (they waited, or
    abandoned); ``abandoned`` left unanswered, ``short_abandoned`` of them within the
    short-abandon threshold; ``stranded`` were never answered because no one was on duty
    again (only without patience). ``wait_seconds`` is the total wait of the answered calls.
    ``busy_seconds`` is server time spent on calls within each interval, whichever interval
    the calls arrived in (clearing the queue after closing included), and ``staffed_seconds``
    the servers on duty × the interval length in open intervals.
    """

    offered: IntArray
    answered: IntArray
    answered_within: IntArray
    delayed: IntArray
    abandoned: IntArray
    short_abandoned: IntArray
    stranded: IntArray
    wait_seconds: FloatArray
    busy_seconds: FloatArray
    staffed_seconds: FloatArray

    @property
    def calls(self) -> int:
        """Calls simulated over every replication and interval."""
        return int(self.offered.sum())


def simulate(
    period: Period,
    replications: int,
    seed: int,
    key: tuple[int, ...] = (),
    on_replication: Callable[[], None] | None = None,
) -> Tallies:
    """Run ``replications`` independent replications of ``period``; their tallies.

    ``seed`` and ``key`` fix the random numbers (see the module docstring);
    ``on_replication`` is called after each replication (a progress bar's tick).
    """
    if int(replications) != replications or replications < 1:
        raise ValueError("replications must be a whole number ≥ 1")
    if int(seed) != seed or seed < 0:
        raise ValueError("seed must be a whole number ≥ 0")
    fields: dict[str, list[NDArray[np.float64] | NDArray[np.int64]]] = {
        name: [] for name in Tallies.__dataclass_fields__
    }
    for r in range(int(replications)):
        sequence = np.random.SeedSequence(int(seed), spawn_key=(*key, r))
        rng = np.random.Generator(np.random.PCG64(sequence))
        for name, values in _replicate(period, rng).items():
            fields[name].append(values)
        if on_replication is not None:
            on_replication()
    return Tallies(**{name: np.stack(rows) for name, rows in fields.items()})


def _replicate(period: Period, rng: np.random.Generator) -> dict[str, NDArray[np.generic]]:
    """One replication: draw the calls, walk them through the servers, count per interval."""
    k = period.intervals
    width = period.interval_seconds
    counts = rng.poisson(period.arrivals)
    interval = np.repeat(np.arange(k), counts)
    arrival = (interval + _sorted_uniforms(rng, counts, interval)) * width
    handle = period.handle.draw(rng, period.aht_seconds, interval.size)
    if period.patience_seconds is None:
        patience = np.full(interval.size, _INF)
        patience_list: Iterable[float] = repeat(_INF, interval.size)
    else:
        patience = rng.exponential(period.patience_seconds, interval.size)
        patience_list = patience.tolist()

    servers = period.working_servers
    # Boundaries where the staffing changes, then infinity: the last staffing stays on.
    changes = np.flatnonzero(np.diff(servers)) + 1
    bounds = [*(changes * width).tolist(), _INF]
    deltas = (servers[changes] - servers[changes - 1]).tolist()
    start = np.array(
        _walk(arrival.tolist(), handle.tolist(), patience_list, bounds, deltas, servers[0])
    )

    answered = np.isfinite(start)
    wait = np.where(answered, start - arrival, 0.0)
    abandoned = np.isnan(start)
    short = abandoned & (patience <= period.short_abandon_seconds)

    def per_interval(mask: NDArray[np.bool_]) -> IntArray:
        return np.bincount(interval[mask], minlength=k).astype(np.int64)

    return {
        "offered": counts.astype(np.int64),
        "answered": per_interval(answered),
        "answered_within": per_interval(answered & (wait <= period.sl_seconds)),
        "delayed": per_interval(abandoned | (answered & (wait > 0))),
        "abandoned": per_interval(abandoned),
        "short_abandoned": per_interval(short),
        "stranded": per_interval(np.isinf(start)),
        "wait_seconds": np.bincount(interval, weights=wait, minlength=k),
        "busy_seconds": _busy_seconds(start[answered], handle[answered], k, width),
        "staffed_seconds": np.where(period.open, period.servers, 0) * width,
    }


def _walk(
    arrival: list[float],
    handle: list[float],
    patience: Iterable[float],
    bounds: list[float],
    deltas: list[int],
    first_servers: int,
) -> list[float]:
    """Start time of each call in arrival order: nan if it abandoned, inf if never answered.

    The hot loop of the engine: plain lists and floats, locals bound once; a call that finds
    a server free before the next staffing change takes the short way.
    """
    free = [0.0] * int(first_servers)
    free.append(_INF)  # the sentinel: nobody on duty means "free at infinity"
    heapreplace, heappush, heappop = heapq.heapreplace, heapq.heappush, heapq.heappop
    start: list[float] = []
    append = start.append
    change = 0
    next_bound = bounds[0]
    for t, s, p in zip(arrival, handle, patience, strict=True):
        earliest = free[0]
        if t >= earliest:
            if t <= next_bound:
                heapreplace(free, t + s)
                append(t)
                continue
            begin = t
        else:
            begin = earliest
        while begin > next_bound:
            delta = deltas[change]
            if delta > 0:
                for _ in range(delta):
                    heappush(free, next_bound)
            else:
                for _ in range(-delta):
                    heappop(free)
            change += 1
            next_bound = bounds[change]
            earliest = free[0]
            begin = t if t >= earliest else earliest
        if begin - t > p:
            append(_NAN)
            continue
        # With nobody on duty for good and no patience, begin is inf: the sentinel is
        # replaced by inf + s = inf, and the call is counted as stranded.
        heapreplace(free, begin + s)
        append(begin)
    return start


def _sorted_uniforms(rng: np.random.Generator, counts: IntArray, interval: IntArray) -> FloatArray:
    """Per interval, ``counts`` uniform offsets in [0, 1) in increasing order, without a sort.

    The order statistics of n uniforms are the partial sums of n + 1 exponential spacings
    over their total (Rényi), so one exponential per contact and one per interval, summed
    once, give every interval's sorted offsets.
    """
    spacings = rng.standard_exponential(int(counts.sum()) + counts.size)
    total = np.cumsum(spacings)
    ends = np.cumsum(counts + 1) - 1  # each interval's closing spacing
    firsts = ends - counts
    base = np.where(firsts > 0, total[np.maximum(firsts - 1, 0)], 0.0)
    span = total[ends] - base
    position = np.arange(interval.size) + interval  # skips each earlier closing spacing
    return np.asarray((total[position] - base[interval]) / span[interval])


def _busy_seconds(start: FloatArray, handle: FloatArray, k: int, width: float) -> FloatArray:
    """Server-seconds spent on calls within each of ``k`` intervals of ``width`` seconds.

    Busy time before ``b`` is Σ over calls started before b of (b − start) minus Σ over calls
    ended before b of (b − end); differences at the boundaries give each interval's share.
    """
    # Under FCFS the answered calls start in arrival order, so only their ends need sorting.
    finite = np.isfinite(start)
    begin = start[finite]
    end = np.sort(begin + handle[finite])
    bounds = np.arange(k + 1) * width

    def before(times: FloatArray) -> FloatArray:
        cumulative = np.concatenate([[0.0], np.cumsum(times)])
        n = np.searchsorted(times, bounds, side="left")
        return n * bounds - cumulative[n]

    return np.diff(before(begin) - before(end))
