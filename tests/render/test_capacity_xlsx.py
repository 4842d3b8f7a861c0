"""The workbook's capacity sheet: its supply-side formulas compute ccorg's own numbers."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from ccorg.pipeline import capacity_file, plan_file
from ccorg.render.plan_xlsx import render_plan_xlsx
from tests.conftest import BANK
from tests.render.test_plan_xlsx import Formulas


def test_the_supply_formulas_equal_the_plan():
    capacity = capacity_file(str(BANK), "credit_card_launch")
    plan = plan_file(str(BANK), "credit_card_launch")
    workbook = load_workbook(io.BytesIO(render_plan_xlsx(plan, (), capacity=capacity)))
    sheet = workbook["Capacity"]
    formulas = Formulas(workbook)
    labels = {sheet.cell(row, 1).value: row for row in range(1, sheet.max_row + 1)}
    for post in capacity.workload:
        top = next(r for text, r in labels.items() if text and text.endswith(f"({post.id})"))
        first = top + 6  # the post's name, rate, cost, start heads, a blank row, the header
        assert sheet[f"A{first}"].value == capacity.months[0]
        assert sheet[f"G{first}"].data_type == "f"
        s = post.supply
        for month in range(len(capacity.months)):
            row = first + month
            assert formulas.value(sheet, f"G{row}") == pytest.approx(s.attrition[month], abs=1e-9)
            assert formulas.value(sheet, f"H{row}") == pytest.approx(s.heads[month], abs=1e-9)
            assert formulas.value(sheet, f"I{row}") == pytest.approx(s.productive[month], abs=1e-9)
            assert formulas.value(sheet, f"J{row}") == pytest.approx(
                post.over_under[month], abs=1e-9
            )
            assert formulas.value(sheet, f"K{row}") == pytest.approx(post.cost[month], rel=1e-12)
        hires = first + len(capacity.months) + 1
        assert [sheet.cell(hires + 1 + i, 3).value for i in range(len(s.classes))] == [
            c.size for c in s.classes
        ]


def test_changing_the_attrition_rate_moves_the_heads():
    capacity = capacity_file(str(BANK))
    plan = plan_file(str(BANK))
    workbook = load_workbook(io.BytesIO(render_plan_xlsx(plan, (), capacity=capacity)))
    sheet = workbook["Capacity"]
    agent = next(
        r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "运营部·座席 (agent)"
    )
    formulas = Formulas(workbook)
    before = formulas.value(sheet, f"H{agent + 6 + 11}")
    sheet[f"B{agent + 1}"] = 0.0
    after = Formulas(workbook).value(sheet, f"H{agent + 6 + 11}")
    hired = sum(c.size for c in capacity.post("agent").supply.classes if c.start_month <= 11)
    lost = sum(
        c.size * 0.15 for c in capacity.post("agent").supply.classes if c.productive_month <= 11
    )
    assert after == pytest.approx(capacity.post("agent").start_heads + hired - lost)
    assert after > before
