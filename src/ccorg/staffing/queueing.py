"""Queueing formulas behind contact-center staffing: Erlang B, Erlang C and Erlang A.

Everything here is pure numpy: no I/O, no printing. All public functions broadcast their array
arguments (NumPy rules) and accept scalars; an "interval" is one element of the broadcast
input, and error indices are positions in that broadcast input, flattened in C order.

Models
------
*Erlang C* (M/M/N): Poisson arrivals, exponential handling times, N agents, callers wait
forever. With offered load ``A = calls · AHT / interval`` (erlangs) and N > A:

- probability of waiting ``C = N·B / (N − A·(1 − B))`` with ``B`` the Erlang B blocking;
- service level ``SL(t) = 1 − C·exp(−(N − A)·t / AHT)``;
- average speed of answer ``ASA = C·AHT / (N − A)``;
- occupancy ``A / N``.

With N ≤ A the queue grows without bound: C = 1, SL = 0, ASA = inf, occupancy 1 (also at
N = 0: the limit of a vanishing staff that is always busy). With no load (A = 0) occupancy is 0.

*Erlang A* (M/M/N+M): as Erlang C, but each caller abandons after an exponential patience with
mean ``patience_seconds``. The queue is then stable for any N. See :func:`metrics_at`.

Numerics
--------
Erlang B comes from the recursion ``B(n) = A·B(n−1) / (n + A·B(n−1))``, never from factorials
or powers, so it is exact to rounding at any size. Erlang A reduces to one-dimensional integrals
of a log-concave function, computed by Gauss–Legendre quadrature on panels cut at level sets
of the integrand (see :func:`_erlang_a`).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ccorg.i18n import N_, _

__all__ = [
    "SL_DEFINITIONS",
    "TARGETS",
    "InfeasibleTargetError",
    "IntervalMetrics",
    "StaffingInputError",
    "agents_by_target",
    "binding_targets",
    "erlang_b",
    "erlang_c",
    "metrics_at",
    "required_agents",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Default hard cap on the agents a single interval may need; beyond it a target is infeasible.
MAX_AGENTS = 100_000

# The Erlang B recursion forgets its starting value: an error in B(n0) shrinks by the factor
# 1 − B(n) at every step. Starting from the fluid approximation B ≈ 1 − n0/A at
# n0 = A − sqrt((A − N)² + _WARM_START·A) instead of at n = 0 shrinks the error by roughly
# Φ(β0)/Φ(βN) with β = (n − A)/√A, about e^(−_WARM_START/2), far below double precision,
# while costing O(√A) steps instead of O(N).
_WARM_START = 100.0

# The occupancy cap N ≥ calls·AHT ÷ (cap·interval) is decided exactly (see _agents_for_cap);
# floating point decides it alone where the quotient is further than this, relatively, from a
# whole number. Its rounding error is a few units of 2^-53 ≈ 1.1e-16, far inside the margin.
_CAP_MARGIN = 1e-12

# Erlang A quadrature: the log-integrand is cut where it has dropped _TAIL_DROP below its peak
# (e^-50 ≈ 2e-22 of the peak); each side is split into panels at drops _TAIL_DROP·(k/5)²,
# k = 1..5, so no panel spans a drop over 18 and a 12-point Gauss–Legendre rule is exact to
# rounding on each (checked against 14 levels × 40 points: differences ≤ 2e-15 but where the
# exponent itself is ~1e7 and its rounding dominates).
_TAIL_DROP = 50.0
_LEVELS = _TAIL_DROP * (np.arange(1, 6) / 5.0) ** 2
# A safety cap only: from the starts used, Newton's method converges in a handful of steps.
_NEWTON_ITERATIONS = 60

# Patience → ∞ is Erlang C. Past a trillion handle times of mean patience, Erlang A's results
# equal Erlang C's to 1e-11 (the share abandoning is about ASA ÷ patience), while its
# integrals lose their precision and, near 1e40, its search its end: a longer patience is
# solved at this one, where Erlang A is still exact and already Erlang C to every digit shown.
_PATIENT_ENOUGH = 1e12


@cache
def _gauss_legendre() -> tuple[FloatArray, FloatArray]:
    # The 12-point rule's nodes and weights, computed on first use: numpy.polynomial costs
    # milliseconds to import, and only Erlang A integrates.
    return np.polynomial.legendre.leggauss(12)


class StaffingInputError(ValueError):
    """An input value is invalid (negative calls, AHT ≤ 0, a target outside its range, ...).

    ``index`` is the position of the first offending interval in the flattened broadcast input,
    ``field`` names the argument and ``reason`` says what is wrong with it.
    """

    def __init__(self, index: int, field: str, reason: str) -> None:
        self.index = index
        self.field = field
        self.reason = reason
        super().__init__(f"interval {index}: {field}: {reason}")


class InfeasibleTargetError(ValueError):
    """No number of agents meets the targets of some interval.

    ``index`` is the position of the first such interval in the flattened broadcast input and
    ``reason`` says why, in words a planner understands. ``failures`` holds the first
    ``MAX_FAILURES`` such intervals, each with its reason, in order.
    """

    def __init__(self, index: int, reason: str, failures: tuple[tuple[int, str], ...] = ()) -> None:
        self.index = index
        self.reason = reason
        self.failures = failures or ((index, reason),)
        super().__init__(f"interval {index}: {reason}")


#: Intervals an InfeasibleTargetError lists at most.
MAX_FAILURES = 100


def _infeasible(
    failures: list[tuple[int, str]], first: IntArray, inverse: IntArray
) -> InfeasibleTargetError:
    """The error for failing distinct rows: every interval that is one of them, in order."""
    ordered = sorted(failures, key=lambda f: first[f[0]])[:MAX_FAILURES]
    every = sorted(
        (int(i), reason)
        for row, reason in ordered
        for i in np.flatnonzero(inverse == row)[:MAX_FAILURES]
    )[:MAX_FAILURES]
    return InfeasibleTargetError(*every[0], failures=tuple(every))


#: How a service level counts, as ACDs report it (under Erlang C, with nobody abandoning, the
#: three agree): ``offered`` — answered within the threshold ÷ offered, abandoned calls count
#: as misses (the conservative one, Genesys Cloud's default); ``answered`` — answered within
#: the threshold ÷ answered; ``excluding_short_abandons`` — answered within the threshold ÷
#: (offered − calls abandoning within ``short_abandon_seconds``).
SL_DEFINITIONS = ("offered", "answered", "excluding_short_abandons")

#: The targets that can set an interval's agents, in the order a tie is named in.
TARGETS = ("service_level", "asa", "abandonment", "occupancy", "floor")


@dataclass(frozen=True, eq=False)
class IntervalMetrics:
    """Queue performance per interval; every array has the broadcast shape of the inputs.

    ``agents`` are integer agent counts; ``load_erlangs`` the offered load
    ``calls · AHT / interval``; ``service_level`` the share answered within the threshold, by
    ``service_level_definition`` (one of :data:`SL_DEFINITIONS`); ``asa_seconds`` the mean
    wait of answered calls (inf when the queue is unstable or no call is answered);
    ``occupancy`` the share of agent time spent on calls, i.e. the carried load per agent
    (0 when there are no agents); ``wait_probability`` the probability that a call has to
    queue; ``abandon_rate`` the share of offered calls that abandon, or ``None`` for Erlang C
    (no patience given). Arrays are read-only.
    """

    agents: IntArray
    load_erlangs: FloatArray
    service_level: FloatArray
    asa_seconds: FloatArray
    occupancy: FloatArray
    wait_probability: FloatArray
    abandon_rate: FloatArray | None
    service_level_definition: str = "offered"

    def __post_init__(self) -> None:
        for value in vars(self).values():
            if isinstance(value, np.ndarray):
                value.flags.writeable = False


# --------------------------------------------------------------------------------------------
# Public API


def erlang_b(agents: ArrayLike, load: ArrayLike) -> FloatArray | np.float64:
    """Erlang B blocking probability of ``agents`` servers offered ``load`` erlangs.

    ``agents`` must be non-negative whole numbers and ``load`` finite and non-negative; they
    broadcast. Returns a float for scalar inputs, else an array. B(0, A) = 1 and B(N, 0) = 0
    for N ≥ 1.
    """
    shape, (n_raw, a) = _broadcast(agents, load)
    n = _whole("agents", n_raw)
    _check(("load", a, ~(np.isfinite(a) & (a >= 0)), "must be a finite number ≥ 0"))
    return _shaped(_erlang_b(n, a), shape)


def erlang_c(agents: ArrayLike, load: ArrayLike) -> FloatArray | np.float64:
    """Erlang C probability that a call has to wait, ``agents`` servers, ``load`` erlangs.

    Computed from Erlang B as ``C = N·B / (N − A·(1 − B))``. It is 1 when N ≤ A (the queue
    is unstable) and 0 when the load is 0. Arguments as for :func:`erlang_b`.
    """
    shape, (n_raw, a) = _broadcast(agents, load)
    n = _whole("agents", n_raw)
    _check(("load", a, ~(np.isfinite(a) & (a >= 0)), "must be a finite number ≥ 0"))
    return _shaped(_erlang_c_from_b(n, a, _erlang_b(n, a)), shape)


def metrics_at(
    agents: ArrayLike,
    calls: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    sl_seconds: ArrayLike,
    *,
    patience_seconds: ArrayLike | None = None,
    service_level_definition: str = "offered",
    short_abandon_seconds: ArrayLike | None = None,
) -> IntervalMetrics:
    """Queue performance of a given number of agents per interval (the reverse calculation).

    Without ``patience_seconds`` this is Erlang C (see the module docstring). With it, this is
    Erlang A (M/M/N+M): every caller abandons after an exponential patience with mean
    ``patience_seconds``. Then

    - ``wait_probability`` is the probability that a caller finds all agents busy;
    - ``abandon_rate`` is the share of offered calls that abandon;
    - ``service_level`` is, by default (``service_level_definition="offered"``), **the share
      of offered calls answered within** ``sl_seconds``: calls that abandon count as misses,
      even when they abandon before the threshold. ``"answered"`` divides by the calls
      answered instead, ``"excluding_short_abandons"`` by the calls offered less those that
      abandon within ``short_abandon_seconds`` (see :data:`SL_DEFINITIONS`);
    - ``asa_seconds`` is the mean wait of answered calls, counting those answered at once;
    - ``occupancy`` is the carried load ``A·(1 − abandon_rate)`` per agent.

    Those definitions reproduce the published M/M/N+M figures, e.g. 100 calls per 30 min,
    AHT 180 s, mean patience 300 s, 13 agents: SL(20 s) 0.858178, abandonment 0.024963.

    All arguments broadcast. Raises :class:`StaffingInputError` for invalid inputs.
    """
    names = ["agents", "calls", "interval_seconds", "aht_seconds", "sl_seconds"]
    values: list[ArrayLike] = [agents, calls, interval_seconds, aht_seconds, sl_seconds]
    for name, value in (
        ("patience_seconds", patience_seconds),
        ("short_abandon_seconds", short_abandon_seconds),
    ):
        if value is not None:
            names.append(name)
            values.append(value)
    _check_definition(service_level_definition, short_abandon_seconds)
    shape, arrays = _broadcast(*values)
    col = dict(zip(names, arrays, strict=True))
    n = _whole("agents", col["agents"])
    _check_common(col)
    _patience_within_reach(col)
    a = _load(col)
    t = col["sl_seconds"]
    aht = col["aht_seconds"]
    if patience_seconds is None:
        sl, asa_over_aht, occ, wait = _erlang_c_metrics(n, a, _erlang_b(n, a), t / aht)
        asa = asa_over_aht * aht
        abandon = None
    else:
        patience = col["patience_seconds"]
        short = col.get("short_abandon_seconds")
        wait, sl, abandon, asa_over_patience, occ = _erlang_a(
            n,
            a,
            patience / aht,
            t / patience,
            definition=service_level_definition,
            s_short=None if short is None else short / patience,
        )
        asa = asa_over_patience * patience
    return _metrics(shape, n, a, sl, asa, occ, wait, abandon, service_level_definition)


def required_agents(
    calls: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    sl_target: ArrayLike,
    sl_seconds: ArrayLike,
    *,
    max_occupancy: ArrayLike | None = None,
    asa_target_seconds: ArrayLike | None = None,
    patience_seconds: ArrayLike | None = None,
    max_abandon_rate: ArrayLike | None = None,
    min_agents: ArrayLike = 0,
    max_agents: int = MAX_AGENTS,
    service_level_definition: str = "offered",
    short_abandon_seconds: ArrayLike | None = None,
) -> IntervalMetrics:
    """Smallest whole number of agents per interval that meets every target, with its metrics.

    An interval's N meets its targets when ``service_level ≥ sl_target`` (share answered
    within ``sl_seconds``, by ``service_level_definition``), ``asa_seconds ≤
    asa_target_seconds`` if given, ``occupancy ≤ max_occupancy`` if given,
    ``abandon_rate ≤ max_abandon_rate`` if given, and ``N ≥ min_agents``. The model is
    Erlang C, or Erlang A when ``patience_seconds`` is given (see :func:`metrics_at` for the
    definitions). Intervals without calls need ``min_agents`` agents (0 by default).

    The occupancy capped is the one reported: the carried load per agent. Under Erlang C that
    is the offered load ``calls·AHT ÷ interval`` per agent, and the cap is decided exactly on
    the decimal values of the inputs (``calls·AHT ≤ cap·N·interval``): 22.1 erlangs at 0.85
    needs 26 agents, 22.1000000001 erlangs 27. Under Erlang A only answered calls occupy
    agents, so the cap admits fewer agents than the offered load would.

    All array arguments broadcast; the returned :class:`IntervalMetrics` holds the agents and
    the metrics at that number, in the broadcast shape. The work is proportional to the number
    of distinct input rows times O(√load), and memory to the number of intervals.

    Raises :class:`StaffingInputError` for invalid inputs and :class:`InfeasibleTargetError`
    when some interval's targets cannot be met, e.g. a 100 % service level, an occupancy cap
    of 0 with calls, or a load needing more than ``max_agents`` agents.
    """
    shape, col, floor_agents = _staffing_inputs(
        calls,
        interval_seconds,
        aht_seconds,
        sl_target,
        sl_seconds,
        max_occupancy=max_occupancy,
        asa_target_seconds=asa_target_seconds,
        patience_seconds=patience_seconds,
        max_abandon_rate=max_abandon_rate,
        min_agents=min_agents,
        max_agents=max_agents,
        service_level_definition=service_level_definition,
        short_abandon_seconds=short_abandon_seconds,
    )
    definition = service_level_definition
    a = _load(col)
    first, inverse, u = _distinct(col)
    solution = _solve(u, floor_agents[first], int(max_agents), definition)
    if solution.failures:
        raise _infeasible(solution.failures, first, inverse)
    n = solution.agents[inverse]
    aht = col["aht_seconds"]
    if patience_seconds is None:
        asa = solution.asa_ratio[inverse] * aht
        abandon = None
    else:
        asa = solution.asa_ratio[inverse] * col["patience_seconds"]
        abandon = solution.abandon[inverse]
    return _metrics(
        shape,
        n,
        a,
        solution.service_level[inverse],
        asa,
        solution.occupancy[inverse],
        solution.wait[inverse],
        abandon,
        definition,
    )


def agents_by_target(
    calls: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    sl_target: ArrayLike,
    sl_seconds: ArrayLike,
    *,
    max_occupancy: ArrayLike | None = None,
    asa_target_seconds: ArrayLike | None = None,
    patience_seconds: ArrayLike | None = None,
    max_abandon_rate: ArrayLike | None = None,
    min_agents: ArrayLike = 0,
    max_agents: int = MAX_AGENTS,
    service_level_definition: str = "offered",
    short_abandon_seconds: ArrayLike | None = None,
) -> dict[str, IntArray]:
    """The agents each target needs on its own, per interval: what sets the requirement.

    Arguments as for :func:`required_agents`. Keys follow :data:`TARGETS`: ``service_level``
    always; ``asa``, ``abandonment`` and ``occupancy`` when given; ``floor`` (``min_agents``)
    when any is positive. Under Erlang C every target includes the stability N > A. Each
    metric is monotone in N, so the agents meeting every target are the largest of these
    (:func:`required_agents`), and :func:`binding_targets` names the target that set them.
    """
    shape, col, floor_agents = _staffing_inputs(
        calls,
        interval_seconds,
        aht_seconds,
        sl_target,
        sl_seconds,
        max_occupancy=max_occupancy,
        asa_target_seconds=asa_target_seconds,
        patience_seconds=patience_seconds,
        max_abandon_rate=max_abandon_rate,
        min_agents=min_agents,
        max_agents=max_agents,
        service_level_definition=service_level_definition,
        short_abandon_seconds=short_abandon_seconds,
    )
    target_columns = {
        "service_level": "sl_target",
        "asa": "asa_target_seconds",
        "abandonment": "max_abandon_rate",
        "occupancy": "max_occupancy",
    }
    first, inverse, u = _distinct(col)
    others = set(target_columns.values())
    found: dict[str, IntArray] = {}
    for target, column in target_columns.items():
        if column not in u:
            continue
        alone = {k: v for k, v in u.items() if k == column or k not in others}
        solution = _solve(
            alone, np.zeros(first.size, np.int64), int(max_agents), service_level_definition
        )
        if solution.failures:
            raise _infeasible(solution.failures, first, inverse)
        found[target] = solution.agents[inverse].reshape(shape)
    if floor_agents.any():
        found["floor"] = floor_agents.reshape(shape)
    return found


def binding_targets(by_target: dict[str, IntArray]) -> NDArray[np.object_]:
    """Per interval, the target that sets the agents (None where none is needed).

    ``by_target`` is what :func:`agents_by_target` returns. The binding target needs the most
    agents; on a tie, the one first in :data:`TARGETS`.
    """
    needed = np.maximum.reduce(list(by_target.values()))
    binding = np.full(needed.shape, None, dtype=object)
    for target in reversed([t for t in TARGETS if t in by_target]):
        binding[(by_target[target] == needed) & (needed > 0)] = target
    return binding


# --------------------------------------------------------------------------------------------
# Input handling


def _staffing_inputs(
    calls: ArrayLike,
    interval_seconds: ArrayLike,
    aht_seconds: ArrayLike,
    sl_target: ArrayLike,
    sl_seconds: ArrayLike,
    *,
    max_occupancy: ArrayLike | None,
    asa_target_seconds: ArrayLike | None,
    patience_seconds: ArrayLike | None,
    max_abandon_rate: ArrayLike | None,
    min_agents: ArrayLike,
    max_agents: int,
    service_level_definition: str,
    short_abandon_seconds: ArrayLike | None,
) -> tuple[tuple[int, ...], dict[str, FloatArray], IntArray]:
    """Validate what required_agents and agents_by_target take: shape, columns, floors."""
    names = ["calls", "interval_seconds", "aht_seconds", "sl_target", "sl_seconds", "min_agents"]
    values: list[ArrayLike] = [calls, interval_seconds, aht_seconds, sl_target, sl_seconds]
    values.append(min_agents)
    optional = {
        "max_occupancy": max_occupancy,
        "asa_target_seconds": asa_target_seconds,
        "patience_seconds": patience_seconds,
        "max_abandon_rate": max_abandon_rate,
        "short_abandon_seconds": short_abandon_seconds,
    }
    for name, value in optional.items():
        if value is not None:
            names.append(name)
            values.append(value)
    if max_abandon_rate is not None and patience_seconds is None:
        raise StaffingInputError(0, "max_abandon_rate", "needs patience_seconds (Erlang A)")
    if int(max_agents) != max_agents or max_agents < 1:
        raise StaffingInputError(0, "max_agents", "must be a whole number ≥ 1")
    _check_definition(service_level_definition, short_abandon_seconds)
    shape, arrays = _broadcast(*values)
    col = dict(zip(names, arrays, strict=True))
    _check_common(col)
    _patience_within_reach(col)
    share = "must be a share in [0, 1]"
    checks = [
        (
            "sl_target",
            col["sl_target"],
            ~((col["sl_target"] > 0) & (col["sl_target"] <= 1)),
            "must be a share in (0, 1]",
        )
    ]
    for name in ("max_occupancy", "max_abandon_rate"):
        if name in col:
            checks.append((name, col[name], ~((col[name] >= 0) & (col[name] <= 1)), share))
    if "asa_target_seconds" in col:
        v = col["asa_target_seconds"]
        checks.append(
            ("asa_target_seconds", v, ~(np.isfinite(v) & (v >= 0)), "must be a finite number ≥ 0")
        )
    _check(*checks)
    floor_agents = _whole("min_agents", col["min_agents"])
    _check(
        (
            "min_agents",
            col["min_agents"],
            floor_agents > max_agents,
            f"must not exceed max_agents ({max_agents:,})",
        )
    )
    return shape, col, floor_agents


def _check_definition(definition: str, short_abandon_seconds: ArrayLike | None) -> None:
    """The service-level definition is known, with its short-abandon threshold if it needs one."""
    if definition not in SL_DEFINITIONS:
        raise StaffingInputError(
            0, "service_level_definition", f"must be one of {', '.join(SL_DEFINITIONS)}"
        )
    needs = definition == "excluding_short_abandons"
    if needs and short_abandon_seconds is None:
        raise StaffingInputError(
            0, "short_abandon_seconds", "is needed by the excluding_short_abandons definition"
        )
    if not needs and short_abandon_seconds is not None:
        raise StaffingInputError(
            0, "short_abandon_seconds", "goes with the excluding_short_abandons definition only"
        )


def _agents_for_cap(u: dict[str, FloatArray], busy: NDArray[np.bool_]) -> FloatArray:
    """Smallest N with ``calls·AHT ≤ cap·N·interval``, decided exactly.

    The inputs are taken as the decimal numbers they were written as (the shortest decimal
    that reads back as the same float: 0.85, not 0.84999999999999997779…), so that 22.1
    erlangs at 0.85 needs exactly 26 agents and 22.1000000001 erlangs 27. Floating point
    decides every row except those within _CAP_MARGIN of a whole number, which exact
    rational arithmetic decides. Rows without calls or with a cap of 0 give 0.
    """
    cap = u["max_occupancy"]
    usable = busy & (cap > 0)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        quotient = (
            u["calls"] * u["aht_seconds"] / (np.where(usable, cap, 1.0) * u["interval_seconds"])
        )
    quotient = np.where(usable, quotient, 0.0)
    agents = np.ceil(quotient)
    nearest = np.round(quotient)
    with np.errstate(invalid="ignore"):
        close = usable & (np.abs(quotient - nearest) <= _CAP_MARGIN * np.maximum(nearest, 1.0))
    for row in np.flatnonzero(close):
        whole = int(nearest[row])
        work = _decimal(u["calls"][row]) * _decimal(u["aht_seconds"][row])
        capacity = _decimal(cap[row]) * whole * _decimal(u["interval_seconds"][row])
        agents[row] = whole if work <= capacity else whole + 1
    return agents


def _decimal(value: np.float64) -> Fraction:
    """The decimal number a float was written as: its shortest round-tripping repr, exactly."""
    return Fraction(repr(float(value)))


def _broadcast(*values: ArrayLike) -> tuple[tuple[int, ...], list[FloatArray]]:
    """Broadcast the inputs; return their shape and each as a flat float64 array."""
    arrays = [np.asarray(v, dtype=np.float64) for v in values]
    shape = np.broadcast_shapes(*(x.shape for x in arrays))
    return shape, [np.broadcast_to(x, shape).reshape(-1) for x in arrays]


def _check(*checks: tuple[str, FloatArray, NDArray[np.bool_], str]) -> None:
    """Raise StaffingInputError for the lowest index failing any (field, values, bad, reason)."""
    worst: tuple[int, str, str] | None = None
    for field, values, bad, reason in checks:
        hits = np.flatnonzero(bad)
        if hits.size and (worst is None or hits[0] < worst[0]):
            worst = (int(hits[0]), field, f"{reason}, got {values[hits[0]]:g}")
    if worst is not None:
        raise StaffingInputError(*worst)


def _whole(field: str, values: FloatArray) -> IntArray:
    """Validate non-negative whole numbers and return them as int64."""
    whole = np.isfinite(values) & (values >= 0) & (values == np.round(values))
    _check((field, values, ~(whole & (values <= 2.0**53)), "must be a whole number ≥ 0"))
    return values.astype(np.int64)


def _patience_within_reach(col: dict[str, FloatArray]) -> None:
    """Cap mean patience at ``_PATIENT_ENOUGH`` handle times (patience → ∞ is Erlang C)."""
    if "patience_seconds" in col:
        with np.errstate(over="ignore"):
            reach = _PATIENT_ENOUGH * col["aht_seconds"]
        col["patience_seconds"] = np.minimum(col["patience_seconds"], reach)


def _check_common(col: dict[str, FloatArray]) -> None:
    """Validate the arguments metrics_at and required_agents share."""
    calls = col["calls"]
    sl_seconds = col["sl_seconds"]
    checks = [
        ("calls", calls, ~(np.isfinite(calls) & (calls >= 0)), "must be a finite number ≥ 0"),
        (
            "sl_seconds",
            sl_seconds,
            ~(np.isfinite(sl_seconds) & (sl_seconds >= 0)),
            "must be a finite number ≥ 0",
        ),
    ]
    if "short_abandon_seconds" in col:
        v = col["short_abandon_seconds"]
        checks.append(
            (
                "short_abandon_seconds",
                v,
                ~(np.isfinite(v) & (v >= 0)),
                "must be a finite number ≥ 0",
            )
        )
    for name in ("interval_seconds", "aht_seconds", "patience_seconds"):
        if name in col:
            v = col[name]
            checks.append((name, v, ~(np.isfinite(v) & (v > 0)), "must be a finite number > 0"))
    _check(*checks)
    a = _load(col)
    _check(("calls", calls, ~np.isfinite(a), "gives an infinite load"))


def _distinct(col: dict[str, FloatArray]) -> tuple[IntArray, IntArray, dict[str, FloatArray]]:
    """Identical rows (the same calls, AHT, targets, ...) have identical answers: the first
    index of each distinct row, each row's distinct-row number, and the distinct rows."""
    size = col["calls"].size
    # Only the columns that vary take part in the comparison.
    first, inverse = _distinct_rows([v for v in col.values() if np.any(v != v[:1])], size)
    return first, inverse, {name: v[first] for name, v in col.items()}


def _distinct_rows(columns: list[FloatArray], size: int) -> tuple[IntArray, IntArray]:
    """First index of each distinct row of ``columns`` and each row's distinct-row number.

    A stable lexicographic sort, rather than ``np.unique(axis=0)``, whose comparison of raw
    row bytes is several times slower.
    """
    if not columns:
        return np.zeros(min(size, 1), dtype=np.int64), np.zeros(size, dtype=np.int64)
    order = np.lexsort(columns[::-1])
    ordered = [c[order] for c in columns]
    new_row = np.ones(size, dtype=bool)
    new_row[1:] = np.any([c[1:] != c[:-1] for c in ordered], axis=0)
    group = np.cumsum(new_row) - 1
    inverse = np.empty(size, dtype=np.int64)
    inverse[order] = group
    return order[new_row], inverse


def _load(col: dict[str, FloatArray]) -> FloatArray:
    """Offered load in erlangs; multiplying first keeps whole-number loads exact."""
    with np.errstate(over="ignore"):
        return col["calls"] * col["aht_seconds"] / col["interval_seconds"]


def _shaped(values: FloatArray, shape: tuple[int, ...]) -> FloatArray | np.float64:
    """Reshape a flat result; a scalar input gives a numpy float."""
    out = values.reshape(shape)
    return out[()] if out.ndim == 0 else out


def _metrics(
    shape: tuple[int, ...],
    n: IntArray,
    a: FloatArray,
    sl: FloatArray,
    asa: FloatArray,
    occ: FloatArray,
    wait: FloatArray,
    abandon: FloatArray | None,
    definition: str,
) -> IntervalMetrics:
    return IntervalMetrics(
        agents=n.reshape(shape),
        load_erlangs=a.reshape(shape),
        service_level=sl.reshape(shape),
        asa_seconds=asa.reshape(shape),
        occupancy=occ.reshape(shape),
        wait_probability=wait.reshape(shape),
        abandon_rate=None if abandon is None else abandon.reshape(shape),
        service_level_definition=definition,
    )


# --------------------------------------------------------------------------------------------
# Erlang B and C


def _erlang_b(n: IntArray, a: FloatArray) -> FloatArray:
    """B(n, a) for flat arrays: the recursion, started near n when that is safe (_WARM_START)."""
    gap = np.maximum(a - n, 0.0)
    start = np.floor(a - np.sqrt(gap * gap + _WARM_START * a))
    start = np.clip(start, 0, n).astype(np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        b = np.where(start == 0, 1.0, 1.0 - start / a)
        # B ≤ Aⁿ/n! ≤ exp(n·(1 + ln(A/n))): below e^-760 it is 0 in double precision anyway,
        # and skipping those keeps absurd agent counts from running the recursion for ages.
        negligible = (n > a) & (n * (1.0 + np.log(a / n)) < -760.0)
    b[negligible] = 0.0
    steps = np.where(negligible, 0, n - start)
    # Walk every interval from its start to its n together; sorting by the number of steps
    # left makes the still-active intervals a prefix, so each step only touches those.
    order = np.argsort(-steps)
    k_sorted = steps[order]
    b_s, a_s, n_s = b[order], a[order], start[order].astype(np.float64)
    max_steps = int(k_sorted[0]) if k_sorted.size else 0
    active = np.searchsorted(-k_sorted, -np.arange(1, max_steps + 1), side="right")
    for step, count in enumerate(active, start=1):
        ab = a_s[:count] * b_s[:count]
        b_s[:count] = ab / (n_s[:count] + step + ab)
    b[order] = b_s
    return b


def _erlang_c_from_b(n: IntArray, a: FloatArray, b: FloatArray) -> FloatArray:
    """Erlang C from Erlang B; no cancellation since N − A and A·B are both positive."""
    stable = n > a
    c = np.ones_like(a)
    np.divide(n * b, n - a + a * b, out=c, where=stable)
    c[a == 0] = 0.0
    return c


def _erlang_c_metrics(
    n: IntArray, a: FloatArray, b: FloatArray, t_over_aht: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Erlang C service level, ASA / AHT, occupancy and P(wait) at n agents."""
    c = _erlang_c_from_b(n, a, b)
    stable = n > a
    excess = n - a
    sl = np.zeros_like(a)
    np.subtract(1.0, c * np.exp(-np.where(stable, excess, 0.0) * t_over_aht), out=sl, where=stable)
    asa = np.full_like(a, np.inf)
    np.divide(c, excess, out=asa, where=stable)
    idle = a == 0
    sl[idle] = 1.0
    asa[idle] = 0.0
    occ = np.ones_like(a)  # at N = 0 < A: the limit of min(A, N) / N as N → 0
    np.divide(np.minimum(a, n), n, out=occ, where=n > 0)
    occ[idle] = 0.0
    return sl, asa, occ, c


# --------------------------------------------------------------------------------------------
# Erlang A


def _erlang_a(
    n: IntArray,
    a: FloatArray,
    r: FloatArray,
    s_t: FloatArray,
    *,
    definition: str = "offered",
    s_short: FloatArray | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    """Erlang A (M/M/N+M) metrics: P(wait), SL, abandonment, ASA / patience, occupancy.

    ``r`` is patience / AHT, ``s_t`` the SL threshold / patience, and the SL is counted by
    ``definition`` (``s_short``: the short-abandon threshold / patience). In units of the patience
    (s = θ·v), a caller arriving when all N agents are busy has a virtual wait V (time until an
    agent would take it) with, jointly over the queue length it finds, the unnormalised density
    ``x·exp(−x·s + y·(1 − e^−s))`` relative to the state "N busy, nobody waiting", where
    ``x = N·r`` and ``y = A·r``; it is answered when its patience exceeds V, with probability
    ``e^−s``. With ``φ(s) = −(x + 1)·s + y·(1 − e^−s)`` and ``J[g] = ∫ g(s)·e^φ(s) ds`` over
    s ≥ 0, integration by parts gives, relative to that state:

    - waited and answered: ``x·J[1]``; of those within the threshold: ``x·J[s ≤ s_t]``;
    - waited and abandoned: ``J[1] + y·J[1 − e^−s]`` (positive terms: no cancellation);
    - total wait of answered callers: ``x·J[s]`` (in units of the patience);
    - arrived to a free agent: ``(1 − B)/B`` with B the Erlang B of N agents;
    - abandoned within ``s_τ``: ``J[(1 + y·(1 − e^−s))·(s < s_τ)] + (1 − e^−s_τ)·y·J[s ≥ s_τ]``
      (by parts again: a waiting caller abandons within s_τ with probability
      ``1 − e^−min(V, s_τ)``; the boundary terms cancel).

    φ is concave, so each J is computed by Gauss–Legendre quadrature on panels between the
    points where φ has dropped given amounts below its peak, scaled by that peak to avoid
    overflow.
    """
    n_f = n.astype(np.float64)
    m = a.size
    wait = np.zeros(m)
    sl = np.ones(m)
    abandon = np.zeros(m)
    asa = np.zeros(m)
    occ = np.zeros(m)
    # Nobody answers without agents: every caller waits and abandons.
    none = (n == 0) & (a > 0)
    # Occupancy 1, as in Erlang C: the limit of a vanishing staff, always busy.
    wait[none], sl[none], abandon[none], asa[none], occ[none] = 1.0, 0.0, 1.0, np.inf, 1.0
    short = np.zeros(m)  # abandoned within the short-abandon threshold
    if s_short is not None:
        short[none] = -np.expm1(-s_short[none])
    live = np.flatnonzero((n > 0) & (a > 0))
    if live.size == 0:
        return wait, _by_definition(definition, sl, abandon, short), abandon, asa, occ

    n_f, a, r, s_t = n_f[live], a[live], r[live], s_t[live]
    x = n_f * r
    y = a * r
    x1 = x + 1.0
    # Peak of φ and its curvature there.
    interior = y > x1
    mode = np.where(interior, np.log(np.where(interior, y, 1.0)) - np.log1p(x), 0.0)
    peak = _phi(mode, x1, y)
    # At the boundary φ falls almost linearly, and a load of a few 1e-308 erlangs would make the
    # first step of the level search overflow: its curvature is floored (Newton does the rest).
    curv = np.where(interior, x1, np.maximum(y, 1e-300))

    right = _level_points(mode, peak, curv, x1, y, side=1.0)
    left = _level_points(mode, peak, curv, x1, y, side=-1.0)
    s_cut = np.clip(s_t, left[:, -1], right[:, -1])
    cuts = [left, mode, right, s_cut]
    if s_short is not None:
        s_tau = s_short[live]
        short_cut = np.clip(s_tau, left[:, -1], right[:, -1])
        cuts.append(short_cut)
    edges = np.sort(np.column_stack(cuts), axis=1)

    j1 = np.zeros_like(a)  # J[1]
    j_abandon = np.zeros_like(a)  # J[1 − e^−s]
    j_time = np.zeros_like(a)  # J[s]
    j_within = np.zeros_like(a)  # J[s ≤ s_t]
    j_short = np.zeros_like(a)  # J[(1 + y·(1 − e^−s))·(s < s_τ)]
    j_late = np.zeros_like(a)  # J[s ≥ s_τ]
    nodes, weights = _gauss_legendre()
    for lo, hi in zip(edges.T[:-1], edges.T[1:], strict=True):
        half = 0.5 * (hi - lo)
        s = (0.5 * (hi + lo))[:, None] + half[:, None] * nodes
        miss = -np.expm1(-s)
        f = np.exp(-x1[:, None] * s + y[:, None] * miss - peak[:, None])
        panel = half * (f * weights).sum(axis=1)
        panel_miss = half * (f * miss * weights).sum(axis=1)
        j1 += panel
        j_abandon += panel_miss
        j_time += half * (f * s * weights).sum(axis=1)
        j_within += np.where(hi <= s_cut, panel, 0.0)
        if s_short is not None:
            early = hi <= short_cut
            j_short += np.where(early, panel + y * panel_miss, 0.0)
            j_late += np.where(early, 0.0, panel)

    answered_q = x * j1
    abandoned_q = j1 + y * j_abandon
    b = _erlang_b(n[live], a)
    with np.errstate(divide="ignore"):
        log_free = np.log1p(-b) - np.log(b)
    log_total = np.logaddexp(log_free, peak + np.log(answered_q + abandoned_q))
    # B underflows to 0 only some 38 standard deviations above the load: nobody waits there.
    underflow = b == 0
    with np.errstate(invalid="ignore"):
        free = np.where(underflow, 1.0, np.exp(log_free - log_total))
        scale = np.where(underflow, 0.0, np.exp(peak - log_total))
    wait[live] = scale * (answered_q + abandoned_q)
    abandon[live] = scale * abandoned_q
    sl[live] = free + scale * x * j_within
    asa[live] = scale * x * j_time / (free + scale * answered_q)
    # Each agent is busy at most all of the time: the quadrature's last ulps may not say so
    # when nearly every caller waits (huge loads, short patience).
    occ[live] = np.minimum(a * (1.0 - abandon[live]) / n_f, 1.0)
    if s_short is not None:
        short[live] = scale * (j_short - np.expm1(-s_tau) * y * j_late)
    return wait, _by_definition(definition, sl, abandon, short), abandon, asa, occ


def _by_definition(
    definition: str, sl: FloatArray, abandon: FloatArray, short: FloatArray
) -> FloatArray:
    """The share answered within the threshold (of offered: ``sl``) by the SL definition.

    Nothing answered (every caller abandons) counts as a service level of 0.
    """
    if definition == "offered":
        return sl
    counted = 1.0 - (abandon if definition == "answered" else short)
    out = np.zeros_like(sl)
    np.divide(sl, counted, out=out, where=counted > 0)
    return np.minimum(out, 1.0)


def _phi(s: FloatArray, x1: FloatArray, y: FloatArray) -> FloatArray:
    """φ(s) = −(x + 1)·s + y·(1 − e^−s), broadcasting s against x1 and y."""
    return -x1 * s - y * np.expm1(-s)


def _level_points(
    mode: FloatArray,
    peak: FloatArray,
    curv: FloatArray,
    x1: FloatArray,
    y: FloatArray,
    side: float,
) -> FloatArray:
    """Points right (side=1) or left (side=−1) of the mode where φ = peak − _LEVELS, nearest first.

    Newton's method on a concave function converges monotonically from the outer side and a
    step from the inner side lands on the outer side, so it needs no safeguard beyond clipping
    at s = 0 (φ(0) = 0, so levels above the peak have their left point at 0).
    """
    level = peak[:, None] - _LEVELS
    x1c, yc, modec = x1[:, None], y[:, None], mode[:, None]
    s = modec + side * np.sqrt(2.0 * _LEVELS / curv[:, None])
    if side < 0:
        reachable = level > 0.0
        s = np.where(reachable, np.maximum(s, 0.0), 0.0)
    # Each point stops moving once converged, so its value never depends on the other rows.
    moving = np.ones(s.shape, dtype=bool) if side > 0 else reachable.copy()
    for _iteration in range(_NEWTON_ITERATIONS):
        step = np.zeros_like(s)
        np.divide(_phi(s, x1c, yc) - level, -x1c + yc * np.exp(-s), out=step, where=moving)
        s_next = np.maximum(s - step, 0.0)
        moving &= np.abs(s_next - s) > 1e-9 * (1.0 + np.abs(s))
        s = s_next
        if not moving.any():
            break
    return s


# --------------------------------------------------------------------------------------------
# The search


@dataclass(frozen=True, eq=False)
class _Solution:
    agents: IntArray
    service_level: FloatArray
    asa_ratio: FloatArray  # ASA / AHT (Erlang C) or ASA / patience (Erlang A)
    occupancy: FloatArray
    wait: FloatArray
    abandon: FloatArray
    failures: list[tuple[int, str]]


def _solve(
    u: dict[str, FloatArray], floor_agents: IntArray, max_agents: int, definition: str
) -> _Solution:
    """Find the smallest feasible N for each distinct row ``u``.

    A target whose column is missing from ``u`` is not imposed (agents_by_target leaves all but
    one out); without ``sl_target`` any service level passes.
    """
    a = _load(u)
    m = a.size
    target = u.get("sl_target", np.zeros(m))
    cap = u.get("max_occupancy")
    asa_target = u.get("asa_target_seconds", np.full(m, np.inf))
    abandon_cap = u.get("max_abandon_rate")
    erlang_a = "patience_seconds" in u
    busy = a > 0
    too_many = N_("load {a:g} erlangs needs more than {most} agents")

    failures: dict[int, str] = {}

    def fail(rows: IntArray, reason: str) -> None:
        for row in rows:
            failures.setdefault(
                int(row), _(reason).format(t=u["sl_seconds"][row], a=a[row], most=f"{max_agents:,}")
            )

    # Targets no finite staffing meets: with calls, some caller always waits.
    fail(
        np.flatnonzero(busy & (target >= 1)),
        N_("service level 100% within {t:g} s can never be met"),
    )
    fail(
        np.flatnonzero(busy & (asa_target <= 0)),
        N_("an average speed of answer of 0 s can never be met"),
    )
    if cap is not None:
        fail(np.flatnonzero(busy & (cap <= 0)), N_("occupancy cap 0 admits no agent"))
    if abandon_cap is not None:
        fail(
            np.flatnonzero(busy & (abandon_cap <= 0)),
            N_("an abandonment rate of 0 can never be met"),
        )

    # Lower bounds: below them some target fails for sure, so the search starts there. They
    # are clipped to max_agents + 1 before the integer cast: more than that fails anyway.
    def bound(values: FloatArray) -> IntArray:
        return np.minimum(values, max_agents + 1).astype(np.int64)

    lower = floor_agents.copy()
    # Enough agents to carry the whole offered load within the cap.
    by_cap = None if cap is None else bound(_agents_for_cap(u, busy))
    if by_cap is not None and not erlang_a:
        # Under Erlang C every offered call is carried: the cap is this bound, met exactly.
        lower = np.maximum(lower, by_cap)
    # Erlang C needs N > A for any positive service level.
    stable = np.maximum(lower, bound(np.where(busy, np.floor(a) + 1, 0)))
    if erlang_a:
        # Agents answer at most N/A of the offered calls, which bounds the share of offered
        # calls answered in time and the abandonment.
        if definition == "offered":
            lower = np.maximum(lower, bound(np.floor(target * a)))
        if abandon_cap is not None:
            lower = np.maximum(lower, bound(np.floor((1 - abandon_cap) * a)))
        lower = np.maximum(lower, busy.astype(np.int64))
    else:
        lower = stable
    # Far beyond any feasible answer: at A + 50·√A agents Erlang C's P(wait) is below e^-1000.
    limit = np.maximum(lower, bound(np.floor(a + 50 * np.sqrt(a) + 100)))
    if by_cap is not None:
        # Under Erlang A the carried load is below the offered, so by_cap agents meet the cap;
        # one more, since at by_cap itself the carried occupancy computed in floating point
        # may round over a cap the offered load meets exactly (2998 erlangs on 5,996 agents
        # at a cap of 0.5 carry 0.5000000000000001 when hardly a call abandons).
        limit = np.maximum(limit, by_cap + 1)
    limit = np.minimum(limit, max_agents)
    fail(np.flatnonzero(lower > max_agents), too_many)

    searched = np.ones(m, dtype=bool)
    searched[list(failures)] = False
    rows = np.flatnonzero(searched)
    agents = np.zeros(m, dtype=np.int64)
    found = [np.zeros(m) for _ in range(5)]
    if rows.size:
        aht = u["aht_seconds"][rows]
        c_n, c_metrics = _walk_erlang_c(
            a[rows],
            u["sl_seconds"][rows] / aht,
            target[rows],
            asa_target[rows] / aht,
            np.minimum(stable[rows], limit[rows]),
            limit[rows],
        )
        if erlang_a:
            guess = np.where(c_n >= 0, c_n, limit[rows])
            n_found, metrics = _bracket_erlang_a(
                u, a, rows, lower[rows], limit[rows], guess, definition
            )
        else:
            n_found, metrics = c_n, c_metrics
        agents[rows] = np.maximum(n_found, 0)
        for dest, values in zip(found, metrics, strict=True):
            dest[rows] = values
        missing = rows[n_found < 0]
        at_cap = limit[missing] >= max_agents
        fail(missing[at_cap], too_many)
        fail(
            missing[~at_cap],
            N_("the targets are not met by any number of agents (load {a:g} erlangs)"),
        )
    return _Solution(agents, *found, failures=sorted(failures.items()))


def _walk_erlang_c(
    a: FloatArray,
    t_over_aht: FloatArray,
    target: FloatArray,
    asa_over_aht: FloatArray,
    start: IntArray,
    limit: IntArray,
) -> tuple[IntArray, tuple[FloatArray, ...]]:
    """Smallest N in [start, limit] meeting SL and ASA under Erlang C, or −1.

    B is computed once at the start and then carried upward one agent at a time by the
    recursion, only for the intervals still short of target. The answer is rarely more than
    a few √A above the lower bound, so this costs O(√A) vector steps.
    """
    m = a.size
    found = np.full(m, -1, dtype=np.int64)
    out = [np.zeros(m) for _ in range(5)]
    rows = np.arange(m)
    n = start.copy()
    b = _erlang_b(n, a)
    while rows.size:
        sl, asa, occ, wait = _erlang_c_metrics(n, a, b, t_over_aht)
        ok = (sl >= target) & (asa <= asa_over_aht)
        hit = rows[ok]
        found[hit] = n[ok]
        for dest, values in zip(out, (sl, asa, occ, wait, np.zeros_like(sl)), strict=True):
            dest[hit] = values[ok]
        keep = ~ok & (n < limit)
        rows, n, a, b = rows[keep], n[keep] + 1, a[keep], b[keep]
        t_over_aht, target, asa_over_aht, limit = (
            t_over_aht[keep],
            target[keep],
            asa_over_aht[keep],
            limit[keep],
        )
        ab = a * b
        b = ab / (n + ab)
    return found, tuple(out)


def _bracket_erlang_a(
    u: dict[str, FloatArray],
    a_all: FloatArray,
    rows: IntArray,
    lower: IntArray,
    limit: IntArray,
    guess: IntArray,
    definition: str,
) -> tuple[IntArray, tuple[FloatArray, ...]]:
    """Smallest N in [lower, limit] meeting every Erlang A target, or −1.

    Erlang A metrics cost a quadrature per evaluation, so rather than walk one agent at a
    time this solves ``slack(N) ≥ 0``, where the slack is the smallest margin over the targets
    and is increasing in N (every metric is monotone in N). Margins are measured in log-odds
    (log for ASA), in which they are far closer to linear in N than the raw shares, which
    saturate at 0 and 1. The search starts from a guess (the Erlang C answer), steps outward
    (by secant extrapolation of the slack, or doubling steps while there is no secant) until
    the answer is bracketed, then narrows the bracket by regula falsi with the Illinois
    safeguard against one end getting stuck. The answer is exact: the bracket [fail, pass]
    only ever shrinks, down to two neighbours.
    """
    a = a_all[rows]
    patience = u["patience_seconds"][rows]
    r = patience / u["aht_seconds"][rows]
    s_t = u["sl_seconds"][rows] / patience
    s_short = u["short_abandon_seconds"][rows] / patience if "short_abandon_seconds" in u else None
    target = u["sl_target"][rows] if "sl_target" in u else None
    asa_cap = u["asa_target_seconds"][rows] / patience if "asa_target_seconds" in u else None
    abandon_cap = u["max_abandon_rate"][rows] if "max_abandon_rate" in u else None
    occupancy_cap = u["max_occupancy"][rows] if "max_occupancy" in u else None

    def slack(p: IntArray, i: IntArray) -> tuple[FloatArray, tuple[FloatArray, ...]]:
        wait, sl, abandon, asa, occ = _erlang_a(
            p,
            a[i],
            r[i],
            s_t[i],
            definition=definition,
            s_short=None if s_short is None else s_short[i],
        )
        g = np.full(p.shape, 40.0)  # the logit's clip: no target, any N passes
        if target is not None:
            g = np.minimum(g, _logit(sl) - _logit(target[i]))
        if asa_cap is not None:
            g = np.minimum(g, _log(asa_cap[i]) - _log(asa))
        if abandon_cap is not None:
            g = np.minimum(g, _logit(abandon_cap[i]) - _logit(abandon))
        if occupancy_cap is not None:
            # The carried occupancy falls with N: the load carried grows slower than N.
            g = np.minimum(g, _logit(occupancy_cap[i]) - _logit(occ))
        return g, (sl, asa, occ, wait, abandon)

    m = a.size
    lo = lower - 1  # largest N known to fail: everything below the lower bound fails
    hi = np.full(m, -1, dtype=np.int64)  # smallest N known to pass, −1 while unknown
    g_lo = np.full(m, np.nan)  # slack at lo, NaN until lo has been probed
    g_hi = np.full(m, np.nan)
    # First outward step ~ √A/10: long enough for a meaningful secant, short of the curvature.
    step = np.maximum(1, np.round(np.sqrt(a) / 10)).astype(np.int64)
    moved = np.zeros(m, dtype=np.int8)  # end moved last: −1 lo, +1 hi
    out = [np.zeros(m) for _ in range(5)]
    probe = np.clip(guess, lower, limit)
    pending = np.arange(m)
    while pending.size:
        p = probe[pending]
        g, metrics = slack(p, pending)
        ok = g >= 0
        passed, failed = pending[ok], pending[~ok]
        # Secant through the previous probe on the same side, for the outward steps.
        previous = np.where(ok, g_hi[pending], g_lo[pending])
        previous_n = np.where(ok, hi[pending], lo[pending])
        hi[passed], g_hi[passed] = p[ok], g[ok]
        lo[failed], g_lo[failed] = p[~ok], g[~ok]
        for dest, values in zip(out, metrics, strict=True):
            dest[passed] = values[ok]
        # Illinois: when the same end moved twice in a row, halve the other end's slack so the
        # next chord lands closer to that stuck end.
        side = np.where(ok, 1, -1).astype(np.int8)
        stuck = moved[pending] == side
        g_lo[passed[stuck[ok]]] *= 0.5
        g_hi[failed[stuck[~ok]]] *= 0.5
        moved[pending] = side
        with np.errstate(divide="ignore", invalid="ignore"):
            reach = np.abs(g * (p - previous_n) / (previous - g))
        reach = np.where(np.isfinite(reach), np.minimum(reach, limit[pending]), 0.0)
        step[pending] = np.where(reach > 0, np.ceil(1.2 * reach) + 1, 2 * step[pending])

        exhausted = failed[p[~ok] >= limit[failed]]  # failing at the limit: no N works
        open_ = pending[~np.isin(pending, exhausted)]
        open_ = open_[(hi[open_] < 0) | (hi[open_] - lo[open_] > 1)]
        up = open_[hi[open_] < 0]
        down = open_[(hi[open_] >= 0) & np.isnan(g_lo[open_])]
        inner = open_[(hi[open_] >= 0) & ~np.isnan(g_lo[open_])]
        probe[up] = np.minimum(lo[up] + step[up], limit[up])
        probe[down] = np.maximum(hi[down] - step[down], lower[down])
        probe[inner] = _regula_falsi(lo[inner], hi[inner], g_lo[inner], g_hi[inner])
        pending = open_
    return hi, tuple(out)


def _logit(p: FloatArray) -> FloatArray:
    """log(p / (1 − p)), clipped to ±40 so that saturated shares stay finite."""
    q = np.clip(p, 1e-300, 1.0)
    with np.errstate(divide="ignore"):
        return np.clip(np.log(q) - np.log1p(-q), -40.0, 40.0)


def _log(v: FloatArray) -> FloatArray:
    """log(v) clipped to ±700, finite for 0 and inf."""
    with np.errstate(divide="ignore"):
        return np.clip(np.log(v), -700.0, 700.0)


def _regula_falsi(lo: IntArray, hi: IntArray, g_lo: FloatArray, g_hi: FloatArray) -> IntArray:
    """Next probe strictly inside (lo, hi): where the chord crosses 0 (midpoint if undefined)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        chord = np.ceil(lo + (hi - lo) * g_lo / (g_lo - g_hi))
    chord = np.where(np.isfinite(chord), chord, (lo + hi) // 2)
    return np.clip(chord, lo + 1, hi - 1).astype(np.int64)
