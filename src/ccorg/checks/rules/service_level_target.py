"""``service-level-target``: service levels that buy little and cost a lot."""

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


class ServiceLevelTargetOptions(PolicyOptions):
    """Options of the ``service-level-target`` rule."""

    max_target: float = Field(
        0.95, gt=0, le=1, description="Highest share of contacts answered in time."
    )
    min_seconds: float = Field(
        10, ge=0, le=86_400, description="Shortest answer time, in seconds, with that share."
    )


def service_level_target(subject: Subject, options: ServiceLevelTargetOptions) -> Iterator[Hit]:
    """A service-level target beyond reason: above 95% within under 10 s.

    A target answers a share of contacts (`target`) within a time (`seconds`). Each point
    near 100% costs more agents than the one before, and under 10 s a call has barely been
    routed; a stream asking for more than `max_target` within fewer than `min_seconds`
    staffs for a promise no caller notices. Common voice targets are 80% in 20 s; credit
    card centers aim for 90% in 20 s. Judges the queued streams (voice, chat).
    """
    for level in subject.demand.service_targets:
        if level.target > options.max_target and level.seconds < options.min_seconds:
            yield Hit(
                level.path,
                _(
                    "{owner} targets {target}% within {seconds} s: above {max_target}% "
                    "within under {min_seconds} s is beyond reason"
                ).format(
                    owner=level.owner,
                    target=number(level.target * 100, 1),
                    seconds=number(level.seconds),
                    max_target=number(options.max_target * 100, 1),
                    min_seconds=number(options.min_seconds),
                ),
            )


RULE = PolicyRule(
    "service-level-target", Severity.WARNING, ServiceLevelTargetOptions, service_level_target
)
