"""Forecast files named by streams: read relative to the config, bad rows by line."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from ccorg.errors import ConfigError, Location
from ccorg.pipeline import load_config, plan_config

CONFIG = """\
center: {{id: c, name: 中心, service_hours: {hours}}}
grades: [{{id: g, name: 职级, rank: 1}}]
shrinkage: {{breakdown: {{breaks: 0.2}}}}
departments:
  - id: d
    name: 部门
    posts:
      - {{id: agent, name: 座席, grade: g, rule: {{kind: workload, streams: [calls]}}}}
demand:
  interval_minutes: 60
  streams:
    - id: calls
      name: 来话
      channel: voice
      volume: {{forecast: forecasts/calls.csv}}
      aht_seconds: 180
      service_level: {{target: 0.8, seconds: 20}}
"""


def setup(tmp_path: Path, rows: list[str], hours: str = "7x24") -> str:
    (tmp_path / "forecasts").mkdir()
    (tmp_path / "forecasts" / "calls.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG.format(hours=hours), encoding="utf-8")
    return str(config)


def test_forecast_rows_become_the_week(tmp_path: Path) -> None:
    path = setup(
        tmp_path, ["weekday,time,volume", "mon,09:00,120", "Tue,23:00,30.5", "sun,00:00,0"]
    )
    loaded = load_config(path)
    week = loaded.forecasts["calls"]
    assert week.shape == (7, 24)
    assert (week[0, 9], week[1, 23], week.sum()) == (120, 30.5, 150.5)
    (stream,) = plan_config(loaded).streams
    assert np.array_equal(stream.volume, week)
    assert stream.summary == "22 calls/day · 80/20"


def named_at(tmp_path: Path) -> str:
    """What a problem in the forecast file adds: where the config names the file."""
    config = CONFIG.format(hours="7x24").splitlines()
    (line,) = (number for number, text in enumerate(config, 1) if "forecast:" in text)
    col = config[line - 1].index("forecasts/calls.csv") + 1
    return f" (the forecast file named at {tmp_path / 'c.yaml'}:{line}:{col})"


@pytest.mark.parametrize(
    ("row", "col", "message"),
    [
        ("Monday,10:00,1", 0, None),
        ("funday,09:00,1", 1, "weekday 'funday' is not one of mon … sun (or monday …)"),
        ("mon,09:30,1", 5, "time '09:30' is not the start of a 60-minute interval (HH:MM)"),
        ("mon,25:00,1", 5, "time '25:00' is not the start"),
        ("mon,10:00,-4", 11, "volume '-4' is not a number from 0 to 10,000,000 (the most"),
        ("mon,10:00,nan", 11, "volume 'nan' is not a number from 0 to 10,000,000"),
        ('mon,"10:00",1e308', 13, "volume '1e308' is not a number from 0 to 10,000,000"),
        ("mon,09:00,3", 1, "mon 09:00 is already given on line 2"),
    ],
)
def test_bad_rows_are_located(tmp_path: Path, row: str, col: int, message: str | None) -> None:
    path = setup(tmp_path, ["weekday,time,volume", "mon,09:00,1", row])
    if message is None:
        load_config(path)
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert problem.location == Location(str(tmp_path / "forecasts" / "calls.csv"), 3, col)
    assert problem.message.startswith(message)
    assert problem.message.endswith(named_at(tmp_path))


def test_a_repeated_row_is_told_even_when_its_first_copy_is_bad(tmp_path: Path) -> None:
    path = setup(tmp_path, ["weekday,time,volume", "mon,09:00,many", "mon,09:00,1"])
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [
        (p.location.line, p.message.removesuffix(named_at(tmp_path))) for p in caught.value.problems
    ] == [
        (2, "volume 'many' is not a number from 0 to 10,000,000 (the most contacts a day)"),
        (3, "mon 09:00 is already given on line 2"),
    ]


@pytest.mark.parametrize(
    ("header", "col", "message"),
    [
        (
            "weekday,time,volume,volume",
            21,
            "duplicate column 'volume': the header names it twice (columns 3 and 4)",
        ),
        (
            "date,time,volume, Date",
            18,
            "duplicate column 'date': the header names it twice (columns 1 and 4)",
        ),
    ],
)
def test_a_column_named_twice_is_refused(
    tmp_path: Path, header: str, col: int, message: str
) -> None:
    path = setup(tmp_path, [header, "mon,09:00,1,"])
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert problem.location == Location(str(tmp_path / "forecasts" / "calls.csv"), 1, col)
    assert problem.message == message + named_at(tmp_path)


@pytest.mark.parametrize(
    ("raw", "line", "col", "message"),
    [
        (
            "weekday,time,volume\nmon,09:00,1\n".encode("utf-16"),
            1,
            1,
            "the file is UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8)",
        ),
        (
            "weekday,time,volume\n周一,09:00,".encode() + b"\xff\n",
            2,
            10,
            "not UTF-8 text (byte 0xff); save the file as UTF-8",
        ),
        (b"weekday,time,volume\nmon,\x00", 2, 5, "binary content (a NUL byte), not CSV text"),
    ],
)
def test_a_file_that_is_not_utf8_text_is_located(
    tmp_path: Path, raw: bytes, line: int, col: int, message: str
) -> None:
    path = setup(tmp_path, [])
    (tmp_path / "forecasts" / "calls.csv").write_bytes(raw)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert problem.location == Location(str(tmp_path / "forecasts" / "calls.csv"), line, col)
    assert problem.message == message + named_at(tmp_path)


def test_a_dated_forecast_tells_the_column_of_a_bad_cell(tmp_path: Path) -> None:
    rows = ["date,time,volume", "2027-03-01,00:00,1", "2027-03-01,01:00,-1", "2027-13-01,02:00,1"]
    path = setup(tmp_path, rows)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [(str(p.location).rsplit("/", 1)[1], p.message) for p in caught.value.problems] == [
        (
            "calls.csv:4:1",
            "date '2027-13-01' is not a date written YYYY-MM-DD" + named_at(tmp_path),
        ),
        ("calls.csv:3:18", "volume '-1' is not a number ≥ 0" + named_at(tmp_path)),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "/etc/hostname",
        "../outside.csv",
        "forecasts/../../outside.csv",
        "forecasts/link.csv",
        "a\\0b.csv",
    ],
)
def test_a_forecast_outside_the_configs_directory_is_refused_unread(
    tmp_path: Path, name: str
) -> None:
    home = tmp_path / "repo"
    home.mkdir()
    (tmp_path / "outside.csv").write_text("weekday,time,volume\nmon,09:00,1\n")
    (home / "forecasts").mkdir()
    (home / "forecasts" / "link.csv").symlink_to(tmp_path / "outside.csv")
    config = home / "c.yaml"
    config.write_text(
        CONFIG.format(hours="7x24").replace("forecasts/calls.csv", f'"{name}"'), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(str(config))
    (problem,) = caught.value.problems
    shown = name.replace("\\0", "\x00")
    assert str(problem) == (
        f"{config}:15:26: forecast file {shown!r}: not below the config's directory; a forecast "
        "path is relative to the config file and stays inside its directory"
    )


def test_a_link_that_stays_inside_the_configs_directory_is_read(tmp_path: Path) -> None:
    path = setup(tmp_path, [])
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "week.csv").write_text("weekday,time,volume\nmon,09:00,7\n")
    (tmp_path / "forecasts" / "calls.csv").unlink()
    (tmp_path / "forecasts" / "calls.csv").symlink_to(tmp_path / "data" / "week.csv")
    assert load_config(path).forecasts["calls"].sum() == 7


def test_missing_file_points_at_the_forecast_key(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG.format(hours="7x24"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(str(config))
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.col) == (15, 26)
    assert (
        "forecasts/calls.csv': no such file (paths are relative to the config file)"
        in problem.message
    )


def test_volume_while_closed_is_refused(tmp_path: Path, run_cli) -> None:
    path = setup(tmp_path, ["weekday,time,volume", "mon,21:00,5"], hours='{mon: ["09:00-21:00"]}')
    result = run_cli("plan", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:15:26: stream 'calls': the forecast has volume at Mon 21:00, when the stream "
        "is closed"
    )


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (os.mkfifo, "is a FIFO (named pipe), not a forecast file"),
        (os.mkdir, "is a directory, not a forecast file"),
    ],
)
def test_a_forecast_path_that_is_no_regular_file_says_what_it_is(
    tmp_path: Path, make, reason: str
) -> None:
    (tmp_path / "forecasts").mkdir()
    make(tmp_path / "forecasts" / "calls.csv")
    config = tmp_path / "c.yaml"
    config.write_text(CONFIG.format(hours="7x24"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(str(config))
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"{config}:15:26: forecast file '{tmp_path / 'forecasts' / 'calls.csv'}': {reason}"
    )


def test_a_forecast_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    path = setup(tmp_path, ["weekday,time,volume", *["mon,09:00,1"] * 100_000])
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert problem.message.endswith("is larger than 1024 KiB (the limit of a forecast file)")


def test_a_bad_cell_is_quoted_short_and_escaped(tmp_path: Path) -> None:
    cell = "\x1b]0;owned\x07" + "x" * 5000
    path = setup(tmp_path, ["weekday,time,volume", cell + ",09:00,1"])
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    shown = repr(cell[:40])[:-1] + "…'"
    assert "\x1b" not in problem.message and "\\x1b]0;owned\\x07" in shown
    assert problem.message == (
        f"weekday {shown} is not one of mon … sun (or monday …)" + named_at(tmp_path)
    )
