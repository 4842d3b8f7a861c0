"""`ccorg simulate` in the terminal: per stream the days and week against Erlang, a weekday ×
hour heatmap of the simulated service level, and the intervals that miss their target."""

from __future__ import annotations

import math
from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ccorg.config.schema import ChatStream
from ccorg.i18n import N_, _, ngettext
from ccorg.i18n.punctuation import enumerated
from ccorg.render.heatmap import CELL
from ccorg.simulate import Estimate, Figures, Simulation, StreamSimulation
from ccorg.staffing.demand import Grid
from ccorg.units import DAY_NAMES, number

#: Rows of the below-target list shown in the terminal; JSON lists every interval.
SHOWN_SHORT = 20
_HOUR_STYLES = {"short": "bold white on red3", "below": "black on dark_orange3", "met": ""}
_UNITS = {"voice": N_("Calls"), "chat": N_("Chats")}
_DEFINITIONS = {
    "offered": N_("as a share of the contacts offered (abandoned ones are misses)"),
    "answered": N_("as a share of the contacts answered"),
    "excluding_short_abandons": N_(
        "as a share of the contacts offered, less those abandoning within {seconds} s"
    ),
}


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
                _("{stream} ({channel}): not simulated, because {reason}").format(
                    stream=skipped.stream_id, channel=skipped.channel, reason=skipped.reason
                ),
                style="dim",
            )
        )


def stream_view(result: StreamSimulation, simulation: Simulation) -> Group:
    """One stream: title, how it was simulated, the table, the heatmap, the misses."""
    plan = result.plan
    options = simulation.options
    stream = plan.stream
    title = Text.assemble((f"{plan.name} ({plan.id})", "bold"), f" · {plan.summary}")
    if options.handle.kind == "exponential":
        handle = _("exponential handle times")
    else:
        handle = _("lognormal handle times (CV {cv})").format(cv=number(options.handle.cv or 0))
    if isinstance(stream, ChatStream):
        length = _("sessions of {seconds} s, {count} at once per agent").format(
            seconds=number(stream.session_seconds, 1), count=stream.concurrency
        )
    else:
        length = _("AHT {seconds} s").format(seconds=number(stream.aht_seconds, 1))
    if result.patience_seconds is not None:
        patience = _("mean patience {seconds} s").format(seconds=number(result.patience_seconds))
    else:
        patience = _("nobody abandons")
    how = Text(
        _(
            "simulated {replications} × {days} (seed {seed}) · {handle}, {length} · {patience} · "
            "agents: {staffing} · {contacts} contacts in all"
        ).format(
            staffing=_("the shift plan's coverage")
            if options.staffing == "schedule"
            else _("the plan's requirement"),
            replications=f"{options.replications:,}",
            days=_days_text(result.days),
            seed=options.seed,
            handle=handle,
            length=length,
            patience=patience,
            contacts=f"{result.calls_simulated:,}",
        ),
        style="dim",
    )
    parts: list[Text | Table | Group] = [title, how, Text(), _table(result), _caption(result)]
    if result.stranded > 0:
        parts.append(
            Text(
                _(
                    "{count} contacts a week were never answered: nobody was on duty after them"
                ).format(count=number(result.stranded, 1)),
                style="bold red",
            )
        )
    parts += [Text(), heatmap_view(result), Text(), _short_view(result)]
    return Group(*parts)


def _days_text(days: tuple[int, ...]) -> str:
    if len(days) == 7:
        return _("the week")
    return enumerated(_(DAY_NAMES[day]) for day in days)


def _level_text(result: StreamSimulation) -> str:
    return f"{number(result.target * 100, 1)}/{number(result.sl_seconds)}"


def _table(result: StreamSimulation) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    table.add_column("")
    table.add_column(_(_UNITS[result.plan.channel]), justify="right")
    table.add_column(_("SL {level}").format(level=_level_text(result)), justify="right")
    table.add_column("Erlang", justify="right", style="dim")
    table.add_column(_("ASA"), justify="right")
    table.add_column("Erlang", justify="right", style="dim")
    if result.week.abandon_rate is not None:
        table.add_column(_("Abandoned"), justify="right")
        table.add_column("Erlang", justify="right", style="dim")
    table.add_column(_("Occupancy"), justify="right")
    table.add_column("Erlang", justify="right", style="dim")
    for position, day in enumerate(result.days):
        table.add_row(*_row(_(DAY_NAMES[day]), result.by_day, position))
    total = _("Week") if len(result.days) == 7 else _("All")
    table.add_row(*_row(total, result.week, None), style="bold")
    return table


def _caption(result: StreamSimulation) -> Text:
    """What the table's figures are: the table's width would wrap it, so it stands apart."""
    definition = _(_DEFINITIONS[result.sl_definition]).format(
        seconds=number(result.plan.stream.service_level.short_abandon_seconds or 0)
    )
    return Text(
        _(
            "simulated: mean ± half its 95% confidence interval over the replications; SL: "
            "answered within {seconds} s, {definition}"
        ).format(seconds=number(result.sl_seconds), definition=definition),
        style="dim",
    )


def _row(label: str, figures: Figures, at: int | None) -> list[str]:
    index = () if at is None else (at,)

    def pick(estimate: Estimate) -> tuple[float, float, float]:
        mean = float(estimate.mean[index])
        return mean, float(estimate.high[index]) - mean, float(estimate.erlang[index])

    cells = [label, number(round(float(figures.offered[index])))]
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
    return _shown(value, half, 100.0, lambda figure: f"{figure}%")


def _seconds(value: float, half: float | None = None) -> str:
    return _shown(value, half, 1.0, lambda figure: _("{seconds} s").format(seconds=figure))


def _shown(value: float, half: float | None, scale: float, unit: Callable[[str], str]) -> str:
    """``85.4% ±0.2``, ``11.8 s ±0.3``: the value at one decimal, ± half its CI when known."""
    if math.isnan(value):
        return "—"
    if math.isinf(value):
        return "∞"
    text = unit(f"{value * scale:.1f}")
    if half is not None and not math.isnan(half):
        text += f" ±{half * scale:.1f}"
    return text


def heatmap_view(result: StreamSimulation) -> Group:
    """Simulated service level by weekday × hour: each hour's calls counted together."""
    level = result.by_hour.service_level
    per_hour = 60 // result.plan.interval_minutes
    open_hours = result.open.reshape(len(result.days), 24, per_hour).any(axis=2)
    title = Text(
        _("Simulated service level, % answered within {seconds} s, by hour").format(
            seconds=number(result.sl_seconds)
        ),
        style="bold",
    )
    names = [_(DAY_NAMES[day]) for day in result.days]
    label = max(cell_len(name) for name in names) + 1
    header = Text(" " * label + "".join(f"{hour:>{CELL}}" for hour in range(24)), style="dim")
    rows = []
    for position, name in enumerate(names):
        row = Text(name + " " * (label - cell_len(name)))
        for hour in range(24):
            mean = float(level.mean[position, hour])
            if not open_hours[position, hour] or math.isnan(mean):
                row.append(f"{'·':>{CELL}}", style="dim")
                continue
            shown = min(99, math.floor(mean * 100 + 1e-9))
            row.append(" ")
            row.append(
                f"{shown:>{CELL - 1}}",
                style=_HOUR_STYLES[_hour_state(level, position, hour, result.target)],
            )
        rows.append(row)
    legend = Text(
        _(
            "99: 99% or more · ·: closed or no contacts · red: the hour's 95% CI lies wholly "
            "below {target} · orange: its mean is below {target}"
        ).format(target=f"{number(result.target * 100, 1)}%"),
        style="dim",
    )
    return Group(title, header, *rows, legend)


def _hour_state(level: Estimate, day: int, hour: int, target: float) -> str:
    if float(level.high[day, hour]) < target:
        return "short"
    if float(level.mean[day, hour]) < target:
        return "below"
    return "met"


def _short_view(result: StreamSimulation) -> Text | Group:
    target = f"{number(result.target * 100, 1)}%"
    open_count = int(result.open.sum())
    if not result.short_of_target:
        return Text(
            _("No interval's 95% CI lies wholly below {target} ({count} open intervals).").format(
                target=target, count=f"{open_count:,}"
            ),
            style="green",
        )
    grid = Grid(result.plan.interval_minutes)
    table = Table(box=None, padding=(0, 1), show_edge=False, header_style="bold")
    for name, justify in (
        (_("Interval"), "left"),
        (_(_UNITS[result.plan.channel]), "right"),
        (_("Agents"), "right"),
        (_("SL simulated [95% CI]"), "right"),
        ("Erlang", "right"),
        (_("Weeks below {target}").format(target=target), "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    intervals = result.intervals
    level = intervals.service_level
    for position, interval in result.short_of_target[:SHOWN_SHORT]:
        at = (position, interval)
        table.add_row(
            f"{_(DAY_NAMES[result.days[position]])} {grid.time(interval)}",
            number(float(intervals.offered[at]), 1),
            number(float(result.agents[at])),
            f"{level.mean[at] * 100:.1f}% [{level.low[at] * 100:.1f}, {level.high[at] * 100:.1f}]",
            _percent(float(level.erlang[at])),
            f"{float(intervals.miss_share[at]) * 100:.0f}%",
        )
    count = len(result.short_of_target)
    heading = Text(
        ngettext(
            "{count} of {total} open intervals has a 95% CI wholly below {target}:",
            "{count} of {total} open intervals have a 95% CI wholly below {target}, the "
            "lowest first:",
            count,
        ).format(count=f"{count:,}", total=f"{open_count:,}", target=target),
        style="bold",
    )
    parts: list[Text | Table] = [heading, table]
    if count > SHOWN_SHORT:
        parts.append(
            Text(
                _("… and {count} more (--format json lists them all)").format(
                    count=f"{count - SHOWN_SHORT:,}"
                ),
                style="dim",
            )
        )
    return Group(*parts)
