"""A diff in the terminal: the summary first, then a table per department that changed.

Like ``terraform plan``: added posts in green, removed in red, and every changed number with
the inputs that moved it.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccorg.diff import Diff, PostDiff
from ccorg.i18n import _
from ccorg.render.diff_lines import (
    center_line,
    change_cell,
    closing_lines,
    cost_line,
    count_cell,
    department_line,
    reasons,
    status_word,
    summary_line,
)
from ccorg.units import signed

_STATUS_STYLES = {"added": "green", "removed": "red", "changed": "", "unchanged": "dim"}


def render_diff(diff: Diff, console: Console, show_all: bool = False) -> None:
    """Print the diff; unchanged posts and departments only with ``show_all``."""
    # Whole lines, never broken mid-phrase; a terminal wraps them if it must.
    console.print(Text(f"{diff.before_label} → {diff.after_label}", style="dim"), soft_wrap=True)
    console.print(Text(summary_line(diff), style="bold"), soft_wrap=True)
    if not diff.has_changes and not show_all:
        return
    console.print(cost_line(diff), soft_wrap=True)
    for change in diff.center_changes:
        console.print(center_line(change.text), soft_wrap=True)
    console.print()
    center = f"{diff.after.center_name} ({diff.after.center_id})"
    currency = diff.after.currency
    _print_posts(console, center, diff.center_posts, show_all, currency, diff.knows_current)
    for department in diff.departments:
        if show_all or department.status != "unchanged":
            title = department_line(department, currency)
            shown = _print_posts(
                console, title, department.posts, show_all, currency, diff.knows_current
            )
            if not shown:
                console.print(Text(title, style="bold"), end="\n\n")
    if any(grade.status != "unchanged" for grade in diff.grades):
        console.print(grade_table(diff))
    for line in closing_lines(diff):
        console.print(Text(line, style="bold"), soft_wrap=True)


def _print_posts(
    console: Console,
    title: str,
    posts: tuple[PostDiff, ...],
    show_all: bool,
    currency: str,
    in_post: bool,
) -> bool:
    """Print the table of the posts to show, if there are any; say whether there were."""
    shown = tuple(p for p in posts if show_all or p.status != "unchanged")
    if shown:
        console.print(post_table(title, shown, currency, in_post))
    return bool(shown)


def post_table(
    title: str, posts: tuple[PostDiff, ...], currency: str, in_post: bool = True
) -> Table:
    """One row per post: before, after, Δ (green down, red up, when colour is on), people in
    post and the gap (``40 → 45`` where they moved; with ``in_post`` only), and why."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    table.add_column(_("Post"))
    table.add_column(_("Before"), justify="right")
    table.add_column(_("After"), justify="right")
    table.add_column("Δ", justify="right")
    if in_post:
        table.add_column(_("In post"), justify="right", no_wrap=True)
        table.add_column(_("Gap"), justify="right", no_wrap=True)
    table.add_column(_("Why"), overflow="fold")
    for post in posts:
        style = _STATUS_STYLES[post.status]
        people = [
            change_cell(post.current_before, post.current_after),
            change_cell(post.gap_before, post.gap_after, signs=True),
        ]
        table.add_row(
            Text(post.current.name, style=style),
            count_cell(post.headcount_before),
            count_cell(post.headcount_after),
            Text(signed(post.delta), style=_DELTA_STYLES[(post.delta > 0) - (post.delta < 0)]),
            *(people if in_post else []),
            "\n".join(reasons(post, currency)),
        )
    return table


# More people in red, fewer in green, as a budget reader sees them.
_DELTA_STYLES = {1: "red", -1: "green", 0: "dim"}


def grade_table(diff: Diff) -> Table:
    """Grades whose cost or standing changed, or that came or went with their posts."""
    table = Table(title=_("Grades"), title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    table.add_column(_("Grade"))
    table.add_column(_("Change"), overflow="fold")
    for grade in diff.grades:
        if grade.status == "unchanged":
            continue
        what = "; ".join(c.text for c in grade.changes) or status_word(grade.status)
        table.add_row(f"{grade.current.name} ({grade.current.id})", what)
    return table
