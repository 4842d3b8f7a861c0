"""Spans and layers of the bank's reporting lines."""

from __future__ import annotations

from pathlib import Path

from ccorg.pipeline import plan_file


def test_bank_spans_and_layers(bank_path: Path) -> None:
    plan = plan_file(str(bank_path))
    structure = plan.structure
    # 总经理 → 副总经理 → 经理 → 主管 → 业务组组长 → 座席
    assert structure.layers == 6
    # The concurrent 总经理 is one person in the chair with one report (副总经理).
    assert structure.spans["gm"] == 1.0
    assert structure.spans["dgm"] == 5.0  # five department managers
    leaders = plan.post("team_leader").headcount
    assert structure.spans["team_leader"] == plan.post("agent").headcount / leaders
    managers = sum(
        1 if p.post.rule.kind == "concurrent" else p.headcount
        for p in plan.all_posts()
        if p.id in structure.spans
    )
    reports = sum(p.headcount for p in plan.all_posts() if p.post.reports_to)
    assert structure.average_span == reports / managers
