"""The views people read, in Chinese: golden files beside the English ones."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("args", "golden_name"),
    [
        (("plan", "--width", "110"), "plan_bank.zh.txt"),
        (("plan", "-f", "markdown"), "plan_bank.zh.md"),
        (("export", "--to", "markdown"), "report_bank.zh.md"),
    ],
)
def test_bank_views_in_chinese(run_cli, golden, bank_path: Path, args, golden_name) -> None:
    result = run_cli(args[0], str(bank_path), *args[1:], "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    golden(golden_name, result.stdout)
    english = run_cli(args[0], str(bank_path), *args[1:], "--lang", "en").stdout
    for label in ("Total", "Headcount", "Annual cost"):
        assert label not in result.stdout
        assert label in english
