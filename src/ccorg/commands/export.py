"""`ccorg export`: write the plan as a file to share — a workbook, a chart or a report."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ccorg.atomic import write_output
from ccorg.commands.formats import ExportFormat
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

STDOUT = "-"


def run_export(path: str, to: ExportFormat | None, output: str, scenario: str | None = None) -> int:
    """Plan the config at ``path`` (with ``scenario``); write it as ``to`` to ``output``.

    ``output`` ``-`` is standard output.
    """
    export_format = choose_format(to, output)
    if output == STDOUT and export_format is ExportFormat.xlsx and sys.stdout.isatty():
        raise UsageError("an xlsx workbook is binary: write it with -o FILE, or redirect stdout")
    # Imported here so that the CLI starts without loading the schema for other commands.
    from ccorg.pipeline import plan_file

    data = render_export(plan_file(path, scenario), export_format)
    if output == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        write_output(output, data)
    except OSError as error:
        raise UsageError(f"cannot write {output}: {error.strerror or error}") from None
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
    return render(plan).encode("utf-8")
