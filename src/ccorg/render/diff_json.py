"""A diff as versioned JSON (the contract documented in the README)."""

from __future__ import annotations

from typing import Any

from ccorg.diff import Change, DepartmentDiff, Diff, PostDiff
from ccorg.render.ansi import json_document

FORMAT_VERSION = 1


def diff_to_dict(diff: Diff, show_all: bool = False) -> dict[str, Any]:
    """The JSON document of a diff; unchanged posts and departments only with ``show_all``."""

    def shown(status: str) -> bool:
        return show_all or status != "unchanged"

    return {
        "format_version": FORMAT_VERSION,
        "before": diff.before_label,
        "after": diff.after_label,
        "currency": diff.after.currency,
        "changed": diff.has_changes,
        "headcount_changed": diff.headcount_changed,
        "total_before": diff.before.total_headcount,
        "total_after": diff.after.total_headcount,
        "total_delta": diff.total_delta,
        "cost_before": diff.before.total_cost,
        "cost_after": diff.after.total_cost,
        "cost_delta": diff.cost_delta,
        "budget_before": diff.before.budget,
        "budget_after": diff.after.budget,
        "budget_variance_before": diff.before.budget_variance,
        "budget_variance_after": diff.after.budget_variance,
        "establishment_before": diff.before.figures.establishment,
        "establishment_after": diff.after.figures.establishment,
        "posts_added": diff.count("added"),
        "posts_removed": diff.count("removed"),
        "center_changes": [change_to_dict(c) for c in diff.center_changes],
        "departments": [department_to_dict(d) for d in diff.departments if shown(d.status)],
        "posts": [post_to_dict(p) for p in diff.posts if shown(p.status)],
        "grades": [
            {
                "id": grade.current.id,
                "name": grade.current.name,
                "status": grade.status,
                "changes": [change_to_dict(c) for c in grade.changes],
            }
            for grade in diff.grades
            if grade.status != "unchanged"
        ],
    }


def department_to_dict(department: DepartmentDiff) -> dict[str, Any]:
    """A department's totals on each side (null where it does not exist) and its changes."""
    return {
        "id": department.id,
        "name": department.name,
        "status": department.status,
        "before": department.headcount_before,
        "after": department.headcount_after,
        "delta": department.delta,
        "cost_before": department.cost_before,
        "cost_after": department.cost_after,
        "total_before": department.total_before,
        "total_after": department.total_after,
        "changes": [change_to_dict(c) for c in department.changes],
    }


def post_to_dict(post: PostDiff) -> dict[str, Any]:
    """A post on each side: ``before`` null when added, ``after`` null when removed."""
    department = post.current.department
    return {
        "id": post.id,
        "name": post.current.name,
        "department": None if department is None else department.id,
        "status": post.status,
        "before": post.headcount_before,
        "after": post.headcount_after,
        "delta": post.delta,
        "cost_before": post.cost_before,
        "cost_after": post.cost_after,
        "basis_before": None if post.before is None else post.before.basis,
        "basis_after": None if post.after is None else post.after.basis,
        "current_before": post.current_before,
        "current_after": post.current_after,
        "changes": [change_to_dict(c) for c in post.changes],
        "counted": [change_to_dict(c) for c in post.counted],
    }


def change_to_dict(change: Change) -> dict[str, Any]:
    return {
        "field": change.field,
        "before": change.before,
        "after": change.after,
        "text": change.text,
        "drives": change.drives,
    }


def render_diff_json(diff: Diff, show_all: bool = False) -> str:
    """The diff as indented JSON, CJK kept readable."""
    return json_document(diff_to_dict(diff, show_all))
