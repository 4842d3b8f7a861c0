"""The registry, the `policies:` schema and the docs describe the same rules."""

from __future__ import annotations

from ccorg.checks.registry import LOAD_RULE_OF_CODE, LOAD_RULES, policy_rules, rule_docs
from ccorg.config.schema import Policies


def test_every_policy_rule_has_its_key_and_options_under_policies() -> None:
    fields = Policies.model_fields
    assert [field.alias or name for name, field in fields.items()] == [
        rule.id for rule in policy_rules()
    ]
    for rule in policy_rules():
        assert fields[rule.id.replace("-", "_")].annotation is rule.options


def test_rule_ids_are_unique_and_every_rule_is_documented() -> None:
    docs = rule_docs()
    assert [doc.id for doc in docs] == [doc.id for doc in LOAD_RULES] + [
        rule.id for rule in policy_rules()
    ]
    assert len({doc.id for doc in docs}) == len(docs)
    for doc in docs:
        assert doc.summary.endswith("."), doc.id
        assert len(doc.description) > 40, doc.id


def test_every_loading_stage_reports_as_a_documented_rule() -> None:
    assert set(LOAD_RULE_OF_CODE) == {
        "io",
        "encoding",
        "yaml",
        "schema",
        "reference",
        "cycle",
        "value",
        "scenario",
    }
    assert set(LOAD_RULE_OF_CODE.values()) <= {doc.id for doc in LOAD_RULES}
