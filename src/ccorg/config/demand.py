"""Demand: the streams of work that workload posts are derived from, and the time an agent
gives to them (calendar, shrinkage)."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ccorg.config.model import WEEKDAYS, Id, Model, Name, TimeWindow, Weekday

Weight = Annotated[float, Field(ge=0)]
ServiceHours = Literal["7x24"] | dict[Weekday, list[TimeWindow]]
DayGroup = Literal[Weekday, "weekdays", "weekend", "daily"]
DAY_GROUPS: dict[str, tuple[str, ...]] = {
    "daily": WEEKDAYS,
    "weekdays": WEEKDAYS[:5],
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
