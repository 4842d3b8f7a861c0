"""``occupancy-cap``: streams planned to keep agents busier than people can last."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.i18n import _
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


class OccupancyCapOptions(PolicyOptions):
    """Options of the ``occupancy-cap`` rule."""

    max: float = Field(0.9, gt=0, le=1, description="Highest occupancy cap a stream may plan for.")


def occupancy_cap(subject: Subject, options: OccupancyCapOptions) -> Iterator[Hit]:
    """Occupancy cap above 0.90.

    Occupancy is the share of logged-in time agents spend on contacts. A stream whose
    `max_occupancy` lets it run above `max` leaves no breath between contacts: 85% is the
    usual cap, 85–90% a pressure zone, and above 90% agents burn out and leave. Judges the
    queued streams (voice, chat). Deferred and outbound work (default cap 0.85 too) is left
    alone: work that waits or a dialer that paces may be planned up to 1.
    """
    for cap in subject.demand.occupancy_caps:
        if cap.value > options.max:
            yield Hit(
                cap.path,
                _("{owner} caps occupancy at {cap}, above {max}; agents this busy burn out").format(
                    owner=cap.owner, cap=number(cap.value), max=number(options.max)
                ),
            )


RULE = PolicyRule("occupancy-cap", Severity.WARNING, OccupancyCapOptions, occupancy_cap)
