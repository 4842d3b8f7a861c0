"""``simulated-service-level``: the planned week, simulated, misses a stream's target."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.i18n import _
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


class SimulatedServiceLevelOptions(PolicyOptions):
    """Options of the ``simulated-service-level`` rule; it is off unless a severity is set."""

    severity: Literal["error", "warning", "off"] | None = Field(
        "off", description="error or warning turns the rule on; off (the default) leaves it off."
    )
    replications: int = Field(50, ge=2, le=2_000, description="Weeks simulated per stream.")
    seed: int = Field(1, ge=0, le=2**63 - 1, description="Seed of the random numbers.")


def simulated_service_level(
    subject: Subject, options: SimulatedServiceLevelOptions
) -> Iterator[Hit]:
    """The simulated week misses a stream's service-level target.

    Erlang C and A assume every interval settles; a real week does not (staffing changes while
    calls wait, a lunch dip after the morning peak). This rule runs `ccorg simulate` on every
    voice and chat stream at the planned requirement — `replications` weeks from `seed`,
    exponential handle times and patience, as `ccorg simulate` does by default — and fails when
    the week's simulated service level is below the stream's target. The message gives the
    simulated level with its 95% confidence interval and Erlang's figure. Off by default: it
    costs about a second per 20,000 contacts a week at 50 replications.
    """
    simulation = subject.simulation(options.replications, options.seed)
    streams = subject.config.demand.streams if subject.config.demand else []
    position = {stream.id: index for index, stream in enumerate(streams)}
    for result in simulation.streams:
        level = result.week.service_level
        if not float(level.mean) < result.target:
            continue
        yield Hit(
            ("demand", "streams", position[result.id], "service_level"),
            _(
                "stream {stream!r}: the simulated week answers {level} within {seconds} s "
                "(95% CI {low}–{high}, {weeks} weeks), below its target of {target}; Erlang "
                "gives {erlang}"
            ).format(
                stream=result.id,
                level=_percent(float(level.mean)),
                seconds=number(result.sl_seconds),
                low=_percent(float(level.low)),
                high=_percent(float(level.high)),
                weeks=options.replications,
                target=_percent(result.target),
                erlang=_percent(float(level.erlang)),
            ),
        )


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"


RULE = PolicyRule(
    "simulated-service-level",
    Severity.ERROR,
    SimulatedServiceLevelOptions,
    simulated_service_level,
)
