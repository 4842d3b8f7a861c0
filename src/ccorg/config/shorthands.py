"""The short forms planners write, accepted wherever ccorg's own output writes them.

``service_level: 80/20`` (80% answered within 20 s), ``service_hours: 7×24`` (also ``7x24``,
``24x7``, ``7*24``), and service windows per day group (``weekdays``, ``weekend``, ``daily``)
as ``intraday`` takes them. Each is turned into the one typed form the rest of ccorg reads.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from ccorg.config.model import WEEKDAYS, TimeWindow, Weekday

DayGroup = Literal[Weekday, "weekdays", "weekend", "daily"]
DAY_GROUPS: dict[str, tuple[str, ...]] = {
    "daily": WEEKDAYS,
    "weekdays": WEEKDAYS[:5],
    "weekend": ("sat", "sun"),
}
# Precedence where groups overlap: a named weekday, then 'weekdays'/'weekend', then 'daily'.
DAY_GROUP_ORDER = ("daily", "weekdays", "weekend", *WEEKDAYS)

AroundTheClock = Literal["7x24", "7×24", "24x7", "24×7", "7*24", "24*7"]
AROUND_THE_CLOCK = AroundTheClock.__args__


def _around_the_clock(value: Any) -> Any:
    """``7 × 24``, ``24X7`` … → ``7x24``; anything else is left to the schema."""
    if isinstance(value, str):
        squeezed = value.replace(" ", "").lower()
        if squeezed in AROUND_THE_CLOCK:
            return squeezed
    return value


def expand_day_groups(windows: dict[str, list[str]]) -> dict[str, list[str]]:
    """Windows per weekday (mon … sun, in order) from windows per day group."""
    days: dict[str, list[str]] = {}
    for group in DAY_GROUP_ORDER:
        if group in windows:
            for day in DAY_GROUPS.get(group, (group,)):
                days[day] = windows[group]
    return {day: days[day] for day in WEEKDAYS if day in days}


def _expand(value: str | dict[str, list[str]]) -> str | dict[str, list[str]]:
    return "7x24" if isinstance(value, str) else expand_day_groups(value)


ServiceHours = Annotated[
    AroundTheClock | dict[DayGroup, list[TimeWindow]],
    BeforeValidator(_around_the_clock),
    AfterValidator(_expand),
    Field(
        description="'7x24' (also 7×24, 24x7, 7*24), or opening windows per weekday (mon … "
        "sun) or day group (weekdays, weekend, daily; a named weekday wins over its group)."
    ),
]

_SERVICE_LEVEL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$")
SERVICE_LEVEL_PATTERN = _SERVICE_LEVEL.pattern


def parse_service_level(text: str) -> tuple[float, float] | None:
    """``80/20``, ``80%/20s`` → (0.8, 20.0): the share answered and the seconds; None if the
    text is not of that form. The share may be out of range: the schema says so."""
    found = _SERVICE_LEVEL.match(text)
    if not found:
        return None
    return float(found.group(1)) / 100, float(found.group(2))
