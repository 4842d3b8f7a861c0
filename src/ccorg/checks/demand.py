"""The demand figures three policy rules judge, gathered with where the config sets them.

- occupancy caps and service levels of the queued streams (`channel: voice` or `chat`) under
  `demand.streams`: deferred and outbound work waits for an agent, so its occupancy may run
  to 1 and it has no service level;
- shrinkages: the config's `shrinkage`, and each workload rule's own `shrinkage`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.config.loader import DataPath
from ccorg.config.schema import ChatStream, Config, VoiceStream, WorkloadRule
from ccorg.i18n import _


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
    """The occupancy caps, shrinkages and service targets a config declares."""

    occupancy_caps: tuple[Figure, ...] = ()
    shrinkages: tuple[Figure, ...] = ()
    service_targets: tuple[ServiceTarget, ...] = ()


def demand_facts(config: Config) -> DemandFacts:
    """The figures of ``config``; empty for a config without demand or shrinkage."""
    shrinkages: list[Figure] = []
    if config.shrinkage is not None:
        shrinkages.append(Figure(_("the config"), config.shrinkage.total, ("shrinkage",)))
    for path, _department, post in config.located_posts():
        if isinstance(post.rule, WorkloadRule) and post.rule.shrinkage is not None:
            shrinkages.append(
                Figure(
                    _("post {post!r}").format(post=post.id),
                    post.rule.shrinkage.total,
                    (*path, "rule", "shrinkage"),
                )
            )
    caps: list[Figure] = []
    targets: list[ServiceTarget] = []
    for index, stream in enumerate(config.demand.streams if config.demand else ()):
        if not isinstance(stream, VoiceStream | ChatStream):
            continue
        owner = _("stream {stream!r}").format(stream=stream.id)
        path: DataPath = ("demand", "streams", index)
        caps.append(Figure(owner, stream.max_occupancy, (*path, "max_occupancy")))
        level = stream.service_level
        targets.append(ServiceTarget(owner, level.target, level.seconds, (*path, "service_level")))
    return DemandFacts(tuple(caps), tuple(shrinkages), tuple(targets))
