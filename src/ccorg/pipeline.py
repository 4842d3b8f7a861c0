"""From a config path to a plan: the steps every command shares, with errors located."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from ccorg.config.forecasts import read_forecast_files
from ccorg.config.loader import DataPath, SourceMap, YamlDocument, load_yaml, read_source
from ccorg.config.scenarios import apply_scenario
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, Location, Problem, UsageError
from ccorg.i18n import _
from ccorg.limits import MAX_COMPARE_SOLVE_SECONDS
from ccorg.plan import Plan
from ccorg.staffing.errors import (
    InfeasibleScheduleError,
    ScheduleBudgetError,
    ShiftError,
    StreamError,
)
from ccorg.staffing.headcount import HeadcountCycleError, HeadcountRangeError, build_plan

if TYPE_CHECKING:
    from ccorg.capacity_diff import CapacityDiff
    from ccorg.checks.findings import Finding
    from ccorg.compare import Comparison
    from ccorg.config.capacity import Horizon
    from ccorg.config.sources import SourceSpec
    from ccorg.diff import Diff
    from ccorg.staffing.capacity import CapacityPlan, Variant
    from ccorg.staffing.plan_cache import PlanCache
    from ccorg.staffing.shifts import ShiftPlan
    from ccorg.staffing.solver_budget import SolverBudget


# Steps of a headcount loop a message shows: its start, and the way back to it.
_LOOP_SHOWN = 12


@dataclass(frozen=True)
class LoadedConfig:
    """A validated config and the source map that locates its parts."""

    config: Config
    source_map: SourceMap
    forecasts: Mapping[str, Any] = field(default_factory=dict)
    """The per-interval volume of each stream whose volume is a forecast file, by stream id."""
    series: Mapping[str, Any] = field(default_factory=dict)
    """The days of each stream whose forecast is dated (``DatedSeries``), by stream id."""

    @cached_property
    def _post_paths(self) -> dict[str, DataPath]:
        # Built once: a loop through 6,000 posts is located post by post.
        return {post.id: path for path, _, post in self.config.located_posts()}

    def post_path(self, post_id: str) -> DataPath:
        return self._post_paths[post_id]

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
    weeks, series = read_forecast_files(config, path, document.source_map)
    base = LoadedConfig(config, document.source_map, weeks, series)
    return base if scenario is None else load_scenario(document, base, scenario, path)


def load_scenario(
    document: YamlDocument, base: LoadedConfig, scenario: str, path: str = "-"
) -> LoadedConfig:
    """Scenario ``scenario`` of ``document``, whose base ``base`` is loaded already.

    ``check``, ``compare`` and ``capacity`` load the base once for all its scenarios: it is
    not validated again, and its forecast files are not read again unless the scenario
    changes which files its streams read.
    """
    overlaid = apply_scenario(document, base.config, scenario)
    try:
        config = validate(overlaid, (document.data, base.config))
        weeks, series = base.forecasts, base.series
        if _forecast_inputs(config) != _forecast_inputs(base.config):
            weeks, series = read_forecast_files(config, path, overlaid.source_map)
    except ConfigError as error:
        raise in_scenario(error, scenario) from None
    return LoadedConfig(config, overlaid.source_map, weeks, series)


def plan_config(
    loaded: LoadedConfig, cache: PlanCache | None = None, budget: SolverBudget | None = None
) -> Plan:
    """Derive the plan of a loaded config, locating any loop or runaway number among its
    rules and any stream whose demand cannot be planned (``cache``, ``budget``: see
    ``build_plan``)."""
    with located_errors(loaded):
        return build_plan(loaded.config, loaded.forecasts, cache, budget)


@contextmanager
def located_errors(loaded: LoadedConfig) -> Iterator[None]:
    """Turn the errors of deriving numbers from ``loaded`` into located config errors."""
    try:
        yield
    except StreamError as error:
        raise ConfigError.at(
            loaded.locate_stream(error.stream_id, error.field), str(error), "value"
        ) from None
    except ShiftError as error:
        location = loaded.source_map.locate(("shifts", *error.field))
        raise ConfigError.at(location, str(error), "value") from None
    except ScheduleBudgetError as error:
        # At `schedule_fit: auto`: a fixed allowance there is the way out.
        path = (*loaded.post_path(error.post_id), "rule", "schedule_fit")
        raise ConfigError.at(loaded.source_map.locate(path), str(error), "value") from None
    except InfeasibleScheduleError as error:
        # At the templates the post works when it names them: those are what fall short.
        path: DataPath = (*loaded.post_path(error.post_id), "rule")
        rule = next(p.rule for _, _, p in loaded.config.located_posts() if p.id == error.post_id)
        if getattr(rule, "shifts", None):
            path = (*path, "shifts")
        raise ConfigError.at(loaded.source_map.locate(path), str(error), "value") from None
    except HeadcountCycleError as error:
        step = _("{post} (line {line})")
        steps = [step.format(post=p, line=loaded.locate_post(p).line) for p in error.cycle]
        if len(steps) > _LOOP_SHOWN:  # the start of the loop, and its way back
            hidden = _("… {count} more …").format(count=f"{len(steps) - _LOOP_SHOWN:,}")
            steps = [*steps[: _LOOP_SHOWN - 2], hidden, *steps[-2:]]
        raise ConfigError.at(
            loaded.locate_post(error.cycle[0]),
            _("headcount rules loop: {steps}").format(steps=" -> ".join(steps)),
            "cycle",
        ) from None
    except HeadcountRangeError as error:
        location = loaded.source_map.locate((*loaded.post_path(error.post_id), "rule"))
        message = _("{error}; check its ratio").format(error=error)
        raise ConfigError.at(location, message, "value") from None


def plan_file(path: str, scenario: str | None = None) -> Plan:
    """The plan of the config at ``path``, with ``scenario`` overlaid when one is named."""
    return plan_config(load_config(path, scenario))


def schedule_config(
    loaded: LoadedConfig, post_ids: Sequence[str], time_limit: float | None = None
) -> tuple[ShiftPlan, ...]:
    """The optimal shift plan of each workload post in ``post_ids``, in that order, with every
    error located: demand that cannot be planned, shift rules that cannot be laid on the
    grid, a requirement no plan covers. ``time_limit`` (seconds per post) defaults to the
    config's ``shifts.time_limit_seconds``. Each plan's ``coverage`` is the agents a week of
    those shifts puts on the phones, interval by interval.
    """
    from ccorg.staffing.shifts import schedule_post
    from ccorg.staffing.workload import plan_streams

    config = loaded.config
    if config.shifts is None or config.demand is None:
        raise ConfigError.at(
            loaded.source_map.locate(()),
            _(
                "the config has no 'shifts' section (or no 'demand') to schedule; see the "
                "README, ccorg schedule"
            ),
            "value",
        )
    posts = {post.id: post for _, _, post in config.located_posts()}
    with located_errors(loaded):
        streams = plan_streams(config, {}, loaded.forecasts)
        return tuple(
            schedule_post(posts[post_id], streams, config.shifts, time_limit)
            for post_id in post_ids
        )


def compare_file(
    path: str,
    scenarios: Sequence[str] | None = None,
    ranges: Sequence[str] = (),
    scenario: str | None = None,
) -> Comparison:
    """Plan the config at ``path`` several ways in one pass, for ``ccorg compare``.

    Side by side: the base and each of ``scenarios`` (all of the file's when None). With
    ``ranges`` (``PATH=FROM:TO:STEP``): the base (or ``scenario``) and every variant of the
    grid they span. The file is read and parsed once; forecasts and solved streams are shared
    by the plans whose inputs are the same.
    """
    from ccorg.compare import Column, Comparison
    from ccorg.config.variation import apply_values, parse_range, variant_values
    from ccorg.staffing.plan_cache import PlanCache
    from ccorg.staffing.solver_budget import BudgetSpentError, SolverBudget

    raw, display = read_source(path)
    document = load_yaml(raw, display)
    cache = PlanCache()
    base = load_document(document, None, path)

    # Every plan's shift solves share one budget: ten thousand variants that each change the
    # demand would otherwise take ten thousand solver limits.
    budget = SolverBudget(MAX_COMPARE_SOLVE_SECONDS, exact=True)

    def column(column_id: str, loaded: LoadedConfig, values: tuple[float, ...] = ()) -> Column:
        try:
            return Column(column_id, plan_config(loaded, cache, budget), values)
        except BudgetSpentError as error:
            raise UsageError(
                _(
                    "the shift plans of this comparison took the {seconds:g} s it may solve "
                    "for (the limit of a comparison), at {column!r}, post {post!r}; compare "
                    "fewer variants, or give the post a fixed schedule_fit"
                ).format(seconds=error.seconds, column=column_id, post=error.post_id)
            ) from None

    if not ranges:
        names = list(base.config.scenarios) if scenarios is None else list(scenarios)
        columns = [column("base", base)]
        columns += [column(name, load_scenario(document, base, name, path)) for name in names]
        return Comparison(display, tuple(columns))
    if scenario is not None:
        document, base = (
            apply_scenario(document, base.config, scenario),
            load_scenario(document, base, scenario, path),
        )
    parsed = tuple(parse_range(text, document.data, display) for text in ranges)
    columns = [column(scenario or "base", base)]
    for number, values in enumerate(variant_values(parsed), start=1):
        varied = apply_values(document, parsed, values)
        label = ", ".join(f"{r.name}={_value_text(v)}" for r, v in zip(parsed, values, strict=True))
        try:
            config = validate(varied, (document.data, base.config))
        except ConfigError as error:
            raise _in_context(error, _("with --vary {label}").format(label=label)) from None
        forecasts, series = base.forecasts, base.series
        if _forecast_inputs(config) != _forecast_inputs(base.config):
            forecasts, series = read_forecast_files(config, path, varied.source_map)
        loaded = LoadedConfig(config, varied.source_map, forecasts, series)
        try:
            columns.append(column(f"v{number}", loaded, values))
        except ConfigError as error:
            raise _in_context(error, _("with --vary {label}").format(label=label)) from None
    return Comparison(display, tuple(columns), parsed)


def _in_context(error: ConfigError, context: str) -> ConfigError:
    """The same problems, each saying the overlay under which it arose."""
    within = _("{message} ({context})")
    return ConfigError(
        Problem(p.location, within.format(message=p.message, context=context), p.code)
        for p in error.problems
    )


def _scenario_context(scenario: str) -> str:
    return _("with scenario {scenario}").format(scenario=repr(scenario))


def in_scenario(error: ConfigError, scenario: str) -> ConfigError:
    """The same problems, each saying that it arose with ``scenario`` overlaid (``check``
    plans every scenario of a file, and must say which one a plan error is in)."""
    return _in_context(error, _scenario_context(scenario))


def _forecast_inputs(config: Config) -> object:
    """What the forecasts read depend on: the interval and each stream's forecast file."""
    if config.demand is None:
        return None
    files = {s.id: s.volume.forecast for s in config.demand.streams if s.volume.forecast}
    return config.demand.interval_minutes, files


def _value_text(value: float) -> str:
    return f"{value:g}"


def compare_sources(
    old: str,
    new: str,
    check_after: Callable[[LoadedConfig, Plan], Iterable[Finding]] | None = None,
) -> Diff:
    """The diff between the plans two source specs name; both sides' config errors at once.

    With ``check_after`` (``checks.policies.run_policies``), the diff also carries what it
    finds in the after side, so a pull-request comment can say whether the change passes.
    """
    # Imported here: only `ccorg diff` reads specs (and git) and diffs.
    from ccorg.diff import diff_plans

    def side(spec: SourceSpec, source: tuple[bytes, str]) -> tuple[LoadedConfig, Plan]:
        loaded = load_spec(spec, source)
        return loaded, plan_config(loaded)

    (old_spec, (_, before)), (new_spec, (after_loaded, after)) = _both_sides(old, new, side)
    diff = diff_plans(before, after, str(old_spec), str(new_spec))
    if check_after is None:
        return diff
    return replace(diff, after_findings=tuple(check_after(after_loaded, after)))


Result = TypeVar("Result")


def _both_sides(
    old: str, new: str, build: Callable[[SourceSpec, tuple[bytes, str]], Result]
) -> list[tuple[SourceSpec, Result]]:
    """Each of two source specs with what ``build`` makes of its bytes; the config errors of
    both sides reported at once."""
    from ccorg.config.sources import parse_source_spec, read_spec

    specs = parse_source_spec(old), parse_source_spec(new)
    built: list[tuple[SourceSpec, Result]] = []
    problems: list[Problem] = []
    # Each source is read once, so `ccorg diff - -@lean < bank.yaml` compares standard input
    # with its own scenario instead of reading an exhausted stream the second time.
    sources: dict[tuple[str | None, str], tuple[bytes, str]] = {}
    for spec in specs:
        where = (spec.revision, spec.path)
        if where not in sources:
            sources[where] = read_spec(spec)
        try:
            built.append((spec, build(spec, sources[where])))
        except ConfigError as error:
            problems.extend(error.problems)
    if problems:
        raise ConfigError(problems)
    return built


def capacity_file(path: str, scenario: str | None = None) -> CapacityPlan:
    """The capacity plan of the config at ``path``; with ``scenario``, that scenario from its
    ``effective`` month on (from the first month if it has none)."""
    raw, display = read_source(path)
    return _capacity(load_yaml(raw, display), path, scenario).plan


def capacity_sources(old: str, new: str) -> CapacityDiff:
    """The difference between the capacity plans two source specs name (``PATH``,
    ``REV:PATH``, either ``@SCENARIO``: the scenario from its ``effective`` month on).

    Both sides' config errors at once; two horizons that differ are an error located at each.
    """
    from ccorg.capacity_diff import diff_capacity

    def side(spec: SourceSpec, source: tuple[bytes, str]) -> _CapacitySide:
        return _capacity(load_yaml(*source), spec.path, spec.scenario)

    (old_spec, before), (new_spec, after) = _both_sides(old, new, side)
    old_horizon, new_horizon = (s.variants[0].config.capacity for s in (before, after))
    assert old_horizon is not None and new_horizon is not None
    if old_horizon.horizon != new_horizon.horizon:
        raise ConfigError(
            Problem(
                each.loaded.source_map.locate(("capacity", "horizon")),
                f"the horizon is {_horizon_text(mine.horizon)}, {other_label}'s is "
                f"{_horizon_text(theirs.horizon)}; a capacity diff compares the same months, "
                "so give both the same capacity.horizon",
                "value",
            )
            for each, mine, theirs, other_label in (
                (before, old_horizon, new_horizon, new_spec),
                (after, new_horizon, old_horizon, old_spec),
            )
        )
    return diff_capacity(
        before.plan, after.plan, before.variants, after.variants, str(old_spec), str(new_spec)
    )


def _horizon_text(horizon: Horizon) -> str:
    return f"{horizon.start} – {horizon.end} ({horizon.months} months)"


@dataclass(frozen=True)
class _CapacitySide:
    """A capacity plan with the configs it draws its months from, and the base as loaded."""

    plan: CapacityPlan
    variants: tuple[Variant, ...]
    loaded: LoadedConfig


def _capacity(document: YamlDocument, path: str, scenario: str | None) -> _CapacitySide:
    from ccorg.staffing.capacity import Variant, build_capacity
    from ccorg.staffing.plan_cache import PlanCache

    loaded = [load_document(document, None, path)]
    base = loaded[0].config
    if base.capacity is None:
        raise ConfigError.at(
            loaded[0].source_map.locate(()),
            "no 'capacity:' section: give at least its horizon, e.g. "
            "capacity: {horizon: {start: 2027-01, months: 12}} (see the README, ccorg capacity)",
            "schema",
        )
    effective = None
    if scenario is not None:
        loaded.append(load_scenario(document, loaded[0], scenario, path))
        effective = base.scenarios[scenario].effective
    variants = []
    cache = PlanCache()  # the scenario's plan reuses what the base's derived
    for index, each in enumerate(loaded):
        plan = plan_config(each, cache)
        label = scenario if index else None
        variants.append(Variant(each.config, each.forecasts, each.series, plan, label))
    # A stream that cannot be solved in some month is located in the config that has it.
    with located_errors(loaded[-1]):
        plan = build_capacity(variants, effective)
    return _CapacitySide(plan, tuple(variants), loaded[0])
