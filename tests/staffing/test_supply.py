"""Heads month by month and the classes that keep a post staffed (staffing/supply.py)."""

from datetime import date

import numpy as np
import pytest

from ccorg.staffing.supply import (
    Workforce,
    class_size,
    month_starts,
    monthly_attrition,
    plan_supply,
)

YEAR = month_starts(date(2027, 1, 1), 12)


def test_attrition_compounds_on_the_heads_left():
    supply = plan_supply(np.zeros(12), YEAR, 100, Workforce(attrition_monthly=0.02))
    assert round(float(supply.heads[-1]), 7) == 78.4716724
    assert supply.classes == ()
    # Leavers each month are 2% of the heads at its start; they add up to the heads lost.
    assert supply.attrition[0] == pytest.approx(2.0)
    assert supply.attrition.sum() == pytest.approx(100 - 78.4716724, abs=1e-6)


def test_annual_attrition_is_compounded_not_divided():
    assert round(monthly_attrition(0.30) * 100, 4) == 2.9286
    assert (1 - monthly_attrition(0.30)) ** 12 == pytest.approx(0.7)


def test_a_class_covers_its_training_loss():
    assert class_size(10, 0.15) == 12
    required = np.array([0, 0, 0, 10, 10, 10], dtype=float)
    supply = plan_supply(
        required, month_starts(date(2027, 1, 1), 6), 0, Workforce(training_loss=0.15)
    )
    assert [c.size for c in supply.classes] == [12]
    assert supply.productive[3] == pytest.approx(12 * 0.85)
    assert supply.training_loss[3] == pytest.approx(12 * 0.15)


def test_a_may_launch_is_requisitioned_in_february():
    required = np.array([0, 0, 0, 0, 20, 20, 20, 20], dtype=float)
    workforce = Workforce(recruit_lead_weeks=8, training_weeks=6)
    supply = plan_supply(required, month_starts(date(2027, 1, 1), 8), 0, workforce)
    (launch,) = supply.classes
    assert launch.size == 20
    assert launch.start_date == date(2027, 4, 1)
    assert launch.productive_from == date(2027, 5, 13)
    assert launch.requisition_date == date(2027, 2, 4)
    assert supply.in_training[3] == 20 and supply.productive[3] == 0
    assert np.all(supply.productive[4:] >= 20)


def test_the_ramp_hires_ahead_so_the_class_is_fully_productive_on_time():
    required = np.array([0, 0, 0, 0, 0, 0, 20, 20], dtype=float)
    workforce = Workforce(training_weeks=4, ramp=(0.5, 0.75))
    supply = plan_supply(required, month_starts(date(2027, 1, 1), 8), 0, workforce)
    (first,) = supply.classes
    # Training from 1 April ends 29 April, late in the month: May at 50%, June at 75%,
    # July at 100%.
    assert first.start_date == date(2027, 4, 1)
    assert first.productive_month == 4
    assert supply.productive.tolist() == [0, 0, 0, 0, 10, 15, 20, 20]


def test_class_limits_leave_a_shortfall_month_by_month():
    required = np.array([0, 0, 0, 0, 60, 60, 60, 60], dtype=float)
    workforce = Workforce(
        recruit_lead_weeks=8, training_weeks=6, class_min=8, class_max=25, classes_per_month=1
    )
    supply = plan_supply(required, month_starts(date(2027, 1, 1), 8), 0, workforce)
    # Only March (the first month the lead time allows) and April can train for May.
    assert [(c.start_date.month, c.size) for c in supply.classes] == [(3, 25), (4, 25), (5, 10)]
    short = np.maximum(required - supply.productive, 0)
    assert short.tolist() == [0, 0, 0, 0, 10, 0, 0, 0]


def test_small_needs_start_a_class_of_the_minimum():
    required = np.full(6, 103.0)
    workforce = Workforce(attrition_monthly=0.02, class_min=8, class_max=25)
    supply = plan_supply(required, month_starts(date(2027, 1, 1), 6), 105, workforce)
    assert all(c.size >= 8 for c in supply.classes)
    assert np.all(supply.productive >= required - 1e-9)
    # Heads obey the balance: last month's less leavers plus starts.
    previous = np.concatenate([[105.0], supply.heads[:-1]])
    balance = previous - supply.attrition - supply.training_loss + supply.starts
    assert np.allclose(balance, supply.heads)
