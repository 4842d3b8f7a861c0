"""``reporting-line``: posts that report to nobody."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


def reporting_line(subject: Subject, options: PolicyOptions) -> Iterator[Hit]:
    """A post with no reporting line.

    Every post in a department must name the post it reports to (`reports_to`). Only the
    center's own posts (under `center.posts`) may stand at the top without one: they are
    the head of the center, and any heads beside it. A department post without a reporting
    line floats outside the org chart, and its people are missing from every span.
    """
    for department in subject.plan.departments:
        for post in department.posts:
            if post.post.reports_to is None:
                yield Hit(
                    subject.post_paths[post.id],
                    _("{post} reports to no post; give it 'reports_to'").format(
                        post=subject.describe(post)
                    ),
                )


RULE = PolicyRule("reporting-line", Severity.ERROR, PolicyOptions, reporting_line)
