"""One config with every rule kind, channel and policy, through every output ccorg writes.

The kinds, channels, policies and formats are read from the schema, the rule registry and the
format enums, so a new one is tested here without being listed: a new rule kind makes
``test_the_config_uses_every_kind_channel_and_policy`` fail by name until this config uses it,
and then every view that cannot show it fails by name (``plan-text``, ``export-xlsx`` …).
A new output format fails by name until ``READERS`` says how to read it back, and then until
what it writes reads as that format and shows every post; a new command's format enum fails
``test_every_format_of_every_command_that_reads_a_config_is_covered`` until a test here runs it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from enum import StrEnum
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, get_args

import pytest
from openpyxl import load_workbook

from ccorg.checks.registry import policy_rules
from ccorg.commands import formats
from ccorg.commands.formats import (
    CheckFormat,
    CompareFormat,
    DiffFormat,
    ExplainFormat,
    ExportFormat,
    PlanFormat,
    ScheduleFormat,
    SimulateFormat,
)
from ccorg.config.demand import Stream
from ccorg.config.loader import load_yaml
from ccorg.config.org import Rule
from ccorg.config.validate import validate

EVERYTHING = """\
version: 1
center:
  id: hq
  name: 全渠道中心
  service_hours: 7x24
  posts:
    - {id: head, name: 中心主任, grade: top, rule: {kind: fixed, count: 1, note: 编制批复}}
    - id: deputy
      name: 副手
      grade: top
      reports_to: head
      rule: {kind: concurrent, held_by_post: head}
grades:
  - {id: top, name: 甲级, rank: 1, annual_cost: 600000}
  - {id: lead_grade, name: 乙级, rank: 2, annual_cost: 200000}
  - {id: staff, name: 丙级, rank: 3, annual_cost: 120000}
  - {id: spare, name: 丁级, rank: 4}
shrinkage:
  breakdown: {annual_leave: 0.04, breaks: 0.06}
demand:
  interval_minutes: 60
  streams:
    - id: calls
      name: 来电流
      channel: voice
      volume: {per_day: 2000}
      aht_seconds: 200
      service_level: {target: 0.98, seconds: 5}
      max_occupancy: 0.95
      patience_seconds: 120
      max_abandon_rate: 0.05
      intraday: [1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 8, 9, 10, 10, 9, 8, 6, 5, 4, 3, 2, 1]
    - id: bursts
      name: 广告热线
      channel: voice
      volume: {per_week: 3000}
      aht_seconds: 2400
      service_level: {target: 0.8, seconds: 30}
      # A burst every fourth hour: Erlang staffs each hour for 80/30, but the queue a burst
      # leaves is still waiting when the agents go, so the simulated week misses it.
      intraday: [10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3, 10, 3, 3, 3]
    - id: chats
      name: 会话流
      channel: chat
      concurrency: 2
      volume: {per_week: 7000}
      aht_seconds: 400
      service_level: {target: 0.8, seconds: 30}
      weekly: {mon: 1, tue: 1, wed: 1, thu: 1, fri: 1, sat: 0.8, sun: 0.8}
    - id: emails
      name: 邮件流
      channel: deferred
      volume: {share_of: chats, fraction: 0.2}
      handle_seconds: 300
      response_hours: 24
    - id: callbacks
      name: 回访流
      channel: outbound
      volume: {per_month: 3000}
      contact_rate: 0.6
      handle_seconds: 240
      failed_attempt_seconds: 30
      service_hours: {mon: ["09:00-18:00"], tue: ["09:00-18:00"], wed: ["09:00-18:00"]}
      floors:
        - {agents: 1, window: "09:00-12:00", days: [mon]}
shifts:
  templates:
    - id: day
      name: 白班
      starts: {from: "06:00", to: "14:00", every_minutes: 60}
      paid_hours: 8
      breaks: [{minutes: 60, paid: false, start_within: ["10:00", "15:00"]}]
    - {id: night, name: 夜班, starts: {from: "21:00", to: "05:00", every_minutes: 60}, paid_hours: 8}
    - id: part
      name: 兼职
      starts: ["09:00", "13:00"]
      paid_hours: 4
      days: [mon, tue, wed, thu, fri]
      min_per_day: 1
      max_per_day: 6
  part_time_share_max: 0.2
departments:
  - id: ops
    name: 运营部
    establishment: 20
    posts:
      - id: lead
        name: 班长
        grade: lead_grade
        reports_to: head
        rule: {kind: ratio, per: 12, of: [voice_agent, chat_agent, outbound_agent]}
      - id: voice_agent
        name: 电话座席
        grade: staff
        reports_to: lead
        frontline: true
        current: 30
        rule: {kind: workload, streams: [calls, bursts], shifts: [day, night, part], schedule_fit: auto}
      - id: chat_agent
        name: 文字座席
        grade: staff
        reports_to: lead
        frontline: true
        rule:
          kind: workload
          streams: [chats, emails]
          schedule_fit: 0.05
          shrinkage: {breakdown: {annual_leave: 0.1, breaks: 0.12}}
      - id: outbound_agent
        name: 外呼座席
        grade: staff
        reports_to: lead
        frontline: true
        rounding: nearest
        min: 2
        rule: {kind: workload, streams: [callbacks]}
  - id: support
    name: 支持组
    parent: ops
    posts:
      - {id: qa, name: 质检员, grade: staff, rule: {kind: ratio, per: 25, of: [ops]}}
      - id: trainer
        name: 培训师
        grade: staff
        reports_to: head
        rule: {kind: concurrent, held_by: 人力资源部}
policies:
  reporting-line: {severity: error}
  span-of-control: {min: 5, max: 10}
  leaders-per-shift: {shifts: 24}
  establishment: {severity: warning}
  partial-current: {severity: warning}
  budget: {annual: 1000000}
  unused-grade: {severity: warning}
  occupancy-cap: {max: 0.9}
  shrinkage-band: {min: 0.15, max: 0.5}
  service-level-target: {max_target: 0.95, min_seconds: 10}
  flat-profile: {severity: warning}
  simulated-service-level: {severity: warning, replications: 5}
scenarios:
  grown:
    description: 来电多一半，质检每 20 人一名，新设知识库，撤销培训师
    set:
      calls: {volume: {per_day: 3000}}
      qa: {rule: {kind: ratio, per: 20, of: [ops]}}
      staff: {annual_cost: 130000}
    add:
      support.posts:
        - {id: kb, name: 知识库, grade: staff, reports_to: head, rule: {kind: fixed, count: 2}}
    remove: [trainer]
"""
CONFIG = validate(load_yaml(EVERYTHING, "everything.yaml"))
POSTS = {post.id: post.name for _, _, post in CONFIG.located_posts()}
STREAMS = {stream.id: stream.name for stream in CONFIG.demand.streams} if CONFIG.demand else {}
# In the `grown` scenario: a post added, one removed.
ADDED, REMOVED = {"kb": "知识库"}, {"trainer": "培训师"}


def _discriminators(union: Any, key: str) -> list[str]:
    """The values of the discriminating field across a discriminated union's models."""
    models = get_args(get_args(union)[0])
    return [get_args(model.model_fields[key].annotation)[0] for model in models]


KINDS = _discriminators(Rule, "kind")
CHANNELS = _discriminators(Stream, "channel")
POLICIES = [rule.id for rule in policy_rules()]
# The queued streams (voice, chat): those with a service level, which simulate replays.
QUEUES = {
    stream.id: stream.name
    for stream in CONFIG.demand.streams
    if "service_level" in type(stream).model_fields
}
DEPARTMENTS = {department.id: department.name for department in CONFIG.departments}
# Every command that reads a config, by the formats it writes; `ccorg erlang` reads none (its
# own tests cover its formats).
COVERED = {PlanFormat, ExportFormat, ExplainFormat, DiffFormat, CheckFormat, SimulateFormat}
COVERED |= {CompareFormat, ScheduleFormat}
# The views that show demand streams; the org charts and reports show posts only.
SHOWS_STREAMS = {("plan", "text"), ("plan", "json"), ("export", "xlsx"), ("export", "html")}


def outputs(command: str, formats: type[StrEnum]) -> list[Any]:
    return [pytest.param(command, fmt, id=f"{command}-{fmt}") for fmt in formats]


@pytest.fixture
def everything(tmp_path: Path) -> Path:
    path = tmp_path / "everything.yaml"
    path.write_text(EVERYTHING, encoding="utf-8")
    return path


def test_the_config_uses_every_kind_channel_and_policy() -> None:
    used_kinds = {post.rule.kind for _, _, post in CONFIG.located_posts()}
    assert [kind for kind in KINDS if kind not in used_kinds] == [], "rule kinds unused"
    used_channels = {stream.channel for stream in CONFIG.demand.streams}
    assert [c for c in CHANNELS if c not in used_channels] == [], "channels unused"
    assert CONFIG.policies is not None
    given = CONFIG.policies.model_dump(by_alias=True, exclude_unset=True)
    assert [rule for rule in POLICIES if rule not in given] == [], "policies not set"


def _cells(rows: Any) -> str:
    return "\n".join(str(cell) for row in rows for cell in row if cell is not None)


def _csv(text: str, delimiter: str = ",") -> str:
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0][:3] == ["department_id", "department", "post_id"], "not a table of posts"
    assert {len(row) for row in rows} == {len(rows[0])}, "rows of unequal width"
    return _cells(rows)


def _json(text: str) -> str:
    document = json.loads(text)
    assert document["format_version"] == 1
    return json.dumps(document, ensure_ascii=False)


def _markdown(text: str) -> str:
    assert text.startswith("#") and "\n|---" in text, "not a Markdown report with a table"
    return text


def _xlsx(data: bytes) -> str:
    workbook = load_workbook(io.BytesIO(data))
    return _cells(row for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True))


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _html(text: str) -> str:
    assert text.lstrip().lower().startswith("<!doctype html>"), "not an HTML page"
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return "\n".join(parser.parts)


def _starting(prefix: str) -> Callable[[str], str]:
    def read(text: str) -> str:
        assert text.startswith(prefix), f"does not start with {prefix!r}"
        return text

    return read


# How each output is read back, which also proves it is what its name says: a format missing
# here fails by name (plan-FORMAT, export-FORMAT) until its reader is written.
READERS: dict[tuple[str, str], Callable[[Any], str]] = {
    ("plan", "text"): _starting("全渠道中心"),
    ("plan", "json"): _json,
    ("plan", "csv"): _csv,
    ("plan", "markdown"): _markdown,
    ("export", "xlsx"): _xlsx,
    ("export", "mermaid"): _starting("flowchart"),
    ("export", "dot"): _starting("digraph"),
    ("export", "markdown"): _markdown,
    ("export", "html"): _html,
}


@pytest.mark.parametrize(
    ("command", "fmt"),
    outputs("plan", PlanFormat) + outputs("export", ExportFormat),
)
def test_every_view_of_the_plan_shows_every_post_and_stream(
    run_cli, everything: Path, tmp_path: Path, command: str, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    if command == "plan":
        result = run_cli("plan", str(everything), "--format", fmt, "--width", "200")
    else:
        result = run_cli("export", str(everything), "--to", fmt, "--output", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert (command, fmt) in READERS, "no reader for this output"
    written = result.stdout if command == "plan" else out.read_bytes()
    if command == "export" and fmt != ExportFormat.xlsx:
        written = written.decode("utf-8")
    text = READERS[command, fmt](written)
    assert [post for post, name in POSTS.items() if name not in text] == [], "posts missing"
    if (command, fmt) in SHOWS_STREAMS:
        missing = [stream for stream, name in STREAMS.items() if name not in text]
        assert missing == [], "streams missing"


@pytest.mark.parametrize("fmt", list(ExplainFormat))
@pytest.mark.parametrize("post", list(POSTS))
def test_explain_explains_every_kind_of_post(
    run_cli, everything: Path, post: str, fmt: str
) -> None:
    result = run_cli("explain", str(everything), post, "--format", fmt, "--width", "200")
    assert (result.exit_code, result.stderr) == (0, "")
    if fmt == ExplainFormat.json:
        document = json.loads(result.stdout)
        assert document["post"]["id"] == post
        assert document["post"]["steps"]
    else:
        assert result.stdout.startswith(POSTS[post])


@pytest.mark.parametrize(("command", "fmt"), outputs("diff", DiffFormat))
def test_every_view_of_a_diff_shows_every_post(
    run_cli, everything: Path, command: str, fmt: str
) -> None:
    result = run_cli("diff", str(everything), f"{everything}@grown", "--format", fmt, "--all")
    assert (result.exit_code, result.stderr) == (0, "")
    names = {**POSTS, **ADDED}
    assert [post for post, name in names.items() if name not in result.stdout] == []
    if fmt == DiffFormat.json:
        document = json.loads(result.stdout)
        assert document["format_version"] == 1
        text = json.dumps(document, ensure_ascii=False)
        assert all(post in text for post in [*ADDED, *REMOVED])


@pytest.mark.parametrize(("command", "fmt"), outputs("check", CheckFormat))
def test_every_check_format_reports_every_policy(
    run_cli, everything: Path, command: str, fmt: str
) -> None:
    result = run_cli("check", str(everything), "--format", fmt)
    assert (result.exit_code, result.stderr) == (1, "")
    assert [rule for rule in POLICIES if rule not in result.stdout] == [], "policies silent"


@pytest.mark.parametrize(("command", "fmt"), outputs("simulate", SimulateFormat))
def test_every_view_of_a_simulation_shows_every_queue(
    run_cli, everything: Path, command: str, fmt: str
) -> None:
    result = run_cli("simulate", str(everything), "-r", "2", "--seed", "1", "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    if fmt == SimulateFormat.json:
        assert json.loads(result.stdout)["format_version"] == 1
    assert [stream for stream, name in QUEUES.items() if name not in result.stdout] == []


@pytest.mark.parametrize(("command", "fmt"), outputs("compare", CompareFormat))
def test_every_view_of_a_comparison_shows_every_department_and_stream(
    run_cli, everything: Path, tmp_path: Path, command: str, fmt: str
) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run_cli("compare", str(everything), "--format", fmt, "--output", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    text = _xlsx(out.read_bytes()) if fmt == CompareFormat.xlsx else out.read_text("utf-8")
    if fmt == CompareFormat.json:
        _json(text)
    names = {**DEPARTMENTS, **STREAMS}
    if fmt == CompareFormat.csv:  # figures named by id (department.ops), as machine formats do
        names = {key: f".{key}" for key in names}
    assert [key for key, name in names.items() if name not in text] == []


@pytest.mark.parametrize(("command", "fmt"), outputs("schedule", ScheduleFormat))
def test_every_view_of_a_schedule_shows_every_template_it_staffs(
    run_cli, everything: Path, command: str, fmt: str
) -> None:
    result = run_cli("schedule", str(everything), "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(run_cli("schedule", str(everything), "--format", "json").stdout)
    (post,) = data["posts"]
    assert data["format_version"] == 1 and post["post"] == "voice_agent"
    used = {shift["template"] for shift in post["shifts"]}
    assert used == {"day", "night", "part"}
    if fmt == ScheduleFormat.csv:
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert {row["template"] for row in rows} == used
        assert sum(int(row["count"]) for row in rows) == sum(post["shifts_per_day"].values())
    elif fmt == ScheduleFormat.text:
        assert "电话座席 (voice_agent)" in result.stdout
        assert [t for t in ("白班", "夜班", "兼职") if t not in result.stdout] == []


def test_every_format_of_every_command_that_reads_a_config_is_covered() -> None:
    enums = {
        value
        for value in vars(formats).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    }
    assert sorted(e.__name__ for e in enums - COVERED - {formats.ErlangFormat}) == []
