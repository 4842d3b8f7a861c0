"""``establishment``: departments staffed beyond their authorized headcount (编制)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


def establishment(subject: Subject, options: PolicyOptions) -> Iterator[Hit]:
    """A department's headcount above its authorized establishment (编制).

    A department's `establishment` is the headcount it is authorized to have, counting its
    own posts and those of its sub-departments. Concurrent posts (兼任) add nobody.
    Departments without an `establishment` are not judged.
    """
    totals = subtree_headcounts(subject)
    for index, department in enumerate(subject.config.departments):
        limit = department.establishment
        if limit is None or totals[department.id] <= limit:
            continue
        yield Hit(
            ("departments", index, "establishment"),
            f"department {department.name} ({department.id}) plans {totals[department.id]} "
            f"people, {totals[department.id] - limit} over its establishment (编制) of {limit}",
        )


def subtree_headcounts(subject: Subject) -> dict[str, int]:
    """Each department's headcount including every sub-department below it."""
    parent = {d.id: d.parent for d in subject.config.departments}
    totals = {d.id: d.headcount for d in subject.plan.departments}
    # Parents are known to form a forest; walk each department's chain once, bottom up, so a
    # chain thousands of departments deep costs no recursion.
    depth: dict[str, int] = {}
    for start in parent:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in depth:
            chain.append(node)
            node = parent[node]
        level = 0 if node is None else depth[node]
        for link in reversed(chain):
            level += 1
            depth[link] = level
    subtree = dict(totals)
    for department_id in sorted(parent, key=depth.__getitem__, reverse=True):
        above = parent[department_id]
        if above is not None:
            subtree[above] += subtree[department_id]
    return subtree


RULE = PolicyRule("establishment", Severity.ERROR, PolicyOptions, establishment)
