"""Two capacity plans compared, as versioned JSON (``format_version`` 1, in the README).

Per-month arrays hold one number per month of ``months`` (7 decimals, as ``ccorg capacity
--format json``); a side without the post is null.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ccorg.capacity_diff import (
    MEASURES,
    SIDES,
    CapacityDiff,
    Cause,
    HireChange,
    OtherDiff,
    Side,
    WorkloadDiff,
)
from ccorg.render.ansi import json_document
from ccorg.render.diff_json import change_to_dict
from ccorg.render.machine_numbers import machine_float as _round
from ccorg.staffing.supply import TrainingClass

FORMAT_VERSION = 1


def capacity_diff_to_dict(diff: CapacityDiff) -> dict[str, Any]:
    """The JSON document of a capacity diff, as plain data."""
    return {
        "format_version": FORMAT_VERSION,
        "kind": "capacity_diff",
        "before": _side(diff, "before"),
        "after": _side(diff, "after"),
        "months": list(diff.months),
        "changed": diff.has_changes,
        "cost": {
            "before": _round(diff.cost_before),
            "after": _round(diff.cost_after),
            "change": _round(diff.cost_change),
            "months_changed": [diff.months[m] for m in diff.cost_months],
            "by_year": [
                {
                    "year": year.year,
                    "months": year.months,
                    "before": _round(year.before),
                    "after": _round(year.after),
                    "change": _round(year.change),
                }
                for year in diff.years
            ],
        },
        "hired": {"before": diff.hired("before"), "after": diff.hired("after")},
        "causes": [_cause(cause, diff) for cause in diff.center_causes],
        "posts": [_workload(post, diff) for post in diff.workload],
        "other_posts": [_other(post, diff) for post in diff.others],
    }


def render_capacity_diff_json(diff: CapacityDiff) -> str:
    return json_document(capacity_diff_to_dict(diff))


def _side(diff: CapacityDiff, side: Side) -> dict[str, Any]:
    plan = diff.before if side == "before" else diff.after
    follows = diff.follows_before if side == "before" else diff.follows_after
    return {
        "label": diff.before_label if side == "before" else diff.after_label,
        "scenario": plan.variants[-1] if len(plan.variants) > 1 else None,
        "effective": plan.effective,
        "month_follows": [name or "base" for name in follows],
        "cost": _numbers(np.asarray(plan.cost)),
    }


def _workload(post: WorkloadDiff, diff: CapacityDiff) -> dict[str, Any]:
    sides: dict[str, Any] = {}
    for side, present in zip(SIDES, (post.before, post.after), strict=True):
        values = post.values(side)
        sides[side] = (
            None
            if present is None
            else {
                **{name: _numbers(values[name]) for name in MEASURES},
                "hired": post.hired(side),
                "classes": post.classes(side),
                "cost_total": _round(float(np.sum(values["cost"]))),
                "shortfall_months": int(np.count_nonzero(values["shortfall"])),
            }
        )
    old, new = post.values("before"), post.values("after")
    return {
        **_post_head(post, diff),
        "cost_change": _round(float(np.sum(new["cost"]) - np.sum(old["cost"]))),
        "before": sides["before"],
        "after": sides["after"],
        "hires": [_hire(change) for change in post.hires],
        "causes": [_cause(cause, diff) for cause in post.causes],
    }


def _post_head(post: WorkloadDiff | OtherDiff, diff: CapacityDiff) -> dict[str, Any]:
    """What every post's entry starts with: who it is, its status, the months it moved."""
    current = post.current
    return {
        "id": current.id,
        "name": current.post.name,
        "department": None if current.department is None else current.department.id,
        "status": post.status,
        "months_changed": [diff.months[m] for m in post.changed_months],
    }


def _other(post: OtherDiff, diff: CapacityDiff) -> dict[str, Any]:
    return {
        **_post_head(post, diff),
        "headcount": {
            side: None if present is None else [int(h) for h in post.heads(side)]
            for side, present in zip(SIDES, (post.before, post.after), strict=True)
        },
        "cost_change": _round(float(np.sum(post.cost("after")) - np.sum(post.cost("before")))),
        "causes": [_cause(cause, diff) for cause in post.causes],
    }


def _hire(change: HireChange) -> dict[str, Any]:
    return {
        "change": change.kind,
        "before": _class(change.before),
        "after": _class(change.after),
    }


def _class(group: TrainingClass | None) -> dict[str, Any] | None:
    if group is None:
        return None
    return {
        "requisition_date": group.requisition_date.isoformat(),
        "start_date": group.start_date.isoformat(),
        "size": group.size,
        "productive_from": group.productive_from.isoformat(),
    }


def _cause(cause: Cause, diff: CapacityDiff) -> dict[str, Any]:
    return {**change_to_dict(cause.change), "months": [diff.months[m] for m in cause.months]}


def _numbers(values: np.ndarray) -> list[float]:
    return [_round(float(value)) for value in values]
