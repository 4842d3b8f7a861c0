"""The one place a Rich console is made, so colour and width rules are the same everywhere."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Literal, TextIO

from rich.console import Console
from rich.segment import Segment

from ccorg.render.ansi import printable_document

ColorChoice = Literal["auto", "always", "never"]


class _Console(Console):
    """A Rich console that escapes what a config wrote, and leaves a closed pipe to the
    CLI's error door.

    Rich's own answer to `| head -1` is ``SystemExit(1)``, the exit code of config errors.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        # Every piece of text passes here on its way out, before Rich adds its own colour
        # codes: the one place where an ESC or C1 sequence in a name, note or duty is made
        # inert, whichever renderer printed it.
        return super()._render_buffer(
            segment if segment.control else segment._replace(text=printable_document(segment.text))
            for segment in buffer
        )


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
