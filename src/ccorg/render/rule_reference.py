"""The rule reference in Markdown, generated from the rules' own docstrings and options."""

from __future__ import annotations

from typing import Any

from pydantic.fields import FieldInfo

from ccorg.checks.registry import LOAD_RULES, RuleDoc, policy_rules
from ccorg.units import number


def render_rule_reference() -> str:
    """Load checks in one table, then a section per policy rule with its options."""
    lines = [
        "#### Load checks",
        "",
        "Always on, and errors but `solver-budget` (a warning): a file that fails one is not "
        "checked further.",
        "",
        "| rule | what it reports |",
        "| --- | --- |",
    ]
    lines.extend(f"| `{doc.id}` | {doc.summary} {doc.description} |" for doc in LOAD_RULES)
    lines.extend(
        [
            "",
            "#### Policy rules",
            "",
            "Each is set under `policies:` by its id: `severity` (`error`, `warning` or "
            "`off`) and its options.",
        ]
    )
    for rule in policy_rules():
        lines.extend(["", *_policy_section(rule.doc)])
    return "\n".join(lines) + "\n"


def _policy_section(doc: RuleDoc) -> list[str]:
    severity = (
        f"Default severity: {doc.severity}."
        if doc.on_by_default
        else f"Off by default; `severity: {doc.severity}` (or `warning`) turns it on."
    )
    lines = [f"##### `{doc.id}` — {doc.summary}", "", severity, ""]
    lines.append(" ".join(doc.description.split()))
    assert doc.options is not None
    options = [
        (name, field) for name, field in doc.options.model_fields.items() if name != "severity"
    ]
    if options:
        lines.extend(["", "| option | default | meaning |", "| --- | --- | --- |"])
        lines.extend(
            f"| `{field.alias or name}` | {_default(field)} | {field.description} |"
            for name, field in options
        )
    return lines


def _default(field: FieldInfo) -> str:
    value: Any = field.get_default(call_default_factory=True)
    if value is None:
        return "—"
    if isinstance(value, int | float):
        return number(value)
    return f"`{value}`"
