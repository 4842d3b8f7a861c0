"""``flat-profile``: queued streams planned with the same volume in every open interval."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.config.demand import ChatStream, VoiceStream
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


def flat_profile(subject: Subject, options: PolicyOptions) -> Iterator[Hit]:
    """A voice or chat stream without an intraday profile.

    Without `intraday` (or a `forecast`), a stream's volume is spread evenly over its open
    hours. No queue arrives like that: calls peak mid-morning and mid-afternoon and fade at
    night, and Erlang staffing follows the peaks, so a flat day understaffs the peaks and
    overstaffs the night. Give 24 hourly weights (`intraday: [...]`, or one list per
    `weekdays` / `weekend`) from the ACD's reports.
    """
    streams = subject.config.demand.streams if subject.config.demand else ()
    for index, stream in enumerate(streams):
        if isinstance(stream, VoiceStream | ChatStream) and stream.spread_evenly:
            yield Hit(
                ("demand", "streams", index),
                _(
                    "stream {stream!r} has no intraday profile: its volume is spread evenly "
                    "over its open hours; give 'intraday' weights for its peaks"
                ).format(stream=stream.id),
            )


RULE = PolicyRule("flat-profile", Severity.WARNING, PolicyOptions, flat_profile)
