"""``span-of-control``: managers with too few or too many people."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule, ordered_band
from ccorg.config.model import MAX_PEOPLE
from ccorg.config.org import ConcurrentRule
from ccorg.i18n import _
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


class SpanOfControlOptions(PolicyOptions):
    """Options of the ``span-of-control`` rule."""

    min: float = Field(5, gt=0, le=MAX_PEOPLE, description="Fewest people per manager.")
    max: float = Field(15, gt=0, le=MAX_PEOPLE, description="Most people per manager.")

    @model_validator(mode="after")
    def _band(self) -> SpanOfControlOptions:
        ordered_band(self.min, self.max)
        return self


def span_of_control(subject: Subject, options: SpanOfControlOptions) -> Iterator[Hit]:
    """Span of control outside a band (default 5–15).

    A manager post's span is the people reporting to it per person in the post, as
    `ccorg plan` measures it: 57 agents under 6 team leaders is a span of 9.5. Below `min`
    the structure has more managers than it needs; above `max` a manager cannot coach
    everyone. Posts held concurrently (兼任) are not judged: their holder's span belongs to
    a job elsewhere.
    """
    band = f"{number(options.min)}–{number(options.max)}"
    spans = subject.plan.structure.spans
    for post in subject.plan.all_posts():
        span = spans.get(post.id)
        if span is None or isinstance(post.post.rule, ConcurrentRule):
            continue
        if span < options.min:
            template = _("{post} has a span of control of {span}, below the band {band}")
        elif span > options.max:
            template = _("{post} has a span of control of {span}, above the band {band}")
        else:
            continue
        yield Hit(
            subject.post_paths[post.id],
            template.format(post=subject.describe(post), span=number(span, 1), band=band),
        )


RULE = PolicyRule("span-of-control", Severity.WARNING, SpanOfControlOptions, span_of_control)
