"""Shift plans in the terminal: the measures, the shifts to staff, and two heatmaps.

The first heatmap counts the shifts starting in each weekday × hour; the second shows, per
weekday × hour, how many agents the plan has on the phones beyond the requirement at the
tightest moment of the hour (0: some interval of the hour is staffed exactly).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from ccorg.i18n import N_, _, ngettext
from ccorg.staffing.shifts import ShiftPlan
from ccorg.units import number

CELL = 3  # two digits, right-aligned after a space; wider when a count needs it
_DAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
_SHADES = ("on grey11", "on grey23", "on grey35", "on dark_orange3", "on red3")


def render_schedule(plans: tuple[ShiftPlan, ...], console: Console) -> None:
    """Print every post's shift plan."""
    for plan in plans:
        console.print(summary(plan))
        console.print(shift_table(plan))
        console.print(starts_heatmap(plan))
        console.print()
        console.print(surplus_heatmap(plan))
        console.print()


def _days() -> list[str]:
    return [_(day) for day in _DAYS]


def summary(plan: ShiftPlan) -> Group:
    """The post, how efficient its shifts are, how sure the solver is, how close they fit."""
    if plan.optimal:
        state = _("optimal")
    else:
        state = _("time limit reached, gap {gap}").format(gap=f"{plan.mip_gap:.2%}")
    title = Text.assemble(
        (f"{plan.post_name} ({plan.post_id})", "bold"),
        " · ",
        ngettext("{count} shift template", "{count} shift templates", len(plan.templates)).format(
            count=len(plan.templates)
        ),
        " · ",
        (state, "green" if plan.optimal else "yellow"),
    )
    lines = [
        _(
            "Efficiency {efficiency}: {paid} paid agent-hours a week for {required} required "
            "· schedule fit {fit}"
        ).format(
            efficiency=f"{plan.efficiency:.1%}",
            paid=number(plan.paid_agent_hours, 1),
            required=number(plan.required_agent_hours, 1),
            fit=f"{plan.schedule_fit:.1%}",
        ),
        _(
            "LP bound {lp} · proven bound {bound} · gap {gap} · {seconds} s, {columns} columns"
        ).format(
            lp=number(plan.lp_bound, 1),
            bound=number(plan.bound, 1),
            gap=f"{plan.mip_gap:.2%}",
            seconds=number(plan.solve_seconds, 2),
            columns=f"{plan.columns:,}",
        ),
        _("Intervals within ±5% of the requirement: {five} · within ±1 agent: {one}").format(
            five=f"{plan.within_5pct:.1%}", one=f"{plan.within_1_agent:.1%}"
        ),
    ]
    days = " · ".join(
        f"{day} {count}" for day, count in zip(_days(), plan.shifts_per_day, strict=True)
    )
    lines.append(_("Shifts a day: {days}").format(days=days))
    if plan.heads is not None and plan.rules.tours is not None:
        lines.append(
            _("People a week on {days}-day tours: {heads}").format(
                days=plan.rules.tours.days_on, heads=plan.heads
            )
        )
    return Group(title, *(Text(line) for line in lines))


def shift_table(plan: ShiftPlan) -> Table:
    """One row per template and start: the shifts to staff on each weekday, and the week's."""
    # Eleven columns: padding only on the left keeps the table within 80 columns in Chinese,
    # whose weekday headers (周一) are twice as wide as their digits.
    table = Table(
        box=box.SIMPLE_HEAD, title=_("Shifts to staff"), title_justify="left", padding=(0, 0, 0, 1)
    )
    table.add_column(_("Shift"))
    table.add_column(_("Start"))
    table.add_column(_("End"))
    for day in _days():
        table.add_column(day, justify="right")
    table.add_column(_("Week"), justify="right")
    names = dict(plan.templates)
    order = {template_id: index for index, (template_id, _name) in enumerate(plan.templates)}
    rows: dict[tuple[str, str], list[int]] = {}
    ends: dict[tuple[str, str], str] = {}
    for shift in plan.shifts:
        key = (shift.template, shift.start)
        rows.setdefault(key, [0] * 7)[shift.day] += shift.count
        ends[key] = plan.shift_end(shift)
    for (template_id, start), counts in sorted(
        rows.items(), key=lambda item: (order[item[0][0]], item[0][1])
    ):
        table.add_row(
            f"{names[template_id]} ({template_id})",
            start,
            ends[(template_id, start)],
            *(str(c) if c else "·" for c in counts),
            str(sum(counts)),
        )
    per_day = plan.shifts_per_day
    table.add_section()
    table.add_row(_("Total"), "", "", *(str(c) for c in per_day), str(sum(per_day)))
    return table


def starts_heatmap(plan: ShiftPlan) -> Group:
    """Shifts starting in each weekday × hour, over all templates."""
    starts = np.zeros((7, 24), dtype=np.int64)
    for shift in plan.shifts:
        starts[shift.day, int(shift.start[:2])] += shift.count
    cell, rows = _weekday_rows(np.where(starts > 0, starts, np.nan))
    legend = Text(_("shifts starting in the hour, all templates; · none"), style="dim")
    return Group(Text(_("Shift starts"), style="bold"), _hours(cell), *rows, legend)


def surplus_heatmap(plan: ShiftPlan) -> Group:
    """Agents on the phones beyond the requirement, per weekday × hour (the hour's least)."""
    per_hour = 60 // plan.interval_minutes
    surplus = (plan.coverage - plan.requirement).reshape(7, 24, per_hour)
    required = (plan.requirement > 0).reshape(7, 24, per_hour)
    least = np.where(required, surplus, np.inf).min(axis=2)
    cell, rows = _weekday_rows(np.where(np.isfinite(least), least, np.nan))
    legend = Text(
        _(
            "agents beyond the requirement at the tightest {minutes}-minute interval of the "
            "hour; · none required"
        ).format(minutes=plan.interval_minutes),
        style="dim",
    )
    return Group(Text(_("Coverage over requirement"), style="bold"), _hours(cell), *rows, legend)


def _weekday_rows(values: NDArray[np.float64]) -> tuple[int, list[Text]]:
    """The cell width and one shaded row per weekday of a weekday × hour grid; NaN is shown
    as a dim '·'."""
    shown = values[~np.isnan(values)]
    top = max(0.0, float(shown.max())) if shown.size else 0.0
    cell = _cell(top)
    rows = []
    for day, name in enumerate(_days()):
        row = _label(name)
        for hour in range(24):
            value = float(values[day, hour])
            if math.isnan(value):
                row.append(f"{'·':>{cell}}", style="dim")
            else:
                whole = math.floor(value + 1e-9)
                row.append(f"{whole:>{cell}}", style=_shade(value, top))
        rows.append(row)
    return cell, rows


def _label(name: str) -> Text:
    # Weekday names are three letters in English and two characters (four cells) in Chinese.
    text = Text(name)
    text.pad_right(4 - text.cell_len)
    return text


def _cell(top: float) -> int:
    return max(CELL, len(str(int(top))) + 1)


def _hours(cell: int) -> Text:
    return Text("    " + "".join(f"{hour:>{cell}}" for hour in range(24)), style="dim")


def _shade(value: float, top: float) -> str:
    if top <= 0:
        return _SHADES[0]
    return _SHADES[min(len(_SHADES) - 1, int(value / top * len(_SHADES)))]
