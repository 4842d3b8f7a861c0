"""`ccorg diff`: compare two versions of a staffing plan."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.commands.formats import DiffFormat
from ccorg.errors import ConfigError

# The config and plan machinery is imported when a diff runs, so that the CLI starts without
# loading the schema for commands that do not need it.
if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice

# diff(1)'s convention under --exit-code: 1 means "changed", so a broken config is "trouble".
TROUBLE = 2


@dataclass(frozen=True)
class DiffOptions:
    """What `ccorg diff` was asked: two source specs and how to show their difference."""

    old: str
    new: str
    output: DiffFormat = DiffFormat.table
    show_all: bool = False
    exit_code: bool = False
    color: ColorChoice = "auto"
    width: int | None = None


@contextmanager
def trouble_under_exit_code(exit_code: bool) -> Iterator[None]:
    """Under ``--exit-code``, a config error is trouble (2), since 1 means "changed"."""
    try:
        yield
    except ConfigError as error:
        if exit_code:
            error.exit_code = TROUBLE
        raise


def run_diff(options: DiffOptions) -> int:
    """Plan both sides, print their difference; return the exit code.

    With ``exit_code``: 0 when no post's headcount changed, 1 when one did, 2 for trouble
    (a usage mistake, or a config with errors — still reported at their locations).
    """
    from ccorg.pipeline import compare_sources

    with trouble_under_exit_code(options.exit_code):
        # A pull-request comment says whether the change passes `ccorg check`.
        check = None
        if options.output is DiffFormat.markdown:
            from ccorg.checks.policies import run_policies as check
        diff = compare_sources(options.old, options.new, check)
    from ccorg.render.ansi import printable_document
    from ccorg.render.console import make_console

    console = make_console(options.color, width=options.width)
    if options.output is DiffFormat.table:
        from ccorg.render.diff_text import render_diff

        render_diff(diff, console, options.show_all)
    elif options.output is DiffFormat.json:
        from ccorg.render.diff_json import render_diff_json

        console.file.write(render_diff_json(diff, options.show_all))
    elif options.output is DiffFormat.html:
        from ccorg.render.diff_html import render_diff_html

        console.file.write(printable_document(render_diff_html(diff, options.show_all)))
    else:
        from ccorg.render.diff_markdown import render_diff_markdown

        console.file.write(printable_document(render_diff_markdown(diff, options.show_all)))
    if options.exit_code:
        return 1 if diff.headcount_changed else 0
    return 0
