"""Many paths in, one report out; a bad file never stops the batch."""

from __future__ import annotations

import io
import os
import socket
from pathlib import Path

import pytest

from ccorg.checks import policies
from ccorg.checks.findings import Finding, Severity
from ccorg.checks.rule_base import PolicyOptions, PolicyRule
from ccorg.checks.runner import check_file, check_paths
from tests.conftest import SHIFTED as ONE_SHIFTED_POST


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_directories_are_searched_recursively_in_order(tmp_path: Path, clean: str) -> None:
    write(tmp_path / "b.yml", clean)
    write(tmp_path / "a" / "z.YAML", clean)
    write(tmp_path / "a" / "notes.txt", "not a config")
    write(tmp_path / ".hidden" / "x.yaml", "{")
    (tmp_path / "dir.yaml").mkdir()
    write(tmp_path / "dir.yaml" / "inner.yaml", clean)
    report = check_paths([str(tmp_path)])
    assert [Path(file.path).relative_to(tmp_path).as_posix() for file in report.files] == [
        "b.yml",
        "a/z.YAML",
        "dir.yaml/inner.yaml",
    ]
    assert report.errors == report.warnings == 0


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, clean: str) -> None:
    bad = write(tmp_path / "bad.yaml", "center: [\n")
    good = write(tmp_path / "good.yaml", clean)
    missing = str(tmp_path / "missing.yaml")
    report = check_paths([bad, missing, good, bad])
    assert [(f.path, [x.rule for x in f.findings]) for f in report.files] == [
        (bad, ["yaml-syntax"]),
        (missing, ["file"]),
        (good, []),
    ]
    assert report.files[1].findings[0].message == "no such file"
    assert report.exit_code(strict=False) == 1


def test_a_directory_without_configs_is_a_file_error(tmp_path: Path) -> None:
    empty = tmp_path / "x.yaml"
    empty.mkdir()
    (report,) = check_paths([str(empty)]).files
    ((finding),) = report.findings
    assert (finding.rule, finding.message, finding.location.line) == (
        "file",
        "no *.yaml or *.yml files in this directory",
        None,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_reading_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    (finding,) = check_file(str(fifo)).findings
    assert (finding.rule, finding.message) == ("file", "is a FIFO (named pipe), not a config file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_a_directory_reports_every_entry_that_is_not_a_readable_file(
    tmp_path: Path, clean: str
) -> None:
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "loop1.yml").symlink_to("loop2.yml")
    (tmp_path / "loop2.yml").symlink_to("loop1.yml")
    (tmp_path / "zero.yaml").symlink_to(os.devnull)
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "sock.yaml"))
        write(tmp_path / "good.yaml", clean)
        report = check_paths([str(tmp_path)])
    found = [
        (Path(file.path).name, [(str(f.location), f.rule, f.message) for f in file.findings])
        for file in report.files
    ]
    assert found == [
        (name, [(str(tmp_path / name), "file", message)] if message else [])
        for name, message in [
            (
                "dangling.yaml",
                f"is a dangling symbolic link (to {str(tmp_path / 'nowhere.yaml')!r})",
            ),
            ("fifo.yaml", "is a FIFO (named pipe), not a config file"),
            ("good.yaml", None),
            ("loop1.yml", "is a loop of symbolic links"),
            ("loop2.yml", "is a loop of symbolic links"),
            ("sock.yaml", "is a socket, not a config file"),
            ("zero.yaml", "is a character device, not a config file"),
        ]
    ]
    assert report.exit_code(strict=False) == 1


def test_a_directory_that_cannot_be_listed_is_reported(
    tmp_path: Path, clean: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "good.yaml", clean)
    locked = tmp_path / "locked"
    write(locked / "hidden.yaml", clean)
    listing = os.scandir

    def scandir(path: str) -> object:  # as a directory without read permission (even to root)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", path)
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = check_paths([str(tmp_path)])
    assert [(f.path, [x.message for x in f.findings]) for f in report.files] == [
        (str(locked), ["cannot list this directory: Permission denied"]),
        (str(tmp_path / "good.yaml"), []),
    ]
    assert report.exit_code(strict=False) == 1


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"center: {id: 1}\n")))
    report = check_file("-")
    assert report.path == "<stdin>"
    assert [(str(f.location), f.message) for f in report.findings] == [
        ("<stdin>:1:1", "config: missing required key 'grades'"),
        ("<stdin>:1:9", "center: missing required key 'name'"),
        ("<stdin>:1:14", "center.id: expected text; found 1"),
    ]


def test_a_bug_in_a_rule_is_an_internal_error_finding(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, clean: str
) -> None:
    def broken(subject: object, options: object) -> list[object]:
        raise ZeroDivisionError("division by zero")

    rule = PolicyRule("span-of-control", Severity.WARNING, PolicyOptions, broken)
    monkeypatch.setattr(policies, "policy_rules", lambda: (rule,))
    path = write(tmp_path / "c.yaml", clean)
    report = check_paths([path, path + ".missing"])
    finding = report.files[0].findings[0]
    assert finding.rule == "internal-error"
    assert finding.message == (
        "internal error: ZeroDivisionError: division by zero; this is a bug in ccorg, "
        "run again with --debug for the traceback"
    )
    assert report.files[1].findings[0].rule == "file"
    # The other file was checked: its verdict and the bug's finding fail the gate (1).
    assert report.exit_code(strict=False) == 1
    assert check_paths([path]).exit_code(strict=False) == 3
    with pytest.raises(ZeroDivisionError):
        check_paths([path], reraise=True)


def test_every_scenario_is_planned(tmp_path: Path, clean: str) -> None:
    text = clean + (
        "scenarios:\n"
        "  grow:\n    set:\n      heda: {name: Big head}\n"
        "  regrade:\n    set:\n      head: {grade: g7}\n"
        "  fine:\n    set:\n      head: {name: Chief}\n"
    )
    report = check_file(write(tmp_path / "c.yaml", text))
    assert [(f.location.line, f.rule, f.message) for f in report.findings] == [
        (23, "scenario", "scenario 'grow': unknown id 'heda'; did you mean 'head'?"),
        (26, "reference", "unknown grade 'g7' (with scenario 'regrade')"),
    ]


SHIFTED = ONE_SHIFTED_POST.replace("per_day: 4100", "per_day: 4800") + (
    "scenarios:\n"
    "  same_demand: {set: {agent: {max: 500}}}\n"
    "  more_work: {set: {work: {volume: {per_day: 6000}}}}\n"
)


def test_scenarios_share_a_solver_budget_and_reuse_the_bases_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ccorg.checks import runner

    def budget_findings() -> list[Finding]:
        findings = check_file(path).findings
        assert not [f for f in findings if "with scenario" in f.message]  # each one plans
        return [f for f in findings if f.rule == "solver-budget"]

    path = write(tmp_path / "c.yaml", SHIFTED)
    assert budget_findings() == []  # within the budget, every scenario is planned
    monkeypatch.setattr(runner, "MAX_CHECK_SCENARIO_SOLVE_SECONDS", 0)
    # Work this process has not solved for yet (a solved one would be reused).
    write(tmp_path / "c.yaml", SHIFTED.replace("per_day: 6000", "per_day: 7000"))
    (finding,) = budget_findings()
    # The scenario whose requirement is the base's reuses its optimal plan, budget or none;
    # the one with more work needs a solve of its own, and is reported as not checked.
    assert (finding.rule, finding.severity, finding.location.line) == (
        "solver-budget",
        Severity.WARNING,
        SHIFTED.splitlines().index("  more_work: {set: {work: {volume: {per_day: 6000}}}}") + 1,
    )
    assert "'more_work' is checked only up to the shifts of 'agent'" in finding.message
