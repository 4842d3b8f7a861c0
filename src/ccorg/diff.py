"""Two plans compared: what changed in people and cost, and which inputs changed. Pure.

Posts, departments and grades are matched by id, never by position, so a renamed post is a
change of name and a post moved to another department is a change of department. Inputs are
compared on the models' own data, so a new kind of rule is compared without code here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from ccorg.config.schema import Department, Grade, RatioRule, Stream
from ccorg.plan import DepartmentPlan, Plan, PostPlan
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.checks.findings import Finding

Status = Literal["added", "removed", "changed", "unchanged"]
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One written input that differs; ``field`` is its dotted place (``rule.per``).

    ``before`` and ``after`` are the values as written (None where absent); ``text`` says it
    the way a planner reads it: ``ratio 1/12 → 1/15``.
    """

    field: str
    before: Any
    after: Any
    text: str
    drives: bool = False
    """Whether the change moves a number (a rule, a stream input, a post counted, a grade's
    cost), rather than an edit beside it (people in post, a name, a note)."""


Side = TypeVar("Side", PostPlan, DepartmentPlan)


@dataclass(frozen=True)
class _Staffed(Generic[Side]):
    """A post or department in either plan, matched by id, with its people and cost on each
    side; ``before`` is None when it was added, ``after`` None when it was removed."""

    before: Side | None
    after: Side | None
    changes: tuple[Change, ...]

    @property
    def current(self) -> Side:
        """As it is now, or as it was if removed."""
        return _either(self.after, self.before)

    @property
    def id(self) -> str:
        return self.current.id

    @property
    def headcount_before(self) -> int | None:
        return None if self.before is None else self.before.headcount

    @property
    def headcount_after(self) -> int | None:
        return None if self.after is None else self.after.headcount

    @property
    def delta(self) -> int:
        return (self.headcount_after or 0) - (self.headcount_before or 0)

    @property
    def cost_before(self) -> float | None:
        return None if self.before is None else self.before.annual_cost

    @property
    def cost_after(self) -> float | None:
        return None if self.after is None else self.after.annual_cost

    def _numbers_differ(self) -> bool:
        return (self.headcount_before, self.cost_before) != (self.headcount_after, self.cost_after)


@dataclass(frozen=True)
class PostDiff(_Staffed[PostPlan]):
    """A post in either plan, matched by id; ``before`` is None for an added post.

    ``counted`` are the posts its ratio counts whose headcount moved (``座席 60 → 92``).
    """

    counted: tuple[Change, ...] = ()

    @property
    def status(self) -> Status:
        return _status(self.before, self.after, self.changes, self._numbers_differ())

    @property
    def drivers(self) -> tuple[Change, ...]:
        """What moved its numbers: its own rule, bounds or grade, its streams' inputs, and the
        posts it counts."""
        return tuple(c for c in self.changes if c.drives) + self.counted

    @property
    def edits(self) -> tuple[Change, ...]:
        """Its other changes: people in post, name, duties, reporting line, 编制."""
        return tuple(c for c in self.changes if not c.drives)

    @property
    def current_before(self) -> int | None:
        return None if self.before is None else self.before.current

    @property
    def current_after(self) -> int | None:
        return None if self.after is None else self.after.current

    @property
    def gap_before(self) -> int | None:
        return None if self.before is None else self.before.gap

    @property
    def gap_after(self) -> int | None:
        return None if self.after is None else self.after.gap


@dataclass(frozen=True)
class DepartmentDiff(_Staffed[DepartmentPlan]):
    """A department in either plan, with the post diffs of the posts it holds now.

    ``total_before`` and ``total_after`` count its sub-departments too, on a side where it has
    any (else None: its own headcount is its total).
    """

    posts: tuple[PostDiff, ...]
    total_before: int | None = None
    total_after: int | None = None

    @property
    def name(self) -> str:
        return self.current.name

    @property
    def status(self) -> Status:
        moved = any(post.status != "unchanged" for post in self.posts)
        return _status(self.before, self.after, self.changes, moved or self._numbers_differ())


@dataclass(frozen=True)
class GradeDiff:
    """A grade in either plan, matched by id."""

    before: Grade | None
    after: Grade | None
    changes: tuple[Change, ...]

    @property
    def current(self) -> Grade:
        return _either(self.after, self.before)

    @property
    def status(self) -> Status:
        return _status(self.before, self.after, self.changes, False)


@dataclass(frozen=True)
class Diff:
    """Everything that differs between two plans, labelled by where each came from."""

    before: Plan
    after: Plan
    before_label: str
    after_label: str
    center_changes: tuple[Change, ...]
    center_posts: tuple[PostDiff, ...]
    departments: tuple[DepartmentDiff, ...]
    grades: tuple[GradeDiff, ...]
    after_findings: tuple[Finding, ...] | None = None
    """What ``ccorg check`` finds in the after side, when the diff was asked to check it."""

    @property
    def posts(self) -> tuple[PostDiff, ...]:
        """Every post of either plan: the center's, then each department's."""
        return self.center_posts + tuple(p for d in self.departments for p in d.posts)

    def post(self, post_id: str) -> PostDiff:
        return next(p for p in self.posts if p.id == post_id)

    @property
    def total_delta(self) -> int:
        return self.after.total_headcount - self.before.total_headcount

    @property
    def knows_current(self) -> bool:
        """Whether either side gives people in post for any post (else no in-post columns)."""
        return any(
            p.current is not None for p in (*self.before.all_posts(), *self.after.all_posts())
        )

    @property
    def establishment_changed(self) -> bool:
        """Whether the 编制 given anywhere differs (a post's, a department's, the total)."""
        if self.before.figures.establishment != self.after.figures.establishment:
            return True
        return any(c.field == "establishment" for p in self.posts for c in p.changes) or any(
            c.field == "establishment" for d in self.departments for c in d.changes
        )

    @property
    def cost_delta(self) -> float:
        return self.after.total_cost - self.before.total_cost

    def count(self, status: Status) -> int:
        """How many posts have ``status``."""
        return sum(1 for post in self.posts if post.status == status)

    def count_departments(self, status: Status) -> int:
        return sum(1 for department in self.departments if department.status == status)

    @property
    def headcount_changed(self) -> bool:
        """Whether any post's headcount differs; an added or removed post always does."""
        return any(p.headcount_before != p.headcount_after for p in self.posts)

    @property
    def has_changes(self) -> bool:
        """Whether anything at all differs: people, cost, or any written input."""
        parts: Iterable[PostDiff | DepartmentDiff | GradeDiff] = (
            *self.posts,
            *self.departments,
            *self.grades,
        )
        return bool(self.center_changes) or any(part.status != "unchanged" for part in parts)


def diff_plans(before: Plan, after: Plan, before_label: str, after_label: str) -> Diff:
    """Compare two plans, matching posts, departments and grades by id."""
    old_posts = {post.id: post for post in before.all_posts()}
    new_posts = {post.id: post for post in after.all_posts()}
    streams = _Streams(before, after)
    post_diffs = {
        post_id: _post_diff(
            old_posts.get(post_id), new_posts.get(post_id), streams, (before, after)
        )
        for post_id in _union_order(list(old_posts), list(new_posts))
    }

    def home(post: PostDiff) -> str | None:
        department = post.current.department
        return None if department is None else department.id

    old_departments = {d.id: d for d in before.departments}
    new_departments = {d.id: d for d in after.departments}
    departments = tuple(
        DepartmentDiff(
            old_departments.get(department_id),
            new_departments.get(department_id),
            _both(
                old_departments.get(department_id),
                new_departments.get(department_id),
                _department_changes,
            ),
            tuple(p for p in post_diffs.values() if home(p) == department_id),
            _total(before, department_id),
            _total(after, department_id),
        )
        for department_id in _union_order(list(old_departments), list(new_departments))
    )
    old_grades = {g.id: g for g in _grades(before)}
    new_grades = {g.id: g for g in _grades(after)}
    grades = tuple(
        GradeDiff(
            old_grades.get(grade_id),
            new_grades.get(grade_id),
            _both(old_grades.get(grade_id), new_grades.get(grade_id), _grade_changes),
        )
        for grade_id in _union_order(list(old_grades), list(new_grades))
    )
    return Diff(
        before=before,
        after=after,
        before_label=before_label,
        after_label=after_label,
        center_changes=tuple(_center_changes(before, after)),
        center_posts=tuple(p for p in post_diffs.values() if home(p) is None),
        departments=departments,
        grades=grades,
    )


def _total(plan: Plan, department_id: str) -> int | None:
    """A department's headcount with its sub-departments, when it has any on this side."""
    if not plan.subdepartments(department_id):
        return None
    return plan.total_figures(department_id).headcount


@dataclass(frozen=True)
class _Streams:
    """The demand streams of both plans, by id, for explaining workload posts."""

    before: Mapping[str, Stream]
    after: Mapping[str, Stream]

    def __init__(self, before: Plan, after: Plan) -> None:
        object.__setattr__(self, "before", {s.id: s.stream for s in before.streams})
        object.__setattr__(self, "after", {s.id: s.stream for s in after.streams})


def _post_diff(
    before: PostPlan | None, after: PostPlan | None, streams: _Streams, plans: tuple[Plan, Plan]
) -> PostDiff:
    changes = _both(before, after, lambda b, a: _post_changes(b, a, streams))
    counted = _both(before, after, lambda b, a: _counted_changes(b, a, plans))
    return PostDiff(before, after, changes, counted)


def _counted_changes(
    before: PostPlan, after: PostPlan, plans: tuple[Plan, Plan]
) -> tuple[Change, ...]:
    """The posts a ratio counts (on either side) whose headcount moved, biggest move first."""
    old_plan, new_plan = plans
    old = {p.id: p for p in counted_posts(old_plan, before)}
    new = {p.id: p for p in counted_posts(new_plan, after)}
    moved = []
    for post_id in _union_order(list(old), list(new)):
        was = old[post_id].headcount if post_id in old else 0
        now = new[post_id].headcount if post_id in new else 0
        if was != now:
            plan = new_plan if post_id in new else old_plan
            name = plan.display_name(post_id)
            moved.append(Change(f"counted.{post_id}", was, now, f"{name} {was} → {now}", True))
    return tuple(sorted(moved, key=lambda c: -abs(c.after - c.before)))


def counted_posts(plan: Plan, post: PostPlan) -> list[PostPlan]:
    """The posts a ratio post counts: named posts, every post of a named department and its
    sub-departments, every post of the center for its id; never the post itself."""
    rule = post.post.rule
    if not isinstance(rule, RatioRule):
        return []
    found: dict[str, PostPlan] = {}
    for target in rule.of:
        if target == plan.center_id:
            found.update((p.id, p) for p in plan.all_posts())
            continue
        units = [d for d in plan.departments if d.id == target]
        if units:
            for department in (units[0], *plan.descendants(target)):
                found.update((p.id, p) for p in department.posts)
        else:
            found.update((p.id, p) for p in plan.all_posts() if p.id == target)
    found.pop(post.id, None)
    return list(found.values())


def _post_changes(before: PostPlan, after: PostPlan, streams: _Streams) -> tuple[Change, ...]:
    """The post's written inputs that differ, then its department if it moved, then — for a
    workload post — the demand inputs that moved it.

    Grade and department are shown by name, since their ids say less to a reader.
    """
    changes = [
        _driving(
            _named(change, before.grade.name, after.grade.name)
            if change.field == "grade"
            else change,
            change.field.split(".")[0] in _DRIVING_FIELDS and not change.field.endswith(".note"),
        )
        for change in compare(
            before.post.model_dump(mode="json", exclude={"id"}),
            after.post.model_dump(mode="json", exclude={"id"}),
        )
    ]
    old_home, new_home = before.department, after.department
    if _id(old_home) != _id(new_home):
        moved = Change("department", _id(old_home), _id(new_home), "")
        changes.append(_named(moved, _name(old_home), _name(new_home)))
    changes.extend(_driving(change, True) for change in _workload_changes(before, after, streams))
    return tuple(changes)


# A post's own fields that move its headcount or cost; the rest are edits beside them.
_DRIVING_FIELDS = frozenset({"rule", "min", "max", "rounding", "grade"})


def _driving(change: Change, drives: bool) -> Change:
    return replace(change, drives=drives)


def _workload_changes(before: PostPlan, after: PostPlan, streams: _Streams) -> list[Change]:
    """What moved a workload post: its streams' inputs (and those of the streams their volume
    is a share of), its shrinkage, and the paid hours of the calendar."""
    old, new = before.workload, after.workload
    if old is None or new is None:
        return []
    changes: list[Change] = []
    worked = set(old.streams) | set(new.streams)
    stream_ids = _union_order(
        _with_sources(old.streams, streams.before), _with_sources(new.streams, streams.after)
    )
    for stream_id in stream_ids:
        old_stream, new_stream = streams.before.get(stream_id), streams.after.get(stream_id)
        if old_stream is None or new_stream is None:
            continue
        # Of a stream this one is only a share of, just the arrivals matter (not its AHT).
        keep = None if stream_id in worked else {"volume", "weekly", "intraday"}
        changes.extend(
            compare(
                old_stream.model_dump(mode="json", include=keep, exclude={"id"}),
                new_stream.model_dump(mode="json", include=keep, exclude={"id"}),
                f"{stream_id}.",
            )
        )
    changes.extend(compare(old.shrinkage_fields(), new.shrinkage_fields(), "shrinkage."))
    changes.extend(_shift_changes(before, after))
    if old.paid_hours != new.paid_hours:
        changes.append(
            Change(
                "paid_hours",
                old.paid_hours,
                new.paid_hours,
                _text("paid hours", old.paid_hours, new.paid_hours),
            )
        )
    return changes


def _shift_changes(before: PostPlan, after: PostPlan) -> list[Change]:
    """The shift rules behind a derived schedule fit: each template the post works, by id,
    and the tours and part-time share."""
    if before.schedule is None or after.schedule is None:
        return []
    old, new = before.schedule.rules, after.schedule.rules
    old_templates = {t.id: t.model_dump(mode="json", exclude={"id"}) for t in old.templates}
    new_templates = {t.id: t.model_dump(mode="json", exclude={"id"}) for t in new.templates}
    changes: list[Change] = []
    for template_id in dict.fromkeys([*old_templates, *new_templates]):
        if template_id in old_templates and template_id in new_templates:
            changes.extend(
                compare(
                    old_templates[template_id],
                    new_templates[template_id],
                    f"shifts.{template_id}.",
                )
            )
    keep = {"tours", "part_time_share_max"}
    changes.extend(
        compare(
            old.model_dump(mode="json", include=keep),
            new.model_dump(mode="json", include=keep),
            "shifts.",
        )
    )
    return changes


def _with_sources(stream_ids: Iterable[str], streams: Mapping[str, Stream]) -> list[str]:
    """The streams and, in turn, every stream their volume is a share of."""
    found: list[str] = []
    pending = list(stream_ids)
    while pending:
        stream_id = pending.pop(0)
        if stream_id in found or stream_id not in streams:
            continue
        found.append(stream_id)
        source = streams[stream_id].volume.share_of
        if source is not None:
            pending.append(source)
    return found


def _named(change: Change, before: str, after: str) -> Change:
    return Change(change.field, change.before, change.after, f"{change.field} {before} → {after}")


def _id(department: Department | None) -> str | None:
    return None if department is None else department.id


def _name(department: Department | None) -> str:
    return "—" if department is None else department.name


def _department_changes(before: DepartmentPlan, after: DepartmentPlan) -> tuple[Change, ...]:
    return compare(
        before.department.model_dump(mode="json", exclude={"id", "posts"}),
        after.department.model_dump(mode="json", exclude={"id", "posts"}),
    )


def _grade_changes(before: Grade, after: Grade) -> tuple[Change, ...]:
    return compare(
        before.model_dump(mode="json", exclude={"id"}),
        after.model_dump(mode="json", exclude={"id"}),
    )


def _center_changes(before: Plan, after: Plan) -> tuple[Change, ...]:
    fields = ("center_id", "center_name", "service_hours", "currency")
    return compare(
        {f.removeprefix("center_"): getattr(before, f) for f in fields},
        {f.removeprefix("center_"): getattr(after, f) for f in fields},
    )


def _grades(plan: Plan) -> list[Grade]:
    """The grades a plan's posts use, in order of first use."""
    return list({post.grade.id: post.grade for post in plan.all_posts()}.values())


def _both(
    before: T | None, after: T | None, compare_fn: Callable[[T, T], tuple[Change, ...]]
) -> tuple[Change, ...]:
    """The changes between two versions of a thing; none when it exists on one side only."""
    return () if before is None or after is None else compare_fn(before, after)


def _either(after: T | None, before: T | None) -> T:
    found = after if after is not None else before
    assert found is not None, "a diff entry exists on at least one side"
    return found


def _status(before: object, after: object, changes: Sequence[Change], numbers: bool) -> Status:
    if before is None:
        return "added"
    if after is None:
        return "removed"
    return "changed" if changes or numbers else "unchanged"


def _union_order(before: list[str], after: list[str]) -> list[str]:
    """``after``'s ids in order, each id only in ``before`` placed after its predecessor there."""
    order = list(after)
    for index, item in enumerate(before):
        if item in order:
            continue
        previous = next((b for b in reversed(before[:index]) if b in order), None)
        order.insert(0 if previous is None else order.index(previous) + 1, item)
    return order


def compare(
    before: Mapping[str, Any], after: Mapping[str, Any], prefix: str = ""
) -> tuple[Change, ...]:
    """The differences between two dumps of a model, field by field.

    Nested mappings of the same ``kind`` (a rule whose ``per`` changed) are compared field by
    field and read in that kind's terms; a mapping of another kind (a fixed count become a
    ratio) is one change.
    """
    changes: list[Change] = []
    for key in dict.fromkeys([*before, *after]):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        field = f"{prefix}{key}"
        if isinstance(old, dict) and isinstance(new, dict) and old.get("kind") == new.get("kind"):
            kind = old.get("kind")
            nested = compare(old, new, f"{field}.")
            changes.extend(_in_kind(kind, c) if kind else c for c in nested)
        else:
            changes.append(Change(field, old, new, _text(field, old, new)))
    return tuple(changes)


# How a rule's own number reads: ratio 1/12, fixed 57.
_RULE_NUMBERS = {("ratio", "per"): ("ratio", "1/{}"), ("fixed", "count"): ("fixed", "{}")}


def _in_kind(kind: str, change: Change) -> Change:
    """A change inside a mapping of ``kind``; its own number reads ``ratio 1/12 → 1/15``."""
    form = _RULE_NUMBERS.get((kind, change.field.rpartition(".")[2]))
    if form is None:
        return change
    label, shape = form
    old, new = shape.format(_value(change.before)), shape.format(_value(change.after))
    return Change(change.field, change.before, change.after, f"{label} {old} → {new}")


def _text(field: str, before: Any, after: Any) -> str:
    if isinstance(before, dict) or isinstance(after, dict):
        return f"{field} {_mapping(before)} → {_mapping(after)}"
    if isinstance(before, list) and isinstance(after, list):
        added = [f"+{_value(v)}" for v in after if v not in before]
        removed = [f"−{_value(v)}" for v in before if v not in after]
        if added or removed:
            return f"{field} {' '.join(added + removed)}"
    return f"{field} {_value(before)} → {_value(after)}"


def _mapping(value: Any) -> str:
    """A mapping in one line; a rule reads as its kind then its settings."""
    if not isinstance(value, dict):
        return _value(value)
    if value.get("kind") == "ratio":
        return f"ratio 1/{_value(value['per'])} of {_value(value['of'])}"
    if value.get("kind") == "fixed":
        return f"fixed {_value(value['count'])}"
    settings = ", ".join(
        f"{k} {_value(v)}" for k, v in value.items() if k != "kind" and v is not None
    )
    return f"{value['kind']} {settings}".strip() if "kind" in value else settings


def _value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return _mapping(value)
    return str(value)
