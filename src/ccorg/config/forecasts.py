"""Per-interval forecast files that demand streams name: read here, never in pure code.

A forecast is a CSV file with a header and one row per interval of a typical week:
``weekday,time,volume`` (``mon,09:30,120``); intervals without a row have no volume. Or it is
dated, ``date,time,volume`` (``2027-03-01,09:30,120``) over any span of days (see
``config.dated_forecasts``): a typical-week plan takes its week of means by weekday, a capacity
plan its days. Every bad row is reported with its line number.
"""

from __future__ import annotations

import csv
import io
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ccorg.config.csv_text import decode_csv, field_column, refuse_duplicate_columns
from ccorg.config.files import UnreadableFile, read_regular_file
from ccorg.config.loader import SourceMap
from ccorg.config.model import WEEKDAYS
from ccorg.config.schema import Config
from ccorg.errors import ConfigError, Location, Problem, excerpt
from ccorg.i18n import N_, _
from ccorg.limits import MAX_CONTACTS_A_DAY

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ccorg.staffing.dated import DatedSeries

COLUMNS = ("weekday", "time", "volume")
_FULL_NAMES = {
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
MAX_PROBLEMS = 20
# A week of 15-minute intervals is 672 rows, some 20 KB: a larger file is not a forecast.
MAX_FORECAST_BYTES = 1024 * 1024
# A dated forecast holds up to ten years of 15-minute rows (``dated_forecasts.MAX_ROWS``), some
# 30 bytes each.
MAX_DATED_FORECAST_BYTES = 64 * 1024 * 1024


def read_forecasts(
    config: Config, config_path: str, source_map: SourceMap
) -> dict[str, NDArray[np.float64]]:
    """The week of every stream whose volume is a forecast file, by stream id."""
    return read_forecast_files(config, config_path, source_map)[0]


def read_forecast_files(
    config: Config, config_path: str, source_map: SourceMap
) -> tuple[dict[str, NDArray[np.float64]], dict[str, DatedSeries]]:
    """The week of every stream whose volume is a forecast file, and the days of each dated
    one, by stream id.

    Paths are relative to the config file (to the working directory for standard input) and
    stay below its directory. A problem in a file is told at its line and column there, with
    the place in the config that names the file.
    """
    if config.demand is None:
        return {}, {}
    base = Path.cwd() if config_path == "-" else Path(config_path).parent
    weeks: dict[str, NDArray[np.float64]] = {}
    series: dict[str, DatedSeries] = {}
    interval = config.demand.interval_minutes
    for index, stream in enumerate(config.demand.streams):
        name = stream.volume.forecast
        if name is None:
            continue
        where = source_map.locate(("demand", "streams", index, "volume", "forecast"))
        path = _inside(base, name, where)
        try:
            raw = read_regular_file(str(path), MAX_DATED_FORECAST_BYTES, N_("forecast file"))
        except UnreadableFile as error:
            message = (
                _("forecast file {path!r}: {reason} (paths are relative to the config file)")
                if error.missing
                else _("forecast file {path!r}: {reason}")
            )
            raise ConfigError.at(
                where, message.format(path=str(path), reason=error.reason), "io"
            ) from None
        dated = _is_dated(raw)
        limit = MAX_DATED_FORECAST_BYTES if dated else MAX_FORECAST_BYTES
        if len(raw) > limit:
            message = (
                _(
                    "forecast file {path!r} is larger than {kib} KiB (the limit of a dated "
                    "forecast file)"
                )
                if dated
                else _(
                    "forecast file {path!r} is larger than {kib} KiB (the limit of a forecast file)"
                )
            )
            raise ConfigError.at(where, message.format(path=str(path), kib=limit // 1024), "io")
        try:
            text = decode_csv(raw, str(path))
            if not dated:
                weeks[stream.id] = read_week(path, text, interval)
                continue
            from ccorg.config.dated_forecasts import read_dated
            from ccorg.staffing.dated import typical_week

            series[stream.id] = read_dated(path, text, interval)
        except ConfigError as error:
            raise _named_at(error, where) from None
        weeks[stream.id] = typical_week(series[stream.id])
    return weeks, series


def _inside(base: Path, name: str, where: Location) -> Path:
    """The forecast file ``name`` of a config in the directory ``base``.

    A path that is absolute, climbs out with ``..`` or leads out through a symbolic link is
    refused before anything opens it: a config (a pull request's, say) must not make ccorg
    read, or tell the existence of, any file on the machine it runs on.
    """
    path = base / name
    if "\x00" not in name and not Path(name).is_absolute():
        inner = os.path.realpath(path)
        if Path(inner).is_relative_to(os.path.realpath(base)):
            return path
    raise ConfigError.at(
        where,
        _(
            "forecast file {name}: not below the config's directory; a forecast path is "
            "relative to the config file and stays inside its directory"
        ).format(name=excerpt(name, 200)),
        "io",
    )


def _named_at(error: ConfigError, where: Location) -> ConfigError:
    """``error``'s problems in a forecast file, each saying where the config names it."""
    return ConfigError(
        Problem(
            problem.location,
            _("{message} (the forecast file named at {where})").format(
                message=problem.message, where=where
            ),
            problem.code,
        )
        for problem in error.problems
    )


def _is_dated(raw: bytes) -> bool:
    """Whether a forecast's header (its first line) has a ``date`` column."""
    header = raw[:4096].split(b"\n", 1)[0].decode("utf-8-sig", "replace")
    return "date" in [name.strip().strip('"').lower() for name in header.split(",")]


def read_week(path: Path, text: str, interval_minutes: int) -> NDArray[np.float64]:
    """A forecast CSV (``text``, read from ``path``) as a 7 × intervals-a-day array of volumes."""
    import numpy as np

    per_day = 24 * 60 // interval_minutes
    week = np.zeros((7, per_day))
    seen: dict[tuple[int, int], int] = {}
    problems: list[Problem] = []
    display = str(path)
    lines = io.StringIO(text, newline="").readlines()  # as the reader counts them

    def bad(line: int, column: str, message: str) -> None:
        where = Location(display, line, field_column(lines[line - 1], fields.index(column)))
        problems.append(Problem(where, message, "value"))

    try:
        with io.StringIO(text, newline="") as handle:
            reader = csv.DictReader(handle)
            fields = list(reader.fieldnames or [])
            refuse_duplicate_columns(fields, lines[0] if lines else "", display)
            missing = [c for c in COLUMNS if c not in fields]
            if missing:
                raise ConfigError.at(
                    Location(display, 1),
                    _("forecast header needs columns {columns}; missing {missing}").format(
                        columns=", ".join(COLUMNS), missing=", ".join(missing)
                    ),
                    "value",
                )
            for row in reader:
                line = reader.line_num
                written = (row["weekday"] or "").strip().lower()
                day = _FULL_NAMES.get(written, written)
                if day not in WEEKDAYS:
                    bad(
                        line,
                        "weekday",
                        _("weekday {value} is not one of mon … sun (or monday …)").format(
                            value=excerpt(row["weekday"] or "")
                        ),
                    )
                    continue
                slot = _slot(row["time"] or "", interval_minutes)
                if slot is None:
                    bad(
                        line,
                        "time",
                        _(
                            "time {value} is not the start of a {minutes}-minute interval (HH:MM)"
                        ).format(value=excerpt(row["time"] or ""), minutes=interval_minutes),
                    )
                    continue
                key = (WEEKDAYS.index(day), slot)
                if key in seen:
                    bad(
                        line,
                        "weekday",
                        _("{day} {time} is already given on line {line}").format(
                            day=day, time=row["time"], line=seen[key]
                        ),
                    )
                    continue
                seen[key] = line
                volume = _number(row["volume"])
                if volume is None or not 0 <= volume <= MAX_CONTACTS_A_DAY:
                    bad(
                        line,
                        "volume",
                        _(
                            "volume {value} is not a number from 0 to {most:,} (the most "
                            "contacts a day)"
                        ).format(value=excerpt(row["volume"] or ""), most=MAX_CONTACTS_A_DAY),
                    )
                    continue
                week[key] = volume
    except csv.Error as error:
        raise ConfigError.at(
            Location(display), _("cannot read forecast: {reason}").format(reason=error), "io"
        ) from None
    if problems:
        raise ConfigError(problems[:MAX_PROBLEMS])
    return week


def _slot(text: str, interval_minutes: int) -> int | None:
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    start = int(hours) * 60 + int(minutes)
    if start >= 24 * 60 or start % interval_minutes:
        return None
    return start // interval_minutes


def _number(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None
