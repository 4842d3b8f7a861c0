"""Demand that cannot be planned is reported at the stream, naming the interval."""

from __future__ import annotations

from pathlib import Path

import pytest

from ccorg.limits import MAX_POSTS

CONFIG = """\
center: {id: c, name: 中心}
grades: [{id: g, name: 职级, rank: 1}]
shrinkage: {breakdown: {breaks: 0.2}}
departments:
  - id: d
    name: 部门
    posts:
      - {id: agent, name: 座席, grade: g, rule: {kind: workload, streams: [calls]}}
demand:
  streams:
    - id: calls
      name: 来话
      channel: voice
      volume: {per_day: 3000}
      aht_seconds: 180
      service_level: {target: 0.8, seconds: 20}
"""


@pytest.mark.parametrize(
    ("old", "new", "where", "message"),
    [
        (
            "{target: 0.8, seconds: 20}",
            "{target: 1, seconds: 0}",
            "11:7",
            "stream 'calls': the targets cannot be met at Mon 00:00 (62.5 calls): service "
            "level 100% within 0 s can never be met",
        ),
        (
            "{per_day: 3000}\n      aht_seconds: 180",
            "{per_day: 10000000}\n      aht_seconds: 86400",
            "11:7",
            "stream 'calls': the targets cannot be met at Mon 00:00 (208,333.3 calls): load "
            "1e+07 erlangs needs more than 100,000 agents",
        ),
        (
            "aht_seconds: 180",
            'aht_seconds: 180\n      service_hours: {sun: ["23:00-24:00"]}\n'
            "      floors: [{agents: 1}]",
            "11:7",
            None,
        ),
    ],
)
def test_unplannable_streams_are_located(
    run_cli, tmp_path: Path, old: str, new: str, where: str, message: str | None
) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CONFIG.replace(old, new), encoding="utf-8")
    result = run_cli("plan", str(path))
    if message is None:
        assert result.exit_code == 0, result.stderr
        return
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"{path}:{where}: {message}", "ccorg: 1 error"]


def test_stream_outside_the_centers_hours(run_cli, tmp_path: Path) -> None:
    text = CONFIG.replace("name: 中心}", 'name: 中心, service_hours: {mon: ["08:00-20:00"]}}')
    text = text.replace(
        "aht_seconds: 180", 'aht_seconds: 180\n      service_hours: {mon: ["07:30-20:00"]}'
    )
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("plan", str(path))
    assert result.stderr.splitlines()[0] == (
        f"{path}:16:22: stream 'calls': open at Mon 07:30, when the center is closed; a "
        "stream's hours lie within the center's"
    )


def test_a_patience_of_1e40_plans_as_erlang_c(run_cli, tmp_path: Path) -> None:
    plain, patient = tmp_path / "c.yaml", tmp_path / "a.yaml"
    plain.write_text(CONFIG, encoding="utf-8")
    patient.write_text(
        CONFIG.replace("aht_seconds: 180", "aht_seconds: 180\n      patience_seconds: 1e40"),
        encoding="utf-8",
    )
    results = [run_cli("plan", str(path), "-f", "csv") for path in (plain, patient)]
    assert [r.exit_code for r in results] == [0, 0]
    counts = [r.stdout.splitlines()[1].split(",")[6] for r in results]
    assert counts[0] == counts[1] and int(counts[0]) > 0


def test_a_long_ratio_loop_is_reported_short_and_in_order(run_cli, tmp_path: Path) -> None:
    count = MAX_POSTS  # as long as a loop may be
    posts = "\n".join(
        f"      - {{id: p{i}, name: P{i}, grade: g, rule: "
        f"{{kind: ratio, per: 1, of: [p{(i + 1) % count}]}}}}"
        for i in range(count)
    )
    path = tmp_path / "loop.yaml"
    path.write_text(
        "center: {id: c, name: C}\ngrades: [{id: g, name: G, rank: 1}]\n"
        f"departments:\n  - id: d\n    name: D\n    posts:\n{posts}\n",
        encoding="utf-8",
    )
    result = run_cli("plan", str(path))
    assert result.exit_code == 1
    steps = " -> ".join(f"p{i} (line {i + 7})" for i in range(10))
    assert result.stderr.splitlines()[0] == (
        f"{path}:7:9: headcount rules loop: {steps} -> … {count + 1 - 12:,} more … "
        f"-> p{count - 1} (line {count + 6}) -> p0 (line 7)"
    )


def test_each_scenario_on_its_loaded_base_plans_as_when_loaded_alone() -> None:
    from ccorg.config.loader import load_yaml, read_source
    from ccorg.pipeline import load_document, load_scenario, plan_config, plan_file
    from ccorg.staffing.plan_cache import PlanCache

    path = "configs/bank.yaml"
    document = load_yaml(*read_source(path))
    base = load_document(document, None, path)
    cache = PlanCache()
    plan_config(base, cache)
    assert base.config.scenarios  # the bank's scenarios are what this compares
    for name in base.config.scenarios:
        shared = plan_config(load_scenario(document, base, name, path), cache)
        alone = plan_file(path, name)
        assert [(p.id, p.headcount) for p in shared.all_posts()] == [
            (p.id, p.headcount) for p in alone.all_posts()
        ]


FORECAST_SCENARIOS = """\
scenarios:
  lean: {set: {agent: {max: 500}}}
  other_file: {set: {calls: {volume: {forecast: other.csv}}}}
"""


def test_scenarios_read_forecast_files_only_when_they_change_them(tmp_path: Path) -> None:
    from ccorg.config.loader import load_yaml, read_source
    from ccorg.pipeline import load_document, load_scenario

    config = CONFIG.replace("{per_day: 3000}", "{forecast: calls.csv}") + FORECAST_SCENARIOS
    path = tmp_path / "c.yaml"
    path.write_text(config, encoding="utf-8")
    (tmp_path / "calls.csv").write_text("weekday,time,volume\nmon,09:00,120\n", encoding="utf-8")
    (tmp_path / "other.csv").write_text("weekday,time,volume\nmon,10:00,80\n", encoding="utf-8")
    document = load_yaml(*read_source(str(path)))
    base = load_document(document, None, str(path))
    # Gone after the base read it: a scenario that keeps the file must not read it again.
    (tmp_path / "calls.csv").unlink()
    lean = load_scenario(document, base, "lean", str(path))
    assert lean.forecasts is base.forecasts
    other = load_scenario(document, base, "other_file", str(path))
    week = other.forecasts["calls"]
    assert other.config.demand is not None
    ten_o_clock = 10 * 60 // other.config.demand.interval_minutes
    assert (week.sum(), week[0].argmax()) == (80, ten_o_clock)
