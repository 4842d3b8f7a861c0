"""From a config path to a plan: the steps every command shares, with errors located."""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.config.loader import DataPath, SourceMap, load_yaml, read_source
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location
from ccorg.plan import Plan
from ccorg.staffing.headcount import HeadcountCycleError, HeadcountRangeError, build_plan


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and the source map that locates its parts."""

    config: Config
    source_map: SourceMap

    def post_path(self, post_id: str) -> DataPath:
        return next(path for path, _, post in self.config.located_posts() if post.id == post_id)

    def locate_post(self, post_id: str) -> Location:
        return self.source_map.locate(self.post_path(post_id))


def load_config(path: str) -> LoadedConfig:
    """Read, parse and validate the config at ``path`` (``-`` for standard input)."""
    raw, display = read_source(path)
    document = load_yaml(raw, display)
    return LoadedConfig(validate(document), document.source_map)


def plan_config(loaded: LoadedConfig) -> Plan:
    """Derive the plan of a loaded config, locating any loop or runaway number in its rules."""
    try:
        return build_plan(loaded.config)
    except HeadcountCycleError as error:
        steps = [f"{post_id} (line {loaded.locate_post(post_id).line})" for post_id in error.cycle]
        raise ConfigError.at(
            loaded.locate_post(error.cycle[0]),
            "headcount rules loop: " + " -> ".join(steps),
            "cycle",
        ) from None
    except HeadcountRangeError as error:
        location = loaded.source_map.locate((*loaded.post_path(error.post_id), "rule"))
        raise ConfigError.at(location, f"{error}; check its ratio", "value") from None


def plan_file(path: str) -> Plan:
    """The plan of the config at ``path``."""
    return plan_config(load_config(path))
