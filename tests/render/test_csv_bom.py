"""Every CSV a person opens in Excel starts with a UTF-8 BOM under zh (Excel on Chinese
Windows), or as ``--bom`` / ``--no-bom`` tell: plan, capacity, compare, schedule, erlang batches."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from ccorg.pipeline import plan_file

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("flags", "bom"),
    [
        (["--lang", "zh"], True),
        (["--lang", "en"], False),
        (["--lang", "zh", "--no-bom"], False),
        (["--lang", "en", "--bom"], True),
    ],
)
def test_bom(bank_path: Path, flags: list[str], bom: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ccorg", "plan", str(bank_path), "-f", "csv", *flags],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(BOM) is bom
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert rows[0]["department_id"] == ""
    assert sum(int(row["headcount"]) for row in rows) == plan_file(str(bank_path)).total_headcount


FORECAST = "calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n100,1800,180,0.8,20\n"


# The bank's full CSVs take a second or two each: zh and en for each command, and --no-bom
# (the one option, shared) on the quick one.
CSV_COMMANDS = {
    "capacity": ("capacity", "{bank}", "-f", "csv", "--post", "agent"),
    "compare": ("compare", "{bank}", "--scenarios", "lean", "-f", "csv"),
    "schedule": ("schedule", "{bank}", "agent", "-f", "csv", "--time-limit", "5"),
    "erlang": ("erlang", "--forecast", "{forecast}", "-f", "csv"),
}
CASES = [
    *[(name, ["--lang", "zh"], True) for name in CSV_COMMANDS],
    *[(name, ["--lang", "en"], False) for name in CSV_COMMANDS],
    ("erlang", ["--lang", "zh", "--no-bom"], False),
    ("erlang", ["--lang", "en", "--bom"], True),
]


@pytest.mark.parametrize(("name", "flags", "bom"), CASES)
def test_every_csv_takes_the_same_bom(
    run_cli, bank_path: Path, tmp_path: Path, name: str, flags: list[str], bom: bool
) -> None:
    forecast = tmp_path / "week.csv"
    forecast.write_text(FORECAST, encoding="utf-8")
    args = [arg.format(bank=bank_path, forecast=forecast) for arg in CSV_COMMANDS[name]]
    result = run_cli(*args, *flags)
    assert result.exit_code == 0, result.stderr
    data = result.stdout.encode("utf-8")
    assert data.startswith(BOM) is bom
    # The mark comes once, before the header; the rows read as CSV after it.
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[0] in {"month", "figure", "post", "calls"}, header
