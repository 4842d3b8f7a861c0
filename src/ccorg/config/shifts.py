"""The shape of the ``shifts:`` section: the shift rules `ccorg schedule` plans with.

Shift templates say when people may start and how long they work; optional weekly tours say
how their days fall in a week. Times are clock times of the day, ``HH:MM`` (00:00–23:59); a
shift may run past midnight (and Sunday's into Monday).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ccorg.config.model import MAX_PEOPLE, Id, Model, Name, Weekday
from ccorg.i18n import _
from ccorg.limits import MAX_BREAKS, MAX_SHIFT_TEMPLATES, MAX_SOLVE_SECONDS

CLOCK_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
Clock = Annotated[
    str,
    Field(
        pattern=CLOCK_PATTERN,
        description="A clock time of the day, 'HH:MM' from 00:00 to 23:59 (quote it in YAML).",
    ),
]


class StartRange(Model):
    """Starts every ``every_minutes`` from ``from`` to ``to`` inclusive (``to`` before ``from``
    runs past midnight)."""

    from_: Clock = Field(alias="from", description="The first start.")
    to: Clock = Field(description="The last start.")
    every_minutes: int = Field(ge=1, le=1440, description="Minutes between starts.")


class ShiftBreak(Model):
    """A break placed somewhere in its window; the solver chooses where for each shift.

    An unpaid break lengthens the shift (8 paid hours and an unpaid hour: 9 hours on site); a
    paid one is taken out of the paid hours. ``start_within`` is the window the break may
    start in, as two clock times.
    """

    minutes: int = Field(ge=1, le=480, description="Length of the break.")
    paid: bool = Field(False, description="Paid (within the paid hours) or unpaid.")
    start_within: list[Clock] = Field(
        min_length=2,
        max_length=2,
        description="Earliest and latest start of the break, ['11:00', '13:30'].",
    )


class ShiftTemplate(Model):
    """A kind of shift: when it may start, its paid hours and breaks, its days and caps."""

    id: Id
    name: Name
    starts: list[Clock] | StartRange = Field(
        description="Start times: a list, or {from, to, every_minutes}."
    )
    paid_hours: float = Field(gt=0, le=24, description="Paid hours of one shift.")
    breaks: list[ShiftBreak] = Field(
        default_factory=list,
        max_length=MAX_BREAKS,
        description=f"Breaks in the shift; at most {MAX_BREAKS}.",
    )
    days: list[Weekday] | None = Field(
        None, min_length=1, description="Weekdays the shift may start on; every day if absent."
    )
    min_per_day: int | None = Field(
        None, ge=0, le=MAX_PEOPLE, description="At least this many of these shifts a day."
    )
    max_per_day: int | None = Field(
        None, ge=0, le=MAX_PEOPLE, description="At most this many of these shifts a day."
    )

    @model_validator(mode="after")
    def _caps(self) -> ShiftTemplate:
        if (
            self.min_per_day is not None
            and self.max_per_day is not None
            and self.min_per_day > self.max_per_day
        ):
            raise PydanticCustomError("caps", _("'min_per_day' is larger than 'max_per_day'"))
        if isinstance(self.starts, list) and not self.starts:
            raise PydanticCustomError("starts", _("give at least one start time"))
        return self


class Tours(Model):
    """Weekly tours: each person works ``days_on`` days a week on one template and start,
    with at least ``consecutive_days_off`` days off in a row (all the off days by default)."""

    days_on: int = Field(ge=1, le=7, description="Working days a week.")
    consecutive_days_off: int | None = Field(
        None, ge=0, le=6, description="Days off in a row, at least; default 7 − days_on."
    )

    @model_validator(mode="after")
    def _fits_a_week(self) -> Tours:
        if (self.consecutive_days_off or 0) > 7 - self.days_on:
            raise PydanticCustomError(
                "tours",
                _("{days_on} days on leave {off} days off, fewer than {wanted} in a row"),
                {
                    "days_on": self.days_on,
                    "off": 7 - self.days_on,
                    "wanted": self.consecutive_days_off,
                },
            )
        return self


class Shifts(Model):
    """The shift rules: templates, optional weekly tours and the part-time share."""

    templates: list[ShiftTemplate] = Field(
        min_length=1,
        max_length=MAX_SHIFT_TEMPLATES,
        description=f"The shift templates; at most {MAX_SHIFT_TEMPLATES}.",
    )
    tours: Tours | None = Field(
        None, description="Weekly tours per person instead of free daily shifts."
    )
    part_time_share_max: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Share of paid hours on shifts shorter than 6 h, at most.",
    )
    time_limit_seconds: float = Field(
        30,
        gt=0,
        le=MAX_SOLVE_SECONDS,
        description=(
            "Time the solver may take for all of one plan's shift solves together (the posts "
            "with schedule_fit: auto); ccorg schedule gives it to each post."
        ),
    )
