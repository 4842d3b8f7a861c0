"""The result of planning: every post's headcount with the derivation that produced it.

Renderers, diff and checks read these immutable values; none of them recomputes a number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.config.schema import Department, Grade, Post, Stream

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ccorg.staffing.queueing import IntervalMetrics
    from ccorg.staffing.shifts import ShiftPlan


@dataclass(frozen=True)
class PostPlan:
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
    schedule_fit_source: str | None = None
    """Where a derived schedule fit (``schedule_fit: auto``) comes from, in a line."""


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
class DepartmentPlan:
    """A department's posts and their totals."""

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
    language: str | None = None
    """The config's ``center.language`` (zh or en), when it names one."""

    def all_posts(self) -> tuple[PostPlan, ...]:
        """The center's own posts, then every department's, in file order."""
        return self.posts + tuple(p for d in self.departments for p in d.posts)

    def post(self, post_id: str) -> PostPlan:
        return next(p for p in self.all_posts() if p.id == post_id)

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
    def frontline_headcount(self) -> int:
        return sum(p.headcount for p in self.all_posts() if p.post.frontline)

    @property
    def cost_complete(self) -> bool:
        """Whether every post with people has a costed grade."""
        return all(p.annual_cost is not None for p in self.all_posts() if p.headcount)
