"""`ccorg diff`: compare two versions of a staffing plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.commands.formats import DiffFormat
from ccorg.errors import ConfigError, Problem

# The config and plan machinery is imported when a diff runs, so that the CLI starts without
# loading the schema for commands that do not need it.
if TYPE_CHECKING:
    from ccorg.diff import Diff
    from ccorg.plan import Plan
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


def run_diff(options: DiffOptions) -> int:
    """Plan both sides, print their difference; return the exit code.

    With ``exit_code``: 0 when no post's headcount changed, 1 when one did, 2 for trouble
    (a usage mistake, or a config with errors — still reported at their locations).
    """
    try:
        diff = compare_sources(options.old, options.new)
    except ConfigError as error:
        if options.exit_code:
            error.exit_code = TROUBLE
        raise
    from ccorg.render.console import make_console

    console = make_console(options.color, width=options.width)
    if options.output is DiffFormat.table:
        from ccorg.render.diff_text import render_diff

        render_diff(diff, console, options.show_all)
    else:
        if options.output is DiffFormat.json:
            from ccorg.render.diff_json import render_diff_json as render
        else:
            from ccorg.render.diff_markdown import render_diff_markdown as render
        console.file.write(render(diff, options.show_all))
    if options.exit_code:
        return 1 if diff.headcount_changed else 0
    return 0


def compare_sources(old: str, new: str) -> Diff:
    """The diff between the plans two source specs name; both sides' config errors at once."""
    from ccorg.config.sources import parse_source_spec, read_spec
    from ccorg.diff import diff_plans
    from ccorg.pipeline import load_spec, plan_config

    old_spec, new_spec = parse_source_spec(old), parse_source_spec(new)
    plans: list[Plan] = []
    problems: list[Problem] = []
    # Each source is read once, so `ccorg diff - -@lean < bank.yaml` compares standard input
    # with its own scenario instead of reading an exhausted stream the second time.
    sources: dict[tuple[str | None, str], tuple[bytes, str]] = {}
    for spec in (old_spec, new_spec):
        where = (spec.revision, spec.path)
        if where not in sources:
            sources[where] = read_spec(spec)
        try:
            plans.append(plan_config(load_spec(spec, sources[where])))
        except ConfigError as error:
            problems.extend(error.problems)
    if problems:
        raise ConfigError(problems)
    return diff_plans(plans[0], plans[1], str(old_spec), str(new_spec))
