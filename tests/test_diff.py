"""Diff: two plans matched by id, with every changed number and input."""

from __future__ import annotations

from ccorg.config.loader import load_yaml
from ccorg.diff import Diff, diff_plans
from ccorg.pipeline import load_document, plan_config
from ccorg.plan import Plan


def plan(text: str) -> Plan:
    return plan_config(load_document(load_yaml(text, "c.yaml")))


def line_of(text: str, post_id: str) -> str:
    """The line of ``text`` that writes the post ``post_id``."""
    return next(line for line in text.splitlines(True) if f"{{id: {post_id}," in line)


def diff(before: str, after: str) -> Diff:
    return diff_plans(plan(before), plan(after), "old", "new")


def changed(result: Diff) -> dict[str, tuple[int | None, int | None, list[str]]]:
    return {
        p.id: (p.headcount_before, p.headcount_after, [c.text for c in p.changes])
        for p in result.posts
        if p.status != "unchanged"
    }


def test_a_plan_against_itself_has_no_changes(stacked: str) -> None:
    result = diff(stacked, stacked)
    assert not result.has_changes
    assert not result.headcount_changed
    assert {p.status for p in result.posts} == {"unchanged"}
    assert result.total_delta == 0


def test_one_ratio_moves_that_post_and_every_post_stacked_on_it(stacked: str) -> None:
    result = diff(stacked, stacked.replace("per: 12", "per: 9"))
    # 180 ÷ 9 = 20 leads (was 15); ⌈20 ÷ 5⌉ = 4 supervisors (was 3); ⌈204 ÷ 100⌉ = 3 HR (was 2).
    assert changed(result) == {
        "lead": (15, 20, ["ratio 1/12 → 1/9"]),
        "supervisor": (3, 4, []),
        "hr": (2, 3, []),
    }
    assert sum(p.delta for p in result.posts) == result.total_delta == 7
    assert result.cost_delta == 5 * 100000 + 300000 + 100000
    assert result.headcount_changed
    assert result.post("supervisor").after.basis == "⌈20 ÷ 5⌉ = 4"


def test_posts_are_matched_by_id_not_position(stacked: str) -> None:
    lines = stacked.splitlines(keepends=True)
    # Agent and lead swap places in the file: nothing changed.
    swapped = "".join([*lines[:10], lines[11], lines[10], *lines[12:]])
    assert swapped != stacked
    assert not diff(stacked, swapped).has_changes


def test_a_renamed_post_is_a_change_of_name(stacked: str) -> None:
    result = diff(stacked, stacked.replace("name: 组长", "name: 业务组组长"))
    assert changed(result) == {"lead": (15, 15, ["name 组长 → 业务组组长"])}
    assert not result.headcount_changed


def test_added_and_removed_posts_and_departments(stacked: str) -> None:
    supervisor = line_of(stacked, "supervisor")
    it = "      - {id: it, name: 运维, grade: staff, rule: {kind: fixed, count: 2}}\n"
    cards = (
        "  - {id: cards, name: 信用卡部, posts: "
        "[{id: card, name: 专员, grade: staff, rule: {kind: fixed, count: 4}}]}\n"
    )
    after = (
        stacked.replace(supervisor, "").replace(line_of(stacked, "hr"), it + line_of(stacked, "hr"))
        + cards
    )
    result = diff(stacked, after)
    statuses = {p.id: p.status for p in result.posts}
    assert statuses == {
        "agent": "unchanged",
        "lead": "unchanged",
        "supervisor": "removed",
        "hr": "changed",  # counts the whole center: ⌈201 ÷ 100⌉ = 3, was ⌈198 ÷ 100⌉ = 2
        "it": "added",
        "card": "added",
    }
    assert [(d.id, d.status) for d in result.departments] == [
        ("ops", "changed"),
        ("admin", "changed"),
        ("cards", "added"),
    ]
    removed = result.post("supervisor")
    assert (removed.headcount_before, removed.headcount_after, removed.delta) == (3, None, -3)
    assert sum(p.delta for p in result.posts) == result.total_delta == -3 + 2 + 4 + 1
    assert (result.count("added"), result.count("removed")) == (2, 1)


def test_a_removed_post_keeps_its_place_among_the_others(stacked: str) -> None:
    after = stacked.replace(
        line_of(stacked, "lead"),
        "",
    ).replace("of: [lead]", "of: [agent]")
    result = diff(stacked, after)
    assert [p.id for p in result.departments[0].posts] == ["agent", "lead", "supervisor"]


def test_a_post_moved_to_another_department_is_shown_where_it_is_now(stacked: str) -> None:
    hr = line_of(stacked, "hr")
    after = stacked.replace("    posts:\n" + hr, "").replace("    posts:\n", "    posts:\n" + hr, 1)
    result = diff(stacked, after)
    assert changed(result) == {"hr": (2, 2, ["department 综合部 → 运营部"])}
    assert [p.id for p in result.departments[0].posts] == ["hr", "agent", "lead", "supervisor"]
    admin = result.departments[1]
    assert (admin.posts, admin.headcount_before, admin.headcount_after) == ((), 2, 0)


def test_a_rule_of_another_kind_reads_as_both_rules(stacked: str) -> None:
    after = stacked.replace(
        "rule: {kind: fixed, count: 180}", "rule: {kind: ratio, per: 0.1, of: [lead]}"
    )
    after = after.replace(
        "rule: {kind: ratio, per: 12, of: [agent]}", "rule: {kind: fixed, count: 15}"
    )
    result = diff(stacked, after)
    assert changed(result)["agent"][2] == ["rule fixed 180 → ratio 1/0.1 of lead"]
    assert changed(result)["lead"][2] == ["rule ratio 1/12 of agent → fixed 15"]


def test_written_inputs_read_as_a_planner_would_say_them(stacked: str) -> None:
    after = stacked.replace(
        "grade: boss, rule: {kind: ratio, per: 5, of: [lead]}",
        "grade: staff, min: 4, rule: {kind: ratio, per: 5, of: [lead, agent]}",
    ).replace("count: 180}", "count: 180, note: 新增}")
    result = diff(stacked, after)
    assert changed(result)["supervisor"][2] == [
        "grade 主管 → 员工",
        "rule.of +agent",
        "min — → 4",
    ]
    assert changed(result)["agent"][2] == ["rule.note — → 新增"]


def test_a_grade_whose_cost_changed_explains_the_cost(stacked: str) -> None:
    result = diff(stacked, stacked.replace("annual_cost: 300000", "annual_cost: 330000"))
    assert [(g.current.id, [c.text for c in g.changes]) for g in result.grades if g.changes] == [
        ("boss", ["annual_cost 300,000 → 330,000"])
    ]
    assert result.post("supervisor").status == "changed"
    assert result.cost_delta == 3 * 30000
    assert not result.headcount_changed


def test_center_changes_are_listed(stacked: str) -> None:
    result = diff(stacked, stacked.replace("name: 中心", "name: 客服中心"))
    assert [c.text for c in result.center_changes] == ["name 中心 → 客服中心"]
    assert result.has_changes
