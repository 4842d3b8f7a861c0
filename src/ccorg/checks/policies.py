"""Run the policy rules over a loaded, planned config."""

from __future__ import annotations

from ccorg.checks.demand import demand_facts
from ccorg.checks.findings import Finding
from ccorg.checks.registry import policy_rules
from ccorg.checks.subject import Subject
from ccorg.config.schema import Policies
from ccorg.pipeline import LoadedConfig
from ccorg.plan import Plan


def run_policies(loaded: LoadedConfig, plan: Plan) -> list[Finding]:
    """Every policy finding, each with the severity the config's ``policies:`` gives it."""
    config = loaded.config
    # Every default, as validating `policies: {}` would give, without building a validator.
    policies = config.policies or Policies.model_construct()
    subject = Subject(config, plan, demand_facts(config))
    findings: list[Finding] = []
    for rule in policy_rules():
        severity = rule.severity_in(policies)
        if severity is None:
            continue
        for hit in rule.check(subject, rule.options_in(policies)):
            findings.append(
                Finding(loaded.source_map.locate(hit.path), severity, rule.id, hit.message)
            )
    return findings
