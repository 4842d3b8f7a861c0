"""``simulated-service-level``: off by default; on, it fails a stream whose simulated week
misses its target, however well Erlang rates each interval."""

from __future__ import annotations

from pathlib import Path

from ccorg.checks.findings import CheckReport
from ccorg.checks.registry import policy_rules
from ccorg.render.findings_sarif import findings_to_sarif
from ccorg.render.rule_reference import render_rule_reference

# A TV shopping hotline open on Mondays 09:00–21:00: the ad at the top of every hour brings as
# many calls in its quarter as the next three quarters together. Erlang staffs each quarter
# for 80/20; the queue the ad leaves is still waiting when three quarters of the agents go.
HOTLINE = """\
center:
  id: tv
  name: TV
  service_hours: {mon: ["09:00-21:00"]}
  posts:
    - {id: head, name: Head, grade: agent, rule: {kind: fixed, count: 1}}
grades: [{id: agent, name: Agent, rank: 1}]
shrinkage: {breakdown: {breaks: 0.2}}
demand:
  interval_minutes: 15
  streams:
    - id: hotline
      name: Hotline
      channel: voice
      volume: {per_week: 5000}
      aht_seconds: 600
      service_level: {target: 0.8, seconds: 20}
      max_occupancy: 0.9
      intraday: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3,
                 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3,
                 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
departments:
  - id: ops
    name: Ops
    posts:
      - id: agent
        name: Agent
        grade: agent
        reports_to: head
        rule: {kind: workload, streams: [hotline]}
"""
ON = "policies:\n  simulated-service-level: {severity: error, replications: 20}\n"


def rule_findings(findings):
    return [f for f in findings if f.rule == "simulated-service-level"]


def test_off_by_default(check_text) -> None:
    assert rule_findings(check_text(HOTLINE)) == []


def test_the_simulated_week_misses_the_target(check_text, tmp_path: Path) -> None:
    (finding,) = rule_findings(check_text(HOTLINE + ON))
    assert str(finding.location) == f"{tmp_path / 'c.yaml'}:17:22"
    assert finding.severity.value == "error"
    assert finding.message.startswith("stream 'hotline': the simulated week answers 5"), (
        finding.message
    )
    assert "% within 20 s (95% CI " in finding.message
    assert ", 20 weeks), below its target of 80.0%; Erlang gives 8" in finding.message
    # The numbers are the simulation's: far below the target, while Erlang clears it.
    simulated = float(finding.message.split("answers ")[1].split("%")[0])
    erlang = float(finding.message.split("Erlang gives ")[1].rstrip("%"))
    assert simulated < 65 and erlang > 80


def test_a_week_that_meets_its_target_passes(check_text, bank_path: Path) -> None:
    bank = bank_path.read_text(encoding="utf-8")
    assert "simulated-service-level" not in bank
    text = bank + "\npolicies:\n  simulated-service-level: {severity: warning, replications: 5}\n"
    assert rule_findings(check_text(text)) == []


def test_the_reference_and_sarif_say_it_is_off() -> None:
    reference = render_rule_reference()
    section = reference[reference.index("##### `simulated-service-level`") :]
    assert "Off by default; `severity: error` (or `warning`) turns it on." in section
    assert "| `replications` | 50 |" in section
    (rule,) = [r for r in policy_rules() if r.id == "simulated-service-level"]
    assert not rule.doc.on_by_default
    assert all(r.doc.on_by_default for r in policy_rules() if r is not rule)


def test_sarif_marks_it_disabled_by_default() -> None:
    rules = findings_to_sarif(CheckReport(()))["runs"][0]["tool"]["driver"]["rules"]
    configuration = {rule["id"]: rule["defaultConfiguration"] for rule in rules}
    assert configuration["simulated-service-level"] == {"level": "error", "enabled": False}
    assert configuration["span-of-control"] == {"level": "warning", "enabled": True}
