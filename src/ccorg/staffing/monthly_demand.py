"""Each stream's agent-hours month by month, through the same per-interval engine as a plan.

A month a dated forecast covers whole is solved interval by interval over its actual days
(``workload.requirement`` on a grid of days). Any other month is the stream's typical week
scaled by the month's seasonality factor, solved once per distinct factor, and counted over
the month's weekdays (a month with five Mondays has five Mondays of work). Queueing is not
linear, so the factor scales the volume, never the agents. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from ccorg.config.capacity import MONTH_NAMES, Seasonality
from ccorg.config.schema import Config, Stream
from ccorg.staffing.dated import DatedSeries, DayGrid
from ccorg.staffing.demand import Grid, StreamDemand, weekly_volumes
from ccorg.staffing.workload import requirement

FloatArray = NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class StreamMonths:
    """One stream month by month; each array has one value per month, read-only.

    ``volume`` is the contacts of the month; ``agent_hours`` the agents required on duty
    summed over its intervals × interval hours; ``peak_agents`` the most in one interval;
    ``dated`` marks the months solved from a dated forecast's days, and ``factor`` the
    volume factor applied to the typical week in the others (1 for dated months).
    """

    stream_id: str
    name: str
    volume: FloatArray
    agent_hours: FloatArray
    peak_agents: FloatArray
    dated: NDArray[np.bool_]
    factor: FloatArray


def stream_months(
    config: Config,
    forecasts: Mapping[str, FloatArray],
    series: Mapping[str, DatedSeries],
    seasonality: Seasonality | None,
    month_starts: Sequence[date],
    months: Sequence[int] | None = None,
) -> dict[str, StreamMonths]:
    """Every stream's months (``month_starts`` holds one more start than months: the end).

    ``months`` restricts the work to those month indices (the others are left at 0): a
    scenario from its effective month on, the base before it.
    """
    assert config.demand is not None
    grid = Grid(config.demand.interval_minutes)
    demands = weekly_volumes(config, forecasts)
    count = len(month_starts) - 1
    wanted = list(range(count)) if months is None else list(months)
    weekdays = _weekday_counts(month_starts)
    streams = {stream.id: stream for stream in config.demand.streams}
    factors: dict[str, FloatArray] = {}

    def factor_of(stream: Stream) -> FloatArray:
        if stream.id not in factors:
            factors[stream.id] = _factors(
                stream, streams, demands, series, seasonality, factor_of, month_starts, weekdays
            )
        return factors[stream.id]

    found: dict[str, StreamMonths] = {}
    for stream_id, demand in demands.items():
        stream = demand.stream
        volume, hours, peak = np.zeros(count), np.zeros(count), np.zeros(count)
        dated = np.zeros(count, dtype=bool)
        factor = factor_of(stream)
        solved: dict[float, tuple[FloatArray, FloatArray, float]] = {}
        days_of = series.get(stream_id)
        for month in wanted:
            start, end = month_starts[month], month_starts[month + 1]
            if days_of is not None and days_of.covers(start, end):
                dated[month] = True
                arrivals = days_of.between(start, end)
                agents = _solve_days(demand, arrivals, grid, start)
                volume[month] = arrivals.sum()
                hours[month] = agents.sum() * grid.interval_hours
                peak[month] = agents.max(initial=0.0)
                continue
            scale = float(factor[month])
            if scale not in solved:
                arrivals = demand.arrivals * scale
                week = StreamDemand(stream, arrivals, demand.open, demand.floor)
                agents, _ = requirement(week, grid)
                solved[scale] = (
                    arrivals.sum(axis=1),
                    agents.sum(axis=1) * grid.interval_hours,
                    float(agents.max(initial=0.0)),
                )
            day_volume, day_hours, top = solved[scale]
            volume[month] = weekdays[month] @ day_volume
            hours[month] = weekdays[month] @ day_hours
            peak[month] = top
        factor = np.where(dated, 1.0, factor)
        arrays = (volume, hours, peak, dated, factor)
        for array in arrays:
            array.flags.writeable = False
        found[stream_id] = StreamMonths(stream_id, stream.name, *arrays)
    return found


def _solve_days(
    demand: StreamDemand, arrivals: FloatArray, grid: Grid, first_day: date
) -> FloatArray:
    """Agents per interval over calendar days: the week's hours and floors, day by weekday."""
    days = arrivals.shape[0]
    weekday = (np.arange(days) + first_day.weekday()) % 7
    on_days = StreamDemand(demand.stream, arrivals, demand.open[weekday], demand.floor[weekday])
    agents, _ = requirement(on_days, DayGrid(grid.interval_minutes, first_day, days))
    return agents


def _weekday_counts(month_starts: Sequence[date]) -> FloatArray:
    """How many Mondays … Sundays each month has (months × 7)."""
    counts = np.zeros((len(month_starts) - 1, 7))
    for month in range(len(month_starts) - 1):
        days = (month_starts[month + 1] - month_starts[month]).days
        weekday = (np.arange(days) + month_starts[month].weekday()) % 7
        counts[month] = np.bincount(weekday, minlength=7)
    return counts


def seasonal_factors(table: Mapping[str, float], month_starts: Sequence[date]) -> FloatArray:
    """Each month's factor from a table: its ``YYYY-MM`` key, else its month name, else 1."""
    return np.array(
        [
            table.get(f"{day:%Y-%m}", table.get(MONTH_NAMES[day.month - 1], 1.0))
            for day in month_starts[:-1]
        ]
    )


def _factors(
    stream: Stream,
    streams: Mapping[str, Stream],
    demands: Mapping[str, StreamDemand],
    series: Mapping[str, DatedSeries],
    seasonality: Seasonality | None,
    factor_of,
    month_starts: Sequence[date],
    weekdays: FloatArray,
) -> FloatArray:
    """A stream's volume factor by month: its own, its source's, or the center's seasons.

    A stream derived from a dated one follows the source's volume month by month: the
    factor is the source's month over its typical week counted over the same weekdays.
    """
    own = seasonality.streams.get(stream.id) if seasonality else None
    if own is not None:
        return seasonal_factors(own, month_starts)
    source = stream.volume.share_of
    if source is not None:
        inherited = factor_of(streams[source]).copy()
        days_of = series.get(source)
        if days_of is not None:
            typical = demands[source].arrivals.sum(axis=1)
            for month in range(len(month_starts) - 1):
                start, end = month_starts[month], month_starts[month + 1]
                expected = weekdays[month] @ typical
                if days_of.covers(start, end) and expected > 0:
                    inherited[month] = days_of.between(start, end).sum() / expected
        return inherited
    return seasonal_factors(seasonality.monthly if seasonality else {}, month_starts)
