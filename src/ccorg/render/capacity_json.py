"""The capacity plan as versioned JSON (``format_version`` 1, documented in the README).

Every array holds one value per month of ``months``; numbers are rounded to 7 decimals
(heads are expected values: 100 heads at 2% a month are 78.4716724 after a year).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from ccorg.render.ansi import json_document
from ccorg.render.machine_numbers import machine_float as _round
from ccorg.staffing.capacity import CapacityPlan, OtherMonths, WorkloadMonths

FORMAT_VERSION = 1


def capacity_to_dict(plan: CapacityPlan, post_id: str | None = None) -> dict[str, Any]:
    """The JSON document of a capacity plan, as plain data (one post's with ``post_id``)."""
    workload = [p for p in plan.workload if post_id in (None, p.id)]
    others = [p for p in plan.others if post_id in (None, p.id)]
    return {
        "format_version": FORMAT_VERSION,
        "center": {"id": plan.center_id, "name": plan.center_name},
        "currency": plan.currency,
        "scenario": plan.variants[-1] if len(plan.variants) > 1 else None,
        "effective": plan.effective,
        "months": list(plan.months),
        "month_follows": [plan.variants[i] or "base" for i in plan.variant_of_month],
        "posts": [workload_to_dict(post, plan) for post in workload],
        "other_posts": [other_to_dict(post) for post in others],
        "departments": [
            {
                "id": d.department.id,
                "name": d.department.name,
                "heads": _numbers(d.heads),
                "establishment": _numbers(d.establishment),
                "over_establishment": _numbers(d.over_establishment),
            }
            for d in plan.departments
        ],
        "cost": _numbers(plan.cost),
        "budget": _numbers(plan.budget),
        "over_budget": _numbers(plan.over_budget),
        "shortfall": [
            {"post": post.id, "month": month, "fte": fte}
            for post in workload
            for month, fte in _short_months(post, plan)
        ],
        "streams": _streams(plan),
    }


def render_capacity_json(plan: CapacityPlan, post_id: str | None = None) -> str:
    return json_document(capacity_to_dict(plan, post_id))


def workload_to_dict(post: WorkloadMonths, plan: CapacityPlan) -> dict[str, Any]:
    supply = post.supply
    w = post.workforce
    return {
        "id": post.id,
        "name": post.post.name,
        "department": post.department.id if post.department else None,
        "grade": post.post.grade,
        "streams": list(post.streams),
        "start_heads": _round(post.start_heads),
        "start_source": post.start_source,
        "workforce": {
            "attrition_monthly": _round(w.attrition_monthly),
            "recruit_lead_weeks": w.recruit_lead_weeks,
            "training_weeks": w.training_weeks,
            "ramp": list(w.ramp),
            "training_loss": w.training_loss,
            "class_size": {"min": w.class_min, "max": w.class_max},
            "classes_per_month": w.classes_per_month,
        },
        "required_fte": _numbers(post.required_fte),
        "required_headcount": [int(v) for v in post.required_heads],
        "heads": _numbers(supply.heads),
        "attrition": _numbers(supply.attrition),
        "training_loss": _numbers(supply.training_loss),
        "starts": _numbers(supply.starts),
        "in_training": _numbers(supply.in_training),
        "productive_fte": _numbers(supply.productive),
        "over_under": _numbers(post.over_under),
        "establishment": _numbers(post.establishment),
        "over_establishment": _numbers(post.over_establishment),
        "cost": _numbers(post.cost),
        "hires": [
            {
                "requisition_date": c.requisition_date.isoformat(),
                "start_date": c.start_date.isoformat(),
                "size": c.size,
                "productive_from": c.productive_from.isoformat(),
                "productive_month": (
                    plan.months[c.productive_month]
                    if c.productive_month < len(plan.months)
                    else None
                ),
            }
            for c in supply.classes
        ],
        "shortfall": [{"month": month, "fte": fte} for month, fte in _short_months(post, plan)],
    }


def other_to_dict(post: OtherMonths) -> dict[str, Any]:
    return {
        "id": post.id,
        "name": post.post.name,
        "department": post.department.id if post.department else None,
        "grade": post.post.grade,
        "rule": post.post.rule.kind,
        "headcount": [int(v) for v in post.heads],
        "establishment": _numbers(post.establishment),
        "over_establishment": _numbers(post.over_establishment),
        "cost": _numbers(post.cost),
    }


def _streams(plan: CapacityPlan) -> list[dict[str, Any]]:
    """Each stream's volume and agent-hours by month, from the config each month follows."""
    ids = list(dict.fromkeys(s.stream_id for variant in plan.streams for s in variant))
    found = []
    for stream_id in ids:
        volume: list[float | None] = []
        hours: list[float | None] = []
        dated: list[bool | None] = []
        for month in range(len(plan.months)):
            stream = next(
                (s for s in plan.streams[plan.variant_of_month[month]] if s.stream_id == stream_id),
                None,
            )
            volume.append(None if stream is None else _round(stream.volume[month]))
            hours.append(None if stream is None else _round(stream.agent_hours[month]))
            dated.append(None if stream is None else bool(stream.dated[month]))
        found.append({"id": stream_id, "volume": volume, "agent_hours": hours, "dated": dated})
    return found


def _short_months(post: WorkloadMonths, plan: CapacityPlan) -> list[tuple[str, float]]:
    short = post.shortfall
    return [(plan.months[m], _round(short[m])) for m in np.flatnonzero(short)]


def _numbers(values: NDArray | None) -> list[float] | None:
    if values is None:
        return None
    return [_round(v) for v in values]
