"""CSV that a spreadsheet reads as data, never as a formula: the one door of every CSV view.

Excel and LibreOffice evaluate a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
after trimming, a tab or carriage return) as a formula: a post named
``=HYPERLINK("http://evil","x")`` would become a link in a finance team's staffing plan
(OWASP "CSV injection"). Such a text cell is written with a ``'`` before it, as OWASP
advises; numbers, even negative ones written as text (``-3``), stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def spreadsheet_text(value: object) -> object:
    """``value`` as a cell: text a spreadsheet would evaluate with ``'`` before it, any
    other value (numbers, numeric text, ordinary text) unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_document(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV (``\\n`` line ends): the header row, then ``rows``; ``None`` as an empty
    cell, every cell through :func:`spreadsheet_text`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([spreadsheet_text(cell) for cell in header])
    writer.writerows(
        ["" if cell is None else spreadsheet_text(cell) for cell in row] for row in rows
    )
    return out.getvalue()
