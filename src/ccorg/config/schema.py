"""The shape of a ccorg config: every model a YAML file is validated into.

These docstrings are the reference documentation of the format; the JSON Schema that editors
use is generated from these models (``ccorg schema``).
"""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[^\W\d][\w.-]*$"
Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=ID_PATTERN,
        description="An identifier: a letter, then letters, digits, '_', '-' or '.'.",
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
TimeWindow = Annotated[
    str,
    Field(
        pattern=r"^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$",
        description="A daily opening window, 'HH:MM-HH:MM' (end may be 24:00).",
    ),
]


class Model(BaseModel):
    """Common settings: unknown keys refused (with a suggestion), no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _refuse_unknown_keys(cls, data: Any) -> Any:
        # Pydantic's own extra="forbid" error names the key but cannot suggest the right one.
        if isinstance(data, dict):
            allowed = [field.alias or name for name, field in cls.model_fields.items()]
            for key in data:
                if key not in allowed:
                    close = difflib.get_close_matches(str(key), allowed, n=1)
                    hint = (
                        f"did you mean {close[0]!r}?"
                        if close
                        else "expected one of " + ", ".join(allowed)
                    )
                    raise PydanticCustomError(
                        "unknown_key", f"unknown key {str(key)!r}; {hint}", {"key": key}
                    )
        return data


class FixedRule(Model):
    """A fixed number of people, written by the planner."""

    kind: Literal["fixed"]
    count: int = Field(ge=0, description="People in the post.")
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
                "holder", "give exactly one of 'held_by' (text) or 'held_by_post' (a post id)"
            )
        return self


Rule = Annotated[FixedRule | RatioRule | ConcurrentRule, Field(discriminator="kind")]


class Post(Model):
    """A post (岗位): a role with the rule that sets its headcount."""

    id: Id
    name: Name
    grade: Id = Field(description="The id of the post's grade.")
    reports_to: Id | None = Field(None, description="The id of the post this one reports to.")
    duties: str | None = Field(None, description="A short summary of the post's duties.")
    rule: Rule
    min: int | None = Field(None, ge=0, description="Never fewer people than this.")
    max: int | None = Field(None, ge=0, description="Never more people than this.")
    rounding: Literal["up", "nearest", "down"] = Field(
        "up", description="How a fractional requirement becomes whole people."
    )
    current: int | None = Field(None, ge=0, description="People in the post today.")
    frontline: bool = Field(False, description="Serves customers directly (agents, specialists).")

    @model_validator(mode="after")
    def _bounds(self) -> Post:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("bounds", "'min' is larger than 'max'")
        if isinstance(self.rule, ConcurrentRule) and (self.min or self.max):
            raise PydanticCustomError("bounds", "a concurrent post takes no 'min' or 'max'")
        return self


class Grade(Model):
    """A grade (职级): rank and cost per head, and what it is equivalent to elsewhere."""

    id: Id
    name: Name
    rank: int = Field(ge=0, description="Seniority; 1 is the most senior.")
    equivalent_to: str | None = Field(
        None, description="The grade this one ranks with elsewhere (e.g. at headquarters)."
    )
    annual_cost: float | None = Field(None, ge=0, description="Fully loaded cost per head a year.")
    currency: str | None = Field(
        None, min_length=3, max_length=3, description="ISO 4217 code; defaults to the center's."
    )


class Department(Model):
    """A department (部门) and the posts in it."""

    id: Id
    name: Name
    parent: Id | None = Field(None, description="The id of the department this one sits in.")
    duties: str | None = None
    posts: list[Post] = Field(default_factory=list)


class Center(Model):
    """The contact center itself, and the posts that belong to it rather than a department."""

    id: Id
    name: Name
    service_hours: Literal["7x24"] | dict[Weekday, list[TimeWindow]] = Field(
        "7x24", description="'7x24', or opening windows per weekday (mon … sun)."
    )
    currency: str = Field("CNY", min_length=3, max_length=3, description="ISO 4217 code.")
    posts: list[Post] = Field(default_factory=list)


class Scenario(Model):
    """A named what-if, overlaid on the base plan before it is validated and planned.

    Objects are addressed by id wherever they sit (the center, grades, departments, posts,
    demand streams). Where one id names two objects (a grade and a post both called
    ``agent``), qualify it with the name of the list that holds it: ``posts/agent``.
    ``remove`` is applied first, then ``set``, then ``add``.
    """

    description: str | None = Field(None, description="What the scenario supposes, in a line.")
    set: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Id -> the keys to change in that object. Mappings merge key by key, "
        "except a mapping whose 'kind' differs, which replaces the old one; lists and "
        "values replace; null removes a key so its default applies.",
    )
    add: dict[str, list[dict[str, Any]]] = Field(
        default_factory=dict,
        description="Where -> new objects appended there: 'ID.LIST' for a list inside the "
        "object with that id ('ops.posts'), or a section's list ('departments', "
        "'demand.streams').",
    )
    remove: list[str] = Field(
        default_factory=list, description="Ids of objects to remove, with all they contain."
    )


class Config(Model):
    """A whole ccorg config: the center, its grades and its departments."""

    version: Literal[1] = Field(1, description="The config format's version.")
    center: Center
    grades: list[Grade] = Field(min_length=1)
    departments: list[Department] = Field(default_factory=list)
    scenarios: dict[Id, Scenario] = Field(
        default_factory=dict, description="Named what-ifs: `ccorg plan FILE --scenario NAME`."
    )

    def located_posts(self) -> list[tuple[tuple[str | int, ...], Department | None, Post]]:
        """Every post with its data path and department (None for the center's own posts)."""
        found: list[tuple[tuple[str | int, ...], Department | None, Post]] = [
            (("center", "posts", index), None, post) for index, post in enumerate(self.center.posts)
        ]
        for d_index, department in enumerate(self.departments):
            found.extend(
                (("departments", d_index, "posts", index), department, post)
                for index, post in enumerate(department.posts)
            )
        return found
