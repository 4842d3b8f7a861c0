"""`ccorg export`: write the plan as a file to share — a workbook, a chart or a report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccorg.commands.formats import ExportFormat
from ccorg.commands.output import STDOUT, refuse_binary_on_terminal, send
from ccorg.config.files import open_regular_file
from ccorg.errors import UsageError
from ccorg.i18n import N_, _

if TYPE_CHECKING:
    from ccorg.pipeline import LoadedConfig
    from ccorg.plan import Plan
    from ccorg.simulate import Simulation
    from ccorg.staffing.capacity import CapacityPlan
    from ccorg.staffing.shifts import ShiftPlan


# What `-o FILE` implies when --to is not given.
FORMAT_BY_SUFFIX = {
    ".xlsx": ExportFormat.xlsx,
    ".mmd": ExportFormat.mermaid,
    ".mermaid": ExportFormat.mermaid,
    ".dot": ExportFormat.dot,
    ".gv": ExportFormat.dot,
    ".md": ExportFormat.markdown,
    ".html": ExportFormat.html,
    ".htm": ExportFormat.html,
    ".markdown": ExportFormat.markdown,
}


def run_export(path: str, to: ExportFormat | None, output: str, scenario: str | None = None) -> int:
    """Plan the config at ``path`` (with ``scenario``); write it as ``to`` to ``output``.

    ``output`` ``-`` is standard output.
    """
    if path != "-":  # standard input
        # The file named first is the first thing checked: "no such file" before "give --to".
        open_regular_file(path, N_("config file")).close()
    export_format = choose_format(to, output)
    if export_format is ExportFormat.xlsx:
        refuse_binary_on_terminal(output)
    # Imported here so that the CLI starts without loading the schema for other commands.
    from ccorg.pipeline import load_config, plan_config

    loaded = load_config(path, scenario)
    plan = plan_config(loaded)
    extras: dict[str, Any] = {}
    if export_format is ExportFormat.html:
        extras = page_extras(loaded, plan, path, scenario)
    elif export_format is ExportFormat.xlsx:
        extras["shifts"] = shift_plans(loaded)  # the workbook's shifts sheets
        if loaded.config.capacity is not None:
            from ccorg.pipeline import capacity_file

            extras["capacity"] = capacity_file(path, scenario)  # its capacity sheet
    send(output, render_export(plan, export_format, path, scenario, **extras))
    return 0


def page_extras(
    loaded: LoadedConfig, plan: Plan, path: str, scenario: str | None
) -> dict[str, Any]:
    """What the HTML page shows besides the plan, where the config asks for it: the shift
    plan of the posts its ``shifts:`` section schedules, the months of its ``capacity:``
    section, and the simulated week when ``check`` simulates it (the
    ``simulated-service-level`` rule on, with that rule's replications and seed)."""
    from ccorg.pipeline import capacity_file

    config = loaded.config
    extras: dict[str, Any] = {"shifts": shift_plans(loaded)}
    if config.capacity is not None:
        extras["capacity"] = capacity_file(path, scenario)
    rule = config.policies.simulated_service_level if config.policies else None
    if rule is not None and rule.severity not in (None, "off"):
        from ccorg.simulate import simulate_at_requirement

        extras["simulation"] = simulate_at_requirement(plan, rule.replications, rule.seed)
    return extras


def shift_plans(loaded: LoadedConfig) -> tuple[ShiftPlan, ...]:
    """The shift plan of each post the config's ``shifts:`` section schedules (none without
    one). The plans ``schedule_fit: auto`` derived while planning are solved once per process,
    so the page and the workbook show those very plans."""
    from ccorg.commands.schedule import scheduled_posts
    from ccorg.pipeline import schedule_config

    config = loaded.config
    if config.shifts is None or config.demand is None:
        return ()
    try:
        posts = scheduled_posts(config, None)
    except UsageError:  # shift templates that no post works yet
        return ()
    return schedule_config(loaded, posts)


def choose_format(to: ExportFormat | None, output: str) -> ExportFormat:
    """``--to`` if given, else the format the output file's suffix names."""
    if to is not None:
        return to
    inferred = None if output == STDOUT else FORMAT_BY_SUFFIX.get(Path(output).suffix.lower())
    if inferred is None:
        choices = ", ".join(repr(f.value) for f in ExportFormat)
        raise UsageError(
            _("give the format with --to ({choices}); it cannot be told from {output}").format(
                choices=choices, output=repr(output)
            )
        )
    return inferred


def render_export(
    plan: Plan,
    export_format: ExportFormat,
    source: str = "",
    scenario: str | None = None,
    capacity: CapacityPlan | None = None,
    simulation: Simulation | None = None,
    shifts: tuple[ShiftPlan, ...] = (),
) -> bytes:
    """The file's bytes: the workbook (with a capacity sheet when ``capacity`` is given and a
    sheet for each of the ``shifts`` plans), or UTF-8 text for the other formats. ``source``
    and ``scenario`` are named in the HTML page's header; ``shifts``, ``capacity`` and
    ``simulation`` add their sections to it.

    Renderers are imported when chosen, so a chart never loads the spreadsheet library.
    """
    if export_format is ExportFormat.xlsx:
        from ccorg.render.plan_xlsx import render_plan_xlsx, stream_intervals

        return render_plan_xlsx(
            plan, stream_intervals(plan), scenario, capacity=capacity, shifts=shifts
        )
    from ccorg.render.ansi import printable_document

    if export_format is ExportFormat.html:
        from ccorg.render.plan_html import render_plan_html

        page = render_plan_html(plan, source, scenario, capacity, simulation, shifts)
        return printable_document(page).encode("utf-8")
    if export_format is ExportFormat.mermaid:
        from ccorg.render.plan_mermaid import render_plan_mermaid as render
    elif export_format is ExportFormat.dot:
        from ccorg.render.plan_dot import render_plan_dot as render
    else:
        from ccorg.render.plan_report import render_plan_report as render
    return printable_document(render(plan)).encode("utf-8")
