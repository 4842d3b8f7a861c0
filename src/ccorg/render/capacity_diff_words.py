"""Two capacity plans compared, in words: shared by the terminal and Markdown views."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ccorg.capacity_diff import CapacityDiff, Cause, HireChange, OtherDiff, WorkloadDiff
from ccorg.i18n import N_, _, ngettext
from ccorg.i18n.numbers import compact_money
from ccorg.staffing.supply import TrainingClass
from ccorg.units import money, signed_money

# The month columns of a workload post: measure, header. Cost is shown as its change.
MONTH_COLUMNS = (
    ("required_fte", N_("Required FTE")),
    ("heads", N_("Heads")),
    ("starts", N_("Starts")),
    ("productive_fte", N_("Productive FTE")),
    ("over_under", N_("Over/under")),
)


def month_ranges(months: Sequence[str], indices: Sequence[int]) -> str:
    """Month indices as runs: ``2027-02, 2027-05 – 2028-06``."""
    runs: list[list[int]] = []
    for index in indices:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return ", ".join(
        months[run[0]] if len(run) == 1 else f"{months[run[0]]} – {months[run[-1]]}" for run in runs
    )


def summary_line(diff: CapacityDiff) -> str:
    """The headline: the horizon, the cost moved, the hires moved."""
    months = diff.months
    currency = diff.after.currency
    if not diff.has_changes:
        return _(
            "No changes in capacity {first} – {last}: cost {cost}, {heads} hired in {classes}"
        ).format(
            first=months[0],
            last=months[-1],
            cost=money(diff.cost_after, currency),
            heads=diff.hired("after"),
            classes=_classes(diff.classes("after")),
        )
    return _(
        "Capacity {first} – {last}: cost {change} ({before} → {after}) · hired {hired_before} → "
        "{hired_after} heads, {classes_before} → {classes_after} classes"
    ).format(
        first=months[0],
        last=months[-1],
        change=signed_money(diff.cost_change, currency),
        before=money(diff.cost_before, currency),
        after=money(diff.cost_after, currency),
        hired_before=diff.hired("before"),
        hired_after=diff.hired("after"),
        classes_before=diff.classes("before"),
        classes_after=diff.classes("after"),
    )


def follows_lines(diff: CapacityDiff) -> list[str]:
    """Which config the months follow on each side, where that differs."""
    lines = []
    before, after = diff.follows_before, diff.follows_after
    pairs: dict[tuple[str | None, str | None], list[int]] = {}
    for month, pair in enumerate(zip(before, after, strict=True)):
        if pair[0] != pair[1]:
            pairs.setdefault(pair, []).append(month)
    for (old, new), months in pairs.items():
        lines.append(
            _("{months} follow {after} (before: {before})").format(
                months=month_ranges(diff.months, months),
                after=_config_name(new),
                before=_config_name(old),
            )
        )
    return lines


def _config_name(scenario: str | None) -> str:
    return _("the base") if scenario is None else _("scenario {name}").format(name=scenario)


def _classes(count: int) -> str:
    return ngettext("{count} class", "{count} classes", count).format(count=count)


def post_title(post: WorkloadDiff | OtherDiff) -> str:
    current = post.current
    department = f"{current.department.name}·" if current.department else ""
    return f"{department}{current.post.name} ({current.id})"


def status_word(status: str) -> str:
    words = {
        "added": _("added"),
        "removed": _("removed"),
        "changed": _("changed"),
        "unchanged": _("unchanged"),
    }
    return words[status]


def post_line(post: WorkloadDiff, currency: str) -> str:
    """A workload post's summary: status, hires, short months, cost over the horizon."""
    old, new = post.values("before"), post.values("after")
    short_before, short_after = old["shortfall"], new["shortfall"]
    return _(
        "{status} · hired {hired_before} → {hired_after} heads · short {short_before} → "
        "{short_after} · cost {cost}"
    ).format(
        status=status_word(post.status),
        hired_before=post.hired("before"),
        hired_after=post.hired("after"),
        short_before=_short(short_before),
        short_after=_short(short_after),
        cost=signed_money(float(np.sum(new["cost"]) - np.sum(old["cost"])), currency),
    )


def _short(shortfall: np.ndarray) -> str:
    months = int(np.count_nonzero(shortfall))
    if not months:
        return _("never")
    return ngettext(
        "{count} month, {fte} FTE-months", "{count} months, {fte} FTE-months", months
    ).format(count=months, fte=f"{float(np.sum(shortfall)):,.1f}")


def hire_line(change: HireChange) -> str:
    """One class added, removed, moved or resized, with its dates and size."""
    before, after = change.before, change.after
    if change.kind == "added":
        assert after is not None
        return _("+ added: {class_}").format(class_=_class_text(after))
    if change.kind == "removed":
        assert before is not None
        return _("− removed: {class_}").format(class_=_class_text(before))
    assert before is not None and after is not None
    if change.kind == "resized":
        return _("~ resized: class of {start}, {before} → {after} heads").format(
            start=after.start_date.isoformat(), before=before.size, after=after.size
        )
    return _(
        "~ moved: class {start_before} → {start_after} (requisition {req_before} → {req_after}, "
        "productive from {productive_before} → {productive_after}), {size_before} → {size_after} "
        "heads"
    ).format(
        start_before=before.start_date.isoformat(),
        start_after=after.start_date.isoformat(),
        req_before=before.requisition_date.isoformat(),
        req_after=after.requisition_date.isoformat(),
        productive_before=before.productive_from.isoformat(),
        productive_after=after.productive_from.isoformat(),
        size_before=before.size,
        size_after=after.size,
    )


def _class_text(group: TrainingClass) -> str:
    return _(
        "class of {start}, {size} heads (requisition {requisition}, productive from {productive})"
    ).format(
        start=group.start_date.isoformat(),
        size=group.size,
        requisition=group.requisition_date.isoformat(),
        productive=group.productive_from.isoformat(),
    )


def ahead_line(post: WorkloadDiff, months: Sequence[str]) -> str | None:
    """When the post's months move before any input that moved them: hiring ahead of need."""
    timed = [c.months[0] for c in post.causes if c.months]
    if post.status != "changed" or not timed or not post.changed_months:
        return None
    first, cause = post.changed_months[0], min(timed)
    if first >= cause:
        return None
    return _(
        "Hiring works ahead of the need: the first month that moves is {first}, the inputs "
        "change from {cause}."
    ).format(first=months[first], cause=months[cause])


def cause_line(cause: Cause, months: Sequence[str]) -> str:
    """``calls.aht_seconds 180 → 200 (2027-05 – 2028-06)``; every month: no range."""
    if len(cause.months) == len(months):
        return cause.change.text
    if not cause.months:
        return cause.change.text
    return _("{change} ({months})").format(
        change=cause.change.text, months=month_ranges(months, cause.months)
    )


def month_headers() -> list[str]:
    """The month table's headers, in the active language."""
    return [_("Month"), *(_(header) for _measure, header in MONTH_COLUMNS), _("Cost change")]


def month_rows(diff: CapacityDiff, post: WorkloadDiff, show_all: bool) -> list[list[str]]:
    """A row per changed month (every month with ``show_all``): before→after where it moved,
    the cost as its change."""
    old, new = post.values("before"), post.values("after")
    months = range(len(diff.months)) if show_all else post.changed_months
    return [
        [
            diff.months[m],
            *(
                cell(
                    None if post.before is None else float(old[measure][m]),
                    None if post.after is None else float(new[measure][m]),
                    0 if measure == "starts" else 1,
                    show_all,
                )
                for measure, _header in MONTH_COLUMNS
            ),
            cost_cell(float(old["cost"][m]), float(new["cost"][m]), diff.after.currency),
        ]
        for m in months
    ]


def cell(before: float | None, after: float | None, places: int = 1, keep: bool = False) -> str:
    """``31.3→36.0``; ``—`` for a side without the post. When the two agree: blank, or with
    ``keep`` (every month shown) the one value."""
    if before is not None and after is not None and abs(after - before) <= 1e-6:
        return _figure(after, places) if keep else ""
    return f"{_figure(before, places)}→{_figure(after, places)}"


def _figure(value: float | None, places: int) -> str:
    return "—" if value is None else f"{value:,.{places}f}"


def cost_cell(before: float, after: float, currency: str) -> str:
    """A month's cost change, compact (+¥71.8K); blank when unchanged."""
    change = after - before
    if abs(change) <= 1e-6:
        return ""
    return ("+" if change > 0 else "") + compact_money(change, currency)


# Of the posts a ratio counts, the moves a line names before "… N more".
_COUNTED_SHOWN = 3


def other_line(diff: CapacityDiff, post: OtherDiff) -> str:
    """``运营部·业务组组长 (team_leader) changed · 2027-05 – 2028-06 · headcount 6 → 6–9 ·
    cost +¥623,333 · why: 座席 62 → 94``."""
    currency = diff.after.currency
    line = _("{post} {status} · {months} · headcount {before} → {after} · cost {cost}").format(
        post=post_title(post),
        status=status_word(post.status),
        months=month_ranges(diff.months, post.changed_months),
        before=_span(post.heads("before")),
        after=_span(post.heads("after")),
        cost=signed_money(
            float(np.sum(post.cost("after")) - np.sum(post.cost("before"))), currency
        ),
    )
    why = other_causes(post)
    return line if not why else _("{line} · why: {causes}").format(line=line, causes=why)


def other_causes(post: OtherDiff) -> str:
    """What moved a fixed, ratio or concurrent post; of the posts it counts, the biggest moves."""
    if post.status != "changed":
        return ""
    own = [c.change.text for c in post.causes if not c.change.field.startswith("counted.")]
    counted = [c.change.text for c in post.causes if c.change.field.startswith("counted.")]
    shown = own + counted[:_COUNTED_SHOWN]
    if len(counted) > _COUNTED_SHOWN:
        shown.append(_("… {count} more").format(count=len(counted) - _COUNTED_SHOWN))
    return "; ".join(shown)


def _span(heads: NDArray[np.int64]) -> str:
    low, high = int(heads.min()), int(heads.max())
    return str(low) if low == high else f"{low}–{high}"
