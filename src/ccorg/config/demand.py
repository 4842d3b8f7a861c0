"""Demand: the streams of work that workload posts are derived from, and the time an agent
gives to them (calendar, shrinkage)."""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from ccorg.config.model import Id, Model, Name, TimeWindow, Weekday
from ccorg.config.shorthands import (
    DAY_GROUPS,
    SERVICE_LEVEL_PATTERN,
    DayGroup,
    ServiceHours,
    parse_service_level,
)
from ccorg.i18n import _
from ccorg.limits import (
    MAX_AGENTS_ON_DUTY,
    MAX_CONTACTS_A_DAY,
    MAX_FRACTION,
    MAX_RESPONSE_HOURS,
    MAX_SECONDS,
    MAX_WEIGHT,
    MIN_SECONDS,
)

Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]
PositiveSeconds = Annotated[float, Field(ge=MIN_SECONDS, le=MAX_SECONDS)]
_CONCURRENCY_KEY = r"^([2-9]|10)$"


class Calendar(Model):
    """Paid hours of one full-time equivalent (FTE) a year.

    The default is China's from 2025: 40 h a week, 8 h a day on 248 working days (365 days less
    104 weekend days and 13 public holidays) = 1,984 h.
    """

    working_days: float = Field(248, ge=1, le=366, description="Paid working days a year.")
    hours_per_day: float = Field(8, ge=1, le=24, description="Paid hours a working day.")

    @property
    def paid_hours(self) -> float:
        """Paid hours per FTE a year."""
        return self.working_days * self.hours_per_day


ShrinkageParts = dict[Name, Annotated[float, Field(ge=0, lt=1)]]


class Shrinkage(Model):
    """Paid time in which agents are not available for work.

    Give it in its two layers, as the time is lost: ``in_shift`` parts are shares of the
    time on shift (breaks, meetings, coaching, not-ready time), ``out_of_shift`` parts shares
    of the paid days (annual leave, sickness, training days). The layers multiply: an agent
    on leave takes no breaks, so 15% in shift and 15% out of shift are
    ``1 − (1 − 0.15)·(1 − 0.15)`` = 27.75%, not 30%. Or give a flat ``breakdown``, whose parts
    simply add up (every part a share of paid hours). Public holidays are not shrinkage: the
    calendar's working days already leave them out.
    """

    breakdown: ShrinkageParts | None = Field(
        None,
        min_length=1,
        description="Each part as a share of paid hours; the parts add up (one layer).",
    )
    in_shift: ShrinkageParts | None = Field(
        None,
        min_length=1,
        description="Parts lost while on shift (breaks, meetings, not-ready), shares of it.",
    )
    out_of_shift: ShrinkageParts | None = Field(
        None,
        min_length=1,
        description="Parts lost as whole days (leave, sickness, training), shares of paid days.",
    )

    @property
    def layered(self) -> bool:
        """Given in layers (``in_shift`` / ``out_of_shift``) rather than a flat breakdown."""
        return self.breakdown is None

    @property
    def in_shift_total(self) -> float:
        """The in-shift layer: the sum of its parts (0 when absent)."""
        return math.fsum((self.in_shift or {}).values())

    @property
    def out_of_shift_total(self) -> float:
        """The out-of-shift layer: the sum of its parts (0 when absent)."""
        return math.fsum((self.out_of_shift or {}).values())

    @property
    def total(self) -> float:
        """The whole shrinkage: ``1 − (1 − in_shift)·(1 − out_of_shift)``, or the flat sum.

        Sums are exact (``fsum``): one by one, 0.17 + 0.28 + 0.05 comes to 0.5000000000000001,
        over a 50% band its parts are within.
        """
        if self.breakdown is not None:
            return math.fsum(self.breakdown.values())
        inside, outside = self.in_shift_total, self.out_of_shift_total
        return inside + outside - inside * outside

    @property
    def parts(self) -> dict[str, float]:
        """Every part by name, whichever form it was given in."""
        return {**(self.breakdown or {}), **(self.in_shift or {}), **(self.out_of_shift or {})}

    @model_validator(mode="after")
    def _below_one(self) -> Shrinkage:
        layers = self.in_shift is not None or self.out_of_shift is not None
        if (self.breakdown is None) == (not layers):
            raise PydanticCustomError(
                "shrinkage",
                _("give a flat 'breakdown' or the layers 'in_shift' and 'out_of_shift', not both")
                if layers
                else _("give 'in_shift' and 'out_of_shift' (or a flat 'breakdown')"),
            )
        twice = sorted(set(self.in_shift or {}) & set(self.out_of_shift or {}))
        if twice:
            raise PydanticCustomError(
                "shrinkage",
                _("{names} is in both layers; a part is lost on shift or as whole days"),
                {"names": ", ".join(repr(name) for name in twice)},
            )
        for name, total in (
            ("the shrinkage", math.fsum((self.breakdown or {}).values())),
            ("the in_shift layer", self.in_shift_total),
            ("the out_of_shift layer", self.out_of_shift_total),
        ):
            if total >= 1:
                raise PydanticCustomError(
                    "shrinkage",
                    _("{name} adds up to {total}; it must stay below 100%"),
                    {"name": name, "total": f"{total:.0%}"},
                )
        return self


#: How a service level counts: see ``ccorg.staffing.queueing.SL_DEFINITIONS``.
ServiceLevelDefinition = Literal["offered", "answered", "excluding_short_abandons"]


class ServiceLevel(Model):
    """A service-level target: ``target`` of contacts answered within ``seconds`` (80/20).

    ``definition`` says what the share is of, as ACDs report it: ``offered`` (the default,
    and the strictest: a contact abandoned at any time is a miss; Genesys Cloud's default),
    ``answered`` (abandoned contacts left out), or ``excluding_short_abandons`` (contacts
    abandoned within ``short_abandon_seconds`` left out, later ones misses). With nobody
    abandoning (Erlang C, no ``patience_seconds``) the three agree.
    """

    target: float = Field(gt=0, le=1, description="Share answered in time, e.g. 0.8.")
    seconds: float = Field(
        ge=0, le=MAX_SECONDS, description="The time threshold in seconds, e.g. 20."
    )
    definition: ServiceLevelDefinition = Field(
        "offered", description="Share of offered, of answered, or excluding short abandons."
    )
    short_abandon_seconds: float | None = Field(
        None,
        ge=0,
        le=MAX_SECONDS,
        description="Abandoned within this many seconds: not counted (excluding_short_abandons).",
    )

    @model_validator(mode="after")
    def _short_abandons(self) -> ServiceLevel:
        needs = self.definition == "excluding_short_abandons"
        if needs and self.short_abandon_seconds is None:
            raise PydanticCustomError(
                "definition", _("'excluding_short_abandons' needs 'short_abandon_seconds'")
            )
        if not needs and self.short_abandon_seconds is not None:
            raise PydanticCustomError(
                "definition",
                _("'short_abandon_seconds' goes with definition: excluding_short_abandons"),
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        # 80/20 → {target: 0.8, seconds: 20}; other text fails as "not a mapping", which
        # config/messages.py tells with both forms.
        parsed = parse_service_level(data) if isinstance(data, str) else None
        if parsed is None:
            return data
        if not 0 < parsed[0] <= 1:
            raise PydanticCustomError(
                "service_level",
                _("the share answered in time is above 0% and at most 100%; found {text}"),
                {"text": data},
            )
        if parsed[0] < 0.01 and "%" not in data:
            # `0.8/20` is a share written where a percentage goes: 0.8%, not 80%.
            raise PydanticCustomError(
                "service_level",
                _(
                    "the share answered in time is written as a percentage: 80/20 for 80%; "
                    "found {text} (write {percent}%/{seconds} if you mean {percent}%)"
                ),
                {"text": data, "percent": f"{parsed[0] * 100:g}", "seconds": f"{parsed[1]:g}"},
            )
        return {"target": parsed[0], "seconds": parsed[1]}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        mapping = handler(core_schema)
        shorthand = {"type": "string", "pattern": SERVICE_LEVEL_PATTERN, "examples": ["80/20"]}
        return {"anyOf": [mapping, shorthand]}


class Volume(Model):
    """How much work a stream brings: exactly one of the forms below.

    ``per_day`` is an average calendar day (a week holds seven), ``per_month`` a twelfth of
    ``per_year``, a year 365 days. ``share_of`` derives the volume from another stream's
    (complaints = 2% of calls: ``{share_of: calls, fraction: 0.02}``). ``forecast`` names a CSV
    file (relative to the config file) with one row per interval of a week:
    ``weekday,time,volume`` (``mon,09:30,120``).
    """

    per_day: float | None = Field(None, ge=0, le=MAX_CONTACTS_A_DAY)
    per_week: float | None = Field(None, ge=0, le=MAX_CONTACTS_A_DAY * 7)
    per_month: float | None = Field(None, ge=0, le=MAX_CONTACTS_A_DAY * 365 / 12)
    per_year: float | None = Field(None, ge=0, le=MAX_CONTACTS_A_DAY * 365)
    share_of: Id | None = Field(None, description="The stream this volume is a share of.")
    fraction: float | None = Field(
        None, gt=0, le=MAX_FRACTION, description="The share, with 'share_of'."
    )
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
                _(
                    "give exactly one of per_day, per_week, per_month, per_year, share_of or "
                    "forecast{found}"
                ),
                {"found": _(" (found {keys})").format(keys=", ".join(given)) if given else ""},
            )
        if (self.share_of is None) != (self.fraction is None):
            raise PydanticCustomError("volume", _("'share_of' and 'fraction' go together"))
        return self


class Floor(Model):
    """At least ``agents`` on duty while the stream is open, in a daily window if given.

    ``window`` may cross midnight (``22:00-08:00``); ``days`` limits the floor to some
    weekdays (a window crossing midnight belongs to the day it starts on).
    """

    agents: int = Field(ge=1, le=MAX_AGENTS_ON_DUTY, description="Agents on duty at least.")
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
                "profile",
                _("a forecast gives every interval's volume; drop 'weekly' and 'intraday'"),
            )
        if self.weekly is not None:
            missing = [day for day in DAY_GROUPS["daily"] if day not in self.weekly]
            if missing:
                raise PydanticCustomError(
                    "profile",
                    _("'weekly' needs a weight for every weekday; missing {missing}"),
                    {"missing": ", ".join(missing)},
                )
            if not sum(self.weekly.values()):
                raise PydanticCustomError("profile", _("'weekly' weights are all 0"))
        if isinstance(self.intraday, dict):
            covered = {day for key in self.intraday for day in DAY_GROUPS.get(key, (key,))}
            missing = [day for day in DAY_GROUPS["daily"] if day not in covered]
            if missing:
                raise PydanticCustomError(
                    "profile",
                    _("'intraday' gives no profile for {missing}"),
                    {"missing": ", ".join(missing)},
                )
        return self


class _QueueStream(_Stream):
    aht_seconds: float = Field(
        ge=MIN_SECONDS,
        le=MAX_SECONDS,
        description="Average handle time, talk + hold + wrap-up.",
    )
    service_level: ServiceLevel
    asa_seconds: float | None = Field(
        None, gt=0, le=MAX_SECONDS, description="Average speed of answer, at most."
    )
    max_occupancy: float = Field(0.85, gt=0, le=1, description="Share of time busy, at most.")
    patience_seconds: float | None = Field(
        None,
        ge=MIN_SECONDS,
        description="Mean patience before abandoning; switches to Erlang A.",
    )
    max_abandon_rate: float | None = Field(
        None, gt=0, lt=1, description="Share of offered contacts abandoning, at most (Erlang A)."
    )

    @property
    def spread_evenly(self) -> bool:
        """No intraday profile and no forecast: the volume is spread evenly over the open
        hours, a flat day unlike any real queue's (``plan`` notes it, ``check`` warns)."""
        return self.intraday is None and self.volume.forecast is None

    @model_validator(mode="after")
    def _abandonment_needs_patience(self) -> _QueueStream:
        if self.max_abandon_rate is not None and self.patience_seconds is None:
            raise PydanticCustomError(
                "abandonment", _("'max_abandon_rate' needs 'patience_seconds' (Erlang A)")
            )
        return self


class VoiceStream(_QueueStream):
    """Inbound calls, queued: Erlang C, or Erlang A when ``patience_seconds`` is given."""

    channel: Literal["voice"]


class ChatStream(_QueueStream):
    """Chats, queued like calls; each agent handles ``concurrency`` sessions at once.

    Each agent gives ``concurrency`` slots and the queue is solved over slots, with a
    session's length at that concurrency. Agents slow down as they take more chats at once:
    ``aht_seconds`` is a session's length when the agent has only that one, and the length at
    the planned concurrency c is ``aht_by_concurrency[c]`` (as measured), or
    ``aht_seconds × (1 + concurrency_slowdown × (c − 1))``. With neither, sessions last
    ``aht_seconds`` at any concurrency — right only when it was measured at c. The effective
    AHT, an agent's time per chat, is that length ÷ c.
    """

    channel: Literal["chat"]
    concurrency: int = Field(ge=1, le=10, description="Sessions one agent handles at once.")
    concurrency_slowdown: float | None = Field(
        None,
        ge=0,
        le=10,
        description="Each session beyond the first lengthens every session by this share.",
    )
    aht_by_concurrency: dict[str, PositiveSeconds] | None = Field(
        None,
        min_length=1,
        description="A session's length in seconds at each concurrency (2, 3, ...), measured.",
        json_schema_extra={"propertyNames": {"pattern": _CONCURRENCY_KEY}},
    )

    @model_validator(mode="after")
    def _slowdown(self) -> ChatStream:
        if self.concurrency_slowdown is not None and self.aht_by_concurrency is not None:
            raise PydanticCustomError(
                "slowdown", _("give 'concurrency_slowdown' or 'aht_by_concurrency', not both")
            )
        measured = self.aht_by_concurrency or {}
        odd = [key for key in measured if not re.fullmatch(_CONCURRENCY_KEY, key)]
        if odd:
            raise PydanticCustomError(
                "slowdown",
                _(
                    "'aht_by_concurrency' is keyed by concurrencies 2–10 (at 1 it is aht_seconds); "
                    "got {keys}"
                ),
                {"keys": ", ".join(repr(key) for key in odd)},
            )
        if measured and self.concurrency > 1 and str(self.concurrency) not in measured:
            raise PydanticCustomError(
                "slowdown",
                _("'aht_by_concurrency' gives no length at the planned concurrency {c}"),
                {"c": self.concurrency},
            )
        return self

    @property
    def session_seconds(self) -> float:
        """A session's length at the planned concurrency."""
        c = self.concurrency
        if c > 1 and self.aht_by_concurrency is not None:
            return self.aht_by_concurrency[str(c)]
        return self.aht_seconds * (1 + (self.concurrency_slowdown or 0.0) * (c - 1))

    @property
    def effective_aht_seconds(self) -> float:
        """An agent's time per chat: the session's length ÷ the sessions held at once."""
        return self.session_seconds / self.concurrency


class DeferredStream(_Stream):
    """Work that waits for an agent (email, complaints, tickets): no queueing.

    Items arrive by the stream's profiles over the center's hours; each is worked within
    ``response_hours``, spread evenly over the stream's open intervals in that time. Agents =
    work ÷ interval ÷ ``max_occupancy``: even when work waits, nobody is busy every paid
    minute (hand-offs, system time, fatigue), so the default is the voice cap, 0.85.
    """

    channel: Literal["deferred"]
    handle_seconds: float = Field(gt=0, le=MAX_SECONDS, description="Work per item.")
    response_hours: float = Field(
        gt=0, le=MAX_RESPONSE_HOURS, description="Each item is finished within this time."
    )
    max_occupancy: float = Field(
        0.85,
        gt=0,
        le=1,
        description="Share of working time on items, at most (the voice default: 0.85).",
    )


class OutboundStream(_Stream):
    """Outbound calls (callbacks, marketing): attempts × contact rate × handle time.

    Agents = that work ÷ interval ÷ ``max_occupancy`` (default 0.85, as for voice).
    """

    channel: Literal["outbound"]
    contact_rate: float = Field(gt=0, le=1, description="Share of attempts that reach someone.")
    handle_seconds: float = Field(gt=0, le=MAX_SECONDS, description="Work per contact.")
    failed_attempt_seconds: float = Field(
        0,
        ge=0,
        le=MAX_SECONDS,
        description="Work per attempt that reaches no one (dialing, ringing, notes).",
    )
    max_occupancy: float = Field(
        0.85, gt=0, le=1, description="Share of time on calls, at most (the voice default)."
    )


Stream = Annotated[
    VoiceStream | ChatStream | DeferredStream | OutboundStream, Field(discriminator="channel")
]


class Demand(Model):
    """The work to be staffed: streams (queues) and the interval they are planned in."""

    interval_minutes: Literal[15, 30, 60] = Field(30, description="Planning interval length.")
    streams: list[Stream] = Field(min_length=1)
