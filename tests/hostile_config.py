"""The bank's config with its names, duties and notes replaced by text that attacks a reader.

Every kind of hostile text a pull request may carry: a formula (``=1+2``, ``=HYPERLINK``),
HTML (``<img onerror>``, ``<script>``), a window title (OSC 0), a spoofed link (OSC 8),
colour (SGR), a C1 CSI, BEL, CR and line breaks, NEL, a line separator, a right-to-left
override and isolate, Markdown link and table syntax. Written as YAML double-quoted escapes,
so the file itself is plain text.
"""

from __future__ import annotations

import re

from tests.conftest import BANK

# ≤ 100 characters once read (the limit of a name); "{n}" keeps the names apart.
NAME = (
    r"={n}+2<img src=x onerror=alert(1)>\e]0;PWN\a\e]8;;http://e\e\\L\e[31mR\x9b2J"
    r"\u202eRTL|c|`[a](javascript:x)\r\nX\"q\\"
)
TEXT = (
    r"=HYPERLINK(\"http://evil\",\"x\")<script>alert(1)</script><img src=x onerror=alert(2)>"
    r"|pipe|`tick`[l](javascript:alert(3))\e]0;PWNED\a\e]8;;http://evil\e\\LINK\e]8;;\e\\"
    r"\e[31mRED\e[0m\x9b31m\u202eRTL\u2066ISO\u200f\r\nNEWLINE\x85NEL\u2028LS -->"
)
_FIELD = re.compile(
    r"^(?P<lead>\s*(?:- )?)(?P<key>name|duties|description|equivalent_to): (?P<value>[^\s{\[\"'&*].*)$",
    re.MULTILINE,
)
_NOTE = re.compile(r'note: "[^"]*"')


def hostile_bank() -> str:
    """``configs/bank.yaml`` with every block-style name, duty, description and grade
    equivalence, and every note, hostile."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        value = NAME.format(n=count) if match["key"] == "name" else TEXT
        return f'{match["lead"]}{match["key"]}: "{value}"'

    text = _FIELD.sub(replace, BANK.read_text(encoding="utf-8"))
    text = _NOTE.sub(lambda _match: f'note: "{TEXT}"', text)
    assert count > 40, "the bank's names are no longer where this expects them"
    return text
