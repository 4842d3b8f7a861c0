"""Dated forecast files: ``date,time,volume`` rows, one per interval, in time order.

Any length (a year of 15-minute rows is 35,040); every interval from the first row to the
last must be given once, so a gap, a repeated or an out-of-order timestamp is reported with
its line number. Parsed column by column with numpy: a year of rows takes milliseconds.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from datetime import date
from itertools import repeat
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ccorg.config.csv_text import field_column, refuse_duplicate_columns
from ccorg.errors import ConfigError, Location, Problem, excerpt
from ccorg.i18n import _, ngettext
from ccorg.staffing.dated import DatedSeries

COLUMNS = ("date", "time", "volume")
MAX_PROBLEMS = 20
# Ten years of 15-minute intervals: a bound on what one forecast may hold (and on memory).
MAX_ROWS = 10 * 366 * 96
MINUTES_PER_DAY = 24 * 60


def is_dated(header: list[str]) -> bool:
    """Whether a forecast header is the dated form (a ``date`` column)."""
    return "date" in header


def read_dated(path: Path, text: str, interval_minutes: int) -> DatedSeries:
    """Parse a dated forecast's text (already read from ``path``), reporting bad rows."""
    display = str(path)
    header, columns, lines, texts = _columns(text, display)
    rows = len(lines)
    if not rows:
        raise ConfigError.at(Location(display, 1), _("the forecast has no rows"), "value")
    if rows > MAX_ROWS:
        raise ConfigError.at(
            Location(display, int(lines[MAX_ROWS])),
            _("more than {rows:,} rows (ten years of 15-minute intervals); split the file").format(
                rows=MAX_ROWS
            ),
            "value",
        )
    problems: list[Problem] = []

    def bad(index: int, column: str, message: str) -> None:
        col = field_column(texts[index], header.index(column))
        problems.append(Problem(Location(display, int(lines[index]), col), message, "value"))

    days, times, cells = (columns[header.index(name)] for name in COLUMNS)
    stamps = _stamps(days, times, interval_minutes, bad)
    volumes = _volumes(cells, bad)
    if problems:
        raise ConfigError(problems[:MAX_PROBLEMS])
    assert stamps is not None and volumes is not None
    _check_sequence(stamps, days, times, lines, interval_minutes, bad)
    if problems:
        raise ConfigError(problems[:MAX_PROBLEMS])
    return _series(stamps, volumes, interval_minutes)


def _columns(
    text: str, display: str
) -> tuple[list[str], list[list[str]], NDArray[np.int64], list[str]]:
    """The header (lower case), each column's cells, each row's line number and text."""
    every = text.splitlines()
    numbered = np.arange(1, len(every) + 1, dtype=np.int64)
    if not all(map(str.strip, every)):  # blank lines inside: skip them, keep line numbers
        blank = [i for i, line in enumerate(every) if not line.strip()]
        numbered = np.delete(numbered, blank)
        every = [line for line in every if line.strip()]
    if not every:
        raise ConfigError.at(Location(display), _("empty file: expected a header row"), "value")
    if '"' in text:
        try:
            rows = list(csv.reader(every))
        except csv.Error as error:
            raise ConfigError.at(
                Location(display), _("cannot read forecast: {reason}").format(reason=error), "io"
            ) from None
        header = [name.strip().lower() for name in rows[0]]
        widths = np.array([len(row) for row in rows[1:]], dtype=np.int64)
        cells = [cell for row in rows[1:] for cell in row]
    else:  # without quotes a line is its fields split on commas: one split for the file
        header = [name.strip().lower() for name in every[0].split(",")]
        body = every[1:]
        widths = np.fromiter(map(str.count, body, repeat(",")), np.int64, len(body)) + 1
        cells = ",".join(body).split(",") if body else []
    lines = numbered[1:]
    refuse_duplicate_columns(header, every[0], display, int(numbered[0]))
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ConfigError.at(
            Location(display, int(numbered[0])),
            _("a dated forecast's header needs the columns {columns}; missing {missing}").format(
                columns=", ".join(COLUMNS), missing=", ".join(missing)
            ),
            "value",
        )
    wrong = np.flatnonzero(widths != len(header))
    if wrong.size:
        raise ConfigError(
            Problem(
                Location(display, int(lines[i])),
                _("{fields} fields where the header has {width}").format(
                    fields=widths[i], width=len(header)
                ),
                "value",
            )
            for i in wrong[:MAX_PROBLEMS]
        )
    width = len(header)
    return header, [cells[column::width] for column in range(width)], lines, every[1:]


def _stamps(
    days: list[str],
    times: list[str],
    interval_minutes: int,
    bad: Callable[[int, str, str], None],
) -> NDArray[np.int64] | None:
    """Each row's start in minutes from 0001-01-01; bad dates and times reported.

    A year has only 365 distinct dates and 96 distinct times: each is parsed once.
    """
    day_of = {text: _date(text.strip()) for text in set(days)}
    minute_of = {text: _minute(text.strip()) for text in set(times)}
    if (
        None in day_of.values()
        or None in minute_of.values()
        or any(minute % interval_minutes for minute in minute_of.values() if minute is not None)
    ):
        for index, (day, time) in enumerate(zip(days, times, strict=True)):
            minute = minute_of[time]
            if day_of[day] is None:
                bad(
                    index,
                    "date",
                    _("date {value} is not a date written YYYY-MM-DD").format(
                        value=excerpt(day.strip())
                    ),
                )
            elif minute is None or minute % interval_minutes:
                bad(
                    index,
                    "time",
                    _(
                        "time {value} is not the start of a {minutes}-minute interval (HH:MM)"
                    ).format(value=excerpt(time.strip()), minutes=interval_minutes),
                )
        return None
    ordinal = {text: day.toordinal() for text, day in day_of.items()}  # type: ignore[union-attr]
    count = len(days)
    return np.fromiter(map(ordinal.__getitem__, days), np.int64, count) * MINUTES_PER_DAY + (
        np.fromiter(map(minute_of.__getitem__, times), np.int64, count)
    )


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def _minute(text: str) -> int | None:
    hours, _, minutes = text.partition(":")
    if not (len(hours) == 2 and hours.isdigit() and len(minutes) == 2 and minutes.isdigit()):
        return None
    value = int(hours) * 60 + int(minutes)
    return value if int(minutes) < 60 and value < MINUTES_PER_DAY else None


def _volumes(cells: list[str], bad: Callable[[int, str, str], None]) -> NDArray[np.float64] | None:
    try:
        volumes = np.array(cells, dtype=np.float64)
    except ValueError:
        volumes = None
    if volumes is not None and np.isfinite(volumes).all() and (volumes >= 0).all():
        return volumes
    for index, cell in enumerate(cells):
        try:
            value = float(cell)
        except ValueError:
            value = math.nan
        if not (math.isfinite(value) and value >= 0):
            bad(
                index,
                "volume",
                _("volume {value} is not a number ≥ 0").format(value=excerpt(cell.strip())),
            )
    return None


def _check_sequence(
    stamps: NDArray[np.int64],
    days: list[str],
    times: list[str],
    lines: NDArray[np.int64],
    interval: int,
    bad: Callable[[int, str, str], None],
) -> None:
    """Each row one interval after the one before: gaps, repeats and disorder reported."""
    steps = np.diff(stamps)
    for index in np.flatnonzero(steps != interval)[:MAX_PROBLEMS]:
        row = int(index) + 1
        here = f"{days[row].strip()} {times[row].strip()}"
        before = f"{days[row - 1].strip()} {times[row - 1].strip()}"
        step = int(steps[index])
        earlier = np.flatnonzero(stamps[:row] == stamps[row]) if step <= 0 else ()
        if len(earlier):
            bad(
                row,
                "date",
                _("{here} is already given on line {line}").format(
                    here=here, line=lines[earlier[0]]
                ),
            )
        elif step < 0:
            bad(
                row,
                "date",
                _("{here} comes after {before}: rows go in time order").format(
                    here=here, before=before
                ),
            )
        else:
            missing = step // interval - 1
            bad(
                row,
                "date",
                ngettext(
                    "{missing:,} interval missing between {before} and {here}: a dated "
                    "forecast gives every interval",
                    "{missing:,} intervals missing between {before} and {here}: a dated "
                    "forecast gives every interval",
                    missing,
                ).format(missing=missing, before=before, here=here),
            )


def _series(stamps: NDArray[np.int64], volumes: NDArray[np.float64], interval: int) -> DatedSeries:
    per_day = MINUTES_PER_DAY // interval
    first_day = int(stamps[0]) // MINUTES_PER_DAY
    offsets = (stamps - first_day * MINUTES_PER_DAY) // interval
    days = int(offsets[-1]) // per_day + 1
    grid = np.full(days * per_day, np.nan)
    grid[offsets] = volumes
    grid = grid.reshape(days, per_day)
    grid.flags.writeable = False
    return DatedSeries(date.fromordinal(first_day), grid)
