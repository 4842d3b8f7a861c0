"""`ccorg check` as a user runs it: exit codes, formats, colour, and the environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sarif_kit.validate import validation_errors

from ccorg.checks.registry import rule_docs
from ccorg.render.rule_reference import render_rule_reference

REPO = Path(__file__).resolve().parents[2]

BROKEN = """\
center:
  id: c
  name: C
  posts:
    - {id: head, name: Head, grade: g9, rule: {kind: fixed, count: 1}}
grades:
  - {id: g1, name: G, rank: 1}
"""


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text(BROKEN, encoding="utf-8")
    Path("bad, name: 100%.yaml").write_text("a: [", encoding="utf-8")
    return "broken.yaml"


def test_the_seed_configs_pass_with_warnings(run_cli, in_repo, golden) -> None:
    result = run_cli("check", "configs/")
    assert (result.exit_code, result.stderr) == (0, "")
    golden("check_bank.txt", result.stdout)


def test_the_seed_configs_are_checked_in_chinese(run_cli, in_repo, golden) -> None:
    result = run_cli("check", "configs", "--lang", "zh")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.endswith("ccorg: 已检查 3 个文件，其中 2 个有问题：0 处错误，8 处警告\n")
    golden("check_configs.zh.txt", result.stdout)


def test_strict_fails_on_warnings(run_cli, in_repo) -> None:
    result = run_cli("check", "--strict", "configs/bank.yaml")
    assert result.exit_code == 1
    assert result.stdout.endswith("ccorg: 1 file checked, 1 with findings: 0 errors, 4 warnings\n")


def test_text_groups_findings_by_file(run_cli, broken) -> None:
    result = run_cli("check", "broken.yaml", "bad, name: 100%.yaml", "broken.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "broken.yaml:5:37: error: unknown grade 'g9' [reference]\n"
        "\n"
        "bad, name: 100%.yaml:2:1: error: invalid YAML: while parsing a flow node, "
        "did not find expected node content [yaml-syntax]\n"
        "\n"
        "ccorg: 2 files checked, 2 with findings: 2 errors, 0 warnings\n"
    )


def test_json_is_versioned(run_cli, broken) -> None:
    result = run_cli("check", "--format", "json", "broken.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "format_version": 1,
        "summary": {"files": 1, "files_with_findings": 1, "errors": 1, "warnings": 0},
        "files": [
            {
                "path": "broken.yaml",
                "findings": [
                    {
                        "rule": "reference",
                        "severity": "error",
                        "message": "unknown grade 'g9'",
                        "line": 5,
                        "col": 37,
                    }
                ],
            }
        ],
    }


def test_github_annotations_escape_their_properties(run_cli, broken) -> None:
    result = run_cli("check", "-f", "github", "bad, name: 100%.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=bad%2C name%3A 100%25.yaml,line=2,col=1,title=ccorg yaml-syntax::"
        "invalid YAML: while parsing a flow node, did not find expected node content\n"
        "ccorg: 1 file checked, 1 with findings: 1 error, 0 warnings\n"
    )


def test_github_is_chosen_inside_github_actions(run_cli, broken, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run_cli("check", "broken.yaml").stdout.startswith("::error file=broken.yaml,line=5")
    assert run_cli("check", "-f", "text", "broken.yaml").stdout.startswith("broken.yaml:5:37:")


def test_sarif_is_valid_and_carries_rule_metadata(run_cli, broken) -> None:
    Path("configs").mkdir()
    Path("configs/bank.yaml").write_bytes((REPO / "configs" / "bank.yaml").read_bytes())
    result = run_cli("check", "-f", "sarif", "configs/bank.yaml", "broken.yaml")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert validation_errors(log) == []
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [doc.id for doc in rule_docs()]
    assert [r["ruleId"] for r in run["results"]] == ["span-of-control"] * 4 + ["reference"]
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]]["id"] == result_["ruleId"]
    first, last = run["results"][0], run["results"][-1]
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "configs/bank.yaml"},
        "region": {"startLine": 179, "startColumn": 9},
    }
    assert (first["level"], last["level"]) == ("warning", "error")
    span = next(r for r in rules if r["id"] == "span-of-control")
    assert span["defaultConfiguration"] == {"level": "warning", "enabled": True}
    assert span["shortDescription"]["text"] == "Span of control outside a band (default 5–15)."


def test_color(run_cli, broken) -> None:
    plain = run_cli("check", "broken.yaml").stdout
    assert "\x1b[" not in plain
    assert "\x1b[" not in run_cli("check", "--color", "never", "broken.yaml").stdout
    colored = run_cli("check", "--color", "always", "broken.yaml").stdout
    assert colored.startswith("\x1b[1mbroken.yaml:5:37\x1b[0m: \x1b[1;31merror\x1b[0m: ")


def test_usage_errors_exit_2(run_cli, broken) -> None:
    result = run_cli("check")
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: give the config files or directories to check (or - for stdin)\n",
    )
    assert run_cli("check", "--format", "xml", "broken.yaml").exit_code == 2
    assert run_cli("check", "--list-rules", "broken.yaml").exit_code == 2


def test_list_rules_prints_the_reference(run_cli) -> None:
    result = run_cli("check", "--list-rules")
    assert (result.exit_code, result.stdout) == (0, render_rule_reference())


def test_the_readme_rule_reference_is_generated(request: pytest.FixtureRequest) -> None:
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- rule-reference:start -->\n", "<!-- rule-reference:end -->"
    before, _, rest = text.partition(start)
    current, _, after = rest.partition(end)
    assert rest, "README.md lacks the rule-reference markers"
    generated = render_rule_reference()
    if request.config.getoption("--update-golden"):
        readme.write_text(before + start + generated + end + after, encoding="utf-8")
        return
    assert current == generated, (
        "README's rule reference is out of date; run `pytest --update-golden` to regenerate it"
    )


def test_debug_lets_an_internal_error_show_its_traceback(run_cli, broken, monkeypatch) -> None:
    from ccorg.checks import policies
    from ccorg.checks.findings import Severity
    from ccorg.checks.rule_base import PolicyOptions, PolicyRule

    def broken_rule(subject: object, options: object) -> list[object]:
        raise KeyError("oops")

    rule = PolicyRule("budget", Severity.ERROR, PolicyOptions, broken_rule)
    monkeypatch.setattr(policies, "policy_rules", lambda: (rule,))
    Path("fine.yaml").write_text(BROKEN.replace("g9", "g1"), encoding="utf-8")
    quiet = run_cli("check", "fine.yaml")
    assert quiet.exit_code == 3
    assert "Traceback" not in quiet.stdout + quiet.stderr
    assert "fine.yaml: error: internal error: KeyError: 'oops'" in quiet.stdout
    loud = run_cli("--debug", "check", "fine.yaml")
    assert loud.exit_code == 3
    assert "Traceback (most recent call last)" in loud.stderr
