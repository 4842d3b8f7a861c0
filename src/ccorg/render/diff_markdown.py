"""A diff as GitHub-flavoured Markdown, ready to paste as a pull-request comment."""

from __future__ import annotations

from ccorg.diff import DepartmentDiff, Diff
from ccorg.render.diff_lines import (
    change_cell,
    closing_lines,
    cost_line,
    count_cell,
    reasons,
    summary_line,
)
from ccorg.render.markdown import MarkdownHtml, markdown_cell, markdown_text
from ccorg.units import money, signed, signed_money


def render_diff_markdown(diff: Diff, show_all: bool = False) -> str:
    """A heading, the summary, a table of departments and a table of posts."""
    currency = diff.after.currency
    lines = [
        f"### Staffing: `{diff.before_label}` → `{diff.after_label}`",
        "",
        f"**{summary_line(diff)}**",
    ]
    if not diff.has_changes and not show_all:
        return "\n".join(lines) + "\n"
    lines += ["", cost_line(diff)]
    if diff.center_changes:
        lines += [
            "",
            *(f"- Center: {markdown_text(change.text)}" for change in diff.center_changes),
        ]
    departments = [d for d in diff.departments if show_all or d.status != "unchanged"]
    if departments:
        # The column of written changes (a rename, a new parent) only when there are some.
        noted = any(d.changes for d in departments)
        # With sub-departments, their totals: own posts in Before/After, everyone in "In all".
        nested = any(d.total_before is not None or d.total_after is not None for d in departments)
        header = [
            "Department",
            "Before",
            "After",
            "Δ",
            *(["In all"] if nested else []),
            "Annual cost",
        ]
        lines += ["", *_table([*header, "Changes"] if noted else header)]
        for department in departments:
            cells = [
                f"{department.name} ({department.id})"
                + ("" if department.status == "changed" else f" — {department.status}"),
                count_cell(department.headcount_before),
                count_cell(department.headcount_after),
                signed(department.delta),
                *([_in_all(department)] if nested else []),
                f"{money(department.cost_before, currency)} → "
                f"{money(department.cost_after, currency)}",
            ]
            changes = "; ".join(c.text for c in department.changes)
            lines.append(_row(*cells, changes) if noted else _row(*cells))
        total = [
            "**Total**",
            f"**{diff.before.total_headcount}**",
            f"**{diff.after.total_headcount}**",
            f"**{signed(diff.total_delta)}**",
            *([""] if nested else []),
            f"**{signed_money(diff.cost_delta, currency)}**",
        ]
        lines.append(_row(*total, "") if noted else _row(*total))
    posts = [p for p in diff.posts if show_all or p.status != "unchanged"]
    if posts:
        in_post = diff.knows_current
        people = ["In post", "Gap"] if in_post else []
        lines += ["", *_table(["Post", "Before", "After", "Δ", *people, "Why"])]
        for post in posts:
            cells = [
                change_cell(post.current_before, post.current_after),
                change_cell(post.gap_before, post.gap_after, signs=True),
            ]
            lines.append(
                _row(
                    post.current.qualified_name,
                    count_cell(post.headcount_before),
                    count_cell(post.headcount_after),
                    signed(post.delta),
                    *(cells if in_post else []),
                    MarkdownHtml("<br>".join(map(markdown_cell, reasons(post, currency)))),
                )
            )
    grades = [g for g in diff.grades if g.status != "unchanged"]
    if grades:
        lines += ["", "Grades:"]
        lines += [
            f"- {markdown_text(g.current.name)} ({g.current.id}): "
            + _cell("; ".join(c.text for c in g.changes) or g.status)
            for g in grades
        ]
    closing = closing_lines(diff)
    verdict = check_line(diff)
    if closing or verdict:
        for line in closing:
            lines += ["", f"**{markdown_text(line)}**"]
        if verdict:
            lines += ["", verdict]
    return "\n".join(lines) + "\n"


def _in_all(department: DepartmentDiff) -> str:
    before = department.total_before or department.headcount_before
    after = department.total_after or department.headcount_after
    if department.total_before is None and department.total_after is None:
        return ""
    return change_cell(before, after)


def check_line(diff: Diff) -> str:
    """Whether ``ccorg check`` passes on the after side, when the diff checked it."""
    findings = diff.after_findings
    if findings is None:
        return ""
    errors = [f for f in findings if f.severity == "error"]
    warnings = len(findings) - len(errors)
    counted = f"{_plural(len(errors), 'error')}, {_plural(warnings, 'warning')}"
    if not errors:
        return f"`ccorg check` on `{diff.after_label}`: passes ({counted})"
    listed = "".join(f"\n- {markdown_text(f.message)} [{f.rule}]" for f in errors)
    return f"`ccorg check` on `{diff.after_label}`: **fails** ({counted}){listed}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


_NUMERIC = {"Before", "After", "Δ", "In all", "In post", "Gap", "Annual cost"}


def _table(header: list[str]) -> list[str]:
    rule = "|" + "|".join("---:" if h in _NUMERIC else "---" for h in header) + "|"
    return ["| " + " | ".join(header) + " |", rule]


def _row(*cells: str) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(value: str) -> str:
    return markdown_cell(value)
