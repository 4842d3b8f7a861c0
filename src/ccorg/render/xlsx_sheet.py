"""The workbook's building blocks, shared by every sheet ccorg writes: number formats, a
formula that knows how its value reads, a worksheet that sizes its columns to what they show,
and sheet names Excel accepts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.styles import Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ccorg.render.ansi import printable
from ccorg.units import number

COST_FORMAT = "#,##0"
SIGNED_FORMAT = "+0;-0;0"
SIGNED_COST_FORMAT = "+#,##0;-#,##0;0"
SHARE_FORMAT = "0.0%"
ONE_DECIMAL = "0.0"

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
RULE = Side(style="thin")
MAX_WIDTH = 50


def xlsx_text(text: str) -> str:
    """``text`` as a workbook may hold it, the one door for text into a workbook (cells,
    titles, sheet names, the page header): line breaks and tabs kept, every other control,
    format or separator character shown as an escape (``\\x1b``), as in every other view.

    XML 1.0 forbids most C0 controls: one raw ESC in a page header makes the whole workbook
    unreadable. C1 controls and bidi overrides are legal XML but would reorder or hide what
    a cell shows.
    """
    return printable(text, "\n\t")


@dataclass(frozen=True)
class Formula:
    """An Excel formula (``=SUM(D3:D10)``) and how its value reads, to size its column.

    Only a ``Formula`` is written as one: text that merely starts with '=' stays text.
    """

    text: str
    shown: str


class Sheet:
    """A worksheet that remembers how wide each column's text reads, to size the columns."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.ws = worksheet
        self._widths: dict[int, int] = {}

    def put(
        self,
        row: int,
        column: int,
        value: str | float | Formula | None,
        number_format: str | None = None,
    ) -> Cell:
        cell = self.ws.cell(row=row, column=column)
        if isinstance(value, Formula):
            cell.value = value.text
            shown = value.shown
        elif isinstance(value, str):
            cell.value = xlsx_text(value)
            cell.data_type = "s"  # a post named "=1+1" is a name, not a formula
            shown = value
        else:
            cell.value = value
            shown = "" if value is None else _shown(value)
        if number_format:
            cell.number_format = number_format
        self._widths[column] = max(self._widths.get(column, 0), display_width(shown))
        return cell

    def title(self, text: str) -> None:
        # Written past the width bookkeeping: a title may spill over the columns beside it.
        cell = self.ws.cell(row=1, column=1, value=xlsx_text(text))
        cell.data_type = "s"
        cell.font = Font(bold=True, size=13)

    def header(self, row: int, labels: Sequence[str]) -> None:
        for column, label in enumerate(labels, start=1):
            cell = self.put(row, column, label)
            cell.font = BOLD
            cell.fill = HEADER_FILL
            cell.border = Border(bottom=RULE)

    def total_style(self, row: int, columns: int) -> None:
        for column in range(1, columns + 1):
            cell = self.ws.cell(row=row, column=column)
            cell.font = BOLD
            cell.border = Border(top=RULE)

    def fit_columns(self) -> None:
        for column, width in self._widths.items():
            letter = get_column_letter(column)
            self.ws.column_dimensions[letter].width = min(width + 2, MAX_WIDTH)


class SheetNames:
    """Sheet names Excel accepts, each unique.

    Excel allows at most 31 characters, none of ``[]:*?/\\``, no leading or trailing
    apostrophe, reserves ``History``, and compares names without regard to case.
    """

    LIMIT = 31

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, wanted: str) -> str:
        """A valid name close to ``wanted``, not yet taken; it is taken from now on."""
        base = re.sub(r"[\[\]:*?/\\]", "_", printable(wanted))  # one line, no escapes
        base = _cut(base.strip().strip("'"), self.LIMIT) or "Sheet"
        if base.casefold() == "history":
            base += "_"
        name, count = base, 1
        while name.casefold() in self._taken:
            count += 1
            suffix = f" ({count})"
            name = _cut(base, self.LIMIT - len(suffix)) + suffix
        self._taken.add(name.casefold())
        return name


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` UTF-16 code units, as Excel counts them; no trailing apostrophe."""
    while len(text.encode("utf-16-le")) // 2 > limit:
        text = text[:-1]
    return text.rstrip("'")


def display_width(text: str) -> int:
    """Columns ``text`` takes: East Asian wide and fullwidth characters count as two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _shown(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 1000 else number(value, 1)
