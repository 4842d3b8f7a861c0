"""Findings as JSON for programs: versioned, one object per file."""

from __future__ import annotations

from typing import Any

from ccorg.checks.findings import CheckReport, Finding
from ccorg.render.ansi import json_document

FORMAT_VERSION = 1


def findings_to_dict(report: CheckReport) -> dict[str, Any]:
    """The report as plain data; ``format_version`` changes only when a field does."""
    return {
        "format_version": FORMAT_VERSION,
        "summary": {
            "files": len(report.files),
            "files_with_findings": report.files_with_findings,
            "errors": report.errors,
            "warnings": report.warnings,
        },
        "files": [
            {"path": file.path, "findings": [_finding(f) for f in file.findings]}
            for file in report.files
        ],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.location.line,
        "col": finding.location.col,
    }


def render_findings_json(report: CheckReport) -> str:
    return json_document(findings_to_dict(report))
