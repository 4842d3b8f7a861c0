"""The Markdown report: summary, the org chart in a Mermaid block, a table per department."""

from __future__ import annotations

import re

from ccorg.render.plan_mermaid import render_plan_mermaid
from ccorg.render.plan_report import render_plan_report
from ccorg.units import money


def sections(report: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", report, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def table(section: str) -> list[list[str]]:
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_report_sections_in_order(bank):
    report = render_plan_report(bank)
    assert report.startswith("# 客服中心 staffing plan\n")
    assert list(sections(report)) == [
        "Summary",
        "Org chart",
        "客服中心 (kfzx)",
        "运营部 (ops)",
        "品质部 (quality)",
        "支撑部 (support)",
        "营销部 (marketing)",
        "综合部 (general)",
    ]


def test_summary_table(bank):
    rows = table(sections(render_plan_report(bank))["Summary"])
    assert rows[0] == ["Measure", "Value"]
    front = bank.frontline_headcount
    assert dict(rows[2:]) == {
        "Center": "客服中心 (kfzx)",
        "Service hours": "7×24",
        "Total headcount": str(bank.total_headcount),
        "Frontline": f"{front} ({front / bank.total_headcount:.1%})",
        "Annual cost": money(bank.total_cost, bank.currency),
        "Average span": "6.6",
        "Largest span": "10.3 (运营部·业务组组长)",
        "Layers": "6",
    }


def test_org_chart_is_the_mermaid_chart(bank):
    chart = sections(render_plan_report(bank))["Org chart"]
    block = re.search(r"^```mermaid\n(.*?)^```$", chart, flags=re.MULTILINE | re.DOTALL)
    assert block is not None
    assert block[1] == render_plan_mermaid(bank)


def test_a_table_per_department_with_totals(bank):
    parts = sections(render_plan_report(bank))
    for department in bank.departments:
        rows = table(parts[f"{department.name} ({department.id})"])
        assert rows[0] == ["Post", "Grade", "Rule", "Headcount", "In post", "Gap", "Annual cost"]
        assert rows[1] == ["---", "---", "---", "---:", "---:", "---:", "---:"]
        body, total = rows[2:-1], rows[-1]
        assert [row[0] for row in body] == [post.name for post in department.posts]
        assert [int(row[3]) for row in body] == [post.headcount for post in department.posts]
        assert total[0] == "**Total**"
        assert total[3] == f"**{department.headcount}**"
        cost = int(total[6].strip("*¥").replace(",", ""))
        assert cost == department.annual_cost
    ops = table(parts["运营部 (ops)"])
    assert ops[4] == ["业务组组长", "组长", "⌈62 ÷ 12⌉ = 6", "6", "—", "—", "¥1,320,000"]


def test_people_in_post_and_escaped_cells(awkward):
    report = render_plan_report(awkward)
    parts = sections(report)
    assert dict(table(parts["Summary"])[2:])["In post today"] == "4 (not given for 2 of 5 posts)"
    assert dict(table(parts["Summary"])[2:])["Annual cost"] == "¥1,220,003 (some grades uncosted)"
    rows = table(parts["服务/质量: [A] *? (a-b)"])
    assert rows[2][4:6] == ["3", "-1"]
    # Its own posts, then with its sub-department (一个非常…: 4 more people, 0 in post, gap +1).
    assert rows[-2][2:6] == ["**own posts**", "**5**", "**3**", "**-1**"]
    assert rows[-1][3:6] == ["**9**", "**3**", "**0**"]
    assert rows[-1][2].startswith("**incl. 一个非常")
    assert table(parts["summary (empty)"])[-1][3] == "**0**"


def test_bank_report_matches_golden(bank, golden):
    golden("export/bank.md", render_plan_report(bank))
