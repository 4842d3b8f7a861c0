"""Per-interval requirement → agent-hours → FTE. Pure: no I/O.

Voice and chat are queues: each interval gets the smallest whole number of agents meeting
every target (``queueing.required_agents``). Deferred and outbound work is workload: agents
= work ÷ interval length ÷ occupancy, fractional. Agent-hours over the week, scaled to a year,
divided by each FTE's productive hours (paid hours less shrinkage), give the FTE; nothing is
rounded before that last step.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ccorg.config.schema import (
    Calendar,
    ChatStream,
    Config,
    DeferredStream,
    OutboundStream,
    Shrinkage,
    Stream,
    VoiceStream,
    WorkloadRule,
)
from ccorg.i18n import _
from ccorg.plan import Binding, StreamPlan, WorkloadDerivation
from ccorg.staffing import queueing
from ccorg.staffing.demand import (
    DAY_NAMES,
    DAYS_PER_YEAR,
    FloatWeek,
    Grid,
    StreamDemand,
    weekly_volumes,
)
from ccorg.staffing.errors import StreamError
from ccorg.staffing.targets import Targets, binding_text, definition_text
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.staffing.shifts import ShiftPlan

UNITS = {"voice": "calls", "chat": "chats", "deferred": "items", "outbound": "attempts"}


def plan_streams(
    config: Config,
    worked_by: Mapping[str, str],
    forecasts: Mapping[str, FloatWeek] | None = None,
    cache: StreamCache | None = None,
) -> dict[str, StreamPlan]:
    """Every demand stream's week with its per-interval requirement, by id.

    ``worked_by`` maps stream ids to the workload post that works them. With ``cache``, a
    stream whose inputs were solved before (another variant of the same config) is not
    solved again.
    """
    assert config.demand is not None
    grid = Grid(config.demand.interval_minutes)
    demands = weekly_volumes(config, forecasts)
    plans: dict[str, StreamPlan] = {}
    for stream_id, demand in demands.items():
        if cache is None:
            agents, metrics = requirement(demand, grid)
        else:
            agents, metrics = cache.requirement(demand, grid)
        agents.flags.writeable = False
        plan = StreamPlan(
            stream=demand.stream,
            interval_minutes=grid.interval_minutes,
            volume=demand.arrivals,
            agents=agents,
            open=demand.open,
            floor=demand.floor,
            metrics=metrics,
            summary=summary(demand.stream, demand.weekly_volume),
            post_id=worked_by.get(stream_id),
        )
        peak, valley = bindings(plan, demand, grid, [plan.peak[:2], plan.valley[:2]])
        plans[stream_id] = replace(plan, peak_binding=peak, valley_binding=valley)
    return plans


class StreamCache:
    """Solved requirements by everything they are a function of: the stream's settings and
    its week of arrivals, opening and floors, on the grid. ``ccorg compare`` keeps one over
    all its variants, so a variant that changes one stream re-solves only that stream."""

    def __init__(self) -> None:
        self._solved: dict[tuple[object, ...], tuple[FloatWeek, queueing.IntervalMetrics | None]]
        self._solved = {}

    def requirement(
        self, demand: StreamDemand, grid: Grid
    ) -> tuple[FloatWeek, queueing.IntervalMetrics | None]:
        key = (
            demand.stream.model_dump_json(),
            grid.interval_minutes,
            demand.arrivals.tobytes(),
            demand.open.tobytes(),
            demand.floor.tobytes(),
        )
        found = self._solved.get(key)
        if found is None:
            found = self._solved[key] = requirement(demand, grid)
        return found


def requirement(
    demand: StreamDemand, grid: Grid
) -> tuple[FloatWeek, queueing.IntervalMetrics | None]:
    """Agents required per interval, and the queue metrics at them (voice and chat)."""
    stream = demand.stream
    if isinstance(stream, VoiceStream | ChatStream):
        return _queue(stream, demand, grid)
    return np.maximum(_work_agents(stream, demand, grid), demand.floor), None


def _work_agents(stream: Stream, demand: StreamDemand, grid: Grid) -> FloatWeek:
    """Deferred and outbound work as agents: work ÷ interval ÷ occupancy (before the floor)."""
    if isinstance(stream, DeferredStream):
        work = deferred_work(stream, demand, grid)
    else:
        work = demand.arrivals * _seconds_per_attempt(stream)
    assert isinstance(stream, DeferredStream | OutboundStream)
    return work / grid.interval_seconds / stream.max_occupancy


def _queue_arguments(stream: VoiceStream | ChatStream, grid: Grid) -> dict[str, Any]:
    """What the queueing engine takes for this stream, besides the calls and the floor.

    A chat agent works ``concurrency`` sessions at once: the queue is solved over slots, each
    session lasting as long as it does at that concurrency.
    """
    level = stream.service_level
    return {
        "interval_seconds": grid.interval_seconds,
        "aht_seconds": (
            stream.session_seconds if isinstance(stream, ChatStream) else stream.aht_seconds
        ),
        "sl_target": level.target,
        "sl_seconds": level.seconds,
        "max_occupancy": stream.max_occupancy,
        "asa_target_seconds": stream.asa_seconds,
        "patience_seconds": stream.patience_seconds,
        "max_abandon_rate": stream.max_abandon_rate,
        "service_level_definition": level.definition,
        "short_abandon_seconds": level.short_abandon_seconds,
    }


_TARGET_ARGUMENTS = ("sl_target", "max_occupancy", "asa_target_seconds", "max_abandon_rate")


def _slots(stream: Stream) -> int:
    return stream.concurrency if isinstance(stream, ChatStream) else 1


def _queue(
    stream: VoiceStream | ChatStream, demand: StreamDemand, grid: Grid
) -> tuple[FloatWeek, queueing.IntervalMetrics]:
    # Staff whole agents to hold the slots the queue needs.
    slots_per_agent = _slots(stream)
    calls = demand.arrivals
    arguments = _queue_arguments(stream, grid)
    try:
        needed = queueing.required_agents(
            calls, **arguments, min_agents=demand.floor * slots_per_agent
        )
    except queueing.InfeasibleTargetError as error:
        unit = UNITS[stream.channel]
        raise StreamError(
            stream.id,
            (),
            f"the targets cannot be met at {grid.label(error.index)} "
            f"({number(float(calls.ravel()[error.index]), 1)} {unit}): {error.reason}",
        ) from None
    if slots_per_agent == 1:
        return needed.agents.astype(np.float64), needed
    agents = -(-needed.agents // slots_per_agent)
    queue = {k: v for k, v in arguments.items() if k not in _TARGET_ARGUMENTS}
    metrics = queueing.metrics_at(agents * slots_per_agent, calls, **queue)
    return agents.astype(np.float64), metrics


def bindings(
    plan: StreamPlan, demand: StreamDemand, grid: Grid, moments: list[tuple[int, int]]
) -> list[Binding]:
    """Which target set the agents at each (weekday, interval) of ``moments``.

    For a queue, what each target needs alone (in whole agents: a chat's slots ÷ its
    concurrency, rounded up); for deferred and outbound work, the work ÷ occupancy against
    the floor.
    """
    days, intervals = (np.array(axis) for axis in zip(*moments, strict=True))
    stream = plan.stream
    floor = demand.floor[days, intervals]
    if isinstance(stream, VoiceStream | ChatStream):
        slots = _slots(stream)
        found = queueing.agents_by_target(
            demand.arrivals[days, intervals],
            **_queue_arguments(stream, grid),
            min_agents=floor * slots,
        )
        by_target = {name: -(-agents // slots) for name, agents in found.items()}
    else:
        by_target = {"occupancy": _work_agents(stream, demand, grid)[days, intervals]}
        if floor.any():
            by_target["floor"] = floor.astype(np.float64)
    binding = queueing.binding_targets(by_target)
    return [
        Binding(
            binding[i],
            tuple((name, float(values[i])) for name, values in by_target.items()),
        )
        for i in range(len(moments))
    ]


def deferred_work(stream: DeferredStream, demand: StreamDemand, grid: Grid) -> FloatWeek:
    """Agent-seconds of work per interval: each interval's items spread evenly over the open
    intervals within their response time (the week wraps around, Sunday into Monday)."""
    arriving = (demand.arrivals * stream.handle_seconds).ravel()
    open_ = demand.open.ravel().astype(np.float64)
    size = open_.size
    window = int(min(size, max(1, stream.response_hours * 60 // grid.interval_minutes)))
    # Open intervals within each arrival's window: open_[i] + open_[i+1] + … + open_[i+window-1].
    reachable = sum(np.roll(open_, -offset) for offset in range(window))
    stranded = (arriving > 0) & (reachable == 0)
    if stranded.any():
        first = int(np.flatnonzero(stranded)[0])
        raise StreamError(
            stream.id,
            ("response_hours",),
            f"items arriving at {grid.label(first)} cannot be finished within "
            f"{number(stream.response_hours)} h: the stream is closed all that time",
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(reachable > 0, arriving / reachable, 0.0)
    work = sum(np.roll(share, offset) * open_ for offset in range(window))
    return np.asarray(work).reshape(grid.shape)


def _seconds_per_attempt(stream: Stream) -> float:
    assert isinstance(stream, OutboundStream)
    rate = stream.contact_rate
    return rate * stream.handle_seconds + (1 - rate) * stream.failed_attempt_seconds


def summary(stream: Stream, weekly_volume: float) -> str:
    """The stream in a few words: ``3,000 calls/day · 80/20``, ``60 items/day × 25 min``."""
    volume = volume_text(stream, weekly_volume)
    if isinstance(stream, VoiceStream | ChatStream):
        level = stream.service_level
        text = f"{volume} · {number(level.target * 100, 1)}/{number(level.seconds)}"
        if isinstance(stream, ChatStream):
            text += f" · {stream.concurrency} at once"
        return text
    if isinstance(stream, DeferredStream):
        return f"{volume} × {_duration(stream.handle_seconds)}"
    assert isinstance(stream, OutboundStream)
    return f"{volume} × {stream.contact_rate:.0%} × {_duration(stream.handle_seconds)}"


def volume_text(stream: Stream, weekly_volume: float) -> str:
    """The volume as written (``3,000 calls/day``); a derived or forecast one per day."""
    volume = stream.volume
    unit = UNITS[stream.channel]
    for key, period in (
        ("per_day", "day"),
        ("per_week", "week"),
        ("per_month", "month"),
        ("per_year", "year"),
    ):
        value = getattr(volume, key)
        if value is not None:
            return f"{number(value, 1)} {unit}/{period}"
    return f"{weekly_volume / 7:,.0f} {unit}/day"


def volume_origin(stream: Stream) -> str | None:
    """Where a derived or forecast volume comes from: ``2% of calls``, ``forecast f.csv``."""
    volume = stream.volume
    if volume.share_of is not None:
        return f"{number((volume.fraction or 0) * 100, 2)}% of {volume.share_of}"
    if volume.forecast is not None:
        return f"forecast {volume.forecast}"
    return None


def _duration(seconds: float) -> str:
    return f"{number(seconds / 60, 1)} min" if seconds >= 600 else f"{number(seconds)} s"


def post_fte(
    rule: WorkloadRule,
    streams: Mapping[str, StreamPlan],
    calendar: Calendar,
    shrinkage: Shrinkage,
    schedule: ShiftPlan | None = None,
) -> WorkloadDerivation:
    """FTE = annual agent-hours ÷ (paid hours × (1 − shrinkage)) × (1 + schedule fit).

    The schedule fit is the rule's, or ``schedule``'s when the rule derives it (``auto``).
    """
    fit = schedule.schedule_fit if schedule is not None else float(rule.schedule_fit)
    weekly = sum(streams[stream_id].weekly_agent_hours for stream_id in rule.streams)
    annual = weekly * DAYS_PER_YEAR / 7
    productive = calendar.paid_hours * (1 - shrinkage.total)
    return WorkloadDerivation(
        streams=tuple(rule.streams),
        weekly_agent_hours=weekly,
        annual_agent_hours=annual,
        working_days=calendar.working_days,
        hours_per_day=calendar.hours_per_day,
        paid_hours=calendar.paid_hours,
        shrinkage=tuple(shrinkage.parts.items()),
        shrinkage_total=shrinkage.total,
        productive_hours=productive,
        schedule_fit=fit,
        fte=annual / productive * (1 + fit),
        in_shift=tuple((shrinkage.in_shift or {}).items()),
        out_of_shift=tuple((shrinkage.out_of_shift or {}).items()),
        schedule_fit_source=schedule.source if schedule is not None else None,
    )


def derivation_steps(
    derivation: WorkloadDerivation, streams: Mapping[str, StreamPlan]
) -> tuple[str, list[str]]:
    """The one-line basis (before rounding) and the steps from demand to FTE."""
    steps: list[str] = []
    peaks: list[str] = []
    for stream_id in derivation.streams:
        plan = streams[stream_id]
        steps.extend(stream_steps(plan))
        peaks.append(
            _("{summary} · peak {agents}").format(
                summary=plan.summary, agents=number(plan.peak[2], 1)
            )
        )
    d = derivation
    lead = " + ".join(peaks)
    if d.schedule_fit_source:
        lead += f" · {d.schedule_fit_source}"
    steps.append(
        _("agent-hours a year: {weekly} a week × {days} ÷ 7 = {annual}").format(
            weekly=number(d.weekly_agent_hours, 1),
            days=DAYS_PER_YEAR,
            annual=number(d.annual_agent_hours, 1),
        )
    )
    steps.append(
        _("paid hours per FTE: {days} days × {hours} h = {paid} h").format(
            days=number(d.working_days), hours=number(d.hours_per_day), paid=number(d.paid_hours, 1)
        )
    )
    steps.extend(shrinkage_steps(d))
    steps.append(
        _("productive hours per FTE: {paid} × (1 − {shrinkage}) = {productive} h").format(
            paid=number(d.paid_hours, 1),
            shrinkage=_percent(d.shrinkage_total),
            productive=number(d.productive_hours, 1),
        )
    )
    raw = d.annual_agent_hours / d.productive_hours
    fte = f"FTE: {number(d.annual_agent_hours, 1)} ÷ {number(d.productive_hours, 1)} = {raw:,.2f}"
    if d.schedule_fit_source:
        steps.append(d.schedule_fit_source)
    if d.schedule_fit:
        fte += f" × (1 + {_percent(d.schedule_fit)} schedule fit) = {d.fte:,.2f}"
    steps.append(fte)
    return lead, steps


def shrinkage_steps(d: WorkloadDerivation) -> list[str]:
    """The shrinkage and its parts; in layers, each layer and how they combine."""

    def parts(items: tuple[tuple[str, float], ...]) -> str:
        return " + ".join(f"{name} {_percent(share)}" for name, share in items)

    if not d.layered:
        return [f"shrinkage {_percent(d.shrinkage_total)}: {parts(d.shrinkage)}"]
    steps = []
    layers = []
    for label, items in (("in shift", d.in_shift), ("out of shift", d.out_of_shift)):
        total = math.fsum(share for _, share in items)
        layers.append(total)
        if items:
            steps.append(f"shrinkage {label} {_percent(total)}: {parts(items)}")
    inside, outside = layers
    steps.append(
        f"shrinkage {_percent(d.shrinkage_total)} = 1 − (1 − {_percent(inside)}) × "
        f"(1 − {_percent(outside)}): time lost on shift is lost only on the days worked"
    )
    return steps


def stream_steps(plan: StreamPlan) -> list[str]:
    """What one stream brings: inputs, peak and valley, agent-hours."""
    stream = plan.stream
    label = f"{stream.id} ({stream.name})"
    steps = [f"{label}, {stream.channel}: {'; '.join(inputs(plan))}"]
    unit = UNITS[stream.channel]
    p_day, p_interval, p_agents = plan.peak
    v_day, v_interval, v_agents = plan.valley
    grid = Grid(plan.interval_minutes)
    steps.append(
        f"{stream.id}: peak {number(p_agents, 1)} agents at {DAY_NAMES[p_day]} "
        f"{grid.time(p_interval)} ({number(float(plan.volume[p_day, p_interval]), 1)} {unit}"
        f"{_interval_metrics(plan, p_day, p_interval)}){_binding(plan, plan.peak_binding)}; "
        f"valley {number(v_agents, 1)} at {DAY_NAMES[v_day]} {grid.time(v_interval)} "
        f"({number(float(plan.volume[v_day, v_interval]), 1)} {unit})"
    )
    steps.append(
        f"{stream.id}: {number(plan.weekly_agent_hours, 1)} agent-hours a week = Σ agents × "
        f"{number(plan.interval_hours, 2)} h over {int(plan.open.sum())} open intervals"
    )
    return steps


def inputs(plan: StreamPlan) -> list[str]:
    """The stream's parameters as written, in words."""
    stream = plan.stream
    weekly = plan.weekly_volume
    volume = volume_text(stream, weekly)
    origin = volume_origin(stream)
    found = [f"{volume}{f' ({origin})' if origin else ''} = {number(weekly, 1)} a week"]
    if isinstance(stream, VoiceStream | ChatStream):
        level = stream.service_level
        found.append(f"AHT {number(stream.aht_seconds)} s")
        if isinstance(stream, ChatStream) and stream.session_seconds != stream.aht_seconds:
            found.append(
                f"{number(stream.session_seconds, 1)} s a session at {stream.concurrency} at once "
                f"({_slowdown(stream)}): effective AHT {number(stream.effective_aht_seconds, 1)} s"
            )
        found.append(
            f"{_percent(level.target)} answered within {number(level.seconds)} s "
            f"({definition_text(level.definition, level.short_abandon_seconds)})"
        )
        if stream.asa_seconds is not None:
            found.append(f"ASA ≤ {number(stream.asa_seconds)} s")
        found.append(f"occupancy ≤ {_percent(stream.max_occupancy)}")
        if stream.patience_seconds is not None:
            found.append(f"Erlang A, mean patience {number(stream.patience_seconds)} s")
        else:
            found.append("Erlang C")
        if stream.max_abandon_rate is not None:
            found.append(f"abandonment ≤ {_percent(stream.max_abandon_rate)}")
        if isinstance(stream, ChatStream):
            found.append(f"{stream.concurrency} chats at once per agent")
    elif isinstance(stream, DeferredStream):
        found.append(f"{number(stream.handle_seconds)} s per item")
        found.append(f"finished within {number(stream.response_hours)} h")
        found.append(f"occupancy ≤ {_percent(stream.max_occupancy)}")
    elif isinstance(stream, OutboundStream):
        found.append(f"{_percent(stream.contact_rate)} of attempts reached")
        found.append(f"{number(stream.handle_seconds)} s per contact")
        if stream.failed_attempt_seconds:
            found.append(f"{number(stream.failed_attempt_seconds)} s per failed attempt")
        found.append(f"occupancy ≤ {_percent(stream.max_occupancy)}")
    for floor in stream.floors:
        days = f" on {', '.join(floor.days)}" if floor.days else ""
        window = f" {floor.window}" if floor.window else ""
        found.append(f"at least {floor.agents} on duty{window}{days}")
    found.append(f"{plan.interval_minutes}-minute intervals")
    return found


def _binding(plan: StreamPlan, binding: Binding | None) -> str:
    phrase = binding_phrase(plan, binding)
    return f", {phrase}" if phrase else ""


def binding_phrase(plan: StreamPlan, binding: Binding | None) -> str:
    """``set by occupancy ≤ 85% (service level alone needs 24)``; empty when nothing binds."""
    if binding is None or binding.target is None:
        return ""
    stream = plan.stream
    targets = targets_of(stream)
    if targets is not None:
        return binding_text(binding.target, dict(binding.agents_by_target), targets)
    if binding.target == "floor":
        return "set by the floor of agents on duty"
    assert isinstance(stream, DeferredStream | OutboundStream)
    return f"set by the work at occupancy ≤ {_percent(stream.max_occupancy)}"


def targets_of(stream: Stream) -> Targets | None:
    """A queue's targets as written (None for deferred and outbound work)."""
    if not isinstance(stream, VoiceStream | ChatStream):
        return None
    return Targets(
        stream.service_level.target,
        stream.service_level.seconds,
        stream.asa_seconds,
        stream.max_occupancy,
        stream.max_abandon_rate,
    )


def _interval_metrics(plan: StreamPlan, day: int, interval: int) -> str:
    metrics = plan.metrics
    if metrics is None:
        return ""
    text = f", SL {metrics.service_level[day, interval]:.1%}"
    if metrics.abandon_rate is not None:
        text += f", abandoned {metrics.abandon_rate[day, interval]:.1%}"
    return text


def _slowdown(stream: ChatStream) -> str:
    if stream.aht_by_concurrency is not None:
        return "as measured"
    slowdown = _percent(stream.concurrency_slowdown or 0)
    return f"{number(stream.aht_seconds)} s × (1 + {slowdown} × {stream.concurrency - 1})"


def _percent(share: float) -> str:
    return f"{number(share * 100, 2)}%"
