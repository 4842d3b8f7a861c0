"""From a config path to a plan: the steps every command shares, with errors located."""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.config.loader import SourceMap, YamlDocument, load_yaml, read_source
from ccorg.config.scenarios import apply_scenario
from ccorg.config.schema import Config
from ccorg.config.sources import SourceSpec, read_spec
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location, Problem
from ccorg.plan import Plan
from ccorg.staffing.headcount import HeadcountCycleError, build_plan


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and the source map that locates its parts."""

    config: Config
    source_map: SourceMap

    def locate_post(self, post_id: str) -> Location:
        paths = {post.id: path for path, _, post in self.config.located_posts()}
        return self.source_map.locate(paths[post_id])


def load_config(path: str, scenario: str | None = None) -> LoadedConfig:
    """Read, parse and validate the config at ``path`` (``-`` for standard input).

    With ``scenario``, that scenario of the file is overlaid on the base plan.
    """
    raw, display = read_source(path)
    return load_document(load_yaml(raw, display), scenario)


def load_spec(spec: SourceSpec) -> LoadedConfig:
    """Load the config a source spec names: a file or a git revision of one, maybe a scenario."""
    raw, display = read_spec(spec)
    return load_document(load_yaml(raw, display), spec.scenario)


def load_document(document: YamlDocument, scenario: str | None = None) -> LoadedConfig:
    """Validate a parsed document, with ``scenario`` overlaid when one is named.

    The base is validated first, so its own mistakes are reported as such; what is wrong only
    once the scenario is applied says so.
    """
    config = validate(document)
    if scenario is None:
        return LoadedConfig(config, document.source_map)
    overlaid = apply_scenario(document, config, scenario)
    try:
        return LoadedConfig(validate(overlaid), overlaid.source_map)
    except ConfigError as error:
        raise ConfigError(
            Problem(p.location, f"{p.message} (with scenario {scenario!r})", p.code)
            for p in error.problems
        ) from None


def plan_config(loaded: LoadedConfig) -> Plan:
    """Derive the plan of a loaded config, locating any loop among its rules."""
    try:
        return build_plan(loaded.config)
    except HeadcountCycleError as error:
        steps = [f"{post_id} (line {loaded.locate_post(post_id).line})" for post_id in error.cycle]
        raise ConfigError.at(
            loaded.locate_post(error.cycle[0]),
            "headcount rules loop: " + " -> ".join(steps),
            "cycle",
        ) from None


def plan_file(path: str, scenario: str | None = None) -> Plan:
    """The plan of the config at ``path``, with ``scenario`` overlaid when one is named."""
    return plan_config(load_config(path, scenario))
