"""``leaders-per-shift``: a round-the-clock floor without a leader on every shift."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.config.model import Id
from ccorg.i18n import ngettext

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


class LeadersPerShiftOptions(PolicyOptions):
    """Options of the ``leaders-per-shift`` rule."""

    shifts: int = Field(3, ge=1, le=24, description="Shifts a day in a 7×24 center.")
    leader_posts: list[Id] | None = Field(
        None,
        min_length=1,
        description="The team-leader posts; omitted: every post a frontline post reports to.",
    )


def leaders_per_shift(subject: Subject, options: LeadersPerShiftOptions) -> Iterator[Hit]:
    """A 7×24 center with fewer team leaders than shifts.

    Around the clock, every shift needs a team leader on the floor. The rule adds up the
    people in the team-leader posts and compares them with `shifts` (default 3 a day). The
    team-leader posts are those listed in `leader_posts` or, by default, every post that a
    frontline post (`frontline: true`) reports to. Centers with opening hours are not
    judged.
    """
    if subject.config.center.service_hours != "7x24":
        return
    plan = subject.plan
    if options.leader_posts is not None:
        leader_ids = set(options.leader_posts)
    else:
        leader_ids = {
            post.post.reports_to
            for post in plan.all_posts()
            if post.post.frontline and post.post.reports_to is not None
        }
    leaders = [post for post in plan.all_posts() if post.id in leader_ids]
    people = sum(post.headcount for post in leaders)
    if people >= options.shifts:
        return
    named = ", ".join(f"{post.qualified_name} {post.headcount}" for post in leaders)
    if named:
        template = ngettext(
            "the center is open 7×24 in {shifts} shifts a day but has {people} team leader "
            "({named})",
            "the center is open 7×24 in {shifts} shifts a day but has {people} team leaders "
            "({named})",
            people,
        )
    else:
        template = ngettext(
            "the center is open 7×24 in {shifts} shifts a day but has {people} team leader "
            "(no post has frontline posts reporting to it)",
            "the center is open 7×24 in {shifts} shifts a day but has {people} team leaders "
            "(no post has frontline posts reporting to it)",
            people,
        )
    yield Hit(
        ("center", "service_hours"),
        template.format(shifts=options.shifts, people=people, named=named),
    )


RULE = PolicyRule("leaders-per-shift", Severity.WARNING, LeadersPerShiftOptions, leaders_per_shift)
