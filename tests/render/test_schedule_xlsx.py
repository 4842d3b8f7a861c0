"""The workbook's shifts sheets: read back with openpyxl, their values and formulas are the
shift plan's own."""

from __future__ import annotations

import io

import numpy as np
import pytest
from openpyxl import Workbook, load_workbook

from ccorg.commands.export import run_export, shift_plans
from ccorg.config.shifts import Shifts
from ccorg.i18n import Language, activate
from ccorg.pipeline import load_config, plan_config
from ccorg.render.plan_xlsx import render_plan_xlsx, stream_intervals
from ccorg.render.schedule_xlsx import write_shift_sheets
from ccorg.render.xlsx_sheet import SheetNames
from ccorg.staffing.shifts import ShiftPlan, solve_schedule
from tests.conftest import BANK
from tests.render.test_plan_xlsx import Formulas

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@pytest.fixture(scope="module")
def bank() -> tuple[ShiftPlan, Workbook]:
    """The bank's agents' shift plan, and the workbook `ccorg export` writes with it."""
    activate(Language.en)
    loaded = load_config(str(BANK))
    (plan,) = shift_plans(loaded)
    book = render_plan_xlsx(
        plan_config(loaded), stream_intervals(plan_config(loaded)), shifts=(plan,)
    )
    return plan, load_workbook(io.BytesIO(book))


def rows_by_label(sheet) -> dict[str, int]:
    return {
        sheet.cell(row, 1).value: row
        for row in range(1, sheet.max_row + 1)
        if isinstance(sheet.cell(row, 1).value, str)
    }


def test_the_measures_are_the_plans(bank: tuple[ShiftPlan, Workbook]) -> None:
    plan, book = bank
    assert book.sheetnames[-1] == "Shifts 座席"
    sheet = book["Shifts 座席"]
    formulas = Formulas(book)
    at = rows_by_label(sheet)

    def measure(label: str) -> float | None:
        return formulas.value(sheet, f"B{at[label]}")

    assert measure("Required agent-hours a week") == pytest.approx(plan.required_agent_hours)
    paid = measure("Paid agent-hours a week (Σ count × paid hours)")
    assert paid == pytest.approx(plan.paid_agent_hours)
    assert measure("Efficiency (required ÷ paid)") == pytest.approx(plan.efficiency)
    assert measure("Schedule fit (paid ÷ required − 1)") == pytest.approx(plan.schedule_fit)
    assert measure("LP bound (paid agent-hours)") == pytest.approx(plan.lp_bound)
    assert measure("Proven bound (paid agent-hours)") == pytest.approx(plan.bound)
    assert measure("MIP gap ((paid − bound) ÷ paid)") == pytest.approx(plan.mip_gap, abs=1e-12)
    assert sheet[f"B{at['Proven optimal']}"].value == (
        "yes" if plan.optimal else "no, the time limit stopped it"
    )
    five = measure("Intervals within ±5% of the requirement")
    assert five == pytest.approx(plan.within_5pct)
    assert measure("Intervals within ±1 agent") == pytest.approx(plan.within_1_agent)
    assert measure("Shifts a week") == sum(plan.shifts_per_day)
    for label in ("Paid agent-hours a week (Σ count × paid hours)", "Efficiency (required ÷ paid)"):
        assert sheet[f"B{at[label]}"].data_type == "f"


def test_the_shift_table_lists_every_shift(bank: tuple[ShiftPlan, Workbook]) -> None:
    plan, book = bank
    sheet = book["Shifts 座席"]
    formulas = Formulas(book)
    header = next(r for r in range(1, sheet.max_row) if sheet.cell(r, 1).value == "Shift")
    names = dict(plan.templates)
    paid_hours = {t.id: t.paid_hours for t in plan.rules.templates}
    for row, shift in enumerate(plan.shifts, start=header + 1):
        cells = [sheet.cell(row, column).value for column in range(1, 7)]
        assert cells == [
            f"{names[shift.template]} ({shift.template})",
            WEEKDAYS[shift.day],
            shift.start,
            plan.shift_end(shift),
            paid_hours[shift.template],
            shift.count,
        ]
        assert formulas.value(sheet, f"G{row}") == shift.count * paid_hours[shift.template]
        taken = sum(count for _, count in shift.breaks)
        assert taken == shift.count  # every shift's breaks are placed, and listed
        for starts, count in shift.breaks:
            assert f"{'+'.join(starts)} ×{count}" in sheet.cell(row, 8).value
    total = header + 1 + len(plan.shifts)
    assert sheet.cell(total, 1).value == "Total"
    assert formulas.value(sheet, f"F{total}") == sum(s.count for s in plan.shifts)
    assert formulas.value(sheet, f"G{total}") == pytest.approx(plan.paid_agent_hours)


def test_the_grid_is_coverage_against_requirement(bank: tuple[ShiftPlan, Workbook]) -> None:
    plan, book = bank
    sheet = book["Shifts 座席"]
    formulas = Formulas(book)
    top = rows_by_label(sheet)["00:00"]
    days, per_day = plan.requirement.shape
    assert [sheet.cell(top - 1, 2 + day).value for day in range(7)] == list(WEEKDAYS)
    required = np.array(
        [[sheet.cell(top + i, 2 + d).value for i in range(per_day)] for d in range(days)]
    )
    covered = np.array(
        [[sheet.cell(top + i, 10 + d).value for i in range(per_day)] for d in range(days)]
    )
    over = np.array(
        [
            [formulas.value(sheet, sheet.cell(top + i, 18 + d).coordinate) for i in range(per_day)]
            for d in range(days)
        ]
    )
    assert np.array_equal(required, plan.requirement)
    assert np.array_equal(covered, plan.coverage)
    assert np.allclose(over, plan.coverage - plan.requirement)
    assert (over >= 0).all()  # the shifts cover every interval
    hours = top + per_day
    assert sheet.cell(hours, 1).value == "Agent-hours"
    for day in range(days):
        expected = plan.coverage[day].sum() * plan.interval_minutes / 60
        assert formulas.value(sheet, sheet.cell(hours, 10 + day).coordinate) == expected


def test_tours_add_the_heads_a_week() -> None:
    rules = Shifts.model_validate(
        {
            "templates": [
                {"id": "t", "name": "T", "paid_hours": 8, "starts": ["00:00", "08:00", "16:00"]}
            ],
            "tours": {"days_on": 5, "consecutive_days_off": 2},
        }
    )
    plan = solve_schedule("agent", np.full((7, 48), 10.0), 30, rules)
    book = Workbook()
    write_shift_sheets(book, SheetNames(), (plan,))
    sheet = book["Shifts agent"]
    at = rows_by_label(sheet)
    assert sheet[f"B{at['People a week on 5-day tours']}"].value == plan.heads
    efficiency = Formulas(book).value(sheet, f"B{at['Efficiency (required ÷ paid)']}")
    assert efficiency == pytest.approx(plan.efficiency)


def test_export_writes_the_sheet_in_chinese(tmp_path) -> None:
    activate(Language.zh)
    out = tmp_path / "bank.xlsx"
    assert run_export(str(BANK), None, str(out)) == 0
    book = load_workbook(out)
    sheet = book["排班 座席"]
    at = rows_by_label(sheet)
    assert "排班效率（需求 ÷ 计薪）" in at
    assert sheet.cell(at["排班效率（需求 ÷ 计薪）"], 2).number_format == "0.0%"
    assert [c.value for c in sheet[at["班次"]][:6]] == [
        "班次",
        "日",
        "开始",
        "结束",
        "计薪时长",
        "班次数",
    ]


def test_templates_without_breaks_have_no_breaks_column() -> None:
    rules = Shifts.model_validate(
        {
            "templates": [
                {"id": "t", "name": "T", "paid_hours": 8, "starts": ["00:00", "08:00", "16:00"]}
            ]
        }
    )
    plan = solve_schedule("agent", np.full((7, 48), 10.0), 30, rules)
    book = Workbook()
    write_shift_sheets(book, SheetNames(), (plan,))
    sheet = book["Shifts agent"]
    header = rows_by_label(sheet)["Shift"]
    assert [c.value for c in sheet[header]][6:8] == ["Paid agent-hours", None]
    counts = [sheet.cell(header + 1 + i, 6).value for i in range(len(plan.shifts))]
    assert counts == [10] * 21  # 10 shifts at each of the 3 starts, every day
