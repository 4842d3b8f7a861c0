"""`ccorg diff --format html` and `ccorg export --to html` as a user runs them."""

from __future__ import annotations

from pathlib import Path

from ccorg.pipeline import compare_sources, plan_file

from .browser import csp_violations, dump_dom
from .test_plan_html import parse

REPO = Path(__file__).resolve().parents[2]
BANK = str(REPO / "configs" / "bank.yaml")
SITES = str(REPO / "configs" / "examples" / "two_sites.yaml")


def test_the_launch_page_shows_totals_and_every_changed_post_with_why(run_cli, tmp_path):
    result = run_cli("diff", BANK, f"{BANK}@credit_card_launch", "--format", "html")
    assert (result.exit_code, result.stderr) == (0, "")
    diff = compare_sources(BANK, f"{BANK}@credit_card_launch")
    page = parse(result.stdout)
    text = " ".join(page.text)
    assert f"{diff.before.total_headcount}" in text and f"{diff.after.total_headcount}" in text
    assert f"+{diff.total_delta}" in text
    changed = [p for p in diff.posts if p.status != "unchanged"]
    rows = {
        a["data-post"]: a["class"] for tag, a in page.attributes if tag == "tr" and "data-post" in a
    }
    assert rows == {p.id: p.status for p in changed}
    agent = diff.post("agent")
    assert "calls.volume.per_day 3,000 → 4,500" in text
    assert f"{agent.headcount_before}" in text
    # In a browser: the page loads nothing.
    path = tmp_path / "diff.html"
    path.write_text(result.stdout, encoding="utf-8")
    loaded = dump_dom(path)
    assert csp_violations(loaded.log) == []
    assert "信用卡" in loaded.stdout


def test_budget_and_establishment_lines_before_and_after(run_cli):
    result = run_cli("diff", SITES, f"{SITES}@chengdu_growth", "--format", "html")
    assert result.exit_code == 0, result.stderr
    before, after = plan_file(SITES), plan_file(SITES, "chengdu_growth")
    text = " ".join(parse(result.stdout).text)
    assert "Budget" in text and "编制" in text
    assert f"{before.figures.establishment}" in text and f"{after.figures.establishment}" in text
    assert f"{after.total_cost:,.0f}" in text
    from ccorg.render.diff_lines import closing_lines

    lines = closing_lines(compare_sources(SITES, f"{SITES}@chengdu_growth"))
    assert lines and all(line in text for line in lines)


def test_export_writes_the_page_told_from_the_suffix(run_cli, tmp_path):
    out = tmp_path / "plan.html"
    result = run_cli("export", BANK, "-o", str(out), "--scenario", "lean")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    text = " ".join(parse(html).text)
    assert "lean" in text and BANK in text
    assert str(plan_file(BANK, "lean").total_headcount) in text
