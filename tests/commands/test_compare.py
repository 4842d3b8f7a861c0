"""`ccorg compare` as a user runs it: the bank's scenarios side by side, and a sensitivity grid
whose every variant equals the plan of a file written with that value."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ccorg.config.variation import MAX_VARIANTS
from ccorg.pipeline import compare_file, plan_file
from tests.conftest import SHIFTED

BANK = Path(__file__).resolve().parents[2] / "configs" / "bank.yaml"
AHT_LINE = "      aht_seconds: 180          # talk + hold + after-call work\n"
VOLUME_LINE = "      volume: {per_day: 3000}\n"


def bank_with(tmp_path: Path, aht: float | None = None, per_day: float | None = None) -> str:
    """The bank written anew with the calls stream's AHT or volume changed, by text."""
    text = BANK.read_text(encoding="utf-8")
    assert text.count(AHT_LINE) == 1 and text.count(VOLUME_LINE) == 1
    if aht is not None:
        text = text.replace(AHT_LINE, f"      aht_seconds: {aht:g}\n")
    if per_day is not None:
        text = text.replace(VOLUME_LINE, f"      volume: {{per_day: {per_day:g}}}\n")
    path = tmp_path / f"bank-{aht}-{per_day}.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_side_by_side_columns_are_each_scenarios_own_plan(run_cli):
    result = run_cli("compare", str(BANK), "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert document["format_version"] == 1
    assert document["mode"] == "scenarios"
    assert [c["id"] for c in document["columns"]] == ["base", "credit_card_launch", "lean"]
    base = plan_file(str(BANK))
    for column in document["columns"]:
        plan = plan_file(str(BANK), None if column["id"] == "base" else column["id"])
        assert column["totals"]["headcount"] == plan.total_headcount
        assert column["totals"]["annual_cost"] == plan.total_cost
        assert column["totals"]["frontline"] == plan.frontline_headcount
        assert column["delta"]["headcount"] == plan.total_headcount - base.total_headcount
        # The bank's departments do not nest: each one's total is its own posts'.
        assert [(d["id"], d["headcount"]) for d in column["departments"]] == [
            (d.id, d.headcount) for d in plan.departments
        ]
        peaks = {s["id"]: s["peak_agents"] for s in column["streams"]}
        assert peaks == {s.id: round(s.peak[2], 7) for s in plan.streams}  # JSON: 7 decimals


def test_the_terminal_table_shows_every_plan_and_its_change(run_cli):
    result = run_cli("compare", str(BANK), "--scenarios", "credit_card_launch", "--width", "100")
    assert result.exit_code == 0
    base, launch = plan_file(str(BANK)), plan_file(str(BANK), "credit_card_launch")
    headcount = next(line for line in result.stdout.splitlines() if "Headcount" in line)
    assert headcount.split()[1:] == [str(base.total_headcount), str(launch.total_headcount)]
    change = result.stdout.splitlines()[result.stdout.splitlines().index(headcount) + 1]
    assert change.split() == [f"{launch.total_headcount - base.total_headcount:+d}"]


def test_every_variant_equals_the_plan_of_a_file_with_that_value(run_cli, tmp_path):
    result = run_cli(
        "compare",
        str(BANK),
        "--vary",
        "demand.streams.calls.aht_seconds=170:200:15",
        "--vary",
        "calls.volume.per_day=*0.9:*1.1:*0.2",
        "--format",
        "csv",
    )
    assert (result.exit_code, result.stderr) == (0, "")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["variant"] for r in rows] == ["base", *(f"v{i}" for i in range(1, 7))]
    grid = [(r["demand.streams.calls.aht_seconds"], r["calls.volume.per_day"]) for r in rows[1:]]
    assert grid == [
        ("170", "2700"),
        ("170", "3300"),
        ("185", "2700"),
        ("185", "3300"),
        ("200", "2700"),
        ("200", "3300"),
    ]
    base = plan_file(str(BANK))
    for row in rows[1:]:
        aht, per_day = (
            float(row["demand.streams.calls.aht_seconds"]),
            float(row["calls.volume.per_day"]),
        )
        plan = plan_file(bank_with(tmp_path, aht, per_day))
        assert int(row["headcount"]) == plan.total_headcount
        assert int(row["headcount.delta"]) == plan.total_headcount - base.total_headcount
        assert float(row["annual_cost"]) == plan.total_cost
        assert float(row["fte"]) == round(sum(p.requirement for p in plan.all_posts()), 7)
        calls = next(s for s in plan.streams if s.id == "calls")
        assert float(row["stream.calls.peak_agents"]) == calls.peak[2]
        assert float(row["stream.calls.service_level"]) == round(calls.service_level, 7)


def test_marginal_effects_are_the_least_squares_slopes_of_the_grid(run_cli):
    result = run_cli(
        "compare", str(BANK), "--vary", "calls.aht_seconds=170:210:10", "--format", "json"
    )
    document = json.loads(result.stdout)
    variants = document["columns"][1:]
    x = [v["parameters"]["calls.aht_seconds"] for v in variants]
    mean_x = sum(x) / len(x)

    def slope(key: str) -> float:
        y = [v["totals"][key] for v in variants]
        mean_y = sum(y) / len(y)
        return sum((a - mean_x) * (b - mean_y) for a, b in zip(x, y, strict=True)) / sum(
            (a - mean_x) ** 2 for a in x
        )

    (effect,) = document["marginal_effects"]
    assert effect["parameter"] == "calls.aht_seconds"
    # Both sides from figures rounded to 7 decimals: equal to within that rounding.
    assert effect["fte_per_unit"] == pytest.approx(slope("fte"), abs=1e-7)
    assert effect["headcount_per_unit"] == pytest.approx(slope("headcount"), abs=1e-7)
    assert effect["annual_cost_per_unit"] == pytest.approx(slope("annual_cost"), abs=1e-7)
    # One more second of handle time costs people: the effect points the right way.
    assert effect["fte_per_unit"] > 0
    text = run_cli("compare", str(BANK), "--vary", "calls.aht_seconds=170:210:10").stdout
    assert f"+1 calls.aht_seconds ≈ +{slope('fte'):.3g} FTE" in text


def test_a_scenario_can_be_varied(run_cli):
    result = run_cli(
        "compare",
        str(BANK),
        "--scenario",
        "credit_card_launch",
        "--vary",
        "calls.aht_seconds=200:210:10",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    columns = json.loads(result.stdout)["columns"]
    launch = plan_file(str(BANK), "credit_card_launch")
    assert columns[0]["id"] == "credit_card_launch"
    assert columns[0]["totals"]["headcount"] == launch.total_headcount
    # The scenario's own AHT is 200: the first variant is the scenario itself.
    assert columns[1]["parameters"] == {"calls.aht_seconds": 200}
    assert columns[1]["totals"] == columns[0]["totals"]
    assert columns[2]["totals"]["headcount"] > launch.total_headcount


def test_markdown_and_workbook_carry_the_same_figures(run_cli, tmp_path):
    markdown = run_cli("compare", str(BANK), "--format", "markdown").stdout
    launch = plan_file(str(BANK), "credit_card_launch")
    assert markdown.startswith(f"### {BANK}: 3 plans side by side")
    assert f"| Headcount | 120 | {launch.total_headcount} |" in markdown.replace(
        str(plan_file(str(BANK)).total_headcount), "120", 1
    )
    out = tmp_path / "compare.xlsx"
    result = run_cli("compare", str(BANK), "--format", "xlsx", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    sheet = load_workbook(out)["Compare"]
    rows = {row[0]: row[1:] for row in sheet.iter_rows(min_row=4, values_only=True)}
    base = plan_file(str(BANK))
    head = rows["Headcount"]
    assert head[0] == base.total_headcount and head[1] == launch.total_headcount
    assert head[2] == "=C4-B4"  # the change is a formula on the base column


def test_a_variant_re_solves_only_the_streams_it_changes(monkeypatch):
    from ccorg.staffing import workload

    solved: list[str] = []
    real = workload.requirement

    def counting(demand, grid):
        solved.append(demand.stream.id)
        return real(demand, grid)

    monkeypatch.setattr(workload, "requirement", counting)
    comparison = compare_file(str(BANK), ranges=["card_marketing.handle_seconds=300:330:10"])
    streams = [s.id for s in comparison.base.plan.streams]
    # The base solves every stream once; the variant at the file's own 300 s solves nothing,
    # the three others only the outbound stream they vary.
    assert sorted(solved) == sorted(
        [*streams, "card_marketing", "card_marketing", "card_marketing"]
    )
    same = comparison.variants[0]
    assert same.parameters == (300,)
    assert same.plan.total_headcount == comparison.base.plan.total_headcount
    bigger = comparison.variants[-1].plan
    assert (
        bigger.post("outbound_agent").requirement
        > comparison.base.plan.post("outbound_agent").requirement
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--scenarios", "lean,nope"], 2, "has no scenario 'nope'"),
        (["--vary", "calls.aht_secnds=1:2:1"], 2, "did you mean 'aht_seconds'?"),
        (["--vary", "calls.aht_seconds=1:2:1", "--scenarios", "lean"], 2, "--vary varies one plan"),
        (["--scenario", "lean"], 2, "--scenario names the plan --vary varies"),
        (["--vary", "calls.aht_seconds=-10:0:10"], 1, "(with --vary calls.aht_seconds=-10)"),
        (
            ["--vary", "calls.aht_seconds=1:33:1", "--vary", "calls.volume.per_day=1:33:1"],
            2,
            f"1,089 variants asked for; at most {MAX_VARIANTS:,}",
        ),
    ],
)
def test_bad_requests_say_what_is_wrong(run_cli, args, code, message):
    result = run_cli("compare", str(BANK), *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_sub_departments_roll_up_and_budget_and_establishment_are_the_plans(run_cli):
    sites = Path(__file__).resolve().parents[2] / "configs" / "examples" / "two_sites.yaml"
    document = json.loads(run_cli("compare", str(sites), "--format", "json").stdout)
    for column in document["columns"]:
        plan = plan_file(str(sites), None if column["id"] == "base" else column["id"])
        totals = column["totals"]
        assert totals["budget"] == plan.budget
        assert totals["budget_variance"] == plan.budget_variance
        assert totals["establishment"] == plan.figures.establishment
        assert totals["over_establishment"] == plan.figures.over_establishment
        by_id = {d["id"]: d for d in column["departments"]}
        for department in plan.departments:
            below = plan.descendants(department.id)
            assert by_id[department.id]["headcount"] == department.headcount + sum(
                d.headcount for d in below
            )
        nested = [d for d in plan.departments if d.department.parent]
        assert nested and all(by_id[d.id]["depth"] == 1 for d in nested)
    text = run_cli("compare", str(sites), "--width", "100").stdout
    lines = text.splitlines()
    parent = next(d for d in plan.departments if plan.subdepartments(d.id))
    child = plan.subdepartments(parent.id)[0]
    # A unit is indented under its department in the terminal table.
    assert any(line.startswith(f"    {parent.name}") for line in lines)
    assert any(line.startswith(f"      {child.name}") for line in lines)


@pytest.mark.parametrize(
    ("language", "golden_name", "words"),
    [
        ("en", "compare_bank_aht.txt", ["seconds", "People", "FTE", "Cost", "Peak", "SL"]),
        ("zh", "compare_bank_aht.zh.txt", ["seconds", "人数", "FTE", "成本", "峰值", "服务水平"]),
    ],
)
def test_a_grid_at_80_columns_breaks_headers_only_between_words(
    run_cli, golden, monkeypatch, language, golden_name, words
):
    # #11: at 80 columns (a pipe) the headers folded inside words ("aht_seco/nds",
    # "人工来/话/服务水/平"); the one queue's name now goes in the title.
    monkeypatch.chdir(BANK.parents[1])
    result = run_cli(
        "compare", "configs/bank.yaml", "--vary", "calls.aht_seconds=170:210:10",
        "--lang", language, "--width", "80",
    )  # fmt: skip
    assert (result.exit_code, result.stderr) == (0, "")
    golden(golden_name, result.stdout)
    header = result.stdout.split("─")[0].splitlines()[2:]
    cells = [cell for line in header for cell in line.split()]
    whole = ["aht_seconds", *words[1:2], "Δ", *words[2:4], "Δ", *words[4:]]
    assert cells in (whole, ["aht_", "seconds", *whole[1:]])  # a path breaks after its "_"
    assert "人工来话" in result.stdout.splitlines()[0]


def test_the_shift_solves_of_a_comparison_share_a_budget(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccorg import pipeline

    path = tmp_path / "c.yaml"
    path.write_text(SHIFTED, encoding="utf-8")
    vary = "work.volume.per_day=4200:4300:100"
    assert run_cli("compare", str(path), "--vary", vary, "-f", "json").exit_code == 0
    monkeypatch.setattr(pipeline, "MAX_COMPARE_SOLVE_SECONDS", 0)
    # Solved already in this process: reused, whatever the budget.
    assert run_cli("compare", str(path), "--vary", vary, "-f", "json").exit_code == 0
    # A volume not solved yet needs the solver, and the spent budget refuses the comparison
    # rather than show a plan the solver was stopped short on.
    result = run_cli("compare", str(path), "--vary", "work.volume.per_day=4400:4500:100")
    assert result.exit_code == 2
    assert "took the 0 s it may solve for (the limit of a comparison), at 'v1'" in result.stderr
    assert "post 'agent'" in result.stderr


def test_json_floats_are_rounded_to_7_decimals(run_cli):
    # #9: "fte": 114.89760719676492; now rounded as capacity JSON is (render/machine_numbers).
    result = run_cli(
        "compare", str(BANK), "--vary", "calls.aht_seconds=170:210:10", "--format", "json"
    )
    document = json.loads(result.stdout)
    floats: list[float] = []

    def collect(data) -> None:
        if isinstance(data, float):
            floats.append(data)
        for value in (
            data.values() if isinstance(data, dict) else data if isinstance(data, list) else ()
        ):
            collect(value)

    collect(document)
    assert floats and all(value == round(value, 7) for value in floats)
    base = plan_file(str(BANK))
    assert document["columns"][0]["totals"]["fte"] == round(
        sum(p.requirement for p in base.all_posts()), 7
    )
    csv_rows = list(csv.DictReader(io.StringIO(run_cli(
        "compare", str(BANK), "--vary", "calls.aht_seconds=170:210:10", "--format", "csv"
    ).stdout)))  # fmt: skip
    assert float(csv_rows[0]["fte"]) == round(sum(p.requirement for p in base.all_posts()), 7)
