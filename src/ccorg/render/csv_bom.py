"""The UTF-8 byte-order mark before a CSV, so Excel on Chinese Windows opens 中文 as such.

Excel reads a CSV without a BOM in the system's ANSI code page (GBK on Chinese Windows) and
shows UTF-8 Chinese garbled; with the BOM it reads UTF-8. Other readers (Python's csv with
``utf-8-sig``, LibreOffice, pandas) accept it. On by default when ccorg speaks Chinese.
"""

from __future__ import annotations

from ccorg.i18n import Language, current_language

BOM = "\ufeff"


def bom_prefix(choice: bool | None) -> str:
    """The mark to write first: ``--bom`` / ``--no-bom``, else on under zh."""
    wanted = current_language() is Language.zh if choice is None else choice
    return BOM if wanted else ""
