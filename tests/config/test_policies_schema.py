"""The `policies:` section and `establishment`: validated, located, with suggestions."""

from __future__ import annotations

import pytest

from ccorg.checks.rules.span_of_control import SpanOfControlOptions
from ccorg.config.loader import load_yaml
from ccorg.config.schema import Calendar, Policies
from ccorg.config.validate import validate
from ccorg.errors import ConfigError

BASE = """\
center: {id: c, name: C}
grades: [{id: g, name: G, rank: 1}]
departments: [{id: d, name: D, establishment: 3}]
"""


def problems(policies: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml((BASE + policies).encode(), "p.yaml"))
    return [str(problem) for problem in caught.value.problems]


def test_unknown_rule_ids_get_a_suggestion() -> None:
    assert problems("policies:\n  span-of-contrl: {min: 3}\n") == [
        "p.yaml:5:3: policies: unknown key 'span-of-contrl'; did you mean 'span-of-control'?"
    ]


def test_unknown_options_get_a_suggestion() -> None:
    assert problems("policies:\n  budget: {anual: 100}\n") == [
        "p.yaml:5:12: policies.budget: unknown key 'anual'; did you mean 'annual'?"
    ]


def test_option_values_are_checked() -> None:
    assert problems(
        "policies:\n"
        "  span-of-control: {min: 20}\n"
        "  occupancy-cap: {max: 1.5}\n"
        "  leaders-per-shift: {severity: loud}\n"
    ) == [
        "p.yaml:5:20: policies.span-of-control: 'min' is larger than 'max'",
        "p.yaml:7:33: policies.leaders-per-shift.severity: expected one of 'error', "
        "'warning' or 'off'; found 'loud'",
        "p.yaml:6:24: policies.occupancy-cap.max: must be at most 1; found 1.5",
    ]


def test_off_is_off_in_yaml_1_1_too() -> None:
    text = BASE + "policies:\n  budget: {severity: off}\n  unused-grade: {severity: 'off'}\n"
    config = validate(load_yaml(text.encode(), "p.yaml"))
    assert config.policies is not None
    assert config.policies.budget.severity == config.policies.unused_grade.severity == "off"
    assert config.departments[0].establishment == 3


def test_an_establishment_is_a_headcount() -> None:
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(BASE.replace("establishment: 3", "establishment: -1").encode(), "p"))
    assert [str(p) for p in caught.value.problems] == [
        "p:3:47: departments[0].establishment: must be at least 0; found -1"
    ]


def test_defaults_filled_in_without_validation_equal_validated_defaults() -> None:
    # Omitted policies (and the calendar) are constructed, not validated, for speed: they
    # must equal what validating an empty mapping for each of them gives.
    every_rule_empty = {field.alias or name: {} for name, field in Policies.model_fields.items()}
    validated = Policies.model_validate(every_rule_empty)
    assert validated.span_of_control == SpanOfControlOptions.model_validate({})
    assert Policies.model_construct() == validated
    config = validate(load_yaml((BASE + "policies: {budget: {annual: 1}}\n").encode(), "p.yaml"))
    assert config.policies is not None
    assert config.policies.span_of_control == validated.span_of_control
    assert config.policies.span_of_control.max == 15
    assert config.policies.budget.annual == 1
    assert config.calendar == Calendar.model_validate({})
