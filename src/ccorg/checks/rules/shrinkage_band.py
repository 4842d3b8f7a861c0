"""``shrinkage-band``: shrinkage figures no real center has."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule, ordered_band
from ccorg.i18n import _
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


class ShrinkageBandOptions(PolicyOptions):
    """Options of the ``shrinkage-band`` rule."""

    min: float = Field(0.15, ge=0, lt=1, description="Lowest believable shrinkage.")
    max: float = Field(0.5, ge=0, lt=1, description="Highest believable shrinkage.")

    @model_validator(mode="after")
    def _band(self) -> ShrinkageBandOptions:
        ordered_band(self.min, self.max)
        return self


def shrinkage_band(subject: Subject, options: ShrinkageBandOptions) -> Iterator[Hit]:
    """Shrinkage outside 0.15–0.50.

    Shrinkage is the share of paid time in which agents cannot take contacts: leave,
    sickness, training, meetings, breaks. Below `min` the plan forgets ordinary absence and
    the floor runs short; above `max` more than half the paid time is lost, which usually
    means a cause was counted twice. Outsourcers run at 20–30%, in-house centers at
    30–50%. Judges the config's `shrinkage` and each workload rule's own.
    """
    band = f"{number(options.min)}–{number(options.max)}"
    for shrinkage in subject.demand.shrinkages:
        if options.min <= shrinkage.value <= options.max:
            continue
        if shrinkage.value < options.min:
            template = _("shrinkage of {owner} is {value}, below the band {band}")
        else:
            template = _("shrinkage of {owner} is {value}, above the band {band}")
        yield Hit(
            shrinkage.path,
            template.format(owner=shrinkage.owner, value=number(shrinkage.value, 3), band=band),
        )


RULE = PolicyRule("shrinkage-band", Severity.WARNING, ShrinkageBandOptions, shrinkage_band)
