"""``shrinkage-band``: shrinkage figures no real center has."""

from __future__ import annotations

from collections.abc import Iterator

from ccorg.checks.findings import Severity
from ccorg.checks.registry import Hit, PolicyRule
from ccorg.checks.subject import Subject
from ccorg.config.schema import ShrinkageBandOptions
from ccorg.units import number


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
        side = "below" if shrinkage.value < options.min else "above"
        yield Hit(
            shrinkage.path,
            f"shrinkage of {shrinkage.owner} is {number(shrinkage.value, 3)}, "
            f"{side} the band {band}",
        )


RULE = PolicyRule("shrinkage-band", Severity.WARNING, ShrinkageBandOptions, shrinkage_band)
