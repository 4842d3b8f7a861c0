"""The capacity model: a plan month by month (``ccorg capacity``), in the config's ``capacity:``.

A horizon of months, monthly volume factors (seasonality) and, per workload post, how its
workforce moves: attrition, recruiting lead time, classroom training, the ramp to full
productivity, the share of a class lost in training and the size and number of classes.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ccorg.config.model import Id, Model
from ccorg.i18n import _

MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Years 1900 to 2199: a plan is made for the decades around now, and a five-digit year (a
# horizon running past 9999-12) has no calendar month to print.
YEAR_PATTERN = r"(19|20|21)\d{2}"
MONTH_PATTERN = rf"^{YEAR_PATTERN}-(0[1-9]|1[0-2])$"
SEASON_KEY_PATTERN = (
    rf"^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|{YEAR_PATTERN}-(0[1-9]|1[0-2]))$"
)
LAST_MONTH = "2199-12"
# Ten years of months: beyond that a monthly plan is guesswork, and each month is solved.
MAX_MONTHS = 120
# Weeks of lead time or training: two years at most; more is a typo for days.
MAX_WEEKS = 104
MAX_CLASS = 10_000

Month = Annotated[
    str,
    Field(
        pattern=MONTH_PATTERN,
        description="A calendar month, 'YYYY-MM' (2027-05), of the years 1900 to 2199.",
    ),
]
Factor = Annotated[float, Field(ge=0, le=100)]
# Seasonality keys: a month name (every year) or one calendar month 'YYYY-MM' (that month only).
SeasonKey = Annotated[
    str,
    Field(
        pattern=SEASON_KEY_PATTERN,
        description="A month name (jan … dec, every year) or 'YYYY-MM' (that month only).",
    ),
]
Productivity = Annotated[float, Field(gt=0, le=1)]


def month_index(text: str) -> int:
    """A ``YYYY-MM`` month as a count of months (year × 12 + month − 1), to subtract."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    """The ``YYYY-MM`` of a count of months (the inverse of ``month_index``)."""
    year, month = divmod(index, 12)
    return f"{year:04d}-{month + 1:02d}"


class Horizon(Model):
    """The months planned: ``months`` of them from ``start``."""

    start: Month
    months: int = Field(ge=1, le=MAX_MONTHS, description=f"Months planned (≤ {MAX_MONTHS}).")

    @model_validator(mode="after")
    def _ends_in_time(self) -> Horizon:
        if month_index(self.end) > month_index(LAST_MONTH):
            raise PydanticCustomError(
                "horizon",
                "the horizon ends in {end}, past {last} (the last month a plan may reach)",
                {"end": self.end, "last": LAST_MONTH},
            )
        return self

    def contains(self, month: str) -> bool:
        """Whether a ``YYYY-MM`` month lies inside the horizon."""
        offset = month_index(month) - month_index(self.start)
        return 0 <= offset < self.months

    @property
    def end(self) -> str:
        """The last month planned, ``YYYY-MM``."""
        return month_text(month_index(self.start) + self.months - 1)


class Seasonality(Model):
    """Monthly volume factors: 1 is the volume as the demand section gives it.

    ``monthly`` applies to every stream without its own entry in ``streams``. A month name
    (``feb``) applies every year; a ``YYYY-MM`` key overrides it for that month only (the
    Spring Festival moves). Months not named keep factor 1. A stream derived from another
    (``share_of``) follows its source's factors unless it has its own. Dated forecasts carry
    their own seasons: factors apply only to months a dated forecast does not cover.
    """

    monthly: dict[SeasonKey, Factor] = Field(
        default_factory=dict, description="Factors for every stream, by month."
    )
    streams: dict[Id, dict[SeasonKey, Factor]] = Field(
        default_factory=dict, description="Stream id -> its own factors, by month."
    )


class ClassSize(Model):
    """The heads one training class may take."""

    min: int = Field(1, ge=1, le=MAX_CLASS, description="Fewest heads a class starts with.")
    max: int | None = Field(
        None, ge=1, le=MAX_CLASS, description="Most heads a class takes; omitted: no limit."
    )

    @model_validator(mode="after")
    def _ordered(self) -> ClassSize:
        if self.max is not None and self.min > self.max:
            raise PydanticCustomError("band", _("'min' is larger than 'max'"))
        return self


class Workforce(Model):
    """How a workload post's heads move month by month. Keys left out take the default's.

    Attrition compounds: ``attrition_annual`` a is ``1 − (1 − a)^(1/12)`` a month (30% a
    year is 2.93% a month, not 2.5%). A class starts on the first of a month, hired
    ``recruit_lead_weeks`` after its requisition; it is paid but 0% productive for
    ``training_weeks``; from the month training ends its productivity follows ``ramp`` month
    by month, then 1. ``training_loss`` of a class leaves when its training ends.
    """

    attrition_annual: float | None = Field(
        None, ge=0, lt=1, description="Share of heads leaving a year (0.30), compounded monthly."
    )
    attrition_monthly: float | None = Field(
        None, ge=0, lt=1, description="Share of heads leaving a month (0.03)."
    )
    recruit_lead_weeks: float | None = Field(
        None, ge=0, le=MAX_WEEKS, description="Weeks from requisition to a class's start."
    )
    training_weeks: float | None = Field(
        None, ge=0, le=MAX_WEEKS, description="Weeks of classroom training: paid, 0% productive."
    )
    ramp: list[Productivity] | None = Field(
        None,
        max_length=24,
        description="Productivity in the 1st, 2nd … month after training, each in (0, 1]; then 1.",
    )
    training_loss: float | None = Field(
        None, ge=0, lt=1, description="Share of a class leaving before it is productive."
    )
    class_size: ClassSize | None = Field(None, description="Fewest and most heads per class.")
    classes_per_month: int | None = Field(
        None, ge=1, le=100, description="Classes that may start in one month."
    )

    @model_validator(mode="after")
    def _one_attrition(self) -> Workforce:
        if self.attrition_annual is not None and self.attrition_monthly is not None:
            raise PydanticCustomError(
                "attrition", _("give 'attrition_annual' or 'attrition_monthly', not both")
            )
        return self


class Capacity(Model):
    """A capacity plan month by month: ``ccorg capacity FILE``.

    ``workforce`` maps ``default`` (every workload post) and workload post ids (their own
    settings, key by key over the default) to how their heads move.
    """

    horizon: Horizon
    seasonality: Seasonality | None = Field(None, description="Monthly volume factors.")
    workforce: dict[Id, Workforce] = Field(
        default_factory=dict,
        description="'default' and workload post ids -> attrition, lead time, training …",
    )


def season_key_month(key: str) -> str | None:
    """The ``YYYY-MM`` of a dated seasonality key, None for a month name."""
    return key if re.match(MONTH_PATTERN, key) else None
