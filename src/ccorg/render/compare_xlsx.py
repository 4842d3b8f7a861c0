"""A comparison as a workbook: the table of every view, its Δ cells formulas on the base."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ccorg.compare import Comparison
from ccorg.i18n import _
from ccorg.render.compare_table import Kind, comparison_table
from ccorg.render.compare_views import marginal_lines
from ccorg.render.xlsx_sheet import Formula, Sheet

_FORMATS: dict[Kind, str] = {
    "people": "#,##0",
    "fte": "#,##0.00",
    "money": "#,##0",
    "share": "0.0%",
    "agents": "#,##0.##",
    "value": "General",
}
_FIRST_ROW = 3  # the title, a blank row, then the header


def render_compare_xlsx(comparison: Comparison) -> bytes:
    """One sheet: the comparison table; each Δ cell is ``=cell − base cell``."""
    table = comparison_table(comparison)
    workbook = Workbook()
    sheet = Sheet(workbook.worksheets[0])
    sheet.ws.title = "Compare"
    sheet.title(table.title)
    header = [table.header[0] or _("Figure"), *table.header[1:]]
    sheet.header(_FIRST_ROW, header)
    by_rows = bool(comparison.ranges)  # variants as rows: the base is the first data row
    for offset, row in enumerate(table.rows, start=1):
        line = _FIRST_ROW + offset
        sheet.put(line, 1, row.label.strip() if not by_rows else row.label)
        for index, cell in enumerate(row.cells, start=2):
            key = table.keys[index - 1]
            kind = (table.column_kinds[index - 1] if table.column_kinds else None) or row.kind
            value: float | Formula | None = cell
            if key.endswith(".delta") and cell is not None:
                value = _delta_formula(index, line, by_rows, cell)
            sheet.put(line, index, value, _FORMATS[kind])
    notes = marginal_lines(comparison.marginals, comparison.currency)
    for offset, note in enumerate(notes, start=len(table.rows) + 2):
        sheet.put(_FIRST_ROW + offset, 1, note)
    sheet.ws.freeze_panes = sheet.ws.cell(row=_FIRST_ROW + 1, column=2)
    sheet.fit_columns()
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _delta_formula(column: int, row: int, by_rows: bool, value: float) -> Formula:
    """The change against the base: the cell to the left minus the base's same figure."""
    this = f"{get_column_letter(column - 1)}{row}"
    base = f"{get_column_letter(column - 1)}{_FIRST_ROW + 1}" if by_rows else f"B{row}"
    return Formula(f"={this}-{base}", f"{value:+,.0f}")
