"""The plan as versioned JSON (the contract documented in the README)."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import Any

from ccorg.config.demand import ChatStream, VoiceStream
from ccorg.config.model import WEEKDAYS
from ccorg.plan import Binding, DepartmentPlan, Plan, PostPlan, StreamPlan
from ccorg.render.ansi import json_document

FORMAT_VERSION = 1


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The JSON document of a plan, as plain data."""
    structure = plan.structure
    largest = structure.largest_span
    return {
        "format_version": FORMAT_VERSION,
        "center": {
            "id": plan.center_id,
            "name": plan.center_name,
            "service_hours": plan.service_hours,
        },
        "currency": plan.currency,
        "total_headcount": plan.total_headcount,
        "total_cost": plan.total_cost,
        "total_current": plan.total_current,
        "posts_without_current": plan.figures.lacking_current,
        "establishment": plan.figures.establishment,
        "vacancies": plan.figures.vacancies,
        "over_establishment": plan.figures.over_establishment,
        "budget": plan.budget,
        "budget_variance": plan.budget_variance,
        "frontline_headcount": plan.frontline_headcount,
        "structure": {
            "average_span": structure.average_span,
            "largest_span": None if largest is None else {"post": largest[0], "span": largest[1]},
            "layers": structure.layers,
            "spans": structure.spans,
        },
        "posts": [post_to_dict(post) for post in plan.posts],
        "departments": [department_to_dict(plan, department) for department in plan.departments],
        "streams": [stream_to_dict(stream) for stream in plan.streams],
    }


def department_to_dict(plan: Plan, department: DepartmentPlan) -> dict[str, Any]:
    """One department: its own posts' figures, then ``total_*`` with every sub-department."""
    own, total = plan.own_figures(department.id), plan.total_figures(department.id)
    return {
        "id": department.id,
        "name": department.name,
        "parent": department.department.parent,
        "subdepartments": [d.id for d in plan.subdepartments(department.id)],
        "headcount": own.headcount,
        "annual_cost": own.annual_cost,
        "current": own.current,
        "establishment": own.establishment,
        "vacancies": own.vacancies,
        "over_establishment": own.over_establishment,
        "total_headcount": total.headcount,
        "total_annual_cost": total.annual_cost,
        "total_current": total.current,
        "total_establishment": total.establishment,
        "total_vacancies": total.vacancies,
        "total_over_establishment": total.over_establishment,
        "posts": [post_to_dict(post) for post in department.posts],
    }


def post_to_dict(post: PostPlan) -> dict[str, Any]:
    """One post: its numbers, its rule as written, and how the number was derived."""
    return {
        "id": post.id,
        "name": post.name,
        "grade": post.grade.id,
        "reports_to": post.post.reports_to,
        "frontline": post.post.frontline,
        "headcount": post.headcount,
        "requirement": post.requirement,
        "current": post.current,
        "gap": post.gap,
        "establishment": post.establishment,
        "vacancies": post.vacancies,
        "over_establishment": post.over_establishment,
        "annual_cost": post.annual_cost,
        "rule": post.post.rule.model_dump(mode="json", exclude_none=True),
        "basis": post.basis,
        "steps": list(post.steps),
        "workload": None if post.workload is None else _workload(post),
    }


def _workload(post: PostPlan) -> dict[str, Any]:
    assert post.workload is not None
    workload = post.workload
    derivation = asdict(workload)
    derivation["streams"] = list(workload.streams)
    derivation["shrinkage"] = dict(workload.shrinkage)
    del derivation["in_shift"], derivation["out_of_shift"]
    derivation["shrinkage_layers"] = (
        {
            name: {"total": math.fsum(dict(parts).values()), "parts": dict(parts)}
            for name, parts in (
                ("in_shift", workload.in_shift),
                ("out_of_shift", workload.out_of_shift),
            )
        }
        if workload.layered
        else None
    )
    return derivation


def stream_to_dict(stream: StreamPlan) -> dict[str, Any]:
    """One demand stream: its totals, peak and valley, week metrics and per-interval arrays."""

    def moment(day: int, interval: int, agents: float, binding: Binding | None) -> dict[str, Any]:
        minutes = interval * stream.interval_minutes
        return {
            "weekday": WEEKDAYS[day],
            "time": f"{minutes // 60:02d}:{minutes % 60:02d}",
            "agents": agents,
            "volume": float(stream.volume[day, interval]),
            "binding": None if binding is None else binding.target,
            "agents_by_target": None if binding is None else dict(binding.agents_by_target),
        }

    definition = None
    if isinstance(stream.stream, VoiceStream | ChatStream):
        definition = stream.stream.service_level.definition

    return {
        "id": stream.id,
        "name": stream.name,
        "channel": stream.channel,
        "post": stream.post_id,
        "summary": stream.summary,
        "interval_minutes": stream.interval_minutes,
        "weekly_volume": stream.weekly_volume,
        "weekly_agent_hours": stream.weekly_agent_hours,
        "annual_agent_hours": stream.annual_agent_hours,
        "peak": moment(*stream.peak, stream.peak_binding),
        "valley": moment(*stream.valley, stream.valley_binding),
        "service_level": stream.service_level,
        "service_level_definition": definition,
        "asa_seconds": _finite(stream.asa_seconds),
        "occupancy": stream.occupancy,
        "abandon_rate": stream.abandon_rate,
        "intervals": {
            "volume": stream.volume.tolist(),
            "agents": stream.agents.tolist(),
            "open": stream.open.tolist(),
        },
    }


def _finite(value: float | None) -> float | None:
    return value if value is None or math.isfinite(value) else None


def render_plan_json(plan: Plan) -> str:
    """The plan as indented JSON, CJK kept readable."""
    return json_document(plan_to_dict(plan))
