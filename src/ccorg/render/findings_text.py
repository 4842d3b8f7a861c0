"""Findings as lines, ``path:line:col: severity: message [rule]``, grouped by file."""

from __future__ import annotations

from ccorg.checks.findings import CheckReport, Finding, Severity
from ccorg.render.ansi import paint, printable

_SEVERITY_STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow"}


def render_findings_text(report: CheckReport, *, color: bool = False) -> str:
    """One line per finding, a blank line between files, and a one-line summary."""
    blocks = [
        "".join(finding_line(finding, color) + "\n" for finding in file.findings)
        for file in report.files
        if file.findings
    ]
    return "\n".join([*blocks, summary_line(report, color) + "\n"])


def finding_line(finding: Finding, color: bool) -> str:
    severity = paint(finding.severity.value, _SEVERITY_STYLE[finding.severity], color)
    return (
        f"{paint(printable(str(finding.location)), 'bold', color)}: {severity}: "
        f"{printable(finding.message)} {paint(f'[{finding.rule}]', 'dim', color)}"
    )


def summary_line(report: CheckReport, color: bool = False) -> str:
    """``ccorg: 3 files checked, 1 with findings: 2 errors, 1 warning``."""
    checked = f"{_count(len(report.files), 'file')} checked"
    if not report.files_with_findings:
        return f"ccorg: {checked}: {paint('no findings', 'green', color)}"
    counts = f"{_count(report.errors, 'error')}, {_count(report.warnings, 'warning')}"
    return f"ccorg: {checked}, {report.files_with_findings} with findings: {counts}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
