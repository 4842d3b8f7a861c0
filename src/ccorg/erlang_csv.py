"""`ccorg erlang --forecast FILE.csv`: one row per interval in, the same rows with their
staffing out.

Columns in: ``calls,interval_seconds,aht_seconds,sl_target,sl_seconds`` and, optionally,
``max_occupancy,asa_target_seconds,patience_seconds,max_abandon_rate`` (an empty cell means
none). Columns added: ``agents,service_level,asa_seconds,occupancy,wait_probability`` and
``abandon_rate`` when a ``patience_seconds`` column is present. Every bad row is reported with
its line number (the spreadsheet's row number: the header is line 1).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ccorg.errors import ConfigError, Location, Problem, UsageError
from ccorg.staffing import queueing

REQUIRED = ("calls", "interval_seconds", "aht_seconds", "sl_target", "sl_seconds")
OPTIONAL = ("max_occupancy", "asa_target_seconds", "patience_seconds", "max_abandon_rate")
RESULTS = ("agents", "service_level", "asa_seconds", "occupancy", "wait_probability")
MAX_PROBLEMS = 20

Check = Callable[[NDArray[np.float64]], NDArray[np.bool_]]
# Each column's valid values; NaN (an empty optional cell) is handled before these run.
_VALID: dict[str, tuple[Check, str]] = {
    "calls": (lambda v: v >= 0, "a number ≥ 0"),
    "interval_seconds": (lambda v: v > 0, "a number of seconds > 0"),
    "aht_seconds": (lambda v: v > 0, "a number of seconds > 0"),
    "sl_target": (lambda v: (v > 0) & (v <= 1), "a share in (0, 1], e.g. 0.8"),
    "sl_seconds": (lambda v: v >= 0, "a number of seconds ≥ 0"),
    "max_occupancy": (lambda v: (v >= 0) & (v <= 1), "a share in [0, 1], e.g. 0.85"),
    "asa_target_seconds": (lambda v: v >= 0, "a number of seconds ≥ 0"),
    "patience_seconds": (lambda v: v > 0, "a number of seconds > 0"),
    "max_abandon_rate": (lambda v: (v >= 0) & (v <= 1), "a share in [0, 1]"),
}


@dataclass(frozen=True)
class Batch:
    """A forecast file's rows as read, and its numeric columns (NaN where a cell is empty)."""

    path: str
    header: list[str]
    rows: list[list[str]]
    lines: NDArray[np.int64]
    columns: dict[str, NDArray[np.float64]]


def run_batch(path: str, output: str) -> str:
    """Read, solve and write a batch; ``output`` is ``csv`` or ``json``."""
    batch = read_batch(path)
    results = solve_batch(batch)
    return write_json(batch, results) if output == "json" else write_csv(batch, results)


def read_batch(path: str) -> Batch:
    """Parse and check a forecast CSV, reporting every bad row by its line."""
    display = "<stdin>" if path == "-" else path
    header, rows, lines = _read_rows(path, display)
    problems: list[Problem] = []
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ConfigError.at(
            Location(display, 1),
            f"the header needs the columns {', '.join(REQUIRED)}; missing {', '.join(missing)}",
            "value",
        )
    for row, line in zip(rows, lines, strict=True):
        if len(row) != len(header):
            problems.append(
                Problem(
                    Location(display, int(line)),
                    f"{len(row)} fields where the header has {len(header)}",
                    "value",
                )
            )
    _raise(problems)
    columns: dict[str, NDArray[np.float64]] = {}
    for name in (*REQUIRED, *OPTIONAL):
        if name in header:
            index = header.index(name)
            columns[name] = _column(name, [row[index] for row in rows], lines, display, problems)
    _raise(problems)
    if "max_abandon_rate" in columns:
        patience = columns.get("patience_seconds", np.full(len(rows), np.nan))
        orphan = ~np.isnan(columns["max_abandon_rate"]) & np.isnan(patience)
        for line in lines[orphan][:MAX_PROBLEMS]:
            problems.append(
                Problem(
                    Location(display, int(line)),
                    "max_abandon_rate needs patience_seconds (abandonment is Erlang A)",
                    "value",
                )
            )
    _raise(problems)
    return Batch(display, header, rows, lines, columns)


def _read_rows(path: str, display: str) -> tuple[list[str], list[list[str]], NDArray[np.int64]]:
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            file = Path(path)
            if not file.is_file():
                raise UsageError(f"{path}: no such file")
            text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{display}: cannot read: {error}") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = [name.strip() for name in next(reader, [])]
        for row in reader:
            if row:
                rows.append(row)
                lines.append(reader.line_num)
    except csv.Error as error:
        raise ConfigError.at(
            Location(display, reader.line_num), f"bad CSV: {error}", "value"
        ) from None
    if not header:
        raise ConfigError.at(Location(display), "empty file: expected a header row", "value")
    return header, rows, np.array(lines, dtype=np.int64)


def _column(
    name: str,
    cells: list[str],
    lines: NDArray[np.int64],
    display: str,
    problems: list[Problem],
) -> NDArray[np.float64]:
    """One column as numbers; empty optional cells become NaN; bad cells are reported."""
    optional = name in OPTIONAL
    texts = np.array([cell.strip() for cell in cells], dtype=object)
    empty = texts == ""
    unreadable = np.zeros(len(cells), dtype=bool)
    try:
        values = np.array(np.where(empty, "nan", texts), dtype=np.float64)
    except ValueError:
        values = np.array([_to_float(t) if t else np.nan for t in texts], dtype=np.float64)
        unreadable = np.isnan(values) & ~empty
        for i in np.flatnonzero(unreadable)[:MAX_PROBLEMS]:
            problems.append(
                Problem(
                    Location(display, int(lines[i])),
                    f"{name}: {cells[i]!r} is not a number",
                    "value",
                )
            )
    valid, wanted = _VALID[name]
    with np.errstate(invalid="ignore"):
        bad = ~empty & ~unreadable & ~(np.isfinite(values) & valid(values))
    if not optional:
        bad |= empty
    for i in np.flatnonzero(bad)[:MAX_PROBLEMS]:
        problems.append(
            Problem(
                Location(display, int(lines[i])),
                f"{name}: {cells[i].strip() or 'empty'} is not {wanted}",
                "value",
            )
        )
    return values


def _to_float(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


def _raise(problems: list[Problem]) -> None:
    if problems:
        problems.sort(key=lambda p: p.location)
        raise ConfigError(problems[:MAX_PROBLEMS])


def solve_batch(batch: Batch) -> dict[str, NDArray[Any]]:
    """Agents and metrics per row; rows are solved together in groups of the same options."""
    count = len(batch.rows)
    columns = batch.columns
    results: dict[str, NDArray[Any]] = {
        "agents": np.zeros(count, dtype=np.int64),
        **{name: np.zeros(count) for name in RESULTS[1:]},
    }
    erlang_a = "patience_seconds" in columns
    if erlang_a:
        results["abandon_rate"] = np.full(count, np.nan)
    for rows, present in _groups(columns, count):
        optional = {name: columns[name][rows] for name in present}
        try:
            metrics = queueing.required_agents(
                *(columns[name][rows] for name in REQUIRED), **optional
            )
        except queueing.InfeasibleTargetError as error:
            raise ConfigError.at(
                Location(batch.path, int(batch.lines[rows[error.index]])),
                f"the targets cannot be met: {error.reason}",
                "value",
            ) from None
        except queueing.StaffingInputError as error:
            raise ConfigError.at(
                Location(batch.path, int(batch.lines[rows[error.index]])),
                f"{error.field}: {error.reason}",
                "value",
            ) from None
        results["agents"][rows] = metrics.agents
        results["service_level"][rows] = metrics.service_level
        results["asa_seconds"][rows] = metrics.asa_seconds
        results["occupancy"][rows] = metrics.occupancy
        results["wait_probability"][rows] = metrics.wait_probability
        if metrics.abandon_rate is not None:
            results["abandon_rate"][rows] = metrics.abandon_rate
    return results


def _groups(
    columns: dict[str, NDArray[np.float64]], count: int
) -> Iterator[tuple[NDArray[np.int64], tuple[str, ...]]]:
    """Rows sharing the same optional targets (present or empty), with those targets' names."""
    names = [name for name in OPTIONAL if name in columns]
    if not names:
        yield np.arange(count), ()
        return
    given = np.column_stack([~np.isnan(columns[name]) for name in names])
    patterns, inverse = np.unique(given, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for index, pattern in enumerate(patterns):
        present = tuple(name for name, on in zip(names, pattern, strict=True) if on)
        yield np.flatnonzero(inverse == index), present


def _result_names(results: dict[str, NDArray[Any]]) -> list[str]:
    return [*RESULTS, *(["abandon_rate"] if "abandon_rate" in results else [])]


def write_csv(batch: Batch, results: dict[str, NDArray[Any]]) -> str:
    """The input rows as read, each followed by its results."""
    names = _result_names(results)
    values = [results[name].tolist() for name in names]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*batch.header, *names])
    writer.writerows(
        [*row, *(_cell(column[i]) for column in values)] for i, row in enumerate(batch.rows)
    )
    return out.getvalue()


def write_json(batch: Batch, results: dict[str, NDArray[Any]]) -> str:
    """``{"format_version": 1, "rows": [...]}``: each row's known columns as numbers (null
    when empty), other columns as text, then its results."""
    names = _result_names(results)
    known = {name: batch.columns[name].tolist() for name in batch.columns}
    values = {name: results[name].tolist() for name in names}
    rows = []
    for i, row in enumerate(batch.rows):
        item: dict[str, Any] = {}
        for j, name in enumerate(batch.header):
            item[name] = _number(known[name][i]) if name in known else row[j]
        item.update({name: _number(values[name][i]) for name in names})
        rows.append(item)
    document = {"format_version": 1, "rows": rows}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _cell(value: float | int) -> str:
    if isinstance(value, float) and value != value:
        return ""
    return str(value)


def _number(value: float | int) -> float | int | None:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value
