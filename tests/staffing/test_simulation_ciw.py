"""The engine against Ciw, a well-kept queueing-network simulator, on stationary queues where
no formula applies (lognormal handle times) and where one does: both estimates agree within
3 combined standard errors."""

from __future__ import annotations

import math

import ciw
import numpy as np
import pytest

from ccorg.staffing import queueing
from ccorg.staffing.simulation import HandleTimes, Period, simulate

AHT = 180.0
THRESHOLD = 20.0
WIDTH = 4 * 3600.0  # batch length, s


def ratio_and_se(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Ratio of sums over batches and its standard error (delta method)."""
    x, y = x.astype(float), y.astype(float)
    ratio = x.sum() / y.sum()
    n = x.size
    return ratio, math.sqrt(((x - ratio * y) ** 2).sum() / (n * (n - 1))) / y.mean()


def ciw_batches(agents, load, patience, cv, batches, seed):
    """Per batch: offered, answered within the threshold, delayed, abandoned, answered and
    their total wait in AHTs (Ciw)."""
    if cv is None:
        service = ciw.dists.Exponential(rate=1 / AHT)
    else:
        sigma2 = math.log1p(cv * cv)
        service = ciw.dists.Lognormal(math.log(AHT) - sigma2 / 2, math.sqrt(sigma2))
    network = ciw.create_network(
        arrival_distributions=[ciw.dists.Exponential(rate=load / AHT)],
        service_distributions=[service],
        number_of_servers=[agents],
        reneging_time_distributions=(
            None if patience is None else [ciw.dists.Exponential(rate=1 / patience)]
        ),
    )
    ciw.seed(seed)
    simulation = ciw.Simulation(network)
    # One batch of warm-up before and one of drain after the batches measured.
    simulation.simulate_until_max_time((batches + 2) * WIDTH)
    counts = np.zeros((6, batches + 2))
    for record in simulation.get_all_records():
        batch = int(record.arrival_date // WIDTH)
        reneged = record.record_type == "renege"
        counts[0, batch] += 1
        counts[1, batch] += not reneged and record.waiting_time <= THRESHOLD
        counts[2, batch] += reneged or record.waiting_time > 0
        counts[3, batch] += reneged
        counts[4, batch] += not reneged
        counts[5, batch] += 0.0 if reneged else record.waiting_time / AHT
    return counts[:, 1:-1]


def engine_batches(agents, load, patience, cv, batches):
    tallies = simulate(
        Period(
            arrivals=np.full(batches + 1, load * WIDTH / AHT),
            servers=np.full(batches + 1, agents),
            interval_seconds=WIDTH,
            aht_seconds=AHT,
            sl_seconds=THRESHOLD,
            patience_seconds=patience,
            handle=HandleTimes() if cv is None else HandleTimes("lognormal", cv),
        ),
        1,
        seed=99,
    )
    fields = (
        tallies.offered,
        tallies.answered_within,
        tallies.delayed,
        tallies.abandoned,
        tallies.answered,
        tallies.wait_seconds / AHT,
    )
    return np.stack([f[0, 1:] for f in fields])


@pytest.mark.parametrize(
    ("agents", "load", "patience", "cv", "batches"),
    [
        pytest.param(3, 2.4, None, None, 150, id="M/M/3"),
        pytest.param(3, 3.0, 60.0, None, 120, id="M/M/3+M abandonment"),
        pytest.param(4, 2.5, None, 2.0, 200, id="M/LN/4 lognormal CV 2"),
    ],
)
def test_engine_agrees_with_ciw(agents, load, patience, cv, batches):
    # Batches of Ciw's: as few as keep its standard errors small enough to judge (Ciw
    # simulates some 10,000–40,000 calls a second).
    theirs = ciw_batches(agents, load, patience, cv, batches=batches, seed=7)
    ours = engine_batches(agents, load, patience, cv, batches=1000)
    measures = {"service level": (1, 0), "P(wait)": (2, 0), "ASA / AHT": (5, 4)}
    if patience is not None:
        measures["abandonment"] = (3, 0)
    for name, (row, per) in measures.items():
        a, se_a = ratio_and_se(ours[row], ours[per])
        b, se_b = ratio_and_se(theirs[row], theirs[per])
        tolerance = 3 * math.hypot(se_a, se_b)
        assert abs(a - b) < tolerance, (
            f"{name}: ccorg {a:.4f} ± {se_a:.4f}, Ciw {b:.4f} ± {se_b:.4f}"
        )
        if name != "ASA / AHT":
            assert tolerance < 0.05, f"{name}: too imprecise to compare"
    if cv is not None:
        # The case has teeth: lognormal handle times wait visibly longer than exponential ones
        # (Erlang C's ASA), and both simulators see it.
        exponential = queueing.metrics_at(agents, load * WIDTH / AHT, WIDTH, AHT, THRESHOLD)
        b, se_b = ratio_and_se(theirs[5], theirs[4])
        assert b - float(exponential.asa_seconds) / AHT > 3 * se_b
