"""`ccorg export`: write the plan as a file to share — a workbook, a chart or a report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ccorg.commands.formats import ExportFormat
from ccorg.commands.output import STDOUT, refuse_binary_on_terminal, send
from ccorg.errors import UsageError

if TYPE_CHECKING:
    from ccorg.plan import Plan


# What `-o FILE` implies when --to is not given.
FORMAT_BY_SUFFIX = {
    ".xlsx": ExportFormat.xlsx,
    ".mmd": ExportFormat.mermaid,
    ".mermaid": ExportFormat.mermaid,
    ".dot": ExportFormat.dot,
    ".gv": ExportFormat.dot,
    ".md": ExportFormat.markdown,
    ".markdown": ExportFormat.markdown,
}


def run_export(path: str, to: ExportFormat | None, output: str, scenario: str | None = None) -> int:
    """Plan the config at ``path`` (with ``scenario``); write it as ``to`` to ``output``.

    ``output`` ``-`` is standard output.
    """
    export_format = choose_format(to, output)
    if export_format is ExportFormat.xlsx:
        refuse_binary_on_terminal(output)
    # Imported here so that the CLI starts without loading the schema for other commands.
    from ccorg.pipeline import plan_file

    send(output, render_export(plan_file(path, scenario), export_format))
    return 0


def choose_format(to: ExportFormat | None, output: str) -> ExportFormat:
    """``--to`` if given, else the format the output file's suffix names."""
    if to is not None:
        return to
    inferred = None if output == STDOUT else FORMAT_BY_SUFFIX.get(Path(output).suffix.lower())
    if inferred is None:
        choices = ", ".join(f.value for f in ExportFormat)
        raise UsageError(
            f"give the format with --to ({choices}); it cannot be told from {output!r}"
        )
    return inferred


def render_export(plan: Plan, export_format: ExportFormat) -> bytes:
    """The file's bytes: the workbook, or UTF-8 text for the other formats.

    Renderers are imported when chosen, so a chart never loads the spreadsheet library.
    """
    if export_format is ExportFormat.xlsx:
        from ccorg.render.plan_xlsx import render_plan_xlsx, stream_intervals

        return render_plan_xlsx(plan, stream_intervals(plan))
    if export_format is ExportFormat.mermaid:
        from ccorg.render.plan_mermaid import render_plan_mermaid as render
    elif export_format is ExportFormat.dot:
        from ccorg.render.plan_dot import render_plan_dot as render
    else:
        from ccorg.render.plan_report import render_plan_report as render
    from ccorg.render.ansi import printable_document

    return printable_document(render(plan)).encode("utf-8")
