"""The shape of a ccorg config: every model a YAML file is validated into.

These docstrings are the reference documentation of the format; the JSON Schema that editors
use is generated from these models (``ccorg schema``).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
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
# Bounds that keep every derived number finite: a post of more than a million people or a
# head costing more than a trillion a year is a typo, and past them sums overflow a float.
MAX_PEOPLE = 1_000_000
MAX_ANNUAL_COST = 1e12

TimeWindow = Annotated[
    str,
    Field(
        pattern=r"^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$",
        description="A daily opening window, 'HH:MM-HH:MM' (end may be 24:00).",
    ),
]


class Model(BaseModel):
    """Common settings: unknown keys refused (with a suggestion), no NaN or infinity."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)

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


M = TypeVar("M", bound=Model)


def _defaults(model: type[M]) -> Callable[[], M]:
    """A ``default_factory``: ``model`` with every field at its default.

    Pydantic does not validate defaults, so ``model_construct()`` gives what validating
    ``{}`` would, without building the class's own validator (``defer_build``) just for that.
    """
    return lambda: model.model_construct()


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
                "holder", "give exactly one of 'held_by' (text) or 'held_by_post' (a post id)"
            )
        return self


class Shrinkage(Model):
    """Paid time in which agents are not available for work, as shares of paid hours.

    ``breakdown`` names each part (annual leave, sickness, training, meetings, breaks …);
    ``total`` is their sum. Public holidays are not shrinkage: the calendar's working days
    already leave them out.
    """

    breakdown: dict[Name, Annotated[float, Field(ge=0, lt=1)]] = Field(
        min_length=1, description="Each part of the shrinkage as a share of paid hours."
    )

    @property
    def total(self) -> float:
        """The whole shrinkage: the sum of its breakdown.

        Added exactly (``fsum``): one by one, 0.17 + 0.28 + 0.05 comes to 0.5000000000000001,
        over a 50% band its parts are within.
        """
        return math.fsum(self.breakdown.values())

    @model_validator(mode="after")
    def _below_one(self) -> Shrinkage:
        if self.total >= 1:
            raise PydanticCustomError(
                "shrinkage",
                "the shrinkage adds up to {total}; it must stay below 100%",
                {"total": f"{self.total:.0%}"},
            )
        return self


class WorkloadRule(Model):
    """Agents derived from demand: the streams' per-interval requirements → FTE.

    FTE = annual agent-hours of ``streams`` ÷ (paid hours a year × (1 − shrinkage))
    × (1 + ``schedule_fit``); the post takes the FTE rounded by its ``rounding`` (up by
    default), then its ``min`` and ``max``.
    """

    kind: Literal["workload"]
    streams: list[Id] = Field(min_length=1, description="Ids of the demand streams worked.")
    schedule_fit: float = Field(
        0.0,
        ge=0,
        le=1,
        description="Allowance for shifts not fitting the requirement curve (0.05 = 5%).",
    )
    shrinkage: Shrinkage | None = Field(
        None, description="This post's shrinkage, instead of the config's top-level one."
    )


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
    service_hours: Literal["7x24"] | dict[Weekday, list[TimeWindow]] = Field(
        "7x24", description="'7x24', or opening windows per weekday (mon … sun)."
    )
    currency: str = Field("CNY", min_length=3, max_length=3, description="ISO 4217 code.")
    language: Literal["zh", "en"] | None = Field(
        None, description="The language ccorg speaks for this config (--lang and CCORG_LANG win)."
    )
    posts: list[Post] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Demand: the streams of work that workload posts are derived from.

Share = Annotated[float, Field(ge=0, le=1)]
Weight = Annotated[float, Field(ge=0)]
ServiceHours = Literal["7x24"] | dict[Weekday, list[TimeWindow]]
DayGroup = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun", "weekdays", "weekend", "daily"]
DAY_GROUPS: dict[str, tuple[str, ...]] = {
    "daily": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    "weekdays": ("mon", "tue", "wed", "thu", "fri"),
    "weekend": ("sat", "sun"),
}


class Calendar(Model):
    """Paid hours of one full-time equivalent (FTE) a year.

    The default is China's from 2025: 40 h a week, 8 h a day on 248 working days (365 days less
    104 weekend days and 13 public holidays) = 1,984 h.
    """

    working_days: float = Field(248, gt=0, le=366, description="Paid working days a year.")
    hours_per_day: float = Field(8, gt=0, le=24, description="Paid hours a working day.")

    @property
    def paid_hours(self) -> float:
        """Paid hours per FTE a year."""
        return self.working_days * self.hours_per_day


class ServiceLevel(Model):
    """A service-level target: ``target`` of contacts answered within ``seconds`` (80/20)."""

    target: float = Field(gt=0, le=1, description="Share answered in time, e.g. 0.8.")
    seconds: float = Field(ge=0, description="The time threshold in seconds, e.g. 20.")


class Volume(Model):
    """How much work a stream brings: exactly one of the forms below.

    ``per_day`` is an average calendar day (a week holds seven), ``per_month`` a twelfth of
    ``per_year``, a year 365 days. ``share_of`` derives the volume from another stream's
    (complaints = 2% of calls: ``{share_of: calls, fraction: 0.02}``). ``forecast`` names a CSV
    file (relative to the config file) with one row per interval of a week:
    ``weekday,time,volume`` (``mon,09:30,120``).
    """

    per_day: float | None = Field(None, ge=0)
    per_week: float | None = Field(None, ge=0)
    per_month: float | None = Field(None, ge=0)
    per_year: float | None = Field(None, ge=0)
    share_of: Id | None = Field(None, description="The stream this volume is a share of.")
    fraction: float | None = Field(None, gt=0, description="The share, with 'share_of'.")
    forecast: str | None = Field(None, min_length=1, description="A per-interval CSV file.")

    @model_validator(mode="after")
    def _one_form(self) -> Volume:
        given = [
            key
            for key in ("per_day", "per_week", "per_month", "per_year", "share_of", "forecast")
            if getattr(self, key) is not None
        ]
        if len(given) != 1:
            raise PydanticCustomError(
                "volume",
                "give exactly one of per_day, per_week, per_month, per_year, share_of or "
                "forecast{found}",
                {"found": f" (found {', '.join(given)})" if given else ""},
            )
        if (self.share_of is None) != (self.fraction is None):
            raise PydanticCustomError("volume", "'share_of' and 'fraction' go together")
        return self


class Floor(Model):
    """At least ``agents`` on duty while the stream is open, in a daily window if given.

    ``window`` may cross midnight (``22:00-08:00``); ``days`` limits the floor to some
    weekdays (a window crossing midnight belongs to the day it starts on).
    """

    agents: int = Field(ge=1, description="Agents on duty at least.")
    window: TimeWindow | None = Field(None, description="Daily window; all day if absent.")
    days: list[Weekday] | None = Field(None, min_length=1, description="Weekdays; all if absent.")


class _Stream(Model):
    id: Id
    name: Name
    volume: Volume
    weekly: dict[Weekday, Weight] | None = Field(
        None, description="Relative weight of each weekday (all seven); equal if absent."
    )
    intraday: list[Weight] | dict[DayGroup, list[Weight]] | None = Field(
        None,
        description="Relative weight of each hour (24 values) or interval of the day; a "
        "mapping gives one per weekday, 'weekdays', 'weekend' or 'daily'. Flat if absent.",
    )
    service_hours: ServiceHours | None = Field(
        None, description="When the stream is worked, within the center's; the center's if absent."
    )
    floors: list[Floor] = Field(default_factory=list, description="Minimum agents on duty.")

    @model_validator(mode="after")
    def _profiles(self) -> _Stream:
        if self.volume.forecast is not None and (self.weekly or self.intraday):
            raise PydanticCustomError(
                "profile", "a forecast gives every interval's volume; drop 'weekly' and 'intraday'"
            )
        if self.weekly is not None:
            missing = [day for day in DAY_GROUPS["daily"] if day not in self.weekly]
            if missing:
                raise PydanticCustomError(
                    "profile",
                    "'weekly' needs a weight for every weekday; missing {missing}",
                    {"missing": ", ".join(missing)},
                )
            if not sum(self.weekly.values()):
                raise PydanticCustomError("profile", "'weekly' weights are all 0")
        if isinstance(self.intraday, dict):
            covered = {day for key in self.intraday for day in DAY_GROUPS.get(key, (key,))}
            missing = [day for day in DAY_GROUPS["daily"] if day not in covered]
            if missing:
                raise PydanticCustomError(
                    "profile",
                    "'intraday' gives no profile for {missing}",
                    {"missing": ", ".join(missing)},
                )
        return self


class _QueueStream(_Stream):
    aht_seconds: float = Field(gt=0, description="Average handle time, talk + hold + wrap-up.")
    service_level: ServiceLevel
    asa_seconds: float | None = Field(None, gt=0, description="Average speed of answer, at most.")
    max_occupancy: float = Field(0.85, gt=0, le=1, description="Share of time busy, at most.")
    patience_seconds: float | None = Field(
        None, gt=0, description="Mean patience before abandoning; switches to Erlang A."
    )
    max_abandon_rate: float | None = Field(
        None, gt=0, lt=1, description="Share of offered contacts abandoning, at most (Erlang A)."
    )

    @model_validator(mode="after")
    def _abandonment_needs_patience(self) -> _QueueStream:
        if self.max_abandon_rate is not None and self.patience_seconds is None:
            raise PydanticCustomError(
                "abandonment", "'max_abandon_rate' needs 'patience_seconds' (Erlang A)"
            )
        return self


class VoiceStream(_QueueStream):
    """Inbound calls, queued: Erlang C, or Erlang A when ``patience_seconds`` is given."""

    channel: Literal["voice"]


class ChatStream(_QueueStream):
    """Chats, queued like calls; each agent handles ``concurrency`` sessions at once.

    ``aht_seconds`` is a session's length as the customer sees it; each agent gives
    ``concurrency`` slots, and the queue is solved over slots.
    """

    channel: Literal["chat"]
    concurrency: int = Field(ge=1, le=10, description="Sessions one agent handles at once.")


class DeferredStream(_Stream):
    """Work that waits for an agent (email, complaints, tickets): no queueing.

    Items arrive by the stream's profiles over the center's hours; each is worked within
    ``response_hours``, spread evenly over the stream's open intervals in that time.
    """

    channel: Literal["deferred"]
    handle_seconds: float = Field(gt=0, description="Work per item.")
    response_hours: float = Field(gt=0, description="Each item is finished within this time.")
    max_occupancy: float = Field(
        1.0, gt=0, le=1, description="Share of time on items, at most (work waits, so 1)."
    )


class OutboundStream(_Stream):
    """Outbound calls (callbacks, marketing): attempts × contact rate × handle time."""

    channel: Literal["outbound"]
    contact_rate: float = Field(gt=0, le=1, description="Share of attempts that reach someone.")
    handle_seconds: float = Field(gt=0, description="Work per contact.")
    failed_attempt_seconds: float = Field(
        0, ge=0, description="Work per attempt that reaches no one (dialing, ringing, notes)."
    )
    max_occupancy: float = Field(1.0, gt=0, le=1, description="Share of time on calls, at most.")


Stream = Annotated[
    VoiceStream | ChatStream | DeferredStream | OutboundStream, Field(discriminator="channel")
]


class Demand(Model):
    """The work to be staffed: streams (queues) and the interval they are planned in."""

    interval_minutes: Literal[15, 30, 60] = Field(30, description="Planning interval length.")
    streams: list[Stream] = Field(min_length=1)


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


# ---------------------------------------------------------------------------------------------
# Policies: the settings of the rules `ccorg check` applies.


class PolicyOptions(Model):
    """What every policy rule of ``ccorg check`` takes: its severity."""

    severity: Literal["error", "warning", "off"] | None = Field(
        None, description="error, warning or off (the rule does not run); omitted: its default."
    )

    @field_validator("severity", mode="before")
    @classmethod
    def _yaml_off(cls, value: Any) -> Any:
        # YAML 1.1 reads a bare `off` as false; editors (YAML 1.2) read it as the string.
        return "off" if value is False else value


def _ordered_band(low: float, high: float) -> None:
    if low > high:
        raise PydanticCustomError("band", "'min' is larger than 'max'")


class SpanOfControlOptions(PolicyOptions):
    """Options of the ``span-of-control`` rule."""

    min: float = Field(5, gt=0, le=MAX_PEOPLE, description="Fewest people per manager.")
    max: float = Field(15, gt=0, le=MAX_PEOPLE, description="Most people per manager.")

    @model_validator(mode="after")
    def _band(self) -> SpanOfControlOptions:
        _ordered_band(self.min, self.max)
        return self


class OccupancyCapOptions(PolicyOptions):
    """Options of the ``occupancy-cap`` rule."""

    max: float = Field(0.9, gt=0, le=1, description="Highest occupancy cap a stream may plan for.")


class ShrinkageBandOptions(PolicyOptions):
    """Options of the ``shrinkage-band`` rule."""

    min: float = Field(0.15, ge=0, lt=1, description="Lowest believable shrinkage.")
    max: float = Field(0.5, ge=0, lt=1, description="Highest believable shrinkage.")

    @model_validator(mode="after")
    def _band(self) -> ShrinkageBandOptions:
        _ordered_band(self.min, self.max)
        return self


class ServiceLevelTargetOptions(PolicyOptions):
    """Options of the ``service-level-target`` rule."""

    max_target: float = Field(
        0.95, gt=0, le=1, description="Highest share of contacts answered in time."
    )
    min_seconds: float = Field(
        10, ge=0, le=86_400, description="Shortest answer time, in seconds, with that share."
    )


class LeadersPerShiftOptions(PolicyOptions):
    """Options of the ``leaders-per-shift`` rule."""

    shifts: int = Field(3, ge=1, le=24, description="Shifts a day in a 7×24 center.")
    leader_posts: list[Id] | None = Field(
        None,
        min_length=1,
        description="The team-leader posts; omitted: every post a frontline post reports to.",
    )


class BudgetOptions(PolicyOptions):
    """Options of the ``budget`` rule."""

    annual: float | None = Field(
        None, ge=0, description="The center's yearly budget in its currency; omitted: no check."
    )


class Policies(Model):
    """Settings of the policy rules that ``ccorg check`` runs; every key is a rule id."""

    reporting_line: PolicyOptions = Field(
        default_factory=_defaults(PolicyOptions), alias="reporting-line"
    )
    span_of_control: SpanOfControlOptions = Field(
        default_factory=_defaults(SpanOfControlOptions), alias="span-of-control"
    )
    leaders_per_shift: LeadersPerShiftOptions = Field(
        default_factory=_defaults(LeadersPerShiftOptions), alias="leaders-per-shift"
    )
    establishment: PolicyOptions = Field(default_factory=_defaults(PolicyOptions))
    budget: BudgetOptions = Field(default_factory=_defaults(BudgetOptions))
    unused_grade: PolicyOptions = Field(
        default_factory=_defaults(PolicyOptions), alias="unused-grade"
    )
    occupancy_cap: OccupancyCapOptions = Field(
        default_factory=_defaults(OccupancyCapOptions), alias="occupancy-cap"
    )
    shrinkage_band: ShrinkageBandOptions = Field(
        default_factory=_defaults(ShrinkageBandOptions), alias="shrinkage-band"
    )
    service_level_target: ServiceLevelTargetOptions = Field(
        default_factory=_defaults(ServiceLevelTargetOptions), alias="service-level-target"
    )


class Config(Model):
    """A whole ccorg config: the center, its grades and departments, its demand, and the
    policies `ccorg check` holds it to."""

    version: Literal[1] = Field(1, description="The config format's version.")
    center: Center
    grades: list[Grade] = Field(min_length=1)
    departments: list[Department] = Field(default_factory=list)
    calendar: Calendar = Field(
        default_factory=_defaults(Calendar), description="Paid hours per FTE."
    )
    shrinkage: Shrinkage | None = Field(
        None, description="Shrinkage of workload posts (a workload rule may override it)."
    )
    demand: Demand | None = Field(None, description="Demand streams for workload posts.")
    scenarios: dict[Id, Scenario] = Field(
        default_factory=dict, description="Named what-ifs: `ccorg plan FILE --scenario NAME`."
    )
    policies: Policies | None = Field(
        None, description="Settings of the rules `ccorg check` applies (see the README)."
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
