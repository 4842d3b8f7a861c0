"""A diff as one self-contained HTML page: totals before and after, 编制 and budget, and each
changed post highlighted with why it changed — the sentences the terminal and Markdown tell."""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.diff import Diff, PostDiff
from ccorg.i18n import _
from ccorg.i18n.numbers import summary_money
from ccorg.render.diff_lines import closing_lines, department_line, reasons, summary_line
from ccorg.render.html_page import render_page
from ccorg.units import money, signed


@dataclass(frozen=True)
class TotalRow:
    label: str
    before: str
    after: str
    delta: str
    direction: str  # "up", "down" or "": how the page colours the change


@dataclass(frozen=True)
class PostRow:
    post: PostDiff
    name: str
    before: str
    after: str
    delta: str
    direction: str
    reasons: tuple[str, ...]


def render_diff_html(diff: Diff, show_all: bool = False) -> str:
    """The page of ``diff``; unchanged posts only with ``show_all``."""
    groups = []
    center = f"{diff.after.center_name} ({diff.after.center_id})"
    groups.append((center, _rows(diff.center_posts, diff, show_all)))
    for department in diff.departments:
        if show_all or department.status != "unchanged":
            groups.append(
                (
                    department_line(department, diff.after.currency),
                    _rows(department.posts, diff, show_all),
                )
            )
    return render_page(
        "diff.html.j2",
        title=_("Staffing plan changes: {before} → {after}").format(
            before=diff.before_label, after=diff.after_label
        ),
        labels=_labels(),
        diff=diff,
        headline=summary_line(diff),
        closing=closing_lines(diff),
        totals=totals(diff),
        groups=[(title, rows) for title, rows in groups if rows],
    )


def totals(diff: Diff) -> list[TotalRow]:
    """Headcount, cost, 编制 and budget before and after, each with its change."""
    before, after = diff.before, diff.after
    currency = after.currency
    rows = [
        _count_row(_("Headcount"), before.total_headcount, after.total_headcount),
        _money_row(_("Annual cost"), before.total_cost, after.total_cost, currency),
    ]
    establishment = before.figures.establishment, after.figures.establishment
    if any(value is not None for value in establishment):
        rows.append(_count_row(_("编制 (establishment)"), *establishment))
    if before.budget is not None or after.budget is not None:
        rows.append(_money_row(_("Budget"), before.budget, after.budget, currency))
        rows.append(
            _money_row(
                _("Over budget (+) / under (−)"),
                before.budget_variance,
                after.budget_variance,
                currency,
            )
        )
    return rows


def _count_row(label: str, before: int | None, after: int | None) -> TotalRow:
    delta = None if before is None or after is None else after - before
    return TotalRow(
        label,
        "—" if before is None else str(before),
        "—" if after is None else str(after),
        "" if not delta else signed(delta),
        _direction(delta),
    )


def _money_row(label: str, before: float | None, after: float | None, currency: str) -> TotalRow:
    delta = None if before is None or after is None else after - before
    shown = ""
    if delta:
        shown = ("+" if delta > 0 else "") + money(delta, currency)
    return TotalRow(
        label,
        summary_money(before, currency),
        summary_money(after, currency),
        shown,
        _direction(delta),
    )


def _rows(posts: tuple[PostDiff, ...], diff: Diff, show_all: bool) -> list[PostRow]:
    currency = diff.after.currency
    return [
        PostRow(
            post,
            post.current.qualified_name,
            "—" if post.headcount_before is None else str(post.headcount_before),
            "—" if post.headcount_after is None else str(post.headcount_after),
            "" if not post.delta else signed(post.delta),
            _direction(post.delta),
            tuple(reasons(post, currency)),
        )
        for post in posts
        if show_all or post.status != "unchanged"
    ]


def _direction(delta: float | None) -> str:
    if not delta:
        return ""
    return "up" if delta > 0 else "down"


def _labels() -> dict[str, str]:
    return {
        "totals": _("Totals"),
        "before": _("Before"),
        "after": _("After"),
        "change": _("Change"),
        "posts": _("Changed posts"),
        "post": _("Post"),
        "why": _("Why"),
        "generated": _("Generated"),
        "language": _("Language"),
    }
