"""Workload: per-interval requirement by channel, then agent-hours → FTE → headcount."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.validate import validate
from ccorg.plan import Plan
from ccorg.staffing import queueing
from ccorg.staffing.errors import StreamError
from ccorg.staffing.headcount import build_plan, fte_text


def plan_of(streams: str, rule: str, *, interval: int = 60, extra: str = "") -> Plan:
    text = textwrap.dedent(f"""\
        center: {{id: c, name: 中心}}
        grades: [{{id: g, name: 职级, rank: 1}}]
        shrinkage: {{breakdown: {{annual_leave: 0.1, breaks: 0.15}}}}
        {extra}
        departments:
          - id: d
            name: 部门
            posts:
              - {{id: agent, name: 座席, grade: g, rule: {rule}}}
              - {{id: lead, name: 组长, grade: g, rule: {{kind: ratio, per: 10, of: [agent]}}}}
        demand:
          interval_minutes: {interval}
          streams:
        """) + textwrap.indent(textwrap.dedent(streams), "    ")
    return build_plan(validate(load_yaml(text, "t.yaml")))


VOICE = """\
- id: calls
  name: 来话
  channel: voice
  volume: {per_day: 2400}
  aht_seconds: 180
  service_level: {target: 0.8, seconds: 20}
  intraday: [1, 1, 1, 1, 1, 1, 1, 1, 4, 6, 6, 6, 5, 5, 6, 6, 5, 4, 3, 3, 2, 2, 1, 1]
"""


def test_voice_requirement_is_the_engines_per_interval_answer() -> None:
    plan = plan_of(VOICE, "{kind: workload, streams: [calls]}")
    (stream,) = plan.streams
    expected = queueing.required_agents(
        stream.volume, 3600, 180, 0.8, 20, max_occupancy=0.85, min_agents=0
    )
    assert np.array_equal(stream.agents, expected.agents)
    assert stream.metrics is not None
    assert np.all(stream.metrics.service_level >= 0.8)
    assert np.all(stream.metrics.occupancy <= 0.85 + 1e-12)
    assert stream.post_id == "agent"


def test_fte_is_agent_hours_over_productive_hours_then_rounded_up() -> None:
    plan = plan_of(VOICE, "{kind: workload, streams: [calls], schedule_fit: 0.05}")
    (stream,) = plan.streams
    weekly = float(stream.agents.sum())  # one-hour intervals
    fte = weekly * 365 / 7 / (1984 * (1 - 0.25)) * 1.05
    agent = plan.post("agent")
    assert agent.workload is not None
    assert agent.workload.fte == pytest.approx(fte)
    assert agent.requirement == pytest.approx(fte)
    assert agent.headcount == math.ceil(fte)
    # The ratio stacked on it follows.
    assert plan.post("lead").headcount == math.ceil(agent.headcount / 10)
    assert agent.basis == (
        f"2,400 calls/day · 80/20 · peak {int(stream.agents.max())} → {fte:.1f} FTE → "
        f"⌈{fte:.1f}⌉ = {math.ceil(fte)}"
    )
    assert "shrinkage 25%: annual_leave 10% + breaks 15%" in agent.steps


def test_rule_shrinkage_and_calendar_override_the_defaults() -> None:
    rule = "{kind: workload, streams: [calls], shrinkage: {breakdown: {breaks: 0.5}}}"
    plan = plan_of(VOICE, rule, extra="calendar: {working_days: 250, hours_per_day: 7.5}")
    derivation = plan.post("agent").workload
    assert derivation is not None
    assert (derivation.paid_hours, derivation.shrinkage_total) == (1875, 0.5)
    assert derivation.productive_hours == pytest.approx(937.5)


def test_floors_raise_quiet_intervals() -> None:
    streams = VOICE + '  floors: [{agents: 6, window: "00:00-06:00"}]\n'
    (stream,) = plan_of(streams, "{kind: workload, streams: [calls]}").streams
    (without,) = plan_of(VOICE, "{kind: workload, streams: [calls]}").streams
    assert without.agents[:, :6].max() == 4
    assert stream.agents[:, :6].min() == 6
    assert np.array_equal(stream.agents[:, 6:], without.agents[:, 6:])
    assert stream.floor[:, 6:].max() == 0


def test_chat_staffs_whole_agents_for_its_slots() -> None:
    streams = """\
    - id: chat
      name: 在线
      channel: chat
      concurrency: 3
      volume: {per_day: 4800}
      aht_seconds: 600
      service_level: {target: 0.8, seconds: 30}
    """
    (stream,) = plan_of(streams, "{kind: workload, streams: [chat]}").streams
    slots = queueing.required_agents(stream.volume, 3600, 600, 0.8, 30, max_occupancy=0.85)
    assert np.array_equal(stream.agents, np.ceil(slots.agents / 3))
    assert stream.metrics is not None
    assert np.array_equal(stream.metrics.agents, stream.agents * 3)


def test_erlang_a_needs_fewer_agents_and_reports_abandonment() -> None:
    patient = VOICE + "  patience_seconds: 300\n  max_abandon_rate: 0.05\n"
    (erlang_a,) = plan_of(patient, "{kind: workload, streams: [calls]}").streams
    (erlang_c,) = plan_of(VOICE, "{kind: workload, streams: [calls]}").streams
    assert erlang_a.agents.sum() < erlang_c.agents.sum()
    assert erlang_a.metrics is not None and erlang_a.metrics.abandon_rate is not None
    assert erlang_a.metrics.abandon_rate.max() <= 0.05
    assert erlang_a.abandon_rate is not None and 0 < erlang_a.abandon_rate < 0.05
    assert erlang_c.abandon_rate is None


def test_outbound_agents_are_attempts_times_work_per_attempt() -> None:
    streams = """\
    - id: dial
      name: 外呼
      channel: outbound
      volume: {per_week: 7000}
      contact_rate: 0.4
      handle_seconds: 300
      failed_attempt_seconds: 20
      max_occupancy: 0.9
    """
    (stream,) = plan_of(streams, "{kind: workload, streams: [dial]}", interval=30).streams
    per_attempt = 0.4 * 300 + 0.6 * 20
    assert stream.agents == pytest.approx(stream.volume * per_attempt / 1800 / 0.9)
    assert stream.weekly_agent_hours == pytest.approx(7000 * per_attempt / 3600 / 0.9)
    assert stream.metrics is None


DEFERRED = """\
- id: mail
  name: 邮件
  channel: deferred
  volume: {{per_week: 700}}
  handle_seconds: 360
  response_hours: {hours}
  service_hours: {{mon: ["09:00-17:00"], tue: ["09:00-17:00"], wed: ["09:00-17:00"], thu: ["09:00-17:00"], fri: ["09:00-17:00"], sat: ["09:00-17:00"], sun: ["09:00-17:00"]}}
"""


def test_deferred_work_is_conserved_and_done_while_open() -> None:
    (stream,) = plan_of(DEFERRED.format(hours=24), "{kind: workload, streams: [mail]}").streams
    # Items arrive around the clock (the center is 7x24) and are worked 09:00–17:00.
    assert stream.volume[:, 3].sum() > 0
    assert stream.agents[~stream.open].sum() == 0
    # Every item's work is done, at the default occupancy of 85%.
    assert stream.weekly_agent_hours == pytest.approx(700 * 360 / 3600 / 0.85)


def test_deferred_items_that_cannot_meet_their_response_time() -> None:
    with pytest.raises(StreamError) as caught:
        plan_of(DEFERRED.format(hours=4), "{kind: workload, streams: [mail]}")
    assert caught.value.field == ("response_hours",)
    assert "items arriving at Mon 00:00 cannot be finished within 4 h" in str(caught.value)


def test_infeasible_target_names_the_interval() -> None:
    streams = VOICE.replace("{target: 0.8, seconds: 20}", "{target: 1, seconds: 0}")
    with pytest.raises(StreamError) as caught:
        plan_of(streams, "{kind: workload, streams: [calls]}")
    assert str(caught.value) == (
        "stream 'calls': the targets cannot be met at Mon 00:00 (32.9 calls): "
        "service level 100% within 0 s can never be met"
    )


def test_a_post_may_work_several_streams() -> None:
    streams = VOICE + DEFERRED.format(hours=24)
    both = plan_of(streams, "{kind: workload, streams: [calls, mail]}")
    calls = plan_of(VOICE, "{kind: workload, streams: [calls]}")
    derivation, alone = both.post("agent").workload, calls.post("agent").workload
    assert derivation is not None and alone is not None
    assert derivation.weekly_agent_hours == pytest.approx(alone.weekly_agent_hours + 70 / 0.85)
    assert " · peak 13 + 700 items/week × 360 s · peak 1.5 → " in both.post("agent").basis


@pytest.mark.parametrize(
    ("value", "rounding", "text"),
    [
        (57.0, "up", "57.0"),
        (57.04, "up", "57.04"),
        (56.96, "up", "57.0"),
        (57.04, "nearest", "57.0"),
    ],
)
def test_fte_text_never_misstates_its_rounding(value: float, rounding: str, text: str) -> None:
    assert fte_text(value, rounding) == text
