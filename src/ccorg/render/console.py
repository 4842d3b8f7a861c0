"""The one place a Rich console is made, so colour and width rules are the same everywhere."""

from __future__ import annotations

import os
import sys
from typing import Literal, TextIO

from rich.console import Console

ColorChoice = Literal["auto", "always", "never"]


class _Console(Console):
    """A Rich console that leaves a closed pipe to the CLI's error door.

    Rich's own answer to `| head -1` is ``SystemExit(1)``, the exit code of config errors.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(
    color: ColorChoice = "auto", *, file: TextIO | None = None, width: int | None = None
) -> Console:
    """A console that honours ``--color``, NO_COLOR and whether output is a terminal.

    ``auto`` colours only a terminal and never when NO_COLOR is set; ``always`` forces ANSI
    colour (for CI logs); ``never`` prints plain text.
    """
    stream = file or sys.stdout
    no_color = color == "never" or (color == "auto" and "NO_COLOR" in os.environ)
    return _Console(
        file=stream,
        width=width,
        force_terminal=True if color == "always" else None,
        no_color=no_color,
        color_system=None if no_color else "auto",
        highlight=False,
        soft_wrap=False,
    )
