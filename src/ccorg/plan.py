"""The result of planning: every post's headcount with the derivation that produced it.

Renderers, diff and checks read these immutable values; none of them recomputes a number.
"""

from __future__ import annotations

from dataclasses import dataclass

from ccorg.config.schema import Department, Grade, Post


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
