"""The Erlang inputs are declared once: the command line, the CSV and the checks agree."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ccorg.erlang.inputs import INPUTS, OPTIONAL_COLUMNS, OPTIONS, REQUIRED_COLUMNS, Interval

# One value out of range for each input given as a plain number, as a user would type it.
OUT_OF_RANGE = {
    "calls": "-1",
    "aht_seconds": "0",
    "max_occupancy": "1.5",
    "asa_target_seconds": "0",
    "patience_seconds": "-3",
    "max_abandon_rate": "2",
    "short_abandon_seconds": "-5",
    "shrinkage": "1",
}
BASE = {
    "calls": "100",
    "interval_seconds": "1800",
    "aht_seconds": "180",
    "sl_target": "0.8",
    "sl_seconds": "20",
}
CLI_BASE = ("--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")


def test_interval_fields_and_options_follow_the_declaration() -> None:
    fields = [field.name for field in dataclasses.fields(Interval)]
    assert fields == [*(i.name for i in INPUTS), "service_level_definition"]
    assert [option.flag for option in OPTIONS] == [
        "--calls",
        "--interval",
        "--aht",
        "--target",
        "--max-occupancy",
        "--asa",
        "--patience",
        "--max-abandon",
        "--short-abandon",
        "--shrinkage",
    ]
    assert REQUIRED_COLUMNS == (
        "calls",
        "interval_seconds",
        "aht_seconds",
        "sl_target",
        "sl_seconds",
    )
    assert "shrinkage" not in OPTIONAL_COLUMNS  # a view of the single calculation only
    assert set(OUT_OF_RANGE) == {i.name for i in INPUTS if i.flag not in ("--interval", "--target")}


def test_every_option_is_on_the_command_line(run_cli) -> None:
    result = run_cli("erlang", "--help")
    for option in OPTIONS:
        assert option.flag in result.stdout


@pytest.mark.parametrize("name", sorted(OUT_OF_RANGE))
def test_a_value_out_of_range_reads_the_same_from_the_cli_and_the_csv(
    run_cli, tmp_path: Path, name: str
) -> None:
    item = next(i for i in INPUTS if i.name == name)
    value = OUT_OF_RANGE[name]
    extra = ("--patience", "60") if item.needs else ()
    cli = run_cli("erlang", *CLI_BASE, *extra, item.flag, value)
    assert cli.exit_code == 2
    assert cli.stderr == f"ccorg: {item.flag}: {value} is not {item.bound.wanted}\n"
    if not item.batch:
        return
    row = {**BASE, **({"patience_seconds": "60"} if item.needs else {}), name: value}
    path = tmp_path / "f.csv"
    path.write_text(",".join(row) + "\n" + ",".join(row.values()) + "\n", encoding="utf-8")
    batch = run_cli("erlang", "--forecast", str(path))
    assert batch.exit_code == 1
    assert batch.stderr.startswith(f"{path}:2:1: {name}: {value} is not {item.bound.wanted}\n")


def test_an_input_that_needs_another_says_so_in_both(run_cli, tmp_path: Path) -> None:
    cli = run_cli("erlang", *CLI_BASE, "--max-abandon", "0.05")
    assert cli.stderr == "ccorg: --max-abandon needs --patience (abandonment is Erlang A)\n"
    path = tmp_path / "f.csv"
    path.write_text(
        ",".join(BASE) + ",max_abandon_rate\n100,1800,180,0.8,20,0.05\n", encoding="utf-8"
    )
    batch = run_cli("erlang", "--forecast", str(path))
    assert batch.stderr.startswith(
        f"{path}:2:1: max_abandon_rate needs patience_seconds (abandonment is Erlang A)\n"
    )


def test_inputs_past_their_limits_are_a_usage_error_naming_the_limit(run_cli) -> None:
    huge = ("--calls", "1e300", "--interval", "1s", "--aht", "1e300", "--target", "80/20")
    for extra in ((), ("--agents", "3")):
        result = run_cli("erlang", *huge, *extra)
        assert (result.exit_code, result.stderr) == (
            2,
            "ccorg: --calls: 1e300 is not a number in [0, 10,000,000]\n",
        )


def test_a_share_written_where_the_percentage_goes_is_refused(run_cli) -> None:
    base = ["erlang", "--calls", "100", "--interval", "30m", "--aht", "180"]
    slip = run_cli(*base, "--target", "0.8/20")
    assert slip.exit_code == 2
    assert "80/20 for 80%; write 0.8%/20 if you mean 0.8%" in slip.stderr
    meant = run_cli(*base, "--target", "0.8%/20", "--format", "json")
    assert meant.exit_code == 0
    assert json.loads(meant.stdout)["inputs"]["sl_target"] == pytest.approx(0.008)
