"""From a config path to a plan: the steps every command shares, with errors located."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ccorg.config.forecasts import read_forecasts
from ccorg.config.loader import DataPath, SourceMap, YamlDocument, load_yaml, read_source
from ccorg.config.scenarios import apply_scenario
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location, Problem
from ccorg.plan import Plan
from ccorg.staffing.errors import InfeasibleScheduleError, ShiftError, StreamError
from ccorg.staffing.headcount import HeadcountCycleError, HeadcountRangeError, build_plan

if TYPE_CHECKING:
    from ccorg.config.sources import SourceSpec
    from ccorg.staffing.shifts import ShiftPlan


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and the source map that locates its parts."""

    config: Config
    source_map: SourceMap
    forecasts: Mapping[str, Any] = field(default_factory=dict)
    """The per-interval volume of each stream whose volume is a forecast file, by stream id."""

    def post_path(self, post_id: str) -> DataPath:
        return next(path for path, _, post in self.config.located_posts() if post.id == post_id)

    def locate_post(self, post_id: str) -> Location:
        return self.source_map.locate(self.post_path(post_id))

    def locate_stream(self, stream_id: str, inside: tuple[str | int, ...] = ()) -> Location:
        streams = self.config.demand.streams if self.config.demand else []
        index = next(i for i, stream in enumerate(streams) if stream.id == stream_id)
        return self.source_map.locate(("demand", "streams", index, *inside))


def load_config(path: str, scenario: str | None = None) -> LoadedConfig:
    """Read, parse and validate the config at ``path`` (``-`` for standard input).

    With ``scenario``, that scenario of the file is overlaid on the base plan.
    """
    raw, display = read_source(path)
    return load_document(load_yaml(raw, display), scenario, path)


def load_spec(spec: SourceSpec, source: tuple[bytes, str] | None = None) -> LoadedConfig:
    """Load the config a source spec names: a file or a git revision of one, maybe a scenario.

    ``source`` is the config's bytes and display name when already read (standard input can
    be read only once). Forecast files named by its streams are read from the working tree,
    beside ``spec.path``.
    """
    # Imported here: only `ccorg diff` reads specs (and git), every command loads configs.
    from ccorg.config.sources import read_spec

    raw, display = source or read_spec(spec)
    return load_document(load_yaml(raw, display), spec.scenario, spec.path)


def load_document(
    document: YamlDocument, scenario: str | None = None, path: str = "-"
) -> LoadedConfig:
    """Validate a parsed document, with ``scenario`` overlaid when one is named, and read the
    forecast files its streams name (relative to ``path``; ``-``: the working directory).

    The base is validated first, so its own mistakes are reported as such; what is wrong only
    once the scenario is applied says so.
    """
    config = validate(document)
    if scenario is None:
        return LoadedConfig(
            config, document.source_map, read_forecasts(config, path, document.source_map)
        )
    overlaid = apply_scenario(document, config, scenario)
    try:
        config = validate(overlaid)
        forecasts = read_forecasts(config, path, overlaid.source_map)
    except ConfigError as error:
        raise ConfigError(
            Problem(p.location, f"{p.message} (with scenario {scenario!r})", p.code)
            for p in error.problems
        ) from None
    return LoadedConfig(config, overlaid.source_map, forecasts)


def plan_config(loaded: LoadedConfig) -> Plan:
    """Derive the plan of a loaded config, locating any loop or runaway number among its
    rules and any stream whose demand cannot be planned."""
    try:
        return build_plan(loaded.config, loaded.forecasts)
    except StreamError as error:
        raise ConfigError.at(
            loaded.locate_stream(error.stream_id, error.field), str(error), "value"
        ) from None
    except (ShiftError, InfeasibleScheduleError) as error:
        raise shift_config_error(loaded, error) from None
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


def shift_config_error(
    loaded: LoadedConfig, error: ShiftError | InfeasibleScheduleError
) -> ConfigError:
    """A shift rule that cannot be laid on the grid, located at it; a post whose requirement
    no plan covers, located at its rule's shifts."""
    if isinstance(error, ShiftError):
        location = loaded.source_map.locate(("shifts", *error.field))
        return ConfigError.at(location, str(error), "value")
    path: DataPath = (*loaded.post_path(error.post_id), "rule")
    rule = next(p.rule for _, _, p in loaded.config.located_posts() if p.id == error.post_id)
    if getattr(rule, "shifts", None):
        path = (*path, "shifts")
    return ConfigError.at(loaded.source_map.locate(path), str(error), "value")


def plan_file(path: str, scenario: str | None = None) -> Plan:
    """The plan of the config at ``path``, with ``scenario`` overlaid when one is named."""
    return plan_config(load_config(path, scenario))


def schedule_config(
    loaded: LoadedConfig, post_ids: Sequence[str], time_limit: float | None = None
) -> tuple[ShiftPlan, ...]:
    """The optimal shift plan of each workload post in ``post_ids``, in that order, with every
    error located: demand that cannot be planned, shift rules that cannot be laid on the
    grid, a requirement no plan covers. ``time_limit`` (seconds per post) defaults to the
    config's ``shifts.time_limit_seconds``.
    """
    from ccorg.staffing.shifts import schedule_post
    from ccorg.staffing.workload import plan_streams

    config = loaded.config
    if config.shifts is None or config.demand is None:
        raise ConfigError.at(
            Location(loaded.source_map.path),
            "the config has no 'shifts' section (or no 'demand') to schedule",
            "value",
        )
    posts = {post.id: post for _, _, post in config.located_posts()}
    try:
        streams = plan_streams(config, {}, loaded.forecasts)
        return tuple(
            schedule_post(posts[post_id], streams, config.shifts, time_limit)
            for post_id in post_ids
        )
    except StreamError as error:
        raise ConfigError.at(
            loaded.locate_stream(error.stream_id, error.field), str(error), "value"
        ) from None
    except (ShiftError, InfeasibleScheduleError) as error:
        raise shift_config_error(loaded, error) from None
