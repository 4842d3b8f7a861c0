"""Workload: per-interval requirement by channel, then agent-hours → FTE → headcount."""

from __future__ import annotations

import math
import textwrap

import mpmath
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


CHAT = """\
- id: chat
  name: 在线
  channel: chat
  concurrency: 3
  volume: {per_day: 4800}
  aht_seconds: 600
  service_level: {target: 0.8, seconds: 30}
"""


def test_chat_staffs_whole_agents_for_its_slots() -> None:
    (stream,) = plan_of(CHAT, "{kind: workload, streams: [chat]}").streams
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


def exact_erlang_c_slots(chats: float, interval: float, session: float, t: float) -> list[float]:
    """Erlang C service level at 1, 2, … slots for one interval, from the 50-digit sums."""
    with mpmath.workdps(50):
        a = mpmath.mpf(chats) * session / interval
        levels = []
        for n in range(1, int(a) + 60):
            terms = [a**k / mpmath.factorial(k) for k in range(n + 1)]
            if n <= a:
                levels.append(0.0)
                continue
            top = terms[-1] * n / (n - a)
            c = top / (mpmath.fsum(terms[:-1]) + top)
            levels.append(float(1 - c * mpmath.exp(-(n - a) * t / session)))
        return levels


def smallest_slots(chats: float, session: float, target: float, cap: float) -> int:
    levels = exact_erlang_c_slots(chats, 1800, session, 30)
    load = chats * session / 1800
    return next(n for n, sl in enumerate(levels, 1) if sl >= target and load / n <= cap)


@pytest.mark.parametrize(
    ("extra", "session", "agents"),
    [
        ("", 600, 14),  # the slot model: each of 3 chats as fast as one
        ("  concurrency_slowdown: 0.1\n", 720, 16),  # 600 s × (1 + 10% × 2)
        ("  aht_by_concurrency: {2: 660, 3: 720}\n", 720, 16),
    ],
)
def test_chat_agents_slow_down_with_concurrency(extra: str, session: float, agents: int) -> None:
    # 4,800 chats a day, flat over 7×24 in half-hours: 100 chats an interval.
    (stream,) = plan_of(CHAT + extra, "{kind: workload, streams: [chat]}", interval=30).streams
    assert np.all(stream.volume == pytest.approx(100))
    slots = smallest_slots(100, session, 0.8, 0.85)
    assert math.ceil(slots / 3) == agents
    assert np.all(stream.agents == agents)
    assert stream.metrics is not None
    assert np.all(stream.metrics.agents == agents * 3)
    assert float(stream.metrics.load_erlangs.max()) == pytest.approx(100 * session / 1800)


def test_layered_shrinkage_gives_the_fte() -> None:
    layers = "shrinkage: {in_shift: {breaks: 0.15}, out_of_shift: {annual_leave: 0.1}}"
    rule = f"{{kind: workload, streams: [calls], {layers}}}"
    plan = plan_of(VOICE, rule)
    derivation = plan.post("agent").workload
    assert derivation is not None
    assert derivation.shrinkage_total == pytest.approx(1 - 0.85 * 0.9, rel=1e-15)
    assert derivation.in_shift == (("breaks", 0.15),)
    assert derivation.out_of_shift == (("annual_leave", 0.1),)
    assert derivation.shrinkage_fields() == {
        "in_shift.breaks": 0.15,
        "out_of_shift.annual_leave": 0.1,
    }
    weekly = float(plan.streams[0].agents.sum())
    assert derivation.fte == pytest.approx(weekly * 365 / 7 / (1984 * 0.85 * 0.9))
    flat = plan_of(VOICE, "{kind: workload, streams: [calls]}").post("agent")
    assert flat.workload is not None and flat.workload.shrinkage_total == 0.25
    # Multiplied, 15% and 10% lose less than added: fewer people.
    assert plan.post("agent").headcount < flat.headcount
    assert "shrinkage 23.5% = 1 − (1 − 15%) × (1 − 10%): " in " ".join(plan.post("agent").steps)


def test_the_binding_target_at_the_peak() -> None:
    plan = plan_of(VOICE + "  max_occupancy: 0.7\n", "{kind: workload, streams: [calls]}")
    (stream,) = plan.streams
    binding = stream.peak_binding
    assert binding is not None and binding.target == "occupancy"
    needs = dict(binding.agents_by_target)
    day, interval, agents = stream.peak
    calls = float(stream.volume[day, interval])
    assert needs["occupancy"] == agents == math.ceil(calls * 180 / 3600 / 0.7)
    alone = queueing.required_agents(calls, 3600, 180, 0.8, 20)
    assert needs["service_level"] == int(alone.agents) < agents
    assert f"set by occupancy ≤ 70% (service level alone needs {int(alone.agents)})" in " ".join(
        plan.post("agent").steps
    )
    # Where the floor is above what every target needs, the floor sets it.
    floored = plan_of(VOICE + "  floors: [{agents: 30}]\n", "{kind: workload, streams: [calls]}")
    valley = floored.streams[0].valley_binding
    assert valley is not None and valley.target == "floor"
    assert dict(valley.agents_by_target)["floor"] == 30
    # Every interval needs 30, so the peak is the first, Mon 00:00 (32.9 calls).
    alone = int(queueing.required_agents(2400 / 73, 3600, 180, 0.8, 20).agents)
    assert (
        "peak 30 agents at Mon 00:00 (32.9 calls, SL 100.0%), set by the floor of agents on "
        in (" ".join(floored.post("agent").steps))
    )
    assert f"set by the floor of agents on duty (service level alone needs {alone})" in " ".join(
        floored.post("agent").steps
    )


def test_deferred_work_at_the_default_occupancy() -> None:
    (stream,) = plan_of(DEFERRED.format(hours=24), "{kind: workload, streams: [mail]}").streams
    plain = plan_of(
        DEFERRED.format(hours=24) + "  max_occupancy: 1\n", "{kind: workload, streams: [mail]}"
    ).streams[0]
    np.testing.assert_allclose(stream.agents, plain.agents / 0.85)
    assert stream.peak_binding is not None and stream.peak_binding.target == "occupancy"


def test_the_service_level_definition_reaches_the_engine() -> None:
    patient = VOICE + "  patience_seconds: 60\n"
    answered = patient.replace(
        "{target: 0.8, seconds: 20}", "{target: 0.8, seconds: 20, definition: answered}"
    )
    (offered_stream,) = plan_of(patient, "{kind: workload, streams: [calls]}").streams
    (answered_stream,) = plan_of(answered, "{kind: workload, streams: [calls]}").streams
    expected = queueing.required_agents(
        answered_stream.volume,
        3600,
        180,
        0.8,
        20,
        max_occupancy=0.85,
        patience_seconds=60,
        service_level_definition="answered",
    )
    assert np.array_equal(answered_stream.agents, expected.agents)
    assert answered_stream.metrics is not None
    assert answered_stream.metrics.service_level_definition == "answered"
    assert answered_stream.agents.sum() <= offered_stream.agents.sum()
