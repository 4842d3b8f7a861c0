"""Each policy rule on a config bent to break it: the message, the line, the severity."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccorg.checks.findings import Finding
from ccorg.limits import MAX_DEPARTMENTS

Check = Callable[[str], list[Finding]]


def seen(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    return [(str(f.location), f.severity.value, f.rule, f.message) for f in findings]


def test_the_clean_config_has_no_findings(check_text: Check, clean: str) -> None:
    assert check_text(clean) == []


def test_span_of_control_below_the_band(check_text: Check, clean: str, tmp_path: Path) -> None:
    findings = check_text(clean.replace("count: 5}}", "count: 2}}"))
    path = tmp_path / "c.yaml"
    assert seen(findings) == [
        (
            f"{path}:2:3",
            "warning",
            "leaders-per-shift",
            "the center is open 7×24 in 3 shifts a day but has 2 team leaders (Desk·Lead 2)",
        ),
        (
            f"{path}:5:7",
            "warning",
            "span-of-control",
            "Head (head) has a span of control of 2, below the band 5–15",
        ),
    ]


def test_span_of_control_above_the_band_with_its_own_band(check_text: Check, clean: str) -> None:
    text = clean + "policies:\n  span-of-control: {min: 1, max: 5.5}\n"
    (finding,) = check_text(text)
    assert (finding.location.line, finding.rule, finding.message) == (
        13,
        "span-of-control",
        "Desk·Lead (lead) has a span of control of 6, above the band 1–5.5",
    )


def test_concurrent_posts_have_no_span_to_judge(check_text: Check, clean: str) -> None:
    text = clean.replace(
        "rule: {kind: fixed, count: 1}}", "rule: {kind: concurrent, held_by: the bank's COO}}"
    ).replace("count: 5}}", "count: 1}}")
    # head now holds 1 lead (span 1) but is concurrent; lead has 30 (above 15) and is not.
    assert [(f.rule, f.message) for f in check_text(text)] == [
        (
            "leaders-per-shift",
            "the center is open 7×24 in 3 shifts a day but has 1 team leader (Desk·Lead 1)",
        ),
        ("span-of-control", "Desk·Lead (lead) has a span of control of 30, above the band 5–15"),
    ]


def test_a_department_post_without_reporting_line(check_text: Check, clean: str) -> None:
    text = clean.replace(", reports_to: head, rule", ", rule")
    assert [(f.location.line, f.severity.value, f.rule, f.message) for f in check_text(text)] == [
        (13, "error", "reporting-line", "Desk·Lead (lead) reports to no post; give it 'reports_to'")
    ]


def test_the_center_posts_may_be_roots(check_text: Check, clean: str) -> None:
    text = clean.replace(
        "    - {id: head,",
        "    - {id: chair, name: Chair, grade: g1, rule: {kind: concurrent, held_by: board}}\n"
        "    - {id: head,",
    )
    assert check_text(text) == []


def test_leaders_per_shift_counts_the_posts_it_is_given(check_text: Check, clean: str) -> None:
    text = clean + "policies:\n  leaders-per-shift: {shifts: 4, leader_posts: [head]}\n"
    (finding,) = check_text(text)
    assert finding.message == (
        "the center is open 7×24 in 4 shifts a day but has 1 team leader (Head 1)"
    )


def test_leaders_per_shift_skips_centers_with_opening_hours(check_text: Check, clean: str) -> None:
    text = clean.replace("count: 5}}", "count: 2}}").replace(
        "  name: C\n", '  name: C\n  service_hours: {mon: ["09:00-17:00"]}\n'
    )
    assert [f.rule for f in check_text(text)] == ["span-of-control"]


def test_leader_posts_must_exist(check_text: Check, clean: str) -> None:
    text = clean + "policies:\n  leaders-per-shift: {leader_posts: [leed]}\n"
    (finding,) = check_text(text)
    assert (finding.location.line, finding.location.col, finding.rule, finding.message) == (
        21,
        38,
        "reference",
        "unknown post 'leed'; did you mean 'lead'?",
    )


def test_establishment_counts_sub_departments(check_text: Check, clean: str) -> None:
    text = (
        clean.replace("    name: Desk\n", "    name: Desk\n    establishment: 40\n")
        + "  - id: sub\n    name: Sub\n    parent: d\n    posts:\n"
        "      - {id: x, name: X, grade: g2, reports_to: lead, rule: {kind: fixed, count: 6}}\n"
    )
    (finding,) = check_text(text)
    assert (finding.location.line, finding.severity.value, finding.message) == (
        12,
        "error",
        "department Desk (d) plans 41 people, 1 over its establishment (编制) of 40",
    )


def test_establishment_within_limit_and_deep_chains(check_text: Check, clean: str) -> None:
    chain = "".join(
        f"  - {{id: s{i}, name: S{i}, parent: {'d' if i == 0 else f's{i - 1}'}}}\n"
        for i in range(MAX_DEPARTMENTS - 1)  # as deep as a config may nest them
    )
    text = clean.replace("    name: Desk\n", "    name: Desk\n    establishment: 35\n") + chain
    assert check_text(text) == []


def test_establishment_of_a_post(check_text: Check, clean: str) -> None:
    text = clean.replace(
        "rule: {kind: fixed, count: 30}",
        "rule: {kind: fixed, count: 30}\n        establishment: 28",
    )
    (finding,) = check_text(text)
    assert (finding.location.line, finding.severity.value, finding.rule, finding.message) == (
        20,
        "error",
        "establishment",
        "post Desk·Agent (agent) plans 30 people, 2 over its establishment (编制) of 28",
    )
    assert check_text(text.replace("establishment: 28", "establishment: 30")) == []


def test_partial_current_names_the_posts_without_it(check_text: Check, clean: str) -> None:
    text = clean.replace("count: 5}}", "count: 5}, current: 4}")
    (finding,) = check_text(text)
    assert (finding.location.line, finding.severity.value, finding.rule, finding.message) == (
        5,
        "warning",
        "partial-current",
        "people in post (current) are given for 1 of 3 staffed posts; missing for 2: Head, "
        "Desk·Agent; totals of people in post, gaps and vacancies count only the 1",
    )
    # Given for all, or for none: nothing partial.
    everyone = text.replace("count: 1}}", "count: 1}, current: 1}").replace(
        "count: 30}", "count: 30}\n        current: 29"
    )
    assert check_text(everyone) == []
    assert check_text(clean) == []


def test_partial_current_needs_nothing_of_concurrent_posts(check_text: Check, clean: str) -> None:
    text = (
        clean.replace(
            "rule: {kind: fixed, count: 1}}", "rule: {kind: concurrent, held_by: the COO}}"
        )
        .replace("count: 5}}", "count: 5}, current: 5}")
        .replace("count: 30}", "count: 30}\n        current: 29")
    )
    assert check_text(text) == []


def test_budget(check_text: Check, clean: str) -> None:
    # 6 × 100 + 30 × 10 = 900 a year
    assert check_text(clean + "policies:\n  budget: {annual: 900}\n") == []
    (finding,) = check_text(clean + "policies:\n  budget: {annual: 850}\n")
    assert (finding.location.line, finding.severity.value, finding.message) == (
        21,
        "error",
        "the plan costs ¥900 a year, ¥50 over the budget of ¥850",
    )


def test_budget_says_when_costs_are_missing(check_text: Check, clean: str) -> None:
    text = clean.replace(", annual_cost: 10}", "}") + "policies:\n  budget: {annual: 500}\n"
    (finding,) = check_text(text)
    assert finding.message == (
        "the plan costs ¥600 a year, ¥100 over the budget of ¥500 "
        "(posts of grades without annual_cost not counted)"
    )


def test_unused_grade(check_text: Check, clean: str) -> None:
    text = clean.replace(
        "  - {id: g2,",
        "  - {id: g3, name: Spare, rank: 3}\n  - {id: g4, name: Zero, rank: 4}\n  - {id: g2,",
    ).replace(
        "      - id: agent\n",
        "      - {id: z, name: Z, grade: g4, reports_to: lead, rule: {kind: fixed, count: 0}}\n"
        "      - id: agent\n",
    )
    assert [(f.location.line, f.severity.value, f.rule, f.message) for f in check_text(text)] == [
        (8, "warning", "unused-grade", "grade Spare (g3) is held by nobody: no post uses it"),
        (
            9,
            "warning",
            "unused-grade",
            "grade Zero (g4) is held by nobody: its posts (z) come to zero people",
        ),
    ]


def test_severity_can_be_changed_or_turned_off(check_text: Check, clean: str) -> None:
    text = clean.replace("count: 5}}", "count: 2}}")
    raised = (
        text + "policies:\n  span-of-control: {severity: error}\n"
        "  leaders-per-shift: {severity: off}\n"
    )
    assert [(f.rule, f.severity.value) for f in check_text(raised)] == [
        ("span-of-control", "error")
    ]
