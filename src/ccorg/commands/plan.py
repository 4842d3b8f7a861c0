"""`ccorg plan`: derive and show a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccorg.commands.formats import PlanFormat

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice


def run_plan(
    path: str,
    output: PlanFormat,
    color: ColorChoice,
    width: int | None,
    scenario: str | None = None,
    bom: bool | None = None,
) -> int:
    """Plan the config at ``path`` (with ``scenario``) and print it in ``output``; exit code.

    A CSV starts with a UTF-8 byte-order mark when ``bom`` says so (None: under zh)."""
    # Imported here so that the CLI starts without loading the schema for other commands.
    from ccorg.pipeline import plan_file
    from ccorg.render.ansi import printable_document
    from ccorg.render.console import make_console

    plan = plan_file(path, scenario)
    console = make_console(color, width=width)
    if output is PlanFormat.text:
        from ccorg.render.plan_text import render_plan

        render_plan(plan, console)
        return 0
    if output is PlanFormat.json:
        from ccorg.render.plan_json import render_plan_json

        console.file.write(render_plan_json(plan))
        return 0
    if output is PlanFormat.csv:
        from ccorg.render.csv_bom import bom_prefix
        from ccorg.render.plan_rows import render_plan_csv

        console.file.write(bom_prefix(bom) + printable_document(render_plan_csv(plan)))
        return 0
    from ccorg.render.plan_rows import render_plan_markdown

    console.file.write(printable_document(render_plan_markdown(plan)))
    return 0
