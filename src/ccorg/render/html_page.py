"""What every HTML page of ccorg shares: the template environment, the content policy, the
heatmap as SVG data. Pages are single files that load nothing from anywhere.

The Content-Security-Policy forbids every load (no scripts at all, images only as data: URLs,
styles only inline), so a page mailed around or put on an intranet behind a proxy shows the
same as on the planner's machine, and a name in the config cannot smuggle in a request:
Jinja2 escapes every value.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ccorg.i18n import _, current_language
from ccorg.units import DAY_NAMES, number

if TYPE_CHECKING:
    from jinja2 import Environment

    from ccorg.plan import StreamPlan

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'"
)
TEMPLATES = Path(__file__).resolve().parent / "templates"

_environment: Environment | None = None


def environment() -> Environment:
    """The Jinja2 environment: autoescaping on, an undefined name an error, not a blank."""
    global _environment
    if _environment is None:
        # Imported here: only the HTML views need Jinja2.
        from jinja2 import Environment, FileSystemLoader, StrictUndefined

        _environment = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return _environment


def render_page(template: str, **context: Any) -> str:
    """The page ``template`` renders with ``context`` and the parts every page has."""
    page = environment().get_template(template)
    return page.render(
        csp=CONTENT_SECURITY_POLICY,
        lang="zh-CN" if current_language().value == "zh" else "en",
        generated=generation_date(),
        **context,
    )


def generation_date() -> str:
    """Today (UTC), or the day ``SOURCE_DATE_EPOCH`` names, so that a page can be rebuilt
    byte for byte (the reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        moment = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC)
    else:
        moment = _dt.datetime.now(_dt.UTC)
    return moment.date().isoformat()


@dataclass(frozen=True)
class HeatCell:
    x: int
    y: int
    fill: str
    tip: str


@dataclass(frozen=True)
class Heatmap:
    """A weekday × interval grid of a stream's required agents, laid out for SVG."""

    width: int
    height: int
    cell_width: int
    cell_height: int
    left: int
    top: int
    cells: tuple[HeatCell, ...]
    days: tuple[tuple[int, str], ...]
    hours: tuple[tuple[int, str], ...]
    legend: tuple[tuple[int, str, str], ...]


_LOW, _HIGH = (240, 246, 252), (12, 74, 140)  # the colour of no agents, and of the peak
_CELL_HEIGHT, _LEFT, _TOP = 18, 44, 18


def stream_heatmap(stream: StreamPlan) -> Heatmap:
    """Every interval of the week as a cell shaded by its agents' share of the peak; each
    cell's tooltip names the day, the time, the agents and the volume."""
    agents, volume = stream.agents, stream.volume
    days, per_day = agents.shape
    cell_width = max(3, min(16, 768 // per_day))
    peak = float(agents.max()) if agents.size else 0.0
    unit, closed = _("agents"), _("closed")
    cells = []
    for day in range(days):
        for interval in range(per_day):
            value = float(agents[day, interval])
            minutes = interval * stream.interval_minutes
            when = f"{_(DAY_NAMES[day])} {minutes // 60:02d}:{minutes % 60:02d}"
            tip = f"{when} · {number(value, 2)} {unit} · {number(float(volume[day, interval]), 1)}"
            if not stream.open[day, interval]:
                tip = f"{when} · {closed}"
            cells.append(
                HeatCell(
                    _LEFT + interval * cell_width,
                    _TOP + day * _CELL_HEIGHT,
                    _shade(value / peak if peak else 0.0),
                    tip,
                )
            )
    hours = tuple(
        (_LEFT + hour * (per_day // 24) * cell_width, f"{hour:02d}")
        for hour in range(0, 24, 3)
        if per_day % 24 == 0
    )
    legend = tuple((index, _shade(index / 4), number(peak * index / 4, 1)) for index in range(5))
    return Heatmap(
        width=_LEFT + per_day * cell_width + 8,
        height=_TOP + days * _CELL_HEIGHT + 8,
        cell_width=cell_width,
        cell_height=_CELL_HEIGHT,
        left=_LEFT,
        top=_TOP,
        cells=tuple(cells),
        days=tuple((_TOP + day * _CELL_HEIGHT + 13, _(DAY_NAMES[day])) for day in range(days)),
        hours=hours,
        legend=legend,
    )


def _shade(share: float) -> str:
    share = min(1.0, max(0.0, share))
    red, green, blue = (round(lo + (hi - lo) * share) for lo, hi in zip(_LOW, _HIGH, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"
