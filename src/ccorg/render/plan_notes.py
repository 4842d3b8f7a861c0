"""Notes under a plan: what ccorg assumed where the config is silent."""

from __future__ import annotations

from ccorg.config.demand import ChatStream, VoiceStream
from ccorg.i18n import _
from ccorg.plan import Plan


def plan_notes(plan: Plan) -> list[str]:
    """One sentence per assumption, in the active language."""
    notes = []
    for stream in plan.streams:
        config = stream.stream
        if isinstance(config, VoiceStream | ChatStream) and config.spread_evenly:
            notes.append(
                _(
                    "Note: {stream} has no intraday profile; its volume is spread evenly over "
                    "its open hours (give 'intraday' weights for its peaks)."
                ).format(stream=f"{stream.name} ({stream.id})")
            )
    return notes
