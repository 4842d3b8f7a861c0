"""Findings as GitHub Actions workflow commands, which become annotations on the diff."""

from __future__ import annotations

from ccorg.checks.findings import CheckReport, Finding
from ccorg.render.ansi import printable
from ccorg.render.findings_text import summary_line


def render_findings_github(report: CheckReport) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` per finding, then the summary."""
    lines = [annotation(finding) for finding in report.findings()]
    return "".join(line + "\n" for line in [*lines, summary_line(report)])


def annotation(finding: Finding) -> str:
    location = finding.location
    properties = [f"file={_property(location.path)}"]
    if location.line is not None:
        properties.append(f"line={location.line}")
        properties.append(f"col={location.col or 1}")
    properties.append(f"title={_property(f'ccorg {finding.rule}')}")
    return f"::{finding.severity.value} {','.join(properties)}::{_data(finding.message)}"


def _data(text: str) -> str:
    # GitHub's escaping of a command's message (actions/toolkit, command.ts escapeData), after
    # any other control character is made visible.
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def _property(text: str) -> str:
    # Property values also escape the separators of the property list.
    return _data(text).replace(":", "%3A").replace(",", "%2C")
