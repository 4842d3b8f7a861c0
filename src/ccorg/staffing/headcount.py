"""Resolve every post's headcount from its rule, in dependency order. Pure: no I/O.

Ratios can stack (supervisors per team leaders per agents) and can count several posts, a
whole department or the whole center, so the posts form a dependency graph. We sort it once
and resolve each post after everything it counts.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ccorg.config.schema import (
    MAX_PEOPLE,
    ConcurrentRule,
    Config,
    Department,
    FixedRule,
    Grade,
    Post,
    RatioRule,
    WorkloadRule,
)
from ccorg.i18n import N_, _, current_language
from ccorg.plan import DepartmentPlan, Plan, PostPlan, StreamPlan, WorkloadDerivation
from ccorg.staffing.plan_cache import PlanCache, Reuse
from ccorg.staffing.structure import Reporting, measure_structure, reporting
from ccorg.units import number

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ccorg.staffing.shifts import ShiftPlan
    from ccorg.staffing.solver_budget import SolverBudget


class HeadcountCycleError(ValueError):
    """Posts whose ratios count each other, so no order can resolve them."""

    def __init__(self, cycle: list[str]) -> None:
        super().__init__("headcount rules loop: " + " -> ".join(cycle))
        self.cycle = cycle


class HeadcountRangeError(ValueError):
    """A post whose rule asks for more people than any center has (a ratio gone wrong)."""

    def __init__(self, post_id: str, requirement: float) -> None:
        super().__init__(
            _("post {post} requires {requirement} people, more than {most}").format(
                post=repr(post_id), requirement=f"{requirement:,.6g}", most=f"{MAX_PEOPLE:,}"
            )
        )
        self.post_id = post_id


@dataclass(frozen=True)
class Derived:
    """A rule's outcome before it is attached to its post."""

    requirement: float
    headcount: int
    basis: str
    steps: tuple[str, ...]
    workload: WorkloadDerivation | None = None
    schedule: ShiftPlan | None = None


@dataclass(frozen=True)
class _Unit:
    """The center's own posts or one department's, and what a plan takes from them alone.

    Made once per department object (and language): a scenario's config shares with its
    base's the departments it leaves alone, so their thousands of posts cost each plan a few
    dictionary merges, not a pass over every post.
    """

    department: Department | None
    posts: list[Post]
    by_id: dict[str, Post]
    fixed: dict[str, Derived]
    """The derivations of its fixed posts (a function of their figures alone)."""
    others: tuple[Post, ...]
    """Its posts whose derivation reads something beyond them: ratio, concurrent, workload."""
    bases: dict[str, list[str]]
    """Every post counting nothing: each plan fills in the ratios' bases."""
    names: frozenset[str]
    repeated: frozenset[str]
    """Its post names, and those that more than one of its posts has."""
    grades: tuple[str, ...]


@dataclass(frozen=True)
class _UnitPlan:
    posts: tuple[PostPlan, ...]
    reporting: Reporting


def build_plan(
    config: Config,
    forecasts: Mapping[str, NDArray[np.float64]] | None = None,
    cache: PlanCache | None = None,
    budget: SolverBudget | None = None,
) -> Plan:
    """Derive every post's headcount and assemble the plan.

    ``forecasts`` holds the per-interval volume of each stream whose volume is a forecast
    file, read beforehand (see ``ccorg.pipeline``); ``cache`` keeps solved streams and derived
    posts across plans of variants of one config. The plan's shift solves share
    ``shifts.time_limit_seconds`` (``plan_budget``), and ``budget`` too when given (a bound
    over several plans). Raises ``StreamError`` for demand that cannot be planned (an
    unreachable target, a stream open outside the center's hours), ``ScheduleBudgetError``
    when the time is spent before a post.
    """
    from ccorg.staffing.solver_budget import plan_budget

    budget = plan_budget(config, budget)
    cache = PlanCache() if cache is None else cache
    reuse = cache.reuse()
    language = current_language()
    units = _units(config, language, reuse)
    posts, derived, bases, others = _graph(config, units)
    worked_by: dict[str, str] = {}
    for post in others:
        if isinstance(post.rule, WorkloadRule):
            worked_by.update(dict.fromkeys(post.rule.streams, post.id))
    streams: dict[str, StreamPlan] = {}
    if config.demand is not None:
        # Imported here so plans without demand never load numpy and the queueing engine.
        from ccorg.staffing.workload import plan_streams

        streams = plan_streams(config, worked_by, forecasts, cache.streams)

    names = _qualified_names(units, reuse)
    # Fixed posts count nothing and are derived already: the others in dependency order,
    # the same order (and so the same first error) as over every post.
    pending = {post.id for post in others}
    graph = {post.id: [i for i in bases[post.id] if i in pending] for post in others}
    for post_id in resolution_order(graph):
        post = posts[post_id]
        key, held = _derivation_key(language, post, bases[post_id], derived, names, streams, config)
        result = reuse.get(key, Derived)
        if result is None:
            if isinstance(post.rule, WorkloadRule):
                result = _workload(post, post.rule, streams, config, budget)
            else:
                result = derive(post, derived, posts, bases[post_id], names)
            # A shift plan stopped short of its optimum depends on the time it was given.
            if result.schedule is None or result.schedule.optimal:
                reuse.put(key, held, result)
        elif result.schedule is not None:
            # Reused, the shift plan still goes through this plan's budget, as a proven
            # optimum does: the post counts as planned in what the budget reports.
            _schedule(post, streams, config, budget, result.schedule)
        derived[post_id] = result

    grades = {grade.id: grade for grade in config.grades}
    plans = [_unit_plan(unit, derived, grades, reuse) for unit in units]
    plan = Plan(
        center_id=config.center.id,
        center_name=config.center.name,
        service_hours=_service_hours_text(config),
        currency=config.center.currency,
        posts=plans[0].posts,
        departments=tuple(
            DepartmentPlan(unit.department, plan.posts)
            for unit, plan in zip(units[1:], plans[1:], strict=True)
            if unit.department is not None
        ),
        structure=measure_structure(
            [plan.reporting for plan in plans], posts, lambda post_id: derived[post_id].headcount
        ),
        streams=tuple(streams.values()),
        budget=None if config.policies is None else config.policies.budget.annual,
        language=config.center.language,
        ratio_bases=bases,
    )
    cache.keep(reuse)
    return plan


def _units(config: Config, language: str, reuse: Reuse) -> list[_Unit]:
    """The center's own posts, then each department's, in file order."""
    return [
        _unit(None, config.center.posts, language, reuse),
        *(
            _unit(department, department.posts, language, reuse)
            for department in config.departments
        ),
    ]


def _unit(department: Department | None, posts: list[Post], language: str, reuse: Reuse) -> _Unit:
    key = ("unit", language, id(posts), id(department))
    found = reuse.get(key, _Unit)
    if found is not None:
        return found
    fixed: dict[str, Derived] = {}
    others: list[Post] = []
    counts: dict[str, int] = {}
    for post in posts:
        counts[post.name] = counts.get(post.name, 0) + 1
        rule = post.rule
        if isinstance(rule, FixedRule):
            # Posts with the same figures share one derivation.
            figures = (language, "fixed", rule.count, rule.note, post.rounding, post.min, post.max)
            result = reuse.get(figures, Derived)
            if result is None:
                result = reuse.put(figures, (), derive(post, {}, {}, []))
            fixed[post.id] = result
        else:
            others.append(post)
    unit = _Unit(
        department=department,
        posts=posts,
        by_id={post.id: post for post in posts},
        fixed=fixed,
        others=tuple(others),
        bases={post.id: [] for post in posts},
        names=frozenset(counts),
        repeated=frozenset(name for name, count in counts.items() if count > 1),
        grades=tuple(dict.fromkeys(post.grade for post in posts)),
    )
    return reuse.put(key, (posts, department), unit)


def _graph(
    config: Config, units: list[_Unit]
) -> tuple[dict[str, Post], dict[str, Derived], dict[str, list[str]], list[Post]]:
    """Every post by id, the fixed posts' derivations, every post's ratio base (file order),
    and the posts still to derive."""
    posts: dict[str, Post] = {}
    derived: dict[str, Derived] = {}
    bases: dict[str, list[str]] = {}
    for unit in units:
        posts.update(unit.by_id)
        derived.update(unit.fixed)
        bases.update(unit.bases)
    others = [post for unit in units for post in unit.others]
    _fill_ratio_bases(config, posts, bases, others)
    return posts, derived, bases, others


def _qualified_names(units: list[_Unit], reuse: Reuse) -> dict[str, str]:
    """Each post's name for a derivation, its department's prefixed where several posts share
    it: five departments have a 经理, and ``经理 1 + 经理 1`` tells a reader nothing."""
    shared: set[str] = set()
    seen: set[str] = set()
    for unit in units:
        shared |= unit.repeated | (unit.names & seen)
        seen |= unit.names
    names: dict[str, str] = {}
    for unit in units:
        department = unit.department
        here = unit.names & shared if department is not None else frozenset()
        key = ("names", id(unit), here)
        found = reuse.get(key, dict)
        if found is None:
            found = {
                post.id: f"{department.name}·{post.name}" if post.name in here else post.name
                for post in unit.posts
            }
            reuse.put(key, (unit,), found)
        names.update(found)
    return names


def _unit_plan(
    unit: _Unit, derived: Mapping[str, Derived], grades: Mapping[str, Grade], reuse: Reuse
) -> _UnitPlan:
    """A unit's post plans and reporting lines: the same while its posts' derivations and
    grades are the same objects."""
    results = tuple(derived[post.id] for post in unit.others)
    graded = tuple(grades[grade_id] for grade_id in unit.grades)
    key = ("plans", id(unit), *map(id, results), *map(id, graded))
    found = reuse.get(key, _UnitPlan)
    if found is not None:
        return found
    department = unit.department

    def post_plan(post: Post) -> PostPlan:
        result = derived[post.id]
        grade = grades[post.grade]
        key = ("post", id(post), id(grade), id(department), id(result))
        found = reuse.get(key, PostPlan)
        if found is None:
            found = PostPlan(
                post=post,
                grade=grade,
                department=department,
                requirement=result.requirement,
                headcount=result.headcount,
                basis=result.basis,
                steps=result.steps,
                workload=result.workload,
                schedule=result.schedule,
            )
            reuse.put(key, (post, grade, department, result), found)
        return found

    planned = tuple(map(post_plan, unit.posts))
    headcounts = {plan.id: plan.headcount for plan in planned}
    found = _UnitPlan(planned, reporting(unit.posts, headcounts))
    return reuse.put(key, (unit, *results, *graded), found)


def _derivation_key(
    language: str,
    post: Post,
    base_ids: list[str],
    derived: Mapping[str, Derived],
    names: Mapping[str, str],
    streams: Mapping[str, StreamPlan],
    config: Config,
) -> tuple[tuple[object, ...], tuple[object, ...]]:
    """What a post's derivation is a function of, as a key for ``Reuse``, and the objects
    whose ids the key has (for the entry to hold). Steps are text in the active language.

    A fixed post's derivation is a function of its figures alone: posts with the same
    figures share one (a deep copy of a config too). Other posts are known by identity: the
    post object, and for a ratio the headcounts and names it counts (values, as they are
    derived again each plan); for a workload post the calendar, shrinkage and shifts objects
    and its streams' plans (the same objects while a ``StreamCache`` keeps them).
    """
    rule = post.rule
    if isinstance(rule, FixedRule):
        return (language, "fixed", rule.count, rule.note, post.rounding, post.min, post.max), ()
    if isinstance(rule, RatioRule):
        counted = tuple(derived[i].headcount for i in base_ids)
        return (language, "ratio", id(post), counted, tuple(names[i] for i in base_ids)), (post,)
    if isinstance(rule, ConcurrentRule):
        holder = names[rule.held_by_post] if rule.held_by_post else None
        return (language, "concurrent", id(post), holder), (post,)
    assert isinstance(rule, WorkloadRule)
    held = (
        post,
        config.calendar,
        rule.shrinkage or config.shrinkage,
        config.shifts,
        *(streams[stream_id] for stream_id in rule.streams),
    )
    return (language, "workload", *map(id, held)), held


def headcounts_at(
    config: Config, workload_fte: Mapping[str, float], bases: Mapping[str, list[str]]
) -> dict[str, Derived]:
    """Every post's headcount when each workload post needs the FTE given (``ccorg capacity``
    resolves each month so): rounded and bounded, and ratios resolved on them, as a plan is.

    ``bases`` is ``ratio_bases(config)``, computed once by the caller.
    """
    posts = {post.id: post for _, _, post in config.located_posts()}
    derived: dict[str, Derived] = {}
    for post_id in resolution_order(bases):
        post = posts[post_id]
        if isinstance(post.rule, WorkloadRule):
            fte = workload_fte[post_id]
            derived[post_id] = _bounded(post, fte, fte_text(fte, post.rounding), [])
        else:
            derived[post_id] = derive(post, derived, posts, bases[post_id])
    return derived


def resolution_order(bases: Mapping[str, list[str]]) -> list[str]:
    """Post ids so that every post comes after the posts it counts; raise on a loop."""
    order: list[str] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: resolved
    for root, counted in bases.items():
        if state.get(root):
            continue
        if not counted:  # most posts count none: no search to set up
            state[root] = 2
            order.append(root)
            continue
        # Iterative depth-first search: a deep stack of ratios must not hit Python's limit.
        path: list[str] = [root]
        pending = [iter(bases[root])]
        state[root] = 1
        while pending:
            child = next(pending[-1], None)
            if child is None:
                pending.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)
            elif state.get(child) == 1:
                raise HeadcountCycleError([*path[path.index(child) :], child])
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                pending.append(iter(bases[child]))
    return order


def derive(
    post: Post,
    derived: Mapping[str, Derived],
    posts: Mapping[str, Post],
    base_ids: list[str],
    names: Mapping[str, str] | None = None,
) -> Derived:
    """Apply one post's rule, given the headcounts of the posts it counts (``base_ids``);
    ``names`` are the posts' names as a derivation shows them (default: their own)."""
    rule = post.rule
    if isinstance(rule, FixedRule):
        note = f" ({rule.note})" if rule.note else ""
        return _bounded(
            post,
            float(rule.count),
            _("fixed {count}{note}").format(count=rule.count, note=note),
            [_("fixed by the plan: {count}{note}").format(count=rule.count, note=note)],
        )
    if isinstance(rule, ConcurrentRule):
        held_by = rule.held_by_post
        holder = _name(held_by, posts, names) if held_by else rule.held_by
        return Derived(
            0.0,
            0,
            _("兼任 · 0 (held by {holder})").format(holder=holder),
            (_("concurrent post held by {holder}: adds no headcount").format(holder=holder),),
        )
    if isinstance(rule, RatioRule):
        return _ratio(post, rule, derived, posts, base_ids, names)
    raise TypeError(f"no derivation for rule {rule!r}")


def _name(post_id: str, posts: Mapping[str, Post], names: Mapping[str, str] | None) -> str:
    return posts[post_id].name if names is None else names[post_id]


def _ratio(
    post: Post,
    rule: RatioRule,
    derived: Mapping[str, Derived],
    posts: Mapping[str, Post],
    base_ids: list[str],
    names: Mapping[str, str] | None,
) -> Derived:
    base = sum(derived[i].headcount for i in base_ids)
    requirement = base / rule.per
    parts = [
        f"{_name(i, posts, names)} {derived[i].headcount}" for i in base_ids if derived[i].headcount
    ]
    steps = [
        _("base: {parts} = {base}").format(parts=" + ".join(parts), base=base)
        if len(parts) > 1
        else _("base: {base}").format(base=base),
        _("one per {per}: {base} ÷ {per} = {requirement}").format(
            per=number(rule.per), base=number(base), requirement=number(requirement, 3)
        ),
    ]
    return _bounded(post, requirement, f"{number(base)} ÷ {number(rule.per)}", steps)


def _workload(
    post: Post,
    rule: WorkloadRule,
    streams: Mapping[str, StreamPlan],
    config: Config,
    budget: SolverBudget | None = None,
) -> Derived:
    """A workload post: its streams' agent-hours → FTE → whole people."""
    from ccorg.staffing.workload import derivation_steps, post_fte

    shrinkage = rule.shrinkage or config.shrinkage
    if shrinkage is None:
        raise ValueError(f"workload post {post.id!r} has no shrinkage")
    schedule = _schedule(post, streams, config, budget) if rule.schedule_fit == "auto" else None
    derivation = post_fte(rule, streams, config.calendar, shrinkage, schedule)
    lead, steps = derivation_steps(derivation, streams)
    fte = fte_text(derivation.fte, post.rounding)
    result = _bounded(
        post, derivation.fte, fte, steps, lead=_("{lead} → {fte} FTE → ").format(lead=lead, fte=fte)
    )
    return replace(result, workload=derivation, schedule=schedule)


def _schedule(
    post: Post,
    streams: Mapping[str, StreamPlan],
    config: Config,
    budget: SolverBudget | None,
    known: ShiftPlan | None = None,
) -> ShiftPlan:
    """The shift plan of a post whose schedule fit is derived, through the plan's budget;
    ``known`` is the proven optimum an earlier plan found, which the budget takes as it
    takes any (the post counts as planned, and no time is spent)."""
    from ccorg.staffing.shifts import schedule_post, solved_post

    shifts = config.shifts
    # References: auto needs a shifts section, and build_plan gives it a budget.
    assert shifts is not None and budget is not None
    return budget.solve(
        post.id,
        lambda limit: schedule_post(post, streams, shifts, limit),
        reuse=lambda: known or solved_post(post, streams, shifts),
    )


def fte_text(value: float, rounding: str) -> str:
    """An FTE with one decimal, or more when one would misstate its rounding (57.04 → 58)."""
    round_fn = _ROUNDING[rounding][0]
    for places in (1, 2, 3, 4):
        text = f"{value:,.{places}f}"
        if _whole_people(float(text.replace(",", "")), round_fn) == _whole_people(value, round_fn):
            return text
    return f"{value:,.6f}"


def _whole_people(requirement: float, round_fn: Callable[[float], int]) -> int:
    nearest_whole = round(requirement)
    if abs(requirement - nearest_whole) < _EPSILON:
        return nearest_whole
    return round_fn(requirement)


_ROUNDING: dict[str, tuple[Callable[[float], int], str]] = {
    "up": (math.ceil, "⌈{}⌉"),
    "down": (math.floor, "⌊{}⌋"),
    "nearest": (lambda x: math.floor(x + 0.5), "round({})"),
}
_ROUNDED = {
    "up": N_("rounded up: {requirement} → {people}"),
    "down": N_("rounded down: {requirement} → {people}"),
    "nearest": N_("rounded nearest: {requirement} → {people}"),
}
# Division results such as 60 ÷ 12 may land a hair above a whole number in binary floating
# point; a whole number must never round up to the next one.
_EPSILON = 1e-9


def _bounded(
    post: Post, requirement: float, basis: str, steps: list[str], lead: str = ""
) -> Derived:
    """Round a requirement to whole people, then apply the post's ``min`` and ``max``.

    ``basis`` is the expression being rounded (``57 ÷ 12``), after ``lead`` (what led to it);
    a whole-number requirement such as a fixed count is shown as it is.
    """
    # Stacked ratios with tiny ``per`` values can reach infinity; stop before rounding it.
    if not requirement <= MAX_PEOPLE:
        raise HeadcountRangeError(post.id, requirement)
    round_fn, shape = _ROUNDING[post.rounding]
    people = _whole_people(requirement, round_fn)
    if abs(requirement - round(requirement)) >= _EPSILON:
        steps.append(
            _(_ROUNDED[post.rounding]).format(requirement=number(requirement, 3), people=people)
        )
    if not isinstance(post.rule, FixedRule):
        basis = f"{lead}{shape.format(basis)} = {people}"
    if post.min is not None and people < post.min:
        steps.append(_("raised to the minimum of {min}").format(min=post.min))
        basis += _(" → min {min}").format(min=post.min)
        people = post.min
    if post.max is not None and people > post.max:
        steps.append(_("capped at the maximum of {max}").format(max=post.max))
        basis += _(" → max {max}").format(max=post.max)
        people = post.max
    steps.append(_("headcount: {people}").format(people=people))
    return Derived(requirement, int(people), basis, tuple(steps))


def ratio_bases(config: Config) -> dict[str, list[str]]:
    """For every post, the post ids its rule counts, in file order, never the post itself.

    A department id stands for every post in it and in its sub-departments; the center's id
    for every post of the center.
    """
    return _graph(config, _units(config, current_language(), PlanCache().reuse()))[2]


def _fill_ratio_bases(
    config: Config, posts: Mapping[str, Post], bases: dict[str, list[str]], others: list[Post]
) -> None:
    """Set the base of each ratio post among ``others`` in ``bases`` (see ``ratio_bases``);
    ``posts`` is every post by id, in file order."""
    children: dict[str, list[Department]] = {}
    for department in config.departments:
        if department.parent:
            children.setdefault(department.parent, []).append(department)

    def department_posts(department: Department) -> list[str]:
        # Depth first, without recursion: a chain of departments may be thousands deep.
        found: list[str] = []
        pending = [department]
        while pending:
            current = pending.pop()
            found.extend(post.id for post in current.posts)
            pending.extend(reversed(children.get(current.id, [])))
        return found

    # Only what a ratio counts is expanded: expanding every department would cost the square
    # of a deep department tree.
    departments = {department.id: department for department in config.departments}
    members: dict[str, list[str]] = {}

    def counted(target: str) -> list[str]:
        found = members.get(target)
        if found is None:
            if target == config.center.id:
                found = list(posts)
            elif target in departments:
                found = department_posts(departments[target])
            else:
                return [target]
            members[target] = found
        return found

    for post in others:
        if isinstance(post.rule, RatioRule):
            ids = [i for target in post.rule.of for i in counted(target)]
            bases[post.id] = [i for i in dict.fromkeys(ids) if i != post.id]


def _service_hours_text(config: Config) -> str:
    hours = config.center.service_hours
    if isinstance(hours, str):
        return "7×24"
    windows = list(hours.values())
    if len(hours) == 7 and all(w == windows[0] for w in windows):
        return f"daily {', '.join(windows[0])}"
    return "; ".join(f"{day} {', '.join(windows)}" for day, windows in hours.items())
