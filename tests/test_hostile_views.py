"""The hostile bank through every command and every format it writes: no output attacks its
reader.

No raw control, format or bidi character reaches the output (only line breaks, and a BOM
first), Markdown carries no raw HTML, no CSV text cell starts a formula, every JSON parses,
and every workbook re-opens with its hostile text as strings, never formulas. The formats are
read from the format enums: a new one fails by name until a case here writes it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from enum import StrEnum
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccorg.commands import formats
from ccorg.commands.formats import (
    CheckFormat,
    CompareFormat,
    DiffFormat,
    ErlangFormat,
    ExplainFormat,
    ExportFormat,
    PlanFormat,
    ScheduleFormat,
    SimulateFormat,
)
from ccorg.render.csv_cells import FORMULA_STARTS
from tests.hostile_config import hostile_bank

SCENARIO = "credit_card_launch"
# Each command by the formats it writes; {path} is the hostile bank, {out} a file to write.
COMMANDS: dict[str, tuple[type[StrEnum], list[str]]] = {
    "plan": (PlanFormat, ["plan", "{path}", "-f"]),
    "capacity": (PlanFormat, ["capacity", "{path}", "-f"]),
    "explain": (ExplainFormat, ["explain", "{path}", "agent", "-f"]),
    "explain-month": (ExplainFormat, ["explain", "{path}", "agent", "--month", "2027-03", "-f"]),
    "diff": (DiffFormat, ["diff", "{path}", "{path}@" + SCENARIO, "-f"]),
    "diff-capacity": (DiffFormat, ["diff", "{path}", "{path}@" + SCENARIO, "--capacity", "-f"]),
    "compare": (CompareFormat, ["compare", "{path}", "--scenarios", "all", "-o", "{out}", "-f"]),
    "export": (ExportFormat, ["export", "{path}", "-o", "{out}", "--to"]),
    "check": (CheckFormat, ["check", "{path}", "-f"]),
    "schedule": (ScheduleFormat, ["schedule", "{path}", "-f"]),
    "simulate": (
        SimulateFormat,
        ["simulate", "{path}", "--replications", "2", "--days", "mon", "-f"],
    ),
    "erlang": (ErlangFormat, ["erlang", "--forecast", "{forecast}", "-f"]),
}
# What a command does not write (a usage error, tested where the command is).
NOT_WRITTEN = {("diff-capacity", "html"), ("erlang", "text")}
# Outputs of ids and figures only: no name, note or duty to escape.
NAMELESS = {("explain-month", "json"), ("compare", "csv"), ("schedule", "csv")}
CASES = [
    pytest.param(name, fmt.value, id=f"{name}-{fmt.value}")
    for name, (enum, _args) in COMMANDS.items()
    for fmt in enum
    if (name, fmt.value) not in NOT_WRITTEN
]
# Control (C0, C1, DEL), format (bidi overrides and isolates, zero-width marks) and line or
# paragraph separator characters: none may reach a reader raw.
UNPRINTABLE = {"Cc", "Cf", "Zl", "Zp"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "bank.yaml"
    path.write_text(hostile_bank(), encoding="utf-8")
    forecast = folder / "forecast.csv"
    label = '=HYPERLINK("http://evil","x")\x1b]0;PWN\x07\x9b2J\u202eRTL<img src=x>\r\nX'
    rows = [["label", "calls", "interval_seconds", "aht_seconds", "sl_target", "sl_seconds"]]
    rows += [[label, "100", "1800", "180", "0.8", "20"], ["-3", "300", "1800", "180", "0.8", "20"]]
    with forecast.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    return {"path": path, "forecast": forecast, "folder": folder}


def test_every_format_of_every_command_is_swept() -> None:
    enums = {value for value in vars(formats).values() if isinstance(value, type)}
    enums = {e for e in enums if issubclass(e, StrEnum) and e is not StrEnum}
    assert enums == {enum for enum, _args in COMMANDS.values()}


@pytest.mark.parametrize(("name", "fmt"), CASES)
def test_no_output_attacks_its_reader(
    run_cli, hostile: dict[str, Path], name: str, fmt: str
) -> None:
    out = hostile["folder"] / f"{name}.{fmt}"
    values = {"path": str(hostile["path"]), "forecast": str(hostile["forecast"]), "out": str(out)}
    args = [a.format(**values) for a in COMMANDS[name][1]]
    result = run_cli(*args, fmt)
    assert result.exit_code in (0, 1), result.stderr  # check reports the hostile names
    assert_printable(result.stderr)
    if fmt == "xlsx":
        assert_safe_workbook(out.read_bytes())
        return
    text = out.read_text(encoding="utf-8") if "{out}" in COMMANDS[name][1] else result.stdout
    assert_printable(text)
    # Escaped, not dropped: the reader sees what the file holds (the charts drop controls).
    shows_text = (name, fmt) not in NAMELESS
    if fmt not in ("mermaid", "dot") and name != "erlang" and shows_text:
        assert "\\x1b" in text or "\\u001b" in text, "the hostile text is not shown"
    if fmt in ("json", "sarif"):
        json.loads(text)
    if fmt == "markdown":
        assert re.sub("<br>", "", text).count("<") == 0, "raw HTML in Markdown"
    if fmt == "html":
        assert "<img src=x" not in text and "<script>alert" not in text
    if fmt == "csv":
        assert_no_formula(text, shows_text)


def assert_printable(text: str) -> None:
    raw = {
        f"U+{ord(c):04X}"
        for c in text.removeprefix("\ufeff")
        if c != "\n" and unicodedata.category(c) in UNPRINTABLE
    }
    assert raw == set(), "raw unprintable characters"


def assert_no_formula(text: str, shows_text: bool) -> None:
    cells = [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]
    formulas = [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    assert formulas == []
    assert any(c.startswith("'=") for c in cells) == shows_text, "hostile text cells not kept"


def assert_safe_workbook(data: bytes) -> None:
    workbook = load_workbook(io.BytesIO(data))  # a raw control anywhere would not parse
    hostile = []
    for sheet in workbook.worksheets:
        assert_printable(sheet.title)
        for part in (sheet.oddHeader, sheet.oddFooter):
            for side in (part.left, part.center, part.right):
                assert_printable(side.text or "")
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert_printable(cell.value.replace("\t", ""))
                    # Our own formulas name the sheets, whose names are the hostile text
                    # cut and without escapes: '=1+2<img src=x onerror=alert(1)'!D5.
                    if "\\x1b" in cell.value:
                        hostile.append(cell)
                    if cell.data_type == "f":
                        assert "HYPERLINK" not in cell.value and "\\" not in cell.value
    assert hostile, "the workbook shows none of the hostile text"
    assert {cell.data_type for cell in hostile} == {"s"}, "hostile text written as a formula"


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


# The terminal views in colour: Rich's own SGR codes are the only escapes left.
COLORED = [name for name, (enum, _args) in COMMANDS.items() if {"text", "table"} & set(enum)]


@pytest.mark.parametrize("name", [n for n in COLORED if n != "erlang"])
def test_no_terminal_view_in_colour_prints_a_raw_sequence(
    run_cli, hostile: dict[str, Path], name: str
) -> None:
    enum, args = COMMANDS[name]
    fmt = "table" if "table" in set(enum) else "text"
    values = {"path": str(hostile["path"]), "out": "-"}
    result = run_cli(*(a.format(**values) for a in args), fmt, "--color", "always")
    assert result.exit_code in (0, 1), result.stderr
    colors = re.compile(r"\x1b\[[0-9;]*m")
    assert colors.search(result.stdout), "not in colour"
    assert_printable(colors.sub("", result.stdout))
