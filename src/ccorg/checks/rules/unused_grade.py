"""``unused-grade``: grades that no one holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.config.org import ConcurrentRule
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


def unused_grade(subject: Subject, options: PolicyOptions) -> Iterator[Hit]:
    """A grade nobody holds.

    A grade is held when a post of that grade has people in it, or is held concurrently
    (兼任) by someone. A grade that no post uses, or whose posts all come to zero people,
    is a leftover in the pay structure — or a sign that a post was given the wrong grade.
    """
    used: dict[str, list[str]] = {}
    held: set[str] = set()
    for post in subject.plan.all_posts():
        used.setdefault(post.grade.id, []).append(post.id)
        if post.headcount or isinstance(post.post.rule, ConcurrentRule):
            held.add(post.grade.id)
    for index, grade in enumerate(subject.config.grades):
        if grade.id in held:
            continue
        posts = used.get(grade.id)
        if posts:
            why = _("its posts ({posts}) come to zero people").format(posts=", ".join(posts))
        else:
            why = _("no post uses it")
        yield Hit(
            ("grades", index),
            _("grade {name} ({id}) is held by nobody: {why}").format(
                name=grade.name, id=grade.id, why=why
            ),
        )


RULE = PolicyRule("unused-grade", Severity.WARNING, PolicyOptions, unused_grade)
