"""The result of planning: every post's headcount with the derivation that produced it.

Renderers, diff and checks read these immutable values; none of them recomputes a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ccorg.config.schema import Department, Grade, Post, Stream

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ccorg.staffing.queueing import IntervalMetrics
    from ccorg.staffing.shifts import ShiftPlan


class _Establishment:
    """Vacancies and over-establishment from 编制, people in post and planned headcount."""

    establishment: int | None
    current: int | None
    headcount: int

    @property
    def vacancies(self) -> int | None:
        """编制 − in post, when both are given."""
        if self.establishment is None or self.current is None:
            return None
        return self.establishment - self.current

    @property
    def over_establishment(self) -> int | None:
        """Planned − 编制 (negative: room left), when 编制 is given."""
        return None if self.establishment is None else self.headcount - self.establishment


@dataclass(frozen=True)
class PostPlan(_Establishment):
    """One post's derived headcount.

    ``requirement`` is the unrounded need (e.g. 57 ÷ 12 = 4.75); ``headcount`` the whole people
    after rounding and ``min``/``max``; ``basis`` the one-line derivation shown in tables;
    ``steps`` the full derivation that ``explain`` prints.
    """

    post: Post
    grade: Grade
    department: Department | None
    requirement: float
    headcount: int
    basis: str
    steps: tuple[str, ...]
    workload: WorkloadDerivation | None = None
    schedule: ShiftPlan | None = None
    """The shift plan a ``schedule_fit: auto`` post took its allowance from."""

    @property
    def id(self) -> str:
        return self.post.id

    @property
    def name(self) -> str:
        return self.post.name

    @property
    def qualified_name(self) -> str:
        """The name with its department's, since several departments have a 经理."""
        return self.name if self.department is None else f"{self.department.name}·{self.name}"

    @property
    def current(self) -> int | None:
        return self.post.current

    @property
    def establishment(self) -> int | None:
        """编制: the people the post is authorized to have, when the config gives it."""
        return self.post.establishment

    @property
    def lacks_current(self) -> bool:
        """A post that staffs people (not 兼任) but gives no ``current``."""
        return self.post.current is None and self.post.rule.kind != "concurrent"

    @property
    def gap(self) -> int | None:
        """People still to hire (negative: more in post than required)."""
        return None if self.post.current is None else self.headcount - self.post.current

    @property
    def annual_cost(self) -> float | None:
        cost = self.grade.annual_cost
        return None if cost is None else cost * self.headcount


@dataclass(frozen=True)
class WorkloadDerivation:
    """How a workload post's FTE follows from its streams (the numbers behind its steps).

    FTE = ``annual_agent_hours`` ÷ (``paid_hours`` × (1 − ``shrinkage_total``))
    × (1 + ``schedule_fit``), with ``annual_agent_hours`` = ``weekly_agent_hours`` × 365 ÷ 7.
    ``shrinkage`` holds every part; ``in_shift`` and ``out_of_shift`` the parts of each layer
    when the shrinkage was given in layers (both empty for a flat breakdown), and then
    ``shrinkage_total`` = 1 − (1 − in-shift total)·(1 − out-of-shift total).
    """

    streams: tuple[str, ...]
    weekly_agent_hours: float
    annual_agent_hours: float
    working_days: float
    hours_per_day: float
    paid_hours: float
    shrinkage: tuple[tuple[str, float], ...]
    shrinkage_total: float
    productive_hours: float
    schedule_fit: float
    fte: float
    in_shift: tuple[tuple[str, float], ...] = ()
    out_of_shift: tuple[tuple[str, float], ...] = ()
    schedule_fit_source: str | None = None
    """Where a derived schedule fit (``schedule_fit: auto``) comes from, in a line."""

    @property
    def layered(self) -> bool:
        return bool(self.in_shift or self.out_of_shift)

    def shrinkage_fields(self) -> dict[str, float]:
        """Each part by its place in the config: ``breaks``, or ``in_shift.breaks`` in layers."""
        if not self.layered:
            return dict(self.shrinkage)
        return {
            **{f"in_shift.{name}": share for name, share in self.in_shift},
            **{f"out_of_shift.{name}": share for name, share in self.out_of_shift},
        }


@dataclass(frozen=True)
class Binding:
    """What set one interval's agents.

    ``agents_by_target`` holds what each target needs on its own (``service_level``,
    ``asa``, ``abandonment``, ``occupancy``, ``floor``; agents, not chat slots); the agents
    needed are the largest of these, and ``target`` is the one that needs them (on a tie, the
    first in that order), or None where no agents are needed.
    """

    target: str | None
    agents_by_target: tuple[tuple[str, float], ...]


@dataclass(frozen=True, eq=False)
class StreamPlan:
    """One demand stream over a typical week, interval by interval.

    Arrays have shape (7, intervals a day): Monday first, intervals from 00:00, each
    ``interval_minutes`` long; they are read-only. ``volume`` is the contacts arriving per
    interval (calls, chats, items or attempts); ``agents`` the agents required on duty
    (whole numbers for voice and chat; fractional for deferred and outbound work, which is
    workload, not queueing); ``open`` the intervals the stream is worked; ``floor`` the
    minimum agents in force. ``metrics`` holds the queue's service level, ASA, occupancy,
    probability of waiting (and abandonment under Erlang A) at those agents, for voice and
    chat only (None otherwise); for chat it is solved over slots, so ``metrics.agents`` counts
    ``agents × concurrency`` sessions. ``post_id`` is the workload post that works the stream.
    ``peak_binding`` and ``valley_binding`` say which target set the agents at the peak and
    the valley.
    """

    stream: Stream
    interval_minutes: int
    volume: NDArray[np.float64]
    agents: NDArray[np.float64]
    open: NDArray[np.bool_]
    floor: NDArray[np.int64]
    metrics: IntervalMetrics | None
    summary: str
    post_id: str | None = None
    peak_binding: Binding | None = None
    valley_binding: Binding | None = None

    @property
    def id(self) -> str:
        return self.stream.id

    @property
    def name(self) -> str:
        return self.stream.name

    @property
    def channel(self) -> str:
        return self.stream.channel

    @property
    def interval_hours(self) -> float:
        return self.interval_minutes / 60

    @property
    def weekly_volume(self) -> float:
        return float(self.volume.sum())

    @property
    def weekly_agent_hours(self) -> float:
        """Agent-hours a week: Σ agents × interval length."""
        return float(self.agents.sum()) * self.interval_hours

    @property
    def annual_agent_hours(self) -> float:
        """Agent-hours a year: the week's × 365 ÷ 7."""
        return self.weekly_agent_hours * 365 / 7

    def _volume_weighted(self, values: NDArray[np.float64] | None) -> float | None:
        total = self.weekly_volume
        if values is None or not total:
            return None
        return float((values * self.volume).sum() / total)

    @property
    def service_level(self) -> float | None:
        """The week's service level: per-interval levels weighted by volume (queues only)."""
        return self._volume_weighted(self.metrics.service_level if self.metrics else None)

    @property
    def asa_seconds(self) -> float | None:
        """The week's average speed of answer, weighted by volume (queues only)."""
        return self._volume_weighted(self.metrics.asa_seconds if self.metrics else None)

    @property
    def abandon_rate(self) -> float | None:
        """The week's share of offered contacts abandoning (Erlang A queues only)."""
        return self._volume_weighted(self.metrics.abandon_rate if self.metrics else None)

    @property
    def occupancy(self) -> float | None:
        """The week's occupancy: busy time over staffed time (slots for chat; queues only)."""
        if self.metrics is None or not self.metrics.agents.sum():
            return None
        busy = self.metrics.occupancy * self.metrics.agents
        return float(busy.sum() / self.metrics.agents.sum())

    @property
    def peak(self) -> tuple[int, int, float]:
        """The busiest interval: (weekday 0–6, interval of the day, agents); first if tied."""
        flat = int(self.agents.argmax())
        day, interval = divmod(flat, self.agents.shape[1])
        return day, interval, float(self.agents[day, interval])

    @property
    def valley(self) -> tuple[int, int, float]:
        """The quietest open interval: (weekday 0–6, interval of the day, agents)."""
        import numpy as np

        flat = int(np.where(self.open, self.agents, np.inf).argmin())
        day, interval = divmod(flat, self.agents.shape[1])
        return day, interval, float(self.agents[day, interval])


@dataclass(frozen=True)
class Figures(_Establishment):
    """Headcount, people in post, 编制 and cost of a set of posts (a department, the center).

    ``current`` and ``gap`` count the posts whose ``current`` is given (None when none is);
    ``lacking_current`` is how many staffed posts give none, so a reader knows a total of
    people in post is partial. ``establishment`` is the 编制 (None when not given for all of
    it); ``vacancies`` is 编制 − in post, ``over_establishment`` planned − 编制 (negative:
    room left).
    """

    headcount: int
    annual_cost: float
    current: int | None
    gap: int | None
    lacking_current: int
    establishment: int | None


def figures_of(
    posts: Iterable[PostPlan],
    parts: Iterable[Figures] = (),
    establishment: int | None = None,
) -> Figures:
    """The figures of ``posts`` together with those of ``parts`` (sub-departments).

    ``establishment`` is the 编制 given for the whole; without it the 编制 is the sum of the
    posts' and parts', known only when every post and part that plans or holds people has one
    (a partial sum would show vacancies that are not there).
    """
    posts, parts = tuple(posts), tuple(parts)
    known = [p.current for p in posts if p.current is not None]
    known += [f.current for f in parts if f.current is not None]
    gaps = [p.gap for p in posts if p.gap is not None]
    gaps += [f.gap for f in parts if f.gap is not None]
    if establishment is None:
        given = [p.establishment for p in posts] + [f.establishment for f in parts]
        needed = [p.headcount or p.current for p in posts] + [
            f.headcount or f.current for f in parts
        ]
        if any(e is not None for e in given) and all(
            e is not None or not n for e, n in zip(given, needed, strict=True)
        ):
            establishment = sum(e or 0 for e in given)
    return Figures(
        headcount=sum(p.headcount for p in posts) + sum(f.headcount for f in parts),
        annual_cost=sum(p.annual_cost or 0.0 for p in posts) + sum(f.annual_cost for f in parts),
        current=sum(known) if known else None,
        gap=sum(gaps) if gaps else None,
        lacking_current=sum(1 for p in posts if p.lacks_current)
        + sum(f.lacking_current for f in parts),
        establishment=establishment,
    )


@dataclass(frozen=True)
class DepartmentPlan:
    """A department's posts and their totals (its own posts; ``Plan.total_of`` adds its
    sub-departments)."""

    department: Department
    posts: tuple[PostPlan, ...]

    @property
    def id(self) -> str:
        return self.department.id

    @property
    def name(self) -> str:
        return self.department.name

    @property
    def headcount(self) -> int:
        return sum(p.headcount for p in self.posts)

    @property
    def annual_cost(self) -> float:
        return sum(p.annual_cost or 0.0 for p in self.posts)

    @property
    def current(self) -> int | None:
        known = [p.current for p in self.posts if p.current is not None]
        return sum(known) if known else None


@dataclass(frozen=True)
class Structure:
    """Spans and layers of the reporting lines.

    A manager post's span is the people reporting to it per person in it; a concurrent post
    counts as the one person who holds it. The average span is all direct reports over all
    managers, in people. Layers count posts along the longest reporting chain.
    """

    spans: dict[str, float]
    average_span: float | None
    layers: int

    @property
    def largest_span(self) -> tuple[str, float] | None:
        if not self.spans:
            return None
        post_id = max(self.spans, key=lambda key: self.spans[key])
        return post_id, self.spans[post_id]


@dataclass(frozen=True)
class Plan:
    """A whole center's plan: its own posts, its departments and the totals."""

    center_id: str
    center_name: str
    service_hours: str
    currency: str
    posts: tuple[PostPlan, ...]
    departments: tuple[DepartmentPlan, ...]
    structure: Structure
    streams: tuple[StreamPlan, ...] = ()
    budget: float | None = None
    language: str | None = None
    """The config's ``center.language`` (zh or en), when it names one."""
    ratio_bases: Mapping[str, list[str]] = field(default_factory=dict)
    """The ratio graph: every post id -> the post ids its rule counts, in file order."""

    def all_posts(self) -> tuple[PostPlan, ...]:
        """The center's own posts, then every department's, in file order."""
        return self.posts + tuple(p for d in self.departments for p in d.posts)

    def post(self, post_id: str) -> PostPlan:
        return self._posts_by_id[post_id]

    @cached_property
    def _posts_by_id(self) -> dict[str, PostPlan]:
        # Built once: rules look posts up one by one, and a scan each time is quadratic.
        return {post.id: post for post in self.all_posts()}

    def display_name(self, post_id: str) -> str:
        """The post's name, with its department's where another post shares it (运营部·经理)."""
        post = self.post(post_id)
        return post.qualified_name if self._shared_names.get(post.name, 0) > 1 else post.name

    @cached_property
    def _shared_names(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for post in self.all_posts():
            counts[post.name] = counts.get(post.name, 0) + 1
        return counts

    def stacked_on(self, post_id: str) -> dict[str, list[str]]:
        """The posts counting ``post_id`` in their ratio, directly or through others, as a tree.

        Maps ``post_id`` and each post stacked on it to the posts placed under it, in file
        order. A post counting several of them (HR per 100 staff of the whole center) is placed
        once, under the nearest: breadth first from ``post_id``.
        """
        counted_by: dict[str, list[str]] = {}  # once, not a scan of every ratio a post
        for other, base in self.ratio_bases.items():
            for counted in dict.fromkeys(base):
                counted_by.setdefault(counted, []).append(other)
        tree: dict[str, list[str]] = {}
        placed = {post_id}
        level = [post_id]
        while level:
            following = []
            for current in level:
                children = [other for other in counted_by.get(current, ()) if other not in placed]
                placed.update(children)
                tree[current] = children
                following.extend(children)
            level = following
        return tree

    @property
    def total_headcount(self) -> int:
        return sum(p.headcount for p in self.all_posts())

    @property
    def total_cost(self) -> float:
        return sum(p.annual_cost or 0.0 for p in self.all_posts())

    @property
    def total_current(self) -> int | None:
        known = [p.current for p in self.all_posts() if p.current is not None]
        return sum(known) if known else None

    @property
    def budget_variance(self) -> float | None:
        """Planned annual cost minus the budget: positive over budget, negative under."""
        return None if self.budget is None else self.total_cost - self.budget

    def subdepartments(self, department_id: str) -> tuple[DepartmentPlan, ...]:
        """The departments whose parent is ``department_id``, in file order."""
        return self._children.get(department_id, ())

    def top_departments(self) -> tuple[DepartmentPlan, ...]:
        """The departments with no parent (or a parent the plan does not hold)."""
        return self._children.get(None, ())

    def own_figures(self, department_id: str) -> Figures:
        """A department's own posts; its 编制 is the config's only when no sub-department
        shares it (else the sum of its posts' own 编制, where every post gives one)."""
        return self._figures[department_id][0]

    def total_figures(self, department_id: str) -> Figures:
        """A department with all its sub-departments, at every depth."""
        return self._figures[department_id][1]

    def descendants(self, department_id: str) -> tuple[DepartmentPlan, ...]:
        """Every department below ``department_id``, depth first."""
        found: list[DepartmentPlan] = []
        pending = list(reversed(self.subdepartments(department_id)))
        while pending:
            department = pending.pop()
            found.append(department)
            pending.extend(reversed(self.subdepartments(department.id)))
        return tuple(found)

    @cached_property
    def center_figures(self) -> Figures:
        """The center's own posts (its leadership)."""
        return figures_of(self.posts)

    @cached_property
    def figures(self) -> Figures:
        """The whole center: its own posts and every department."""
        tops = [self.total_figures(d.id) for d in self.top_departments()]
        return figures_of(self.posts, tops)

    @cached_property
    def _children(self) -> dict[str | None, tuple[DepartmentPlan, ...]]:
        known = {d.id for d in self.departments}
        children: dict[str | None, list[DepartmentPlan]] = {}
        for department in self.departments:
            parent = department.department.parent
            children.setdefault(parent if parent in known else None, []).append(department)
        return {key: tuple(value) for key, value in children.items()}

    @cached_property
    def _figures(self) -> dict[str, tuple[Figures, Figures]]:
        # Bottom up without recursion: parents form a forest that may be thousands deep.
        order = [d for top in self.top_departments() for d in (top, *self.descendants(top.id))]
        found: dict[str, tuple[Figures, Figures]] = {}
        for department in reversed(order):
            children = self.subdepartments(department.id)
            given = department.department.establishment
            own = figures_of(department.posts, establishment=None if children else given)
            total = figures_of(
                department.posts, [found[c.id][1] for c in children], establishment=given
            )
            found[department.id] = (own, total)
        return found

    @property
    def frontline_headcount(self) -> int:
        return sum(p.headcount for p in self.all_posts() if p.post.frontline)

    @property
    def cost_complete(self) -> bool:
        """Whether every post with people has a costed grade."""
        return all(p.annual_cost is not None for p in self.all_posts() if p.headcount)
