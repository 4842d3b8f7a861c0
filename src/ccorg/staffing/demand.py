"""Demand streams → per-interval volume over one week. Pure: no I/O, numpy only.

A week is a 7 × ``per_day`` array (Monday first, intervals from 00:00). Each stream's volume
is spread by its weekly and intraday profiles over the intervals it is open, or taken from a
forecast, or derived from another stream; floors become a per-interval minimum of agents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ccorg.config.model import WEEKDAYS
from ccorg.config.schema import (
    DAY_GROUPS,
    Config,
    DeferredStream,
    Floor,
    ServiceHours,
    Stream,
    Volume,
)
from ccorg.staffing.errors import StreamError
from ccorg.units import DAY_NAMES

DAYS_PER_YEAR = 365
MINUTES_PER_DAY = 24 * 60

FloatWeek = NDArray[np.float64]
BoolWeek = NDArray[np.bool_]


@dataclass(frozen=True)
class Grid:
    """The planning intervals of one week."""

    interval_minutes: int

    @property
    def per_day(self) -> int:
        return MINUTES_PER_DAY // self.interval_minutes

    @property
    def interval_seconds(self) -> int:
        return self.interval_minutes * 60

    @property
    def interval_hours(self) -> float:
        return self.interval_minutes / 60

    @property
    def shape(self) -> tuple[int, int]:
        return (7, self.per_day)

    def time(self, interval: int) -> str:
        """The start of an interval of the day, ``HH:MM``."""
        minutes = interval * self.interval_minutes
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    def label(self, flat_index: int) -> str:
        """The weekday and start time of a position in the flattened week, ``Mon 10:00``."""
        day, interval = divmod(int(flat_index), self.per_day)
        return f"{DAY_NAMES[day]} {self.time(interval)}"


@dataclass(frozen=True)
class StreamDemand:
    """One stream's week: what arrives, when it is worked, and the floor of agents.

    ``arrivals`` are contacts (calls, chats, items, attempts) per interval; ``open`` marks the
    intervals the stream is worked; ``floor`` is the minimum of agents on duty per interval
    (0 where closed). Arrays are read-only, shape ``grid.shape``.
    """

    stream: Stream
    arrivals: FloatWeek
    open: BoolWeek
    floor: NDArray[np.int64]

    @property
    def weekly_volume(self) -> float:
        return float(self.arrivals.sum())


def weekly_volumes(
    config: Config, forecasts: Mapping[str, FloatWeek] | None = None
) -> dict[str, StreamDemand]:
    """Every stream's week, by id, in the config's order.

    ``forecasts`` holds the per-interval volume (shape ``grid.shape``) of each stream whose
    volume is a forecast file, read beforehand by the I/O layer.
    """
    assert config.demand is not None
    grid = Grid(config.demand.interval_minutes)
    center = hours_mask(config.center.service_hours, grid)
    streams = {stream.id: stream for stream in config.demand.streams}
    built: dict[str, StreamDemand] = {}

    def build(stream: Stream) -> StreamDemand:
        if stream.id in built:
            return built[stream.id]
        worked = center
        if stream.service_hours is not None:
            own = hours_mask(stream.service_hours, grid)
            outside = own & ~center
            if outside.any():
                first = int(np.flatnonzero(outside.ravel())[0])
                raise StreamError(
                    stream.id,
                    ("service_hours",),
                    f"open at {grid.label(first)}, when the center is closed; a stream's hours "
                    "lie within the center's",
                )
            worked = own
        if not worked.any():
            raise StreamError(stream.id, ("service_hours",), "the stream is never open")
        # Deferred items arrive whenever the center takes contacts and wait for working hours;
        # every other stream's contacts arrive only while it is open.
        arriving = center if isinstance(stream, DeferredStream) else worked
        source = stream.volume.share_of
        if stream.volume.forecast is not None:
            arrivals = _forecast_arrivals(stream, (forecasts or {}).get(stream.id), arriving, grid)
        elif source is not None:
            arrivals = _derived_arrivals(stream, build(streams[source]), arriving, grid)
        else:
            total = weekly_total(stream.volume)
            arrivals = total * profile(stream, arriving, grid)
        demand = StreamDemand(stream, arrivals, worked, floor_agents(stream.floors, worked, grid))
        for array in (demand.arrivals, demand.open, demand.floor):
            array.flags.writeable = False
        built[stream.id] = demand
        return demand

    for stream in config.demand.streams:
        build(stream)
    return {stream.id: built[stream.id] for stream in config.demand.streams}


def weekly_total(volume: Volume) -> float:
    """A volume given per day, week, month or year, as the volume of one week."""
    if volume.per_day is not None:
        return volume.per_day * 7
    if volume.per_week is not None:
        return volume.per_week
    if volume.per_month is not None:
        return volume.per_month * 12 * 7 / DAYS_PER_YEAR
    if volume.per_year is not None:
        return volume.per_year * 7 / DAYS_PER_YEAR
    raise ValueError("the volume is not a fixed amount")


def _derived_arrivals(
    stream: Stream, source: StreamDemand, arriving: BoolWeek, grid: Grid
) -> FloatWeek:
    """A share of another stream: its own profile if given, else the source's pattern."""
    fraction = stream.volume.fraction or 0.0
    total = fraction * source.weekly_volume
    if stream.weekly is not None or stream.intraday is not None:
        return total * profile(stream, arriving, grid)
    shape = np.where(arriving, source.arrivals, 0.0)
    if not shape.sum():
        if not total:
            return shape
        raise StreamError(
            stream.id,
            ("volume", "share_of"),
            f"takes {fraction:g} of {source.stream.id!r}, which has no volume while "
            f"{stream.id!r} is open; give 'weekly'/'intraday' profiles",
        )
    return total * shape / shape.sum()


def _forecast_arrivals(
    stream: Stream, forecast: FloatWeek | None, arriving: BoolWeek, grid: Grid
) -> FloatWeek:
    if forecast is None or forecast.shape != grid.shape:
        raise ValueError(f"no forecast of shape {grid.shape} was read for stream {stream.id!r}")
    closed = (forecast > 0) & ~arriving
    if closed.any():
        first = int(np.flatnonzero(closed.ravel())[0])
        raise StreamError(
            stream.id,
            ("volume", "forecast"),
            f"the forecast has volume at {grid.label(first)}, when the stream is closed",
        )
    return np.array(forecast, dtype=np.float64)


def profile(stream: Stream, open_: BoolWeek, grid: Grid) -> FloatWeek:
    """Weights over the week summing to 1: weekly × intraday profiles, open intervals only.

    Each open day keeps its weekly weight however many of its intervals are open; a day's
    intraday weights are spread over its open intervals only.
    """
    intraday = np.where(open_, intraday_weights(stream, grid), 0.0)
    day_sums = intraday.sum(axis=1)
    weights: dict[str, float] = dict(stream.weekly or dict.fromkeys(WEEKDAYS, 1.0))
    weekly = np.array([weights[day] for day in WEEKDAYS])
    with np.errstate(invalid="ignore", divide="ignore"):
        shape = np.where(day_sums[:, None] > 0, intraday / day_sums[:, None], 0.0)
    shape *= weekly[:, None]
    total = shape.sum()
    if not total:
        raise StreamError(
            stream.id,
            ("weekly",) if stream.weekly else ("intraday",),
            "the profiles give no weight to any interval in which the stream is open",
        )
    return shape / total


def intraday_weights(stream: Stream, grid: Grid) -> FloatWeek:
    """The intraday profile of each weekday, per interval (not normalized); flat if absent."""
    spec = stream.intraday
    if spec is None:
        return np.ones(grid.shape)
    if isinstance(spec, list):
        return np.tile(_per_interval(stream, spec, grid, ("intraday",)), (7, 1))
    week = np.zeros(grid.shape)
    # Precedence: a named weekday, then 'weekdays'/'weekend', then 'daily'.
    for group in ("daily", "weekdays", "weekend", *WEEKDAYS):
        if group in spec:
            row = _per_interval(stream, spec[group], grid, ("intraday", group))  # type: ignore[index]
            for day in DAY_GROUPS.get(group, (group,)):
                week[WEEKDAYS.index(day)] = row
    return week


def _per_interval(
    stream: Stream, weights: list[float], grid: Grid, field: tuple[str, ...]
) -> FloatWeek:
    """24 hourly weights (each split evenly over its intervals) or one per interval."""
    if len(weights) == grid.per_day:
        return np.array(weights, dtype=np.float64)
    if len(weights) == 24:
        per_hour = grid.per_day // 24
        return np.repeat(np.array(weights, dtype=np.float64) / per_hour, per_hour)
    raise StreamError(
        stream.id,
        field,
        f"has {len(weights)} weights; give 24 (one per hour) or {grid.per_day} "
        f"(one per {grid.interval_minutes}-minute interval)",
    )


def hours_mask(hours: ServiceHours, grid: Grid) -> BoolWeek:
    """The intervals of the week that service hours touch (7x24: all of them)."""
    if isinstance(hours, str):
        return np.ones(grid.shape, dtype=bool)
    mask = np.zeros(grid.shape, dtype=bool)
    for day, windows in hours.items():
        for window in windows:
            mask |= window_mask(window, [day], grid)
    return mask


def window_mask(window: str | None, days: Sequence[str] | None, grid: Grid) -> BoolWeek:
    """The intervals a daily window touches on ``days`` (all days if None).

    ``None`` is the whole day. A window whose end is not after its start crosses midnight into
    the next day (Sunday's into Monday's). An interval counts when any part of it is inside.
    """
    mask = np.zeros(grid.shape, dtype=bool)
    start, end = (0, MINUTES_PER_DAY) if window is None else parse_window(window)
    step = grid.interval_minutes
    for day in days or WEEKDAYS:
        d = WEEKDAYS.index(day)
        if end > start:
            mask[d, start // step : math.ceil(end / step)] = True
        else:
            mask[d, start // step :] = True
            mask[(d + 1) % 7, : math.ceil(end / step)] = True
    return mask


def parse_window(window: str) -> tuple[int, int]:
    """``HH:MM-HH:MM`` as minutes from midnight (end may be 24:00 = 1440)."""
    start, end = window.split("-")
    return _minutes(start), _minutes(end)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def floor_agents(floors: list[Floor], open_: BoolWeek, grid: Grid) -> NDArray[np.int64]:
    """The highest floor in force in each open interval (floors never staff a closed one)."""
    result = np.zeros(grid.shape, dtype=np.int64)
    for floor in floors:
        mask = window_mask(floor.window, floor.days, grid)
        result = np.maximum(result, np.where(mask, floor.agents, 0))
    return np.where(open_, result, 0)
