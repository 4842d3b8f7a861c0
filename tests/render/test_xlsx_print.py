"""The workbook as finance prints it: page setup on every sheet, a note on its cells, and a
real spreadsheet engine (LibreOffice, headless) turning it into pages that read right."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ccorg.commands.export import shift_plans
from ccorg.i18n import Language, activate
from ccorg.pipeline import load_config, plan_config
from ccorg.render.plan_xlsx import render_plan_xlsx, stream_intervals
from ccorg.render.xlsx_print import _spans, set_up_page

MADE = date(2026, 12, 1)


def workbook(bank_path: Path, language: Language = Language.en, scenario: str | None = None):
    """The bank's workbook as `ccorg export` writes it, with the agents' shifts sheet."""
    activate(language)
    loaded = load_config(str(bank_path), scenario)
    plan = plan_config(loaded)
    shifts = shift_plans(loaded)
    return render_plan_xlsx(plan, stream_intervals(plan), scenario, MADE, shifts=shifts)


def test_every_sheet_prints_landscape_one_page_wide_with_titles(bank_path: Path) -> None:
    book = load_workbook(io.BytesIO(workbook(bank_path, scenario="credit_card_launch")))
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$2"
        assert ws.oddHeader.left.text == "客服中心 · scenario credit_card_launch"
        assert ws.oddHeader.right.text == "made 2026-12-01"
        assert ws.oddFooter.center.text == "page &P of &N"


def test_each_sheet_says_which_cells_are_formulas(bank_path: Path) -> None:
    book = load_workbook(io.BytesIO(workbook(bank_path)))
    for ws in book.worksheets:
        note = ws.cell(ws.max_row, 1).value
        formula_rows = {cell.row for row in ws.iter_rows() for cell in row if cell.data_type == "f"}
        if formula_rows:
            assert note.startswith("Formulas (they recalculate"), ws.title
            assert _spans(sorted(formula_rows)) in note
        else:
            assert note.startswith("Every number on this sheet is a value"), ws.title


def test_spans() -> None:
    assert _spans([3, 4, 5, 9, 11, 12]) == "3–5, 9, 11–12"


def test_in_chinese(bank_path: Path) -> None:
    book = load_workbook(io.BytesIO(workbook(bank_path, Language.zh)))
    assert book.sheetnames[:3] == ["概览", "组织架构图", "客服中心"]
    ws = book.worksheets[0]
    assert [c.value for c in ws[2][:2]] == ["指标", "数值"]
    assert ws["A4"].value == "计划总人数"
    assert [c.value for c in book["运营部"][2][:4]] == ["岗位", "职级", "规则", "定编人数"]
    assert ws.oddHeader.right.text == "制表日期 2026-12-01"
    assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert ws.cell(ws.max_row, 1).value.startswith("公式（")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_workbook(bank_path: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    book = tmp_path / "plan.xlsx"
    book.write_bytes(workbook(bank_path, Language.zh))
    sheets = load_workbook(io.BytesIO(book.read_bytes())).sheetnames
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = PdfReader(tmp_path / "plan.pdf").pages
    texts = [page.extract_text() for page in pages]
    # One page wide: no sheet spills sideways, so a sheet takes one page per screen of rows;
    # every sheet starts a page that names its header and its page number.
    assert len(sheets) <= len(pages) <= 2 * len(sheets)
    for number, text in enumerate(texts, start=1):
        assert f"第 {number} 页，共 {len(pages)} 页" in text
        assert "客服中心" in text and "制表日期 2026-12-01" in text
    everything = "\n".join(texts)
    assert "###" not in everything  # no column too narrow for its value
    for expected in (
        "运营部·业务组组长",
        "21,100,000",
        "公式（",
        "排班效率（需求 ÷ 计薪）",
        "早班 (early)",
    ):
        assert expected in everything


def test_a_hostile_center_name_leaves_a_workbook_that_opens() -> None:
    # One raw ESC in the page header made every sheet's XML unreadable.
    center = "=1+2<img>\x1b]0;PWN\x07\x9b2J\u202e&" + "长" * 200
    book = Workbook()
    set_up_page(book.active, center, "s\x1b", MADE)
    out = io.BytesIO()
    book.save(out)
    header = load_workbook(io.BytesIO(out.getvalue())).active.oddHeader.left.text
    assert header.startswith("=1+2<img>\\x1b]0;PWN\\x07\\x9b2J\\u202e&&长")
    assert header.endswith("…") and len(header) <= 255
