"""Two capacity plans compared month by month: the hires and the cost that moved, and why. Pure.

Both plans cover the same months (the pipeline refuses two horizons). Workload posts are
matched by id; a post on one side only counts as nothing (no FTE, no heads, no cost) on the
other. Training classes are matched within a post: the same class on both sides is no
change; then a class starting in the same month on both sides is resized or moved (its
requisition or productive date changed); then the nearest in start month are paired
(moved), and what is left over was added or removed. The inputs behind the change are found the way
``ccorg diff`` finds them, month by month against the config each month follows, plus the
capacity model's own inputs: the workforce settings a post takes and the seasonality.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import numpy as np
from numpy.typing import NDArray

from ccorg.config.capacity import MONTH_NAMES, Capacity, Seasonality, season_key_month
from ccorg.diff import Change, Diff, compare, diff_plans
from ccorg.staffing.capacity import CapacityPlan, OtherMonths, Variant, WorkloadMonths
from ccorg.staffing.supply import TOLERANCE, TrainingClass

FloatArray = NDArray[np.float64]
Status = Literal["added", "removed", "changed", "unchanged"]
HireKind = Literal["added", "removed", "moved", "resized"]
Side = Literal["before", "after"]
SIDES: tuple[Side, Side] = ("before", "after")

# What a workload post's month shows, in the order the views list them.
MEASURES = ("required_fte", "heads", "starts", "productive_fte", "over_under", "shortfall", "cost")


def measures_of(post: WorkloadMonths | None, months: int) -> dict[str, FloatArray]:
    """A workload post's month arrays by measure; all zeros for a post that is not there
    (and a cost of zero for a post without a grade cost)."""
    if post is None:
        return {name: np.zeros(months) for name in MEASURES}
    supply = post.supply
    return {
        "required_fte": np.asarray(post.required_fte),
        "heads": np.asarray(supply.heads),
        "starts": np.asarray(supply.starts),
        "productive_fte": np.asarray(supply.productive),
        "over_under": np.asarray(post.over_under),
        "shortfall": np.asarray(post.shortfall),
        "cost": np.zeros(months) if post.cost is None else np.asarray(post.cost),
    }


@dataclass(frozen=True)
class Cause:
    """A changed input and the months of the horizon it applies to (indices)."""

    change: Change
    months: tuple[int, ...]


@dataclass(frozen=True)
class HireChange:
    """A training class added, removed, moved (its requisition, start or productive date
    changed; maybe its size too) or resized (its size only)."""

    kind: HireKind
    before: TrainingClass | None
    after: TrainingClass | None

    @property
    def month(self) -> int:
        """The start month the change is ordered by: the class's new one, else its old."""
        group = self.after or self.before
        assert group is not None
        return group.start_month


Months = TypeVar("Months", WorkloadMonths, OtherMonths)


@dataclass(frozen=True, eq=False)
class _PostSides(Generic[Months]):
    """A post's months on both sides, matched by id (None: not on that side);
    ``changed_months`` are the months where its numbers differ."""

    before: Months | None
    after: Months | None
    changed_months: tuple[int, ...]
    causes: tuple[Cause, ...]

    @property
    def current(self) -> Months:
        found = self.after or self.before
        assert found is not None, "a post diff has at least one side"
        return found

    @property
    def id(self) -> str:
        return self.current.id

    def side(self, side: Side) -> Months | None:
        return self.before if side == "before" else self.after

    @property
    def status(self) -> Status:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed" if self._moved() else "unchanged"

    def _moved(self) -> bool:
        return bool(self.changed_months)


@dataclass(frozen=True, eq=False)
class WorkloadDiff(_PostSides[WorkloadMonths]):
    """A workload post on both sides: any of ``MEASURES`` month by month, and its hires."""

    hires: tuple[HireChange, ...] = ()

    def _moved(self) -> bool:
        return bool(self.changed_months or self.hires)

    def values(self, side: Side) -> dict[str, FloatArray]:
        return measures_of(self.side(side), len(self.current.required_fte))

    def hired(self, side: Side) -> int:
        """Heads hired over the horizon on one side."""
        post = self.side(side)
        return 0 if post is None else sum(c.size for c in post.supply.classes)

    def classes(self, side: Side) -> int:
        post = self.side(side)
        return 0 if post is None else len(post.supply.classes)


@dataclass(frozen=True, eq=False)
class OtherDiff(_PostSides[OtherMonths]):
    """A fixed, ratio or concurrent post's headcount and cost on both sides, by month."""

    def heads(self, side: Side) -> NDArray[np.int64]:
        post = self.side(side)
        count = len(self.current.heads)
        return np.zeros(count, dtype=np.int64) if post is None else np.asarray(post.heads)

    def cost(self, side: Side) -> FloatArray:
        post = self.side(side)
        count = len(self.current.heads)
        if post is None or post.cost is None:
            return np.zeros(count)
        return np.asarray(post.cost)


@dataclass(frozen=True)
class YearCost:
    """The center's cost over the horizon's months of one calendar year, on each side."""

    year: int
    months: int
    before: float
    after: float

    @property
    def change(self) -> float:
        return self.after - self.before


@dataclass(frozen=True, eq=False)
class CapacityDiff:
    """Two capacity plans of the same months compared; labelled by where each came from.

    ``follows_before[m]`` / ``follows_after[m]`` name the config month m follows on each side
    (``None``: the base); ``center_causes`` are the capacity inputs every post takes (the
    seasonality for all streams).
    """

    before: CapacityPlan
    after: CapacityPlan
    before_label: str
    after_label: str
    workload: tuple[WorkloadDiff, ...]
    others: tuple[OtherDiff, ...]
    years: tuple[YearCost, ...]
    center_causes: tuple[Cause, ...]

    @property
    def months(self) -> tuple[str, ...]:
        return self.after.months

    @property
    def follows_before(self) -> tuple[str | None, ...]:
        return _follows(self.before)

    @property
    def follows_after(self) -> tuple[str | None, ...]:
        return _follows(self.after)

    @property
    def cost_before(self) -> float:
        return float(np.sum(self.before.cost))

    @property
    def cost_after(self) -> float:
        return float(np.sum(self.after.cost))

    @property
    def cost_change(self) -> float:
        return self.cost_after - self.cost_before

    @property
    def cost_months(self) -> tuple[int, ...]:
        """The months whose center cost differs."""
        return _differing(np.asarray(self.before.cost), np.asarray(self.after.cost))

    def hired(self, side: Side) -> int:
        return sum(post.hired(side) for post in self.workload)

    def classes(self, side: Side) -> int:
        return sum(post.classes(side) for post in self.workload)

    @property
    def has_changes(self) -> bool:
        """Whether any post's months or hires differ, or the center's cost does."""
        parts: Iterable[WorkloadDiff | OtherDiff] = (*self.workload, *self.others)
        return bool(self.cost_months) or any(p.status != "unchanged" for p in parts)


def diff_capacity(
    before: CapacityPlan,
    after: CapacityPlan,
    before_variants: Sequence[Variant],
    after_variants: Sequence[Variant],
    before_label: str,
    after_label: str,
) -> CapacityDiff:
    """Compare two capacity plans of the same months; ``*_variants`` are the configs each
    draws its months from (``build_capacity``'s input), for finding what changed."""
    assert before.months == after.months, "the pipeline compares the same horizon only"
    count = len(after.months)
    plan_diffs = _plan_diffs(
        before, after, before_variants, after_variants, (before_label, after_label)
    )
    old_capacity, new_capacity = (
        before_variants[0].config.capacity,
        after_variants[0].config.capacity,
    )
    assert old_capacity is not None and new_capacity is not None
    seasons = _season_causes(old_capacity.seasonality, new_capacity.seasonality, after.months)

    old_work = {post.id: post for post in before.workload}
    new_work = {post.id: post for post in after.workload}
    workload = []
    for post_id in dict.fromkeys([*new_work, *old_work]):
        old, new = old_work.get(post_id), new_work.get(post_id)
        old_values, new_values = measures_of(old, count), measures_of(new, count)
        changed = sorted(
            {m for name in MEASURES for m in _differing(old_values[name], new_values[name])}
        )
        current = new or old
        assert current is not None, "each id comes from one side at least"
        causes = [
            *_workforce_causes(old_capacity, new_capacity, post_id, count),
            *_post_causes(plan_diffs, post_id),
            *_stream_seasons(seasons, current.streams),
        ]
        hires = hire_changes(
            () if old is None else old.supply.classes, () if new is None else new.supply.classes
        )
        workload.append(WorkloadDiff(old, new, tuple(changed), tuple(causes), hires))

    old_others = {post.id: post for post in before.others}
    new_others = {post.id: post for post in after.others}
    others = []
    for post_id in dict.fromkeys([*new_others, *old_others]):
        old_other, new_other = old_others.get(post_id), new_others.get(post_id)
        entry = OtherDiff(old_other, new_other, (), tuple(_post_causes(plan_diffs, post_id)))
        changed = set(_differing(entry.heads("before"), entry.heads("after")))
        changed |= set(_differing(entry.cost("before"), entry.cost("after")))
        others.append(OtherDiff(old_other, new_other, tuple(sorted(changed)), entry.causes))

    return CapacityDiff(
        before=before,
        after=after,
        before_label=before_label,
        after_label=after_label,
        workload=tuple(workload),
        others=tuple(others),
        years=_years(before, after),
        center_causes=tuple(c for c in seasons if c.change.field.startswith("seasonality.monthly")),
    )


def _differing(before: NDArray, after: NDArray) -> tuple[int, ...]:
    return tuple(int(m) for m in np.flatnonzero(np.abs(after - before) > TOLERANCE))


def _follows(plan: CapacityPlan) -> tuple[str | None, ...]:
    return tuple(plan.variants[int(index)] for index in plan.variant_of_month)


def _years(before: CapacityPlan, after: CapacityPlan) -> tuple[YearCost, ...]:
    years: dict[int, list[int]] = {}
    for month, label in enumerate(after.months):
        years.setdefault(int(label[:4]), []).append(month)
    return tuple(
        YearCost(
            year,
            len(months),
            float(np.sum(np.asarray(before.cost)[months])),
            float(np.sum(np.asarray(after.cost)[months])),
        )
        for year, months in years.items()
    )


def _plan_diffs(
    before: CapacityPlan,
    after: CapacityPlan,
    before_variants: Sequence[Variant],
    after_variants: Sequence[Variant],
    labels: tuple[str, str],
) -> list[tuple[Diff, tuple[int, ...]]]:
    """``ccorg diff`` of the configs each month follows on the two sides, once per distinct
    pair, with the months that pair covers."""
    pairs: dict[tuple[int, int], list[int]] = {}
    for month in range(len(after.months)):
        key = (int(before.variant_of_month[month]), int(after.variant_of_month[month]))
        pairs.setdefault(key, []).append(month)
    return [
        (diff_plans(before_variants[old].plan, after_variants[new].plan, *labels), tuple(months))
        for (old, new), months in pairs.items()
    ]


def _post_causes(plan_diffs: Sequence[tuple[Diff, tuple[int, ...]]], post_id: str) -> list[Cause]:
    """What moved the post's typical-week numbers, month range by month range: its rule, its
    streams' inputs, the posts it counts, its grade's cost. The same change in several
    ranges is one cause over all their months."""
    found: dict[str, tuple[Change, list[int]]] = {}
    for diff, months in plan_diffs:
        post = next((p for p in diff.posts if p.id == post_id), None)
        if post is None or post.before is None or post.after is None:
            continue
        changes = list(post.drivers)
        grade = next((g for g in diff.grades if g.current.id == post.after.grade.id), None)
        if grade is not None and grade.before is not None and grade.after is not None:
            changes += [
                Change(f"grades.{grade.current.id}.{c.field}", c.before, c.after, c.text, True)
                for c in grade.changes
                if c.field == "annual_cost"
            ]
        for change in changes:
            entry = found.setdefault(change.text, (change, []))
            entry[1].extend(months)
    return [Cause(change, tuple(sorted(months))) for change, months in found.values()]


def _workforce_causes(old: Capacity, new: Capacity, post_id: str, count: int) -> list[Cause]:
    """The workforce settings the post takes (``default``, then its own) that differ."""
    causes = []
    for key in ("default", post_id):
        changes = compare(
            _dump(old.workforce.get(key)), _dump(new.workforce.get(key)), f"workforce.{key}."
        )
        causes += [Cause(_driving(c), tuple(range(count))) for c in changes]
    return causes


def _season_causes(
    old: Seasonality | None, new: Seasonality | None, months: Sequence[str]
) -> list[Cause]:
    """Each seasonal factor that differs, with the months of the horizon it applies to:
    ``feb`` every February, ``2028-01`` that month. A factor not given is 1."""
    tables: list[tuple[str, Mapping[str, float], Mapping[str, float]]] = [
        ("monthly", old.monthly if old else {}, new.monthly if new else {})
    ]
    stream_ids = dict.fromkeys([*(old.streams if old else {}), *(new.streams if new else {})])
    for stream_id in stream_ids:
        tables.append(
            (
                f"streams.{stream_id}",
                old.streams.get(stream_id, {}) if old else {},
                new.streams.get(stream_id, {}) if new else {},
            )
        )
    causes = []
    for place, before, after in tables:
        for key in dict.fromkeys([*before, *after]):
            was, now = before.get(key, 1.0), after.get(key, 1.0)
            if was == now:
                continue
            field = f"seasonality.{place}.{key}"
            change = Change(
                field, before.get(key), after.get(key), f"{field} {was:g} → {now:g}", True
            )
            causes.append(Cause(change, _season_months(key, months)))
    return causes


def _season_months(key: str, months: Sequence[str]) -> tuple[int, ...]:
    dated = season_key_month(key)
    if dated is not None:
        return tuple(m for m, label in enumerate(months) if label == dated)
    number = MONTH_NAMES.index(key) + 1
    return tuple(m for m, label in enumerate(months) if int(label[5:]) == number)


def _stream_seasons(seasons: Sequence[Cause], streams: Sequence[str]) -> list[Cause]:
    """The seasonal factors of the post's own streams (the center-wide ones are said once)."""
    own = {f"seasonality.streams.{stream_id}." for stream_id in streams}
    return [c for c in seasons if any(c.change.field.startswith(prefix) for prefix in own)]


def _dump(settings: Any) -> dict[str, Any]:
    return {} if settings is None else settings.model_dump(mode="json", exclude_none=True)


def _driving(change: Change) -> Change:
    return Change(change.field, change.before, change.after, change.text, True)


def hire_changes(
    before: Sequence[TrainingClass], after: Sequence[TrainingClass]
) -> tuple[HireChange, ...]:
    """A post's classes matched across two plans, in start order: a class identical on both
    sides is no change; one starting in the same month on both sides is resized or moved;
    then the two nearest in start month (the earlier on a tie) are paired as moved, until one
    side has none left: the rest were added or removed."""
    old, new = list(before), list(after)
    changes: list[HireChange] = []
    _pair(old, new, lambda a, b: a == b, lambda a, b: None)
    _pair(
        old,
        new,
        lambda a, b: a.start_month == b.start_month,
        lambda a, b: changes.append(HireChange(_moved_or_resized(a, b), a, b)),
    )
    while old and new:
        group_before, group_after = min(
            ((a, b) for a in old for b in new),
            key=lambda pair: (abs(pair[0].start_month - pair[1].start_month), pair[1].start_month),
        )
        old.remove(group_before)
        new.remove(group_after)
        changes.append(HireChange("moved", group_before, group_after))
    changes += [HireChange("removed", group, None) for group in old]
    changes += [HireChange("added", None, group) for group in new]
    return tuple(sorted(changes, key=lambda change: change.month))


def _pair(
    old: list[TrainingClass],
    new: list[TrainingClass],
    same: Callable[[TrainingClass, TrainingClass], bool],
    record: Callable[[TrainingClass, TrainingClass], object],
) -> None:
    """Take out of ``old`` and ``new`` each pair ``same`` matches, in order, telling ``record``."""
    for group in list(old):
        match = next((other for other in new if same(group, other)), None)
        if match is not None:
            old.remove(group)
            new.remove(match)
            record(group, match)


def _moved_or_resized(before: TrainingClass, after: TrainingClass) -> HireKind:
    dates = (before.requisition_date, before.start_date, before.productive_from)
    moved = dates != (after.requisition_date, after.start_date, after.productive_from)
    return "moved" if moved else "resized"
