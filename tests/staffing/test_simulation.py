"""The simulation engine: exact on hand-worked cases, and on stationary M/M/N and M/M/N+M
queues within 3 standard errors of Erlang C and Erlang A (queueing.metrics_at)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ccorg.staffing import queueing
from ccorg.staffing.simulation import HandleTimes, Period, Tallies, _walk, simulate

INF = math.inf
NAN = math.nan


def starts(arrival, handle, servers, width=10.0, patience=None):
    """Start times from the heap walk for servers changing every ``width`` seconds."""
    servers = np.asarray(servers)
    changes = np.flatnonzero(np.diff(servers)) + 1
    bounds = [*(changes * width).tolist(), INF]
    deltas = (servers[changes] - servers[changes - 1]).tolist()
    patience = patience or [INF] * len(arrival)
    return _walk(arrival, handle, patience, bounds, deltas, int(servers[0]))


def same(actual, expected):
    return len(actual) == len(expected) and all(
        (math.isnan(a) and math.isnan(e)) or a == e for a, e in zip(actual, expected, strict=True)
    )


# ------------------------------------------------------------------------------------------
# The heap walk, by hand


def test_one_server_answers_in_arrival_order():
    assert starts([0.0, 1.0, 2.0], [10.0, 10.0, 10.0], [1]) == [0.0, 10.0, 20.0]


def test_impatient_callers_abandon_and_leave_the_server_alone():
    result = starts([0.0, 1.0, 2.0, 3.0], [10.0, 1.0, 1.0, 1.0], [1], patience=[5, 5, 9, 5])
    # Call 2 waits 9 − 1 = 8 ≤ 9 … no: it would start at 10, a wait of 8 ≤ 9, so it is
    # answered; calls 1 and 3 would wait 9 and 8 > 5 and abandon.
    assert same(result, [0.0, NAN, 10.0, NAN])


def test_an_agent_coming_on_answers_a_caller_already_waiting():
    # 1 agent until t = 10, then 2: the caller waiting since t = 1 starts at 10, not at 30.
    assert starts([0.0, 1.0], [30.0, 5.0], [1, 2]) == [0.0, 10.0]


def test_an_idle_agent_going_off_leaves_at_the_boundary():
    # 2 agents until t = 10, then 1; the one free since t = 3 leaves at 10, so the caller at
    # 12 waits for the other, busy until 20.
    assert starts([0.0, 1.0, 12.0], [20.0, 2.0, 1.0], [2, 1]) == [0.0, 1.0, 20.0]


def test_an_agent_going_off_finishes_the_call_in_hand():
    # Both agents busy at t = 10 (until 20 and 31); one goes off. The first to finish (at 20)
    # is the one who leaves, so the caller at 12 waits until 31.
    assert starts([0.0, 1.0, 12.0], [20.0, 30.0, 1.0], [2, 1]) == [0.0, 1.0, 31.0]


def test_nobody_on_duty_then_someone():
    assert starts([1.0, 2.0], [1.0, 1.0], [0, 1]) == [10.0, 11.0]


def test_nobody_on_duty_for_good_strands_patient_callers():
    assert starts([1.0, 12.0], [1.0, 1.0], [1, 0]) == [1.0, INF]


def test_several_boundaries_crossed_by_one_wait():
    # 1 agent busy until 100; staffing 1, 1 → 0 → 0 → 2 with boundaries every 10 s.
    assert starts([0.0, 5.0], [100.0, 1.0], [1, 0, 0, 2]) == [0.0, 30.0]


# ------------------------------------------------------------------------------------------
# Tallies of one replication


def period(**overrides):
    fields = dict(
        arrivals=np.array([30.0, 60.0, 10.0]),
        servers=np.array([3, 5, 2]),
        interval_seconds=1800.0,
        aht_seconds=180.0,
        sl_seconds=20.0,
    )
    fields.update(overrides)
    return Period(**fields)


def test_tallies_add_up():
    tallies = simulate(period(patience_seconds=60.0, short_abandon_seconds=5.0), 4, seed=7)
    assert tallies.offered.shape == (4, 3)
    assert np.all(tallies.answered + tallies.abandoned == tallies.offered)
    assert np.all(tallies.answered_within <= tallies.answered)
    assert np.all(tallies.short_abandoned <= tallies.abandoned)
    assert np.all(tallies.delayed >= tallies.abandoned)
    assert not tallies.stranded.any()
    assert np.all(tallies.staffed_seconds == np.array([3, 5, 2]) * 1800.0)
    # Busy time never exceeds the servers on duty but for calls finished past a staff drop.
    assert np.all(tallies.busy_seconds[:, :2] <= tallies.staffed_seconds[:, :2])
    assert tallies.calls == tallies.offered.sum()


def test_agents_clear_the_queue_when_it_closes():
    # 50 calls in 100 s for one agent with AHT 100 s: a queue is left at closing time.
    busy = {"arrivals": np.array([50.0, 0.0]), "servers": np.array([1, 0])}
    shared = {"interval_seconds": 100.0, "aht_seconds": 100.0, "sl_seconds": 20.0}
    closing = simulate(Period(**busy, **shared, open=np.array([True, False])), 3, seed=1)
    assert np.array_equal(closing.answered, closing.offered)
    assert not closing.stranded.any()
    assert closing.staffed_seconds[:, 1].tolist() == [0.0] * 3
    assert np.all(closing.busy_seconds[:, 1] > 0)
    # Open but unstaffed: the same callers are stranded.
    left = simulate(Period(**busy, **shared), 3, seed=1)
    assert np.array_equal(left.offered, closing.offered)
    assert np.all(left.stranded.sum(axis=1) > 0)
    with pytest.raises(ValueError, match="closed interval takes no calls"):
        Period(**busy, **shared, open=np.array([False, True]))


def test_busy_time_is_split_at_interval_boundaries():
    # One call: 100 s of a 10 s-wide grid starting at 5 s: 5 s in the first interval.
    from ccorg.staffing.simulation import _busy_seconds

    busy = _busy_seconds(np.array([5.0]), np.array([12.0]), 3, 10.0)
    assert busy.tolist() == [5.0, 7.0, 0.0]


def test_runs_are_reproducible_and_replications_independent_of_their_number():
    a = simulate(period(), 3, seed=11)
    b = simulate(period(), 5, seed=11)
    for name in Tallies.__dataclass_fields__:
        assert np.array_equal(getattr(a, name), getattr(b, name)[:3])
    assert not np.array_equal(a.offered, simulate(period(), 3, seed=12).offered)
    assert not np.array_equal(a.offered, simulate(period(), 3, seed=11, key=(1,)).offered)


def test_the_documented_stream_layout():
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(5, spawn_key=(2, 3, 1))))
    counts = rng.poisson(period().arrivals)
    tallies = simulate(period(), 2, seed=5, key=(2, 3))
    assert tallies.offered[1].tolist() == counts.tolist()


def test_lognormal_handle_times_keep_the_mean_and_have_the_cv():
    rng = np.random.default_rng(3)
    draws = HandleTimes("lognormal", 1.5).draw(rng, 180.0, 400_000)
    assert draws.mean() == pytest.approx(180.0, rel=0.02)
    assert draws.std() / draws.mean() == pytest.approx(1.5, rel=0.05)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"arrivals": np.array([1.0, -1.0, 0.0])}, "finite and ≥ 0"),
        ({"servers": np.array([1, 2])}, "same length"),
        ({"open": np.array([True])}, "same length"),
        ({"servers": np.array([1.5, 2, 2])}, "whole numbers"),
        ({"aht_seconds": 0.0}, "aht_seconds"),
        ({"patience_seconds": -3.0}, "patience_seconds"),
        ({"sl_seconds": math.nan}, "sl_seconds"),
    ],
)
def test_bad_periods_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        period(**change)


def test_bad_runs_are_refused():
    with pytest.raises(ValueError, match="replications"):
        simulate(period(), 0, seed=1)
    with pytest.raises(ValueError, match="seed"):
        simulate(period(), 1, seed=-1)
    with pytest.raises(ValueError, match="coefficient of variation"):
        HandleTimes("lognormal", 0.0)


# ------------------------------------------------------------------------------------------
# Stationary queues against the exact formulas


def batch_ratio(numerator: np.ndarray, denominator: np.ndarray) -> tuple[float, float]:
    """Ratio of sums over batches and its standard error (delta method, batch means)."""
    x = numerator.ravel().astype(float)
    y = denominator.ravel().astype(float)
    ratio = x.sum() / y.sum()
    n = x.size
    se = math.sqrt(((x - ratio * y) ** 2).sum() / (n * (n - 1))) / y.mean()
    return ratio, se


# agents, load (erlangs), mean patience (None: Erlang C), service-level threshold (s), batch
# length (s), calls in all: sized so that every standard error is about 0.004 (the queues near
# their limit wander slowly). Where nearly every call is answered at once (500 agents), a short
# threshold keeps the service level a figure to measure: at 20 s it would be 0.9995, its rare
# misses bunched in a few congested batches, too few for a standard error to be trusted.
STATIONARY = [
    (1, 0.4, None, 20.0, 86_400.0, 700_000),
    (10, 7.0, None, 20.0, 7_200.0, 250_000),
    (5, 5.5, 60.0, 20.0, 7_200.0, 150_000),
    (100, 85.0, 300.0, 20.0, 1_800.0, 350_000),
    (500, 460.0, None, 2.0, 3_600.0, 1_300_000),
    (500, 460.0, 120.0, 2.0, 3_600.0, 700_000),
]


@pytest.mark.parametrize(("agents", "load", "patience", "threshold", "width", "total"), STATIONARY)
def test_stationary_queues_agree_with_erlang(agents, load, patience, threshold, width, total):
    aht = 180.0
    calls = load * width / aht
    batches = math.ceil(total / calls)
    # One replication of many batches; the first batch is the warm-up from empty.
    tallies = simulate(
        Period(
            arrivals=np.full(batches + 1, calls),
            servers=np.full(batches + 1, agents),
            interval_seconds=width,
            aht_seconds=aht,
            sl_seconds=threshold,
            patience_seconds=patience,
        ),
        1,
        seed=2024,
    )
    exact = queueing.metrics_at(agents, calls, width, aht, threshold, patience_seconds=patience)

    def kept(values):
        return values[:, 1:]

    offered = kept(tallies.offered)
    checks = {
        "service level": (batch_ratio(kept(tallies.answered_within), offered), exact.service_level),
        "P(wait)": (batch_ratio(kept(tallies.delayed), offered), exact.wait_probability),
        "ASA / AHT": (
            batch_ratio(kept(tallies.wait_seconds) / aht, kept(tallies.answered)),
            exact.asa_seconds / aht,
        ),
    }
    if patience is not None:
        checks["abandonment"] = (batch_ratio(kept(tallies.abandoned), offered), exact.abandon_rate)
    for name, ((simulated, se), expected) in checks.items():
        assert se < 0.005, f"{name}: standard error {se:.4f} too large to judge"
        assert abs(simulated - float(expected)) < 3 * se, (
            f"{name}: simulated {simulated:.4f} ± {se:.4f}, exact {float(expected):.4f}"
        )
