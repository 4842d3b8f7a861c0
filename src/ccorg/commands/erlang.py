"""`ccorg erlang`: the calculator planners reach for — one interval, its reverse, or a batch.

The options are those of ``ccorg.erlang.inputs``; the calculation is ``ccorg.erlang``'s, and
the queueing engine (and numpy) is imported only when it runs, so ``ccorg --help`` and
``ccorg plan`` on a config without demand stay quick.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ccorg.commands.formats import ErlangFormat
from ccorg.erlang.inputs import interval_from_options
from ccorg.errors import UsageError
from ccorg.i18n import _
from ccorg.limits import MAX_AGENTS_ON_DUTY

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice


@dataclass(frozen=True)
class ErlangOptions:
    """Everything ``ccorg erlang`` was given: each input option's text by its flag (None: not
    given), the reverse's agents, the batch file and the format."""

    inputs: Mapping[str, str | None] = field(default_factory=dict)
    sl_of: str | None = None
    agents: int | None = None
    forecast: str | None = None
    output: ErlangFormat | None = None
    bom: bool | None = None  # a batch's CSV: a UTF-8 byte-order mark first (None: under zh)

    def given(self) -> list[str]:
        """The flags given, in the order of the options."""
        flags = [flag for flag, text in self.inputs.items() if text is not None]
        flags += ["--sl-of"] if self.sl_of is not None else []
        return [*flags, *(["--agents"] if self.agents is not None else [])]


def run_erlang(options: ErlangOptions, color: ColorChoice, width: int | None) -> int:
    """Run the calculation the options ask for and print it; return the exit code."""
    if options.forecast is not None:
        given = options.given()
        if given:
            raise UsageError(
                _("--forecast reads every interval from the file; drop {flags}").format(
                    flags=", ".join(given)
                )
            )
        if options.output is ErlangFormat.text:
            raise UsageError(_("--forecast writes csv or json"))
        from ccorg.erlang.batch import run_batch
        from ccorg.render.csv_bom import bom_prefix

        # A batch is plain CSV or JSON: it needs no console, and no Rich to start up.
        output = options.output or ErlangFormat.csv
        prefix = bom_prefix(options.bom) if output is ErlangFormat.csv else ""
        run_batch(options.forecast, output, sys.stdout, prefix)
        return 0
    if options.output is ErlangFormat.csv:
        raise UsageError(_("csv is for --forecast batches; one interval prints text or json"))
    interval = interval_from_options(options.inputs, options.sl_of)
    if options.agents is not None and not 0 <= options.agents <= MAX_AGENTS_ON_DUTY:
        raise UsageError(
            _(
                "--agents must be from 0 to {most} (the most agents ccorg solves for), got {agents}"
            ).format(most=f"{MAX_AGENTS_ON_DUTY:,}", agents=f"{options.agents:,}")
        )
    from ccorg.erlang.calculator import reverse_calculation, solve_single
    from ccorg.render import erlang as view
    from ccorg.render.console import make_console

    console = make_console(color, width=width)
    as_json = options.output is ErlangFormat.json
    if options.agents is not None:
        reverse = reverse_calculation(interval, options.agents)
        if as_json:
            console.file.write(view.reverse_json(interval, reverse))
        else:
            view.render_reverse(interval, reverse, console)
        return 0
    single = solve_single(interval)
    if as_json:
        console.file.write(view.single_json(interval, single))
    else:
        view.render_single(interval, single, console)
    return 0
