"""The three demand rules on a config with streams, shrinkage and a workload post."""

from __future__ import annotations

from collections.abc import Callable

from ccorg.checks.findings import Finding

Check = Callable[[str], list[Finding]]

DEMAND = """\
shrinkage:
  breakdown: {leave: 0.08, breaks: 0.04}
demand:
  streams:
    - id: calls
      name: Calls
      channel: voice
      volume: {per_day: 1000}
      aht_seconds: 180
      service_level: {target: 0.96, seconds: 5}
      max_occupancy: 0.93
    - id: chats
      name: Chats
      channel: chat
      concurrency: 2
      volume: {per_day: 100}
      aht_seconds: 300
      service_level: {target: 0.8, seconds: 30}
    - id: mail
      name: Mail
      channel: deferred
      volume: {per_day: 50}
      handle_seconds: 300
      response_hours: 24
"""

MAILER = """\
      - id: mailer
        name: Mailer
        grade: g2
        reports_to: lead
        rule:
          kind: workload
          streams: [mail]
          shrinkage: {breakdown: {leave: 0.3, training: 0.25}}
"""


def without_flat_profile(findings: list[Finding]) -> list[Finding]:
    """These streams have no intraday profile on purpose (flat-profile has its own tests)."""
    return [finding for finding in findings if finding.rule != "flat-profile"]


def test_demand_rules(check_text: Check, clean: str) -> None:
    findings = without_flat_profile(check_text(clean + MAILER + DEMAND))
    assert [(f.location.line, f.location.col, f.rule, f.message) for f in findings] == [
        (27, 22, "shrinkage-band", "shrinkage of post 'mailer' is 0.55, above the band 0.15–0.5"),
        (
            29,
            3,
            "shrinkage-band",
            "shrinkage of the config is 0.12, below the band 0.15–0.5",
        ),
        (
            37,
            22,
            "service-level-target",
            "stream 'calls' targets 96% within 5 s: above 95% within under 10 s is beyond reason",
        ),
        (
            38,
            22,
            "occupancy-cap",
            "stream 'calls' caps occupancy at 0.93, above 0.9; agents this busy burn out",
        ),
    ]
    assert {f.severity.value for f in findings} == {"warning"}


def test_options_move_the_limits(check_text: Check, clean: str) -> None:
    policies = """\
policies:
  occupancy-cap: {max: 0.95}
  shrinkage-band: {min: 0.1, max: 0.6}
  service-level-target: {max_target: 0.97}
"""
    assert without_flat_profile(check_text(clean + MAILER + DEMAND + policies)) == []


def test_a_service_level_needs_both_a_high_share_and_a_short_time(
    check_text: Check, clean: str
) -> None:
    for target, seconds in ((0.96, 10), (0.95, 5), (0.99, 20)):
        text = (clean + DEMAND).replace(
            "{target: 0.96, seconds: 5}", f"{{target: {target}, seconds: {seconds}}}"
        )
        assert "service-level-target" not in [f.rule for f in check_text(text)]


def test_a_shrinkage_on_the_band_edge_is_inside_it(check_text: Check, clean: str) -> None:
    # 0.17 + 0.28 + 0.05 is 0.5000000000000001 when added one by one in binary floating
    # point: the breakdown must add up to the 50% its parts say, which the band allows.
    text = (clean + DEMAND).replace(
        "{leave: 0.08, breaks: 0.04}", "{leave: 0.17, breaks: 0.28, training: 0.05}"
    )
    assert "shrinkage-band" not in [f.rule for f in check_text(text)]
