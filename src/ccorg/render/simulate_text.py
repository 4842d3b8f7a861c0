"""`ccorg simulate` in the terminal: per stream the days and week against Erlang, a weekday ×
hour heatmap of the simulated service level, and the intervals that miss their target."""

from __future__ import annotations

import math

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ccorg.config.schema import ChatStream
from ccorg.render.heatmap import CELL, DAY_NAMES
from ccorg.simulate import Estimate, Figures, Simulation, StreamSimulation
from ccorg.staffing.demand import Grid
from ccorg.staffing.workload import UNITS
from ccorg.units import number

#: Rows of the below-target list shown in the terminal; JSON lists every interval.
SHOWN_SHORT = 20
_HOUR_STYLES = {"short": "bold white on red3", "below": "black on dark_orange3", "met": ""}


def render_simulation(simulation: Simulation, console: Console) -> None:
    """Print every simulated stream, then the streams left out and why."""
    for position, stream in enumerate(simulation.streams):
        if position:
            console.print()
        console.print(stream_view(stream, simulation))
    for skipped in simulation.not_simulated:
        console.print()
        console.print(
            Text(
                f"{skipped.stream_id} ({skipped.channel}): not simulated, because {skipped.reason}",
                style="dim",
            )
        )


def stream_view(result: StreamSimulation, simulation: Simulation) -> Group:
    """One stream: title, how it was simulated, the table, the heatmap, the misses."""
    plan = result.plan
    options = simulation.options
    unit = UNITS[plan.channel]
    title = Text.assemble((f"{plan.name} ({plan.id})", "bold"), f" · {plan.summary}")
    handle = (
        "exponential handle times"
        if options.handle.kind == "exponential"
        else f"lognormal handle times (CV {number(options.handle.cv or 0)})"
    )
    patience = (
        f"mean patience {number(result.patience_seconds)} s"
        if result.patience_seconds is not None
        else "callers never abandon"
    )
    stream = plan.stream
    slots = (
        f" · {stream.concurrency} chats at once per agent" if isinstance(stream, ChatStream) else ""
    )
    how = Text(
        f"simulated {options.replications:,} × {_days_text(result.days)} (seed {options.seed}) · "
        f"{handle}, AHT {number(_session_seconds(stream), 1)} s · {patience}{slots} · "
        f"agents: the plan's requirement · {result.calls_simulated:,} {unit} in all",
        style="dim",
    )
    parts: list[Text | Table | Group] = [title, how, Text(), _table(result, unit)]
    if result.stranded > 0:
        parts.append(
            Text(
                f"{number(result.stranded, 1)} {unit} a week were never answered: nobody was on "
                "duty after them",
                style="bold red",
            )
        )
    parts += [Text(), heatmap_view(result), Text(), _short_view(result, unit)]
    return Group(*parts)


def _days_text(days: tuple[int, ...]) -> str:
    if len(days) == 7:
        return "the week"
    return ", ".join(DAY_NAMES[day] for day in days)


def _table(result: StreamSimulation, unit: str) -> Table:
    level = f"{number(result.target * 100, 1)}/{number(result.sl_seconds)}"
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("")
    table.add_column(unit.capitalize(), justify="right")
    table.add_column(f"SL {level}", justify="right")
    table.add_column("Erlang", justify="right", style="dim")
    table.add_column("ASA", justify="right")
    table.add_column("Erlang", justify="right", style="dim")
    abandon = result.week.abandon_rate is not None
    if abandon:
        table.add_column("Abandoned", justify="right")
        table.add_column("Erlang", justify="right", style="dim")
    table.add_column("Occupancy", justify="right")
    table.add_column("Erlang", justify="right", style="dim")
    for position, day in enumerate(result.days):
        table.add_row(*_row(DAY_NAMES[day], result.by_day, position))
    total = "Week" if len(result.days) == 7 else "All"
    table.add_row(*_row(total, result.week, None), style="bold")
    table.caption = "simulated: mean ± half its 95% confidence interval over the replications"
    table.caption_style = "dim"
    table.caption_justify = "left"
    return table


def _row(label: str, figures: Figures, at: int | None) -> list[str]:
    def pick(estimate: Estimate) -> tuple[float, float, float]:
        index = () if at is None else (at,)
        return (
            float(estimate.mean[index]),
            float(estimate.high[index] - estimate.mean[index]),
            float(estimate.erlang[index]),
        )

    offered = float(figures.offered[() if at is None else (at,)])
    cells = [label, number(round(offered))]
    sl, sl_half, sl_erlang = pick(figures.service_level)
    cells += [_percent(sl, sl_half), _percent(sl_erlang)]
    asa, asa_half, asa_erlang = pick(figures.asa_seconds)
    cells += [_seconds(asa, asa_half), _seconds(asa_erlang)]
    if figures.abandon_rate is not None:
        ab, ab_half, ab_erlang = pick(figures.abandon_rate)
        cells += [_percent(ab, ab_half), _percent(ab_erlang)]
    occ, occ_half, occ_erlang = pick(figures.occupancy)
    cells += [_percent(occ, occ_half), _percent(occ_erlang)]
    return cells


def _percent(value: float, half: float | None = None) -> str:
    if math.isnan(value):
        return "—"
    text = f"{value * 100:.1f}%"
    if half is not None and not math.isnan(half):
        text += f" ±{half * 100:.1f}"
    return text


def _seconds(value: float, half: float | None = None) -> str:
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞"
    text = f"{value:.1f} s"
    if half is not None and not math.isnan(half):
        text += f" ±{half:.1f}"
    return text


def heatmap_view(result: StreamSimulation) -> Group:
    """Simulated service level by weekday × hour: each hour's calls counted together."""
    level = result.by_hour.service_level
    per_hour = 60 // result.plan.interval_minutes
    open_hours = result.open.reshape(len(result.days), 24, per_hour).any(axis=2)
    title = Text(
        f"Simulated service level, % answered within {number(result.sl_seconds)} s, by hour",
        style="bold",
    )
    header = Text("    " + "".join(f"{hour:>{CELL}}" for hour in range(24)), style="dim")
    rows = []
    for position, day in enumerate(result.days):
        row = Text(f"{DAY_NAMES[day]} ")
        for hour in range(24):
            mean = float(level.mean[position, hour])
            if not open_hours[position, hour] or math.isnan(mean):
                row.append(f"{'·':>{CELL}}", style="dim")
                continue
            shown = min(99, math.floor(mean * 100 + 1e-9))
            style = _HOUR_STYLES[_hour_state(level, position, hour, result.target)]
            row.append(" ", style="")
            row.append(f"{shown:>{CELL - 1}}", style=style)
        rows.append(row)
    target = f"{number(result.target * 100, 1)}%"
    legend = Text(
        f"99: 99% or more · closed or no calls: · · red: the hour's 95% CI lies wholly below "
        f"{target} · orange: its mean is below {target}",
        style="dim",
    )
    return Group(title, header, *rows, legend)


def _hour_state(level: Estimate, day: int, hour: int, target: float) -> str:
    if float(level.high[day, hour]) < target:
        return "short"
    if float(level.mean[day, hour]) < target:
        return "below"
    return "met"


def _short_view(result: StreamSimulation, unit: str) -> Text | Group:
    target = f"{number(result.target * 100, 1)}%"
    open_count = int(result.open.sum())
    if not result.short_of_target:
        return Text(
            f"No interval's 95% CI lies wholly below {target} ({open_count:,} open intervals).",
            style="green",
        )
    grid = Grid(result.plan.interval_minutes)
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    for name, justify in (
        ("Interval", "left"),
        (unit.capitalize(), "right"),
        ("Agents", "right"),
        ("SL simulated [95% CI]", "right"),
        ("Erlang", "right"),
        (f"Weeks below {target}", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    intervals = result.intervals
    level = intervals.service_level
    for position, interval in result.short_of_target[:SHOWN_SHORT]:
        at = (position, interval)
        table.add_row(
            f"{DAY_NAMES[result.days[position]]} {grid.time(interval)}",
            number(float(intervals.offered[at]), 1),
            number(float(result.agents[at])),
            f"{level.mean[at] * 100:.1f}% [{level.low[at] * 100:.1f}, {level.high[at] * 100:.1f}]",
            _percent(float(level.erlang[at])),
            f"{float(intervals.miss_share[at]) * 100:.0f}%",
        )
    count = len(result.short_of_target)
    heading = Text(
        f"{count:,} of {open_count:,} open intervals {'has' if count == 1 else 'have'} a 95% CI "
        f"wholly below {target}" + (", the lowest first:" if count > 1 else ":"),
        style="bold",
    )
    parts: list[Text | Table] = [heading, table]
    if count > SHOWN_SHORT:
        parts.append(
            Text(f"… and {count - SHOWN_SHORT:,} more (--format json lists them all)", style="dim")
        )
    return Group(*parts)


def _session_seconds(stream: object) -> float:
    """A chat session's length at its planned concurrency; a call's AHT."""
    if isinstance(stream, ChatStream):
        return stream.session_seconds
    return stream.aht_seconds  # type: ignore[attr-defined]
