"""``policies:``: the settings of the rules ``ccorg check`` applies, collected from the rules.

Each rule declares its options beside its check (``checks/rules/``); this model gathers them
under the rule ids, in the rules' order, so a new rule needs no edit here.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, create_model

from ccorg.checks.rules import POLICY_RULES
from ccorg.config.model import Model, defaults


def _policy_fields() -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for rule in POLICY_RULES:
        alias = rule.id if rule.id != rule.field_name else None
        fields[rule.field_name] = (
            rule.options,
            Field(default_factory=defaults(rule.options), alias=alias),
        )
    return fields


Policies = create_model(
    "Policies",
    __base__=Model,
    __doc__="Settings of the policy rules that ``ccorg check`` runs; every key is a rule id.",
    __module__=__name__,
    **_policy_fields(),
)
