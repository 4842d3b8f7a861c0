"""`flat-profile`: a queued stream without an intraday profile is warned about, and the plan
says how it spread the volume."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ccorg.checks.findings import Finding, Severity

Check = Callable[[str], list[Finding]]

STREAMS = """\
shrinkage:
  breakdown: {leave: 0.1, breaks: 0.15}
demand:
  streams:
    - id: calls
      name: Calls
      channel: voice
      volume: {per_day: 1000}
      aht_seconds: 180
      service_level: 80/20
    - id: chats
      name: Chats
      channel: chat
      concurrency: 2
      volume: {per_day: 100}
      aht_seconds: 300
      service_level: 80/30
      intraday: {daily: [0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 2, 2, 3, 3, 3, 2, 2, 1, 1, 1, 0, 0]}
    - id: mail
      name: Mail
      channel: deferred
      volume: {per_day: 50}
      handle_seconds: 300
      response_hours: 24
"""
WORKER = """\
      - id: worker
        name: Worker
        grade: g2
        reports_to: lead
        rule: {kind: workload, streams: [calls, chats, mail]}
"""


def test_only_the_queued_stream_without_a_profile_is_warned(check_text: Check, clean: str) -> None:
    findings = [f for f in check_text(clean + WORKER + STREAMS) if f.rule == "flat-profile"]
    assert [(f.location.line, f.location.col, f.severity, f.message) for f in findings] == [
        (
            29,
            7,
            Severity.WARNING,
            "stream 'calls' has no intraday profile: its volume is spread evenly over its open "
            "hours; give 'intraday' weights for its peaks",
        )
    ]


def test_the_plan_notes_the_even_spread(run_cli, clean: str, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(clean + WORKER + STREAMS, encoding="utf-8")
    english = run_cli("plan", str(path), "--width", "200").stdout
    assert (
        "Note: Calls (calls) has no intraday profile; its volume is spread evenly over its "
        "open hours (give 'intraday' weights for its peaks).\n" in english
    )
    assert "Chats (chats) has no" not in english
    chinese = run_cli("plan", str(path), "--width", "200", "--lang", "zh").stdout
    assert "注：Calls (calls) 没有日内分布，其业务量按营业时段平均分摊" in chinese
