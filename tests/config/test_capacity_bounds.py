"""Every capacity field has a bound of its own, refused at its line with the bound named."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccorg.errors import ConfigError
from ccorg.i18n import activate
from ccorg.pipeline import load_config
from tests.conftest import BANK

HORIZON = "horizon: {start: 2027-01, months: 18}"
WORKFORCE = "      attrition_annual: 0.30 "


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # The horizon: at most 120 months, within the years 1900 to 2199.
        (HORIZON, "horizon: {start: 2027-01, months: 121}", "must be at most 120"),
        (HORIZON, "horizon: {start: 0000-01, months: 18}", "of the years 1900 to 2199"),
        (HORIZON, "horizon: {start: 2199-01, months: 18}", "ends in 2200-06, past 2199-12"),
        # Seasonality: factors 0 … 100, keys a month name or a month of those years.
        ("monthly: {jan: 0.95", "monthly: {jan: 101", "must be at most 100"),
        ("monthly: {jan: 0.95", "monthly: {jan: -0.5", "must be at least 0"),
        ("monthly: {jan: 0.95", "monthly: {2227-01: 1", "a month name (jan … dec)"),
        # Shares of heads lost: below 1 (all of them would leave every month).
        (WORKFORCE, "      attrition_annual: 1 ", "must be less than 1"),
        ("training_loss: 0.15", "training_loss: 1.0", "must be less than 1"),
        # Weeks: two years at most.
        ("recruit_lead_weeks: 8 ", "recruit_lead_weeks: 105 ", "must be at most 104"),
        ("training_weeks: 6 ", "training_weeks: 1e308 ", "must be at most 104"),
        # The ramp: at most 24 months, each productivity in (0, 1].
        ("ramp: [0.5, 0.75]", "ramp: [" + ", ".join(["0.5"] * 25) + "]", "at most 24"),
        ("ramp: [0.5, 0.75]", "ramp: [0.5, 1.75]", "must be at most 1"),
        ("ramp: [0.5, 0.75]", "ramp: [0, 0.75]", "must be greater than 0"),
        # Classes: at most 10,000 heads, 100 a month.
        ("class_size: {min: 8, max: 25}", "class_size: {min: 8, max: 10001}", "at most 10,000"),
        ("classes_per_month: 1", "classes_per_month: 101", "must be at most 100"),
    ],
)
def test_a_capacity_value_past_its_bound_is_refused_at_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    activate("en")
    text = BANK.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path = tmp_path / "bank.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(str(path))
    (problem,) = caught.value.problems
    assert problem.location.line == line
    assert message in problem.message
