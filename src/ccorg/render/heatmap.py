"""A weekday × hour heatmap of a stream's required agents, 76 columns wide.

Each cell is the highest requirement among the hour's intervals (the agents that must be on
duty at the busiest moment of that hour), so a half-hour peak is never averaged away. Colour
shades the cells by their share of the week's peak; without colour the numbers carry it all.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text

from ccorg.i18n import _
from ccorg.plan import StreamPlan
from ccorg.staffing.workload import binding_phrase
from ccorg.units import DAY_NAMES, number

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

CELL = 3  # two digits or three, right-aligned, with a space before them
_SHADES = ("on grey11", "on grey23", "on grey35", "on dark_orange3", "on red3")


def heatmap(plan: StreamPlan) -> Group:
    """The heatmap of one stream, with a title and a legend."""
    hourly, closed = hourly_peaks(plan)
    top = float(hourly.max()) if hourly.size else 0.0
    scale = 1 if top < 1000 else 10 ** (len(str(int(top))) - 3)
    title = Text.assemble((f"{plan.name} ({plan.id})", "bold"), f" · {plan.summary}")
    header = Text("    " + "".join(f"{hour:>{CELL}}" for hour in range(24)), style="dim")
    rows = []
    for day, name in enumerate(DAY_NAMES):
        label = _(name)
        row = Text(label + " " * max(1, 4 - cell_len(label)))
        for hour in range(24):
            if closed[day, hour]:
                row.append(f"{'·':>{CELL}}", style="dim")
                continue
            value = float(hourly[day, hour])
            shown = f"{math.ceil(value / scale - 1e-9):>{CELL}}"
            row.append(shown, style=_shade(value, top))
        rows.append(row)
    p_day, p_interval, p_agents = plan.peak
    v_day, v_interval, v_agents = plan.valley
    unit = _("agents") if scale == 1 else _("agents ×{scale}").format(scale=f"{scale:,}")
    legend = Text(
        _(
            "{unit} required: the most in any {minutes}-minute interval of the hour; · closed\n"
            "peak {peak} at {peak_at} · valley {valley} at {valley_at} · {hours} agent-hours a "
            "week"
        ).format(
            unit=unit,
            minutes=plan.interval_minutes,
            peak=number(p_agents, 1),
            peak_at=_when(plan, p_day, p_interval),
            valley=number(v_agents, 1),
            valley_at=_when(plan, v_day, v_interval),
            hours=number(plan.weekly_agent_hours, 1),
        ),
        style="dim",
    )
    binding = binding_phrase(plan, plan.peak_binding)
    if binding:
        legend.append("\n" + _("the peak is {binding}").format(binding=binding))
    return Group(title, header, *rows, legend)


def _when(plan: StreamPlan, day: int, interval: int) -> str:
    minutes = interval * plan.interval_minutes
    return f"{_(DAY_NAMES[day])} {minutes // 60:02d}:{minutes % 60:02d}"


def hourly_peaks(plan: StreamPlan) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Per weekday and hour: the highest interval requirement, and whether it is all closed."""
    per_hour = 60 // plan.interval_minutes
    agents = plan.agents.reshape(7, 24, per_hour)
    open_ = plan.open.reshape(7, 24, per_hour)
    closed: NDArray[np.bool_] = ~open_.any(axis=2)
    return agents.max(axis=2), closed


def _shade(value: float, top: float) -> str:
    if top <= 0:
        return _SHADES[0]
    return _SHADES[min(len(_SHADES) - 1, int(value / top * len(_SHADES)))]
