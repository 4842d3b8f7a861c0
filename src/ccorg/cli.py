"""The command line: each command collects its options and calls one function.

``main`` is the single error door: a user's mistake becomes one clear message and an exit code
(1 config errors or findings, 2 usage, 3 internal), never a Python traceback unless ``--debug``.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations (twice)
# when it builds the command line, and real objects spare it eval()ing every one from text.

import errno
import gc
import inspect
import os
import sys
import warnings
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ccorg.cli_help import language_in, polish

# Only the option enums: each command's module is imported when that command runs.
from ccorg.commands.formats import (
    CheckFormat,
    CompareFormat,
    DiffFormat,
    ErlangFormat,
    ExplainFormat,
    ExportFormat,
    PlanFormat,
    ScheduleFormat,
    SimulateFormat,
)
from ccorg.config.starter import InitTemplate
from ccorg.erlang.inputs import OPTIONS, REQUIRED_COLUMNS, SL_OF_HELP
from ccorg.errors import CcorgError, ConfigError
from ccorg.i18n import Language, _, activate, ngettext
from ccorg.i18n.os_reasons import os_reason
from ccorg.render.ansi import printable

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice

# Set by the scripts typer's --install-completion writes, when the shell wants completions.
COMPLETE_VARIABLE = "_CCORG_COMPLETE"

app = typer.Typer(
    name="ccorg",
    help="Contact-center organization and staffing plans as code.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
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
# Every command that renders for people takes it and calls activate(lang) before its run_ function.
Lang = Annotated[
    Language | None,
    typer.Option(
        "--lang",
        help="Language: zh or en (default: CCORG_LANG, the config's center.language, the locale).",
        show_default=False,
    ),
]

# Every command that writes a CSV takes it: render.csv_bom.bom_prefix(bom) starts the CSV.
# In a panel of its own, so that its two names do not narrow the other options' columns.
Bom = Annotated[
    bool | None,
    typer.Option(
        "--bom/--no-bom",
        help="CSV: start with a UTF-8 byte-order mark, for Excel (default: on under zh).",
        show_default=False,
        rich_help_panel="CSV",
    ),
]


# Numbers of `erlang` are read as text and checked by the command: typer would build a
# pydantic validator for each float option, a cost every batch run would pay at start-up.
Number = str | None


def _show_version(value: bool) -> None:
    if value:
        from ccorg import __version__

        print(f"ccorg {__version__}")
        raise typer.Exit


@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
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
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Plan this scenario of the file.")
    ] = None,
    bom: Bom = None,
    lang: Lang = None,
) -> int:
    """Show the plan: org tree, a table per department, and a summary.

    \b
    Examples:
      ccorg plan configs/bank.yaml
      ccorg plan configs/bank.yaml --lang en -f markdown
    """
    from ccorg.commands.plan import run_plan

    activate(lang)
    return run_plan(path, output, _color(color), width, scenario, bom)


@app.command()
def capacity(
    path: ConfigPath,
    output: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = (
        PlanFormat.text
    ),
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", "-s", help="This scenario, from its 'effective' month on."),
    ] = None,
    post: Annotated[
        str | None, typer.Option("--post", "-p", metavar="ID", help="Only this post.")
    ] = None,
    color: Color = ColorMode.auto,
    width: Width = None,
    bom: Bom = None,
    lang: Lang = None,
) -> int:
    """Plan month by month: required FTE, heads by cohort, hiring dates, shortfall, cost.

    \b
    Examples:
      ccorg capacity configs/bank.yaml --post agent
      ccorg capacity configs/bank.yaml -f csv > months.csv
    """
    from ccorg.commands.capacity import run_capacity

    activate(lang)
    return run_capacity(path, output, _color(color), width, scenario, post, bom)


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="PATH, REV:PATH (read with git), either @SCENARIO.")
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The same forms as OLD.")],
    output: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.table
    ),
    show_all: Annotated[bool, typer.Option("--all", help="Show unchanged posts too.")] = False,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit 0 if no headcount changed, 1 if it did, 2 for trouble, 3 for a bug.",
        ),
    ] = False,
    capacity: Annotated[
        bool,
        typer.Option(
            "--capacity",
            help="Compare the capacity plans month by month: hires, FTE and cost moved, and why.",
        ),
    ] = False,
    color: Color = ColorMode.auto,
    width: Width = None,
    lang: Lang = None,
) -> int:
    """Compare two versions of a plan: files, git revisions, scenarios.

    \b
    Examples:
      ccorg diff configs/bank.yaml configs/bank.yaml@credit_card_launch
      ccorg diff main:configs/bank.yaml configs/bank.yaml
      ccorg diff configs/bank.yaml configs/bank.yaml@credit_card_launch --capacity
    """
    from ccorg.commands.diff import DiffOptions, run_diff

    activate(lang)
    options = DiffOptions(old, new, output, show_all, exit_code, _color(color), width)
    if capacity:
        from ccorg.commands.capacity_diff import run_capacity_diff

        return run_capacity_diff(options)
    return run_diff(options)


@app.command()
def compare(
    path: ConfigPath,
    scenarios: Annotated[
        str | None,
        typer.Option(
            metavar="all|A,B", help="Scenarios beside the base (default: all of the file's)."
        ),
    ] = None,
    vary: Annotated[
        list[str] | None,
        typer.Option(
            metavar="PATH=FROM:TO:STEP",
            help="Vary a number: demand.streams.calls.aht_seconds=170:210:10, or factors "
            "*0.9:*1.2:*0.05. Several make a grid.",
        ),
    ] = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="With --vary: vary this scenario.")
    ] = None,
    output_format: Annotated[
        CompareFormat, typer.Option("--format", "-f", help="Output format.")
    ] = CompareFormat.text,
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="OUT", help="The file to write, or - for stdout."),
    ] = "-",
    color: Color = ColorMode.auto,
    width: Width = None,
    bom: Bom = None,
    lang: Lang = None,
) -> int:
    """Plans side by side (base and scenarios), or what varying an input costs (--vary).

    \b
    Examples:
      ccorg compare configs/bank.yaml
      ccorg compare configs/bank.yaml --vary calls.aht_seconds=170:210:10 -f csv
    """
    from ccorg.commands.compare import CompareOptions, run_compare

    options = CompareOptions(
        path,
        scenarios,
        tuple(vary or ()),
        scenario,
        output_format,
        output,
        _color(color),
        width,
        lang,
        bom,
    )
    return run_compare(options)


@app.command()
def export(
    path: ConfigPath,
    to: Annotated[
        ExportFormat | None,
        typer.Option(
            "--to", "-t", "--format", "-f", help="The format; by default told from OUT's suffix."
        ),
    ] = None,
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="OUT", help="The file to write, or - for stdout."),
    ] = "-",
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Export this scenario of the file.")
    ] = None,
    lang: Lang = None,
) -> int:
    """Write the plan to share: an Excel workbook, a Mermaid or Graphviz org chart, a report.

    \b
    Examples:
      ccorg export configs/bank.yaml -o plan.xlsx
      ccorg export configs/bank.yaml --to dot | dot -Tsvg > org.svg
    """
    from ccorg.commands.export import run_export

    activate(lang)
    return run_export(path, to, output, scenario)


@app.command()
def explain(
    path: ConfigPath,
    post: Annotated[str, typer.Argument(metavar="POST", help="A post id or name (座席).")],
    output: Annotated[ExplainFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ExplainFormat.text
    ),
    color: Color = ColorMode.auto,
    width: Width = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Explain this scenario of the file.")
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM", help="That month of the capacity plan (ccorg capacity)."),
    ] = None,
    lang: Lang = None,
) -> int:
    """Show how one post's headcount is derived, step by step, and what is stacked on it.

    \b
    Examples:
      ccorg explain configs/bank.yaml agent
      ccorg explain configs/bank.yaml 座席 --lang en
    """
    from ccorg.commands.explain import run_explain

    activate(lang)
    return run_explain(path, post, output, _color(color), width, scenario, month)


def _erlang_inputs(command: Callable[..., int]) -> Callable[..., int]:
    """Give ``command`` one option per input of ``ccorg.erlang.inputs`` before its own: the
    inputs are declared there once, and the command line is derived from them."""
    own = inspect.signature(command).parameters.values()
    inputs = [
        inspect.Parameter(
            option.parameter,
            inspect.Parameter.KEYWORD_ONLY,
            default=None,
            annotation=Annotated[
                Number, typer.Option(option.flag, metavar=option.metavar, help=option.help)
            ],
        )
        for option in OPTIONS
    ]
    parameters = [
        *inputs,
        *(
            p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
            for p in own
            if p.kind is not p.VAR_KEYWORD
        ),
    ]
    command.__signature__ = inspect.Signature(parameters, return_annotation=int)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": int}
    return command


@app.command()
def schedule(
    path: ConfigPath,
    post: Annotated[
        str | None,
        typer.Argument(
            metavar="POST",
            help="A workload post id or name; default: every post whose rule names shifts.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[ScheduleFormat, typer.Option("--format", "-f", help="Output format.")] = (
        ScheduleFormat.text
    ),
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            min=0.1,
            max=3600,
            metavar="SECONDS",
            help="Solver time per post; then the best plan found, with its gap "
            "(default: the config's shifts.time_limit_seconds, 30).",
            show_default=False,
        ),
    ] = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Schedule this scenario of the file.")
    ] = None,
    color: Color = ColorMode.auto,
    width: Width = None,
    bom: Bom = None,
    lang: Lang = None,
) -> int:
    """Plan the shifts that cover each workload post's requirement at the least paid time.

    \b
    Examples:
      ccorg schedule configs/bank.yaml
      ccorg schedule configs/bank.yaml 座席 --time-limit 10 -f csv > shifts.csv
    """
    from ccorg.commands.schedule import ScheduleOptions, run_schedule

    options = ScheduleOptions(path, post, output, time_limit, scenario, bom)
    return run_schedule(options, _color(color), width, lang)


@app.command()
def simulate(
    path: ConfigPath,
    target: Annotated[
        str | None,
        typer.Argument(
            metavar="POST|STREAM",
            help="A stream id, or a post (id or name) to simulate the streams it works.",
            show_default=False,
        ),
    ] = None,
    scenario: Annotated[
        str | None, typer.Option("--scenario", "-s", help="Simulate this scenario of the file.")
    ] = None,
    replications: Annotated[
        int, typer.Option("--replications", "-r", help="Independent weeks to simulate.")
    ] = 200,
    seed: Annotated[int, typer.Option(help="Seed of the random numbers: same seed, same run.")] = 1,
    days: Annotated[
        str | None,
        typer.Option(metavar="DAYS", help="Weekdays to simulate: mon,tue,… weekdays, weekend."),
    ] = None,
    handle: Annotated[
        str, typer.Option(metavar="exponential|lognormal:CV", help="Handle-time distribution.")
    ] = "exponential",
    patience: Annotated[
        str,
        typer.Option(
            metavar="exponential|none",
            help="exponential: callers abandon after the stream's patience_seconds; none: never.",
        ),
    ] = "exponential",
    staffing: Annotated[
        str,
        typer.Option(
            metavar="requirement|schedule",
            help="Agents on duty: the plan's requirement, or the optimal shift plan's coverage.",
        ),
    ] = "requirement",
    output: Annotated[SimulateFormat, typer.Option("--format", "-f", help="Output format.")] = (
        SimulateFormat.text
    ),
    color: Color = ColorMode.auto,
    width: Width = None,
    lang: Lang = None,
) -> int:
    """Simulate the staffed week: service level, ASA, abandonment, occupancy with 95% CIs.

    \b
    Examples:
      ccorg simulate configs/bank.yaml calls
      ccorg simulate configs/bank.yaml --replications 50 --seed 7
    """
    from ccorg.commands.simulate import SimulateOptions, run_simulate

    return run_simulate(
        SimulateOptions(
            path=path,
            target=target,
            scenario=scenario,
            replications=replications,
            seed=seed,
            days=days,
            handle=handle,
            patience=patience,
            output=output,
            color=_color(color),
            width=width,
            lang=lang,
            staffing=staffing,
        )
    )


@app.command()
@_erlang_inputs
def erlang(
    *,
    agents: Annotated[
        int | None, typer.Option(help="Reverse: the service these agents give.")
    ] = None,
    forecast: Annotated[
        str | None,
        typer.Option(
            metavar="FILE.csv",
            help="Batch: a CSV file with the columns " + ", ".join(REQUIRED_COLUMNS) + ".",
        ),
    ] = None,
    output: Annotated[
        ErlangFormat | None,
        typer.Option("--format", "-f", help="text|json (one interval), csv|json (batch)."),
    ] = None,
    sl_of: Annotated[
        str | None,
        typer.Option(
            "--sl-of", metavar="offered|answered|excluding-short-abandons", help=SL_OF_HELP
        ),
    ] = None,
    color: Color = ColorMode.auto,
    width: Width = None,
    bom: Bom = None,
    lang: Lang = None,
    **inputs: Number,
) -> int:
    """Erlang C/A calculator: agents for one interval, the reverse, or a CSV batch.

    The service level is the share of offered calls answered in time (abandoned calls are
    misses) unless --sl-of says otherwise. With --patience (Erlang A) the occupancy capped by
    --max-occupancy is the carried one: only answered calls keep agents busy, as in WFM
    suites. The output names the target that set the agents.

    \b
    Examples:
      ccorg erlang --calls 300 --interval 30m --aht 180 --target 80/20
      ccorg erlang --forecast week.csv -f csv > agents.csv
    """
    from ccorg.commands.erlang import ErlangOptions, run_erlang

    activate(lang)
    texts = {option.flag: inputs[option.parameter] for option in OPTIONS}
    options = ErlangOptions(
        texts, sl_of=sl_of, agents=agents, forecast=forecast, output=output, bom=bom
    )
    return run_erlang(options, _color(color), width)


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
    lang: Lang = None,
) -> int:
    """Check configs: YAML, schema, references, cycles and policy rules, each at path:line:col.

    Exit codes: 0 clean (warnings allowed unless --strict), 1 findings, 2 usage, 3 internal.

    \b
    Examples:
      ccorg check configs/ --strict
      ccorg check configs/bank.yaml -f sarif > ccorg.sarif
    """
    from ccorg.commands.check import run_check

    activate(lang)
    debug = bool(ctx.find_root().params.get("debug") or os.environ.get("CCORG_DEBUG"))
    return run_check(paths or [], output, strict, _color(color), list_rules, debug)


@app.command()
def schema(lang: Lang = None) -> int:
    """Print the JSON Schema of the config format (editors use it for completion).

    \b
    Examples:
      ccorg schema > schema/ccorg.schema.json
    """
    from ccorg.commands.schema import run_schema

    activate(lang)
    return run_schema()


@app.command()
def init(
    path: Annotated[
        str, typer.Argument(metavar="PATH", help="The file to write, or - for stdout.")
    ] = "ccorg.yaml",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    template: Annotated[
        InitTemplate,
        typer.Option(
            "--template",
            "-t",
            help="minimal: fixed and ratio posts; voice: a voice queue and its workload post; "
            "bank: a bank's center.",
        ),
    ] = InitTemplate.minimal,
    lang: Lang = None,
) -> int:
    """Write a commented starter config that passes `ccorg check`.

    \b
    Examples:
      ccorg init plan.yaml --template voice --lang zh
      ccorg init - --template bank
    """
    from ccorg.commands.init import run_init

    activate(lang)
    return run_init(path, force, template)


def _color(mode: ColorMode) -> "ColorChoice":
    return mode.value  # type: ignore[return-value]  # the enum holds exactly these values


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; the console script exits with it."""
    # ccorg's numpy work is elementwise, never BLAS, so one BLAS thread loses nothing, and it
    # spares the time OpenBLAS takes to start a thread per core when numpy is imported (tens
    # of milliseconds, more on bigger machines). Set before any command imports numpy; a
    # value the user set wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    if None in (sys.stdin, sys.stdout, sys.stderr):  # closed by the shell (`>&-`)
        from ccorg.commands.output import stand_in_for_closed_streams

        stand_in_for_closed_streams()
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("CCORG_DEBUG"))
    try:
        activate(language_in(args))  # each command chooses again: --lang, then its config
        # The command is invoked here rather than through `app(...)`: typer's own door turns a
        # closed pipe (`ccorg plan | head -1`) into exit 1, the code of config errors.
        command = typer.main.get_command(app)
        if os.environ.get(COMPLETE_VARIABLE):  # the shell asks for completions (and exits)
            command._main_shell_completion({}, "ccorg", COMPLETE_VARIABLE)
        polish(command)
        with command.make_context("ccorg", list(args)) as context:
            result = command.invoke(context)
        # Flushed here, inside the door: a full disk must not surface at the interpreter's exit.
        sys.stdout.flush()
    except typer.Exit as stop:  # --help, and a group called without a command
        return stop.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("ccorg: interrupted", file=sys.stderr)
        return 130
    except typer.TyperException as error:  # usage mistakes found by the option parser
        error.show()
        return error.exit_code
    except ConfigError as error:
        for problem in error.problems:
            print(printable(str(problem)), file=sys.stderr)
        count = len(error.problems)
        errors = ngettext("{count} error", "{count} errors", count).format(count=count)
        print(f"ccorg: {errors}", file=sys.stderr)
        return error.exit_code
    except CcorgError as error:
        print(f"ccorg: {printable(str(error))}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error worth a message. Standard output
        # points at /dev/null from here, so the flush at exit has nowhere to fail.
        _discard_stdout()
        return 0
    except OSError as error:
        if not _is_output_failure(error):
            return _internal_error(error, debug)
        # What was buffered can never be written: drop it, so exiting does not fail again.
        _discard_stdout()
        print(
            "ccorg: " + _("cannot write the output: {reason}").format(reason=os_reason(error)),
            file=sys.stderr,
        )
        return 2
    except Exception as error:  # the one place an unexpected error is caught, on purpose
        return _internal_error(error, debug)
    return result if isinstance(result, int) else 0


# What writing standard output fails with when it leads to a full disk (`> /dev/full`), a
# quota, a file-size limit or a vanished terminal. Files ccorg reads or writes by name turn
# their own errors into usage errors naming the file; only an unnamed stream is left here.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _is_output_failure(error: OSError) -> bool:
    return error.filename is None and error.errno in _OUTPUT_ERRNOS


def _internal_error(error: Exception, debug: bool) -> int:
    if debug:
        import traceback

        traceback.print_exc()
    print(
        f"ccorg: internal error: {type(error).__name__}: {error}\n"
        "This is a bug in ccorg; run again with --debug for the traceback.",
        file=sys.stderr,
    )
    return 3


def _discard_stdout() -> None:
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # captured in-process: nothing to flush
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def run() -> NoReturn:
    """The ``ccorg`` console script (and ``python -m ccorg``): run the CLI, exit with its code."""
    if not sys.warnoptions:
        # A warning (numpy's, say) is for whoever develops ccorg, and the tests run with
        # warnings as errors to catch each one; a user gets the answer or a clear error.
        # `python -W error -m ccorg` still shows them.
        warnings.simplefilter("ignore")
    _never_unencodable()
    code = main()
    # The process ends here. Frozen, the objects it made (pydantic's, typer's, numpy's, ...)
    # are skipped by the garbage collections the interpreter runs as it shuts down, which
    # would otherwise walk every one of them: a sixth of a `ccorg check`. Output is flushed,
    # atexit handlers run and modules are torn down as usual.
    gc.freeze()
    sys.exit(code)


def _never_unencodable() -> None:
    """Standard output and error in an encoding that cannot show every character (GBK on a
    Chinese Windows console, ASCII in a bare container) show what they cannot as escapes
    (``\\u2308``) instead of failing: the plan's other characters still reach the reader."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and stream.errors == "strict":
            reconfigure(errors="backslashreplace")
