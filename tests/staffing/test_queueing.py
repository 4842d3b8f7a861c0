"""The queueing engine: published figures, high-precision references, simulation, properties."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ccorg.staffing.queueing import (
    MAX_AGENTS,
    SL_DEFINITIONS,
    InfeasibleTargetError,
    StaffingInputError,
    agents_by_target,
    binding_targets,
    erlang_b,
    erlang_c,
    metrics_at,
    required_agents,
)

# --------------------------------------------------------------------------------------------
# Independent references


def decimal(value: float) -> Fraction:
    """The decimal a float was written as (its shortest repr), as an exact rational."""
    return Fraction(repr(float(value)))


def exact_b_c(agents: int, load: float) -> tuple[mpmath.mpf, mpmath.mpf]:
    """Erlang B and C from the factorial-sum definitions, at 50 digits."""
    with mpmath.workdps(50):
        a = mpmath.mpf(load)
        terms = [a**k / mpmath.factorial(k) for k in range(agents + 1)]
        below = mpmath.fsum(terms[:-1])
        b = terms[-1] / (below + terms[-1])
        if agents <= a:
            return b, mpmath.mpf(1)
        top = terms[-1] * agents / (agents - a)
        return b, top / (below + top)


def exact_erlang_a(
    agents: int, load: float, aht: float, patience: float, t: float, tau: float = 0.0
) -> dict[str, mpmath.mpf]:
    """M/M/N+M by its birth–death chain, summed state by state at 30 digits.

    A caller finding m others queued is answered once m + 1 "promotions" happen, the k-th at
    rate N·μ + k·θ; it is answered iff its patience outlasts them, with probability
    x / (x + m + 1) where x = N·μ/θ, and within t with that times the regularised incomplete
    beta I_{1−e^{−θt}}(m + 1, x + 1) (the order-statistics form of the hypoexponential law).
    It abandons within tau (patience below both its wait and tau) with probability
    u·(1 − I_u(m + 1, x)) + (m + 1)/(m + 1 + x)·I_u(m + 2, x), u = 1 − e^{−θ·tau}, since
    1 − e^{−θV} is Beta(m + 1, x). This is a derivation separate from the engine's integral form.
    """
    with mpmath.workdps(30):
        lam, mu, theta = mpmath.mpf(load) / aht, 1 / mpmath.mpf(aht), 1 / mpmath.mpf(patience)
        free, term = mpmath.mpf(0), mpmath.mpf(1)
        for j in range(agents, 0, -1):  # states below N, relative to "N busy, empty queue"
            term *= j * mu / lam
            free += term
        x = agents * mu / theta
        u = 1 - mpmath.exp(-theta * t)
        u_tau = 1 - mpmath.exp(-theta * tau)
        queued = abandoned = within = wait_time = harmonic = short = mpmath.mpf(0)
        weight, m = mpmath.mpf(1), 0
        while weight > mpmath.mpf(10) ** -28 * (queued + 1) or m <= (lam - agents * mu) / theta:
            answered = x / (x + m + 1)
            queued += weight
            abandoned += weight * (1 - answered)
            within += weight * answered * mpmath.betainc(m + 1, x + 1, 0, u, regularized=True)
            if tau:
                short += weight * (
                    u_tau * (1 - mpmath.betainc(m + 1, x, 0, u_tau, regularized=True))
                    + (m + 1) / (m + 1 + x) * mpmath.betainc(m + 2, x, 0, u_tau, regularized=True)
                )
            harmonic += 1 / (theta * (x + m + 1))
            wait_time += weight * answered * harmonic
            m += 1
            weight *= lam / (agents * mu + m * theta)
        total = free + queued
        return {
            "wait": queued / total,
            "abandon": abandoned / total,
            "sl": (free + within) / total,
            "asa": wait_time / (free + queued - abandoned),
            "short_abandon": short / total,
        }


def simulate_erlang_a(
    agents: int,
    calls_per_second: float,
    aht: float,
    patience: float,
    t: float,
    n_calls: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Discrete-event FCFS M/M/N+M; per-batch (share answered within t, share abandoned).

    In FCFS order each caller goes to the earliest-free agent at max(arrival, that time),
    unless its patience runs out first; callers who abandon occupy nobody.
    """
    rng = np.random.default_rng(seed)
    arrivals = np.cumsum(rng.exponential(1 / calls_per_second, n_calls))
    services = rng.exponential(aht, n_calls)
    patiences = rng.exponential(patience, n_calls)
    free_at = [0.0] * agents
    good = np.zeros(n_calls, dtype=bool)
    lost = np.zeros(n_calls, dtype=bool)
    for i in range(n_calls):
        wait = free_at[0] - arrivals[i]
        if wait > patiences[i]:
            lost[i] = True
            continue
        wait = max(wait, 0.0)
        good[i] = wait <= t
        heapq.heapreplace(free_at, arrivals[i] + wait + services[i])
    batches = 20
    warm = n_calls // (batches + 1)  # the first batch starts from an empty system: dropped
    good_b = good[warm : warm * (batches + 1)].reshape(batches, -1).mean(axis=1)
    lost_b = lost[warm : warm * (batches + 1)].reshape(batches, -1).mean(axis=1)
    return good_b, lost_b


# --------------------------------------------------------------------------------------------
# Published figures


def test_textbook_case_100_calls_half_hour() -> None:
    m = required_agents(100, 1800, 180, 0.8, 20)
    assert int(m.agents) == 14
    assert float(m.wait_probability) == pytest.approx(0.1741319, abs=5e-8)
    assert float(m.service_level) == pytest.approx(0.88835, abs=5e-6)
    assert float(m.asa_seconds) == pytest.approx(7.8359, abs=5e-5)
    assert float(m.occupancy) == pytest.approx(0.7142857, abs=5e-8)
    assert m.abandon_rate is None

    under = metrics_at(11, 100, 1800, 180, 20)
    assert float(under.wait_probability) == pytest.approx(0.6821182, abs=5e-8)
    assert float(under.service_level) == pytest.approx(0.3896138, abs=5e-8)


def test_thousand_calls_an_hour_34_to_37_agents() -> None:
    m = metrics_at([34, 35, 36, 37], 1000, 3600, 120, 15)
    np.testing.assert_allclose(m.service_level * 100, [20.1, 43.4, 60.5, 72.7], atol=0.05)
    np.testing.assert_allclose(m.asa_seconds, [156.3, 50.1, 24.8, 14.1], atol=0.05)


def test_twenty_erlangs_service_level_table() -> None:
    # 20 erlangs: 20 calls per AHT of 180 s.
    m = metrics_at(np.arange(21, 29), 20, 180, 180, 20)
    np.testing.assert_array_equal(np.round(m.service_level * 100), [32, 55, 70, 81, 88, 93, 96, 97])
    np.testing.assert_allclose(m.load_erlangs, 20.0)


def test_three_hundred_calls_80_in_15() -> None:
    m = required_agents(300, 1800, 180, 0.8, 15)
    assert int(m.agents) == 35
    assert float(m.service_level) == pytest.approx(0.812, abs=5e-4)
    assert metrics_at(34, 300, 1800, 180, 15).service_level < 0.8


def test_erlang_a_published_case_and_its_definition() -> None:
    m = required_agents(100, 1800, 180, 0.8, 20, patience_seconds=300)
    assert int(m.agents) == 13
    assert float(m.service_level) == pytest.approx(0.858178, abs=5e-7)
    assert m.abandon_rate is not None
    assert float(m.abandon_rate) == pytest.approx(0.024963, abs=5e-7)
    # Erlang C, which ignores abandonment, needs one agent more.
    assert int(required_agents(100, 1800, 180, 0.8, 20).agents) == 14
    at_12 = metrics_at(12, 100, 1800, 180, 20, patience_seconds=300)
    assert float(at_12.service_level) == pytest.approx(0.772279, abs=5e-7)
    # The published 0.858178 is the share of *offered* calls answered within 20 s. The share
    # of *answered* calls answered within 20 s is a different, larger number.
    among_answered = m.service_level / (1 - m.abandon_rate)
    assert float(among_answered) == pytest.approx(0.880149, abs=5e-7)


def test_occupancy_cap_is_exact_at_whole_numbers() -> None:
    # 221 calls × 90 s / 900 s = 22.1 erlangs; 22.1 / 0.85 = 26 exactly, 26.000000000000004
    # in binary floating point.
    m = required_agents(221, 900, 90, 0.01, 20, max_occupancy=0.85)
    assert float(m.load_erlangs) == pytest.approx(22.1, abs=1e-12)
    assert int(m.agents) == 26
    assert float(m.occupancy) == pytest.approx(0.85, abs=1e-12)
    tighter = required_agents(221, 900, 90, 0.01, 20, max_occupancy=0.8499)
    assert int(tighter.agents) == 27


def test_zero_whole_and_huge_loads() -> None:
    m = required_agents([0, 100, 5000 * 10], 1800, [180, 180, 36], 0.8, 20)
    assert m.agents.tolist()[:2] == [0, 14]
    np.testing.assert_allclose(m.load_erlangs, [0, 10, 1000])
    assert m.service_level[0] == 1.0
    assert m.asa_seconds[0] == 0.0
    assert m.occupancy[0] == 0.0

    whole = required_agents(10, 1, 1, 0.8, 20 / 180)  # 10 erlangs exactly, 20 s of 180 s
    assert int(whole.agents) == 14

    big = required_agents(5000, 1, 1, 0.8, 20 / 180)  # 5,000 erlangs
    n = int(big.agents)
    assert 5000 < n < 5100
    assert n == 5013  # checked at 50 digits: SL(5012) = 0.78806, SL(5013) = 0.81387
    for value in (big.service_level, big.asa_seconds, big.occupancy, big.wait_probability):
        assert np.isfinite(value)
    assert float(big.service_level) >= 0.8
    assert float(metrics_at(n - 1, 5000, 1, 1, 20 / 180).service_level) < 0.8
    _, exact_c = exact_b_c(n, 5000.0)
    assert float(big.wait_probability) == pytest.approx(float(exact_c), rel=1e-12)


def test_min_agents_applies_even_without_calls() -> None:
    m = required_agents([0, 0, 100], 1800, 180, 0.8, 20, min_agents=[0, 3, 20])
    assert m.agents.tolist() == [0, 3, 20]
    assert m.service_level[1] == 1.0
    assert float(m.service_level[2]) > 0.99


# --------------------------------------------------------------------------------------------
# Erlang B and C against 50-digit references


def test_erlang_b_and_c_match_mpmath_over_a_wide_grid() -> None:
    worst_b = worst_c = 0.0
    for load in [0.01, 0.3, 1.0, 2.5, 7.0, 10.0, 33.3, 99.9, 100.0, 250.0, 777.7, 2000.0, 5000.0]:
        spread = np.sqrt(load)
        agents = {
            max(1, int(load + k * spread)) for k in (-20, -3, -1, 0, 0.5, 1, 2, 3, 5, 8, 15)
        } | {1, int(load) + 1}
        for n in sorted(agents):
            exact_b, exact_c = exact_b_c(n, load)
            worst_b = max(worst_b, abs(float((erlang_b(n, load) - exact_b) / exact_b)))
            worst_c = max(worst_c, abs(float((erlang_c(n, load) - exact_c) / exact_c)))
    assert worst_b < 1e-9
    assert worst_c < 1e-9


def test_erlang_c_metrics_match_mpmath() -> None:
    for n, calls, aht, t in [(14, 100, 180, 20), (170, 600, 240, 20), (5030, 5000, 1800, 900)]:
        m = metrics_at(n, calls, 1800, aht, t)
        load = calls * aht / 1800
        _, c = exact_b_c(n, load)
        with mpmath.workdps(50):
            sl = 1 - c * mpmath.exp(-(n - mpmath.mpf(load)) * t / aht)
            asa = c * aht / (n - mpmath.mpf(load))
        assert float(m.service_level) == pytest.approx(float(sl), rel=1e-12)
        assert float(m.asa_seconds) == pytest.approx(float(asa), rel=1e-10)
        assert float(m.occupancy) == pytest.approx(load / n, rel=1e-15)


def test_erlang_edges() -> None:
    assert erlang_b(0, 3.0) == 1.0
    assert erlang_b(4, 0.0) == 0.0
    assert erlang_c(4, 0.0) == 0.0
    assert erlang_c([9, 10], 10.0).tolist() == [1.0, 1.0]  # N ≤ A: everybody waits
    tiny = 1e-9
    assert float(erlang_b(1, tiny)) == pytest.approx(tiny / (1 + tiny), rel=1e-15)
    assert float(erlang_c(1, tiny)) == pytest.approx(tiny, rel=1e-8)
    assert erlang_b(np.arange(3)[:, None], [1.0, 2.0]).shape == (3, 2)
    assert isinstance(erlang_b(2, 1.0), float)
    unstable = metrics_at([0, 9, 10], 10, 1, 1, 20)
    assert unstable.service_level.tolist() == [0.0, 0.0, 0.0]
    assert unstable.asa_seconds.tolist() == [np.inf] * 3
    assert unstable.wait_probability.tolist() == [1.0, 1.0, 1.0]
    # N ≤ A: every agent there is always busy, and at N = 0 the value is that limit (#9).
    assert unstable.occupancy.tolist() == [1.0, 1.0, 1.0]
    abandoning = metrics_at([0, 1], 10, 1, 1, 20, patience_seconds=5)
    assert abandoning.occupancy[0] == 1.0
    assert abandoning.abandon_rate[0] == 1.0
    assert 0.9 < abandoning.occupancy[1] < 1.0  # one agent facing 10 erlangs: nearly always busy
    assert metrics_at(0, 0, 1, 1, 20).occupancy == 0.0  # no load: nobody is busy
    # Far more agents than calls: no recursion of a trillion steps, just "nobody waits".
    lavish = metrics_at(10**12, 10, 1, 1, 20)
    assert float(lavish.wait_probability) == 0.0
    assert float(lavish.service_level) == 1.0


# --------------------------------------------------------------------------------------------
# Erlang A against a birth–death reference and a simulation


@pytest.mark.parametrize(
    ("agents", "load", "aht", "patience", "t"),
    [
        (13, 10.0, 180, 300, 20),  # the published case
        (7, 10.0, 180, 300, 20),  # overloaded, N < A
        (1, 3.0, 300, 20, 20),  # one agent, impatient callers
        (30, 25.0, 200, 5000, 60),  # patient callers, close to Erlang C
        (12, 10.0, 60, 1, 5),  # patience far below AHT
    ],
)
def test_erlang_a_matches_birth_death_reference(
    agents: int, load: float, aht: float, patience: float, t: float
) -> None:
    m = metrics_at(agents, load, aht, aht, t, patience_seconds=patience)
    exact = exact_erlang_a(agents, load, aht, patience, t)
    assert m.abandon_rate is not None
    assert float(m.wait_probability) == pytest.approx(float(exact["wait"]), rel=1e-12)
    assert float(m.abandon_rate) == pytest.approx(float(exact["abandon"]), rel=1e-12)
    assert float(m.service_level) == pytest.approx(float(exact["sl"]), rel=1e-12)
    assert float(m.asa_seconds) == pytest.approx(float(exact["asa"]), rel=1e-12)
    carried = load * (1 - float(exact["abandon"]))
    assert float(m.occupancy) == pytest.approx(carried / agents, rel=1e-12)


@pytest.mark.parametrize(
    ("agents", "calls_per_hour", "aht", "patience", "t", "seed"),
    [(13, 200, 180, 300, 20, 1), (8, 200, 180, 120, 30, 2)],
)
def test_erlang_a_matches_simulation(
    agents: int, calls_per_hour: float, aht: float, patience: float, t: float, seed: int
) -> None:
    calls = 1_050_000  # 21 batches of 50,000: under a second each
    good, lost = simulate_erlang_a(agents, calls_per_hour / 3600, aht, patience, t, calls, seed)
    m = metrics_at(agents, calls_per_hour, 3600, aht, t, patience_seconds=patience)
    assert m.abandon_rate is not None
    # 99 % confidence half-width from 20 batch means (Student t, 19 degrees of freedom).
    t99 = 2.861
    for batches, expected in ((good, m.service_level), (lost, m.abandon_rate)):
        half_width = t99 * batches.std(ddof=1) / np.sqrt(batches.size)
        assert abs(batches.mean() - float(expected)) < half_width


def test_erlang_a_tends_to_erlang_c_with_endless_patience() -> None:
    patient = metrics_at(14, 100, 1800, 180, 20, patience_seconds=1e9)
    plain = metrics_at(14, 100, 1800, 180, 20)
    assert patient.abandon_rate is not None
    # Little's law: abandonments θ·E[queue] = λ·P(abandon), so P(abandon) = E[wait] / patience,
    # and E[wait] tends to Erlang C's ASA.
    assert float(patient.abandon_rate) == pytest.approx(float(plain.asa_seconds) / 1e9, rel=1e-6)
    assert float(patient.service_level) == pytest.approx(float(plain.service_level), abs=1e-7)
    assert float(patient.asa_seconds) == pytest.approx(float(plain.asa_seconds), rel=1e-6)


def test_erlang_a_edges() -> None:
    m = metrics_at([0, 0, 5], [0, 10, 0], 1800, 180, 20, patience_seconds=60)
    assert m.abandon_rate is not None
    assert m.service_level.tolist() == [1.0, 0.0, 1.0]
    assert m.abandon_rate.tolist() == [0.0, 1.0, 0.0]
    assert m.wait_probability.tolist() == [0.0, 1.0, 0.0]
    assert m.asa_seconds.tolist() == [0.0, np.inf, 0.0]
    # Erlang A can staff below the load: abandonment takes the excess.
    cheap = required_agents(4000 * 3.75, 900, 240, 0.8, 20, patience_seconds=300)
    assert int(cheap.agents) == 3797
    assert float(cheap.load_erlangs) == pytest.approx(4000)


# --------------------------------------------------------------------------------------------
# Occupancy caps, service-level definitions and the binding target


def exact_cap_agents(calls: str, aht: str, interval: str, cap: str) -> int:
    """Smallest N with calls·AHT ≤ cap·N·interval, in rationals of the decimals written."""
    work = Fraction(calls) * Fraction(aht)
    per_agent = Fraction(cap) * Fraction(interval)
    return -(-work // per_agent)


@pytest.mark.parametrize(
    ("calls", "aht", "interval", "cap"),
    [
        ("221.0000001", "180", "1800", "0.85"),  # the audit's case: 26.0000000118 → 27
        ("221", "180", "1800", "0.85"),  # 26 exactly (26.000000000000004 in binary)
        ("221", "90", "900", "0.85"),
        ("220.9999999", "180", "1800", "0.85"),
        ("340", "180", "1800", "0.9"),  # 34 ÷ 0.9 = 37.77… → 38
        ("306", "180", "1800", "0.9"),  # 30.6 ÷ 0.9 = 34 exactly
        ("306.00000000001", "180", "1800", "0.9"),
        ("70", "300", "1800", "0.7"),  # 11.666… ÷ 0.7 = 16.666… → 17
        ("476", "135", "3600", "0.85"),  # 17.85 ÷ 0.85 = 21 exactly
        ("0.3", "60", "900", "0.02"),  # 0.02 ÷ 0.02 = 1 exactly
        ("100000.1", "30", "1800", "0.95"),  # 1,666.668… erlangs
    ],
)
def test_occupancy_cap_is_decided_exactly(calls: str, aht: str, interval: str, cap: str) -> None:
    expected = exact_cap_agents(calls, aht, interval, cap)
    alone = agents_by_target(
        float(calls), float(interval), float(aht), 0.01, 20, max_occupancy=float(cap)
    )
    assert int(alone["occupancy"]) == expected
    m = required_agents(
        float(calls), float(interval), float(aht), 0.01, 20, max_occupancy=float(cap)
    )
    assert int(m.agents) >= expected
    assert Fraction(calls) * Fraction(aht) <= Fraction(cap) * int(m.agents) * Fraction(interval)


def test_the_audits_cap_cases() -> None:
    just_over = required_agents(221.0000001, 1800, 180, 0.5, 20, max_occupancy=0.85)
    assert int(just_over.agents) == 27
    assert float(just_over.occupancy) <= 0.85
    exact = required_agents(221, 1800, 180, 0.5, 20, max_occupancy=0.85)
    assert int(exact.agents) == 26


@settings(max_examples=80, deadline=None)
@given(
    agents=st.integers(min_value=1, max_value=3000),
    cap_percent=st.integers(min_value=50, max_value=99),  # 100%: Erlang C's N > A decides
    aht=st.sampled_from(["60", "90", "180", "240", "300", "450", "600"]),
    interval=st.sampled_from(["900", "1800", "3600"]),
    nudge=st.sampled_from(["0", "0.0000001", "-0.0000001", "0.000000000001"]),
)
def test_occupancy_cap_on_whole_quotients(
    agents: int, cap_percent: int, aht: str, interval: str, nudge: str
) -> None:
    # calls chosen so that calls·AHT ÷ (cap·interval) is `agents`, then nudged off it.
    cap = Fraction(cap_percent, 100)
    calls = cap * agents * Fraction(interval) / Fraction(aht) + Fraction(nudge)
    written = f"{float(calls)!r}"
    expected = exact_cap_agents(written, aht, interval, str(float(cap)))
    alone = agents_by_target(
        float(written), float(interval), float(aht), 0.5, 20, max_occupancy=float(cap)
    )
    assert int(alone["occupancy"]) == expected


def carried_occupancy(agents: int, load: float, aht: float, patience: float) -> float:
    """A·(1 − P(abandon)) ÷ N from the birth–death reference."""
    return load * (1 - float(exact_erlang_a(agents, load, aht, patience, 20)["abandon"])) / agents


@pytest.mark.parametrize(
    ("load", "aht", "patience", "cap"),
    [(20.0, 180, 60, 0.85), (10.0, 180, 300, 0.8), (40.0, 240, 30, 0.9), (3.0, 300, 20, 0.85)],
)
def test_erlang_a_caps_the_carried_occupancy(
    load: float, aht: float, patience: float, cap: float
) -> None:
    alone = agents_by_target(load, aht, aht, 0.5, 20, patience_seconds=patience, max_occupancy=cap)
    n = int(alone["occupancy"])
    assert carried_occupancy(n, load, aht, patience) <= cap
    assert n == 1 or carried_occupancy(n - 1, load, aht, patience) > cap
    # The carried load is below the offered, so the cap admits no more agents than offered.
    assert n <= exact_cap_agents(repr(load), "1", "1", repr(cap))


def test_erlang_a_with_the_default_cap_needs_22_not_24() -> None:
    # 200 calls / 30 min, AHT 180 s (20 erlangs), mean patience 60 s, 80/20, occupancy ≤ 85%.
    m = required_agents(200, 1800, 180, 0.8, 20, patience_seconds=60, max_occupancy=0.85)
    assert int(m.agents) == 22
    exact = exact_erlang_a(22, 20.0, 180, 60, 20)
    carried = 20 * (1 - exact["abandon"]) / 22
    assert float(m.occupancy) == pytest.approx(float(carried), rel=1e-12)
    assert float(carried) <= 0.85
    at_21 = exact_erlang_a(21, 20.0, 180, 60, 20)
    assert float(20 * (1 - at_21["abandon"]) / 21) > 0.85
    # Capping the offered load (20 ÷ 0.85 = 23.5) would have needed 24.
    assert exact_cap_agents("200", "180", "1800", "0.85") == 24


@pytest.mark.parametrize(
    ("agents", "load", "aht", "patience", "t", "tau"),
    [
        (13, 10.0, 180, 300, 20, 5),
        (7, 10.0, 180, 300, 20, 10),  # overloaded
        (1, 3.0, 300, 20, 20, 3),
        (22, 20.0, 180, 60, 20, 5),
        (12, 10.0, 60, 1, 5, 0.5),  # patience far below AHT
        (30, 25.0, 200, 5000, 60, 30),
        (13, 10.0, 180, 300, 20, 1e6),  # every abandonment is "short"
    ],
)
def test_service_level_definitions_match_the_birth_death_reference(
    agents: int, load: float, aht: float, patience: float, t: float, tau: float
) -> None:
    exact = exact_erlang_a(agents, load, aht, patience, t, tau)

    def sl(definition: str, **extra: float) -> float:
        m = metrics_at(
            agents,
            load,
            aht,
            aht,
            t,
            patience_seconds=patience,
            service_level_definition=definition,
            **extra,
        )
        assert m.service_level_definition == definition
        return float(m.service_level)

    assert sl("offered") == pytest.approx(float(exact["sl"]), rel=1e-12)
    assert sl("answered") == pytest.approx(float(exact["sl"] / (1 - exact["abandon"])), rel=1e-12)
    excluding = exact["sl"] / (1 - exact["short_abandon"])
    assert sl("excluding_short_abandons", short_abandon_seconds=tau) == pytest.approx(
        float(excluding), rel=1e-12
    )


def test_short_abandons_at_the_extremes() -> None:
    base = {"patience_seconds": 300, "service_level_definition": "excluding_short_abandons"}
    none_short = metrics_at(13, 100, 1800, 180, 20, short_abandon_seconds=0, **base)
    offered = metrics_at(13, 100, 1800, 180, 20, patience_seconds=300)
    assert float(none_short.service_level) == float(offered.service_level)
    all_short = metrics_at(13, 100, 1800, 180, 20, short_abandon_seconds=1e9, **base)
    answered = metrics_at(
        13, 100, 1800, 180, 20, patience_seconds=300, service_level_definition="answered"
    )
    assert float(all_short.service_level) == pytest.approx(float(answered.service_level), rel=1e-13)
    # Nobody answered: a service level of 0 under every definition.
    for definition, extra in (
        ("answered", {}),
        ("excluding_short_abandons", {"short_abandon_seconds": 5}),
    ):
        empty = metrics_at(
            0, 100, 1800, 180, 20, patience_seconds=60, service_level_definition=definition, **extra
        )
        assert float(empty.service_level) == 0.0


def test_erlang_c_definitions_agree() -> None:
    plain = metrics_at(14, 100, 1800, 180, 20)
    for definition, extra in (
        ("answered", {}),
        ("excluding_short_abandons", {"short_abandon_seconds": 5}),
    ):
        m = metrics_at(14, 100, 1800, 180, 20, service_level_definition=definition, **extra)
        assert float(m.service_level) == float(plain.service_level)
        assert m.service_level_definition == definition


def test_definition_changes_the_agents_needed() -> None:
    # 90/20 with mean patience 60 s at 20 erlangs: counting only answered calls is kinder.
    shares: dict[str, Callable[[dict[str, mpmath.mpf]], mpmath.mpf]] = {
        "offered": lambda e: e["sl"],
        "answered": lambda e: e["sl"] / (1 - e["abandon"]),
        "excluding_short_abandons": lambda e: e["sl"] / (1 - e["short_abandon"]),
    }
    found = {}
    for definition, share in shares.items():
        extra = {"short_abandon_seconds": 5} if definition == "excluding_short_abandons" else {}
        m = required_agents(
            200,
            1800,
            180,
            0.9,
            20,
            patience_seconds=60,
            service_level_definition=definition,
            **extra,
        )
        n = found[definition] = int(m.agents)
        assert share(exact_erlang_a(n, 20.0, 180, 60, 20, 5)) >= 0.9
        assert share(exact_erlang_a(n - 1, 20.0, 180, 60, 20, 5)) < 0.9
    assert found["answered"] < found["offered"]


def test_definition_inputs_are_checked() -> None:
    with pytest.raises(StaffingInputError, match="must be one of offered, answered"):
        metrics_at(14, 100, 1800, 180, 20, service_level_definition="handled")
    with pytest.raises(StaffingInputError, match="short_abandon_seconds: is needed"):
        required_agents(
            100, 1800, 180, 0.8, 20, service_level_definition="excluding_short_abandons"
        )
    with pytest.raises(StaffingInputError, match="goes with the excluding_short_abandons"):
        required_agents(100, 1800, 180, 0.8, 20, short_abandon_seconds=5)
    with pytest.raises(StaffingInputError) as caught:
        required_agents(
            [100, 100],
            1800,
            180,
            0.8,
            20,
            patience_seconds=60,
            service_level_definition="excluding_short_abandons",
            short_abandon_seconds=[5, -1],
        )
    assert (caught.value.index, caught.value.field) == (1, "short_abandon_seconds")


def test_binding_target_names_what_set_the_agents() -> None:
    by_target = agents_by_target(221.0000001, 1800, 180, 0.5, 20, max_occupancy=0.85)
    assert {k: int(v) for k, v in by_target.items()} == {"service_level": 24, "occupancy": 27}
    assert binding_targets(by_target).tolist() == "occupancy"
    assert int(metrics_at(23, 221.0000001, 1800, 180, 20).service_level < 0.5)
    assert float(metrics_at(24, 221.0000001, 1800, 180, 20).service_level) >= 0.5

    patient = agents_by_target(200, 1800, 180, 0.8, 20, patience_seconds=60, max_occupancy=0.85)
    assert int(patient["service_level"]) == 21
    assert (
        exact_erlang_a(21, 20.0, 180, 60, 20)["sl"]
        >= 0.8
        > exact_erlang_a(20, 20.0, 180, 60, 20)["sl"]
    )
    assert int(patient["occupancy"]) == 22
    assert binding_targets(patient).tolist() == "occupancy"

    intervals = {
        "asa_target_seconds": [60, 60, 3, 60, 60],
        "max_occupancy": [0.85, 0.85, 0.85, 0.5, 0.85],
        "min_agents": [0, 0, 0, 0, 40],
    }
    week = agents_by_target([0, 100, 100, 100, 300], 1800, 180, 0.8, 20, **intervals)
    assert binding_targets(week).tolist() == [None, "service_level", "asa", "occupancy", "floor"]
    needed = required_agents([0, 100, 100, 100, 300], 1800, 180, 0.8, 20, **intervals)
    assert np.array_equal(np.maximum.reduce(list(week.values())), needed.agents)
    abandon = agents_by_target(100, 1800, 180, 0.8, 20, patience_seconds=300, max_abandon_rate=0.01)
    assert binding_targets(abandon).tolist() == "abandonment"
    assert {k: int(v) for k, v in abandon.items()} == {"service_level": 13, "abandonment": 15}


# --------------------------------------------------------------------------------------------
# Targets, validation, shapes


def test_all_targets_combine() -> None:
    base = required_agents(100, 1800, 180, 0.8, 20)
    assert int(base.agents) == 14
    by_asa = required_agents(100, 1800, 180, 0.8, 20, asa_target_seconds=3)
    assert int(by_asa.agents) == 16
    assert float(by_asa.asa_seconds) <= 3 < float(metrics_at(15, 100, 1800, 180, 20).asa_seconds)
    by_abandon = required_agents(
        100, 1800, 180, 0.8, 20, patience_seconds=300, max_abandon_rate=0.01
    )
    assert by_abandon.abandon_rate is not None
    assert int(by_abandon.agents) == 15
    assert float(by_abandon.abandon_rate) == pytest.approx(0.0075, abs=5e-4)
    assert float(metrics_at(14, 100, 1800, 180, 20, patience_seconds=300).abandon_rate) > 0.01
    by_occupancy = required_agents(100, 1800, 180, 0.8, 20, max_occupancy=0.6)
    assert int(by_occupancy.agents) == 17  # ceil(10 / 0.6)


def test_broadcasting_and_duplicates() -> None:
    calls = np.array([[100, 300, 100], [0, 100, 300]])
    m = required_agents(calls, 1800, 180, 0.8, [[20], [15]])
    assert m.agents.shape == (2, 3)
    assert m.agents.tolist() == [[14, 35, 14], [0, 14, 35]]
    singles = [
        int(required_agents(c, 1800, 180, 0.8, t).agents)
        for c, t in zip(calls.ravel(), [20, 20, 20, 15, 15, 15], strict=True)
    ]
    assert m.agents.ravel().tolist() == singles
    assert np.shape(required_agents(100, 1800, 180, 0.8, 20).agents) == ()
    empty = required_agents(np.array([]), 1800, 180, 0.8, 20)
    assert empty.agents.shape == (0,)
    with pytest.raises(ValueError, match="read-only"):
        m.agents[0, 0] = 1


@pytest.mark.parametrize(
    ("kwargs", "index", "field"),
    [
        ({"calls": [1, -1, 1]}, 1, "calls"),
        ({"calls": [1, 1, np.nan]}, 2, "calls"),
        ({"aht_seconds": [180, 0, 180]}, 1, "aht_seconds"),
        ({"interval_seconds": [1800, 1800, -5]}, 2, "interval_seconds"),
        ({"sl_target": [0.8, 0.8, 0]}, 2, "sl_target"),
        ({"sl_target": [1.2, 0.8, 0.8]}, 0, "sl_target"),
        ({"sl_seconds": [20, -1, 20]}, 1, "sl_seconds"),
        ({"max_occupancy": [0.9, 1.5, 0.9]}, 1, "max_occupancy"),
        ({"min_agents": [0, 0, 2.5]}, 2, "min_agents"),
        ({"patience_seconds": [0, 60, 60]}, 0, "patience_seconds"),
        ({"asa_target_seconds": [10, 10, -1]}, 2, "asa_target_seconds"),
    ],
)
def test_invalid_inputs_name_the_interval(kwargs: dict, index: int, field: str) -> None:
    args = {
        "calls": [100, 100, 100],
        "interval_seconds": 1800,
        "aht_seconds": 180,
        "sl_target": 0.8,
        "sl_seconds": 20,
    } | kwargs
    with pytest.raises(StaffingInputError) as caught:
        required_agents(**args)
    assert caught.value.index == index
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)


def test_invalid_agents_for_metrics() -> None:
    with pytest.raises(StaffingInputError) as caught:
        metrics_at([3, 2.5], 100, 1800, 180, 20)
    assert (caught.value.index, caught.value.field) == (1, "agents")
    with pytest.raises(StaffingInputError, match="needs patience_seconds"):
        required_agents(100, 1800, 180, 0.8, 20, max_abandon_rate=0.05)


@pytest.mark.parametrize(
    ("calls", "kwargs", "index", "reason"),
    [
        (
            [0, 100, 100],
            {"sl_target": [1.0, 0.8, 1.0]},
            2,
            "service level 100% within 20 s can never be met",
        ),
        ([100, 100], {"max_occupancy": [0.9, 0.0]}, 1, "occupancy cap 0 admits no agent"),
        ([100, 1e9 * 1800 / 180], {}, 1, "load 1e+09 erlangs needs more than 100,000 agents"),
        (
            [100, 100],
            {"asa_target_seconds": [0.0, 5.0]},
            0,
            "an average speed of answer of 0 s can never be met",
        ),
        (
            [100, 100],
            {"patience_seconds": 60, "max_abandon_rate": [0.1, 0.0]},
            1,
            "an abandonment rate of 0 can never be met",
        ),
        (
            [100],
            {"asa_target_seconds": 1e-320},
            0,
            "the targets are not met by any number of agents (load 10 erlangs)",
        ),
    ],
)
def test_infeasible_targets_raise_clearly(
    calls: list[float], kwargs: dict, index: int, reason: str
) -> None:
    args = {"sl_target": 0.8} | kwargs
    with pytest.raises(InfeasibleTargetError) as caught:
        required_agents(calls, 1800, 180, sl_seconds=20, **args)
    assert caught.value.index == index
    assert caught.value.reason == reason
    assert str(caught.value) == f"interval {index}: {reason}"


def test_max_agents_is_a_hard_cap() -> None:
    assert MAX_AGENTS == 100_000
    with pytest.raises(InfeasibleTargetError, match="needs more than 100 agents"):
        required_agents(1000, 1800, 180, 0.8, 20, max_agents=100)
    assert int(required_agents(1000, 1800, 180, 0.8, 20, max_agents=110).agents) == 107


def test_year_of_intervals_is_solved_whole() -> None:
    rng = np.random.default_rng(3)
    calls = rng.uniform(0, 600, 35_040)
    m = required_agents(calls, 900, 240, 0.8, 20)
    assert m.agents.shape == (35_040,)
    assert np.all(m.service_level >= 0.8)
    below = metrics_at(np.maximum(m.agents - 1, 0), calls, 900, 240, 20)
    assert np.all((below.service_level < 0.8) | (m.agents == 0))


# --------------------------------------------------------------------------------------------
# Properties

loads = st.floats(min_value=0.01, max_value=3000, allow_nan=False)
ahts = st.floats(min_value=10, max_value=1200)
thresholds = st.floats(min_value=0, max_value=120)
patiences = st.one_of(st.none(), st.floats(min_value=5, max_value=5000))


definitions = st.sampled_from(SL_DEFINITIONS)


def definition_args(definition: str) -> dict[str, object]:
    short = {"short_abandon_seconds": 5.0} if definition == "excluding_short_abandons" else {}
    return {"service_level_definition": definition, **short}


@settings(max_examples=150, deadline=None)
@given(
    load=loads,
    aht=ahts,
    t=thresholds,
    patience=patiences,
    offset=st.floats(-3, 6),
    definition=definitions,
)
def test_service_level_never_drops_and_occupancy_never_rises_with_more_agents(
    load: float, aht: float, t: float, patience: float | None, offset: float, definition: str
) -> None:
    start = max(0, int(load + offset * np.sqrt(load)))
    agents = np.arange(start, start + 12)
    m = metrics_at(
        agents, load, aht, aht, t, patience_seconds=patience, **definition_args(definition)
    )
    assert np.all(np.diff(m.service_level) >= -1e-12)
    # Under Erlang A the carried load grows with N, but never as fast as N.
    busy = agents > 0
    assert np.all(np.diff(m.occupancy[busy]) <= 1e-12)


@settings(max_examples=150, deadline=None)
@example(  # the carried occupancy rounds over the cap at the agents the offered load needs
    load=2998.0,
    aht=87.97916186529852,
    t=0.0,
    patience=5.0,
    target=0.5,
    occupancy=0.5,
    asa=None,
    floor=0,
    definition="offered",
)
@given(
    load=loads,
    aht=ahts,
    t=thresholds,
    patience=patiences,
    target=st.floats(min_value=0.05, max_value=0.99),
    occupancy=st.one_of(st.none(), st.floats(min_value=0.5, max_value=1.0)),
    asa=st.one_of(st.none(), st.floats(min_value=1, max_value=300)),
    floor=st.integers(min_value=0, max_value=5),
    definition=definitions,
)
def test_required_agents_is_the_smallest_that_meets_every_target(
    load: float,
    aht: float,
    t: float,
    patience: float | None,
    target: float,
    occupancy: float | None,
    asa: float | None,
    floor: int,
    definition: str,
) -> None:
    how = definition_args(definition)
    m = required_agents(
        load,
        aht,
        aht,
        target,
        t,
        max_occupancy=occupancy,
        asa_target_seconds=asa,
        patience_seconds=patience,
        min_agents=floor,
        **how,
    )
    n = int(m.agents)

    def meets(agents: int) -> bool:
        x = metrics_at(agents, load, aht, aht, t, patience_seconds=patience, **how)
        return bool(x.service_level >= target) and (asa is None or bool(x.asa_seconds <= asa))

    def over_cap(agents: int) -> bool:
        if occupancy is None or agents == 0:
            return occupancy is not None
        if patience is None:  # offered = carried, decided on the decimals written
            return decimal(load) * decimal(aht) > decimal(occupancy) * agents * decimal(aht)
        carried = metrics_at(agents, load, aht, aht, t, patience_seconds=patience).occupancy
        return bool(carried > occupancy)

    assert meets(n)
    assert n >= floor
    assert not over_cap(n)
    assert n == floor or over_cap(n - 1) or not meets(n - 1)


@pytest.mark.parametrize("patience", [1e15, 1e40, 1e300, 1.7976931348623157e308])
def test_patience_towards_infinity_is_erlang_c(patience: float) -> None:
    calls = np.array([0.5, 100.0, 5_000.0, 40_000.0])
    c = required_agents(calls, 1800, 180, 0.8, 20, max_occupancy=0.95)
    a = required_agents(calls, 1800, 180, 0.8, 20, max_occupancy=0.95, patience_seconds=patience)
    assert np.array_equal(a.agents, c.agents)
    np.testing.assert_allclose(a.service_level, c.service_level, rtol=1e-12)
    np.testing.assert_allclose(a.asa_seconds, c.asa_seconds, rtol=1e-9)
    assert np.all(a.abandon_rate < 1e-12)  # patience capped at 1e12 AHTs: next to nothing
    at = metrics_at(c.agents - 1, calls, 1800, 180, 20, patience_seconds=patience)
    reference = metrics_at(c.agents - 1, calls, 1800, 180, 20)
    np.testing.assert_allclose(at.service_level, reference.service_level, rtol=1e-12)


def test_erlang_a_meets_erlang_c_continuously_below_the_switch() -> None:
    # Just under the switch Erlang A is still integrated, and already agrees to 1e-10.
    a = required_agents(100, 1800, 180, 0.8, 20, patience_seconds=0.9e12 * 180)
    c = required_agents(100, 1800, 180, 0.8, 20)
    assert int(a.agents) == int(c.agents) == 14
    assert abs(float(a.service_level) - float(c.service_level)) < 1e-10
    assert 0 < float(a.abandon_rate) < 1e-12


@pytest.mark.parametrize("calls", [1e-300, 1e-200, 1e-20])
def test_a_vanishing_load_needs_one_agent_without_a_warning(calls: float) -> None:
    result = required_agents(calls, 1800, 180, 0.8, 20, patience_seconds=300)
    assert int(result.agents) == 1 and float(result.service_level) == 1.0


@pytest.mark.parametrize("patience", [1.0, 3.0, 7.0])
def test_erlang_a_carried_occupancy_never_exceeds_one(patience):
    # Nearly every caller waits at these loads; the quadrature's rounding once gave
    # 1.0000000000008 here, over an occupancy cap of 1.0.
    for load in (900.0, 1487.0, 4999.0):
        agents = np.arange(int(load * 0.5), int(load * 1.2), 7)
        occupancy = metrics_at(agents, load, 1.0, 1.0, 0.5, patience_seconds=patience).occupancy
        assert float(occupancy.max()) <= 1.0
        assert float(occupancy.min()) > 0.4
