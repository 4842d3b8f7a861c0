"""The command line: each command collects its options and calls one function.

``main`` is the single error door: a user's mistake becomes one clear message and an exit code
(1 config errors or findings, 2 usage, 3 internal), never a Python traceback unless ``--debug``.
"""

from __future__ import annotations

import os
import sys
import traceback
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from ccorg.commands.check import CheckFormat
from ccorg.commands.plan import PlanFormat
from ccorg.errors import CcorgError, ConfigError

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice

app = typer.Typer(
    name="ccorg",
    help="Contact-center organization and staffing plans as code.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigPath = Annotated[str, typer.Argument(metavar="FILE", help="A config file, or - for stdin.")]


class ColorMode(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


Color = Annotated[
    ColorMode,
    typer.Option("--color", help="auto: colour a terminal unless NO_COLOR is set."),
]
Width = Annotated[int | None, typer.Option("--width", min=40, help="Render at this many columns.")]


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
) -> None:
    """Validate a contact center's staffing config, derive every post's headcount, render it."""


@app.command()
def plan(
    path: ConfigPath,
    output: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        PlanFormat.text
    ),
    color: Color = ColorMode.auto,
    width: Width = None,
) -> int:
    """Show the plan: org tree, a table per department, and a summary."""
    from ccorg.commands.plan import run_plan

    return run_plan(path, output, _color(color), width)


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PATH",
            help="Config files, directories (searched for *.yaml and *.yml), or - for stdin.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: github inside GitHub Actions, else text).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    color: Color = ColorMode.auto,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Print the rule reference (Markdown).")
    ] = False,
) -> int:
    """Check configs: YAML, schema, references, cycles and policy rules, each at path:line:col.

    Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage, 3 internal.
    """
    from ccorg.commands.check import run_check

    debug = bool(ctx.find_root().params.get("debug") or os.environ.get("CCORG_DEBUG"))
    return run_check(paths or [], output, strict, _color(color), list_rules, debug)


@app.command()
def schema() -> int:
    """Print the JSON Schema of the config format (editors use it for completion)."""
    from ccorg.commands.schema import run_schema

    return run_schema()


@app.command()
def init(
    path: Annotated[
        str, typer.Argument(metavar="[PATH]", help="The file to write, or - for stdout.")
    ] = "ccorg.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> int:
    """Write a commented starter config that passes `ccorg check`."""
    from ccorg.commands.init import run_init

    return run_init(path, force)


def _color(mode: ColorMode) -> ColorChoice:
    return mode.value  # type: ignore[return-value]  # the enum holds exactly these values


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; the console script exits with it."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("CCORG_DEBUG"))
    try:
        result = app(args=args, prog_name="ccorg", standalone_mode=False)
    except typer.TyperException as error:
        # Typer's own copies of click's usage errors (since 0.29 typer no longer uses click):
        # each knows how to show itself and its exit code (2 for usage).
        show = getattr(error, "show", None)
        if callable(show):
            show()
        else:
            print(f"ccorg: {error.format_message()}", file=sys.stderr)
        return error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("ccorg: interrupted", file=sys.stderr)
        return 130
    except ConfigError as error:
        for problem in error.problems:
            print(f"{problem}", file=sys.stderr)
        count = len(error.problems)
        print(f"ccorg: {count} error{'s' if count != 1 else ''}", file=sys.stderr)
        return error.exit_code
    except CcorgError as error:
        print(f"ccorg: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error worth a message.
        sys.stderr.close()
        return 0
    except Exception as error:  # the one place an unexpected error is caught, on purpose
        if debug:
            traceback.print_exc()
        print(
            f"ccorg: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in ccorg; run again with --debug for the traceback.",
            file=sys.stderr,
        )
        return 3
    return result if isinstance(result, int) else 0
