"""``occupancy-cap``: streams planned to keep agents busier than people can last."""

from __future__ import annotations

from collections.abc import Iterator

from ccorg.checks.findings import Severity
from ccorg.checks.registry import Hit, PolicyRule
from ccorg.checks.subject import Subject
from ccorg.config.schema import OccupancyCapOptions
from ccorg.units import number


def occupancy_cap(subject: Subject, options: OccupancyCapOptions) -> Iterator[Hit]:
    """Occupancy cap above 0.90.

    Occupancy is the share of logged-in time agents spend on contacts. A stream whose
    `max_occupancy` lets it run above `max` leaves no breath between contacts: 85% is the
    usual cap, 85–90% a pressure zone, and above 90% agents burn out and leave. Judges the
    queued streams (voice, chat): deferred and outbound work waits, so it may run to 1.
    """
    for cap in subject.demand.occupancy_caps:
        if cap.value > options.max:
            yield Hit(
                cap.path,
                f"{cap.owner} caps occupancy at {number(cap.value)}, above "
                f"{number(options.max)}; agents this busy burn out",
            )


RULE = PolicyRule("occupancy-cap", Severity.WARNING, OccupancyCapOptions, occupancy_cap)
