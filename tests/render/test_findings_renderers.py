"""The four views of findings, on hand-made reports."""

from __future__ import annotations

from ccorg.checks.findings import CheckReport, FileReport, Finding, Severity
from ccorg.errors import Location
from ccorg.render.findings_github import annotation, render_findings_github
from ccorg.render.findings_json import findings_to_dict
from ccorg.render.findings_sarif import artifact_uri, findings_to_sarif
from ccorg.render.findings_text import render_findings_text

LOCATED = Finding(Location("a.yaml", 3, 7), Severity.WARNING, "span-of-control", "narrow")
FILE_LEVEL = Finding(Location("b.yaml"), Severity.ERROR, "file", "no such file")
REPORT = CheckReport(
    (FileReport("a.yaml", (LOCATED,)), FileReport("b.yaml", (FILE_LEVEL,)), FileReport("c", ()))
)


def test_text() -> None:
    assert render_findings_text(REPORT) == (
        "a.yaml:3:7: warning: narrow [span-of-control]\n"
        "\n"
        "b.yaml: error: no such file [file]\n"
        "\n"
        "ccorg: 3 files checked, 2 with findings: 1 error, 1 warning\n"
    )


def test_text_in_colour() -> None:
    clean = CheckReport((FileReport("c", ()),))
    assert render_findings_text(clean, color=True) == (
        "ccorg: 1 file checked: \x1b[32mno findings\x1b[0m\n"
    )
    assert render_findings_text(REPORT, color=True).splitlines()[0] == (
        "\x1b[1ma.yaml:3:7\x1b[0m: \x1b[1;33mwarning\x1b[0m: narrow \x1b[2m[span-of-control]\x1b[0m"
    )


def test_json_file_level_findings_have_no_line() -> None:
    files = findings_to_dict(REPORT)["files"]
    assert files[1]["findings"] == [
        {"rule": "file", "severity": "error", "message": "no such file", "line": None, "col": None}
    ]
    assert files[2] == {"path": "c", "findings": []}


def test_github_escapes_messages_and_properties() -> None:
    odd = Finding(Location("x,y:z.yaml", 1, 2), Severity.ERROR, "schema", "50% off\r\nnext")
    assert annotation(odd) == (
        "::error file=x%2Cy%3Az.yaml,line=1,col=2,title=ccorg schema::50%25 off%0D%0Anext"
    )
    assert render_findings_github(REPORT).splitlines() == [
        "::warning file=a.yaml,line=3,col=7,title=ccorg span-of-control::narrow",
        "::error file=b.yaml,title=ccorg file::no such file",
        "ccorg: 3 files checked, 2 with findings: 1 error, 1 warning",
    ]


def test_sarif_locations() -> None:
    results = findings_to_sarif(REPORT)["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"] for r in results] == [
        {"artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 3, "startColumn": 7}},
        {"artifactLocation": {"uri": "b.yaml"}},
    ]
    assert artifact_uri("配置 v1\\bank #2.yaml") == ("%E9%85%8D%E7%BD%AE%20v1/bank%20%232.yaml")


def test_control_characters_from_a_config_are_shown_not_obeyed() -> None:
    sneaky = Finding(
        Location("a\nb.yaml", 1, 1), Severity.ERROR, "schema", "unknown key '\x1b[2J\u2028'"
    )
    text = render_findings_text(CheckReport((FileReport("a\nb.yaml", (sneaky,)),)))
    assert text.splitlines()[0] == (
        "a\\x0ab.yaml:1:1: error: unknown key '\\x1b[2J\\u2028' [schema]"
    )
    assert annotation(sneaky) == (
        "::error file=a%0Ab.yaml,line=1,col=1,title=ccorg schema::unknown key '\\x1b[2J\\u2028'"
    )
