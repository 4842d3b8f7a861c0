"""Capacity over time: a config planned month by month, with the hiring that keeps it staffed.

For each month of the horizon and each workload post, the required FTE comes from that
month's demand through the same per-interval engine as ``ccorg plan`` (``monthly_demand``),
over the post's paid hours less shrinkage; fixed and ratio posts are resolved on those
requirements month by month, as a plan resolves them. The supply side (``supply``) follows
each workload post's heads by cohort and works out the classes to hire. A scenario with
``effective`` applies from that month on; the months before it follow the base config.
Pure: no I/O; every result is arrays in frozen dataclasses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from ccorg.config.capacity import Capacity, month_index
from ccorg.config.capacity import Workforce as WorkforceSettings
from ccorg.config.schema import Config, Department, Post, WorkloadRule
from ccorg.plan import Plan, WorkloadDerivation
from ccorg.staffing.dated import DatedSeries
from ccorg.staffing.headcount import headcounts_at, ratio_bases
from ccorg.staffing.monthly_demand import StreamMonths, stream_months
from ccorg.staffing.supply import (
    TOLERANCE,
    Supply,
    Workforce,
    month_starts,
    monthly_attrition,
    plan_supply,
)

FloatArray = NDArray[np.float64]
MONTHS_A_YEAR = 12


@dataclass(frozen=True)
class Variant:
    """One config the capacity plan draws months from: the base, or a scenario overlaid.

    ``forecasts`` and ``series`` are its streams' forecast weeks and dated days, read by the
    I/O layer; ``plan`` its typical-week plan (``build_plan``); ``label`` is None for the
    base, else the scenario's name.
    """

    config: Config
    forecasts: Mapping[str, FloatArray]
    series: Mapping[str, DatedSeries]
    plan: Plan
    label: str | None = None


@dataclass(frozen=True, eq=False)
class WorkloadMonths:
    """A workload post month by month: demand, supply and cost. Arrays: one value a month.

    ``required_fte`` is the month's requirement; ``required_heads`` that rounded and bounded
    as the plan does; ``supply`` the heads, attrition, starts, training and productive FTE;
    ``cost`` the heads on roll × grade cost ÷ 12 (None without a cost); ``start_heads`` the
    heads before the first month and ``start_source`` where they come from: ``current`` (the
    post's 在岗), ``headcount`` (no current given: the first month's headcount) or ``new``
    (a post the scenario adds: none).
    ``fte_per_agent_hour[m]`` is (1 + schedule fit) ÷ (productive hours a year ÷ 12).
    """

    post: Post
    department: Department | None
    required_fte: FloatArray
    required_heads: NDArray[np.int64]
    fte_per_agent_hour: FloatArray
    streams: tuple[str, ...]
    workforce: Workforce
    start_heads: float
    start_source: str
    supply: Supply
    cost: FloatArray | None
    derivation: WorkloadDerivation | None
    establishment: NDArray[np.int64] | None = None

    @property
    def over_establishment(self) -> FloatArray | None:
        """Heads on roll above the post's 编制 (0 where within it)."""
        return _over(self.supply.heads, self.establishment)

    @property
    def id(self) -> str:
        return self.post.id

    @property
    def over_under(self) -> FloatArray:
        """Productive FTE less required: negative where the post is short."""
        return self.supply.productive - self.required_fte

    @property
    def shortfall(self) -> FloatArray:
        """FTE short of the requirement each month (0 where met)."""
        short = self.required_fte - self.supply.productive
        return np.where(short > TOLERANCE, short, 0.0)


@dataclass(frozen=True, eq=False)
class OtherMonths:
    """A fixed, ratio or concurrent post month by month: its headcount, cost and 编制;
    ``steps[m]`` is how month m's headcount follows from its rule (empty: not in that month's
    config)."""

    post: Post
    department: Department | None
    heads: NDArray[np.int64]
    cost: FloatArray | None
    steps: tuple[tuple[str, ...], ...]
    establishment: NDArray[np.int64] | None = None

    @property
    def over_establishment(self) -> FloatArray | None:
        return _over(self.heads, self.establishment)

    @property
    def id(self) -> str:
        return self.post.id


@dataclass(frozen=True, eq=False)
class DepartmentMonths:
    """A department with its sub-departments month by month, against its 编制.

    ``heads`` counts workload posts' heads on roll and other posts' headcount.
    """

    department: Department
    heads: FloatArray
    establishment: NDArray[np.int64] | None

    @property
    def over_establishment(self) -> FloatArray | None:
        return _over(self.heads, self.establishment)


@dataclass(frozen=True, eq=False)
class CapacityPlan:
    """A whole center month by month; every array has one value per month of ``months``.

    ``variant_of_month[m]`` is the index into ``variants`` (0: base) that month follows;
    ``budget`` the monthly budget (the annual ÷ 12; None without one).
    """

    center_id: str
    center_name: str
    currency: str
    language: str | None
    months: tuple[str, ...]
    month_starts: tuple[date, ...]
    variants: tuple[str | None, ...]
    variant_of_month: NDArray[np.int64]
    effective: str | None
    workload: tuple[WorkloadMonths, ...]
    others: tuple[OtherMonths, ...]
    departments: tuple[DepartmentMonths, ...]
    streams: tuple[tuple[StreamMonths, ...], ...]
    cost: FloatArray
    budget: FloatArray | None

    def post(self, post_id: str) -> WorkloadMonths | OtherMonths:
        return next(p for p in (*self.workload, *self.others) if p.id == post_id)

    def stream(self, month: int, stream_id: str) -> StreamMonths:
        """A stream's months in the config that ``month`` follows."""
        return next(
            s for s in self.streams[self.variant_of_month[month]] if s.stream_id == stream_id
        )

    @property
    def over_budget(self) -> FloatArray | None:
        if self.budget is None:
            return None
        over = self.cost - self.budget
        return np.where(over > TOLERANCE, over, 0.0)


def resolve_workforce(capacity: Capacity, post_id: str) -> Workforce:
    """A post's workforce settings: its own entry key by key over ``default``.

    A post giving either attrition key replaces the default's attrition, in whichever form.
    """
    merged: dict[str, object] = {}
    for key in ("default", post_id):
        settings = capacity.workforce.get(key)
        if settings is None:
            continue
        given = settings.model_fields_set
        if given & {"attrition_annual", "attrition_monthly"}:
            merged.pop("attrition_annual", None)
            merged.pop("attrition_monthly", None)
        merged.update({name: getattr(settings, name) for name in given})
    chosen = WorkforceSettings.model_construct(**merged)
    if chosen.attrition_monthly is not None:
        monthly = chosen.attrition_monthly
    elif chosen.attrition_annual is not None:
        monthly = monthly_attrition(chosen.attrition_annual)
    else:
        monthly = 0.0
    size = chosen.class_size
    return Workforce(
        attrition_monthly=monthly,
        recruit_lead_weeks=chosen.recruit_lead_weeks or 0.0,
        training_weeks=chosen.training_weeks or 0.0,
        ramp=tuple(chosen.ramp or ()),
        training_loss=chosen.training_loss or 0.0,
        class_min=size.min if size else 1,
        class_max=size.max if size else None,
        classes_per_month=chosen.classes_per_month or 1,
    )


def build_capacity(variants: Sequence[Variant], effective: str | None = None) -> CapacityPlan:
    """The capacity plan of ``variants[0]`` (the base), with ``variants[1]`` (a scenario)
    from ``effective`` on, or from the first month when it has no ``effective``.

    The base config must have a ``capacity`` section. Raises ``StreamError`` for a month's
    demand that cannot be planned.
    """
    capacity = variants[0].config.capacity
    assert capacity is not None
    horizon = capacity.horizon
    first = month_index(horizon.start)
    count = horizon.months
    starts = month_starts(date(first // 12, first % 12 + 1, 1), count)
    labels = tuple(f"{day:%Y-%m}" for day in starts[:-1])
    variant_of_month = np.zeros(count, dtype=np.int64)
    if len(variants) > 1:
        switch = 0 if effective is None else month_index(effective) - first
        variant_of_month[max(switch, 0) :] = 1

    plans: list[Plan] = []
    demand: list[tuple[StreamMonths, ...]] = []
    requirement: list[dict[str, FloatArray]] = []
    fte_rate: list[dict[str, float]] = []
    for index, variant in enumerate(variants):
        plan = variant.plan
        plans.append(plan)
        used = [int(m) for m in np.flatnonzero(variant_of_month == index)]
        streams: dict[str, StreamMonths] = {}
        if variant.config.demand is not None and used:
            streams = stream_months(
                variant.config,
                variant.forecasts,
                variant.series,
                capacity.seasonality,
                starts,
                used,
            )
        demand.append(tuple(streams.values()))
        if not used:
            # No month follows this config (a scenario in force from the first month): its
            # streams were not solved, and nothing reads its requirement.
            requirement.append({})
            fte_rate.append({})
            continue
        hours_of: dict[str, FloatArray] = {}
        rates: dict[str, float] = {}
        for post in plan.all_posts():
            derivation = post.workload
            if derivation is None:
                continue
            rate = (1 + derivation.schedule_fit) * MONTHS_A_YEAR / derivation.productive_hours
            rates[post.id] = rate
            hours = sum((streams[s].agent_hours for s in derivation.streams), np.zeros(count))
            hours_of[post.id] = hours * rate
        requirement.append(hours_of)
        fte_rate.append(rates)

    located = _union_of_posts(variants)
    workload_ids = [post.id for post, _, _ in located if any(post.id in r for r in requirement)]
    required_fte = {post_id: np.zeros(count) for post_id in workload_ids}
    rate_by_month = {post_id: np.zeros(count) for post_id in workload_ids}
    heads_by_month = {post.id: np.zeros(count, dtype=np.int64) for post, _, _ in located}
    steps_by_month: dict[str, list[tuple[str, ...]]] = {
        post.id: [()] * count for post, _, _ in located
    }
    bases = [ratio_bases(variant.config) for variant in variants]
    for month in range(count):
        index = int(variant_of_month[month])
        fte = {post_id: float(hours[month]) for post_id, hours in requirement[index].items()}
        for post_id, value in fte.items():
            required_fte[post_id][month] = value
            rate_by_month[post_id][month] = fte_rate[index][post_id]
        for post_id, derived in headcounts_at(variants[index].config, fte, bases[index]).items():
            heads_by_month[post_id][month] = derived.headcount
            steps_by_month[post_id][month] = derived.steps

    costs = _monthly_costs(variants)
    workload: list[WorkloadMonths] = []
    others: list[OtherMonths] = []
    for post, department, variant_index in located:
        per_head = costs.get(post.id)
        establishment = _post_establishment(variants, variant_of_month, post.id)
        if post.id in required_fte:
            workload.append(
                _workload_months(
                    post,
                    department,
                    required_fte[post.id],
                    heads_by_month[post.id],
                    rate_by_month[post.id],
                    resolve_workforce(capacity, post.id),
                    starts,
                    variant_index,
                    plans,
                    per_head,
                    establishment,
                )
            )
        else:
            heads = heads_by_month[post.id]
            cost = None if per_head is None else heads * per_head
            others.append(
                OtherMonths(
                    post,
                    department,
                    _frozen(heads),
                    _frozen_or_none(cost),
                    tuple(steps_by_month[post.id]),
                    establishment,
                )
            )
    total = np.zeros(count)
    for item in workload:
        if item.cost is not None:
            total += item.cost
    for other in others:
        if other.cost is not None:
            total += other.cost
    return CapacityPlan(
        center_id=variants[0].config.center.id,
        center_name=variants[0].config.center.name,
        currency=variants[0].config.center.currency,
        language=plans[0].language,
        months=labels,
        month_starts=tuple(starts),
        variants=tuple(variant.label for variant in variants),
        variant_of_month=_frozen(variant_of_month),
        effective=effective,
        workload=tuple(workload),
        others=tuple(others),
        departments=_departments(plans, variant_of_month, workload, others),
        streams=tuple(demand),
        cost=_frozen(total),
        budget=_budget(variants, variant_of_month),
    )


def _union_of_posts(
    variants: Sequence[Variant],
) -> list[tuple[Post, Department | None, int]]:
    """Every post of any variant, once, in the base's order then the scenario's new ones,
    with the index of the first variant that has it."""
    seen: dict[str, tuple[Post, Department | None, int]] = {}
    for index, variant in enumerate(variants):
        for _, department, post in variant.config.located_posts():
            seen.setdefault(post.id, (post, department, index))
    return list(seen.values())


def _monthly_costs(variants: Sequence[Variant]) -> dict[str, float]:
    """Each post's cost per head a month (its grade's annual cost ÷ 12), where known."""
    found: dict[str, float] = {}
    for variant in reversed(variants):
        grades = {grade.id: grade for grade in variant.config.grades}
        for _, _, post in variant.config.located_posts():
            annual = grades[post.grade].annual_cost
            if annual is not None and post.id not in found:
                found[post.id] = annual / MONTHS_A_YEAR
    return found


def _workload_months(
    post: Post,
    department: Department | None,
    required_fte: FloatArray,
    required_heads: NDArray[np.int64],
    rate: FloatArray,
    workforce: Workforce,
    starts: list[date],
    variant_index: int,
    plans: Sequence[Plan],
    per_head: float | None,
    establishment: NDArray[np.int64] | None,
) -> WorkloadMonths:
    if variant_index > 0:
        start_heads, source = 0.0, "new"
    elif post.current is not None:
        start_heads, source = float(post.current), "current"
    else:
        start_heads, source = float(required_heads[0]), "headcount"
    supply = plan_supply(required_fte, starts, start_heads, workforce)
    derivation = next(
        (p.workload for plan in plans for p in plan.all_posts() if p.id == post.id and p.workload),
        None,
    )
    rule = post.rule
    streams = tuple(rule.streams) if isinstance(rule, WorkloadRule) else ()
    cost = None if per_head is None else supply.heads * per_head
    return WorkloadMonths(
        post=post,
        department=department,
        required_fte=_frozen(required_fte),
        required_heads=_frozen(required_heads),
        fte_per_agent_hour=_frozen(rate),
        streams=streams,
        workforce=workforce,
        start_heads=start_heads,
        start_source=source,
        supply=supply,
        cost=_frozen_or_none(cost),
        derivation=derivation,
        establishment=establishment,
    )


def _departments(
    plans: Sequence[Plan],
    variant_of_month: NDArray[np.int64],
    workload: Sequence[WorkloadMonths],
    others: Sequence[OtherMonths],
) -> tuple[DepartmentMonths, ...]:
    """Each department's heads with its sub-departments', against its 编制 month by month
    (the 编制 a plan gives the department's total: its own, else its parts' sum)."""
    count = len(variant_of_month)
    heads_of: dict[str, FloatArray] = {item.id: np.asarray(item.supply.heads) for item in workload}
    heads_of |= {other.id: other.heads.astype(np.float64) for other in others}
    listed = {d.id: d.department for plan in reversed(plans) for d in plan.departments}
    order = list(dict.fromkeys(d.id for plan in plans for d in plan.departments))
    found: list[DepartmentMonths] = []
    for department_id in order:
        heads = np.zeros(count)
        establishment = np.zeros(count, dtype=np.int64)
        given = False
        for month in range(count):
            plan = plans[int(variant_of_month[month])]
            if not any(d.id == department_id for d in plan.departments):
                continue
            units = [d for d in plan.departments if d.id == department_id]
            units += plan.descendants(department_id)
            members = [post.id for unit in units for post in unit.posts]
            heads[month] = sum(float(heads_of[p][month]) for p in members if p in heads_of)
            total = plan.total_figures(department_id).establishment
            if total is not None:
                establishment[month] = total
                given = True
        found.append(
            DepartmentMonths(
                listed[department_id], _frozen(heads), _frozen(establishment) if given else None
            )
        )
    return tuple(found)


def _budget(variants: Sequence[Variant], variant_of_month: NDArray[np.int64]) -> FloatArray | None:
    """The monthly budget: the config's annual budget ÷ 12, month by month."""
    found = []
    for month in range(len(variant_of_month)):
        policies = variants[int(variant_of_month[month])].config.policies
        annual = policies.budget.annual if policies is not None else None  # type: ignore[attr-defined]
        found.append(math.nan if annual is None else annual / MONTHS_A_YEAR)
    budget = np.array(found)
    if np.isnan(budget).all():
        return None
    return _frozen(np.nan_to_num(budget, nan=0.0))


def _over(heads: NDArray, establishment: NDArray[np.int64] | None) -> FloatArray | None:
    """Heads above 编制 each month (0 where within it); None without a 编制."""
    if establishment is None:
        return None
    over = heads - establishment
    return np.where(over > TOLERANCE, over, 0.0)


def _post_establishment(
    variants: Sequence[Variant], variant_of_month: NDArray[np.int64], post_id: str
) -> NDArray[np.int64] | None:
    """A post's 编制 each month, from the config the month follows (None if never given)."""
    found = np.zeros(len(variant_of_month), dtype=np.int64)
    given = False
    for month, index in enumerate(variant_of_month):
        config = variants[int(index)].config
        post = next((p for _, _, p in config.located_posts() if p.id == post_id), None)
        if post is not None and post.establishment is not None:
            found[month] = post.establishment
            given = True
    return _frozen(found) if given else None


def _frozen(array: NDArray) -> NDArray:
    array.flags.writeable = False
    return array


def _frozen_or_none(array: NDArray | None) -> NDArray | None:
    return None if array is None else _frozen(array)
