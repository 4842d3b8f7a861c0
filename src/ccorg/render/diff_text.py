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
from ccorg.render.diff_lines import (
    cost_line,
    count_cell,
    department_line,
    reasons,
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
        console.print(f"Center: {change.text}", soft_wrap=True)
    console.print()
    center = f"{diff.after.center_name} ({diff.after.center_id})"
    currency = diff.after.currency
    _print_posts(console, center, diff.center_posts, show_all, currency)
    for department in diff.departments:
        if show_all or department.status != "unchanged":
            title = department_line(department, currency)
            if not _print_posts(console, title, department.posts, show_all, currency):
                console.print(Text(title, style="bold"), end="\n\n")
    if any(grade.status != "unchanged" for grade in diff.grades):
        console.print(grade_table(diff))


def _print_posts(
    console: Console, title: str, posts: tuple[PostDiff, ...], show_all: bool, currency: str
) -> bool:
    """Print the table of the posts to show, if there are any; say whether there were."""
    shown = tuple(p for p in posts if show_all or p.status != "unchanged")
    if shown:
        console.print(post_table(title, shown, currency))
    return bool(shown)


def post_table(title: str, posts: tuple[PostDiff, ...], currency: str) -> Table:
    """One row per post: before, after, Δ and why."""
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    table.add_column("Post")
    table.add_column("Before", justify="right")
    table.add_column("After", justify="right")
    table.add_column("Δ", justify="right")
    table.add_column("Why", overflow="fold")
    for post in posts:
        style = _STATUS_STYLES[post.status]
        table.add_row(
            Text(post.current.name, style=style),
            count_cell(post.headcount_before),
            count_cell(post.headcount_after),
            Text(signed(post.delta), style=style if post.delta else "dim"),
            "\n".join(reasons(post, currency)),
        )
    return table


def grade_table(diff: Diff) -> Table:
    """Grades whose cost or standing changed, or that came or went with their posts."""
    table = Table(title="Grades", title_justify="left", box=box.SIMPLE_HEAD, title_style="bold")
    table.add_column("Grade")
    table.add_column("Change", overflow="fold")
    for grade in diff.grades:
        if grade.status == "unchanged":
            continue
        what = "; ".join(c.text for c in grade.changes) or grade.status
        table.add_row(f"{grade.current.name} ({grade.current.id})", what)
    return table
