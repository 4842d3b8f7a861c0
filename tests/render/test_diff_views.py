"""The terminal and Markdown views of a diff with every kind of difference in it."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from ccorg.config.loader import load_yaml
from ccorg.diff import Diff, diff_plans
from ccorg.i18n import use_language
from ccorg.pipeline import load_document, plan_config
from ccorg.render.console import make_console
from ccorg.render.diff_markdown import render_diff_markdown
from ccorg.render.diff_text import render_diff

BEFORE = """\
center:
  id: hq
  name: 中心
  posts:
    - {id: head, name: 主任, grade: boss, rule: {kind: fixed, count: 1}}
grades:
  - {id: staff, name: 员工, rank: 2, annual_cost: 100000}
  - {id: boss, name: 主管, rank: 1, annual_cost: 300000}
departments:
  - id: ops
    name: 运营部
    posts:
      - {id: agent, name: 座席, grade: staff, rule: {kind: fixed, count: 40}}
      - {id: lead, name: 组长, grade: staff, rule: {kind: ratio, per: 12, of: [agent]}}
      - {id: mail, name: 邮件, grade: staff, rule: {kind: fixed, count: 3}}
  - id: admin
    name: 综合部
    posts:
      - {id: hr, name: 人事, grade: staff, rule: {kind: fixed, count: 1}}
"""
AFTER = (
    BEFORE.replace("name: 中心", "name: 客服中心")
    .replace("annual_cost: 300000", "annual_cost: 330000")
    .replace("      - {id: mail, name: 邮件, grade: staff, rule: {kind: fixed, count: 3}}\n", "")
    .replace("name: 组长", "name: 业务组组长")
    .replace("count: 40}", "count: 50}")
    + "  - {id: cards, name: 信用卡部}\n"
)


@pytest.fixture
def everything() -> Diff:
    before, after = (plan_config(load_document(load_yaml(t, "c.yaml"))) for t in (BEFORE, AFTER))
    return diff_plans(before, after, "v1.yaml", "v2.yaml")


def table(diff: Diff, show_all: bool = False) -> str:
    out = io.StringIO()
    render_diff(diff, make_console("never", file=out, width=100), show_all)
    return out.getvalue()


@pytest.mark.parametrize(
    ("language", "name"), [("en", "diff_everything.txt"), ("zh", "diff_everything.zh.txt")]
)
def test_the_table_shows_every_kind_of_difference(
    everything: Diff, golden: Callable[[str, str], None], language: str, name: str
) -> None:
    use_language(language)
    golden(name, table(everything))


def test_all_adds_the_unchanged_posts(everything: Diff) -> None:
    assert "人事" not in table(everything)
    assert "人事" in table(everything, show_all=True)


@pytest.mark.parametrize(
    ("language", "name"), [("en", "diff_everything.md"), ("zh", "diff_everything.zh.md")]
)
def test_markdown_shows_every_kind_of_difference(
    everything: Diff, golden: Callable[[str, str], None], language: str, name: str
) -> None:
    use_language(language)
    golden(name, render_diff_markdown(everything))


def test_markdown_of_no_changes_is_one_line(everything: Diff) -> None:
    same = diff_plans(everything.before, everything.before, "a.yaml", "a.yaml")
    assert render_diff_markdown(same) == (
        "### Staffing: `a.yaml` → `a.yaml`\n\n"
        "**No changes: headcount 49, annual cost ¥5,100,000**\n"
    )


def test_no_changes_in_chinese_gives_the_cost_in_wan(everything: Diff) -> None:
    use_language("zh")
    same = diff_plans(everything.before, everything.before, "a.yaml", "a.yaml")
    # 49 people at ¥5,100,000 a year: 510 万.
    assert render_diff_markdown(same) == (
        "### 人员配置变化：`a.yaml` → `a.yaml`\n\n"
        "**无变化：人数 49，年度人力成本 ¥5,100,000（¥510万）**\n"
    )
