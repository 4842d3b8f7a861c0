"""No view lets text from a config attack its reader: terminal sequences are escaped in every
view, and Markdown carries no raw HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ccorg.render.ansi import json_document, printable, printable_document, printable_json
from ccorg.render.markdown import MarkdownHtml, markdown_cell, markdown_text

# A window title (OSC 0), a spoofed hyperlink (OSC 8), colour (SGR), a C1 CSI that clears the
# screen, BEL, CR, a right-to-left override, and HTML that would run in a Markdown preview.
EVIL = """\
center: {id: c, name: "中心\\e]0;owned\\a"}
grades: [{id: g, name: "职级\\e[31m", rank: 1, annual_cost: 100}]
scenarios:
  more: {set: {agent: {rule: {count: 30}}}}
departments:
  - id: d
    name: "部门\\e]8;;http://evil.example\\e\\\\bank\\e]8;;\\e\\\\"
    duties: "\\u009b2J"
    posts:
      - id: agent
        name: "座席<img src=x onerror=alert(1)>\\a\\r"
        grade: g
        duties: "\\e[2J"
        rule: {kind: fixed, count: 24, note: "<script>alert(1)</script>\\e[5m"}
      - {id: lead, name: "组长\\u202e", grade: g, rule: {kind: ratio, per: 12, of: [agent]}}
"""
# ESC, BEL, CR, C1 controls and the bidi override, raw.
RAW = re.compile("[\x1b\x07\r\x80-\x9f\u202e]")
VIEWS = [
    ["plan", "{path}"],
    ["plan", "{path}", "-f", "csv"],
    ["plan", "{path}", "-f", "markdown"],
    ["plan", "{path}", "-f", "json"],
    ["explain", "{path}", "agent"],
    ["explain", "{path}", "agent", "-f", "json"],
    ["diff", "{path}", "{path}@more"],
    ["diff", "{path}", "{path}@more", "-f", "markdown"],
    ["diff", "{path}", "{path}@more", "-f", "json"],
    ["export", "{path}", "--to", "markdown"],
    ["export", "{path}", "--to", "mermaid"],
    ["export", "{path}", "--to", "dot"],
    ["compare", "{path}"],
    ["compare", "{path}", "-f", "markdown"],
    ["compare", "{path}", "-f", "json"],
]


# Terminal views in colour too; file formats have none.
CASES = [
    (args, color)
    for args in VIEWS
    for color in (("never",) if args[0] == "export" or "-f" in args else ("never", "always"))
]


@pytest.mark.parametrize(("args", "color"), CASES, ids=[f"{' '.join(a)} {c}" for a, c in CASES])
def test_no_view_prints_a_raw_control_sequence(
    run_cli, tmp_path: Path, args: list[str], color: str
) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    extra = [] if args[0] == "export" or "-f" in args else ["--color", color]
    result = run_cli(*(a.format(path=path) for a in args), *extra)
    assert result.exit_code == 0, result.stderr
    shown = result.stdout
    if color == "always":  # Rich's own colour codes are the only escapes left
        shown = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert not RAW.search(shown), RAW.search(shown)
    # Escaped, not dropped: the reader sees what the file holds (the charts drop controls).
    if "mermaid" not in args and "dot" not in args:
        assert "\\x1b" in shown or "\\u001b" in shown
    if args[-1] == "json":
        json.loads(result.stdout)
    if "markdown" in args:
        assert "<img" not in shown and "<script>" not in shown
        assert "&lt;img src=x onerror=alert(1)&gt;" in shown or args[0] == "compare"


def test_printable_escapes_controls_and_keeps_what_it_is_told() -> None:
    assert printable("a\x1b[2Jb\x9b\u202e") == "a\\x1b[2Jb\\x9b\\u202e"
    assert printable("中心 ok") == "中心 ok"
    assert printable_document("a\tb\nc\x07\r\n") == "a\tb\nc\\x07\\x0d\n"


def test_printable_json_is_the_same_document_to_a_parser() -> None:
    document = json.dumps({"name": "座席\x1b]0;x\x07\x9b\u202e\U000e0001"}, ensure_ascii=False)
    safe = printable_json(document + "\n")
    assert not RAW.search(safe) and "\U000e0001" not in safe
    assert json.loads(safe) == json.loads(document)


def test_markdown_text_escapes_html_and_keeps_one_line() -> None:
    assert markdown_text("<b>a & b</b>\r\nc") == "&lt;b&gt;a &amp; b&lt;/b&gt; c"
    assert markdown_cell("a|b\rc") == "a\\|b c"
    assert markdown_cell(MarkdownHtml("x<br>y")) == "x<br>y"


def test_json_document_is_the_one_json_door() -> None:
    data = {"name": "座席\x1b]0;x\x07\x9b2J\u202e", "count": 3}
    text = json_document(data)
    assert text.endswith("}\n") and not RAW.search(text) and "座席" in text
    assert json.loads(text) == data
    assert json_document(data, indent=None).count("\n") == 1  # one line, as simulate writes
