"""`ccorg compare`: plans of one config side by side, or a sensitivity grid, in one run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.commands.formats import CompareFormat
from ccorg.commands.output import STDOUT, refuse_binary_on_terminal, send
from ccorg.errors import UsageError
from ccorg.i18n import _, activate
from ccorg.render.ansi import printable_document

if TYPE_CHECKING:
    from ccorg.compare import Comparison
    from ccorg.i18n import Language
    from ccorg.render.console import ColorChoice


@dataclass(frozen=True)
class CompareOptions:
    """What `ccorg compare` was asked; the rules between options are checked in ``scenarios``."""

    path: str
    scenarios: str | None
    vary: tuple[str, ...]
    scenario: str | None
    output_format: CompareFormat
    output: str
    color: ColorChoice
    width: int | None
    lang: Language | None = None
    bom: bool | None = None  # CSV: a UTF-8 byte-order mark first (None: under zh)

    def scenario_names(self) -> list[str] | None:
        """The scenarios to set beside the base; None: all of the file's."""
        if self.vary and self.scenarios is not None:
            raise UsageError(
                "--vary varies one plan: give --scenario NAME to vary a scenario, not --scenarios"
            )
        if self.scenario is not None and not self.vary:
            raise UsageError("--scenario names the plan --vary varies; use --scenarios a,b")
        if self.scenarios is None or self.scenarios.strip() == "all":
            return None
        names = [name.strip() for name in self.scenarios.split(",") if name.strip()]
        if not names:
            raise UsageError(_("--scenarios: give all, or names separated by commas"))
        return names


def run_compare(options: CompareOptions) -> int:
    """Plan every column of the comparison, print or write it in the chosen format."""
    activate(options.lang)  # usage and config errors in the chosen language
    names = options.scenario_names()
    binary = options.output_format is CompareFormat.xlsx
    if binary:
        refuse_binary_on_terminal(options.output)
    # Imported here so that the CLI starts without loading the schema for other commands.
    from ccorg.pipeline import compare_file

    comparison = compare_file(options.path, names, options.vary, options.scenario)
    activate(options.lang, comparison.base.plan.language)
    if options.output_format is CompareFormat.text and options.output == STDOUT:
        from ccorg.render.compare_views import render_compare
        from ccorg.render.console import make_console

        render_compare(comparison, make_console(options.color, width=options.width))
        return 0
    data = _render(comparison, options.output_format, options.bom)
    send(options.output, data)
    return 0


def _render(comparison: Comparison, output_format: CompareFormat, bom: bool | None) -> bytes:
    if output_format is CompareFormat.xlsx:
        from ccorg.render.compare_xlsx import render_compare_xlsx

        return render_compare_xlsx(comparison)
    if output_format is CompareFormat.json:
        from ccorg.render.compare_json import render_compare_json

        return render_compare_json(comparison).encode("utf-8")
    if output_format is CompareFormat.csv:
        from ccorg.render.compare_views import render_compare_csv
        from ccorg.render.csv_bom import bom_prefix

        text = bom_prefix(bom) + printable_document(render_compare_csv(comparison))
        return text.encode("utf-8")
    if output_format is CompareFormat.markdown:
        from ccorg.render.compare_views import render_compare_markdown as render
    else:
        from ccorg.render.compare_views import render_compare_plain as render
    return printable_document(render(comparison)).encode("utf-8")
