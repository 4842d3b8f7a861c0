"""`ccorg simulate FILE [POST|STREAM]`: the planned week as a discrete-event simulation."""

from __future__ import annotations

import difflib
import math
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.commands.formats import SimulateFormat
from ccorg.config.demand import DAY_GROUPS
from ccorg.config.model import WEEKDAYS
from ccorg.errors import UsageError
from ccorg.i18n import _, activate

if TYPE_CHECKING:
    from ccorg.i18n import Language
    from ccorg.pipeline import LoadedConfig
    from ccorg.plan import Plan, PostPlan
    from ccorg.render.console import ColorChoice
    from ccorg.simulate import FloatArray
    from ccorg.staffing.simulation import HandleTimes

FULL_NAMES = {
    name: name[:3]
    for name in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
}


@dataclass(frozen=True)
class SimulateOptions:
    """What the command line asked for, as written."""

    path: str
    target: str | None = None
    scenario: str | None = None
    replications: int = 200
    seed: int = 1
    days: str | None = None
    handle: str = "exponential"
    patience: str = "exponential"
    output: SimulateFormat = SimulateFormat.text
    color: ColorChoice = "auto"
    width: int | None = None
    lang: Language | None = None
    staffing: str = "requirement"


def run_simulate(options: SimulateOptions) -> int:
    """Simulate the plan of ``options.path`` and print the result; return the exit code."""
    from ccorg.pipeline import load_config, plan_config
    from ccorg.render.console import make_console
    from ccorg.simulate import (
        MAX_CALLS,
        MAX_REPLICATIONS,
        SimulationOptions,
        capped_replications,
        simulate_plan,
    )

    activate(options.lang)  # usage and config errors in the chosen language
    if options.replications <= 0:
        raise UsageError(
            _("--replications must be at least 1, got {count}").format(count=options.replications)
        )
    if options.seed < 0:
        raise UsageError(
            _("--seed must be a whole number ≥ 0, got {seed}").format(seed=options.seed)
        )
    days = parse_days(options.days)
    handle = parse_handle(options.handle)
    if options.patience not in ("exponential", "none"):
        raise UsageError(
            _("--patience must be exponential or none, got {value!r}").format(
                value=options.patience
            )
        )
    if options.staffing not in ("requirement", "schedule"):
        raise UsageError(
            _("--staffing must be requirement or schedule, got {value!r}").format(
                value=options.staffing
            )
        )
    loaded = load_config(options.path, options.scenario)
    plan = plan_config(loaded)
    activate(options.lang, plan.language)
    stream_ids = chosen_streams(plan, options.target)
    calls = sum(float(s.volume[list(days)].sum()) for s in plan.streams if s.id in set(stream_ids))
    if calls > MAX_CALLS:
        raise UsageError(
            _(
                "one replication would simulate {calls} contacts, more than a run may "
                "({limit}, the limit of a run); simulate fewer --days or one stream"
            ).format(calls=f"{calls:,.0f}", limit=f"{MAX_CALLS:,}")
        )
    replications = capped_replications(options.replications, calls)
    if replications < options.replications:
        limit = (
            _("the limit")
            if replications == MAX_REPLICATIONS
            else _("the contacts one run may simulate")
        )
        print(
            "ccorg: "
            + _("--replications {asked} capped at {count} ({limit})").format(
                asked=f"{options.replications:,}", count=f"{replications:,}", limit=limit
            ),
            file=sys.stderr,
        )
    chosen = SimulationOptions(
        replications=replications,
        seed=options.seed,
        days=days,
        handle=handle,
        patience=options.patience,
        staffing=options.staffing,
    )
    queues = [s for s in plan.streams if s.id in set(stream_ids) and s.metrics is not None]
    with _progress(len(queues) * len(days) * replications) as tick:
        staffing = None
        if options.staffing == "schedule":
            staffing = scheduled_staffing(loaded, plan, stream_ids)
        simulation = simulate_plan(plan, stream_ids, chosen, staffing, on_replication=tick)
    console = make_console(options.color, width=options.width)
    if options.output is SimulateFormat.json:
        from ccorg.render.simulate_json import render_simulation_json

        console.file.write(render_simulation_json(simulation, options.path, options.scenario))
    else:
        from ccorg.render.simulate_text import render_simulation

        render_simulation(simulation, console)
    return 0


def scheduled_staffing(
    loaded: LoadedConfig, plan: Plan, stream_ids: list[str]
) -> dict[str, FloatArray]:
    """The agents the optimal shift plan puts on each simulated stream (``--staffing
    schedule``): every post working those streams is scheduled, as ``ccorg schedule`` does."""
    from ccorg.commands.schedule import scheduled_posts
    from ccorg.pipeline import schedule_config
    from ccorg.simulate import staffing_from_shifts

    wanted = set(stream_ids)
    posts = sorted(
        {s.post_id for s in plan.streams if s.id in wanted and s.post_id is not None},
        key=[p.id for p in plan.all_posts()].index,
    )
    if loaded.config.shifts is None:
        raise UsageError(_("--staffing schedule needs a 'shifts:' section in the config"))
    scheduled = set(scheduled_posts(loaded.config, None))
    missing = [p for p in posts if p not in scheduled]
    if missing:
        raise UsageError(
            _("--staffing schedule: post {post} names no shift templates").format(
                post=repr(missing[0])
            )
        )
    return staffing_from_shifts(plan, schedule_config(loaded, posts))


def parse_days(text: str | None) -> tuple[int, ...]:
    """``mon,tue`` (or ``weekdays``, ``weekend``, ``daily``) as weekday numbers, in week order."""
    if text is None:
        return tuple(range(7))
    chosen: set[int] = set()
    for written in text.split(","):
        part = written.strip().lower()
        part = FULL_NAMES.get(part, part)
        if part in DAY_GROUPS:
            chosen.update(WEEKDAYS.index(day) for day in DAY_GROUPS[part])
        elif part in WEEKDAYS:
            chosen.add(WEEKDAYS.index(part))
        else:
            raise UsageError(
                _(
                    "--days: unknown day {day!r}; give mon, tue, wed, thu, fri, sat, sun, "
                    "weekdays, weekend or daily, separated by commas"
                ).format(day=written.strip())
            )
    return tuple(sorted(chosen))


def parse_handle(text: str) -> HandleTimes:
    """``exponential`` or ``lognormal:CV`` (CV > 0, the coefficient of variation)."""
    from ccorg.staffing.simulation import HandleTimes

    if text == "exponential":
        return HandleTimes()
    kind, _colon, value = text.partition(":")
    if kind != "lognormal":
        raise UsageError(
            _("--handle must be exponential or lognormal:CV, got {value!r}").format(value=text)
        )
    try:
        cv = float(value)
    except ValueError:
        raise UsageError(
            _(
                "--handle lognormal:CV needs a coefficient of variation, e.g. lognormal:0.8; "
                "got {value!r}"
            ).format(value=value)
        ) from None
    if not (math.isfinite(cv) and 0 < cv <= 10):
        raise UsageError(
            _("--handle lognormal:CV needs 0 < CV ≤ 10, got {value}").format(value=value)
        )
    return HandleTimes("lognormal", cv)


def chosen_streams(plan: Plan, target: str | None) -> list[str]:
    """The streams to simulate: all, the one named, or those the named post works.

    A stream id wins over a post id or name. A stream or post with nothing to simulate is a
    usage error saying why.
    """
    from ccorg.simulate import QUEUE_CHANNELS, not_simulated_reason

    streams = {s.id: s for s in plan.streams}
    if target is None:
        if not any(s.channel in QUEUE_CHANNELS for s in plan.streams):
            raise UsageError(
                _("nothing to simulate: the config has no voice or chat stream")
                if plan.streams
                else _("nothing to simulate: the config has no demand streams")
            )
        return list(streams)
    if target in streams:
        stream = streams[target]
        if stream.channel not in QUEUE_CHANNELS:
            raise UsageError(
                _("stream {stream!r} ({channel}) is not simulated, because {reason}").format(
                    stream=target,
                    channel=stream.channel,
                    reason=not_simulated_reason(stream.channel),
                )
            )
        return [target]
    post = _find_post(plan, target)
    if post is None:
        known = list(streams) + [p.id for p in plan.all_posts()]
        close = difflib.get_close_matches(target, known, n=1)
        if close:
            message = _("no stream or post {name!r}; did you mean {close!r}?")
        else:
            message = _("no stream or post {name!r}")
        raise UsageError(message.format(name=target, close=close[0] if close else ""))
    worked = [s for s in plan.streams if s.post_id == post.id]
    if not worked:
        raise UsageError(
            _("post {post!r} ({name}) works no demand stream: nothing to simulate").format(
                post=post.id, name=post.name
            )
        )
    if not any(s.channel in QUEUE_CHANNELS for s in worked):
        raise UsageError(
            _(
                "post {post!r} ({name}) works no voice or chat stream (only {streams}): "
                "nothing to simulate"
            ).format(post=post.id, name=post.name, streams=", ".join(s.id for s in worked))
        )
    return [s.id for s in worked]


def _find_post(plan: Plan, wanted: str) -> PostPlan | None:
    """The post ``wanted`` names, None if none; several is a usage error."""
    from ccorg.commands.explain import find_post

    names = {name for p in plan.all_posts() for name in (p.id, p.name, p.qualified_name)}
    return find_post(plan, wanted) if wanted in names else None


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None] | None]:
    """A Rich progress bar on standard error when it is a terminal; nothing otherwise."""
    from ccorg.render.console import make_console

    console = make_console(file=sys.stderr)
    if not console.is_terminal or total < 1:
        yield None
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(_("simulating")),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("simulate", total=total)
        yield lambda: bar.advance(task)
