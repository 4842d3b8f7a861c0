"""Plain ANSI colour for line-oriented output, without loading Rich.

``ccorg check`` prints lines, not tables; importing Rich would cost more than the whole
check of a small config.
"""

from __future__ import annotations

import json
import os
import unicodedata
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice

_STYLES = {"bold": "1", "dim": "2", "red": "1;31", "yellow": "1;33", "green": "32"}


def wants_color(choice: ColorChoice, stream: TextIO) -> bool:
    """The same rule as the Rich console: ``auto`` colours a terminal unless NO_COLOR is set."""
    if choice == "always":
        return True
    if choice == "never" or "NO_COLOR" in os.environ:
        return False
    return stream.isatty()


def paint(text: str, style: str, color: bool) -> str:
    """``text`` in ``style`` (bold, dim, red, yellow, green) when ``color``, else unchanged."""
    return f"\x1b[{_STYLES[style]}m{text}\x1b[0m" if color else text


# Control and format characters, and line separators, that a config may smuggle into a key or
# a file name: printed raw they would break a line in two or drive the terminal (ESC [ 2 J).
_UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp"}


def printable(text: str, keep: str = "") -> str:
    """``text`` with every control, format or line-separator character shown as an escape
    (``\\x1b``), but those in ``keep``.

    Every view prints names, notes and duties from a config through this, so that no
    sequence in them (a window title, an OSC 8 link, colour, a C1 CSI) reaches a terminal.
    """
    probe = text
    for character in keep:
        probe = probe.replace(character, "")
    if probe.isprintable():
        return text
    return "".join(
        _escaped(c) if c not in keep and unicodedata.category(c) in _UNPRINTABLE else c
        for c in text
    )


# A whole document keeps its line breaks and tabs; everything else is escaped.
DOCUMENT = "\n\t"


def printable_document(text: str) -> str:
    """A text document (CSV, Markdown, DOT …) as :func:`printable` makes it, lines kept."""
    return printable(text, DOCUMENT)


def printable_json(text: str) -> str:
    """A JSON document with every unprintable character as a JSON escape (``\\u001b``).

    ``json.dumps`` escapes only C0 controls; C1 controls, DEL and format characters would
    pass raw. Outside its strings a JSON text holds nothing but structure and whitespace, so
    the escapes land inside strings and a parser reads the same values.
    """
    probe = text.replace("\n", "")
    if probe.isprintable():
        return text
    return "".join(
        json.dumps(c)[1:-1] if c != "\n" and unicodedata.category(c) in _UNPRINTABLE else c
        for c in text
    )


def json_document(data: object, indent: int | None = 2) -> str:
    """``data`` as a JSON document, the one door of every JSON view: UTF-8 text kept as it
    reads (``ensure_ascii=False``), every unprintable character escaped
    (:func:`printable_json`), a line break at the end."""
    return printable_json(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n"


def _escaped(c: str) -> str:
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"
