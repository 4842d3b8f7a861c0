"""The organization: the center, its grades, departments and posts, and the rules that set
each post's headcount."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ccorg.config.demand import Shrinkage
from ccorg.config.model import MAX_ANNUAL_COST, MAX_PEOPLE, Id, Model, Name
from ccorg.config.shorthands import ServiceHours
from ccorg.i18n import _


class FixedRule(Model):
    """A fixed number of people, written by the planner."""

    kind: Literal["fixed"]
    count: int = Field(ge=0, le=MAX_PEOPLE, description="People in the post.")
    note: str | None = Field(
        None, description="Where the number comes from (shown with the basis)."
    )


class RatioRule(Model):
    """Span of control: one person per ``per`` people of the posts or departments in ``of``.

    ``of`` lists post ids, department ids (every post in it and its sub-departments) or the
    center's id (every post of the center). The post itself is never counted in its own base.
    Ratios stack: supervisors per team leaders per agents.
    """

    kind: Literal["ratio"]
    per: float = Field(gt=0, description="People of the base per one person in this post.")
    of: list[Id] = Field(min_length=1, description="Post, department or center ids.")


class ConcurrentRule(Model):
    """兼任: the post is held by someone who already has another post; it adds no headcount.

    Give ``held_by_post`` (a post id in this config) or ``held_by`` (a role outside the
    center, as text).
    """

    kind: Literal["concurrent"]
    held_by: str | None = Field(None, description="The outside role that holds this post.")
    held_by_post: Id | None = Field(None, description="The post in this config that holds it.")

    @model_validator(mode="after")
    def _one_holder(self) -> ConcurrentRule:
        if (self.held_by is None) == (self.held_by_post is None):
            raise PydanticCustomError(
                "holder", _("give exactly one of 'held_by' (text) or 'held_by_post' (a post id)")
            )
        return self


class WorkloadRule(Model):
    """Agents derived from demand: the streams' per-interval requirements → FTE.

    FTE = annual agent-hours of ``streams`` ÷ (paid hours a year × (1 − shrinkage))
    × (1 + ``schedule_fit``); the post takes the FTE rounded by its ``rounding`` (up by
    default), then its ``min`` and ``max``. ``schedule_fit: auto`` takes the allowance from
    the cheapest whole-shift plan of the templates in ``shifts``: paid ÷ required − 1.
    """

    kind: Literal["workload"]
    streams: list[Id] = Field(min_length=1, description="Ids of the demand streams worked.")
    schedule_fit: Annotated[float, Field(ge=0, le=1)] | Literal["auto"] = Field(
        0.0,
        description="Allowance for shifts not fitting the requirement curve (0.05 = 5%), or "
        "'auto': derived from the optimal shift plan of the post's shift templates.",
    )
    shifts: list[Id] | None = Field(
        None,
        min_length=1,
        description="Ids of the shift templates the post's people work (`ccorg schedule`).",
    )
    shrinkage: Shrinkage | None = Field(
        None, description="This post's shrinkage, instead of the config's top-level one."
    )

    @field_validator("schedule_fit", mode="before")
    @classmethod
    def _share_or_auto(cls, value: Any) -> Any:
        # One clear message instead of one per branch of the union.
        if value == "auto":
            return value
        if not isinstance(value, int | float) or isinstance(value, bool) or value != value:
            message = _("must be a number from 0 to 1 (0.05 = 5%), or 'auto'")
        elif value > 1:
            message = _("must be at most 1, or 'auto'")
        elif value < 0:
            message = _("must be at least 0, or 'auto'")
        else:
            return value
        raise PydanticCustomError("schedule_fit", message)


Rule = Annotated[FixedRule | RatioRule | ConcurrentRule | WorkloadRule, Field(discriminator="kind")]


class Post(Model):
    """A post (岗位): a role with the rule that sets its headcount."""

    id: Id
    name: Name
    grade: Id = Field(description="The id of the post's grade.")
    reports_to: Id | None = Field(None, description="The id of the post this one reports to.")
    duties: str | None = Field(None, description="A short summary of the post's duties.")
    rule: Rule
    min: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="Never fewer people than this.")
    max: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="Never more people than this.")
    rounding: Literal["up", "nearest", "down"] = Field(
        "up", description="How a fractional requirement becomes whole people."
    )
    current: int | None = Field(None, ge=0, le=MAX_PEOPLE, description="People in the post today.")
    establishment: int | None = Field(
        None, ge=0, le=MAX_PEOPLE, description="编制: the people the post is authorized to have."
    )
    frontline: bool = Field(False, description="Serves customers directly (agents, specialists).")

    @model_validator(mode="after")
    def _bounds(self) -> Post:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("bounds", _("'min' is larger than 'max'"))
        if isinstance(self.rule, ConcurrentRule) and (self.min or self.max):
            raise PydanticCustomError("bounds", _("a concurrent post takes no 'min' or 'max'"))
        return self


class Grade(Model):
    """A grade (职级): rank and cost per head, and what it is equivalent to elsewhere."""

    id: Id
    name: Name
    rank: int = Field(ge=0, description="Seniority; 1 is the most senior.")
    equivalent_to: str | None = Field(
        None, description="The grade this one ranks with elsewhere (e.g. at headquarters)."
    )
    annual_cost: float | None = Field(
        None, ge=0, le=MAX_ANNUAL_COST, description="Fully loaded cost per head a year."
    )
    currency: str | None = Field(
        None, min_length=3, max_length=3, description="ISO 4217 code; defaults to the center's."
    )


class Department(Model):
    """A department (部门) and the posts in it."""

    id: Id
    name: Name
    parent: Id | None = Field(None, description="The id of the department this one sits in.")
    duties: str | None = None
    establishment: int | None = Field(
        None,
        ge=0,
        le=MAX_PEOPLE,
        description="编制: the authorized headcount of this department and its sub-departments.",
    )
    posts: list[Post] = Field(default_factory=list)


class Center(Model):
    """The contact center itself, and the posts that belong to it rather than a department."""

    id: Id
    name: Name
    service_hours: ServiceHours = "7x24"
    currency: str = Field("CNY", min_length=3, max_length=3, description="ISO 4217 code.")
    language: Literal["zh", "en"] | None = Field(
        None, description="The language ccorg speaks for this config (--lang and CCORG_LANG win)."
    )
    posts: list[Post] = Field(default_factory=list)
