"""Benchmark: a year of 15-minute Erlang C staffing, ccorg against pyworkforce.

Run with ``python benchmarks/bench_erlang.py`` (needs ``pip install pyworkforce mpmath``).
It builds a deterministic year of forecast volumes for one queue (35,040 intervals, peak about
600 calls per 15 minutes, AHT 240 s, 80 % answered within 20 s, no occupancy cap), solves it
with ``ccorg.staffing.queueing.required_agents`` and with pyworkforce's ``ErlangC`` one
interval at a time, and compares time and answers. Where the two disagree, an independent
50-digit mpmath evaluation decides who is right. It then times the same year for a queue 25
times larger (peak about 4,000 erlangs); pyworkforce would take minutes there, so it solves a
random sample of 40 of those intervals, for a time estimate and a check of the answers.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import mpmath
import numpy as np
from pyworkforce.queuing import ErlangC

from ccorg.staffing.queueing import required_agents

INTERVAL = 900  # seconds
AHT = 240.0
SL_TARGET = 0.8
SL_SECONDS = 20.0
DAYS = 365
SLOTS = 96  # 15-minute intervals per day


def year_of_calls(peak: float, seed: int = 2024) -> np.ndarray:
    """Calls per 15-minute interval for a year: intraday × weekday × season × noise."""
    rng = np.random.default_rng(seed)
    hour = (np.arange(SLOTS) + 0.5) / 4
    # A morning peak around 10:30, a smaller one after lunch, a quiet night.
    intraday = (
        np.exp(-0.5 * ((hour - 10.5) / 1.8) ** 2)
        + 0.75 * np.exp(-0.5 * ((hour - 15.0) / 2.0) ** 2)
        + 0.02
    )
    weekday = np.array([1.0, 0.93, 0.9, 0.9, 0.95, 0.55, 0.35])  # Monday first
    day = np.arange(DAYS)
    season = 1.0 + 0.08 * np.cos(2 * np.pi * (day - 15) / DAYS)  # busier in January
    shape = (season * weekday[day % 7])[:, None] * intraday[None, :]
    noise = rng.lognormal(0.0, 0.06, size=shape.shape)
    volume = shape * noise
    return (peak * volume / volume.max()).reshape(-1)


def pyworkforce_agents(calls: np.ndarray) -> np.ndarray:
    """pyworkforce's raw positions per interval (it rejects 0 calls: those need 0 agents)."""
    out = np.zeros(calls.size, dtype=np.int64)
    for i, c in enumerate(calls):
        if c > 0:
            erlang = ErlangC(
                transactions=c, aht=AHT, asa=SL_SECONDS, interval=INTERVAL, shrinkage=0.0
            )
            out[i] = erlang.required_positions(service_level=SL_TARGET, max_occupancy=1.0)[
                "raw_positions"
            ]
    return out


def exact_service_level(agents: int, calls: float) -> mpmath.mpf:
    """Erlang C service level from the factorial-sum definition, at 50 significant digits."""
    with mpmath.workdps(50):
        load = mpmath.mpf(calls) * AHT / INTERVAL
        if agents <= load:
            return mpmath.mpf(0)
        terms = [load**k / mpmath.factorial(k) for k in range(agents)]
        top = load**agents / mpmath.factorial(agents) * agents / (agents - load)
        wait = top / (mpmath.fsum(terms) + top)
        return 1 - wait * mpmath.exp(-(agents - load) * SL_SECONDS / AHT)


def right_answer(calls: float, guess: int) -> int:
    """Smallest N with exact SL ≥ target, searched from a nearby guess."""
    n = guess
    while n > 0 and exact_service_level(n - 1, calls) >= SL_TARGET:
        n -= 1
    while exact_service_level(n, calls) < SL_TARGET:
        n += 1
    return n


def best_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def judge(calls: np.ndarray, ours: np.ndarray, theirs: np.ndarray, show: int = 5) -> list[str]:
    """Describe up to ``show`` disagreements and who mpmath says is right."""
    lines = []
    for i in np.flatnonzero(ours != theirs)[:show]:
        truth = right_answer(float(calls[i]), int(ours[i]))
        winner = "ccorg" if truth == ours[i] else "pyworkforce" if truth == theirs[i] else "neither"
        lines.append(
            f"  interval {i}: {calls[i]:.3f} calls, ccorg {ours[i]}, pyworkforce {theirs[i]}, "
            f"exact {truth} -> {winner} is right"
        )
    return lines


def main() -> None:
    calls = year_of_calls(peak=600.0)
    load = calls * AHT / INTERVAL

    def solve(volume: np.ndarray) -> np.ndarray:
        return required_agents(volume, INTERVAL, AHT, SL_TARGET, SL_SECONDS).agents

    ours = solve(calls)
    t_ours = best_time(lambda: solve(calls), repeat=5)
    start = time.perf_counter()
    theirs = pyworkforce_agents(calls)
    t_theirs = time.perf_counter() - start
    disagree = int(np.count_nonzero(ours != theirs))

    big = calls * 25
    big_ours = solve(big)
    t_big = best_time(lambda: solve(big), repeat=5)
    t_big_a = best_time(
        lambda: required_agents(big, INTERVAL, AHT, SL_TARGET, SL_SECONDS, patience_seconds=300),
        repeat=1,
    )
    sample = np.random.default_rng(7).choice(big.size, size=40, replace=False)
    start = time.perf_counter()
    big_theirs = pyworkforce_agents(big[sample])
    # A uniform random sample: its mean time per interval estimates the whole year's.
    t_big_theirs = (time.perf_counter() - start) / sample.size * big.size
    big_disagree = int(np.count_nonzero(big_ours[sample] != big_theirs))

    rows = [
        ("intervals", f"{calls.size:,}", f"{big.size:,}"),
        ("peak load (erlangs)", f"{load.max():,.1f}", f"{load.max() * 25:,.1f}"),
        ("peak agents (ccorg)", f"{ours.max():,}", f"{big_ours.max():,}"),
        ("ccorg required_agents", f"{t_ours * 1e3:,.1f} ms", f"{t_big * 1e3:,.1f} ms"),
        (
            "pyworkforce ErlangC loop",
            f"{t_theirs * 1e3:,.0f} ms",
            f"~{t_big_theirs:,.0f} s (from sample)",
        ),
        ("speed-up", f"{t_theirs / t_ours:,.0f}x", f"~{t_big_theirs / t_big:,.0f}x"),
        (
            "disagreements",
            f"{disagree:,} of {calls.size:,}",
            f"{big_disagree} of {sample.size} sampled",
        ),
        ("ccorg Erlang A, patience 300 s", "", f"{t_big_a * 1e3:,.0f} ms"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'':<{width}}  {'one queue':>18}  {'25x queue':>22}")
    for name, small, large in rows:
        print(f"{name:<{width}}  {small:>18}  {large:>22}")
    for line in judge(calls, ours, theirs) + judge(big[sample], big_ours[sample], big_theirs):
        print(line)


if __name__ == "__main__":
    main()
