"""`ccorg simulate`: the planned week as customers would see it, end to end."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from ccorg.commands import simulate as command

SHOP = Path(__file__).resolve().parents[2] / "configs" / "examples" / "ecommerce.yaml"


def plain(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def test_text_view_of_the_shop(run_cli, golden) -> None:
    result = run_cli("simulate", str(SHOP), "-r", "20", "--days", "mon,sat", "--width", "100")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""  # no progress bar when standard error is not a terminal
    golden("simulate_ecommerce.txt", plain(result.stdout).replace(str(SHOP), "SHOP"))


def test_json_of_the_bank(run_cli, bank_path: Path) -> None:
    result = run_cli("simulate", str(bank_path), "calls", "-r", "10", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format_version"] == 1
    assert (data["replications"], data["seed"], data["staffing"]) == (10, 1, "requirement")
    assert data["days"] == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert data["handle"] == {"distribution": "exponential", "cv": None}
    (calls,) = data["streams"]
    assert calls["id"] == "calls" and calls["post"] == "agent"
    assert calls["service_level"] == {"target": 0.8, "seconds": 20, "definition": "offered"}
    assert len(calls["intervals"]) == 7 * 48 and len(calls["days"]) == 7
    week = calls["week"]
    level = week["service_level"]
    assert level["low"] < level["mean"] < level["high"]
    # The plan's requirement meets 80/20 in every interval, so the week is above it.
    assert level["erlang"] > 0.8 and level["mean"] > 0.8
    assert week["abandon_rate"] is None
    assert sum(day["offered"] for day in calls["days"]) == pytest.approx(week["offered"])
    assert 20_000 < week["offered"] < 22_000
    assert calls["calls_simulated"] == pytest.approx(10 * week["offered"])
    monday_ten = calls["intervals"][20]
    assert (monday_ten["day"], monday_ten["time"], monday_ten["open"]) == ("mon", "10:00", True)
    assert monday_ten["agents"] == 20
    for short in calls["short_of_target"]:
        entry = next(
            i for i in calls["intervals"] if (i["day"], i["time"]) == (short["day"], short["time"])
        )
        assert entry["service_level"]["high"] < 0.8
    assert data["not_simulated"] == []


def test_the_same_seed_gives_the_same_run(run_cli) -> None:
    args = ("simulate", str(SHOP), "phone", "-r", "5", "--days", "tue", "-f", "json")
    first = run_cli(*args).stdout
    assert run_cli(*args).stdout == first
    assert run_cli(*args, "--seed", "2").stdout != first


def test_a_day_alone_is_the_same_day_as_in_the_week(run_cli) -> None:
    def saturday(*days: str) -> dict:
        result = run_cli("simulate", str(SHOP), "phone", "-r", "4", *days, "-f", "json")
        (stream,) = json.loads(result.stdout)["streams"]
        return next(day for day in stream["days"] if day["day"] == "sat")

    weekend = json.loads(
        run_cli("simulate", str(SHOP), "phone", "-r", "4", "--days", "weekend", "-f", "json").stdout
    )
    assert weekend["days"] == ["sat", "sun"]
    assert saturday("--days", "Saturday") == saturday()


def test_lognormal_handle_times_and_no_patience(run_cli) -> None:
    result = run_cli(
        "simulate",
        str(SHOP),
        "phone",
        "-r",
        "5",
        "--days",
        "mon",
        "--handle",
        "lognormal:1.2",
        "--patience",
        "none",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["handle"] == {"distribution": "lognormal", "cv": 1.2}
    (phone,) = data["streams"]
    assert phone["patience_seconds"] is None and phone["week"]["abandon_rate"] is None


def test_a_post_simulates_the_queues_it_works(run_cli) -> None:
    result = run_cli("simulate", str(SHOP), "chat_agent", "-r", "2", "--days", "sun", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["streams"]] == ["chat"]
    assert [s["id"] for s in data["not_simulated"]] == ["aftersales"]


def test_absurd_replications_are_capped_with_a_message(
    run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cap is 2,000 replications; a lower one keeps the test quick.
    monkeypatch.setattr("ccorg.simulate.MAX_REPLICATIONS", 30)
    result = run_cli(
        "simulate", str(SHOP), "phone", "-r", "1000000000", "--days", "mon", "-f", "json"
    )
    assert result.exit_code == 0
    assert result.stderr == "ccorg: --replications 1,000,000,000 capped at 30 (the limit)\n"
    assert json.loads(result.stdout)["replications"] == 30
    monkeypatch.setattr("ccorg.simulate.MAX_CALLS", 3_000)
    result = run_cli("simulate", str(SHOP), "phone", "-r", "100", "--days", "mon")
    assert result.stderr == (
        "ccorg: --replications 100 capped at 8 (the contacts one run may simulate)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-r", "0"), "ccorg: --replications must be at least 1, got 0"),
        (("-r", "-5"), "ccorg: --replications must be at least 1, got -5"),
        (("--seed", "-1"), "ccorg: --seed must be a whole number ≥ 0, got -1"),
        (("cals",), "ccorg: no stream or post 'cals'; did you mean 'calls'?"),
        (
            ("complaints",),
            "ccorg: stream 'complaints' (deferred) is not simulated, because deferred work has "
            "no callers waiting on the line: items wait for their response time, so its "
            "requirement is workload, not a queue",
        ),
        (
            ("callbacks",),
            "ccorg: stream 'callbacks' (outbound) is not simulated, because outbound work is "
            "dialled by the agents, so no caller waits in a queue: its requirement is "
            "workload, not a queue",
        ),
        (("gm",), "ccorg: post 'gm' (总经理) works no demand stream: nothing to simulate"),
        (
            ("complaint_specialist",),
            "ccorg: post 'complaint_specialist' (投诉专员) works no voice or chat stream (only "
            "complaints): nothing to simulate",
        ),
        (("--handle", "lognormal:0"), "ccorg: --handle lognormal:CV needs 0 < CV ≤ 10, got 0"),
        (("--handle", "lognormal:-1"), "ccorg: --handle lognormal:CV needs 0 < CV ≤ 10, got -1"),
        (
            ("--handle", "lognormal:x"),
            "ccorg: --handle lognormal:CV needs a coefficient of variation, e.g. "
            "lognormal:0.8; got 'x'",
        ),
        (("--handle", "gamma"), "ccorg: --handle must be exponential or lognormal:CV, got 'gamma'"),
        (
            ("--days", "mon,fryday"),
            "ccorg: --days: unknown day 'fryday'; give mon, tue, wed, thu, fri, sat, sun, "
            "weekdays, weekend or daily, separated by commas",
        ),
        (
            ("--patience", "sometimes"),
            "ccorg: --patience must be exponential or none, got 'sometimes'",
        ),
    ],
)
def test_bad_input_is_a_usage_error(run_cli, bank_path: Path, args, message) -> None:
    result = run_cli("simulate", str(bank_path), *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_a_config_without_demand_has_nothing_to_simulate(run_cli, tmp_path: Path) -> None:
    config = tmp_path / "org.yaml"
    config.write_text(
        "center: {id: c, name: C}\n"
        "grades: [{id: g, name: G, rank: 1}]\n"
        "departments: [{id: d, name: D, posts: [{id: p, name: P, grade: g, "
        "rule: {kind: fixed, count: 1}}]}]\n",
        encoding="utf-8",
    )
    result = run_cli("simulate", str(config))
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: nothing to simulate: the config has no demand streams\n",
    )


def test_a_broken_config_is_a_config_error(run_cli, tmp_path: Path) -> None:
    config = tmp_path / "bad.yaml"
    config.write_text("center: {id: c, name: C, colour: red}\n", encoding="utf-8")
    result = run_cli("simulate", str(config))
    assert result.exit_code == 1
    assert f"{config}:1:" in result.stderr


def test_a_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    with command._progress(3) as tick:
        assert tick is not None
        for _ in range(3):
            tick()
    assert "simulating" in screen.getvalue()

    piped = io.StringIO()
    monkeypatch.setattr("sys.stderr", piped)
    with command._progress(3) as tick:
        assert tick is None
    assert piped.getvalue() == ""


def test_the_readme_shows_the_banks_simulated_week(bank_path: Path) -> None:
    from ccorg.pipeline import plan_file
    from ccorg.render.console import make_console
    from ccorg.render.simulate_text import render_simulation
    from ccorg.simulate import SimulationOptions, simulate_plan

    simulation = simulate_plan(plan_file(str(bank_path)), ["calls"], SimulationOptions())
    screen = io.StringIO()
    render_simulation(simulation, make_console("never", file=screen, width=100))
    shown = plain(screen.getvalue())
    readme = (bank_path.parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("The bank's calls stream at the planned requirement") :]
    opening = section.index("```\n") + 4
    block = section[opening : section.index("\n```", opening)]
    assert block.count("\n") == 3, block
    for line in block.splitlines():
        if line.strip() != "…":
            assert line.rstrip() + "\n" in shown, line
    (calls,) = simulation.streams
    level = calls.week.service_level
    assert (
        f"**{float(level.mean) * 100:.1f}% (95% CI {float(level.low) * 100:.1f}–"
        f"{float(level.high) * 100:.1f}%)** against {float(level.erlang) * 100:.1f}% by Erlang C"
    ) in section
    assert calls.short_of_target == ()
    assert "No interval's CI lies wholly below 80%" in section
    intervals = calls.intervals
    level = intervals.service_level
    lowest = np.unravel_index(np.nanargmin(level.mean), level.mean.shape)
    assert lowest == (3, 36)  # Thursday 18:00
    assert calls.agents[3, 35] == 14 and calls.agents[3, 36] == 11
    assert (
        f"({level.mean[lowest] * 100:.1f}%, CI {level.low[lowest] * 100:.1f}–"
        f"{level.high[lowest] * 100:.1f}%, against {level.erlang[lowest] * 100:.1f}% by Erlang; "
        f"it misses 80% in {intervals.miss_share[lowest] * 100:.0f}% of the\nweeks), and an "
        f"interval misses 80% in {np.nanmean(intervals.miss_share) * 100:.0f}% of the weeks"
    ) in section


@pytest.mark.parametrize(
    ("language", "name"), [("zh", "simulate_bank_zh.txt"), ("en", "simulate_bank_en.txt")]
)
def test_the_bank_in_both_languages(run_cli, golden, bank_path: Path, language, name) -> None:
    # The same run in each language: the two golden files differ only in their words.
    args = ("simulate", str(bank_path), "agent", "-r", "5", "--days", "mon", "--width", "100")
    result = run_cli(*args, "--lang", language)
    assert result.exit_code == 0, result.stderr
    golden(name, plain(result.stdout))


def test_the_shop_in_chinese(run_cli, golden) -> None:
    result = run_cli(
        "simulate", str(SHOP), "-r", "20", "--days", "mon,sat", "--width", "100", "--lang", "zh"
    )
    assert result.exit_code == 0, result.stderr
    golden("simulate_ecommerce_zh.txt", plain(result.stdout).replace(str(SHOP), "SHOP"))


def test_chinese_refusal(run_cli, bank_path: Path) -> None:
    refused = run_cli("simulate", str(bank_path), "complaints", "--lang", "zh")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("ccorg: 需求流 'complaints'（deferred）不做模拟，因为延时工作")


def test_staffing_schedule_simulates_the_shift_plans_coverage(run_cli):
    from ccorg.pipeline import load_config, plan_config, schedule_config
    from ccorg.simulate import staffing_from_shifts

    bank = str(Path(__file__).resolve().parents[2] / "configs" / "bank.yaml")
    result = run_cli("simulate", bank, "calls", "-r", "4", "--staffing", "schedule", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert document["staffing"] == "schedule"
    loaded = load_config(bank)
    plan = plan_config(loaded)
    (shifts,) = schedule_config(loaded, ["agent"])
    staffing = staffing_from_shifts(plan, [shifts])
    # 座席 works only the calls stream: it gets every agent the shifts put on the phones,
    # at least the requirement in every interval.
    assert np.array_equal(staffing["calls"], shifts.coverage)
    assert (staffing["calls"] >= plan.streams[0].agents).all()
    bad = run_cli("simulate", bank, "--staffing", "rota")
    assert bad.exit_code == 2 and "--staffing must be requirement or schedule" in bad.stderr


def test_chinese_text_says_seconds_and_lists_days_with_the_enumeration_comma(run_cli) -> None:
    result = run_cli(
        "simulate", str(SHOP), "-r", "5", "--days", "mon,sat", "--width", "100", "--lang", "zh"
    )
    assert result.exit_code == 0, result.stderr
    assert "模拟 5 次 × 周一、周六" in result.stdout
    week = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("合计"))
    assert week.count(" 秒") == 2 and " s " not in week


def test_a_replication_past_the_contacts_of_a_run_is_refused(
    run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit is 30 million contacts; a lower one keeps the test quick.
    monkeypatch.setattr("ccorg.simulate.MAX_CALLS", 10)
    result = run_cli("simulate", str(SHOP), "phone", "-r", "1", "--days", "mon")
    assert result.exit_code == 2
    assert "more than a run may (10, the limit of a run)" in result.stderr
    assert result.stdout == ""
