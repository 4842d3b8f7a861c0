"""The sentences a diff is told in, shared by the terminal and Markdown views. Plain text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ccorg.config.schema import FixedRule
from ccorg.diff import DepartmentDiff, Diff, PostDiff
from ccorg.i18n.numbers import compact_money
from ccorg.units import money, short_money, signed, signed_money


def summary_line(diff: Diff) -> str:
    """``Headcount 109 → 149 (+40, +36.7%) · cost +¥6.0M · 2 posts added, 0 removed``."""
    before, after = diff.before, diff.after
    if not diff.has_changes:
        return (
            f"No changes: headcount {after.total_headcount}, "
            f"annual cost {money(after.total_cost, after.currency)}"
        )
    delta = diff.total_delta
    change = signed(delta)
    if delta and before.total_headcount:
        change += f", {delta / before.total_headcount:+.1%}"
    cost = (
        f"cost {'+' if diff.cost_delta > 0 else ''}{short_money(diff.cost_delta, after.currency)}"
        if diff.cost_delta
        else "cost unchanged"
    )
    parts = [
        f"Headcount {before.total_headcount} → {after.total_headcount} ({change})",
        cost,
        f"{_count(diff.count('added'), 'post')} added, {diff.count('removed')} removed",
    ]
    added, removed = diff.count_departments("added"), diff.count_departments("removed")
    if added or removed:
        parts.append(f"{_count(added, 'department')} added, {removed} removed")
    return " · ".join(parts)


def cost_line(diff: Diff) -> str:
    """``Annual cost ¥18,680,000 → ¥24,690,000 (+¥6,010,000)``."""
    currency = diff.after.currency
    return (
        f"Annual cost {money(diff.before.total_cost, currency)} → "
        f"{money(diff.after.total_cost, currency)} ({signed_money(diff.cost_delta, currency)})"
    )


def department_line(department: DepartmentDiff, currency: str) -> str:
    """``运营部 (ops)  76 → 113 (+37) · ¥10,790,000 → ¥15,880,000``, or added/removed."""
    title = f"{department.name} ({department.id})"
    status = department.status
    if status in ("added", "removed"):
        side = department.after if status == "added" else department.before
        assert side is not None
        line = f"{title}  {status}: {side.headcount} · {money(side.annual_cost, currency)}"
    else:
        line = (
            f"{title}  {department.headcount_before} → {department.headcount_after} "
            f"({signed(department.delta)}) · {money(department.cost_before, currency)} → "
            f"{money(department.cost_after, currency)}"
        )
    if department.total_before is not None or department.total_after is not None:
        before = department.total_before or department.headcount_before
        after = department.total_after or department.headcount_after
        if before is not None and after is not None:
            line += f" · in all {before} → {after} ({signed(after - before)})"
    changes = "; ".join(change.text for change in department.changes)
    return f"{line} · {changes}" if changes else line


def reasons(post: PostDiff, currency: str) -> list[str]:
    """Why a post differs: what drove its number first (its rule, its streams' inputs, the
    posts it counts: ``座席 60 → 92``), then how its number was derived, its cost, and last
    the other edits to it (people in post, a name, a note).

    The derivation is shown when it changed, except for a fixed count, whose derivation is
    its rule and so already among the changes. A cost that moved with the same people
    moved with the grade's cost.
    """
    if post.before is None:
        return [f"added: {post.current.basis}"]
    if post.after is None:
        return [f"removed (was {post.before.basis})"]
    lines = [change.text for change in post.drivers]
    moved = post.before.basis != post.after.basis
    if moved and not isinstance(post.after.post.rule, FixedRule):
        lines.append(f"was {post.before.basis}, now {post.after.basis}")
    if post.delta == 0 and post.cost_before != post.cost_after:
        lines.append(
            f"annual cost {money(post.cost_before, currency)} → "
            f"{money(post.cost_after, currency)} (grade {post.after.grade.name})"
        )
    if post.edits:
        lines.append(ALSO.format(edits="; ".join(change.text for change in post.edits)))
    return lines


ALSO = "also edited: {edits}"


def change_cell(before: int | None, after: int | None, signs: bool = False) -> str:
    """``40 → 45`` when a count moved, the count when it did not, — when neither is known."""
    shown = signed_count if signs else count_cell
    if before == after:
        return shown(after)
    return f"{shown(before)} → {shown(after)}"


def signed_count(value: int | None) -> str:
    return "—" if value is None else signed(value)


def budget_line(diff: Diff) -> str:
    """``budget ¥52M: now ¥2.2M over (was ¥2.7M under)``; empty when neither side has one."""
    old, new = diff.before, diff.after
    currency = new.currency

    def amount(value: float) -> str:
        return compact_money(value, currency)

    return _standing_line(
        "budget", (old.budget, new.budget), (old.budget_variance, new.budget_variance), amount
    )


def establishment_line(diff: Diff) -> str:
    """``编制 345 → 375: now 1 under (was 6 under)``; empty when neither side gives 编制."""
    old, new = diff.before.figures, diff.after.figures
    return _standing_line(
        "编制",
        (old.establishment, new.establishment),
        (old.over_establishment, new.over_establishment),
        str,
    )


_N = TypeVar("_N", int, float)


def _standing_line(
    label: str,
    limits: tuple[_N | None, _N | None],
    overs: tuple[_N | None, _N | None],
    amount: Callable[[_N], str],
) -> str:
    """``LABEL LIMIT[ → LIMIT]: now X over (was Y under)``: a limit on each side and how far
    the plan stands over (positive) or under it."""
    if limits == (None, None):
        return ""
    shown = ["none" if limit is None else amount(limit) for limit in limits]
    head = f"{label} {shown[1]}" if limits[0] == limits[1] else f"{label} {' → '.join(shown)}"

    def standing(over: _N | None) -> str:
        if over is None:
            return f"no {label}"
        if not over:
            return f"at {label}"
        return f"{amount(abs(over))} {'over' if over > 0 else 'under'}"

    return f"{head}: now {standing(overs[1])} (was {standing(overs[0])})"


def closing_lines(diff: Diff) -> list[str]:
    """The diff's last word on 编制 and budget, where either side gives them."""
    return [line for line in (establishment_line(diff), budget_line(diff)) if line]


def count_cell(value: int | None) -> str:
    return "—" if value is None else str(value)


def _count(value: int, noun: str) -> str:
    return f"{value} {noun}{'' if value == 1 else 's'}"
