"""The text of an input CSV file: decoded with a located reason, fields found by column.

Shared by the forecast readers (``config.forecasts``, ``config.dated_forecasts``) so that
every problem in a file is told at its ``file:line:col``, in the reader's language.
"""

from __future__ import annotations

from ccorg.errors import ConfigError, Location, excerpt
from ccorg.i18n import _

_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def decode_csv(raw: bytes, display: str) -> str:
    """``raw`` as UTF-8 text (a byte-order mark dropped); a file in another encoding, or with
    a NUL byte, is refused at the first byte that is not text."""
    if raw.startswith(_UTF16_MARKS):
        raise ConfigError.at(
            Location(display, 1, 1),
            _("the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)"),
            "encoding",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", "replace")) + 1
        raise ConfigError.at(
            Location(display, raw.count(b"\n", 0, start) + 1, col),
            _("not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8").format(byte=raw[start]),
            "encoding",
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line_start = text.rfind("\n", 0, offset) + 1
        raise ConfigError.at(
            Location(display, text.count("\n", 0, offset) + 1, offset - line_start + 1),
            _("binary content (a NUL byte), not CSV text"),
            "encoding",
        )
    return text


def field_column(line: str, index: int) -> int:
    """The 1-based column at which field ``index`` of a CSV ``line`` starts (a comma inside
    quotes separates nothing)."""
    quoted = False
    field = 0
    for position, char in enumerate(line):
        if field == index:
            return position + 1
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            field += 1
    return len(line) + 1


def refuse_duplicate_columns(header: list[str], line: str, display: str, number: int = 1) -> None:
    """Refuse a ``header`` (read from ``line``, line ``number`` of the file) that names a
    column twice: which of the two a reader took would be a guess."""
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lower()
        if key and key in seen:
            raise ConfigError.at(
                Location(display, number, field_column(line, index)),
                _(
                    "duplicate column {name}: the header names it twice (columns {first} "
                    "and {again})"
                ).format(name=excerpt(name.strip()), first=seen[key] + 1, again=index + 1),
                "value",
            )
        seen[key] = index
