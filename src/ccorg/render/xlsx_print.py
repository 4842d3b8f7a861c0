"""How each sheet of the workbook prints, and what it says about its own cells.

Finance prints the workbook and files it: every sheet landscape on A4, fit to one page wide,
its title and header rows repeated on every page, a header naming the center, the scenario and
the date the workbook was made, and "page x of y" below. Each sheet ends with a note saying
which of its cells are formulas (they follow an edit) and which are values ccorg computed.
"""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ccorg.i18n import _
from ccorg.render.xlsx_sheet import xlsx_text

_NOTE_FONT = Font(italic=True, color="666666")


def set_up_page(ws: Worksheet, center: str, scenario: str | None, made: date) -> None:
    """Landscape A4, one page wide, rows 1–2 repeated, header and footer in the language."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:2"
    where = (
        center
        if scenario is None
        else _("{center} · scenario {scenario}").format(center=center, scenario=scenario)
    )
    ws.oddHeader.left.text = _escape(_cut(xlsx_text(where)))
    ws.oddHeader.right.text = _("made {date}").format(date=made.isoformat())
    ws.oddFooter.center.text = _("page &P of &N")
    ws.oddFooter.right.text = "&A"  # the sheet's name


def add_cell_note(ws: Worksheet) -> None:
    """Below the sheet's cells: which rows hold formulas, and that the rest are values."""
    rows = sorted(
        {
            cell.row
            for row in ws.iter_rows()
            for cell in row
            if cell.data_type == "f"
            or (
                isinstance(cell.value, str) and cell.data_type != "s" and cell.value.startswith("=")
            )
        }
    )
    if rows:
        text = _(
            "Formulas (they recalculate when a cell they use is edited): rows {rows}. Every "
            "other number is a value ccorg computed from the config (frozen)."
        ).format(rows=_spans(rows))
    else:
        text = _("Every number on this sheet is a value ccorg computed from the config (frozen).")
    cell = ws.cell(row=ws.max_row + 2, column=1, value=text)
    cell.data_type = "s"
    cell.font = _NOTE_FONT


def _spans(rows: list[int]) -> str:
    """``3, 4, 5, 9`` → ``3–5, 9``."""
    spans: list[list[int]] = []
    for row in rows:
        if spans and row == spans[-1][1] + 1:
            spans[-1][1] = row
        else:
            spans.append([row, row])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


# Excel refuses a header or footer past 255 characters; a long name is cut, not the workbook.
_HEADER_TEXT = 120


def _cut(text: str) -> str:
    return text if len(text) <= _HEADER_TEXT else text[: _HEADER_TEXT - 1] + "…"


def _escape(text: str) -> str:
    # '&' starts a header code (&P, &D …); a name with one is written as '&&'.
    return text.replace("&", "&&")
