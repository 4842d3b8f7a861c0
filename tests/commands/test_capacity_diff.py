"""`ccorg diff OLD NEW --capacity` as a user runs it: the views, the exit codes, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import BANK
from tests.test_capacity_diff import horizon_line, small


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_bank_launch_in_the_terminal(run_cli, golden, language, monkeypatch):
    # From the project's root, so the labels read configs/bank.yaml as a user types it.
    monkeypatch.chdir(BANK.parent.parent)
    launch = ("configs/bank.yaml", "configs/bank.yaml@credit_card_launch")
    result = run_cli("diff", *launch, "--capacity", "--lang", language, "--width", "100")
    assert result.exit_code == 0, result.stderr
    suffix = "" if language == "en" else ".zh"
    golden(f"diff_capacity_bank_credit_card_launch{suffix}.txt", result.stdout)


def test_the_json_is_the_documented_contract(tmp_path, run_cli):
    old, new = small(tmp_path, "old.yaml", 0.30), small(tmp_path, "new.yaml", 0.20)
    result = run_cli("diff", old, new, "--capacity", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format_version"] == 1 and document["kind"] == "capacity_diff"
    assert document["months"] == ["2027-05", "2027-06", "2027-07", "2027-08", "2027-09"]
    (agent,) = document["posts"]
    assert agent["status"] == "changed"
    assert agent["hires"] == [
        {
            "change": "removed",
            "before": {
                "requisition_date": "2027-07-04",
                "start_date": "2027-08-01",
                "size": 5,
                "productive_from": "2027-08-01",
            },
            "after": None,
        }
    ]
    assert agent["before"]["starts"] == [0.0, 0.0, 0.0, 5.0, 0.0]
    assert agent["after"]["heads"][0] == round(50 * 0.8 ** (1 / 12), 7)
    assert agent["causes"][0]["field"] == "workforce.default.attrition_annual"
    assert agent["causes"][0]["months"] == document["months"]
    cost = document["cost"]
    assert cost["change"] == round(cost["after"] - cost["before"], 7)
    assert [year["year"] for year in cost["by_year"]] == [2027]
    assert cost["by_year"][0]["after"] == cost["after"]


def test_exit_code_says_whether_anything_moved(tmp_path, run_cli):
    old, new = small(tmp_path, "old.yaml", 0.30), small(tmp_path, "new.yaml", 0.20)
    assert run_cli("diff", old, new, "--capacity", "--exit-code").exit_code == 1
    same = run_cli("diff", old, old, "--capacity", "--exit-code")
    assert same.exit_code == 0
    assert "No changes in capacity 2027-05 – 2027-09" in same.stdout


def test_the_markdown_is_a_pull_request_comment(tmp_path, run_cli):
    old, new = small(tmp_path, "old.yaml", 0.30), small(tmp_path, "new.yaml", 0.20)
    result = run_cli("diff", old, new, "--capacity", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"### Capacity: `{old}` → `{new}`"
    assert "- − removed: class of 2027-08-01, 5 heads (requisition 2027-07-04," in result.stdout
    assert "| 2027-08 | " in result.stdout
    assert "- workforce.default.attrition_annual 0.3 → 0.2" in lines


def test_two_horizons_are_located_errors_never_a_traceback(tmp_path, run_cli):
    old, new = small(tmp_path, "a.yaml", 0.3), small(tmp_path, "b.yaml", 0.3, months=6)
    result = run_cli("diff", old, new, "--capacity")
    assert result.exit_code == 1
    assert f"{old}:{horizon_line(old)}:" in result.stderr
    assert f"{new}:{horizon_line(new)}:" in result.stderr
    assert "Traceback" not in result.stderr
    assert run_cli("diff", old, new, "--capacity", "--exit-code").exit_code == 2


def test_a_config_without_capacity_is_a_located_error(tmp_path, run_cli):
    plain = tmp_path / "plain.yaml"
    text = Path(small(tmp_path, "c.yaml", 0.3)).read_text(encoding="utf-8")
    plain.write_text(text.split("capacity:")[0], encoding="utf-8")
    result = run_cli("diff", str(plain), str(plain), "--capacity")
    assert result.exit_code == 1
    assert f"{plain}:1:" in result.stderr and "no 'capacity:' section" in result.stderr


def test_html_is_a_usage_error(tmp_path, run_cli):
    path = small(tmp_path, "c.yaml", 0.3)
    result = run_cli("diff", path, path, "--capacity", "-f", "html")
    assert result.exit_code == 2
    assert "--capacity shows a table, json or markdown" in result.stderr


def test_all_lists_every_month_with_its_value(tmp_path, run_cli):
    path = small(tmp_path, "c.yaml", 0.30)
    result = run_cli("diff", path, path, "--capacity", "--all", "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| 2027-")]
    assert [row.split(" | ")[0] for row in rows] == [f"| 2027-{m:02d}" for m in range(5, 10)]
    # May's heads on both sides: 50 × 0.7^(1/12), one value since the two agree.
    assert rows[0].split(" | ")[2] == f"{50 * 0.7 ** (1 / 12):.1f}"
