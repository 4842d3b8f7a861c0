"""Dated forecasts: a stream's volume interval by interval over calendar days. Pure: numpy.

A typical-week plan (``ccorg plan``) folds the days into one week, each weekday's interval the
mean of that interval over the forecast's days of that weekday; ``ccorg capacity`` uses the
days themselves for every month the forecast covers whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from ccorg.staffing.demand import Grid


@dataclass(frozen=True, eq=False)
class DatedSeries:
    """Volume per interval, one row per calendar day from ``first_day`` (shape days ×
    intervals a day, read-only); NaN before the forecast's first row and after its last."""

    first_day: date
    volume: NDArray[np.float64]

    @property
    def days(self) -> int:
        return int(self.volume.shape[0])

    def covers(self, start: date, end: date) -> bool:
        """Whether every interval of the days ``start`` ≤ day < ``end`` has a volume."""
        first, last = (start - self.first_day).days, (end - self.first_day).days
        if first < 0 or last > self.days:
            return False
        return not np.isnan(self.volume[first:last]).any()

    def between(self, start: date, end: date) -> NDArray[np.float64]:
        """The volume of the days ``start`` ≤ day < ``end`` (which it must cover)."""
        first = (start - self.first_day).days
        return self.volume[first : first + (end - start).days]

    def weekday_of_first_day(self) -> int:
        """Monday = 0 … Sunday = 6."""
        return self.first_day.weekday()


def typical_week(series: DatedSeries) -> NDArray[np.float64]:
    """The week (7 × intervals a day, Monday first) of interval means by weekday."""
    per_day = series.volume.shape[1]
    weekdays = (np.arange(series.days) + series.weekday_of_first_day()) % 7
    given = ~np.isnan(series.volume)
    totals = np.zeros((7, per_day))
    counts = np.zeros((7, per_day))
    np.add.at(totals, weekdays, np.where(given, series.volume, 0.0))
    np.add.at(counts, weekdays, given)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, totals / counts, 0.0)


def day_of(first_day: date, index: int) -> date:
    """The date ``index`` days after ``first_day``."""
    return first_day + timedelta(days=int(index))


@dataclass(frozen=True)
class DayGrid(Grid):
    """The planning intervals of ``days`` calendar days from ``first_day`` (not one week)."""

    first_day: date = date(2000, 1, 3)
    days: int = 7

    @property
    def shape(self) -> tuple[int, int]:
        return (self.days, self.per_day)

    def label(self, flat_index: int) -> str:
        """The date and start time of a position in the flattened days, ``2027-05-03 10:00``."""
        day, interval = divmod(int(flat_index), self.per_day)
        return f"{day_of(self.first_day, day).isoformat()} {self.time(interval)}"
