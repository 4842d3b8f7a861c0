"""The rules a check applies: load checks (fixed) and policy rules (settable under ``policies:``).

A policy rule (``rule_base.PolicyRule``, one module each in ``rules/``) is a function whose
docstring is its documentation: the first line its summary, the rest its description. The
README's rule reference and SARIF's rule metadata are both generated from what is declared here.
"""

from __future__ import annotations

from ccorg.checks.findings import INTERNAL_ERROR, SOLVER_BUDGET, Severity
from ccorg.checks.rule_base import PolicyRule, RuleDoc
from ccorg.checks.rules import POLICY_RULES

# The stage a loading problem comes from (errors.Problem.code) -> the rule id it is reported as.
LOAD_RULE_OF_CODE = {
    "io": "file",
    "encoding": "encoding",
    "yaml": "yaml-syntax",
    "schema": "schema",
    "reference": "reference",
    "cycle": "cycle",
    "value": "value",
    "scenario": "scenario",
}

LOAD_RULES = (
    RuleDoc(
        "file",
        Severity.ERROR,
        "The file cannot be read as a config.",
        "It does not exist, is not a regular file (a FIFO, a socket, a device, a dangling "
        "symbolic link or a loop of them: named as such, never read), cannot be read or is "
        "larger than 10 MiB; a directory that cannot be listed; "
        "a directory holds no `*.yaml` or `*.yml` file; or a forecast file that a stream "
        "names is missing, not a regular file or outside the config's directory.",
    ),
    RuleDoc(
        "encoding",
        Severity.ERROR,
        "The file is not UTF-8 text.",
        "Invalid UTF-8 is reported at the first bad byte; a NUL byte marks binary content.",
    ),
    RuleDoc(
        "yaml-syntax",
        Severity.ERROR,
        "The file is not a safe, single YAML document.",
        "Invalid YAML; duplicate keys at any depth (both lines named); tags other than plain "
        "data (`!!python/object`, custom tags); more than one document; aliases or merge "
        "keys (`<<`) that expand past 200,000 nodes or contain themselves; nesting deeper "
        "than 64 levels.",
    ),
    RuleDoc(
        "schema",
        Severity.ERROR,
        "A key, type or value the config format does not allow.",
        "Unknown keys (with the closest known key), missing keys, wrong types, numbers out "
        "of range, NaN or infinity. The format is published as `schema/ccorg.schema.json`.",
    ),
    RuleDoc(
        "reference",
        Severity.ERROR,
        "An id that names nothing, or names two things.",
        "Grades, departments, posts, `reports_to`, ratio bases, holders of concurrent posts "
        "and `leader_posts` must name ids that exist (with the closest existing id); ids "
        "must be unique.",
    ),
    RuleDoc(
        "cycle",
        Severity.ERROR,
        "Reporting lines, department parents or headcount ratios that loop.",
        "The loop is printed in order, `a -> b -> a`, at the first link.",
    ),
    RuleDoc(
        "value",
        Severity.ERROR,
        "Values valid alone that do not fit together.",
        "A grade costed in another currency than the center's; a ratio that would need "
        "more than 1,000,000 people; a stream whose demand cannot be planned; a bad row in "
        "a forecast file (reported at its line in that file).",
    ),
    RuleDoc(
        "scenario",
        Severity.ERROR,
        "A scenario that no longer applies to the plan.",
        "Every scenario under `scenarios:` is overlaid and planned: an id it names that does "
        "not exist is reported here, and the overlaid plan's own errors under their usual "
        "rule, marked `(with scenario 'NAME')`.",
    ),
    RuleDoc(
        SOLVER_BUDGET,
        Severity.WARNING,
        "A scenario whose shift plans were not all solved within the check's budget.",
        "The scenarios of a config share 5 s of shift-solver time in `ccorg check` (the base "
        "plan has the config's own time limit); a scenario reached once it is spent is "
        "checked up to its first shift plan. `ccorg plan --scenario NAME` checks the rest.",
    ),
    RuleDoc(
        INTERNAL_ERROR,
        Severity.ERROR,
        "ccorg itself failed on this file.",
        "A bug in ccorg, not in the config: the check exits with 3 when it failed on every "
        "file, else the other files are checked and this finding fails the gate like an "
        "error (exit 1). Run it again with `--debug` for the traceback and report it.",
    ),
)


def policy_rules() -> tuple[PolicyRule, ...]:
    """Every policy rule, in the order they run and are documented."""
    return POLICY_RULES


def rule_docs() -> tuple[RuleDoc, ...]:
    """The load checks, then the policy rules."""
    return LOAD_RULES + tuple(rule.doc for rule in policy_rules())
