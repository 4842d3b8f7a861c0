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


SITES = Path(__file__).resolve().parents[2] / "configs" / "examples" / "two_sites.yaml"


@pytest.mark.parametrize(
    ("args", "golden_name"),
    [
        (("explain", "{bank}", "agent", "--lang", "en"), "explain_bank_agent.en.txt"),
        (("check", "{bank}", "--lang", "zh"), "check_bank.zh.txt"),
        (("plan", str(SITES), "--width", "100", "--lang", "zh"), "plan_two_sites.zh.txt"),
        (("export", "{bank}", "--to", "dot", "--lang", "zh"), "export/bank.dot"),
        (("export", "{bank}", "--to", "mermaid", "--lang", "zh"), "export/bank.mmd"),
    ],
)
def test_the_other_language_of_each_golden(
    run_cli, golden, bank_path: Path, monkeypatch: pytest.MonkeyPatch, args, golden_name
) -> None:
    """Each view's golden in the language its first golden lacks (English for explain, zh for
    the two-sites plan, the charts and the bank's check), read as the user sees it. The charts
    hold only the author's names and counts, so under zh they match the English golden."""
    monkeypatch.chdir(SITES.parents[2])
    result = run_cli(*(arg.format(bank="configs/bank.yaml") for arg in args))
    assert result.exit_code == 0, result.stderr
    text = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    golden(golden_name, text)
    labels = {
        "en": ("Derivation", "headcount", "warning", "Total"),
        "zh": ("合计", "人", "管理幅度"),
    }
    language = args[args.index("--lang") + 1]
    assert any(label in text for label in labels[language])
    if language == "zh":
        assert "Total" not in text and "Headcount" not in text
