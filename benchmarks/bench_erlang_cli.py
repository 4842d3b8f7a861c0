"""Benchmark: `ccorg erlang --forecast` end to end against a plain pyworkforce script.

Run with ``python benchmarks/bench_erlang_cli.py`` from the repository root (needs
``pip install pyworkforce mpmath``). It writes the year of 15-minute intervals that
``bench_erlang.py`` builds (35,040 rows, peak about 600 calls per 15 minutes, AHT 240 s,
80 % answered within 20 s, no occupancy cap) as a forecast CSV, then times, each as a fresh
process from the command line:

- ``ccorg erlang --forecast year.csv > out.csv`` (best of 5);
- a plain pyworkforce script doing the same job: read the CSV, ``ErlangC`` per row, write a CSV
  with agents, service level, occupancy and probability of waiting (one run: it is slow);
- ``ccorg erlang --forecast`` on the same year for a queue 25 times larger (peak about 4,000
  erlangs), best of 3;
- ``ccorg --help`` and a one-interval ``ccorg erlang``, for the start-up cost.

It prints the times, the ratios, and how many rows the two CSVs disagree on (agents).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_erlang import AHT, INTERVAL, SL_SECONDS, SL_TARGET, year_of_calls

REPO = Path(__file__).resolve().parent.parent

# The baseline a planner would write today: the csv module and pyworkforce, nothing clever.
PYWORKFORCE_SCRIPT = """\
import csv
import sys

from pyworkforce.queuing import ErlangC

with open(sys.argv[1], newline="") as source, open(sys.argv[2], "w", newline="") as target:
    reader = csv.DictReader(source)
    writer = csv.writer(target)
    writer.writerow(
        reader.fieldnames + ["agents", "service_level", "occupancy", "wait_probability"]
    )
    for row in reader:
        calls = float(row["calls"])
        if calls <= 0:
            writer.writerow(list(row.values()) + [0, 1.0, 0.0, 0.0])
            continue
        erlang = ErlangC(
            transactions=calls,
            aht=float(row["aht_seconds"]) / 60,
            asa=float(row["sl_seconds"]) / 60,
            interval=float(row["interval_seconds"]) / 60,
        )
        result = erlang.required_positions(
            service_level=float(row["sl_target"]), max_occupancy=1.0
        )
        writer.writerow(
            list(row.values())
            + [
                result["raw_positions"],
                result["service_level"],
                result["occupancy"],
                result["waiting_probability"],
            ]
        )
"""


def write_forecast(path: Path, calls: np.ndarray) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["calls", "interval_seconds", "aht_seconds", "sl_target", "sl_seconds"])
        for value in calls:
            writer.writerow([f"{value:.3f}", INTERVAL, f"{AHT:g}", SL_TARGET, f"{SL_SECONDS:g}"])


def timed(command: list[str], output: Path | None = None, repeat: int = 1) -> float:
    """Best wall time of ``repeat`` fresh runs of ``command`` (stdout to ``output``)."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"}
    # Run from bytecode, as an installed package does (see bench_check.py).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        with open(output or os.devnull, "w") as sink:
            subprocess.run(command, stdout=sink, env=env, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def agents_column(path: Path) -> np.ndarray:
    with path.open(newline="") as handle:
        return np.array([int(row["agents"]) for row in csv.DictReader(handle)])


def main() -> None:
    ccorg = [sys.executable, "-m", "ccorg"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        year, big_year = work / "year.csv", work / "year_25x.csv"
        calls = year_of_calls(peak=600.0)
        write_forecast(year, calls)
        write_forecast(big_year, calls * 25)
        script = work / "pyworkforce_batch.py"
        script.write_text(PYWORKFORCE_SCRIPT)

        ours_out, theirs_out, big_out = work / "ours.csv", work / "theirs.csv", work / "big.csv"
        t_ours = timed([*ccorg, "erlang", "--forecast", str(year)], ours_out, repeat=5)
        t_theirs = timed([sys.executable, str(script), str(year), str(theirs_out)])
        t_big = timed([*ccorg, "erlang", "--forecast", str(big_year)], big_out, repeat=3)
        t_help = timed([*ccorg, "--help"], repeat=3)
        single = ["--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20"]
        t_single = timed([*ccorg, "erlang", *single], repeat=3)

        ours, theirs = agents_column(ours_out), agents_column(theirs_out)
        disagree = int(np.count_nonzero(ours != theirs))
        big_agents = agents_column(big_out)

    load = calls * AHT / INTERVAL
    rows = [
        ("rows (15-minute intervals)", f"{calls.size:,}"),
        ("peak load, one queue / 25x", f"{load.max():,.0f} / {load.max() * 25:,.0f} erlangs"),
        ("peak agents, one queue / 25x", f"{ours.max():,} / {big_agents.max():,}"),
        ("ccorg erlang --forecast (one queue)", f"{t_ours:.2f} s"),
        ("pyworkforce script (one queue)", f"{t_theirs:.2f} s"),
        ("speed-up (target >= 4x)", f"{t_theirs / t_ours:.1f}x"),
        ("rows where the agents disagree", f"{disagree:,} of {calls.size:,}"),
        ("ccorg erlang --forecast (25x queue)", f"{t_big:.2f} s (target < 2 s)"),
        ("ccorg --help (start-up)", f"{t_help * 1e3:.0f} ms"),
        ("ccorg erlang, one interval", f"{t_single * 1e3:.0f} ms"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>28}")


if __name__ == "__main__":
    main()
