"""A diff as GitHub-flavoured Markdown, ready to paste as a pull-request comment."""

from __future__ import annotations

from ccorg.diff import Diff
from ccorg.render.diff_lines import (
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
        header = ["Department", "Before", "After", "Δ", "Annual cost"]
        lines += ["", *_table([*header, "Changes"] if noted else header)]
        for department in departments:
            cells = [
                f"{department.name} ({department.id})"
                + ("" if department.status == "changed" else f" — {department.status}"),
                count_cell(department.headcount_before),
                count_cell(department.headcount_after),
                signed(department.delta),
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
            f"**{signed_money(diff.cost_delta, currency)}**",
        ]
        lines.append(_row(*total, "") if noted else _row(*total))
    posts = [p for p in diff.posts if show_all or p.status != "unchanged"]
    if posts:
        lines += ["", *_table(["Post", "Before", "After", "Δ", "Why"])]
        for post in posts:
            lines.append(
                _row(
                    post.current.qualified_name,
                    count_cell(post.headcount_before),
                    count_cell(post.headcount_after),
                    signed(post.delta),
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
    return "\n".join(lines) + "\n"


_NUMERIC = {"Before", "After", "Δ", "Annual cost"}


def _table(header: list[str]) -> list[str]:
    rule = "|" + "|".join("---:" if h in _NUMERIC else "---" for h in header) + "|"
    return ["| " + " | ".join(header) + " |", rule]


def _row(*cells: str) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(value: str) -> str:
    return markdown_cell(value)
