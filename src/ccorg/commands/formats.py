"""The output formats each command offers: the choices of its ``--format`` (or ``--to``).

They live apart from the commands so that the CLI can declare its options without importing
every command's module (and what those import) at start-up.
"""

from __future__ import annotations

from enum import StrEnum


class PlanFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class ExportFormat(StrEnum):
    """What `ccorg export --to` writes."""

    xlsx = "xlsx"
    mermaid = "mermaid"
    dot = "dot"
    markdown = "markdown"
    html = "html"


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


class ErlangFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class ScheduleFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class SimulateFormat(StrEnum):
    text = "text"
    json = "json"


class CompareFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    xlsx = "xlsx"
