"""A comparison as text for people: the terminal table, CSV and Markdown, from one table."""

from __future__ import annotations

import io
import re

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccorg.compare import Comparison, Marginal
from ccorg.i18n import _
from ccorg.i18n.numbers import compact_money
from ccorg.render.compare_table import Cell, ComparisonTable, Kind, comparison_table
from ccorg.render.csv_cells import csv_document
from ccorg.render.machine_numbers import machine_float
from ccorg.render.plan_rows import markdown_table
from ccorg.units import money, number


def render_compare(comparison: Comparison, console: Console) -> None:
    """The comparison table, each change in red (more) or green (fewer), then the marginal
    effects of a grid. Side by side, a plan's change against the base is the line under its
    figure, so that more plans fit a terminal."""
    table = comparison_table(comparison)
    currency = comparison.currency
    # A grid has a column per figure: money in it reads compact (¥20.4M) to fit a terminal.
    compact = bool(comparison.ranges)
    body: list[list[Text]] = []
    for row in table.rows:
        cells = [Text(row.label, style="" if row.label.startswith(" ") else "bold")]
        for index, cell in enumerate(row.cells, start=1):
            kind = _kind(table, row.kind, index)
            delta = table.keys[index].endswith(".delta")
            styled = _styled(cell, kind, currency, delta or compact, delta)
            if delta and not compact:
                # No line under a figure that did not change (or that one side lacks).
                under = styled if cell else Text("")
                cells[-1] = Text.assemble(cells[-1], "\n", under)
            else:
                cells.append(styled)
        body.append(cells)
    header = [
        label
        for index, label in enumerate(table.header)
        if compact or not table.keys[index].endswith(".delta")
    ]
    grid = Table(title=table.title, box=box.SIMPLE_HEAD, title_justify="left")
    for label, width in zip(header, _column_widths(header, body, console.width), strict=True):
        grid.add_column(
            "\n".join(_header_lines(label, width)),
            justify="right" if grid.columns else "left",
            min_width=width,
            overflow="fold",
        )
    for cells in body:
        grid.add_row(*cells)
    console.print(grid)
    for line in marginal_lines(comparison.marginals, currency):
        console.print(line, soft_wrap=True)


def _column_widths(header: list[str], body: list[list[Text]], room: int) -> list[int]:
    """Each column at least as wide as its widest cell, so that numbers are never cut; as
    wide as its whole header where the terminal has room, else as its header's longest word,
    so that headers break between words rather than inside them (a path's words end at
    ``_`` and ``.``)."""
    cells = [
        max((line.cell_len for row in body for line in row[index].split()), default=1)
        for index in range(len(header))
    ]
    words = [
        max(cell, *(Text(piece).cell_len for word in _header_words(label) for piece in word))
        for cell, label in zip(cells, header, strict=True)
    ]
    whole = [max(w, Text(label).cell_len) for w, label in zip(words, header, strict=True)]
    padding = 3 * len(header) + 2  # a separator and a space either side, the two edges
    return next((w for w in (whole, words) if sum(w) + padding <= room), cells)


def _header_words(label: str) -> list[list[str]]:
    """The words of a header, each as the pieces a line may end after: ``aht_seconds`` is
    ``aht_`` and ``seconds``."""
    return [[p for p in re.split(r"(?<=[_.])", word) if p] for word in label.split()] or [[""]]


def _header_lines(label: str, width: int) -> list[str]:
    """``label`` broken into lines of at most ``width`` cells, only between words or after a
    path's ``_`` and ``.``; a piece wider than ``width`` is left whole, for Rich to fold."""
    lines: list[str] = []
    line = ""
    for word in _header_words(label):
        for index, piece in enumerate(word):
            joined = (line + piece) if index or not line else f"{line} {piece}"
            if line and Text(joined).cell_len > width:
                lines.append(line)
                line = piece
            else:
                line = joined
    return [*lines, line]


def render_compare_plain(comparison: Comparison) -> str:
    """The terminal view as plain text, for a file: no colour, 120 columns."""
    from ccorg.render.console import make_console

    out = io.StringIO()
    render_compare(comparison, make_console("never", file=out, width=120))
    return out.getvalue()


def marginal_lines(marginals: tuple[Marginal, ...], currency: str) -> list[str]:
    """``+1 demand.streams.calls.aht_seconds ≈ +0.33 FTE, +0.3 people, +¥43K a year``."""
    return [
        _("+1 {parameter} ≈ {fte} FTE, {people} people, {cost} a year").format(
            parameter=m.parameter,
            fte=f"{m.fte:+.3g}",
            people=f"{m.headcount:+.3g}",
            cost=_signed_money(m.annual_cost, currency),
        )
        for m in marginals
    ]


def render_compare_csv(comparison: Comparison) -> str:
    """RFC 4180 CSV: the table's machine keys as the header, numbers unformatted."""
    table = comparison_table(comparison)
    rows = ([row.key, *(None if c is None else _plain(c) for c in row.cells)] for row in table.rows)
    return csv_document(table.keys, rows)


def render_compare_markdown(comparison: Comparison) -> str:
    """A GitHub-flavoured Markdown table for a pull request or a meeting note."""
    table = comparison_table(comparison)
    currency = comparison.currency
    rows = [
        [
            row.label.strip(),
            *(
                _text(c, _kind(table, row.kind, i), currency, table.keys[i].endswith(".delta"))
                for i, c in enumerate(row.cells, start=1)
            ),
        ]
        for row in table.rows
    ]
    header = [table.header[0] or _("Figure"), *table.header[1:]]
    lines = [f"### {table.title}", "", *markdown_table(header, rows)]
    marginals = marginal_lines(comparison.marginals, currency)
    if marginals:
        lines += ["", *(f"- {line}" for line in marginals)]
    return "\n".join(lines) + "\n"


def _kind(table: ComparisonTable, row_kind: Kind, index: int) -> Kind:
    return table.column_kinds[index] or row_kind if table.column_kinds else row_kind


def _styled(cell: Cell, kind: Kind, currency: str, compact: bool, delta: bool) -> Text:
    text = _text(cell, kind, currency, delta, compact)
    if not delta or not cell:
        return Text(text, style="dim" if delta else "")
    return Text(text, style="red" if cell > 0 else "green")


def _text(cell: Cell, kind: Kind, currency: str, delta: bool = False, compact: bool = False) -> str:
    """A cell as people read it; a change is signed, and · when there is none."""
    if cell is None:
        return "—"
    if delta and not cell:
        return "·"
    sign = "+" if delta and cell > 0 else ""
    if kind == "money":
        if delta or compact:
            return f"{sign}{compact_money(cell, currency)}"
        return money(cell, currency)
    if kind == "share":
        return f"{sign}{cell:.1%}"
    if kind == "fte":
        return f"{sign}{number(round(cell, 2), 2)}"
    return f"{sign}{number(cell, 2)}"


def _signed_money(value: float, currency: str) -> str:
    return ("+" if value > 0 else "") + compact_money(value, currency)


def _plain(value: float | int) -> float | int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return machine_float(value) if isinstance(value, float) else value
