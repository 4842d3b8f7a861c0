"""The demand figures three policy rules judge, read from ``config.demand``.

This is the only module that knows the demand section's shape. It reads, by attribute:

- ``config.demand``: absent or None -> the demand rules stay silent;
- ``config.demand.streams``: a sequence; each stream has ``id`` and may have
  ``max_occupancy`` (a fraction), ``service_level`` (with ``target``, a fraction, and
  ``seconds``) and ``shrinkage``;
- ``config.demand.shrinkage``: the center-wide shrinkage.

A shrinkage is a fraction, or an object whose ``total`` is one (a breakdown by cause).
Data paths follow the attribute names: ``demand.streams[i].max_occupancy`` and so on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccorg.config.loader import DataPath


@dataclass(frozen=True)
class Figure:
    """One demand number, what it belongs to, and where the config sets it."""

    owner: str
    value: float
    path: DataPath


@dataclass(frozen=True)
class ServiceTarget:
    """A stream's service level: ``target`` of contacts answered within ``seconds``."""

    owner: str
    target: float
    seconds: float
    path: DataPath


@dataclass(frozen=True)
class DemandFacts:
    """The occupancy caps, shrinkages and service targets a config's demand declares."""

    occupancy_caps: tuple[Figure, ...] = ()
    shrinkages: tuple[Figure, ...] = ()
    service_targets: tuple[ServiceTarget, ...] = ()


def demand_facts(config: Any) -> DemandFacts | None:
    """The figures of ``config.demand``, or None when the config has no demand section."""
    demand = getattr(config, "demand", None)
    if demand is None:
        return None
    caps: list[Figure] = []
    shrinkages: list[Figure] = []
    targets: list[ServiceTarget] = []
    center_shrinkage = _total(getattr(demand, "shrinkage", None))
    if center_shrinkage is not None:
        shrinkages.append(Figure("the center", center_shrinkage, ("demand", "shrinkage")))
    for index, stream in enumerate(getattr(demand, "streams", None) or ()):
        owner = f"stream {stream.id!r}"
        path: DataPath = ("demand", "streams", index)
        cap = getattr(stream, "max_occupancy", None)
        if cap is not None:
            caps.append(Figure(owner, float(cap), (*path, "max_occupancy")))
        shrinkage = _total(getattr(stream, "shrinkage", None))
        if shrinkage is not None:
            shrinkages.append(Figure(owner, shrinkage, (*path, "shrinkage")))
        level = getattr(stream, "service_level", None)
        if level is not None:
            targets.append(
                ServiceTarget(
                    owner, float(level.target), float(level.seconds), (*path, "service_level")
                )
            )
    return DemandFacts(tuple(caps), tuple(shrinkages), tuple(targets))


def _total(shrinkage: Any) -> float | None:
    if shrinkage is None:
        return None
    if isinstance(shrinkage, int | float):
        return float(shrinkage)
    return float(shrinkage.total)
