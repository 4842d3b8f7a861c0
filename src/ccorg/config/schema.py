"""The shape of a ccorg config: every model a YAML file is validated into.

These docstrings are the reference documentation of the format; the JSON Schema that editors
use is generated from these models (``ccorg schema``). The models live by concern —
``model`` (shared settings and ids), ``org`` (center, grades, departments, posts, headcount
rules), ``demand`` (streams, calendar, shrinkage) and ``policies`` (collected from the rules
of ``ccorg check``) — and this module assembles them into ``Config``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from ccorg.config.capacity import Capacity, Month
from ccorg.config.demand import (
    DAY_GROUPS,
    Calendar,
    ChatStream,
    DeferredStream,
    Demand,
    Floor,
    OutboundStream,
    ServiceHours,
    ServiceLevel,
    Shrinkage,
    Stream,
    VoiceStream,
    Volume,
)
from ccorg.config.derived import derived
from ccorg.config.model import ID_PATTERN, MAX_PEOPLE, Id, Model, defaults
from ccorg.config.org import (
    Center,
    ConcurrentRule,
    Department,
    FixedRule,
    Grade,
    Post,
    RatioRule,
    Rule,
    WorkloadRule,
)
from ccorg.config.policies import Policies
from ccorg.config.shifts import Shifts
from ccorg.i18n import _
from ccorg.limits import MAX_SCENARIOS

# The config format's models, for the modules that read a validated config.
__all__ = [
    "DAY_GROUPS",
    "ID_PATTERN",
    "MAX_PEOPLE",
    "Calendar",
    "Center",
    "ChatStream",
    "ConcurrentRule",
    "Config",
    "DeferredStream",
    "Demand",
    "Department",
    "FixedRule",
    "Floor",
    "Grade",
    "OutboundStream",
    "Policies",
    "Post",
    "RatioRule",
    "Rule",
    "Scenario",
    "ServiceHours",
    "ServiceLevel",
    "Shifts",
    "Shrinkage",
    "Stream",
    "VoiceStream",
    "Volume",
    "WorkloadRule",
]


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
    effective: Month | None = Field(
        None,
        description="'YYYY-MM': in `ccorg capacity`, the month the scenario applies from (a "
        "launch); the months before it follow the base plan. Omitted: every month.",
    )


class Config(Model):
    """A whole ccorg config: the center, its grades and departments, its demand, and the
    policies `ccorg check` holds it to."""

    version: Literal[1] = Field(1, description="The config format's version.")
    center: Center
    grades: list[Grade] = Field(min_length=1)
    departments: list[Department] = Field(default_factory=list)
    calendar: Calendar = Field(
        default_factory=defaults(Calendar), description="Paid hours per FTE."
    )
    shrinkage: Shrinkage | None = Field(
        None, description="Shrinkage of workload posts (a workload rule may override it)."
    )
    demand: Demand | None = Field(None, description="Demand streams for workload posts.")
    shifts: Shifts | None = Field(
        None, description="Shift templates and tours for `ccorg schedule` and schedule_fit: auto."
    )
    scenarios: dict[Id, Scenario] = Field(
        default_factory=dict,
        description=f"Named what-ifs: `ccorg plan FILE --scenario NAME`; at most {MAX_SCENARIOS}.",
    )
    policies: Policies | None = Field(
        None, description="Settings of the rules `ccorg check` applies (see the README)."
    )
    capacity: Capacity | None = Field(
        None, description="The plan month by month: `ccorg capacity FILE` (see the README)."
    )

    @field_validator("scenarios", mode="before")
    @classmethod
    def _few_scenarios(cls, value: Any) -> Any:
        # Refused before any is validated: `ccorg check` would plan each of them.
        if isinstance(value, dict) and len(value) > MAX_SCENARIOS:
            raise PydanticCustomError(
                "scenarios",
                _("{count} scenarios; a config holds at most {limit} (the limit of scenarios)"),
                {"count": f"{len(value):,}", "limit": MAX_SCENARIOS},
            )
        return value

    def located_posts(self) -> tuple[LocatedPost, ...]:
        """Every post with its data path and department (None for the center's own posts).

        Made once per config (``config/derived.py``), when first asked for: a plan, its
        checks and its views each walk every post.
        """
        base = derived(self, "overlaid on", lambda: None)
        return derived(self, "located posts", lambda: self._locate_posts(base))

    def _locate_posts(self, base: Config | None) -> tuple[LocatedPost, ...]:
        # A department ``base`` has at the same index is located as it is in ``base``.
        kept: dict[int, tuple[LocatedPost, ...]] = {}
        if base is not None:
            located, start = base.located_posts(), len(base.center.posts)
            for index, department in enumerate(base.departments):
                end = start + len(department.posts)
                kept[index] = located[start:end]
                start = end
        found: list[LocatedPost] = [
            (("center", "posts", index), None, post) for index, post in enumerate(self.center.posts)
        ]
        for d_index, department in enumerate(self.departments):
            if d_index in kept and base is not None and base.departments[d_index] is department:
                found.extend(kept[d_index])
                continue
            found.extend(
                (("departments", d_index, "posts", index), department, post)
                for index, post in enumerate(department.posts)
            )
        return tuple(found)

    def share_located_posts(self, base: Config) -> None:
        """Have this config's posts located from ``base``'s, when first asked for, where the
        two share a department at the same index (a scenario and its base): it then costs
        what the scenario changed."""
        derived(self, "overlaid on", lambda: base)


LocatedPost = tuple[tuple[str | int, ...], Department | None, Post]
"""A post with its data path and its department (None for the center's own)."""
