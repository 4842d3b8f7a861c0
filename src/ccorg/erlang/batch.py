"""`ccorg erlang --forecast FILE.csv`: one row per interval in, the same rows with their
staffing out.

Columns in: the batch inputs of ``inputs.INPUTS``, those required and, optionally, the others
(an empty cell means none). Columns added: ``RESULTS``, and ``abandon_rate`` when a
``patience_seconds`` column is present. Every bad row is reported with
its line number (the spreadsheet's row number: the header is line 1).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ccorg.erlang.inputs import (
    INPUT,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    service_level_definition,
)
from ccorg.errors import ConfigError, Location, Problem, UsageError
from ccorg.staffing import queueing

RESULTS = ("agents", "service_level", "asa_seconds", "occupancy", "wait_probability")
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Batch:
    """A forecast file's rows as read, and its numeric columns (NaN where a cell is empty).

    ``echo`` holds each row as CSV text for the output, as it was written when the file has
    no quotes; ``cells`` holds each row's fields (split only when something needs them).
    """

    path: str
    header: list[str]
    lines: NDArray[np.int64]
    columns: dict[str, NDArray[np.float64]]
    echo: list[str]
    cells: Callable[[], list[list[str]]]
    definitions: NDArray[np.object_] | None = None  # each row's service-level definition


def run_batch(path: str, output: str) -> str:
    """Read, solve and write a batch; ``output`` is ``csv`` or ``json``."""
    batch = read_batch(path)
    results = solve_batch(batch)
    return write_json(batch, results) if output == "json" else write_csv(batch, results)


def read_batch(path: str) -> Batch:
    """Parse and check a forecast CSV, reporting every bad row by its line."""
    display = "<stdin>" if path == "-" else path
    text = _read_text(path, display)
    if '"' in text:
        header, rows, lines = _parse_quoted(text, display)
        echo = [_csv_text(row) for row in rows]
    else:
        # Without quotes a CSV line is its fields split on commas; much faster than csv.
        every = text.splitlines()
        while every and not every[-1].strip():
            every.pop()
        if not every:
            raise ConfigError.at(Location(display), "empty file: expected a header row", "value")
        if all(map(str.strip, every)):
            echo, lines = every[1:], np.arange(2, len(every) + 1, dtype=np.int64)
        else:  # blank lines inside: skip them, keeping each row's own line number
            kept = [(i, line) for i, line in enumerate(every, 1) if line.strip()]
            echo = [line for _, line in kept[1:]]
            lines = np.array([i for i, _ in kept[1:]], dtype=np.int64)
        header = [name.strip() for name in every[0].split(",")]
        rows = None
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ConfigError.at(
            Location(display, 1),
            f"the header needs the columns {', '.join(REQUIRED_COLUMNS)}; "
            f"missing {', '.join(missing)}",
            "value",
        )
    split: list[list[str]] = []

    def cells() -> list[list[str]]:
        if rows is not None:
            return rows
        if not split:
            split.extend(line.split(",") for line in echo)
        return split

    problems: list[Problem] = []
    if rows is not None:
        widths = np.array([len(row) for row in rows], dtype=np.int64)
    else:  # the commas of every line, counted in one C-level pass
        widths = np.fromiter(map(str.count, echo, repeat(",")), np.int64, len(echo)) + 1
    for index in np.flatnonzero(widths != len(header)):
        problems.append(
            Problem(
                Location(display, int(lines[index])),
                f"{widths[index]} fields where the header has {len(header)}",
                "value",
            )
        )
    _raise(problems)
    columns = _numeric_columns(header, echo if rows is None else None, cells, lines, display)
    for name, values in columns.items():
        if INPUT[name].needs is None:
            continue
        other, why = INPUT[name].needs
        given = columns.get(other, np.full(len(echo), np.nan))
        orphan = ~np.isnan(values) & np.isnan(given)
        for line in lines[orphan][:MAX_PROBLEMS]:
            problems.append(
                Problem(Location(display, int(line)), f"{name} needs {other} ({why})", "value")
            )
    _raise(problems)
    definitions = _definitions(header, columns, cells, lines, display)
    return Batch(display, header, lines, columns, echo, cells, definitions)


def _definitions(
    header: list[str],
    columns: dict[str, NDArray[np.float64]],
    cells: Callable[[], list[list[str]]],
    lines: NDArray[np.int64],
    display: str,
) -> NDArray[np.object_] | None:
    """Each row's service-level definition: its ``sl_definition`` cell (a word of ``SL_OF``;
    empty: offered), implied by a ``short_abandon_seconds`` cell; None without either column."""
    short = columns.get("short_abandon_seconds")
    if "sl_definition" not in header and short is None:
        return None
    count = len(lines)
    index = header.index("sl_definition") if "sl_definition" in header else None
    words = [row[index] for row in cells()] if index is not None else [""] * count
    has_short = np.zeros(count, dtype=bool) if short is None else ~np.isnan(short)
    found = np.empty(count, dtype=object)
    problems: list[Problem] = []
    for i, word in enumerate(words):
        try:
            found[i] = service_level_definition(word.strip() or None, 0.0 if has_short[i] else None)
        except UsageError as error:
            reason = str(error).replace("--sl-of", "sl_definition")
            reason = reason.replace("--short-abandon SECONDS", "short_abandon_seconds")
            reason = reason.replace("--short-abandon", "short_abandon_seconds")
            problems.append(Problem(Location(display, int(lines[i])), reason, "value"))
            if len(problems) >= MAX_PROBLEMS:
                break
    _raise(problems)
    return found


def _numeric_columns(
    header: list[str],
    plain: list[str] | None,
    cells: Callable[[], list[list[str]]],
    lines: NDArray[np.int64],
    display: str,
) -> dict[str, NDArray[np.float64]]:
    """The known columns as numbers. A file of plain numbers in known columns only is parsed
    in one go; anything else column by column, so that each bad cell can be named."""
    known = [name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if name in header]
    if plain is not None and len(known) == len(header) and plain:
        table = _all_numbers(plain, len(header))
        if table is not None:
            columns = {name: table[:, header.index(name)] for name in known}
            if all(_valid(name, values).all() for name, values in columns.items()):
                return columns
    problems: list[Problem] = []
    rows = cells()
    columns = {}
    for name in known:
        index = header.index(name)
        columns[name] = _column(name, [row[index] for row in rows], lines, display, problems)
    _raise(problems)
    return columns


def _all_numbers(lines: list[str], width: int) -> NDArray[np.float64] | None:
    """The rows of comma-separated numbers as a table ``width`` wide, or None unless every
    cell is a number (numpy's C parser: faster than splitting, or ``np.fromstring``)."""
    try:
        table = np.loadtxt(lines, delimiter=",", comments=None, dtype=np.float64, ndmin=2)
    except ValueError:
        return None
    return table if table.shape == (len(lines), width) else None


def _valid(name: str, values: NDArray[np.float64]) -> NDArray[np.bool_]:
    with np.errstate(invalid="ignore"):
        return np.isfinite(values) & INPUT[name].bound.within(values)


def _read_text(path: str, display: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        file = Path(path)
        if file.is_dir():
            raise UsageError(f"{path}: is a directory, not a CSV file")
        if not file.is_file():
            raise UsageError(f"{path}: no such file")
        return file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{display}: cannot read: {error}") from error


def _parse_quoted(text: str, display: str) -> tuple[list[str], list[list[str]], NDArray[np.int64]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    found: list[int] = []
    try:
        header = [name.strip() for name in next(reader, [])]
        for row in reader:
            if row:
                rows.append(row)
                found.append(reader.line_num)
    except csv.Error as error:
        raise ConfigError.at(
            Location(display, reader.line_num), f"bad CSV: {error}", "value"
        ) from None
    if not header:
        raise ConfigError.at(Location(display), "empty file: expected a header row", "value")
    return header, rows, np.array(found, dtype=np.int64)


def _csv_text(fields: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(fields)
    return out.getvalue()


def _column(
    name: str,
    cells: list[str],
    lines: NDArray[np.int64],
    display: str,
    problems: list[Problem],
) -> NDArray[np.float64]:
    """One column as numbers; empty optional cells become NaN; bad cells are reported."""
    optional = name in OPTIONAL_COLUMNS
    empty = np.zeros(len(cells), dtype=bool)
    unreadable = np.zeros(len(cells), dtype=bool)
    try:
        values = np.fromiter(map(float, cells), dtype=np.float64, count=len(cells))
    except ValueError:
        # Some cell is empty or not a number: look at each one to say which.
        texts = [cell.strip() for cell in cells]
        empty = np.array([not text for text in texts], dtype=bool)
        values = np.array([_to_float(text) for text in texts], dtype=np.float64)
        unreadable = (
            np.isnan(values)
            & ~empty
            & ~np.array([text.lower() == "nan" for text in texts], dtype=bool)
        )
        for i in np.flatnonzero(unreadable)[:MAX_PROBLEMS]:
            problems.append(
                Problem(
                    Location(display, int(lines[i])),
                    f"{name}: {cells[i]!r} is not a number",
                    "value",
                )
            )
    wanted = INPUT[name].bound.wanted
    bad = ~empty & ~unreadable & ~_valid(name, values)
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
    count = len(batch.echo)
    columns = batch.columns
    results: dict[str, NDArray[Any]] = {
        "agents": np.zeros(count, dtype=np.int64),
        **{name: np.zeros(count) for name in RESULTS[1:]},
    }
    erlang_a = "patience_seconds" in columns
    if erlang_a:
        results["abandon_rate"] = np.full(count, np.nan)
    for rows, present, definition in _groups(columns, count, batch.definitions):
        optional = {name: columns[name][rows] for name in present}
        try:
            metrics = queueing.required_agents(
                **{name: columns[name][rows] for name in REQUIRED_COLUMNS},
                **optional,
                service_level_definition=definition,
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
    columns: dict[str, NDArray[np.float64]],
    count: int,
    definitions: NDArray[np.object_] | None,
) -> Iterator[tuple[NDArray[np.int64], tuple[str, ...], str]]:
    """Rows sharing the same optional targets (present or empty) and service-level
    definition, with those targets' names and the definition."""
    names = [name for name in OPTIONAL_COLUMNS if name in columns]
    given = [~np.isnan(columns[name]) for name in names]
    kinds = list(queueing.SL_DEFINITIONS)
    if definitions is not None:
        given.append(np.array([kinds.index(d) for d in definitions], dtype=np.int64))
    if not given:
        yield np.arange(count), (), "offered"
        return
    patterns, inverse = np.unique(np.column_stack(given), axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for index, pattern in enumerate(patterns):
        present = tuple(name for name, on in zip(names, pattern, strict=False) if on)
        definition = kinds[int(pattern[-1])] if definitions is not None else "offered"
        yield np.flatnonzero(inverse == index), present, definition


def _result_names(results: dict[str, NDArray[Any]]) -> list[str]:
    return [*RESULTS, *(["abandon_rate"] if "abandon_rate" in results else [])]


def write_csv(batch: Batch, results: dict[str, NDArray[Any]]) -> str:
    """The input rows as read, each followed by its results (floats to 10 significant
    digits; an empty abandonment where a row has no patience)."""
    names = _result_names(results)
    values = [results[name].tolist() for name in RESULTS]
    row = "%s" + _RESULTS_ROW
    if "abandon_rate" in results:
        values.append(list(map(_cell, results["abandon_rate"].tolist())))
        row += ",%s"
    # Each line formatted whole by one C call: input row, then its results.
    lines = [_csv_text(batch.header) + "," + ",".join(names)]
    lines += map(row.__mod__, zip(batch.echo, *values, strict=True))
    return "\n".join(lines) + "\n"


def write_json(batch: Batch, results: dict[str, NDArray[Any]]) -> str:
    """``{"format_version": 1, "rows": [...]}``: each row's known columns as numbers (null
    when empty), other columns as text, then its results."""
    names = _result_names(results)
    known = {name: batch.columns[name].tolist() for name in batch.columns}
    values = {name: results[name].tolist() for name in names}
    rows = []
    for i, row in enumerate(batch.cells()):
        item: dict[str, Any] = {}
        for j, name in enumerate(batch.header):
            item[name] = _number(known[name][i]) if name in known else row[j]
        item.update({name: _number(values[name][i]) for name in names})
        rows.append(item)
    document = {"format_version": 1, "rows": rows}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


_DIGITS = "{:.10g}".format
# The results of a row; "%.10g" writes a float exactly as _DIGITS does.
_RESULTS_ROW = ",%d,%.10g,%.10g,%.10g,%.10g"


def _cell(value: float) -> str:
    # NaN (a row without patience has no abandonment) is an empty cell.
    return "" if value != value else _DIGITS(value)


def _number(value: float | int) -> float | int | None:
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return None
    return value
