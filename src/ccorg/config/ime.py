"""Slips of a Chinese input method, told as such where YAML or the schema trips over them.

With a Chinese IME on, ``：`` comes out instead of ``:``, ``，`` instead of ``,``, a full-width
space ``　`` indents. YAML then says "could not find expected ':'" or the schema "input should
be a valid dictionary" — true, and no help. A slip is looked for only where it would break the
structure (an indentation, a key, a list dash, inside a flow collection), never in a value,
where 运营部，客服 is fine; and only when the config already failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ccorg.errors import Location, Problem
from ccorg.i18n import N_, _

# The full-width (or typographic) character and the ASCII one YAML needs in its place.
_ASCII_OF = {
    "：": ":",
    "，": ",",
    "\u3000": " ",
    "－": "-",
    "［": "[",
    "］": "]",
    "｛": "{",
    "｝": "}",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "＃": "#",
}
_NAMES = {
    "：": N_("full-width colon"),
    "，": N_("full-width comma"),
    "\u3000": N_("full-width space"),
    "－": N_("full-width hyphen"),
    "［": N_("full-width bracket"),
    "］": N_("full-width bracket"),
    "｛": N_("full-width brace"),
    "｝": N_("full-width brace"),
    "“": N_("curly quotation mark"),
    "”": N_("curly quotation mark"),
    "‘": N_("curly quotation mark"),
    "’": N_("curly quotation mark"),
    "＃": N_("full-width number sign"),
}
# Where a value or an item starts: the first character after "key: " or "- ".
_VALUE_START = re.compile(r"(?:^|:\s+|-\s+)(?P<char>[［｛“‘])")


@dataclass(frozen=True)
class Slip:
    """A full-width character where YAML needs its ASCII twin (1-based line and column)."""

    line: int
    col: int
    char: str

    def message(self) -> str:
        char = self.char
        shown = "'　'" if char == "\u3000" else repr(char)
        return _(
            "{name} {shown} (U+{code:04X}) at line {line}, col {col}; YAML needs {ascii!r}"
        ).format(
            name=_(_NAMES[char]),
            shown=shown,
            code=ord(char),
            line=self.line,
            col=self.col,
            ascii=_ASCII_OF[char],
        )


def find_slips(text: str) -> list[Slip]:
    """Every full-width character standing where YAML's structure needs an ASCII one."""
    slips = []
    for number, line in enumerate(text.splitlines(), start=1):
        col = _slip_in_line(line)
        if col is not None:
            slips.append(Slip(number, col + 1, line[col]))
    return slips


def _slip_in_line(line: str) -> int | None:
    """The 0-based column of the first structural slip in ``line``, if any."""
    content = _strip_comment(line)
    indent = len(content) - len(content.lstrip(" \t\u3000"))
    if "\u3000" in content[:indent]:
        return content.index("\u3000")
    body = content[indent:]
    if body.startswith("＃"):
        return indent
    if body.startswith("－"):
        return indent
    flow = _flow_slip(body)
    if flow is not None:
        return indent + flow
    key = _key_part(body)
    for char in "：，":
        if char in key:
            return indent + key.index(char)
    opener = _VALUE_START.search(body)
    if opener is not None:
        return indent + opener.start("char")
    return None


def _strip_comment(line: str) -> str:
    quote = None
    for index, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index]
    return line


def _key_part(body: str) -> str:
    """The text before the line's ASCII mapping colon (all of it when it has none)."""
    if body.startswith(("'", '"')):
        return ""
    found = re.search(r":(\s|$)", body)
    return body if found is None else body[: found.start()]


def _flow_slip(body: str) -> int | None:
    """A full-width comma or colon inside [...] or {...}, outside quotes."""
    depth, quote = 0, None
    for index, char in enumerate(body):
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        elif depth > 0 and char in "，：":
            return index
    return None


def _tab_in_indentation(text: str, up_to_line: int) -> int | None:
    """The first line (1-based) up to ``up_to_line`` whose indentation holds a tab."""
    for number, line in enumerate(text.splitlines()[:up_to_line], start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent and line.strip():
            return number
    return None


def explain_yaml_error(text: str, path: str, line: int | None) -> Problem | None:
    """An IME slip or a tab that explains a YAML syntax error at ``line``, if there is one."""
    if line is None:
        return None
    before = [slip for slip in find_slips(text) if slip.line <= line]
    if before:
        slip = before[-1]
        return Problem(Location(path, slip.line, slip.col), slip.message(), "yaml")
    tab_line = _tab_in_indentation(text, line)
    if tab_line is not None:
        col = text.splitlines()[tab_line - 1].index("\t") + 1
        message = _("a tab in the indentation; YAML indents with spaces, not tabs")
        return Problem(Location(path, tab_line, col), message, "yaml")
    return None


def explain_problems(problems: Iterable[Problem], text: str) -> list[Problem]:
    """``problems`` with those on a line holding an IME slip told as that slip (once)."""
    slips = {slip.line: slip for slip in find_slips(text)}
    told: set[int] = set()
    explained = []
    for problem in problems:
        slip = slips.get(problem.location.line or 0)
        if slip is None:
            explained.append(problem)
        elif slip.line not in told:
            told.add(slip.line)
            location = Location(problem.location.path, slip.line, slip.col)
            explained.append(Problem(location, slip.message(), "yaml"))
    return explained
