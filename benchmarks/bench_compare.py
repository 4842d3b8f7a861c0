"""How fast is `ccorg compare`? 100 variants of the bank in one call, against the shell loop
of 100 `ccorg plan` calls a planner would write without it, measured in the same run.

    python benchmarks/bench_compare.py [--runs 3]

The grid: the calls stream's AHT 170–206 s in steps of 4 (10 values) × its volume ×0.90–1.35
in steps of 0.05 (10 values) = 100 variants, plus the base. The loop writes each variant as
its own file (the same two numbers changed by text) and plans it with `ccorg plan --format
json`, a new process each time, as `for f in variants/*.yaml; do ccorg plan $f; done` does.
Both sides run this tree's ccorg from bytecode. Targets: compare ≤ 2 s end to end, ≥ 10×
faster than the loop. Every variant's headcount is checked to agree between the two.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "configs" / "bank.yaml"
CONSOLE_SCRIPT = "from ccorg.cli import run; run()"
AHT = [170 + 4 * i for i in range(10)]
FACTORS = [round(0.9 + 0.05 * i, 2) for i in range(10)]
AHT_LINE = "      aht_seconds: 180          # talk + hold + after-call work\n"
VOLUME_LINE = "      volume: {per_day: 3000}\n"


def ccorg(*args: str) -> list[str]:
    return [sys.executable, "-c", CONSOLE_SCRIPT, *args]


def environment() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1", CCORG_LANG="en")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def write_variants(folder: Path) -> list[tuple[int, float, Path]]:
    text = BANK.read_text(encoding="utf-8")
    variants = []
    for aht in AHT:
        for factor in FACTORS:
            per_day = round(3000 * factor, 6)
            varied = text.replace(AHT_LINE, f"      aht_seconds: {aht}\n").replace(
                VOLUME_LINE, f"      volume: {{per_day: {per_day:g}}}\n"
            )
            path = folder / f"bank-{aht}-{factor}.yaml"
            path.write_text(varied, encoding="utf-8")
            variants.append((aht, per_day, path))
    return variants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    env = environment()
    compare = ccorg(
        "compare",
        str(BANK),
        "--vary",
        f"demand.streams.calls.aht_seconds={AHT[0]}:{AHT[-1]}:4",
        "--vary",
        f"calls.volume.per_day=*{FACTORS[0]}:*{FACTORS[-1]}:*0.05",
        "--format",
        "csv",
    )
    timed(compare, env)  # warm-up: writes the bytecode
    compare_times, output = [], ""
    for _ in range(args.runs):
        seconds, output = timed(compare, env)
        compare_times.append(seconds)
    rows = list(csv.DictReader(io.StringIO(output)))[1:]
    with tempfile.TemporaryDirectory() as folder:
        variants = write_variants(Path(folder))
        loop_times, headcounts = [], {}
        for _ in range(max(1, args.runs // 3)):
            start = time.perf_counter()
            for aht, per_day, path in variants:
                _, plan = timed(ccorg("plan", str(path), "--format", "json"), env)
                headcounts[(aht, per_day)] = json.loads(plan)["total_headcount"]
            loop_times.append(time.perf_counter() - start)
    disagree = sum(
        headcounts[(int(r["demand.streams.calls.aht_seconds"]), float(r["calls.volume.per_day"]))]
        != int(r["headcount"])
        for r in rows
    )
    best_compare, best_loop = min(compare_times), min(loop_times)
    print(
        f"variants: {len(rows)} (the bank's calls AHT × volume); "
        f"headcounts that disagree with the loop's: {disagree}"
    )
    print(
        f"ccorg compare, one call:   {best_compare:6.2f} s  "
        f"(median {statistics.median(compare_times):.2f} s; target ≤ 2 s)"
    )
    print(f"100 × ccorg plan, a loop:  {best_loop:6.2f} s")
    print(f"speed-up:                  {best_loop / best_compare:6.1f}×  (target ≥ 10×)")


if __name__ == "__main__":
    main()
