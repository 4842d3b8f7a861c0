"""Check many paths: expand directories, check each file, never let one stop the rest."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ccorg.checks.findings import (
    INTERNAL_ERROR,
    SOLVER_BUDGET,
    CheckReport,
    FileReport,
    Finding,
    Severity,
)
from ccorg.checks.registry import LOAD_RULE_OF_CODE
from ccorg.errors import ConfigError, Location, Problem, UsageError
from ccorg.i18n import _
from ccorg.limits import MAX_CHECK_SCENARIO_SOLVE_SECONDS

if TYPE_CHECKING:
    from ccorg.pipeline import LoadedConfig
    from ccorg.staffing.solver_budget import BudgetSpentError

CONFIG_SUFFIXES = (".yaml", ".yml")


def check_paths(paths: Sequence[str], *, reraise: bool = False) -> CheckReport:
    """Check every config that ``paths`` names: files, ``-`` for stdin, or directories.

    Directories are searched recursively for ``*.yaml`` and ``*.yml`` files, skipping hidden
    directories (``.git``, ``.venv``). Every entry so named is checked, so a FIFO, a device
    or a dangling symbolic link in a directory is reported as such (never read), as is a
    subdirectory that cannot be listed. ``reraise`` lets an internal error escape (for
    ``--debug``) instead of becoming a finding.
    """
    reports: list[FileReport] = []
    seen: set[str] = set()
    for path in paths:
        if path != "-" and os.path.isdir(path):
            unlisted: list[OSError] = []
            found = list(config_files_in(path, unlisted.append))
            reports.extend(_unlisted(error) for error in unlisted)
            if not found and not unlisted:
                reports.append(_file_error(path, _("no *.yaml or *.yml files in this directory")))
            targets = found
        else:
            targets = [path]
        for target in targets:
            if target not in seen:
                seen.add(target)
                reports.append(check_file(target, reraise=reraise))
    return CheckReport(tuple(reports))


def config_files_in(
    directory: str, on_error: Callable[[OSError], object] | None = None
) -> Iterator[str]:
    """Every entry named ``*.yaml`` or ``*.yml`` under ``directory`` that is not a directory
    (whether a regular file or not), in a stable (sorted) order; ``on_error`` hears of each
    directory that cannot be listed."""
    for root, dirs, files in os.walk(directory, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(CONFIG_SUFFIXES):
                yield os.path.join(root, name)


def _unlisted(error: OSError) -> FileReport:
    reason = error.strerror or str(error)
    return _file_error(
        str(error.filename), _("cannot list this directory: {reason}").format(reason=reason)
    )


def check_file(path: str, *, reraise: bool = False) -> FileReport:
    """The findings of one config; an unexpected failure becomes an internal-error finding."""
    try:
        return _check(path)
    except Exception as error:  # one file's bug must not stop the batch
        if reraise:
            raise
        return FileReport(
            path,
            (
                Finding(
                    Location(path),
                    Severity.ERROR,
                    INTERNAL_ERROR,
                    _(
                        "internal error: {kind}: {error}; this is a bug in ccorg, run again "
                        "with --debug for the traceback"
                    ).format(kind=type(error).__name__, error=error),
                ),
            ),
        )


def _check(path: str) -> FileReport:
    # Imported here so that `ccorg check --help` and `--list-rules` stay quick.
    from ccorg.checks.policies import run_policies
    from ccorg.config.loader import load_yaml, read_source
    from ccorg.pipeline import in_scenario, load_document, load_scenario, plan_config
    from ccorg.staffing.plan_cache import PlanCache
    from ccorg.staffing.solver_budget import BudgetSpentError, SolverBudget

    display = "<stdin>" if path == "-" else path
    try:
        raw, display = read_source(path)
        document = load_yaml(raw, display)
        loaded = load_document(document, None, path)
        cache = PlanCache()
        plan = plan_config(loaded, cache)
    except ConfigError as error:
        return FileReport.of(display, map(problem_finding, error.problems))
    except UsageError as error:
        return _file_error(display, str(error).removeprefix(f"{path}: "))
    findings = run_policies(loaded, plan)
    # A scenario that no longer applies (an id it names was renamed) fails only when someone
    # plans it; the gate plans each one now. Its policy findings would repeat the base's.
    # Their shift plans share one solver budget: only errors are looked for, and twenty
    # scenarios must not take twenty times the config's time limit.
    budget = SolverBudget(MAX_CHECK_SCENARIO_SOLVE_SECONDS)
    for name in loaded.config.scenarios:
        try:
            scenario = load_scenario(document, loaded, name, path)
        except ConfigError as error:
            findings.extend(map(problem_finding, error.problems))
            continue
        try:
            plan_config(scenario, cache, budget)
        except ConfigError as error:  # the base plans: say which scenario does not
            findings.extend(map(problem_finding, in_scenario(error, name).problems))
        except BudgetSpentError as error:
            findings.append(_unchecked(loaded, name, error))
    return FileReport.of(display, findings)


def _unchecked(loaded: LoadedConfig, scenario: str, error: BudgetSpentError) -> Finding:
    return Finding(
        loaded.source_map.locate_key(("scenarios", scenario)),
        Severity.WARNING,
        SOLVER_BUDGET,
        _(
            "scenario {scenario!r} is checked only up to the shifts of {post!r}: the "
            "scenarios' shift plans took the {seconds:g} s check gives them (the limit of a "
            "config); 'ccorg plan --scenario {scenario}' checks the rest"
        ).format(scenario=scenario, post=error.post_id, seconds=error.seconds),
    )


def problem_finding(problem: Problem) -> Finding:
    """A loading problem as an error finding, under the rule of the stage that found it."""
    rule = LOAD_RULE_OF_CODE.get(problem.code, problem.code)
    return Finding(problem.location, Severity.ERROR, rule, problem.message)


def _file_error(path: str, message: str) -> FileReport:
    return FileReport(path, (Finding(Location(path), Severity.ERROR, "file", message),))
