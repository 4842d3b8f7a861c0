"""Two capacity plans compared, in the terminal: the cost moved by year, then per workload post
its hires moved, the months that changed (before→after) and why; then the other posts."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

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
from ccorg.units import money, signed_money

_STATUS_STYLES = {"added": "green", "removed": "red", "changed": "", "unchanged": "dim"}


def render_capacity_diff(diff: CapacityDiff, console: Console, show_all: bool = False) -> None:
    """Print the comparison; unchanged posts only with ``show_all``."""
    console.print(Text(f"{diff.before_label} → {diff.after_label}", style="dim"), soft_wrap=True)
    console.print(Text(summary_line(diff), style="bold"), soft_wrap=True)
    for line in follows_lines(diff):
        console.print(line, soft_wrap=True)
    if not diff.has_changes and not show_all:
        return
    for cause in diff.center_causes:
        console.print(
            _("Every stream: {cause}").format(cause=cause_line(cause, diff.months)), soft_wrap=True
        )
    console.print(year_table(diff))
    for post in diff.workload:
        if show_all or post.status != "unchanged":
            render_post(diff, post, console, show_all)
    others = [post for post in diff.others if show_all or post.status != "unchanged"]
    if others:
        console.print(Text(_("Other posts"), style="bold"))
        for post in others:
            console.print(
                Text(other_line(diff, post), style=_STATUS_STYLES[post.status]), soft_wrap=True
            )


def year_table(diff: CapacityDiff) -> Table:
    """The center's cost by calendar year and over the horizon, on each side."""
    currency = diff.after.currency
    table = Table(title=_("Cost by year"), box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(_("Year"))
    table.add_column(_("Months"), justify="right")
    for header in (_("Before"), _("After"), _("Change")):
        table.add_column(header, justify="right")
    for year in diff.years:
        table.add_row(
            str(year.year),
            str(year.months),
            money(year.before, currency),
            money(year.after, currency),
            signed_money(year.change, currency),
        )
    table.add_row(
        _("Total"),
        str(len(diff.months)),
        money(diff.cost_before, currency),
        money(diff.cost_after, currency),
        signed_money(diff.cost_change, currency),
        style="bold",
    )
    return table


def render_post(diff: CapacityDiff, post: WorkloadDiff, console: Console, show_all: bool) -> None:
    """A workload post: its summary line, hires moved, changed months and their causes."""
    currency = diff.after.currency
    console.print(Text(post_title(post), style="bold " + _STATUS_STYLES[post.status]))
    console.print(post_line(post, currency), soft_wrap=True)
    if post.hires:
        console.print(_("Hiring:"))
        for change in post.hires:
            console.print("  " + hire_line(change), soft_wrap=True)
    if post.changed_months or show_all:
        console.print(month_table(diff, post, show_all))
    causes = post.causes if post.status == "changed" else ()
    if causes:
        console.print(_("Why:"))
        for cause in causes:
            console.print("  " + cause_line(cause, diff.months), soft_wrap=True)
        ahead = ahead_line(post, diff.months)
        if ahead:
            console.print(ahead, soft_wrap=True)
    console.print()


def month_table(diff: CapacityDiff, post: WorkloadDiff, show_all: bool) -> Table:
    """A row per changed month (every month with ``show_all``): before→after where it moved."""
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), show_edge=False)
    for index, header in enumerate(month_headers()):
        table.add_column(header, justify="left" if index == 0 else "right")
    for row in month_rows(diff, post, show_all):
        table.add_row(*row)
    return table
