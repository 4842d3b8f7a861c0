"""Findings as SARIF 2.1.0, for code-scanning dashboards, with every rule's metadata."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from ccorg import __version__
from ccorg.checks.findings import CheckReport, Finding, Severity
from ccorg.checks.registry import RuleDoc, rule_docs
from ccorg.render.ansi import json_document

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def findings_to_sarif(report: CheckReport) -> dict[str, Any]:
    """One run of the ``ccorg`` driver: every rule it knows, every finding as a result."""
    docs = rule_docs()
    index = {doc.id: i for i, doc in enumerate(docs)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ccorg",
                        "version": __version__,
                        "rules": [_rule(doc) for doc in docs],
                    }
                },
                "results": [_result(f, index) for f in report.findings()],
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _rule(doc: RuleDoc) -> dict[str, Any]:
    text = f"{doc.summary} {doc.description}".strip()
    return {
        "id": doc.id,
        "shortDescription": {"text": doc.summary},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": _LEVEL[doc.severity], "enabled": doc.on_by_default},
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(finding.location.path)}}
    if finding.location.line is not None:
        physical["region"] = {
            "startLine": finding.location.line,
            "startColumn": finding.location.col or 1,
        }
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": physical}],
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    return result


def artifact_uri(path: str) -> str:
    """A path as a relative URI reference: forward slashes, reserved characters escaped."""
    return quote(path.replace("\\", "/"), safe="/")


def render_findings_sarif(report: CheckReport) -> str:
    return json_document(findings_to_sarif(report))
