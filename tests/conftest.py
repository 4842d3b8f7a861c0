"""Shared fixtures: running the CLI as a user would, and golden files for rendered output.

Golden files live in tests/golden/. Regenerate them after an intended change with
``pytest --update-golden`` and review the diff before committing.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ccorg.cli import main
from ccorg.i18n import Language, activate

REPO = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
BANK = REPO / "configs" / "bank.yaml"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from current output"
    )


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test speaks English unless it asks otherwise (configs/bank.yaml names zh; the
    machine's locale may too): CCORG_LANG=en, and the language reset after the test."""
    monkeypatch.setenv("CCORG_LANG", "en")
    yield
    activate(Language.en)  # as a run with --lang en would


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., CliResult]:
    """Run ``ccorg ARGS`` in-process, without colour, and capture everything it prints."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str) -> CliResult:
        code = main(list(args))
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME, or rewrite it under --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
            return
        assert path.exists(), f"missing golden file {path}; run pytest --update-golden"
        assert actual == path.read_text(encoding="utf-8")

    return check


# One workload post whose schedule fit a shift plan derives: quick to solve.
SHIFTED = """\
center: {id: c, name: C}
grades: [{id: agent, name: Agent, rank: 7}]
shrinkage: {breakdown: {all: 0.3}}
demand:
  interval_minutes: 60
  streams:
    - {id: work, name: Work, channel: deferred, volume: {per_day: 4100}, handle_seconds: 1800,
       response_hours: 1}
departments:
  - id: ops
    name: Ops
    posts:
      - {id: agent, name: Agent, grade: agent,
         rule: {kind: workload, streams: [work], shifts: [eight], schedule_fit: auto}}
shifts:
  templates:
    - {id: eight, name: Eight, starts: {from: "00:00", to: "23:00", every_minutes: 60},
       paid_hours: 8}
"""

# The diff tests' center: ratios stack (leads per agents, supervisors per leads, HR per
# everyone), so one changed ratio moves every post above it.
STACKED = """\
center:
  id: hq
  name: 中心
grades:
  - {id: staff, name: 员工, rank: 2, annual_cost: 100000}
  - {id: boss, name: 主管, rank: 1, annual_cost: 300000}
departments:
  - id: ops
    name: 运营部
    posts:
      - {id: agent, name: 座席, grade: staff, rule: {kind: fixed, count: 180}}
      - {id: lead, name: 组长, grade: staff, rule: {kind: ratio, per: 12, of: [agent]}}
      - {id: supervisor, name: 主管, grade: boss, rule: {kind: ratio, per: 5, of: [lead]}}
  - id: admin
    name: 综合部
    posts:
      - {id: hr, name: 人事, grade: staff, rule: {kind: ratio, per: 100, of: [hq]}}
"""


@pytest.fixture
def stacked() -> str:
    """A small center whose headcount ratios stack, as YAML text (the diff tests' base)."""
    return STACKED


@pytest.fixture
def bank_path() -> Path:
    """The seed bank's config, as shipped."""
    return BANK


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """A fresh git repository in ``tmp_path``, made the current directory.

    Returns a ``git(*args)`` runner (output as text). The user's and system's git settings are
    shut out, for the test's commands and for the ones ccorg runs.
    """
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)

    def git(*args: str) -> str:
        identity = ["-c", "user.name=ccorg tests", "-c", "user.email=tests@ccorg.invalid"]
        done = subprocess.run(["git", *identity, *args], check=True, capture_output=True)
        return done.stdout.decode()

    git("init", "-q", "-b", "main")
    return git
