"""``partial-current``: people in post given for some posts but not for others."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject

_NAMED = 5  # posts named in the message; the rest are counted


def partial_current(subject: Subject, options: PolicyOptions) -> Iterator[Hit]:
    """People in post (`current`) given for some posts but not for others.

    Totals of people in post (在岗) count the posts that give `current`, so when some staffed
    posts give it and others do not, every total of people in post, gap and vacancies is
    partial: a reader sees 338 planned and 202 in post, yet 135 to hire. The finding points at
    the first post without `current` and says how many lack it. Concurrent posts (兼任) staff
    nobody and need no `current`. Silent when no post gives `current`, or every staffed one does.
    """
    config, plan = subject.config, subject.plan
    located = [(("center", "posts", i), post) for i, post in enumerate(config.center.posts)]
    located += [
        (("departments", d, "posts", i), post)
        for d, department in enumerate(config.departments)
        for i, post in enumerate(department.posts)
    ]
    staffed = [(path, post) for path, post in located if post.rule.kind != "concurrent"]
    lacking = [(path, post) for path, post in staffed if post.current is None]
    given = len(staffed) - len(lacking)
    if not given or not lacking:
        return
    names = [plan.post(post.id).qualified_name for _path, post in lacking[:_NAMED]]
    more = len(lacking) - len(names)
    listed = ", ".join(names)
    if more:
        listed = _("{names} and {more} more").format(names=listed, more=more)
    yield Hit(
        lacking[0][0],
        _(
            "people in post (current) are given for {given} of {staffed} staffed posts; "
            "missing for {missing}: {listed}; totals of people in post, gaps and vacancies "
            "count only the {given}"
        ).format(given=given, staffed=len(staffed), missing=len(lacking), listed=listed),
    )


RULE = PolicyRule("partial-current", Severity.WARNING, PolicyOptions, partial_current)
