"""The three demand rules, fed the attribute shape documented in ccorg.checks.demand.

The demand section is added on another branch; these tests build that shape from plain
namespaces so the rules and the accessor are proven before the two meet.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from ccorg.checks.demand import DemandFacts, Figure, ServiceTarget, demand_facts
from ccorg.checks.registry import Hit
from ccorg.checks.rules.occupancy_cap import occupancy_cap
from ccorg.checks.rules.service_level_target import service_level_target
from ccorg.checks.rules.shrinkage_band import shrinkage_band
from ccorg.checks.subject import Subject
from ccorg.config.schema import (
    OccupancyCapOptions,
    ServiceLevelTargetOptions,
    ShrinkageBandOptions,
)


def stream(stream_id: str, **fields: Any) -> SimpleNamespace:
    return SimpleNamespace(id=stream_id, **fields)


def subject_with(demand: Any) -> Subject:
    config: Any = SimpleNamespace(demand=demand)
    return Subject(config=config, plan=None, demand=demand_facts(config))  # type: ignore[arg-type]


def test_no_demand_section_means_no_facts() -> None:
    assert demand_facts(SimpleNamespace()) is None
    assert demand_facts(SimpleNamespace(demand=None)) is None


def test_the_accessor_reads_streams_and_the_center_shrinkage() -> None:
    demand = SimpleNamespace(
        shrinkage=SimpleNamespace(total=0.32),
        streams=[
            stream(
                "voice",
                max_occupancy=0.85,
                service_level=SimpleNamespace(target=0.8, seconds=20),
                shrinkage=0.3,
            ),
            stream("chat"),
        ],
    )
    assert demand_facts(SimpleNamespace(demand=demand)) == DemandFacts(
        occupancy_caps=(Figure("stream 'voice'", 0.85, ("demand", "streams", 0, "max_occupancy")),),
        shrinkages=(
            Figure("the center", 0.32, ("demand", "shrinkage")),
            Figure("stream 'voice'", 0.3, ("demand", "streams", 0, "shrinkage")),
        ),
        service_targets=(
            ServiceTarget("stream 'voice'", 0.8, 20.0, ("demand", "streams", 0, "service_level")),
        ),
    )


def test_occupancy_cap_above_the_limit() -> None:
    subject = subject_with(
        SimpleNamespace(
            streams=[stream("voice", max_occupancy=0.9), stream("chat", max_occupancy=0.93)]
        )
    )
    assert list(occupancy_cap(subject, OccupancyCapOptions())) == [
        Hit(
            ("demand", "streams", 1, "max_occupancy"),
            "stream 'chat' caps occupancy at 0.93, above 0.9; agents this busy burn out",
        )
    ]
    assert list(occupancy_cap(subject, OccupancyCapOptions(max=0.95))) == []


def test_shrinkage_outside_the_band() -> None:
    subject = subject_with(
        SimpleNamespace(
            shrinkage=0.12,
            streams=[
                stream("voice", shrinkage=0.5),
                stream("email", shrinkage=SimpleNamespace(total=0.55)),
            ],
        )
    )
    assert list(shrinkage_band(subject, ShrinkageBandOptions())) == [
        Hit(("demand", "shrinkage"), "shrinkage of the center is 0.12, below the band 0.15–0.5"),
        Hit(
            ("demand", "streams", 1, "shrinkage"),
            "shrinkage of stream 'email' is 0.55, above the band 0.15–0.5",
        ),
    ]


def test_service_level_beyond_reason_needs_both_a_high_share_and_a_short_time() -> None:
    def level(target: float, seconds: float) -> SimpleNamespace:
        return SimpleNamespace(target=target, seconds=seconds)

    subject = subject_with(
        SimpleNamespace(
            streams=[
                stream("a", service_level=level(0.96, 5)),
                stream("b", service_level=level(0.96, 10)),
                stream("c", service_level=level(0.95, 5)),
                stream("d", service_level=level(0.8, 20)),
            ]
        )
    )
    assert list(service_level_target(subject, ServiceLevelTargetOptions())) == [
        Hit(
            ("demand", "streams", 0, "service_level"),
            "stream 'a' targets 96% within 5 s: above 95% within under 10 s is beyond reason",
        )
    ]


def test_demand_rules_are_silent_without_demand(check_text: Any, clean: str) -> None:
    # The real Config has no demand section yet: the rules run and find nothing.
    assert check_text(clean + "policies:\n  occupancy-cap: {max: 0.1}\n") == []
