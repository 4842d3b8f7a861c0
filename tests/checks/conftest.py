"""A small clean config to bend, and a way to check text without the CLI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ccorg.checks.findings import Finding
from ccorg.checks.runner import check_file

# Clean under every default rule: spans 5 (head) and 6 (lead), 5 leaders for 3 shifts.
CLEAN = """\
center:
  id: c
  name: C
  posts:
    - {id: head, name: Head, grade: g1, rule: {kind: fixed, count: 1}}
grades:
  - {id: g1, name: Boss, rank: 1, annual_cost: 100}
  - {id: g2, name: Staff, rank: 2, annual_cost: 10}
departments:
  - id: d
    name: Desk
    posts:
      - {id: lead, name: Lead, grade: g1, reports_to: head, rule: {kind: fixed, count: 5}}
      - id: agent
        name: Agent
        grade: g2
        reports_to: lead
        frontline: true
        rule: {kind: fixed, count: 30}
"""


@pytest.fixture
def clean() -> str:
    """The text of a config with no findings."""
    return CLEAN


@pytest.fixture
def check_text(tmp_path: Path) -> Callable[[str], list[Finding]]:
    """The findings of a config written as ``c.yaml`` in a temporary directory."""

    def check(text: str) -> list[Finding]:
        path = tmp_path / "c.yaml"
        path.write_text(text, encoding="utf-8")
        return list(check_file(str(path)).findings)

    return check
