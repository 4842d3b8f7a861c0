"""`ccorg simulate --format json`: the simulation as a versioned document (README: JSON
simulation). NaN (nothing to measure) and infinity (an unstable Erlang C queue) are null."""

from __future__ import annotations

import math
from typing import Any

from ccorg.render.ansi import json_document
from ccorg.render.heatmap import DAY_NAMES
from ccorg.simulate import Estimate, Figures, Simulation, StreamSimulation
from ccorg.staffing.demand import Grid

FORMAT_VERSION = 1


def render_simulation_json(simulation: Simulation, source: str, scenario: str | None) -> str:
    """The whole run as JSON text, ending in a newline."""
    return json_document(simulation_to_dict(simulation, source, scenario), indent=None)


def simulation_to_dict(simulation: Simulation, source: str, scenario: str | None) -> dict[str, Any]:
    options = simulation.options
    return {
        "format_version": FORMAT_VERSION,
        "source": source,
        "scenario": scenario,
        "replications": options.replications,
        "seed": options.seed,
        "days": [DAY_NAMES[day].lower() for day in options.days],
        "staffing": options.staffing,
        "handle": {"distribution": options.handle.kind, "cv": options.handle.cv},
        "patience": options.patience,
        "streams": [stream_to_dict(stream) for stream in simulation.streams],
        "not_simulated": [
            {"id": s.stream_id, "channel": s.channel, "reason": s.reason}
            for s in simulation.not_simulated
        ],
    }


def stream_to_dict(result: StreamSimulation) -> dict[str, Any]:
    plan = result.plan
    grid = Grid(plan.interval_minutes)
    intervals = []
    for position, day in enumerate(result.days):
        for interval in range(grid.per_day):
            at = (position, interval)
            entry = {
                "day": DAY_NAMES[day].lower(),
                "time": grid.time(interval),
                "open": bool(result.open[at]),
                "agents": _value(float(result.agents[at])),
            }
            entry.update(_figures(result.intervals, at))
            intervals.append(entry)
    return {
        "id": plan.id,
        "name": plan.name,
        "channel": plan.channel,
        "post": plan.post_id,
        "interval_minutes": plan.interval_minutes,
        "service_level": {
            "target": result.target,
            "seconds": result.sl_seconds,
            "definition": result.sl_definition,
        },
        "patience_seconds": result.patience_seconds,
        "calls_simulated": result.calls_simulated,
        "stranded": result.stranded,
        "week": _figures(result.week, ()),
        "days": [
            {"day": DAY_NAMES[day].lower(), **_figures(result.by_day, (position,))}
            for position, day in enumerate(result.days)
        ],
        "intervals": intervals,
        "short_of_target": [
            {"day": DAY_NAMES[result.days[position]].lower(), "time": grid.time(interval)}
            for position, interval in result.short_of_target
        ],
    }


def _figures(figures: Figures, at: tuple[int, ...]) -> dict[str, Any]:
    return {
        "offered": _value(float(figures.offered[at])),
        "service_level": _estimate(figures.service_level, at),
        "asa_seconds": _estimate(figures.asa_seconds, at),
        "abandon_rate": (
            None if figures.abandon_rate is None else _estimate(figures.abandon_rate, at)
        ),
        "occupancy": _estimate(figures.occupancy, at),
        "miss_share": _value(float(figures.miss_share[at])),
    }


def _estimate(estimate: Estimate, at: tuple[int, ...]) -> dict[str, float | None]:
    return {
        "mean": _value(float(estimate.mean[at])),
        "low": _value(float(estimate.low[at])),
        "high": _value(float(estimate.high[at])),
        "erlang": _value(float(estimate.erlang[at])),
    }


def _value(value: float) -> float | None:
    return value if math.isfinite(value) else None
