"""Two capacity plans compared, as GitHub-flavoured Markdown: a pull-request comment."""

from __future__ import annotations

from ccorg.capacity_diff import CapacityDiff, WorkloadDiff
from ccorg.i18n import _
from ccorg.render.capacity_diff_words import (
    ahead_line,
    cause_line,
    follows_lines,
    hire_line,
    month_headers,
    month_rows,
    other_line,
    post_line,
    post_title,
    summary_line,
)
from ccorg.render.markdown import markdown_text
from ccorg.render.plan_rows import markdown_table
from ccorg.units import money, signed_money


def render_capacity_diff_markdown(diff: CapacityDiff, show_all: bool = False) -> str:
    """A heading, the summary, the cost by year, then each post that moved."""
    currency = diff.after.currency
    lines = [
        _("### Capacity: `{before}` → `{after}`").format(
            before=diff.before_label, after=diff.after_label
        ),
        "",
        f"**{markdown_text(summary_line(diff))}**",
        "",
    ]
    lines += [f"- {markdown_text(line)}" for line in follows_lines(diff)]
    lines += [
        "- " + markdown_text(_("Every stream: {cause}").format(cause=cause_line(c, diff.months)))
        for c in diff.center_causes
    ]
    if not diff.has_changes and not show_all:
        return "\n".join(lines).rstrip("\n") + "\n"
    years = [
        [
            str(year.year),
            year.months,
            money(year.before, currency),
            money(year.after, currency),
            signed_money(year.change, currency),
        ]
        for year in diff.years
    ]
    years.append(
        [
            _("Total"),
            len(diff.months),
            money(diff.cost_before, currency),
            money(diff.cost_after, currency),
            signed_money(diff.cost_change, currency),
        ]
    )
    header = [_("Year"), _("Months"), _("Before"), _("After"), _("Change")]
    lines += ["", *markdown_table(header, years, set(header[1:]))]
    for post in diff.workload:
        if show_all or post.status != "unchanged":
            lines += _post(diff, post, show_all)
    others = [p for p in diff.others if show_all or p.status != "unchanged"]
    if others:
        lines += ["", f"#### {_('Other posts')}", ""]
        lines += [f"- {markdown_text(other_line(diff, post))}" for post in others]
    return "\n".join(lines) + "\n"


def _post(diff: CapacityDiff, post: WorkloadDiff, show_all: bool) -> list[str]:
    currency = diff.after.currency
    lines = [
        "",
        f"#### {markdown_text(post_title(post))}",
        "",
        markdown_text(post_line(post, currency)),
    ]
    if post.hires:
        lines += ["", *(f"- {markdown_text(hire_line(change))}" for change in post.hires)]
    rows = month_rows(diff, post, show_all)
    if rows:
        header = month_headers()
        lines += ["", *markdown_table(header, rows, set(header[1:]))]
    if post.status == "changed" and post.causes:
        lines += [
            "",
            _("Why:"),
            *(f"- {markdown_text(cause_line(c, diff.months))}" for c in post.causes),
        ]
    ahead = ahead_line(post, diff.months)
    if ahead:
        lines += ["", markdown_text(ahead)]
    return lines
