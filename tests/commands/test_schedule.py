"""`ccorg schedule`: the bank's shift plan end to end, and bad shift rules located."""

from __future__ import annotations

import json
import re
from pathlib import Path

BANK = Path(__file__).resolve().parents[2] / "configs" / "bank.yaml"
SMALL = """\
center: {id: c, name: C}
grades: [{id: agent, name: Agent, rank: 7}]
shrinkage: {breakdown: {all: 0.3}}
demand:
  interval_minutes: 30
  streams:
    - {id: work, name: Work, channel: deferred, volume: {per_day: 4800}, handle_seconds: 1800, response_hours: 0.5}
departments:
  - id: ops
    name: Ops
    posts:
      - {id: agent, name: Agent, grade: agent, rule: {kind: workload, streams: [work], shifts: [eight], schedule_fit: auto}}
shifts:
  templates:
    - {id: eight, name: Eight, starts: STARTS, paid_hours: 8}
"""


def test_the_bank_schedule_covers_its_requirement_and_feeds_the_plan(run_cli) -> None:
    result = run_cli("schedule", str(BANK), "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    (post,) = json.loads(result.stdout)["posts"]
    assert post["optimal"] and 0 < post["efficiency"] <= 1
    assert post["lp_bound"] <= post["paid_agent_hours"]
    for day, required in post["requirement"].items():
        assert all(c >= r for c, r in zip(post["coverage"][day], required, strict=True))
    plan = json.loads(run_cli("plan", str(BANK), "-f", "json").stdout)
    agent = next(p for d in plan["departments"] for p in d["posts"] if p["id"] == "agent")
    assert agent["workload"]["schedule_fit"] == post["schedule_fit"]


def test_a_start_that_cannot_cover_the_day_is_located_at_the_rule(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(SMALL.replace("STARTS", '["00:00"]'))
    result = run_cli("schedule", str(path))
    assert result.exit_code == 1
    assert f"{path}:12:" in result.stderr
    assert "post 'agent': no shift covers Mon 08:00–24:00" in result.stderr


def test_unknown_template_and_off_grid_start_are_located(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(SMALL.replace("shifts: [eight]", "shifts: [eigth]").replace("STARTS", '["00:00"]'))
    result = run_cli("schedule", str(path))
    assert result.exit_code == 1
    assert "unknown shift template 'eigth'; did you mean 'eight'?" in result.stderr
    path.write_text(SMALL.replace("STARTS", '["08:15"]'))
    result = run_cli("plan", str(path))
    assert result.exit_code == 1
    assert f"{path}:15:40:" in result.stderr and "08:15 is not on the 30-minute" in result.stderr


def _without_solve_time(text: str) -> str:
    """The text view with the solver's wall time, the one figure that differs run to run,
    blanked: ``· 0.99 s, 1,610 columns`` → ``· … s, 1,610 columns`` (``秒`` in Chinese)."""
    return re.sub(r"(?<=· )\d+(?:\.\d+)? (s|秒)(?=[,，])", r"… \1", text)


def test_the_bank_schedule_reads_as_the_golden_file_in_both_languages(run_cli, golden) -> None:
    # At 80 columns, the width a pipe gets: the shift table must fit whole in both languages.
    english = run_cli("schedule", str(BANK), "--lang", "en", "--width", "80")
    assert (english.exit_code, english.stderr) == (0, "")
    assert "… s, " in _without_solve_time(english.stdout)
    golden("schedule_bank.txt", _without_solve_time(english.stdout))
    chinese = run_cli("schedule", str(BANK), "--lang", "zh", "--width", "80")
    assert (chinese.exit_code, chinese.stderr) == (0, "")
    assert "… 秒" in _without_solve_time(chinese.stdout)
    golden("schedule_bank.zh.txt", _without_solve_time(chinese.stdout))
    for output in (english.stdout, chinese.stdout):
        shift_rows = [line for line in output.splitlines() if "(early)" in line]
        assert shift_rows and not any("…" in line for line in shift_rows)
