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
from ccorg.i18n import N_, _, current_language, ngettext
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

UNITS = {
    "voice": N_("calls"),
    "chat": N_("chats"),
    "deferred": N_("items"),
    "outbound": N_("attempts"),
}
CHANNELS = {
    "voice": N_("voice"),
    "chat": N_("chat"),
    "deferred": N_("deferred"),
    "outbound": N_("outbound"),
}
# A volume as written, by its period: ``3,000 calls/day``.
_PER_PERIOD = {
    "per_day": N_("{volume} {unit}/day"),
    "per_week": N_("{volume} {unit}/week"),
    "per_month": N_("{volume} {unit}/month"),
    "per_year": N_("{volume} {unit}/year"),
}


def plan_streams(
    config: Config,
    worked_by: Mapping[str, str],
    forecasts: Mapping[str, FloatWeek] | None = None,
    cache: StreamCache | None = None,
) -> dict[str, StreamPlan]:
    """Every demand stream's week with its per-interval requirement, by id.

    ``worked_by`` maps stream ids to the workload post that works them. With ``cache``, a
    stream whose inputs were planned before (another variant of the same config) is not
    planned again: the very same ``StreamPlan`` comes back.
    """
    assert config.demand is not None
    grid = Grid(config.demand.interval_minutes)
    demands = weekly_volumes(config, forecasts)
    plan = stream_plan if cache is None else cache.stream_plan
    return {
        stream_id: plan(demand, grid, worked_by.get(stream_id))
        for stream_id, demand in demands.items()
    }


def stream_plan(
    demand: StreamDemand,
    grid: Grid,
    post_id: str | None,
    solved: tuple[FloatWeek, queueing.IntervalMetrics | None] | None = None,
) -> StreamPlan:
    """One stream's week planned: ``solved`` is its requirement when known already."""
    agents, metrics = requirement(demand, grid) if solved is None else solved
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
        post_id=post_id,
    )
    peak, valley = bindings(plan, demand, grid, [plan.peak[:2], plan.valley[:2]])
    return replace(plan, peak_binding=peak, valley_binding=valley)


class StreamCache:
    """Solved requirements by everything they are a function of: the stream's settings and
    its week of arrivals, opening and floors, on the grid. ``ccorg compare`` keeps one over
    all its variants, so a variant that changes one stream re-solves only that stream.

    Whole stream plans are kept too, by the identity of the stream's settings object (a
    scenario's config shares the objects it leaves alone with its base's), so that a post
    working them can be recognised as unchanged by the identity of its stream plans.
    """

    def __init__(self) -> None:
        self._solved: dict[tuple[object, ...], tuple[FloatWeek, queueing.IntervalMetrics | None]]
        self._solved = {}
        self._plans: dict[tuple[object, ...], StreamPlan] = {}

    def stream_plan(self, demand: StreamDemand, grid: Grid, post_id: str | None) -> StreamPlan:
        """``stream_plan(demand, grid, post_id)``, the same object for the same inputs. The
        plan holds ``demand.stream``, so the id in the key cannot be reused while it is kept."""
        solved = self._key(demand, grid)
        key = (*solved, id(demand.stream), post_id, current_language())
        found = self._plans.get(key)
        if found is None:
            found = self._plans[key] = stream_plan(
                demand, grid, post_id, self._requirement(solved, demand, grid)
            )
        return found

    @staticmethod
    def _key(demand: StreamDemand, grid: Grid) -> tuple[object, ...]:
        return (
            demand.stream.model_dump_json(),
            grid.interval_minutes,
            demand.arrivals.tobytes(),
            demand.open.tobytes(),
            demand.floor.tobytes(),
        )

    def _requirement(
        self, key: tuple[object, ...], demand: StreamDemand, grid: Grid
    ) -> tuple[FloatWeek, queueing.IntervalMetrics | None]:
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
        raise StreamError(
            stream.id,
            (),
            _("the targets cannot be met at {when} ({volume} {unit}): {reason}").format(
                when=grid.label(error.index),
                volume=number(float(calls.ravel()[error.index]), 1),
                unit=_(UNITS[stream.channel]),
                reason=error.reason,
            ),
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
            _(
                "items arriving at {when} cannot be finished within {hours} h: the stream is "
                "closed all that time"
            ).format(when=grid.label(first), hours=number(stream.response_hours)),
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
            text += " · " + _("{count} at once").format(count=stream.concurrency)
        return text
    if isinstance(stream, DeferredStream):
        return f"{volume} × {_duration(stream.handle_seconds)}"
    assert isinstance(stream, OutboundStream)
    return f"{volume} × {stream.contact_rate:.0%} × {_duration(stream.handle_seconds)}"


def volume_text(stream: Stream, weekly_volume: float) -> str:
    """The volume as written (``3,000 calls/day``); a derived or forecast one per day."""
    volume = stream.volume
    unit = _(UNITS[stream.channel])
    for key, template in _PER_PERIOD.items():
        value = getattr(volume, key)
        if value is not None:
            return _(template).format(volume=number(value, 1), unit=unit)
    return _(_PER_PERIOD["per_day"]).format(volume=f"{weekly_volume / 7:,.0f}", unit=unit)


def volume_origin(stream: Stream) -> str | None:
    """Where a derived or forecast volume comes from: ``2% of calls``, ``forecast f.csv``."""
    volume = stream.volume
    if volume.share_of is not None:
        return _("{share}% of {stream}").format(
            share=number((volume.fraction or 0) * 100, 2), stream=volume.share_of
        )
    if volume.forecast is not None:
        return _("forecast {file}").format(file=volume.forecast)
    return None


def _duration(seconds: float) -> str:
    if seconds >= 600:
        return _("{minutes} min").format(minutes=number(seconds / 60, 1))
    return _("{seconds} s").format(seconds=number(seconds))


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
    if d.schedule_fit_source:
        steps.append(d.schedule_fit_source)
    figures = {
        "annual": number(d.annual_agent_hours, 1),
        "productive": number(d.productive_hours, 1),
        "raw": f"{raw:,.2f}",
    }
    if d.schedule_fit:
        fte = _("FTE: {annual} ÷ {productive} = {raw} × (1 + {fit} schedule fit) = {fte}").format(
            **figures, fit=_percent(d.schedule_fit), fte=f"{d.fte:,.2f}"
        )
    else:
        fte = _("FTE: {annual} ÷ {productive} = {raw}").format(**figures)
    steps.append(fte)
    return lead, steps


def shrinkage_steps(d: WorkloadDerivation) -> list[str]:
    """The shrinkage and its parts; in layers, each layer and how they combine."""

    def parts(items: tuple[tuple[str, float], ...]) -> str:
        return " + ".join(f"{name} {_percent(share)}" for name, share in items)

    if not d.layered:
        return [
            _("shrinkage {total}: {parts}").format(
                total=_percent(d.shrinkage_total), parts=parts(d.shrinkage)
            )
        ]
    steps = []
    layers = []
    for template, items in (
        (_("shrinkage in shift {total}: {parts}"), d.in_shift),
        (_("shrinkage out of shift {total}: {parts}"), d.out_of_shift),
    ):
        total = math.fsum(share for __, share in items)
        layers.append(total)
        if items:
            steps.append(template.format(total=_percent(total), parts=parts(items)))
    inside, outside = layers
    steps.append(
        _(
            "shrinkage {total} = 1 − (1 − {inside}) × (1 − {outside}): time lost on shift is "
            "lost only on the days worked"
        ).format(
            total=_percent(d.shrinkage_total), inside=_percent(inside), outside=_percent(outside)
        )
    )
    return steps


def stream_steps(plan: StreamPlan) -> list[str]:
    """What one stream brings: inputs, peak and valley, agent-hours."""
    stream = plan.stream
    steps = [
        _("{id} ({name}), {channel}: {inputs}").format(
            id=stream.id,
            name=stream.name,
            channel=_(CHANNELS[stream.channel]),
            inputs=_("; ").join(inputs(plan)),
        )
    ]
    unit = _(UNITS[stream.channel])
    p_day, p_interval, p_agents = plan.peak
    v_day, v_interval, v_agents = plan.valley
    grid = Grid(plan.interval_minutes)
    steps.append(
        _(
            "{id}: peak {peak} agents at {peak_when} ({peak_volume} {unit}{metrics}){binding}; "
            "valley {valley} at {valley_when} ({valley_volume} {unit})"
        ).format(
            id=stream.id,
            peak=number(p_agents, 1),
            peak_when=f"{_(DAY_NAMES[p_day])} {grid.time(p_interval)}",
            peak_volume=number(float(plan.volume[p_day, p_interval]), 1),
            unit=unit,
            metrics=_interval_metrics(plan, p_day, p_interval),
            binding=_binding(plan, plan.peak_binding),
            valley=number(v_agents, 1),
            valley_when=f"{_(DAY_NAMES[v_day])} {grid.time(v_interval)}",
            valley_volume=number(float(plan.volume[v_day, v_interval]), 1),
        )
    )
    steps.append(
        _(
            "{id}: {hours} agent-hours a week = Σ agents × {interval} h over {open} open intervals"
        ).format(
            id=stream.id,
            hours=number(plan.weekly_agent_hours, 1),
            interval=number(plan.interval_hours, 2),
            open=int(plan.open.sum()),
        )
    )
    return steps


def inputs(plan: StreamPlan) -> list[str]:
    """The stream's parameters as written, in words."""
    stream = plan.stream
    weekly = plan.weekly_volume
    volume = volume_text(stream, weekly)
    origin = volume_origin(stream)
    if origin:
        volume = _("{volume} ({origin})").format(volume=volume, origin=origin)
    found = [_("{volume} = {weekly} a week").format(volume=volume, weekly=number(weekly, 1))]
    occupancy = _("occupancy ≤ {share}").format(share=_percent(stream.max_occupancy))
    if isinstance(stream, VoiceStream | ChatStream):
        level = stream.service_level
        found.append(_("AHT {seconds} s").format(seconds=number(stream.aht_seconds)))
        if isinstance(stream, ChatStream) and stream.session_seconds != stream.aht_seconds:
            found.append(
                _(
                    "{session} s a session at {concurrency} at once ({slowdown}): effective "
                    "AHT {effective} s"
                ).format(
                    session=number(stream.session_seconds, 1),
                    concurrency=stream.concurrency,
                    slowdown=_slowdown(stream),
                    effective=number(stream.effective_aht_seconds, 1),
                )
            )
        found.append(
            _("{share} answered within {seconds} s ({definition})").format(
                share=_percent(level.target),
                seconds=number(level.seconds),
                definition=definition_text(level.definition, level.short_abandon_seconds),
            )
        )
        if stream.asa_seconds is not None:
            found.append(_("ASA ≤ {seconds} s").format(seconds=number(stream.asa_seconds)))
        found.append(occupancy)
        if stream.patience_seconds is not None:
            found.append(
                _("Erlang A, mean patience {seconds} s").format(
                    seconds=number(stream.patience_seconds)
                )
            )
        else:
            found.append("Erlang C")
        if stream.max_abandon_rate is not None:
            found.append(_("abandonment ≤ {share}").format(share=_percent(stream.max_abandon_rate)))
        if isinstance(stream, ChatStream):
            found.append(_("{count} chats at once per agent").format(count=stream.concurrency))
    elif isinstance(stream, DeferredStream):
        found.append(_("{seconds} s per item").format(seconds=number(stream.handle_seconds)))
        found.append(_("finished within {hours} h").format(hours=number(stream.response_hours)))
        found.append(occupancy)
    elif isinstance(stream, OutboundStream):
        found.append(_("{share} of attempts reached").format(share=_percent(stream.contact_rate)))
        found.append(_("{seconds} s per contact").format(seconds=number(stream.handle_seconds)))
        if stream.failed_attempt_seconds:
            found.append(
                _("{seconds} s per failed attempt").format(
                    seconds=number(stream.failed_attempt_seconds)
                )
            )
        found.append(occupancy)
    for floor in stream.floors:
        found.append(_floor_text(floor.agents, floor.window, floor.days))
    found.append(
        ngettext(
            "{minutes}-minute interval", "{minutes}-minute intervals", plan.interval_minutes
        ).format(minutes=plan.interval_minutes)
    )
    return found


def _floor_text(agents: int, window: str | None, days: list[str] | None) -> str:
    """``at least 2 on duty 22:00-08:00 on sat, sun``."""
    if window and days:
        template = _("at least {agents} on duty {window} on {days}")
    elif window:
        template = _("at least {agents} on duty {window}")
    elif days:
        template = _("at least {agents} on duty on {days}")
    else:
        template = _("at least {agents} on duty")
    return template.format(agents=agents, window=window, days=", ".join(days or ()))


def _binding(plan: StreamPlan, binding: Binding | None) -> str:
    phrase = binding_phrase(plan, binding)
    return _(", {phrase}").format(phrase=phrase) if phrase else ""


def binding_phrase(plan: StreamPlan, binding: Binding | None) -> str:
    """``set by occupancy ≤ 85% (service level alone needs 24)``; empty when nothing binds."""
    if binding is None or binding.target is None:
        return ""
    stream = plan.stream
    targets = targets_of(stream)
    if targets is not None:
        return binding_text(binding.target, dict(binding.agents_by_target), targets)
    if binding.target == "floor":
        return _("set by the floor of agents on duty")
    assert isinstance(stream, DeferredStream | OutboundStream)
    return _("set by the work at occupancy ≤ {share}").format(share=_percent(stream.max_occupancy))


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
    text = _(", SL {share}").format(share=f"{metrics.service_level[day, interval]:.1%}")
    if metrics.abandon_rate is not None:
        text += _(", abandoned {share}").format(share=f"{metrics.abandon_rate[day, interval]:.1%}")
    return text


def _slowdown(stream: ChatStream) -> str:
    if stream.aht_by_concurrency is not None:
        return _("as measured")
    slowdown = _percent(stream.concurrency_slowdown or 0)
    return f"{number(stream.aht_seconds)} s × (1 + {slowdown} × {stream.concurrency - 1})"


def _percent(share: float) -> str:
    return f"{number(share * 100, 2)}%"
