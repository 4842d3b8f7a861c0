"""The simulated week as the HTML page shows it: per stream the week's and each day's service
level with its 95% confidence interval beside Erlang's figure, as ``ccorg simulate`` reports."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ccorg.i18n import _
from ccorg.simulate import Estimate, Simulation, StreamSimulation
from ccorg.units import DAY_NAMES


@dataclass(frozen=True)
class SimulatedStream:
    title: str
    verdict: str
    below: bool
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def simulated_streams(simulation: Simulation) -> list[SimulatedStream]:
    return [_stream(result, simulation.options.replications) for result in simulation.streams]


def _stream(result: StreamSimulation, replications: int) -> SimulatedStream:
    week = result.week.service_level
    verdict = _(
        "Simulated week: {level} within {seconds} s (95% CI {low}–{high}, {weeks} weeks); "
        "Erlang {erlang}; target {target}; {short} intervals wholly below target"
    ).format(
        level=_share(float(week.mean)),
        seconds=f"{result.sl_seconds:g}",
        low=_share(float(week.low)),
        high=_share(float(week.high)),
        weeks=replications,
        erlang=_share(float(week.erlang)),
        target=_share(result.target),
        short=len(result.short_of_target),
    )
    days = result.by_day
    rows = tuple(
        (
            _(DAY_NAMES[day]),
            f"{float(days.offered[index]):,.0f}",
            _share(float(days.service_level.mean[index])),
            _interval(days.service_level, index),
            _share(float(days.service_level.erlang[index])),
            f"{float(days.asa_seconds.mean[index]):,.1f}",
            "—" if days.abandon_rate is None else _share(float(days.abandon_rate.mean[index])),
        )
        for index, day in enumerate(result.days)
    )
    return SimulatedStream(
        title=f"{result.plan.name} ({result.id})",
        verdict=verdict,
        below=float(week.mean) < result.target,
        header=(
            _("Day"),
            _("Offered"),
            _("Simulated SL"),
            _("95% CI"),
            _("Erlang SL"),
            _("ASA (s)"),
            _("Abandoned"),
        ),
        rows=rows,
    )


def _interval(estimate: Estimate, index: int) -> str:
    return f"{_share(float(estimate.low[index]))}–{_share(float(estimate.high[index]))}"


def _share(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.1%}"
