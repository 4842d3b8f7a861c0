"""Forecast files named by streams: read relative to the config, bad rows by line."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from ccorg.errors import ConfigError
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


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Monday,10:00,1", None),
        ("funday,09:00,1", "weekday 'funday' is not one of mon … sun (or monday …)"),
        ("mon,09:30,1", "time '09:30' is not the start of a 60-minute interval (HH:MM)"),
        ("mon,25:00,1", "time '25:00' is not the start"),
        ("mon,10:00,-4", "volume '-4' is not a number from 0 to 10,000,000 (the most"),
        ("mon,10:00,nan", "volume 'nan' is not a number from 0 to 10,000,000"),
        ("mon,10:00,1e308", "volume '1e308' is not a number from 0 to 10,000,000"),
        ("mon,09:00,3", "mon 09:00 is already given on line 2"),
    ],
)
def test_bad_rows_are_located(tmp_path: Path, row: str, message: str | None) -> None:
    path = setup(tmp_path, ["weekday,time,volume", "mon,09:00,1", row])
    if message is None:
        load_config(path)
        return
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{tmp_path / 'forecasts' / 'calls.csv'}:3:1: {message}")


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
    assert problem.message == f"weekday {shown} is not one of mon … sun (or monday …)"


WEEKLY, DATED = ("weekday,time,volume", "mon,09:00,"), ("date,time,volume", "2027-01-04,09:00,")
LONG_LINE = (
    "a line longer than 1,048,576 characters (the limit of a forecast line): not a forecast CSV"
)


@pytest.mark.parametrize(
    ("header", "row", "cell", "message"),
    [
        (*WEEKLY, "1\x002", "a NUL byte: not a text CSV file"),
        (*DATED, "1\x002", "a NUL byte: not a text CSV file"),
        (*DATED, "1" * 1024 * 1024, LONG_LINE),  # a weekly forecast is smaller than a line
    ],
)
def test_a_nul_byte_or_a_line_past_the_limit_is_refused_at_its_line(
    tmp_path: Path, header: str, row: str, cell: str, message: str
) -> None:
    # A weekly forecast of 1 MiB, a dated one of 64 MiB: neither reader parses such a line
    # (a dated forecast of one 60 MB line of NULs took a minute and 1.4 GB).
    path = setup(tmp_path, [header, row + "1", row + cell, row + "2"])
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.message) == (3, message)
