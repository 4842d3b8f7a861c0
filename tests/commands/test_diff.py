"""`ccorg diff` as a user runs it: files, git revisions, scenarios, formats and exit codes."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "configs" / "bank.yaml"
Run = Callable[..., Any]

# The shared stacked center (conftest.py) with a fixed post beside HR.
IT = "      - {id: it, name: 运维, grade: staff, rule: {kind: fixed, count: 2}}\n"


@pytest.fixture
def config(stacked: str) -> str:
    return stacked + IT


@pytest.fixture
def in_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the project's root, so labels read configs/bank.yaml as a user types it."""
    monkeypatch.chdir(REPO)


@pytest.mark.usefixtures("in_repo_root")
def test_a_file_against_itself_prints_no_changes_and_exits_0(run_cli: Run) -> None:
    result = run_cli("diff", "configs/bank.yaml", "configs/bank.yaml", "--exit-code")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "configs/bank.yaml → configs/bank.yaml\n"
        "No changes: headcount 125, annual cost ¥21,100,000\n",
        "",
    )


@pytest.mark.usefixtures("in_repo_root")
def test_the_credit_card_launch_tells_its_story(run_cli: Run, golden: Callable[..., None]) -> None:
    result = run_cli(
        "diff", "configs/bank.yaml", "configs/bank.yaml@credit_card_launch", "--width", "120"
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.splitlines()[1] == (
        "Headcount 125 → 206 (+81, +64.8%) · cost +¥13.3M · 2 posts added, 0 removed"
    )
    golden("diff_bank_credit_card_launch.txt", result.stdout)


@pytest.mark.usefixtures("in_repo_root")
def test_the_credit_card_launch_in_chinese(run_cli: Run, golden: Callable[..., None]) -> None:
    from ccorg.i18n.numbers import wan
    from ccorg.pipeline import plan_file

    before, after = plan_file(str(BANK)), plan_file(str(BANK), "credit_card_launch")
    grown = after.total_headcount - before.total_headcount
    launch = ("configs/bank.yaml", "configs/bank.yaml@credit_card_launch", "--lang", "zh")
    result = run_cli("diff", *launch, "--width", "120")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1] == (
        f"人数 {before.total_headcount} → {after.total_headcount}"
        f"（+{grown}，{grown / before.total_headcount:+.1%}）· "
        f"成本 +{wan(after.total_cost - before.total_cost, 'CNY')} · 新增岗位 2 个，撤销 0 个"
    )
    golden("diff_bank_credit_card_launch.zh.txt", result.stdout)
    markdown = run_cli("diff", *launch, "-f", "markdown")
    assert markdown.exit_code == 0, markdown.stderr
    golden("diff_bank_credit_card_launch.zh.md", markdown.stdout)


def test_standard_input_against_its_own_scenario(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Standard input is read once and serves both sides.
    stdin = io.TextIOWrapper(io.BytesIO(BANK.read_bytes()))
    monkeypatch.setattr("sys.stdin", stdin)
    result = run_cli("diff", "-f", "json", "--", "-", "-@credit_card_launch")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["total_before"], data["total_after"]) == (125, 206)


@pytest.mark.usefixtures("in_repo_root")
def test_markdown_is_a_pull_request_comment(run_cli: Run, golden: Callable[..., None]) -> None:
    result = run_cli(
        "diff", "configs/bank.yaml", "configs/bank.yaml@credit_card_launch", "-f", "markdown"
    )
    assert result.exit_code == 0
    golden("diff_bank_credit_card_launch.md", result.stdout)


@pytest.mark.usefixtures("in_repo_root")
def test_workload_posts_show_the_demand_inputs_that_moved_them(run_cli: Run) -> None:
    result = run_cli(
        "diff", "configs/bank.yaml", "configs/bank.yaml@credit_card_launch", "-f", "json"
    )
    posts = {p["id"]: p for p in json.loads(result.stdout)["posts"]}
    agent = [(c["field"], c["before"], c["after"]) for c in posts["agent"]["changes"]]
    assert agent == [
        ("calls.volume.per_day", 3000.0, 4500.0),
        ("calls.aht_seconds", 180.0, 200.0),
    ]
    # Complaints are a share of the calls: their volume moved them, the calls' AHT did not.
    complaints = [c["text"] for c in posts["complaint_specialist"]["changes"]]
    assert complaints == ["calls.volume.per_day 3,000 → 4,500"]
    # A post that stacks on agents shows its own basis, not the demand behind the agents.
    assert posts["team_leader"]["changes"] == []


@pytest.mark.usefixtures("in_repo_root")
def test_lean_shows_a_ratio_change_held_by_its_minimum(run_cli: Run) -> None:
    result = run_cli("diff", "configs/bank.yaml", "configs/bank.yaml@lean", "-f", "json")
    posts = {p["id"]: p for p in json.loads(result.stdout)["posts"]}
    assert (posts["team_leader"]["before"], posts["team_leader"]["after"]) == (6, 6)
    assert [c["text"] for c in posts["team_leader"]["changes"]] == ["ratio 1/12 → 1/15"]
    assert posts["team_leader"]["basis_after"] == "⌈62 ÷ 15⌉ = 5 → min 6"
    assert (posts["qa"]["before"], posts["qa"]["after"]) == (3, 3)  # ⌈62 ÷ 25⌉, ⌈62 ÷ 30⌉


def test_plain_files_one_ratio_moves_every_post_stacked_on_it(
    config: str, run_cli: Run, tmp_path: Path
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(config, encoding="utf-8")
    new.write_text(config.replace("per: 12", "per: 9"), encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "-f", "json", "--exit-code")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    moved = {p["id"]: (p["before"], p["after"], p["delta"]) for p in document["posts"]}
    # The lead's ratio changed; supervisors count leads, HR counts everyone.
    assert moved == {"lead": (15, 20, 5), "supervisor": (3, 4, 1), "hr": (2, 3, 1)}
    assert sum(delta for _, _, delta in moved.values()) == document["total_delta"] == 7
    assert (document["total_before"], document["total_after"]) == (202, 209)


def test_all_shows_unchanged_posts_too(config: str, run_cli: Run, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(config, encoding="utf-8")
    new.write_text(config.replace("count: 2}", "count: 3}"), encoding="utf-8")
    shown = run_cli("diff", str(old), str(new), "--width", "100").stdout
    everything = run_cli("diff", str(old), str(new), "--all", "--width", "100").stdout
    assert "运维" in shown and "座席" not in shown and "运营部" not in shown
    assert "座席" in everything and "运营部 (ops)" in everything


def test_the_json_contract(config: str, run_cli: Run, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(config, encoding="utf-8")
    changed = config.replace(
        "      - {id: it, name: 运维, grade: staff, rule: {kind: fixed, count: 2}}\n",
        "      - {id: data, name: 数据, grade: staff, rule: {kind: fixed, count: 1}}\n",
    )
    new.write_text(changed, encoding="utf-8")
    document = json.loads(run_cli("diff", str(old), str(new), "--format", "json").stdout)
    assert document == {
        "format_version": 1,
        "before": str(old),
        "after": str(new),
        "currency": "CNY",
        "changed": True,
        "headcount_changed": True,
        "total_before": 202,
        "total_after": 201,
        "total_delta": -1,
        "cost_before": 20_800_000.0,
        "cost_after": 20_700_000.0,
        "cost_delta": -100_000.0,
        "budget_before": None,
        "budget_after": None,
        "budget_variance_before": None,
        "budget_variance_after": None,
        "establishment_before": None,
        "establishment_after": None,
        "posts_added": 1,
        "posts_removed": 1,
        "center_changes": [],
        "departments": [
            {
                "id": "admin",
                "name": "综合部",
                "status": "changed",
                "before": 4,
                "after": 3,
                "delta": -1,
                "cost_before": 400_000.0,
                "cost_after": 300_000.0,
                "total_before": None,
                "total_after": None,
                "changes": [],
            }
        ],
        "posts": [
            {
                "id": "it",
                "name": "运维",
                "department": "admin",
                "status": "removed",
                "before": 2,
                "after": None,
                "delta": -2,
                "cost_before": 200_000.0,
                "cost_after": None,
                "basis_before": "fixed 2",
                "basis_after": None,
                "current_before": None,
                "current_after": None,
                "changes": [],
                "counted": [],
            },
            {
                "id": "data",
                "name": "数据",
                "department": "admin",
                "status": "added",
                "before": None,
                "after": 1,
                "delta": 1,
                "cost_before": None,
                "cost_after": 100_000.0,
                "basis_before": None,
                "basis_after": "fixed 1",
                "current_before": None,
                "current_after": None,
                "changes": [],
                "counted": [],
            },
        ],
        "grades": [],
    }


def test_json_changes_carry_values_and_text(config: str, run_cli: Run, tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(config, encoding="utf-8")
    new.write_text(config.replace("per: 12", "per: 15"), encoding="utf-8")
    (lead,) = [
        p
        for p in json.loads(run_cli("diff", str(old), str(new), "-f", "json").stdout)["posts"]
        if p["id"] == "lead"
    ]
    assert lead["changes"] == [
        {
            "field": "rule.per",
            "before": 12.0,
            "after": 15.0,
            "text": "ratio 1/12 → 1/15",
            "drives": True,
        }
    ]


def test_git_revisions_against_the_working_file(
    run_cli: Run, git_repo: Callable[..., str], golden: Callable[..., None]
) -> None:
    Path("configs").mkdir()
    shutil.copy(BANK, "configs/bank.yaml")
    git_repo("add", ".")
    git_repo("commit", "-q", "-m", "bank")
    text = Path("configs/bank.yaml").read_text(encoding="utf-8")
    Path("configs/bank.yaml").write_text(
        text.replace(
            "rule: {kind: ratio, per: 25, of: [agent]}", "rule: {kind: ratio, per: 15, of: [agent]}"
        ),
        encoding="utf-8",
    )
    git_repo("commit", "-q", "-am", "more quality checkers")
    Path("configs/bank.yaml").write_text(text, encoding="utf-8")  # back, uncommitted

    committed = run_cli("diff", "HEAD~1:configs/bank.yaml", "main:configs/bank.yaml", "--exit-code")
    assert committed.exit_code == 1
    assert committed.stdout.splitlines()[:2] == [
        "HEAD~1:configs/bank.yaml → main:configs/bank.yaml",
        # ⌈62 ÷ 15⌉ = 5 quality checkers, was ⌈62 ÷ 25⌉ = 3.
        "Headcount 125 → 127 (+2, +1.6%) · cost +¥360K · 0 posts added, 0 removed",
    ]
    assert "ratio 1/25 → 1/15" in committed.stdout
    working = run_cli("diff", "main:configs/bank.yaml", "configs/bank.yaml", "--exit-code")
    assert working.exit_code == 1
    assert "ratio 1/15 → 1/25" in working.stdout
    same = run_cli("diff", "HEAD~1:configs/bank.yaml", "configs/bank.yaml", "--exit-code")
    assert (same.exit_code, same.stdout.splitlines()[1]) == (
        0,
        "No changes: headcount 125, annual cost ¥21,100,000",
    )
    scenario = run_cli(
        "diff", "main:configs/bank.yaml@lean", "configs/bank.yaml@lean", "--exit-code"
    )
    assert scenario.exit_code == 0  # lean sets quality checkers to 1 per 30 on both sides


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope:configs/bank.yaml",), "nope:configs/bank.yaml: unknown git revision 'nope'"),
        (("main:configs/bank.yml",), "no such file in main; did you mean main:configs/bank.yaml?"),
        (("configs/bank.yaml@laen",), "has no scenario 'laen'; did you mean 'lean'?"),
        (("missing.yaml",), "missing.yaml: no such file"),
    ],
)
def test_trouble_is_a_clear_error_and_exit_2(
    run_cli: Run, git_repo: Callable[..., str], args: tuple[str, ...], message: str
) -> None:
    Path("configs").mkdir()
    shutil.copy(BANK, "configs/bank.yaml")
    git_repo("add", ".")
    git_repo("commit", "-q", "-m", "bank")
    for flags in ((), ("--exit-code",)):
        result = run_cli("diff", *args, "configs/bank.yaml", *flags)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert message in result.stderr
        assert "Traceback" not in result.stderr


def test_outside_a_repository_a_revision_is_trouble(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "main:bank.yaml", str(BANK))
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: main:bank.yaml: not inside a git repository "
        "(REV:PATH is read with git from the current directory)\n",
    )


def test_a_broken_config_is_located_and_exits_2_only_with_exit_code(
    config: str, run_cli: Run, tmp_path: Path
) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(config, encoding="utf-8")
    bad.write_text(config.replace("per: 12", "per: -12"), encoding="utf-8")
    expected = (
        f"{bad}:12:69: departments[0].posts[1].rule.per: must be greater than 0; found -12\n"
        "ccorg: 1 error\n"
    )
    for flags, code in ((("--exit-code",), 2), ((), 1)):
        result = run_cli("diff", str(good), str(bad), *flags)
        assert (result.exit_code, result.stdout, result.stderr) == (code, "", expected)


def test_both_sides_problems_are_reported_together(
    config: str, run_cli: Run, tmp_path: Path
) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(config.replace("grade: boss", "grade: bos"), encoding="utf-8")
    new.write_text(config.replace("count: 180", "count: many"), encoding="utf-8")
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{old}:13:43: unknown grade 'bos'; did you mean 'boss'?",
        f"{new}:11:72: departments[0].posts[0].rule.count: expected a whole number, found the "
        "text 'many'",
        "ccorg: 2 errors",
    ]


def test_an_internal_error_exits_3(
    config: str, run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("ccorg.diff.diff_plans", broken)
    path = tmp_path / "c.yaml"
    path.write_text(config, encoding="utf-8")
    result = run_cli("diff", str(path), str(path), "--exit-code")
    assert result.exit_code == 3
    assert "internal error: RuntimeError: boom" in result.stderr


def test_a_shrinkage_part_moved_between_layers_is_named(run_cli: Run, tmp_path: Path) -> None:
    # Training counted as time lost on shift instead of whole days: 12% in, 10% out of shift.
    text = BANK.read_text(encoding="utf-8")
    moved = text.replace(
        "    training: 0.05        # product", "    xtraining: 0.05       # product"
    )
    moved = moved.replace("  in_shift:\n", "  in_shift:\n    training: 0.05\n").replace(
        "    xtraining: 0.05       # product and compliance training days, new credit-card products\n",
        "",
    )
    assert moved.count("training: 0.05") == 1
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(moved, encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "-f", "json")
    assert result.exit_code == 0, result.stderr
    agent = {p["id"]: p for p in json.loads(result.stdout)["posts"]}["agent"]
    fields = {c["field"]: (c["before"], c["after"]) for c in agent["changes"]}
    assert fields == {
        "shrinkage.out_of_shift.training": (0.05, None),
        "shrinkage.in_shift.training": (None, 0.05),
    }
    # 1 − 0.80 × 0.90 = 28% instead of 27.75%: a little more shrinkage, never fewer people.
    assert agent["after"] >= agent["before"]
