"""The sentences a diff is told in, shared by the terminal and Markdown views. Plain text."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ccorg.config.schema import FixedRule
from ccorg.diff import DepartmentDiff, Diff, PostDiff
from ccorg.i18n import N_, _, ngettext
from ccorg.i18n.numbers import compact_money, summary_money
from ccorg.i18n.punctuation import dot_joined
from ccorg.units import money, signed, signed_money


def summary_line(diff: Diff) -> str:
    """``Headcount 109 → 149 (+40, +36.7%) · cost +¥6.0M · 2 posts added, 0 removed``
    (zh: ``人数 109 → 149（+40，+36.7%）· 成本 +¥600万 · 新增岗位 2 个，撤销 0 个``)."""
    before, after = diff.before, diff.after
    if not diff.has_changes:
        return _("No changes: headcount {headcount}, annual cost {cost}").format(
            headcount=after.total_headcount, cost=summary_money(after.total_cost, after.currency)
        )
    delta = diff.total_delta
    change = signed(delta)
    if delta and before.total_headcount:
        change = _("{delta}, {percent}").format(
            delta=change, percent=f"{delta / before.total_headcount:+.1%}"
        )
    cost = (
        _("cost {amount}").format(
            amount=("+" if diff.cost_delta > 0 else "")
            + compact_money(diff.cost_delta, after.currency)
        )
        if diff.cost_delta
        else _("cost unchanged")
    )
    added, removed = diff.count("added"), diff.count("removed")
    parts = [
        _("Headcount {before} → {after} ({change})").format(
            before=before.total_headcount, after=after.total_headcount, change=change
        ),
        cost,
        ngettext(
            "{added} post added, {removed} removed", "{added} posts added, {removed} removed", added
        ).format(added=added, removed=removed),
    ]
    added, removed = diff.count_departments("added"), diff.count_departments("removed")
    if added or removed:
        parts.append(
            ngettext(
                "{added} department added, {removed} removed",
                "{added} departments added, {removed} removed",
                added,
            ).format(added=added, removed=removed)
        )
    return dot_joined(parts)


def cost_line(diff: Diff) -> str:
    """``Annual cost ¥18,680,000 → ¥24,690,000 (+¥6,010,000)``."""
    currency = diff.after.currency
    return _("Annual cost {before} → {after} ({change})").format(
        before=money(diff.before.total_cost, currency),
        after=money(diff.after.total_cost, currency),
        change=signed_money(diff.cost_delta, currency),
    )


def center_line(text: str) -> str:
    """A change to the center itself: ``Center: name 中心 → 客服中心``."""
    return _("Center: {change}").format(change=text)


def department_line(department: DepartmentDiff, currency: str) -> str:
    """``运营部 (ops)  76 → 113 (+37) · ¥10,790,000 → ¥15,880,000``, or added/removed."""
    title = f"{department.name} ({department.id})"
    status = department.status
    if status in ("added", "removed"):
        side = department.after if status == "added" else department.before
        assert side is not None
        template = (
            _("{title}  added: {headcount} · {cost}")
            if status == "added"
            else _("{title}  removed: {headcount} · {cost}")
        )
        line = template.format(
            title=title, headcount=side.headcount, cost=money(side.annual_cost, currency)
        )
    else:
        line = _("{title}  {before} → {after} ({delta}) · {cost_before} → {cost_after}").format(
            title=title,
            before=department.headcount_before,
            after=department.headcount_after,
            delta=signed(department.delta),
            cost_before=money(department.cost_before, currency),
            cost_after=money(department.cost_after, currency),
        )
    if department.total_before is not None or department.total_after is not None:
        before = department.total_before or department.headcount_before
        after = department.total_after or department.headcount_after
        if before is not None and after is not None:
            line += _(" · in all {before} → {after} ({delta})").format(
                before=before, after=after, delta=signed(after - before)
            )
    changes = "; ".join(change.text for change in department.changes)
    return f"{line} · {changes}" if changes else line


def status_word(status: str) -> str:
    """``added`` / ``removed`` / ``changed`` / ``unchanged`` in the reader's language."""
    return _(_STATUS_WORDS[status])


_STATUS_WORDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "unchanged": N_("unchanged"),
}


def reasons(post: PostDiff, currency: str) -> list[str]:
    """Why a post differs: what drove its number first (its rule, its streams' inputs, the
    posts it counts: ``座席 60 → 92``), then how its number was derived, its cost, and last
    the other edits to it (people in post, a name, a note).

    The derivation is shown when it changed, except for a fixed count, whose derivation is
    its rule and so already among the changes. A cost that moved with the same people
    moved with the grade's cost.
    """
    if post.before is None:
        return [_("added: {basis}").format(basis=post.current.basis)]
    if post.after is None:
        return [_("removed (was {basis})").format(basis=post.before.basis)]
    lines = [change.text for change in post.drivers]
    moved = post.before.basis != post.after.basis
    if moved and not isinstance(post.after.post.rule, FixedRule):
        lines.append(
            _("was {before}, now {after}").format(before=post.before.basis, after=post.after.basis)
        )
    if post.delta == 0 and post.cost_before != post.cost_after:
        lines.append(
            _("annual cost {before} → {after} (grade {grade})").format(
                before=money(post.cost_before, currency),
                after=money(post.cost_after, currency),
                grade=post.after.grade.name,
            )
        )
    if post.edits:
        edits = "; ".join(change.text for change in post.edits)
        lines.append(_("also edited: {edits}").format(edits=edits))
    return lines


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
        _("budget"), (old.budget, new.budget), (old.budget_variance, new.budget_variance), amount
    )


def establishment_line(diff: Diff) -> str:
    """``编制 345 → 375: now 1 under (was 6 under)``; empty when neither side gives 编制."""
    old, new = diff.before.figures, diff.after.figures
    return _standing_line(
        _("编制"),
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
    shown = [_("none") if limit is None else amount(limit) for limit in limits]
    head = f"{label} {shown[1]}" if limits[0] == limits[1] else f"{label} {' → '.join(shown)}"

    def standing(over: _N | None) -> str:
        if over is None:
            return _("no {label}").format(label=label)
        if not over:
            return _("at {label}").format(label=label)
        template = _("{amount} over") if over > 0 else _("{amount} under")
        return template.format(amount=amount(abs(over)))

    return _("{head}: now {now} (was {was})").format(
        head=head, now=standing(overs[1]), was=standing(overs[0])
    )


def closing_lines(diff: Diff) -> list[str]:
    """The diff's last word on 编制 and budget, where either side gives them."""
    return [line for line in (establishment_line(diff), budget_line(diff)) if line]


def count_cell(value: int | None) -> str:
    return "—" if value is None else str(value)
