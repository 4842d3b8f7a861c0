"""Findings as lines, ``path:line:col: severity: message [rule]``, grouped by file."""

from __future__ import annotations

from ccorg.checks.findings import CheckReport, Finding, Severity
from ccorg.i18n import _, ngettext
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
    files = len(report.files)
    checked = ngettext("{count} file checked", "{count} files checked", files).format(
        count=f"{files:,}"
    )
    if not report.files_with_findings:
        return f"ccorg: {checked}: {paint(_('no findings'), 'green', color)}"
    return "ccorg: " + _("{checked}, {with_findings} with findings: {errors}, {warnings}").format(
        checked=checked,
        with_findings=report.files_with_findings,
        errors=ngettext("{count} error", "{count} errors", report.errors).format(
            count=f"{report.errors:,}"
        ),
        warnings=ngettext("{count} warning", "{count} warnings", report.warnings).format(
            count=f"{report.warnings:,}"
        ),
    )
