"""Does hostile input within (or just past) the documented limits stay cheap?

    python benchmarks/bench_limits.py [--rows 10000000]

Each case runs `ccorg` in a new process, as CI does, and reports its wall time and peak memory
(maximum resident set size) beside those of the baseline measured in the same run,
`ccorg check configs/bank.yaml`. The goal is ≤ 2 s and ≤ 500 MB a config, and for
`erlang --forecast` a memory flat in the row count (≤ 300 MB at 10 M rows).

1. a 10 MB flat list `x: [1,1,…]` (5 M values, past the 200,000-value limit);
2. a ratio loop through 6,000 posts (a 500 KB file);
3. the bank with 3,000 one-line scenarios (past the limit of 20);
4. the bank with 20 scenarios (at the limit: each is planned);
5. `erlang --forecast` at 100,000 rows and at `--rows` rows: the memory ratio between them
   should stay near 1.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "configs" / "bank.yaml"
CONSOLE_SCRIPT = "from ccorg.cli import run; run()"


def measure(*args: str) -> tuple[float, float, int]:
    """Wall seconds, peak resident megabytes and exit code of one `ccorg ARGS` process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", CONSOLE_SCRIPT, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # wait4 gives this child's own peak memory (ru_maxrss, in KB on Linux).
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, child.returncode


def scenarios(count: int) -> str:
    text = BANK.read_text(encoding="utf-8")
    added = "".join(f"  s{i}: {{set: {{wfm: {{min: {1 + i % 5}}}}}}}\n" for i in range(count))
    return text.replace("\nscenarios:\n", "\nscenarios:\n" + added, 1)


def loop(posts: int) -> str:
    lines = "\n".join(
        f"      - {{id: p{i}, name: P{i}, grade: g, rule: {{kind: ratio, per: 1, "
        f"of: [p{(i + 1) % posts}]}}}}"
        for i in range(posts)
    )
    return (
        "center: {id: c, name: C}\ngrades: [{id: g, name: G, rank: 1}]\n"
        f"departments:\n  - id: d\n    name: D\n    posts:\n{lines}\n"
    )


def forecast(path: Path, rows: int) -> None:
    block = "".join(f"{i % 997},900,{180 + i % 7},0.8,20\n" for i in range(100_000))
    with path.open("w", encoding="utf-8") as out:
        out.write("calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n")
        for start in range(0, rows, 100_000):
            out.write(
                block
                if rows - start >= 100_000
                else "".join(block.splitlines(True)[: rows - start])
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ccorg-limits-"))
    cases = {
        "10 MB flat list": ("flat.yaml", "x: [" + ",".join(["1"] * 5_000_000) + "]\n"),
        "ratio loop, 6,000 posts": ("loop.yaml", loop(6_000)),
        "3,000 scenarios": ("many.yaml", scenarios(3_000)),
        "20 scenarios": ("twenty.yaml", scenarios(18)),  # the bank has two already
    }
    base_seconds, base_mb, _ = measure("check", str(BANK))
    print(f"{'case':<34} {'exit':>4} {'seconds':>8} {'× base':>7} {'MB':>7} {'× base':>7}")
    print(
        f"{'baseline: check configs/bank.yaml':<34} {0:>4} {base_seconds:>8.2f} {1:>7.1f} "
        f"{base_mb:>7.0f} {1:>7.1f}"
    )
    for name, (file, text) in cases.items():
        path = work / file
        path.write_text(text, encoding="utf-8")
        seconds, mb, code = measure("check", str(path))
        print(
            f"{name:<34} {code:>4} {seconds:>8.2f} {seconds / base_seconds:>7.1f} "
            f"{mb:>7.0f} {mb / base_mb:>7.1f}"
        )
    small = work / "small.csv"
    forecast(small, 100_000)
    s_seconds, s_mb, _ = measure("erlang", "--forecast", str(small))
    big = work / "big.csv"
    forecast(big, options.rows)
    b_seconds, b_mb, code = measure("erlang", "--forecast", str(big))
    print(
        f"{'erlang --forecast, 100,000 rows':<34} {0:>4} {s_seconds:>8.2f} "
        f"{s_seconds / base_seconds:>7.1f} {s_mb:>7.0f} {s_mb / base_mb:>7.1f}"
    )
    print(
        f"{f'erlang --forecast, {options.rows:,} rows':<34} {code:>4} {b_seconds:>8.2f} "
        f"{b_seconds / base_seconds:>7.1f} {b_mb:>7.0f} {b_mb / base_mb:>7.1f}"
    )
    print(f"memory at {options.rows:,} rows ÷ at 100,000 rows: {b_mb / s_mb:.2f}")


if __name__ == "__main__":
    main()
