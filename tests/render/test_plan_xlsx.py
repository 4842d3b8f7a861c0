"""The workbook, opened with openpyxl: values, formulas (evaluated here), layout, sheet names."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ccorg.plan import Plan
from ccorg.render.org_chart import org_chart
from ccorg.render.plan_json import plan_to_dict
from ccorg.render.plan_xlsx import StreamIntervals, render_plan_xlsx, stream_intervals
from ccorg.render.xlsx_sheet import COST_FORMAT, SheetNames, display_width

# --- a tiny evaluator for the formulas ccorg writes ----------------------------------------
# openpyxl stores formulas without computing them, so the tests compute them: numbers, cell
# references (optionally on another sheet), ranges inside SUM and MAX, + - * / and parentheses.

TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d+)?)"
    r"|(?P<ref>(?:'(?:[^']|'')+'!)?[A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"
    r"|(?P<function>SUM|MAX)\("
    r"|(?P<op>[-+*/()]))"
)


class Formulas:
    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        # Month-by-month formulas chain each row to the one before: without a memo, evaluating
        # the last month re-evaluates every earlier one once per path, exponentially.
        self._memo: dict[tuple[str, str], float | None] = {}

    def value(self, sheet: Worksheet, coordinate: str) -> float | None:
        key = (sheet.title, coordinate)
        if key not in self._memo:
            raw = sheet[coordinate].value
            if isinstance(raw, str) and raw.startswith("=") and sheet[coordinate].data_type == "f":
                self._memo[key] = self.evaluate(sheet, raw)
            else:
                self._memo[key] = raw if isinstance(raw, int | float) else None
        return self._memo[key]

    def evaluate(self, sheet: Worksheet, formula: str) -> float:
        tokens = self._tokens(formula[1:])
        result = self._sum(sheet, tokens)
        assert not tokens, f"unparsed {tokens} in {formula}"
        return result

    def _tokens(self, text: str) -> list[tuple[str, str]]:
        tokens, position = [], 0
        while position < len(text):
            match = TOKEN.match(text, position)
            assert match and match.end() > position, f"cannot read {text[position:]!r}"
            tokens.append(next((k, v) for k, v in match.groupdict().items() if v is not None))
            position = match.end()
        return tokens

    def _sum(self, sheet, tokens):
        value = self._product(sheet, tokens)
        while tokens and tokens[0] in (("op", "+"), ("op", "-")):
            sign = tokens.pop(0)[1]
            right = self._product(sheet, tokens)
            value = value + right if sign == "+" else value - right
        return value

    def _product(self, sheet, tokens):
        value = self._atom(sheet, tokens)
        while tokens and tokens[0] in (("op", "*"), ("op", "/")):
            sign = tokens.pop(0)[1]
            right = self._atom(sheet, tokens)
            value = value * right if sign == "*" else value / right
        return value

    def _atom(self, sheet, tokens):
        kind, text = tokens.pop(0)
        if kind == "number":
            return float(text)
        if kind == "ref":
            (value,) = self._cells(sheet, text)
            return value or 0
        if kind == "function":
            (ref_kind, ref) = tokens.pop(0)
            assert ref_kind == "ref" and tokens.pop(0) == ("op", ")")
            values = [v for v in self._cells(sheet, ref) if v is not None]
            return sum(values) if text == "SUM" else max(values)
        assert (kind, text) == ("op", "("), f"unexpected {text!r}"
        value = self._sum(sheet, tokens)
        assert tokens.pop(0) == ("op", ")")
        return value

    def _cells(self, sheet, ref):
        if "!" in ref:
            name, ref = ref.rsplit("!", 1)
            sheet = self.workbook[name[1:-1].replace("''", "'")]
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        return [
            self.value(sheet, sheet.cell(row, col).coordinate)
            for row in range(min_row, max_row + 1)
            for col in range(min_col, max_col + 1)
        ]


def test_evaluator_reads_what_it_is_given():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "a'b"
    sheet["A1"], sheet["A2"], sheet["A3"] = 2, 3, None
    sheet["B1"] = "=SUM(A1:A3)*(4-1)/2"
    other = workbook.create_sheet("x")
    other["A1"] = "='a''b'!B1+MAX(A2:A3)"
    other["A2"] = 10
    assert Formulas(workbook).value(sheet, "B1") == 7.5
    assert Formulas(workbook).value(other, "A1") == 17.5


# --- the workbook ---------------------------------------------------------------------------


def open_workbook(plan: Plan, streams=()) -> Workbook:
    return load_workbook(io.BytesIO(render_plan_xlsx(plan, streams)))


def row_labelled(sheet: Worksheet, label: str) -> int:
    rows = [cell.row for cell in sheet["A"] if cell.value == label]
    assert len(rows) == 1, f"{label!r} in {rows}"
    return rows[0]


def test_bank_sheets_in_order(bank):
    workbook = open_workbook(bank)
    assert workbook.sheetnames == [
        "Summary",
        "Org chart",
        "客服中心",
        "运营部",
        "品质部",
        "支撑部",
        "营销部",
        "综合部",
    ]


def test_department_sheet_values_and_total_formulas(bank):
    workbook = open_workbook(bank)
    formulas = Formulas(workbook)
    for department in bank.departments:
        sheet = workbook[department.name]
        assert sheet["A1"].value == f"{department.name} ({department.id})"
        assert [c.value for c in sheet[2]] == [
            "Post", "Grade", "Rule", "Headcount", "In post", "Gap", "Annual cost (CNY)",
        ]  # fmt: skip
        assert sheet.freeze_panes == "A3"
        for row, post in enumerate(department.posts, start=3):
            values = [c.value for c in sheet[row]]
            assert values == [
                post.name, post.grade.name, post.basis, post.headcount,
                post.current, post.gap, post.annual_cost,
            ]  # fmt: skip
            assert type(sheet.cell(row, 4).value) is int
            assert isinstance(sheet.cell(row, 7).value, int | float)
            assert sheet.cell(row, 7).number_format == COST_FORMAT
        total = row_labelled(sheet, "Total")
        last = total - 1
        assert last == 2 + len(department.posts)
        assert sheet[f"D{total}"].value == f"=SUM(D3:D{last})"
        assert sheet[f"G{total}"].value == f"=SUM(G3:G{last})"
        assert formulas.value(sheet, f"D{total}") == department.headcount
        assert formulas.value(sheet, f"G{total}") == department.annual_cost
        # Nobody in post is known in the bank's plan: no total that would read as 0 people.
        assert sheet[f"E{total}"].value is None and sheet[f"F{total}"].value is None


def test_summary_formulas_equal_ccorg_totals(bank):
    workbook = open_workbook(bank)
    formulas = Formulas(workbook)
    summary = workbook["Summary"]
    assert summary.freeze_panes == "A3"

    def measure(label: str):
        return formulas.value(summary, f"B{row_labelled(summary, label)}")

    assert measure("Total headcount") == bank.total_headcount
    assert measure("Frontline headcount") == bank.frontline_headcount
    assert measure("Frontline share") == pytest.approx(
        bank.frontline_headcount / bank.total_headcount
    )
    assert measure("Annual cost (CNY)") == bank.total_cost
    assert measure("Average span") == pytest.approx(bank.structure.average_span)
    assert measure("Largest span") == pytest.approx(bank.structure.largest_span[1])
    assert summary[f"C{row_labelled(summary, 'Largest span')}"].value == "运营部·业务组组长"
    assert measure("Layers") == 6
    assert summary[f"B{row_labelled(summary, 'Service hours')}"].value == "7×24"

    # The department table: each row refers to its sheet's total row.
    for department in bank.departments:
        row = row_labelled(summary, f"{department.name} ({department.id})")
        sheet = workbook[department.name]
        total = row_labelled(sheet, "Total")
        assert summary[f"B{row}"].value == f"='{department.name}'!D{total}"
        assert summary[f"E{row}"].value == f"='{department.name}'!G{total}"
        assert formulas.value(summary, f"B{row}") == department.headcount
        assert summary[f"A{row}"].hyperlink.location == f"'{department.name}'!A1"
    total = row_labelled(summary, "Total")
    first = row_labelled(summary, "客服中心 (kfzx)")
    assert summary[f"B{total}"].value == f"=SUM(B{first}:B{total - 1})"
    assert total - first == 1 + len(bank.departments)
    assert formulas.value(summary, f"B{total}") == bank.total_headcount
    assert formulas.value(summary, f"E{total}") == bank.total_cost


def test_every_formula_evaluates(bank, awkward, sites):
    """No formula refers to a missing sheet or a text cell by mistake."""
    for plan in (bank, awkward, sites):
        workbook = open_workbook(plan)
        formulas = Formulas(workbook)
        count = 0
        for sheet in workbook:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        assert isinstance(formulas.value(sheet, cell.coordinate), float | int)
                        count += 1
        assert count > 10


def test_people_in_post_gaps_and_uncosted_grades(awkward):
    workbook = open_workbook(awkward)
    formulas = Formulas(workbook)
    summary = workbook["Summary"]
    in_post = row_labelled(summary, "In post today")
    assert formulas.value(summary, f"B{in_post}") == awkward.total_current == 4
    cost = row_labelled(summary, "Annual cost (CNY)")
    assert formulas.value(summary, f"B{cost}") == pytest.approx(awkward.total_cost)
    assert summary[f"C{cost}"].value == "some grades uncosted"
    total = row_labelled(summary, "Total")
    gaps = [p.gap for p in awkward.all_posts() if p.gap is not None]
    assert formulas.value(summary, f"D{total}") == sum(gaps) == 0

    first = workbook["服务_质量_ _A_ __"]
    total = row_labelled(first, "Total")
    assert first["F3"].value == -1 and first["F3"].number_format == "+0;-0;0"
    assert formulas.value(first, f"E{total}") == 3
    assert formulas.value(first, f"F{total}") == -1


def test_text_is_never_a_formula_and_control_characters_are_escaped(awkward):
    workbook = open_workbook(awkward)
    cells = {c.value: c for sheet in workbook for row in sheet.iter_rows() for c in row if c.value}
    assert cells["=1+1"].data_type == "s"
    assert "见习\\x07生" in cells  # as every other view shows it: escaped, not dropped


def test_sheet_names_are_valid_unique_and_what_formulas_refer_to(awkward):
    workbook = open_workbook(awkward)
    assert workbook.sheetnames == [
        "Summary",
        "Org chart",
        "总部",
        "服务_质量_ _A_ __",
        "一个非常非常长的部门名称用来测试工作表名称长度限制的情况再加几",  # 31 characters
        "summary (2)",  # Excel compares sheet names without case
    ]
    summary = workbook["Summary"]
    row = row_labelled(summary, "服务/质量: [A] *? (a-b)")
    assert summary[f"B{row}"].value == "='服务_质量_ _A_ __'!D5"
    assert Formulas(workbook).value(summary, f"B{row}") == 5
    assert summary[f"A{row}"].hyperlink.location == "'服务_质量_ _A_ __'!A1"
    empty = row_labelled(summary, "summary (empty)")
    assert summary[f"B{empty}"].value == "='summary (2)'!D3"
    assert workbook["summary (2)"]["D3"].value == 0


def test_columns_fit_chinese_names(bank):
    workbook = open_workbook(bank)
    sheet = workbook["运营部"]
    widths = {letter: dim.width for letter, dim in sheet.column_dimensions.items()}
    longest_post = max(display_width(p.name) for p in bank.departments[0].posts)
    assert longest_post == display_width("业务组组长") == 10
    assert widths["A"] >= longest_post
    assert widths["C"] >= min(display_width(bank.post("agent").basis), 50)
    assert widths["C"] <= 50


def test_display_width_counts_wide_characters_twice():
    assert display_width("abc") == 3
    assert display_width("业务组组长") == 10
    assert display_width("排班/实时监控") == 13
    assert display_width("ＡＢ") == 4  # fullwidth


# --- interval sheets --------------------------------------------------------------------------


VOICE = StreamIntervals(
    name="语音 voice",
    interval_minutes=30,
    days=("mon", "tue", "sat"),
    intervals=("09:00", "09:30", "10:00", "10:30"),
    required=((12, 10, 4), (17, 15, 6), (16.5, 14, 6), (9, 8, 3)),
)
CHAT = StreamIntervals(
    name="在线 chat", interval_minutes=60, days=("mon",), intervals=("09:00",), required=((3,),)
)


def test_stream_sheet_values_and_formulas(bank):
    workbook = open_workbook(bank, [VOICE, CHAT])
    assert workbook.sheetnames[-2:] == ["语音 voice", "在线 chat"]
    sheet = workbook["语音 voice"]
    formulas = Formulas(workbook)
    assert sheet["A1"].value == "语音 voice: required agents per 30-minute interval"
    # The header names the weekdays as the text heatmap does (周一 under zh).
    assert [c.value for c in sheet[2]] == ["Interval", "Mon", "Tue", "Sat"]
    assert sheet.freeze_panes == "B3"
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=3, max_row=6)] == [
        ["09:00", 12, 10, 4],
        ["09:30", 17, 15, 6],
        ["10:00", 16.5, 14, 6],
        ["10:30", 9, 8, 3],
    ]
    peak, hours = row_labelled(sheet, "Peak"), row_labelled(sheet, "Agent-hours")
    assert sheet[f"B{peak}"].value == "=MAX(B3:B6)"
    assert sheet[f"B{hours}"].value == "=SUM(B3:B6)*30/60"
    for index, letter in enumerate("BCD"):
        column = [row[index] for row in VOICE.required]
        assert formulas.value(sheet, f"{letter}{peak}") == max(column)
        assert formulas.value(sheet, f"{letter}{hours}") == pytest.approx(sum(column) / 2)
    assert sheet.conditional_formatting  # the heat map over the matrix
    (rule_range,) = [str(r.sqref) for r in sheet.conditional_formatting]
    assert rule_range == "B3:D6"


def test_every_bank_stream_becomes_an_interval_sheet(bank):
    sheets = stream_intervals(bank)
    assert [s.name for s in sheets] == [s.name for s in bank.streams]
    assert len(sheets) == 4
    calls = bank.streams[0]
    workbook = open_workbook(bank, sheets)
    sheet = workbook["人工来话"]
    assert [c.value for c in sheet[2]] == [
        "Interval",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
    assert [sheet["A3"].value, sheet["A50"].value] == ["00:00", "23:30"]
    assert [[c.value for c in row][1:] for row in sheet.iter_rows(min_row=3, max_row=50)] == (
        calls.agents.T.tolist()
    )
    hours = row_labelled(sheet, "Agent-hours")
    formulas = Formulas(workbook)
    week = sum(formulas.value(sheet, f"{letter}{hours}") for letter in "BCDEFGH")
    assert week == pytest.approx(calls.weekly_agent_hours)
    # Deferred work is workload: its sheet holds the fractional requirement as derived.
    complaints = bank.streams[1]
    sheet = workbook[complaints.name]
    stored = [c.value for row in sheet.iter_rows(min_row=3, max_row=50) for c in row[1:]]
    assert stored == pytest.approx(complaints.agents.T.ravel().tolist(), rel=1e-12)
    assert any(not float(v).is_integer() for v in complaints.agents.ravel())


def test_no_stream_sheets_without_workload(bank):
    assert not any("interval" in str(s["A1"].value) for s in open_workbook(bank))


@pytest.mark.parametrize(
    "changes",
    [
        {"interval_minutes": 0},
        {"days": ()},
        {"required": ((1, 2),)},
        {"required": ((1, 2, 3),) * 3 + ((1, 2),)},
        {"required": ((1, 2, float("nan")),) * 4},
        {"required": ((1, 2, -1),) * 4},
    ],
)
def test_stream_shape_is_checked(changes):
    fields = {**VOICE.__dict__, **changes}
    with pytest.raises(ValueError, match="语音 voice"):
        StreamIntervals(**fields)


# --- sheet names ------------------------------------------------------------------------------


def test_sheet_names_follow_excels_rules():
    names = SheetNames()
    assert names.add("Summary") == "Summary"
    assert names.add("SUMMARY") == "SUMMARY (2)"
    assert names.add("a/b:c*d?e[f]g\\h") == "a_b_c_d_e_f_g_h"
    assert names.add("'quoted'") == "quoted"
    assert names.add("History") == "History_"
    assert names.add("x" * 40) == "x" * 31
    assert names.add("x" * 40) == "x" * 27 + " (2)"
    assert names.add("") == "Sheet"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_any_names_give_sheets_excel_accepts(wanted):
    names = SheetNames()
    made = [names.add(name) for name in wanted]
    assert len({name.casefold() for name in made}) == len(made)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in made:
        assert len(name.encode("utf-16-le")) // 2 <= 31
        assert not re.search(r"[\[\]:*?/\\]", name)
        assert not name.startswith("'") and not name.endswith("'")
        workbook.create_sheet(name)
    assert workbook.sheetnames == made


def test_site_roll_ups_and_establishment_equal_the_json(sites):
    """The summary's own, total and 编制 columns, evaluated, against the plan's JSON."""
    document = plan_to_dict(sites)
    workbook = open_workbook(sites)
    formulas = Formulas(workbook)
    summary = workbook["Summary"]
    header = row_labelled(summary, "Department")
    columns = {summary.cell(header, c).value: get_column_letter(c) for c in range(1, 12)}
    assert list(columns)[5:] == [
        "Total headcount",
        "Total in post",
        "Total annual cost (CNY)",
        "编制",
        "Vacant",
        "Over",
    ]

    def cell(label: str, column: str):
        return formulas.value(summary, f"{columns[column]}{row_labelled(summary, label)}")

    for department in document["departments"]:
        label = f"{department['name']} ({department['id']})"
        assert cell(label, "Headcount") == department["headcount"]
        assert cell(label, "Total headcount") == department["total_headcount"]
        assert cell(label, "Total in post") == department["total_current"]
        assert cell(label, "Total annual cost (CNY)") == department["total_annual_cost"]
        assert cell(label, "编制") == department["total_establishment"]
        assert cell(label, "Vacant") == department["total_vacancies"]
        assert cell(label, "Over") == department["total_over_establishment"]
    assert cell("运营部 (ops)", "Total headcount") == 324
    assert summary[f"A{row_labelled(summary, '上海站点 (shanghai)')}"].alignment.indent == 1

    def measure(label: str):
        return formulas.value(summary, f"B{row_labelled(summary, label)}")

    assert measure("Total headcount") == document["total_headcount"] == 339
    assert measure("Establishment (编制)") == document["establishment"] == 345
    assert measure("Vacancies (编制 − in post)") == document["vacancies"]
    assert measure("Over establishment (planned − 编制)") == document["over_establishment"] == -6
    assert measure("Budget (CNY)") == document["budget"] == 52_000_000
    assert measure("Budget variance (cost − budget)") == document["budget_variance"] == -2_680_000

    ops = workbook["运营部"]
    total = row_labelled(ops, "Total")
    assert [ops.cell(2, c).value for c in (8, 9, 10)] == ["编制", "Vacant", "Over"]
    assert formulas.value(ops, f"H{total}") == document["departments"][0]["establishment"] == 3


def test_org_chart_sheet_is_the_chart(bank, sites):
    for plan in (bank, sites):
        chart = org_chart(plan)
        sheet = open_workbook(plan)["Org chart"]
        *rows, blank, note = sheet.iter_rows(min_row=3, values_only=True)
        assert set(blank) == {None} and note[0].startswith("Every number on this sheet")
        assert [(row[0], row[2]) for row in rows] == [(n.name, n.headcount) for n in chart.nodes]
        indents = [sheet.cell(r, 1).alignment.indent for r in range(3, 3 + len(rows))]
        assert indents == [chart.depth(node.key) for node in chart.nodes]
    sheet = open_workbook(bank)["Org chart"]
    under_dgm = [
        row[0] for row in sheet.iter_rows(min_row=3, values_only=True) if row[1] == "Department"
    ]
    assert under_dgm == ["运营部", "品质部", "支撑部", "营销部", "综合部"]
