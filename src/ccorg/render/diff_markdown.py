"""A diff as GitHub-flavoured Markdown, ready to paste as a pull-request comment."""

from __future__ import annotations

from ccorg.diff import DepartmentDiff, Diff
from ccorg.i18n import N_, _, ngettext
from ccorg.render.diff_lines import (
    center_line,
    change_cell,
    closing_lines,
    cost_line,
    count_cell,
    reasons,
    status_word,
    summary_line,
)
from ccorg.render.markdown import MarkdownHtml, markdown_cell, markdown_text
from ccorg.units import money, signed, signed_money


def render_diff_markdown(diff: Diff, show_all: bool = False) -> str:
    """A heading, the summary, a table of departments and a table of posts."""
    currency = diff.after.currency
    lines = [
        _("### Staffing: `{before}` → `{after}`").format(
            before=diff.before_label, after=diff.after_label
        ),
        "",
        f"**{summary_line(diff)}**",
    ]
    if not diff.has_changes and not show_all:
        return "\n".join(lines) + "\n"
    lines += ["", cost_line(diff)]
    if diff.center_changes:
        lines += [
            "",
            *(f"- {center_line(markdown_text(change.text))}" for change in diff.center_changes),
        ]
    departments = [d for d in diff.departments if show_all or d.status != "unchanged"]
    if departments:
        # The column of written changes (a rename, a new parent) only when there are some.
        noted = any(d.changes for d in departments)
        # With sub-departments, their totals: own posts in Before/After, everyone in "In all".
        nested = any(d.total_before is not None or d.total_after is not None for d in departments)
        header = [
            N_("Department"),
            N_("Before"),
            N_("After"),
            "Δ",
            *([N_("In all")] if nested else []),
            N_("Annual cost"),
        ]
        lines += ["", *_table([*header, N_("Changes")] if noted else header)]
        for department in departments:
            status = department.status
            cells = [
                f"{department.name} ({department.id})"
                + ("" if status == "changed" else f" — {status_word(status)}"),
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
            f"**{_('Total')}**",
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
        people = [N_("In post"), N_("Gap")] if in_post else []
        header = [N_("Post"), N_("Before"), N_("After"), "Δ", *people, N_("Why")]
        lines += ["", *_table(header)]
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
        lines += ["", _("Grades:")]
        lines += [
            f"- {markdown_text(g.current.name)} ({g.current.id}): "
            + _cell("; ".join(c.text for c in g.changes) or status_word(g.status))
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
    counted = _("{errors}, {warnings}").format(
        errors=ngettext("{count} error", "{count} errors", len(errors)).format(count=len(errors)),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
    )
    if not errors:
        return _("`ccorg check` on `{label}`: passes ({counted})").format(
            label=diff.after_label, counted=counted
        )
    listed = "".join(f"\n- {markdown_text(f.message)} [{f.rule}]" for f in errors)
    verdict = _("`ccorg check` on `{label}`: **fails** ({counted})").format(
        label=diff.after_label, counted=counted
    )
    return verdict + listed


# The header's messages (English, as marked): numbers align right.
_NUMERIC = {"Before", "After", "Δ", "In all", "In post", "Gap", "Annual cost"}


def _table(header: list[str]) -> list[str]:
    """The header row, in the reader's language, and its alignment rule."""
    rule = "|" + "|".join("---:" if h in _NUMERIC else "---" for h in header) + "|"
    return ["| " + " | ".join(_(h) for h in header) + " |", rule]


def _row(*cells: str) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(value: str) -> str:
    return markdown_cell(value)
