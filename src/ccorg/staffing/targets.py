"""The words for a queue's targets: how a service level counts, and which target set the agents.

Shared by the plan's derivation steps and ``ccorg erlang``, so that both name a target alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ccorg.i18n import _
from ccorg.units import number


def definition_text(definition: str, short_abandon_seconds: float | None = None) -> str:
    """``share of offered``, ``share of answered``, ``excluding abandons within 5 s``."""
    if definition == "excluding_short_abandons":
        return _("excluding abandons within {seconds} s").format(
            seconds=number(short_abandon_seconds or 0, 2)
        )
    if definition == "answered":
        return _("share of answered")
    return _("share of offered")


@dataclass(frozen=True)
class Targets:
    """A queue's targets as written: the service level and the optional caps."""

    sl_target: float
    sl_seconds: float
    asa_seconds: float | None = None
    max_occupancy: float | None = None
    max_abandon_rate: float | None = None

    def describe(self, target: str) -> str:
        """One target in words: ``service level 80/20``, ``occupancy ≤ 85%``, ``floor``."""
        if target == "service_level":
            return _("service level {target}/{seconds}").format(
                target=number(self.sl_target * 100, 2), seconds=number(self.sl_seconds, 2)
            )
        if target == "asa":
            return _("ASA ≤ {seconds} s").format(seconds=number(self.asa_seconds or 0, 2))
        if target == "occupancy":
            return _("occupancy ≤ {share}").format(
                share=f"{number((self.max_occupancy or 0) * 100, 2)}%"
            )
        if target == "abandonment":
            return _("abandonment ≤ {share}").format(
                share=f"{number((self.max_abandon_rate or 0) * 100, 2)}%"
            )
        return _("the floor of agents on duty")


def binding_text(
    target: str | None, agents_by_target: Mapping[str, float], targets: Targets
) -> str:
    """``set by occupancy ≤ 85% (service level alone needs 43)``; empty when nothing binds."""
    if target is None:
        return ""
    text = _("set by {target}").format(target=targets.describe(target))
    # Beside it, what the service level alone needs, or the next target when it binds.
    if target != "service_level":
        other = "service_level"
    else:
        rest = {name: agents for name, agents in agents_by_target.items() if name != target}
        if not rest:
            return text
        other = max(rest, key=rest.__getitem__)
    if other in agents_by_target:
        alone = number(agents_by_target[other], 1)
        label = _("service level") if other == "service_level" else targets.describe(other)
        text += _(" ({target} alone needs {agents})").format(target=label, agents=alone)
    return text
