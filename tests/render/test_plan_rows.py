"""The Markdown table writer shared by `plan --format markdown` and the export report."""

from __future__ import annotations

from ccorg.render.plan_rows import markdown_table, render_plan_markdown
from ccorg.units import money


def test_markdown_table_aligns_numbers_right_and_escapes_cells():
    lines = markdown_table(
        ("Post", "Headcount"), [("a|b", 3), ("two\nlines", ""), ("**Total**", "**3**")]
    )
    assert lines == [
        "| Post | Headcount |",
        "|---|---:|",
        "| a\\|b | 3 |",
        "| two lines | |",
        "| **Total** | **3** |",
    ]


def test_plan_markdown_matches_golden(bank, golden):
    text = render_plan_markdown(bank)
    total, cost = bank.total_headcount, money(bank.total_cost, bank.currency)
    assert text.splitlines()[-1] == f"| **Total** | | | | **{total}** | — | — | **{cost}** |"
    golden("plan/bank.md", text)
