"""``establishment``: departments staffed beyond their authorized headcount (编制)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject
    from ccorg.config.loader import DataPath
    from ccorg.plan import PostPlan


def establishment(subject: Subject, options: PolicyOptions) -> Iterator[Hit]:
    """A department or post planned above its authorized establishment (编制).

    A department's `establishment` is the headcount it is authorized to have, counting its
    own posts and those of its sub-departments; a post's is its own. Concurrent posts (兼任)
    add nobody. Departments and posts without an `establishment` are not judged.
    """
    plan = subject.plan
    for index, department in enumerate(subject.config.departments):
        limit = department.establishment
        planned = plan.total_figures(department.id).headcount
        if limit is not None and planned > limit:
            yield Hit(
                ("departments", index, "establishment"),
                _(
                    "department {name} ({id}) plans {planned} people, {over} over its "
                    "establishment (编制) of {limit}"
                ).format(
                    name=department.name,
                    id=department.id,
                    planned=planned,
                    over=planned - limit,
                    limit=limit,
                ),
            )
        for number, post in enumerate(department.posts):
            yield from _post_over(plan.post(post.id), ("departments", index, "posts", number))
    for number, post in enumerate(subject.config.center.posts):
        yield from _post_over(plan.post(post.id), ("center", "posts", number))


def _post_over(post: PostPlan, path: DataPath) -> Iterator[Hit]:
    limit, over = post.establishment, post.over_establishment
    if limit is not None and over is not None and over > 0:
        yield Hit(
            (*path, "establishment"),
            _(
                "post {name} ({id}) plans {planned} people, {over} over its establishment "
                "(编制) of {limit}"
            ).format(
                name=post.qualified_name,
                id=post.id,
                planned=post.headcount,
                over=over,
                limit=limit,
            ),
        )


RULE = PolicyRule("establishment", Severity.ERROR, PolicyOptions, establishment)
