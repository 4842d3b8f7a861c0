"""Simulating a plan: per-interval, per-day and weekly figures built from the engine's tallies,
with confidence intervals, next to Erlang at the same staffing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ccorg.pipeline import plan_file
from ccorg.simulate import (
    MAX_CALLS,
    MAX_REPLICATIONS,
    SimulationOptions,
    capped_replications,
    simulate_plan,
    t_quantile_975,
)
from ccorg.staffing import queueing
from ccorg.staffing.simulation import Period, simulate

SHOP = Path(__file__).resolve().parent.parent / "configs" / "examples" / "ecommerce.yaml"


def engine_day(stream_plan, day, replications, seed, **extra):
    """The engine's replications of one day of a phone stream of the shop, with the key
    ``simulate_plan`` uses for it (stream 0, the weekday)."""
    return simulate(
        Period(
            arrivals=stream_plan.volume[day],
            servers=stream_plan.agents[day].astype(int),
            interval_seconds=900.0,
            aht_seconds=240.0,
            sl_seconds=30.0,
            patience_seconds=90.0,
            open=stream_plan.open[day],
            **extra,
        ),
        replications,
        seed=seed,
        key=(0, day),
    )


@pytest.fixture(scope="module")
def shop_plan():
    return plan_file(str(SHOP))


@pytest.fixture(scope="module")
def shop(shop_plan):
    options = SimulationOptions(replications=12, seed=3, days=(0, 5))
    return simulate_plan(shop_plan, ["phone", "chat", "aftersales"], options)


@pytest.mark.parametrize(
    ("df", "quantile"),
    [
        (1, 12.7062),
        (2, 4.3027),
        (3, 3.1824),
        (5, 2.5706),
        (10, 2.2281),
        (30, 2.0423),
        (60, 2.0003),
        (61, 1.9996),
        (120, 1.9799),
        (1000, 1.9623),
    ],
)
def test_student_t_quantiles(df, quantile):
    assert t_quantile_975(df) == pytest.approx(quantile, abs=1e-4)


def test_the_days_and_the_week_count_their_calls_together(shop_plan, shop):
    phone = shop.streams[0]
    assert phone.id == "phone" and phone.days == (0, 5)
    # Rebuild Saturday's replications from the engine with the documented key (stream 0, day 5).
    stream_plan = shop_plan.streams[0]
    tallies = engine_day(stream_plan, 5, 12, seed=3)
    per_replication = tallies.answered_within.sum(axis=1) / tallies.offered.sum(axis=1)
    saturday = phone.by_day.service_level
    assert saturday.mean[1] == pytest.approx(per_replication.mean(), rel=1e-12)
    half = t_quantile_975(11) * per_replication.std(ddof=1) / np.sqrt(12)
    assert saturday.high[1] - saturday.mean[1] == pytest.approx(half, rel=1e-9)
    # A day's level is its calls together, not the mean of its intervals' levels.
    assert saturday.mean[1] != pytest.approx(np.nanmean(phone.intervals.service_level.mean[1]))
    assert phone.by_day.offered[1] == pytest.approx(tallies.offered.sum(axis=1).mean())
    assert phone.calls_simulated >= tallies.calls


def test_erlang_figures_are_at_the_simulated_staffing(shop_plan, shop):
    phone, chat = shop.streams
    metrics = shop_plan.streams[0].metrics
    monday = shop_plan.streams[0].volume[0]
    expected = np.where(monday > 0, metrics.service_level[0], np.nan)
    assert np.allclose(phone.intervals.service_level.erlang[0], expected, equal_nan=True)
    volume = shop_plan.streams[0].volume[[0, 5]]
    weighted = (metrics.service_level[[0, 5]] * volume).sum() / volume.sum()
    assert float(phone.week.service_level.erlang) == pytest.approx(weighted, rel=1e-12)
    # Chat: the queue runs over agents × 3 slots, as the plan solved it.
    chat_metrics = shop_plan.streams[1].metrics
    assert np.array_equal(chat_metrics.agents[0], shop_plan.streams[1].agents[0] * 3)
    occupancy = chat.intervals.occupancy.erlang[0]
    staffed = chat_metrics.agents[0] > 0
    assert np.allclose(occupancy[staffed], chat_metrics.occupancy[0][staffed])


def test_simulated_figures_sit_near_erlang_where_the_model_is_erlangs(shop):
    phone = shop.streams[0]
    week = phone.week
    assert abs(float(week.service_level.mean - week.service_level.erlang)) < 0.02
    assert abs(float(week.abandon_rate.mean - week.abandon_rate.erlang)) < 0.01
    assert abs(float(week.occupancy.mean - week.occupancy.erlang)) < 0.02
    assert (
        float(week.service_level.low)
        < float(week.service_level.mean)
        < float(week.service_level.high)
    )


def test_deferred_work_is_not_simulated(shop):
    (left_out,) = shop.not_simulated
    assert left_out.stream_id == "aftersales" and left_out.channel == "deferred"
    assert "workload, not a queue" in left_out.reason


def test_intervals_wholly_below_target_are_named(shop_plan):
    # One phone agent instead of four on Monday 12:00–13:00: those four intervals miss.
    agents = shop_plan.streams[0].agents.copy()
    assert agents[0, 48:52].tolist() == [4, 4, 4, 4]
    agents[0, 48:52] = 1
    result = simulate_plan(
        shop_plan,
        ["phone"],
        SimulationOptions(replications=20, days=(0,)),
        staffing={"phone": agents},
    ).streams[0]
    short = set(result.short_of_target)
    assert {(0, 48), (0, 49), (0, 50), (0, 51)} <= short
    level = result.intervals.service_level
    for at in short:
        assert level.high[at] < 0.8
    means = [level.mean[at] for at in result.short_of_target]
    assert means == sorted(means)
    assert result.intervals.miss_share[0, 49] > 0.8
    # Confidence bounds of a share stay within [0, 1].
    assert np.nanmax(level.high) <= 1.0 and np.nanmin(level.low) >= 0.0


def test_no_patience_means_nobody_abandons(shop_plan):
    result = simulate_plan(
        shop_plan, ["phone"], SimulationOptions(replications=3, days=(0,), patience="none")
    ).streams[0]
    assert result.patience_seconds is None and result.week.abandon_rate is None
    erlang_c = queueing.metrics_at(
        shop_plan.streams[0].agents[0].astype(int), shop_plan.streams[0].volume[0], 900, 240, 30
    )
    volume = shop_plan.streams[0].volume[0]
    expected = (erlang_c.service_level * volume).sum() / volume.sum()
    assert float(result.week.service_level.erlang) == pytest.approx(expected, rel=1e-12)


def test_replications_are_capped():
    assert capped_replications(200, 21_000) == 200
    assert capped_replications(10**9, MAX_CALLS // MAX_REPLICATIONS // 2) == MAX_REPLICATIONS
    assert capped_replications(10**9, 21_000) == MAX_CALLS // 21_000  # the bank's week
    assert capped_replications(2_000, 10**6) == MAX_CALLS // 10**6
    assert capped_replications(5, 10**12) == 1


@pytest.mark.parametrize(
    ("definition", "written"),
    [
        ("answered", "definition: answered"),
        (
            "excluding_short_abandons",
            "definition: excluding_short_abandons, short_abandon_seconds: 10",
        ),
    ],
)
def test_the_service_level_follows_the_streams_definition(tmp_path, definition, written):
    text = SHOP.read_text(encoding="utf-8")
    original = "service_level: {target: 0.8, seconds: 30}"
    assert text.count(original) == 1
    path = tmp_path / "shop.yaml"
    path.write_text(text.replace(original, original[:-1] + ", " + written + "}"), encoding="utf-8")
    plan = plan_file(str(path))
    result = simulate_plan(plan, ["phone"], SimulationOptions(replications=6, days=(2,)))
    phone = result.streams[0]
    assert phone.sl_definition == definition
    stream_plan = plan.streams[0]
    short = 10.0 if definition != "answered" else 0.0
    tallies = engine_day(stream_plan, 2, 6, seed=1, short_abandon_seconds=short)
    within = tallies.answered_within.sum(axis=1)
    if definition == "answered":
        base = tallies.answered.sum(axis=1)
    else:
        base = tallies.offered.sum(axis=1) - tallies.short_abandoned.sum(axis=1)
        assert tallies.short_abandoned.sum() > 0
    assert float(phone.week.service_level.mean) == pytest.approx((within / base).mean(), rel=1e-12)
    # Erlang's day: each interval's level weighted by the contacts its definition counts.
    volume = stream_plan.volume[2]
    agents = stream_plan.agents[2].astype(int)
    extra = {} if definition == "answered" else {"short_abandon_seconds": 10.0}
    by_definition = queueing.metrics_at(
        agents,
        volume,
        900,
        240,
        30,
        patience_seconds=90,
        service_level_definition=definition,
        **extra,
    ).service_level
    of_offered = queueing.metrics_at(
        agents, volume, 900, 240, 30, patience_seconds=90
    ).service_level
    open_ = volume > 0
    expected = (volume * of_offered)[open_].sum() / (volume * of_offered / by_definition)[
        open_
    ].sum()
    assert float(phone.week.service_level.erlang) == pytest.approx(expected, rel=1e-12)
    assert float(phone.week.service_level.erlang) > float(
        (of_offered * volume)[open_].sum() / volume[open_].sum()
    )


def test_chat_sessions_last_as_long_as_at_their_concurrency(tmp_path):
    text = SHOP.read_text(encoding="utf-8")
    marker = "concurrency_slowdown: 0.1"
    assert text.count(marker) == 1
    path = tmp_path / "shop.yaml"
    path.write_text(text.replace(marker, "concurrency_slowdown: 0.2"), encoding="utf-8")
    plan = plan_file(str(path))
    chat_plan = plan.streams[1]
    assert chat_plan.stream.session_seconds == pytest.approx(600 * 1.4)
    chat = simulate_plan(plan, ["chat"], SimulationOptions(replications=8, days=(1,))).streams[0]
    staffed = chat_plan.metrics.agents[1] > 0
    erlang = chat.intervals.occupancy.erlang[0]
    assert np.allclose(erlang[staffed], chat_plan.metrics.occupancy[1][staffed])
    # Sessions of 840 s, not 600 s: the simulated occupancy sits near Erlang's at that length
    # (a little below: the day starts with nobody in a session, and work left at closing time
    # is not counted), far above what 600 s sessions would keep the agents busy.
    simulated, at_840 = float(chat.week.occupancy.mean), float(chat.week.occupancy.erlang)
    assert at_840 - 0.06 < simulated < at_840
    assert simulated > at_840 * 600 / 840 + 0.1
