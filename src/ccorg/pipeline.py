"""From a config path to a plan: the steps every command shares, with errors located."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ccorg.config.forecasts import read_forecasts
from ccorg.config.loader import SourceMap, load_yaml, read_source
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location
from ccorg.plan import Plan
from ccorg.staffing.errors import StreamError
from ccorg.staffing.headcount import HeadcountCycleError, build_plan


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and the source map that locates its parts."""

    config: Config
    source_map: SourceMap
    forecasts: Mapping[str, Any] = field(default_factory=dict)
    """The per-interval volume of each stream whose volume is a forecast file, by stream id."""

    def locate_post(self, post_id: str) -> Location:
        paths = {post.id: path for path, _, post in self.config.located_posts()}
        return self.source_map.locate(paths[post_id])

    def locate_stream(self, stream_id: str, inside: tuple[str | int, ...] = ()) -> Location:
        streams = self.config.demand.streams if self.config.demand else []
        index = next(i for i, stream in enumerate(streams) if stream.id == stream_id)
        return self.source_map.locate(("demand", "streams", index, *inside))


def load_config(path: str) -> LoadedConfig:
    """Read, parse and validate the config at ``path`` (``-`` for standard input)."""
    raw, display = read_source(path)
    document = load_yaml(raw, display)
    config = validate(document)
    forecasts = read_forecasts(config, path, document.source_map)
    return LoadedConfig(config, document.source_map, forecasts)


def plan_config(loaded: LoadedConfig) -> Plan:
    """Derive the plan of a loaded config, locating any loop among its rules and any stream
    whose demand cannot be planned."""
    try:
        return build_plan(loaded.config, loaded.forecasts)
    except StreamError as error:
        raise ConfigError.at(
            loaded.locate_stream(error.stream_id, error.field), str(error), "value"
        ) from None
    except HeadcountCycleError as error:
        steps = [f"{post_id} (line {loaded.locate_post(post_id).line})" for post_id in error.cycle]
        raise ConfigError.at(
            loaded.locate_post(error.cycle[0]),
            "headcount rules loop: " + " -> ".join(steps),
            "cycle",
        ) from None


def plan_file(path: str) -> Plan:
    """The plan of the config at ``path``."""
    return plan_config(load_config(path))
