"""`ccorg capacity` and `ccorg explain --month` as a user runs them, on configs/bank.yaml."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import BANK


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_bank_month_by_month_in_the_terminal(run_cli, golden, language):
    result = run_cli(
        "capacity",
        str(BANK),
        "--scenario",
        "credit_card_launch",
        "--post",
        "card_specialist",
        "--width",
        "80",
        "--lang",
        language,
    )
    assert result.exit_code == 0, result.stderr
    suffix = "" if language == "en" else ".zh"
    golden(f"capacity_bank_card_specialist{suffix}.txt", result.stdout)


def test_the_bank_in_chinese_says_the_shortfall_plainly(run_cli):
    result = run_cli("capacity", str(BANK), "--lang", "zh", "--post", "agent", "--width", "100")
    assert result.exit_code == 0, result.stderr
    assert "18 个月中有 3 个月缺员" in result.stdout
    assert "最早一班 2027-03-01 开班" in result.stdout


def test_the_launch_json_is_the_documented_contract(run_cli):
    result = run_cli("capacity", str(BANK), "-s", "credit_card_launch", "-f", "json")
    document = json.loads(result.stdout)
    assert document["format_version"] == 1
    assert document["months"][0] == "2027-01" and len(document["months"]) == 18
    assert document["month_follows"][3:5] == ["base", "credit_card_launch"]
    card = next(p for p in document["posts"] if p["id"] == "card_specialist")
    for key in (
        "required_fte",
        "heads",
        "attrition",
        "starts",
        "in_training",
        "productive_fte",
        "over_under",
        "cost",
    ):
        assert len(card[key]) == 18, key
    # Nothing is required before the launch, yet the first class is hired for it.
    assert card["required_fte"][:4] == [0.0] * 4 and card["required_fte"][4] > 30
    first = card["hires"][0]
    assert first == {
        "requisition_date": "2027-01-04",
        "start_date": "2027-03-01",
        "size": 25,
        "productive_from": "2027-04-12",
        "productive_month": "2027-04",
    }
    # Heads balance: last month's less leavers plus starts, every month.
    heads = [0.0, *card["heads"]]
    for m in range(18):
        change = card["starts"][m] - card["attrition"][m] - card["training_loss"][m]
        assert heads[m + 1] == pytest.approx(heads[m] + change, abs=1e-6)
    # The cost is the heads on roll at 180,000 a year.
    assert card["cost"][5] == pytest.approx(card["heads"][5] * 15000, abs=1e-3)
    assert document["cost"][5] == pytest.approx(
        sum(p["cost"][5] for p in document["posts"])
        + sum(p["cost"][5] for p in document["other_posts"] if p["cost"]),
        abs=1e-3,
    )
    assert {"post": "card_specialist", "month": "2027-05", "fte": card["shortfall"][0]["fte"]} in (
        document["shortfall"]
    )


def test_csv_has_a_row_per_post_and_month(run_cli):
    result = run_cli("capacity", str(BANK), "-f", "csv", "--post", "agent")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["month"] for row in rows][:2] == ["2027-01", "2027-02"] and len(rows) == 18
    assert float(rows[1]["required_fte"]) > float(rows[0]["required_fte"])  # February's 1.15


def test_markdown_has_the_hiring_table(run_cli):
    result = run_cli("capacity", str(BANK), "-f", "markdown", "--post", "agent")
    assert "| Requisition | Class starts | Size | Productive from |" in result.stdout
    assert result.stdout.startswith("### 客服中心: 2027-01 – 2028-06")


def test_explain_a_month_shows_its_chain(run_cli):
    result = run_cli(
        "explain",
        str(BANK),
        "card_specialist",
        "-s",
        "credit_card_launch",
        "--month",
        "2027-05",
        "--width",
        "200",
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "  2027-05: follows scenario credit_card_launch"
    assert (
        "class of 25 from 2027-03-01: 20.63 on roll, productive at 75% → 15.47 FTE" in result.stdout
    )
    assert (
        "heads: 46.25 (at the end of 2027-04) − 0.62 attrition (2.9286% a month)" in result.stdout
    )
    document = json.loads(
        run_cli(
            "explain",
            str(BANK),
            "team_leader",
            "-s",
            "credit_card_launch",
            "--month",
            "2027-05",
            "-f",
            "json",
        ).stdout
    )
    capacity = run_cli("capacity", str(BANK), "-s", "credit_card_launch", "-f", "json").stdout
    agent = next(p for p in json.loads(capacity)["posts"] if p["id"] == "agent")
    agents = agent["required_headcount"][4]
    assert document["headcount"] == -(-agents // 12)
    assert f"one per 12: {agents} ÷ 12 = {agents / 12:.3f}" in document["steps"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("capacity", str(BANK), "--post", "agnet"), "no post 'agnet'; did you mean 'agent'?"),
        (("explain", str(BANK), "agent", "--month", "2027-5"), "write a month as YYYY-MM"),
        (("explain", str(BANK), "agent", "--month", "2030-01"), "outside the capacity horizon"),
        (("capacity", str(BANK), "--scenario", "lunch"), "no scenario 'lunch'"),
    ],
)
def test_usage_mistakes_exit_2(run_cli, args, message):
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_scenario_in_force_from_the_first_month_plans_every_month(run_cli):
    # `lean` has no `effective`: no month follows the base, whose streams are never solved.
    result = run_cli("capacity", str(BANK), "--scenario", "lean", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert set(document["month_follows"]) == {"lean"}
    assert document["posts"] and all(any(p["required_fte"]) for p in document["posts"])


def test_the_chinese_month_explain_names_the_month_and_uses_full_width_marks(run_cli):
    result = run_cli(
        "explain", str(BANK), "agent", "--month", "2027-05", "--lang", "zh", "--width", "200"
    )
    assert result.exit_code == 0, result.stderr
    assert "典型周 × 0.98（5月），按本月各星期几天数" in result.stdout
    assert "(may)" not in result.stdout
    assert "在册：68.57（2027-04 月末）− 流失 2.01（每月 2.9286%）" in result.stdout
    english = run_cli("explain", str(BANK), "agent", "--month", "2027-05", "--width", "200")
    assert "the typical week × 0.98 (may)" in english.stdout


def test_the_chinese_capacity_table_reads_cleanly(run_cli):
    result = run_cli(
        "capacity", str(BANK), "--lang", "zh", "--post", "complaint_specialist", "--width", "100"
    )
    assert result.exit_code == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("2027-03"))
    assert row.split()[-2:] == ["0.0", "¥14.52万"]
    assert "-0.0" not in result.stdout and "K" not in result.stdout
    assert "2027-01 之前的在册人数：8 人（未填在岗人数，取首月所需人数）" in result.stdout
