"""`ccorg export` as a user runs it: every format from the seed bank, to files and stdout."""

from __future__ import annotations

import io
import os
import stat
import sys
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccorg.cli import main
from ccorg.commands.export import ExportFormat, render_export
from ccorg.i18n import Language, activate
from ccorg.pipeline import plan_file

BANK = str(Path(__file__).resolve().parents[2] / "configs" / "bank.yaml")


@pytest.fixture(scope="module")
def bank():
    # Built before the per-test `english` fixture: its bases are worded in English here too.
    activate(Language.en)
    return plan_file(BANK)


@pytest.mark.parametrize(
    ("export_format", "name"),
    [("mermaid", "org.mmd"), ("dot", "org.dot"), ("markdown", "PLAN.md")],
)
def test_text_formats_to_a_file(run_cli, tmp_path, bank, export_format, name):
    out = tmp_path / name
    result = run_cli("export", BANK, "--to", export_format, "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert out.read_bytes() == render_export(bank, ExportFormat(export_format))
    assert os.listdir(tmp_path) == [name]


def test_workbook_to_a_file(run_cli, tmp_path, bank):
    out = tmp_path / "plan.xlsx"
    result = run_cli("export", BANK, "--to", "xlsx", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    workbook = load_workbook(out)
    assert workbook.sheetnames[:4] == ["Summary", "Org chart", "客服中心", "运营部"]
    assert workbook["运营部"]["D11"].value == "=SUM(D3:D10)"


@pytest.mark.parametrize(
    ("name", "first_line"),
    [
        ("org.mmd", "flowchart TD"),
        ("org.gv", "digraph org {"),
        ("PLAN.MD", "# 客服中心 staffing plan"),
    ],
)
def test_format_is_told_from_the_suffix(run_cli, tmp_path, name, first_line):
    out = tmp_path / name
    assert run_cli("export", BANK, "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == first_line


def test_text_to_stdout(run_cli, bank):
    result = run_cli("export", BANK, "--to", "mermaid", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.encode() == render_export(bank, ExportFormat.mermaid)
    assert run_cli("export", BANK, "--to", "dot").stdout.startswith("digraph org {")


class FakeStdout(io.TextIOWrapper):
    def __init__(self, tty: bool) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_workbook_to_stdout_is_binary(monkeypatch, capsys):
    stdout = FakeStdout(tty=False)
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["export", BANK, "--to", "xlsx", "-o", "-"]) == 0
    workbook = load_workbook(io.BytesIO(stdout.buffer.getvalue()))
    assert workbook.sheetnames[0] == "Summary"


def test_workbook_is_not_sent_to_a_terminal(monkeypatch, capsys):
    stdout = FakeStdout(tty=True)
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["export", BANK, "--to", "xlsx"]) == 2
    assert stdout.buffer.getvalue() == b""
    assert "xlsx workbook is binary: write it with -o FILE" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "pdf"], "'pdf' is not one of 'xlsx', 'mermaid', 'dot', 'markdown'"),
        ([], "give the format with --to ('xlsx', 'mermaid', 'dot', 'markdown', 'html')"),
        (["-o", "plan.txt"], "it cannot be told from 'plan.txt'"),
    ],
)
def test_format_mistakes_are_usage_errors(run_cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run_cli("export", BANK, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("args", [[], ["-o", "plan.txt"]])
def test_a_missing_config_is_told_before_the_format(run_cli, tmp_path, args):
    # #9: without -o or --to it used to ask for --to first; the config named comes first.
    missing = tmp_path / "nope.yaml"
    result = run_cli("export", str(missing), *args)
    assert (result.exit_code, result.stderr) == (2, f"ccorg: {missing}: no such file\n")


def test_an_unwritable_output_is_a_usage_error(run_cli, tmp_path):
    out = tmp_path / "missing" / "org.dot"
    result = run_cli("export", BANK, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"ccorg: cannot write {out}: no such file or directory (ENOENT)\n"


def test_a_config_with_errors_writes_nothing(run_cli, tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("version: 1\ncenter: {id: x, name: X}\ngrades: []\n", encoding="utf-8")
    out = tmp_path / "plan.md"
    out.write_text("previous report", encoding="utf-8")
    result = run_cli("export", str(config), "-o", str(out))
    assert result.exit_code == 1
    assert "bad.yaml:3:9" in result.stderr
    assert out.read_text(encoding="utf-8") == "previous report"
    assert sorted(os.listdir(tmp_path)) == ["bad.yaml", "plan.md"]


def test_a_failing_export_leaves_the_old_file_intact(run_cli, tmp_path, monkeypatch):
    out = tmp_path / "plan.xlsx"
    out.write_bytes(b"last week's workbook")

    def broken(plan, streams=(), scenario=None, capacity=None, shifts=()):
        raise RuntimeError("renderer failed")

    monkeypatch.setattr("ccorg.render.plan_xlsx.render_plan_xlsx", broken)
    result = run_cli("export", BANK, "-o", str(out))
    assert result.exit_code == 3
    assert "internal error: RuntimeError: renderer failed" in result.stderr
    assert out.read_bytes() == b"last week's workbook"
    assert os.listdir(tmp_path) == ["plan.xlsx"]


def test_a_failing_write_leaves_the_old_file_intact(run_cli, tmp_path, monkeypatch):
    out = tmp_path / "org.mmd"
    out.write_text("old chart", encoding="utf-8")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ccorg.atomic.os.replace", full)
    result = run_cli("export", BANK, "-o", str(out))
    assert result.exit_code == 2
    assert (
        "cannot write" in result.stderr and "no space left on the device (ENOSPC)" in result.stderr
    )
    assert out.read_text(encoding="utf-8") == "old chart"
    assert os.listdir(tmp_path) == ["org.mmd"]


def test_config_from_stdin(run_cli, monkeypatch, tmp_path, bank):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(Path(BANK).read_bytes())))
    out = tmp_path / "org.dot"
    assert run_cli("export", "-", "-o", str(out)).exit_code == 0
    assert f"客服中心 ×{bank.total_headcount}" in out.read_text(encoding="utf-8")


def test_a_scenario_is_exported(run_cli, tmp_path):
    out = tmp_path / "PLAN.md"
    result = run_cli("export", BANK, "--scenario", "credit_card_launch", "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    report = out.read_text(encoding="utf-8")
    assert "| Total headcount | 206 |" in report
    assert 'p_card_specialist["信用卡专员 ×32"]' in report


def test_an_unknown_scenario_writes_nothing(run_cli, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run_cli("export", BANK, "--scenario", "nope", "-o", str(out))
    assert result.exit_code == 2
    assert "nope" in result.stderr
    assert os.listdir(tmp_path) == []


def test_a_directory_as_output_is_a_usage_error(run_cli, tmp_path):
    result = run_cli("export", BANK, "--to", "dot", "-o", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"ccorg: {tmp_path} is a directory; give the file to write\n"
    assert os.listdir(tmp_path) == []


def test_a_fifo_as_output_is_written_into(run_cli, tmp_path):
    fifo = tmp_path / "chart.mmd"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = run_cli("export", BANK, "-o", str(fifo))
    reader.join(timeout=30)
    assert (result.exit_code, result.stderr) == (0, "")
    assert received[0].startswith("flowchart TD")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_the_chinese_workbook_titles_its_summary_in_chinese(run_cli, tmp_path):
    out = tmp_path / "plan.xlsx"
    result = run_cli("export", BANK, "--to", "xlsx", "-o", str(out), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    workbook = load_workbook(out)
    assert workbook["概览"]["A1"].value == "客服中心（kfzx）人员配置方案"
    english = tmp_path / "en.xlsx"
    run_cli("export", BANK, "--to", "xlsx", "-o", str(english), "--lang", "en")
    assert load_workbook(english)["Summary"]["A1"].value == "客服中心 (kfzx) staffing plan"


@pytest.mark.parametrize("spelled", ["descriptor", "device"])
def test_workbook_is_not_sent_to_a_terminal_by_its_path(run_cli, spelled):
    # `-o /dev/stdout` on a terminal, or `-o /dev/pts/3`: a terminal all the same.
    controller, terminal = os.openpty()
    try:
        path = f"/dev/fd/{terminal}" if spelled == "descriptor" else os.ttyname(terminal)
        for args in (["export", BANK, "--to", "xlsx"], ["compare", BANK, "-f", "xlsx"]):
            result = run_cli(*args, "-o", path)
            assert result.exit_code == 2
            assert "xlsx workbook is binary: write it with -o FILE" in result.stderr
        os.set_blocking(controller, False)
        with pytest.raises(BlockingIOError):  # nothing reached the terminal
            os.read(controller, 1024)
    finally:
        os.close(terminal)
        os.close(controller)
