"""`ccorg diff OLD NEW --capacity`: two capacity plans compared month by month."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccorg.commands.formats import DiffFormat
from ccorg.errors import UsageError
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.commands.diff import DiffOptions


def run_capacity_diff(options: DiffOptions) -> int:
    """Plan both sides month by month, print the hires and cost moved; return the exit code.

    With ``exit_code``: 0 when nothing moved, 1 when a post's months, hires or the cost did,
    2 for trouble (a usage mistake, a config with errors, two horizons).
    """
    from ccorg.commands.diff import trouble_under_exit_code
    from ccorg.pipeline import capacity_sources

    if options.output is DiffFormat.html:
        raise UsageError(_("--capacity shows a table, json or markdown, not html"))
    with trouble_under_exit_code(options.exit_code):
        diff = capacity_sources(options.old, options.new)
    from ccorg.render.ansi import printable_document
    from ccorg.render.console import make_console

    console = make_console(options.color, width=options.width)
    if options.output is DiffFormat.table:
        from ccorg.render.capacity_diff_text import render_capacity_diff

        render_capacity_diff(diff, console, options.show_all)
    elif options.output is DiffFormat.json:
        from ccorg.render.capacity_diff_json import render_capacity_diff_json

        console.file.write(render_capacity_diff_json(diff))
    else:
        from ccorg.render.capacity_diff_markdown import render_capacity_diff_markdown

        console.file.write(
            printable_document(render_capacity_diff_markdown(diff, options.show_all))
        )
    if options.exit_code:
        return 1 if diff.has_changes else 0
    return 0
