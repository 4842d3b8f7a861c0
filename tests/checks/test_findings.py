"""The verdict of a report: its exit code."""

from __future__ import annotations

from ccorg.checks.findings import CheckReport, FileReport, Finding, Severity
from ccorg.errors import Location


def report(*severities_and_rules: tuple[Severity, str]) -> CheckReport:
    findings = tuple(
        Finding(Location("a.yaml", 1, 1), severity, rule, "m")
        for severity, rule in severities_and_rules
    )
    return CheckReport((FileReport("a.yaml", findings),))


def test_exit_codes() -> None:
    clean = report()
    warned = report((Severity.WARNING, "span-of-control"))
    failed = report((Severity.WARNING, "span-of-control"), (Severity.ERROR, "schema"))
    broken = report((Severity.ERROR, "schema"), (Severity.ERROR, "internal-error"))
    assert [r.exit_code(strict=False) for r in (clean, warned, failed, broken)] == [0, 0, 1, 3]
    assert [r.exit_code(strict=True) for r in (clean, warned, failed, broken)] == [0, 1, 1, 3]


def test_findings_are_sorted_by_position_file_level_first() -> None:
    later = Finding(Location("a.yaml", 9, 1), Severity.ERROR, "schema", "later")
    first = Finding(Location("a.yaml", 2, 5), Severity.ERROR, "schema", "first")
    whole = Finding(Location("a.yaml"), Severity.ERROR, "file", "whole")
    assert FileReport.of("a.yaml", [later, first, whole]).findings == (whole, first, later)


def test_a_bug_in_one_file_of_many_is_that_files_error() -> None:
    broken = report((Severity.ERROR, "internal-error")).files[0]
    clean = FileReport("b.yaml", ())
    assert CheckReport((broken, clean)).exit_code(strict=False) == 1
    assert CheckReport((broken, broken)).exit_code(strict=False) == 3
    assert CheckReport(()).exit_code(strict=False) == 0
