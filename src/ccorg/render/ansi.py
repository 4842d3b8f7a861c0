"""Plain ANSI colour for line-oriented output, without loading Rich.

``ccorg check`` prints lines, not tables; importing Rich would cost more than the whole
check of a small config.
"""

from __future__ import annotations

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


def printable(text: str) -> str:
    """``text`` with every control, format or line-separator character shown as an escape."""
    if text.isprintable():
        return text
    return "".join(
        (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if unicodedata.category(c) in _UNPRINTABLE
        else c
        for c in text
    )
