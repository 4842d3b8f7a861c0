"""What a policy rule is made of: its options model, the hits it reports, its documentation.

Each rule module of ``checks/rules/`` declares its options (a ``PolicyOptions`` subclass) beside
its check, as yamllint keeps a rule's options in the rule; the config schema collects them
under ``policies:`` (``config/policies.py``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ccorg.checks.findings import Severity
from ccorg.config.loader import DataPath
from ccorg.config.model import Model


class PolicyOptions(Model):
    """What every policy rule of ``ccorg check`` takes: its severity."""

    severity: Literal["error", "warning", "off"] | None = Field(
        None, description="error, warning or off (the rule does not run); omitted: its default."
    )

    @field_validator("severity", mode="before")
    @classmethod
    def _yaml_off(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare `off` as false; editors (YAML 1.2) read it as the string.
        return "off" if value is False else value


def ordered_band(low: float, high: float) -> None:
    """Refuse a ``min``/``max`` band given the wrong way round."""
    if low > high:
        raise PydanticCustomError("band", "'min' is larger than 'max'")


@dataclass(frozen=True)
class Hit:
    """What a policy rule reports: the data path it is about and what is wrong."""

    path: DataPath
    message: str


@dataclass(frozen=True)
class RuleDoc:
    """A rule as documentation: id, default severity, summary, description, options."""

    id: str
    severity: Severity
    summary: str
    description: str
    options: type[PolicyOptions] | None = None

    @property
    def on_by_default(self) -> bool:
        """Whether the rule runs when ``policies:`` does not mention it (its options' default
        severity is not ``off``)."""
        return self.options is None or self.options.model_fields["severity"].default != "off"


@dataclass(frozen=True)
class PolicyRule:
    """A policy rule: its id (its key under ``policies:``), default severity and check."""

    id: str
    default_severity: Severity
    options: type[PolicyOptions]
    check: Callable[[Any, Any], Iterable[Hit]]

    @property
    def field_name(self) -> str:
        """The rule's attribute on the validated ``policies`` (its id in snake case)."""
        return self.id.replace("-", "_")

    def options_in(self, policies: Any) -> PolicyOptions:
        options: PolicyOptions = getattr(policies, self.field_name)
        return options

    def severity_in(self, policies: Any) -> Severity | None:
        """The severity the config asks for, or None when it turns the rule off."""
        chosen = self.options_in(policies).severity
        if chosen == "off":
            return None
        return Severity(chosen) if chosen else self.default_severity

    @property
    def doc(self) -> RuleDoc:
        summary, _, description = inspect.cleandoc(self.check.__doc__ or "").partition("\n")
        return RuleDoc(
            self.id, self.default_severity, summary.strip(), description.strip(), self.options
        )
