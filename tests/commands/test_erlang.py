"""`ccorg erlang` as a planner runs it: every published case, single, reverse and batch."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

# (calls, interval, aht, target, agents needed, published figures at those agents)
PUBLISHED_SINGLE = [
    (
        "100",
        "30m",
        "180",
        "80/20",
        14,
        {
            "wait_probability": 0.1741319,
            "service_level": 0.88835,
            "asa_seconds": 7.8359,
            "occupancy": 0.7142857,
        },
    ),
    ("300", "30m", "180", "80/15", 35, {"service_level": 0.812}),
]
# (calls, interval, aht, threshold, agents, service level, ASA or None)
PUBLISHED_REVERSE = [
    ("100", "30m", "180", 20, 11, 0.3896138, None),
    ("1000", "1h", "120", 15, 34, 0.201, 156.3),
    ("1000", "1h", "120", 15, 35, 0.434, 50.1),
    ("1000", "1h", "120", 15, 36, 0.605, 24.8),
    ("1000", "1h", "120", 15, 37, 0.727, 14.1),
    # 20 erlangs: 200 calls of 180 s in 30 minutes.
    *[
        ("200", "30m", "180", 20, agents, level, None)
        for agents, level in zip(
            range(21, 29), (0.32, 0.55, 0.70, 0.81, 0.88, 0.93, 0.96, 0.97), strict=True
        )
    ],
]


def _places(published: float) -> float:
    """Half a unit of the published figure's last digit."""
    text = f"{published}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10**-decimals


def erlang_json(run_cli, *args: str) -> dict:
    result = run_cli("erlang", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("calls", "interval", "aht", "target", "agents", "figures"), PUBLISHED_SINGLE
)
def test_published_single_interval(run_cli, calls, interval, aht, target, agents, figures) -> None:
    data = erlang_json(
        run_cli, "--calls", calls, "--interval", interval, "--aht", aht, "--target", target
    )
    assert data["agents"] == agents
    assert data["model"] == "erlang_c"
    for key, published in figures.items():
        assert data["metrics"][key] == pytest.approx(published, abs=_places(published))
    assert [row["agents"] for row in data["table"]] == list(range(agents - 2, agents + 4))


def test_published_shrinkage_positions(run_cli) -> None:
    data = erlang_json(
        run_cli,
        "--calls",
        "100",
        "--interval",
        "30m",
        "--aht",
        "180",
        "--target",
        "80/20",
        "--shrinkage",
        "0.3",
    )
    assert (data["agents"], data["positions"]) == (14, 20)


@pytest.mark.parametrize(
    ("calls", "interval", "aht", "seconds", "agents", "level", "asa"), PUBLISHED_REVERSE
)
def test_published_reverse(run_cli, calls, interval, aht, seconds, agents, level, asa) -> None:
    data = erlang_json(
        run_cli,
        "--calls",
        calls,
        "--interval",
        interval,
        "--aht",
        aht,
        "--target",
        f"80/{seconds}",
        "--agents",
        str(agents),
    )
    assert data["agents"] == agents
    assert data["metrics"]["service_level"] == pytest.approx(level, abs=_places(level))
    if asa is not None:
        assert data["metrics"]["asa_seconds"] == pytest.approx(asa, abs=0.05)


def test_published_reverse_wait_probability_at_11_agents(run_cli) -> None:
    data = erlang_json(
        run_cli,
        "--calls",
        "100",
        "--interval",
        "30m",
        "--aht",
        "180",
        "--target",
        "80/20",
        "--agents",
        "11",
    )
    assert data["metrics"]["wait_probability"] == pytest.approx(0.6821182, abs=5e-8)
    assert (data["agents_needed"], data["meets_targets"]) == (14, False)


def test_published_erlang_a(run_cli) -> None:
    args = ("--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")
    erlang_a = erlang_json(run_cli, *args, "--patience", "300")
    assert (erlang_a["model"], erlang_a["agents"]) == ("erlang_a", 13)
    assert erlang_a["metrics"]["service_level"] == pytest.approx(0.858178, abs=5e-7)
    assert erlang_a["metrics"]["abandon_rate"] == pytest.approx(0.024963, abs=5e-7)
    assert erlang_json(run_cli, *args)["agents"] == 14


def test_single_text_marks_the_needed_row(run_cli) -> None:
    result = run_cli(
        "erlang",
        "--calls",
        "100",
        "--interval",
        "30m",
        "--aht",
        "180",
        "--target",
        "80/20",
        "--max-occupancy",
        "0.85",
        "--width",
        "80",
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Erlang C · 100 calls in 30 min · AHT 180 s · 10 erlangs"
    assert lines[1] == "Targets: 80% answered within 20 s (share of offered), occupancy ≤ 85%"
    # 10 erlangs ÷ 0.85 alone would need 12.
    assert (
        lines[2]
        == "Agents needed: 14 — set by service level 80/20 (occupancy ≤ 85% alone needs 12)"
    )
    needed = [line for line in lines if "◀ needed" in line]
    assert len(needed) == 1
    assert needed[0].split()[:5] == ["14", "88.84%", "7.84", "s", "71.43%"]


def test_reverse_text_says_met_or_missed(run_cli) -> None:
    args = ("erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")
    assert "Missed: 14 agents needed, 3 more than 11." in run_cli(*args, "--agents", "11").stdout
    assert "Met: 15 agents ≥ the 14 needed." in run_cli(*args, "--agents", "15").stdout


def test_reverse_at_zero_agents_reports_full_occupancy(run_cli) -> None:
    # 10 erlangs offered and nobody to take them: occupancy is 1, the queueing contract for
    # N ≤ A (issue #9: it said 0.00%), in text and JSON alike.
    args = ("erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")
    row = next(line for line in run_cli(*args, "--agents", "0").stdout.splitlines() if "∞" in line)
    assert row.split() == ["0", "0.00%", "∞", "100.00%", "100.00%"]
    data = erlang_json(run_cli, *args[1:], "--agents", "0")
    assert (data["metrics"]["occupancy"], data["metrics"]["wait_probability"]) == (1.0, 1.0)
    patient = erlang_json(run_cli, *args[1:], "--agents", "0", "--patience", "60")
    assert (patient["metrics"]["occupancy"], patient["metrics"]["abandon_rate"]) == (1.0, 1.0)


def test_occupancy_cap_on_a_whole_number(run_cli) -> None:
    # 22.1 erlangs at 85 % occupancy: 22.1 / 0.85 = 26 exactly, though binary floating point
    # makes it 26.000000000000004; a target met by few agents leaves the cap to decide.
    data = erlang_json(
        run_cli,
        "--calls",
        "221",
        "--interval",
        "1h",
        "--aht",
        "360",
        "--target",
        "50/60",
        "--max-occupancy",
        "0.85",
    )
    assert data["agents"] == 26


def test_zero_calls_need_no_agents(run_cli) -> None:
    data = erlang_json(
        run_cli, "--calls", "0", "--interval", "15m", "--aht", "180", "--target", "80/20"
    )
    assert data["agents"] == 0
    assert data["metrics"]["service_level"] == 1.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--target", "100/0"), "service level 100% within 0 s can never be met"),
        (("--target", "80/20", "--max-occupancy", "0"), "occupancy cap 0"),
    ],
)
def test_infeasible_targets_exit_1(run_cli, args, message) -> None:
    result = run_cli("erlang", "--calls", "100", "--interval", "30m", "--aht", "180", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith("ccorg: the targets cannot be met: ")
    assert message in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--calls", "100"), "give --interval, --aht, --target"),
        (
            ("--calls", "-1", "--interval", "30m", "--aht", "180", "--target", "80/20"),
            "--calls: -1 is not a number in [0, 10,000,000]",
        ),
        (
            ("--calls", "nan", "--interval", "30m", "--aht", "180", "--target", "80/20"),
            "--calls: nan is not a number in [0, 10,000,000]",
        ),
        (
            ("--calls", "1", "--interval", "30m", "--aht", "0", "--target", "80/20"),
            "--aht: 0 is not a number of seconds in [0.001, 86,400]",
        ),
        (
            ("--calls", "1", "--interval", "30", "--aht", "180", "--target", "80/20"),
            "give a length with its unit",
        ),
        (
            ("--calls", "1", "--interval", "30m", "--aht", "180", "--target", "0.8"),
            "PERCENT/SECONDS",
        ),
        (
            (
                "--calls",
                "1",
                "--interval",
                "30m",
                "--aht",
                "180",
                "--target",
                "80/20",
                "--max-abandon",
                "0.1",
            ),
            "needs --patience",
        ),
        (("--forecast", "x.csv", "--calls", "1"), "drop --calls"),
        (
            ("--calls", "1", "--interval", "30m", "--aht", "180", "--target", "80/20", "-f", "csv"),
            "csv is for --forecast",
        ),
    ],
)
def test_usage_errors_exit_2(run_cli, args, message) -> None:
    result = run_cli("erlang", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def write_batch(tmp_path: Path, rows: list[str]) -> str:
    path = tmp_path / "forecast.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


PUBLISHED_BATCH = [
    "calls,interval_seconds,aht_seconds,sl_target,sl_seconds,max_occupancy,patience_seconds,case",
    "100,1800,180,0.8,20,,,first",
    "300,1800,180,0.8,15,,,second",
    "100,1800,180,0.8,20,,300,erlang a",
    "221,3600,360,0.5,60,0.85,,occupancy",
    "0,900,180,0.8,20,,,empty",
]


def test_batch_csv_adds_columns_and_keeps_rows(run_cli, tmp_path: Path) -> None:
    result = run_cli("erlang", "--forecast", write_batch(tmp_path, PUBLISHED_BATCH))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        *PUBLISHED_BATCH[0].split(","),
        "agents",
        "service_level",
        "asa_seconds",
        "occupancy",
        "wait_probability",
        "abandon_rate",
    ]
    assert [(r["case"], int(r["agents"])) for r in rows] == [
        ("first", 14),
        ("second", 35),
        ("erlang a", 13),
        ("occupancy", 26),
        ("empty", 0),
    ]
    first, second, erlang_a = rows[0], rows[1], rows[2]
    assert float(first["wait_probability"]) == pytest.approx(0.1741319, abs=5e-8)
    assert float(first["service_level"]) == pytest.approx(0.88835, abs=5e-6)
    assert float(first["asa_seconds"]) == pytest.approx(7.8359, abs=5e-5)
    assert first["abandon_rate"] == ""
    assert float(second["service_level"]) == pytest.approx(0.812, abs=5e-4)
    assert float(erlang_a["service_level"]) == pytest.approx(0.858178, abs=5e-7)
    assert float(erlang_a["abandon_rate"]) == pytest.approx(0.024963, abs=5e-7)


def test_batch_without_patience_has_no_abandon_column(run_cli, tmp_path: Path) -> None:
    rows = ["calls,interval_seconds,aht_seconds,sl_target,sl_seconds", "1000,3600,120,0.8,15"]
    result = run_cli("erlang", "--forecast", write_batch(tmp_path, rows))
    header = result.stdout.splitlines()[0]
    assert header.endswith("sl_seconds,agents,service_level,asa_seconds,occupancy,wait_probability")


def test_batch_json(run_cli, tmp_path: Path) -> None:
    result = run_cli("erlang", "--forecast", write_batch(tmp_path, PUBLISHED_BATCH), "-f", "json")
    data = json.loads(result.stdout)
    assert data["format_version"] == 1
    first = data["rows"][0]
    assert (first["calls"], first["max_occupancy"], first["case"], first["agents"]) == (
        100.0,
        None,
        "first",
        14,
    )
    assert data["rows"][2]["abandon_rate"] == pytest.approx(0.024963, abs=5e-7)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("abc,1800,180,0.8,20", "calls: 'abc' is not a number"),
        ("-5,1800,180,0.8,20", "calls: -5 is not a number in [0, 10,000,000]"),
        ("nan,1800,180,0.8,20", "calls: nan is not a number in [0, 10,000,000]"),
        ("10,1800,0,0.8,20", "aht_seconds: 0 is not a number of seconds in [0.001, 86,400]"),
        ("10,1800,180,80,20", "sl_target: 80 is not a share in (0, 1]"),
        ("10,1800,180,0.8", "4 fields where the header has 5"),
        ("10,1800,180,,20", "sl_target: empty is not a share"),
        ("10,1800,180,1,0", "the targets cannot be met: service level 100% within 0 s"),
    ],
)
def test_batch_bad_row_names_its_line(run_cli, tmp_path: Path, row: str, message: str) -> None:
    rows = [
        "calls,interval_seconds,aht_seconds,sl_target,sl_seconds",
        "10,1800,180,0.8,20",
        "12,1800,180,0.8,20",
        row,
    ]
    path = write_batch(tmp_path, rows)
    result = run_cli("erlang", "--forecast", path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:4:1: {message}")
    assert result.stdout == ""


def test_batch_reports_every_bad_row(run_cli, tmp_path: Path) -> None:
    rows = [
        "calls,interval_seconds,aht_seconds,sl_target,sl_seconds",
        "x,1800,180,0.8,20",
        "1,1800,180,0.8,20",
        "1,1800,-1,0.8,20",
    ]
    path = write_batch(tmp_path, rows)
    result = run_cli("erlang", "--forecast", path)
    assert result.stderr.splitlines() == [
        f"{path}:2:1: calls: 'x' is not a number",
        f"{path}:4:1: aht_seconds: -1 is not a number of seconds in [0.001, 86,400]",
        "ccorg: 2 errors",
    ]


def test_batch_missing_columns_and_files(run_cli, tmp_path: Path) -> None:
    path = write_batch(tmp_path, ["calls,aht_seconds", "1,2"])
    result = run_cli("erlang", "--forecast", path)
    assert result.exit_code == 1
    assert "missing interval_seconds, sl_target, sl_seconds" in result.stderr
    missing = run_cli("erlang", "--forecast", str(tmp_path / "nope.csv"))
    assert (missing.exit_code, missing.stderr.strip()) == (
        2,
        f"ccorg: {tmp_path / 'nope.csv'}: no such file",
    )
    directory = run_cli("erlang", "--forecast", str(tmp_path))
    assert (directory.exit_code, directory.stderr.strip()) == (
        2,
        f"ccorg: {tmp_path}: is a directory, not a CSV file",
    )


def test_batch_blank_lines_keep_line_numbers(run_cli, tmp_path: Path) -> None:
    rows = [
        "calls,interval_seconds,aht_seconds,sl_target,sl_seconds",
        "",
        "10,1800,180,0.8,20",
        "",
        "x,1800,180,0.8,20",
    ]
    path = write_batch(tmp_path, rows)
    assert run_cli("erlang", "--forecast", path).stderr.startswith(f"{path}:5:1: calls: 'x'")


def test_batch_quoted_fields_pass_through(run_cli, tmp_path: Path) -> None:
    rows = [
        "calls,interval_seconds,aht_seconds,sl_target,sl_seconds,note",
        '100,1800,180,0.8,20,"Mon, 09:00"',
    ]
    result = run_cli("erlang", "--forecast", write_batch(tmp_path, rows))
    (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
    assert (row["note"], row["agents"]) == ("Mon, 09:00", "14")


def test_batch_from_stdin(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n300,1800,180,0.8,15\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    result = run_cli("erlang", "--forecast", "-")
    assert result.stdout.splitlines()[1].startswith("300,1800,180,0.8,15,35,0.812")


def test_patience_of_1e40_is_erlang_c_and_returns(run_cli) -> None:
    base = ["erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20"]
    patient = run_cli(*base, "--patience", "1e40", "-f", "json")
    plain = run_cli(*base, "-f", "json")
    assert patient.exit_code == plain.exit_code == 0
    a, c = json.loads(patient.stdout), json.loads(plain.stdout)
    assert a["agents"] == c["agents"] == 14
    assert a["metrics"]["abandon_rate"] < 1e-12
    assert a["metrics"]["service_level"] == pytest.approx(c["metrics"]["service_level"], 1e-12)


def test_the_audits_occupancy_cap_case(run_cli) -> None:
    args = ("--interval", "30m", "--aht", "180", "--target", "50/20", "--max-occupancy", "0.85")
    just_over = run_cli("erlang", "--calls", "221.0000001", *args)
    assert just_over.exit_code == 0
    # 221.0000001 × 180 = 39,780.000018 > 0.85 × 26 × 1,800 = 39,780: 26 agents are over 85%.
    assert "Agents needed: 27 — set by occupancy ≤ 85% (service level alone needs 24)" in (
        just_over.stdout
    )
    data = erlang_json(run_cli, "--calls", "221.0000001", *args)
    assert (data["agents"], data["binding"]) == (27, "occupancy")
    assert data["agents_by_target"] == {"service_level": 24, "occupancy": 27}
    assert data["metrics"]["occupancy"] <= 0.85
    assert erlang_json(run_cli, "--calls", "221", *args)["agents"] == 26


def test_erlang_a_caps_the_carried_occupancy_from_the_cli(run_cli) -> None:
    args = ("--calls", "200", "--interval", "30m", "--aht", "180", "--target", "80/20")
    data = erlang_json(run_cli, *args, "--patience", "60", "--max-occupancy", "0.85")
    assert (data["agents"], data["binding"]) == (22, "occupancy")
    assert data["agents_by_target"] == {"service_level": 21, "occupancy": 22}
    # The occupancy capped is the one shown: answered calls only.
    assert data["metrics"]["occupancy"] == pytest.approx(
        20 * (1 - data["metrics"]["abandon_rate"]) / 22
    )
    text = run_cli("erlang", *args, "--patience", "60", "--max-occupancy", "0.85").stdout
    assert "occupancy ≤ 85% of answered calls" in " ".join(text.split())
    help_text = " ".join(run_cli("erlang", "--help").stdout.split())
    assert "the occupancy capped by --max-occupancy is the carried one" in help_text


def test_service_level_definitions_from_the_cli(run_cli) -> None:
    args = ("--calls", "200", "--interval", "30m", "--aht", "180", "--target", "80/20")
    offered = erlang_json(run_cli, *args, "--patience", "60")
    answered = erlang_json(run_cli, *args, "--patience", "60", "--sl-of", "answered")
    short = erlang_json(run_cli, *args, "--patience", "60", "--short-abandon", "5")
    assert offered["service_level_definition"] == "offered"
    assert answered["service_level_definition"] == "answered"
    assert short["service_level_definition"] == "excluding_short_abandons"
    assert short["inputs"]["short_abandon_seconds"] == 5
    assert answered["agents"] < short["agents"] <= offered["agents"]
    # The reverse counts the service level by the same definition.
    reverse = erlang_json(
        run_cli,
        *args,
        "--patience",
        "60",
        "--sl-of",
        "answered",
        "--agents",
        str(answered["agents"]),
    )
    assert reverse["metrics"]["service_level"] == answered["metrics"]["service_level"]
    assert reverse["service_level_definition"] == "answered"
    text = run_cli("erlang", *args, "--patience", "60", "--sl-of", "answered").stdout
    assert "Targets: 80% answered within 20 s (share of answered)" in text
    text = run_cli("erlang", *args, "--patience", "60", "--short-abandon", "5").stdout
    assert "Targets: 80% answered within 20 s (excluding abandons within 5 s)" in text
    help_text = " ".join(run_cli("erlang", "--help").stdout.split())
    assert "--sl-of" in help_text and "excluding-short-abandons" in help_text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sl-of", "handled"), "--sl-of 'handled': give one of offered, answered, "),
        (("--sl-of", "excluding-short-abandons"), "needs --short-abandon SECONDS"),
        (("--sl-of", "answered", "--short-abandon", "5"), "--short-abandon goes with --sl-of"),
        (("--short-abandon", "-1"), "--short-abandon: -1 is not a number of seconds ≥ 0"),
    ],
)
def test_service_level_definition_usage_errors(
    run_cli, args: tuple[str, ...], message: str
) -> None:
    base = ("--calls", "200", "--interval", "30m", "--aht", "180", "--target", "80/20")
    result = run_cli("erlang", *base, "--patience", "60", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_batch_service_level_definitions(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "calls,interval_seconds,aht_seconds,sl_target,sl_seconds,patience_seconds,"
        "short_abandon_seconds,sl_definition\n"
        "200,1800,180,0.8,20,60,,\n"
        "200,1800,180,0.8,20,60,5,\n"
        "200,1800,180,0.8,20,60,,answered\n"
        "200,1800,180,0.8,20,60,5,excluding_short_abandons\n",
        encoding="utf-8",
    )
    result = run_cli("erlang", "--forecast", str(path))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    singles = [
        erlang_json(
            run_cli,
            "--calls",
            "200",
            "--interval",
            "30m",
            "--aht",
            "180",
            "--target",
            "80/20",
            "--patience",
            "60",
            *extra,
        )
        for extra in (
            (),
            ("--short-abandon", "5"),
            ("--sl-of", "answered"),
            ("--short-abandon", "5"),
        )
    ]
    assert [int(row["agents"]) for row in rows] == [single["agents"] for single in singles]
    for row, single in zip(rows, singles, strict=True):
        assert float(row["service_level"]) == pytest.approx(
            single["metrics"]["service_level"], rel=1e-9
        )
    path.write_text(
        "calls,interval_seconds,aht_seconds,sl_target,sl_seconds,patience_seconds,"
        "short_abandon_seconds,sl_definition\n"
        "200,1800,180,0.8,20,60,,excluding-short-abandons\n"
        "200,1800,180,0.8,20,60,,\n"
        "200,1800,180,0.8,20,60,5,answered\n",
        encoding="utf-8",
    )
    bad = run_cli("erlang", "--forecast", str(path))
    assert bad.exit_code == 1
    assert bad.stderr.splitlines()[:2] == [
        f"{path}:2:1: sl_definition excluding-short-abandons needs short_abandon_seconds",
        f"{path}:4:1: short_abandon_seconds goes with sl_definition excluding-short-abandons, "
        "not answered",
    ]
