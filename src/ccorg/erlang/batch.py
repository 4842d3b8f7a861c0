"""`ccorg erlang --forecast FILE.csv`: one row per interval in, the same rows with their
staffing out.

Columns in: the batch inputs of ``inputs.INPUTS``, those required and, optionally, the others
(an empty cell means none). Columns added: ``RESULTS``, and ``abandon_rate`` when a
``patience_seconds`` column is present. Every bad row is reported with
its line number (the spreadsheet's row number: the header is line 1).
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import shutil
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import Any, TextIO

import numpy as np
from numpy.typing import NDArray

from ccorg.config.files import open_regular_file
from ccorg.config.forecast_lines import (
    LONG_LINE,
    LONG_QUOTE,
    MAX_LINE_CHARS,
    NUL_BYTE,
    not_a_forecast,
)
from ccorg.erlang.inputs import (
    INPUT,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    service_level_definition,
)
from ccorg.errors import ConfigError, Location, Problem, UsageError, excerpt
from ccorg.i18n import N_, _
from ccorg.i18n.os_reasons import os_reason
from ccorg.render.ansi import printable_document, printable_json
from ccorg.render.csv_cells import FORMULA_STARTS, spreadsheet_text
from ccorg.staffing import queueing

RESULTS = ("agents", "service_level", "asa_seconds", "occupancy", "wait_probability")
MAX_PROBLEMS = 20
# Text read, checked and solved at a time (some 50,000 rows): memory stays flat however
# long the file is.
_CHUNK_CHARS = 1024 * 1024
# The answer is kept in memory up to this size, then in a temporary file.
_SPOOL_BYTES = 16 * 1024 * 1024


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


def run_batch(path: str, output: str, out: TextIO, prefix: str = "") -> None:
    """Read, solve and write a batch to ``out``; ``output`` is ``csv`` or ``json``; ``prefix``
    (a CSV's byte-order mark) goes first.

    The file is read a few megabytes at a time and each chunk's answer is kept aside (in
    memory while small, then in a temporary file), so memory does not grow with the file.
    The answer reaches ``out`` only when every row is good: a bad row anywhere means no
    output, and every bad row is reported (up to ``MAX_PROBLEMS``) with its line number.
    """
    display = "<stdin>" if path == "-" else path
    problems: list[Problem] = []
    with (
        _open_text(path) as handle,
        tempfile.SpooledTemporaryFile(
            max_size=_SPOOL_BYTES, mode="w+", encoding="utf-8", newline=""
        ) as spool,
    ):
        chunks = _chunks(handle, display)
        header, left = _header(chunks, display)
        writer = _Writer(output, header, spool)
        for chunk in itertools.chain([left] if left else [], chunks):
            try:
                batch = parse_chunk(header, chunk, display)
                results = solve_batch(batch)
            except ConfigError as error:
                problems.extend(error.problems)
                if len(problems) >= MAX_PROBLEMS:
                    break
                continue
            if not problems:
                writer.write(batch, results)
        _raise(problems)
        writer.close()
        spool.seek(0)
        out.write(prefix)
        shutil.copyfileobj(spool, out)


def _open_text(path: str) -> contextlib.AbstractContextManager[TextIO]:
    if path == "-":
        return contextlib.nullcontext(sys.stdin)
    binary = open_regular_file(path, N_("CSV file"))
    return io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")


# A chunk of the file: the number of its first line, and its lines without their line ends.
Chunk = tuple[int, list[str]]


def _chunks(handle: TextIO, display: str) -> Iterator[Chunk]:
    """The file's complete lines, ``_CHUNK_CHARS`` of text at a time, never cut inside a
    quoted field (which may hold line breaks; doubled quotes inside keep the count even).

    A NUL byte, a line past ``MAX_LINE_CHARS`` or a quoted field running on past it is
    refused as soon as it is read: ``/dev/zero`` or a file of one endless line would
    otherwise be read whole before the CSV reader could say anything."""
    number, rest, pending = 1, "", ""
    try:
        while text := handle.read(_CHUNK_CHARS):
            if "\x00" in text:
                before = pending + rest + text[: text.index("\x00")]
                raise not_a_forecast(display, number + before.count("\n"), NUL_BYTE)
            text = rest + text
            cut = text.rfind("\n")
            pending += text[: cut + 1]
            rest = text[cut + 1 :]
            if len(rest) > MAX_LINE_CHARS:
                raise not_a_forecast(display, number + pending.count("\n"), LONG_LINE)
            if cut < 0:
                continue
            if pending.count('"') % 2:
                if len(pending) > _CHUNK_CHARS + MAX_LINE_CHARS:
                    raise not_a_forecast(display, number + _quote_opened(pending), LONG_QUOTE)
                continue  # a quoted field goes on in the next piece
            lines = pending[:-1].split("\n")
            if max(map(len, lines)) > MAX_LINE_CHARS:
                long = next(i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS)
                raise not_a_forecast(display, number + long, LONG_LINE)
            yield number, lines
            number += len(lines)
            pending = ""
    except (OSError, UnicodeDecodeError) as error:
        reason = os_reason(error) if isinstance(error, OSError) else error
        raise UsageError(
            _("{path}: cannot read: {reason}").format(path=display, reason=reason)
        ) from None
    if pending + rest:
        yield number, (pending + rest).removesuffix("\n").split("\n")


def _quote_opened(text: str) -> int:
    """The index of the line where the quote left open at the end of ``text`` opens."""
    opened, odd = 0, False
    for index, line in enumerate(text.split("\n")):
        if line.count('"') % 2:
            odd = not odd
            if odd:
                opened = index
    return opened


def _header(chunks: Iterator[Chunk], display: str) -> tuple[list[str], Chunk | None]:
    """The column names, from the first line that is not blank (checked for the required
    ones), and what is left of its chunk."""
    for chunk in chunks:
        number, lines = chunk
        at = next((i for i, line in enumerate(lines) if line.strip()), None)
        if at is not None:
            break
    else:
        raise ConfigError.at(Location(display), _("empty file: expected a header row"), "value")
    end = at + 1
    while lines[at:end] and "\n".join(lines[at:end]).count('"') % 2 and end < len(lines):
        end += 1
    text = "\n".join(lines[at:end])
    try:
        fields = next(csv.reader(io.StringIO(text, newline="")), [])
    except csv.Error as error:
        raise ConfigError.at(
            Location(display, number + at), _("bad CSV: {reason}").format(reason=error), "value"
        ) from None
    header = [name.strip() for name in fields]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ConfigError.at(
            Location(display, number + at),
            _("the header needs the columns {columns}; missing {missing}").format(
                columns=", ".join(REQUIRED_COLUMNS), missing=", ".join(missing)
            ),
            "value",
        )
    left = (number + end, lines[end:]) if end < len(lines) else None
    return header, left


def parse_chunk(header: list[str], chunk: Chunk, display: str) -> Batch:
    """Parse and check some rows of a forecast CSV, reporting every bad row by its line."""
    first, physical = chunk
    if any('"' in line for line in physical):
        rows, lines = _parse_quoted(chunk, display)
        echo = [_csv_text(row) for row in rows]
    else:
        # Without quotes a CSV line is its fields split on commas; much faster than csv.
        rows = None
        if all(map(str.strip, physical)) and not any("\r" in line for line in physical):
            echo, lines = physical, np.arange(first, first + len(physical), dtype=np.int64)
        else:  # blank lines or CR LF line ends: each row keeps its own line number
            kept = [(first + i, line.rstrip("\r")) for i, line in enumerate(physical)]
            kept = [(number, line) for number, line in kept if line.strip()]
            echo = [line for _, line in kept]
            lines = np.array([number for number, _ in kept], dtype=np.int64)
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
    wrong = widths != len(header)
    for index in np.flatnonzero(wrong):
        problems.append(
            Problem(
                Location(display, int(lines[index])),
                _("{fields} fields where the header has {columns}").format(
                    fields=widths[index], columns=len(header)
                ),
                "value",
            )
        )
    if wrong.any():  # the other rows are still checked, so one run reports every bad row
        keep = np.flatnonzero(~wrong)
        echo, lines = [echo[i] for i in keep], lines[keep]
        if rows is not None:
            rows = [rows[i] for i in keep]
        split.clear()
    columns = _numeric_columns(
        header, echo if rows is None else None, cells, lines, display, problems
    )
    for name, values in columns.items():
        if INPUT[name].needs is None:
            continue
        other, why = INPUT[name].needs
        given = columns.get(other, np.full(len(echo), np.nan))
        orphan = ~np.isnan(values) & np.isnan(given)
        for line in lines[orphan][:MAX_PROBLEMS]:
            problems.append(
                Problem(
                    Location(display, int(line)),
                    _("{column} needs {other} ({why})").format(
                        column=name, other=other, why=_(why)
                    ),
                    "value",
                )
            )
    definitions = _definitions(header, columns, cells, lines, display, problems)
    batch = Batch(display, header, lines, columns, echo, cells, definitions)
    if problems:
        # The rows with good cells are solved too: a target they cannot meet is a bad row
        # as well, reported now rather than in a second run once the others are fixed.
        bad = {problem.location.line for problem in problems}
        good = np.flatnonzero(~np.isin(lines, list(bad)))
        try:
            solve_batch(_rows_of(batch, good))
        except ConfigError as error:
            problems.extend(error.problems)
        _raise(problems)
    return batch


def _rows_of(batch: Batch, keep: NDArray[np.int64]) -> Batch:
    """The batch's rows at ``keep``, in order."""
    rows = [batch.cells()[i] for i in keep]
    definitions = None if batch.definitions is None else batch.definitions[keep]
    return Batch(
        batch.path,
        batch.header,
        batch.lines[keep],
        {name: values[keep] for name, values in batch.columns.items()},
        [batch.echo[i] for i in keep],
        lambda: rows,
        definitions,
    )


def _definitions(
    header: list[str],
    columns: dict[str, NDArray[np.float64]],
    cells: Callable[[], list[list[str]]],
    lines: NDArray[np.int64],
    display: str,
    problems: list[Problem],
) -> NDArray[np.object_] | None:
    """Each row's service-level definition: its ``sl_definition`` cell (a word of ``SL_OF``;
    empty: offered), implied by a ``short_abandon_seconds`` cell; None without either column.
    A bad word is added to ``problems`` (its row keeps the default, offered)."""
    short = columns.get("short_abandon_seconds")
    if "sl_definition" not in header and short is None:
        return None
    count = len(lines)
    index = header.index("sl_definition") if "sl_definition" in header else None
    words = [row[index] for row in cells()] if index is not None else [""] * count
    has_short = np.zeros(count, dtype=bool) if short is None else ~np.isnan(short)
    found = np.full(count, "offered", dtype=object)
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
    return found


def _numeric_columns(
    header: list[str],
    plain: list[str] | None,
    cells: Callable[[], list[list[str]]],
    lines: NDArray[np.int64],
    display: str,
    problems: list[Problem],
) -> dict[str, NDArray[np.float64]]:
    """The known columns as numbers. A file of plain numbers in known columns only is parsed
    in one go; anything else column by column, so that each bad cell can be named (in
    ``problems``)."""
    known = [name for name in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if name in header]
    if plain is not None and len(known) == len(header) and plain:
        table = _all_numbers(plain, len(header))
        if table is not None:
            columns = {name: table[:, header.index(name)] for name in known}
            if all(_valid(name, values).all() for name, values in columns.items()):
                return columns
    rows = cells()
    columns = {}
    for name in known:
        index = header.index(name)
        columns[name] = _column(name, [row[index] for row in rows], lines, display, problems)
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


def _parse_quoted(chunk: Chunk, display: str) -> tuple[list[list[str]], NDArray[np.int64]]:
    first, physical = chunk
    reader = csv.reader(io.StringIO("\n".join(physical), newline=""))
    rows = []
    found: list[int] = []
    try:
        for row in reader:
            if row:
                rows.append(row)
                found.append(first + reader.line_num - 1)
    except csv.Error as error:
        where = Location(display, first + reader.line_num - 1)
        raise ConfigError.at(where, _("bad CSV: {reason}").format(reason=error), "value") from None
    return rows, np.array(found, dtype=np.int64)


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
                    _("{column}: {value} is not a number").format(
                        column=name, value=excerpt(cells[i])
                    ),
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
                _("{column}: {value} is not {wanted}").format(
                    column=name, value=_shown(cells[i].strip()), wanted=wanted
                ),
                "value",
            )
        )
    return values


def _shown(text: str) -> str:
    """A cell as a message shows it: a short number as written, anything else quoted short."""
    if not text:
        return "empty"
    return text if len(text) <= 40 and text.isprintable() else excerpt(text)


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
    if not count:
        return results
    problems: list[Problem] = []
    for rows, present, definition in _groups(columns, count, batch.definitions):
        optional = {name: columns[name][rows] for name in present}
        try:
            metrics = queueing.required_agents(
                **{name: columns[name][rows] for name in REQUIRED_COLUMNS},
                **optional,
                service_level_definition=definition,
            )
        except queueing.InfeasibleTargetError as error:
            for index, reason in error.failures:
                where = Location(batch.path, int(batch.lines[rows[index]]))
                cannot = _("the targets cannot be met: {reason}").format(reason=reason)
                problems.append(Problem(where, cannot, "value"))
            continue
        except queueing.StaffingInputError as error:
            where = Location(batch.path, int(batch.lines[rows[error.index]]))
            problems.append(Problem(where, f"{error.field}: {error.reason}", "value"))
            continue
        results["agents"][rows] = metrics.agents
        results["service_level"][rows] = metrics.service_level
        results["asa_seconds"][rows] = metrics.asa_seconds
        results["occupancy"][rows] = metrics.occupancy
        results["wait_probability"][rows] = metrics.wait_probability
        if metrics.abandon_rate is not None:
            results["abandon_rate"][rows] = metrics.abandon_rate
    _raise(problems)
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


def _result_names(abandon: bool) -> list[str]:
    return [*RESULTS, *(["abandon_rate"] if abandon else [])]


def csv_header(header: list[str], abandon: bool) -> str:
    """The output's header line: the input's columns, then the results' (``abandon_rate``
    with a ``patience_seconds`` column)."""
    safe = [str(spreadsheet_text(name)) for name in header]
    return _csv_text(safe) + "," + ",".join(_result_names(abandon)) + "\n"


# How a field that starts a formula in a spreadsheet begins (after a comma, or first on its
# line). A usual forecast holds none of the characters at all: one fast search each, and its
# lines are echoed as read.
_QUOTES = ("", '"')
_LINE_STARTS = tuple(quote + c for quote in _QUOTES for c in FORMULA_STARTS)
_LINE_MARKS = tuple("," + start for start in _LINE_STARTS)


def _spreadsheet_lines(echo: list[str]) -> list[str]:
    """The input lines to echo, a field a spreadsheet would evaluate as a formula with ``'``
    before it (:func:`~ccorg.render.csv_cells.spreadsheet_text`)."""
    text = "\n" + "\n".join(echo)
    found = [c for c in FORMULA_STARTS if c in text]
    marks = [sep + quote + c for c in found for sep in ",\n" for quote in _QUOTES]
    if not any(mark in text for mark in marks):
        return echo
    return [
        _csv_text([str(spreadsheet_text(cell)) for cell in next(csv.reader([line]))])
        if line.startswith(_LINE_STARTS) or any(mark in line for mark in _LINE_MARKS)
        else line
        for line in echo
    ]


def write_csv(batch: Batch, results: dict[str, NDArray[Any]], header: bool = True) -> str:
    """The input rows as read, each followed by its results (floats to 10 significant
    digits; an empty abandonment where a row has no patience); the header line first
    unless ``header`` is false."""
    values = [results[name].tolist() for name in RESULTS]
    row = "%s" + _RESULTS_ROW
    if "abandon_rate" in results:
        values.append(list(map(_cell, results["abandon_rate"].tolist())))
        row += ",%s"
    # Each line formatted whole by one C call: input row, then its results.
    echo = _spreadsheet_lines(batch.echo)
    lines = list(map(row.__mod__, zip(echo, *values, strict=True)))
    text = "\n".join(lines) + "\n" if lines else ""
    return csv_header(batch.header, "abandon_rate" in results) + text if header else text


def json_rows(batch: Batch, results: dict[str, NDArray[Any]]) -> Iterator[dict[str, Any]]:
    """Each row's known columns as numbers (null when empty), other columns as text, then
    its results."""
    names = _result_names("abandon_rate" in results)
    known = {name: batch.columns[name].tolist() for name in batch.columns}
    values = {name: results[name].tolist() for name in names}
    for i, row in enumerate(batch.cells()):
        item: dict[str, Any] = {}
        for j, name in enumerate(batch.header):
            item[name] = _number(known[name][i]) if name in known else row[j]
        item.update({name: _number(values[name][i]) for name in names})
        yield item


class _Writer:
    """The answer, chunk by chunk: CSV lines, or ``{"format_version": 1, "rows": [...]}``
    laid out as ``json.dumps(..., indent=1)`` would lay out the whole document.

    Columns the calculator does not know pass through; like any text a file brought, they
    are escaped so that no terminal sequence in them reaches the reader.
    """

    def __init__(self, output: str, header: list[str], out: TextIO) -> None:
        self.json = output == "json"
        self.out = out
        self.rows = 0
        abandon = "patience_seconds" in header
        out.write(
            '{\n "format_version": 1,\n "rows": [' if self.json else csv_header(header, abandon)
        )

    def write(self, batch: Batch, results: dict[str, NDArray[Any]]) -> None:
        if not self.json:
            self.out.write(printable_document(write_csv(batch, results, header=False)))
            return
        for item in json_rows(batch, results):
            text = printable_json(json.dumps(item, ensure_ascii=False, indent=1))
            self.out.write(("\n" if not self.rows else ",\n") + textwrap.indent(text, "  "))
            self.rows += 1

    def close(self) -> None:
        if self.json:
            self.out.write("\n ]\n}\n" if self.rows else "]\n}\n")


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
