"""Demand: volumes spread by profiles over open intervals, derived streams, windows, floors."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.staffing.demand import Grid, weekly_volumes, window_mask
from ccorg.staffing.errors import StreamError

HEAD = """\
center: {id: c, name: 中心, service_hours: 7x24}
grades: [{id: g, name: 职级, rank: 1}]
shrinkage: {breakdown: {breaks: 0.1}}
"""


def demand_of(streams: str, interval: int = 60, head: str = HEAD):
    text = (
        head
        + f"demand:\n  interval_minutes: {interval}\n  streams:\n"
        + textwrap.indent(textwrap.dedent(streams), "    ")
    )
    return weekly_volumes(validate(load_yaml(text, "t.yaml")))


VOICE = "channel: voice, aht_seconds: 180, service_level: {target: 0.8, seconds: 20}"


def test_per_day_volume_is_a_calendar_day_average_spread_flat() -> None:
    week = demand_of(f"- {{id: calls, name: 来话, volume: {{per_day: 2400}}, {VOICE}}}")["calls"]
    assert week.arrivals.shape == (7, 24)
    assert week.weekly_volume == pytest.approx(16_800)
    assert np.allclose(week.arrivals, 100)
    assert not week.arrivals.flags.writeable


@pytest.mark.parametrize(
    ("volume", "weekly"),
    [
        ("{per_week: 7000}", 7000),
        ("{per_month: 3650}", 3650 * 12 * 7 / 365),
        ("{per_year: 36500}", 700),
    ],
)
def test_volume_periods(volume: str, weekly: float) -> None:
    week = demand_of(f"- {{id: s, name: S, volume: {volume}, {VOICE}}}")["s"]
    assert week.weekly_volume == pytest.approx(weekly)


def test_weekly_and_intraday_profiles_keep_each_days_share() -> None:
    streams = """\
    - id: calls
      name: 来话
      volume: {per_week: 1000}
      channel: voice
      aht_seconds: 180
      service_level: {target: 0.8, seconds: 20}
      weekly: {mon: 3, tue: 1, wed: 1, thu: 1, fri: 1, sat: 1, sun: 2}
      intraday:
        weekdays: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        sun: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
        daily: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    """
    week = demand_of(streams)["calls"].arrivals
    days = week.sum(axis=1)
    assert days == pytest.approx([300, 100, 100, 100, 100, 100, 200])
    assert (week[0, 9], week[0, 10]) == pytest.approx((75, 225))
    assert week[5] == pytest.approx(np.full(24, 100 / 24))  # Saturday: 'daily'
    assert (week[6, 0], week[6, 23]) == pytest.approx((100, 100))


def test_hourly_weights_split_over_shorter_intervals() -> None:
    hourly = [0] * 23 + [4]
    streams = f"- {{id: s, name: S, volume: {{per_week: 700}}, intraday: {hourly}, {VOICE}}}"
    week = demand_of(streams, interval=15)["s"].arrivals
    assert week.shape == (7, 96)
    assert week[2, 92:] == pytest.approx([25, 25, 25, 25])
    assert week[2, :92].sum() == 0


def test_closed_hours_take_no_volume_and_days_keep_their_weight() -> None:
    head = HEAD.replace(
        "service_hours: 7x24",
        'service_hours: {mon: ["09:00-12:00"], tue: ["22:00-02:00"]}',
    )
    week = demand_of(f"- {{id: s, name: S, volume: {{per_week: 600}}, {VOICE}}}", head=head)["s"]
    # Tuesday's window crosses midnight into Wednesday: three open days, a third each, each
    # spread over its own open intervals.
    assert week.arrivals.sum(axis=1) == pytest.approx([200, 200, 200, 0, 0, 0, 0])
    assert week.arrivals[0, 9:12] == pytest.approx([200 / 3] * 3)
    assert week.arrivals[1, 22:] == pytest.approx([100, 100])
    assert week.arrivals[2, :2] == pytest.approx([100, 100])
    assert week.open[2, :2].all() and not week.open[2, 2]


def test_window_mask_counts_partly_covered_intervals() -> None:
    grid = Grid(30)
    mask = window_mask("08:15-09:00", ["wed"], grid)
    assert np.flatnonzero(mask[2]).tolist() == [16, 17]
    assert mask.sum() == 2
    overnight = window_mask("23:00-01:00", ["sun"], grid)
    assert np.flatnonzero(overnight[6]).tolist() == [46, 47]
    assert np.flatnonzero(overnight[0]).tolist() == [0, 1]


def test_derived_stream_follows_its_source() -> None:
    streams = f"""\
    - {{id: calls, name: 来话, volume: {{per_day: 1000}}, intraday: [{", ".join(["1"] * 12 + ["3"] * 12)}], {VOICE}}}
    - id: complaints
      name: 投诉
      channel: deferred
      volume: {{share_of: calls, fraction: 0.02}}
      handle_seconds: 600
      response_hours: 24
    """
    weeks = demand_of(streams)
    calls, complaints = weeks["calls"].arrivals, weeks["complaints"].arrivals
    assert complaints == pytest.approx(0.02 * calls)


def test_derived_outbound_is_worked_only_in_its_hours() -> None:
    streams = f"""\
    - {{id: calls, name: 来话, volume: {{per_day: 1000}}, {VOICE}}}
    - id: callbacks
      name: 回访
      channel: outbound
      volume: {{share_of: calls, fraction: 0.1}}
      contact_rate: 0.8
      handle_seconds: 240
      service_hours: {{mon: ["09:00-17:00"]}}
    """
    callbacks = demand_of(streams)["callbacks"]
    assert callbacks.weekly_volume == pytest.approx(700)
    assert callbacks.arrivals[0, 9:17] == pytest.approx([87.5] * 8)
    assert callbacks.arrivals.sum(axis=1)[1:].sum() == 0


def test_floors_apply_in_their_window_while_open() -> None:
    streams = """\
    - id: calls
      name: 来话
      volume: {per_day: 100}
      channel: voice
      aht_seconds: 180
      service_level: {target: 0.8, seconds: 20}
      floors:
        - {agents: 2, window: "22:00-06:00"}
        - {agents: 3, window: "00:00-02:00", days: [sun]}
    """
    floor = demand_of(streams)["calls"].floor
    assert floor[0].tolist() == [2] * 6 + [0] * 16 + [2, 2]
    assert floor[6, :3].tolist() == [3, 3, 2]


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        (
            'service_hours: {mon: ["07:00-09:00"]}',
            ("service_hours",),
            "open at Mon 07:00, when the center is closed",
        ),
        ("intraday: [1, 2, 3]", ("intraday",), "has 3 weights; give 24 (one per hour) or 24"),
        (
            "intraday: [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
            ("intraday",),
            "the profiles give no weight to any interval in which the stream is open",
        ),
    ],
)
def test_stream_errors_name_the_field(extra: str, field: tuple[str, ...], message: str) -> None:
    head = HEAD.replace(
        "service_hours: 7x24", 'service_hours: {mon: ["08:00-20:00"], tue: ["08:00-20:00"]}'
    )
    with pytest.raises(StreamError) as caught:
        demand_of(f"- {{id: s, name: S, volume: {{per_day: 10}}, {extra}, {VOICE}}}", head=head)
    assert caught.value.field == field
    assert message in str(caught.value)
