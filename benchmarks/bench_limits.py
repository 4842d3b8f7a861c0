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
5. the bank with 20 scenarios that each change the calls' volume, so that every one needs a
   shift plan of its own (the scenarios share `check`'s 5 s solver budget);
6. the bank grown to the limit of posts (500) with 20 scenarios, and to 13,000 posts (~195,000
   values, past the limit of posts: refused before validation);
7. the bank with 8 more voice streams, each worked by a post whose schedule fit is derived
   (`schedule_fit: auto`): eight more shift plans in the base; then with 45 more (up to the
   limit of streams: the bank has 4, its card launch adds one), under the bank's
   `shifts.time_limit_seconds` (30 s for all of a plan's shift solves) and under 2 s: the
   base plan stops when its budget is spent (exit 1, naming the posts left), so the time is
   bounded by the limit, not by 46 solves;
8. the bank's calls read from a dated forecast at its row limit (ten years of 15-minute
   rows), with 20 scenarios, by `check` and by `capacity`;
9. `erlang --forecast` at 100,000 rows and at `--rows` rows: the memory ratio between them
   should stay near 1.
"""

from __future__ import annotations

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ccorg.limits import MAX_POSTS, MAX_STREAMS

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


def demand_scenarios(count: int) -> str:
    """The bank with ``count`` scenarios more, each giving the calls another daily volume."""
    text = BANK.read_text(encoding="utf-8")
    added = "".join(
        f"  d{i}: {{set: {{calls: {{volume: {{per_day: {2500 + 37 * i}}}}}}}}}\n"
        for i in range(count)
    )
    return text.replace("\nscenarios:\n", "\nscenarios:\n" + added, 1)


GENERAL = "  - id: general\n    name: 综合部\n"
STREAMS = "\n  streams:\n    - id: calls\n"


def with_posts(text: str, department: str, posts: str) -> str:
    """``text`` with a department of ``posts`` (YAML list items) before the bank's last one."""
    return text.replace(
        GENERAL, f"  - id: {department}\n    name: {department}\n    posts:\n{posts}{GENERAL}", 1
    )


def with_streams(text: str, streams: str) -> str:
    """``text`` with ``streams`` (YAML list items) before the bank's first stream."""
    return text.replace(STREAMS, "\n  streams:\n" + streams + "    - id: calls\n", 1)


def grown(posts: int, count: int) -> str:
    """The bank with a department of ``posts`` fixed posts more, and ``count`` scenarios."""
    rows = "".join(
        f"      - {{id: x{i}, name: X{i}, grade: specialist, reports_to: general_manager, "
        f"rule: {{kind: fixed, count: 1}}}}\n"
        for i in range(posts)
    )
    return with_posts(scenarios(count), "big", rows)


def shifted_posts(count: int) -> str:
    """The bank with ``count`` voice streams more, each worked by a post of its own whose
    schedule fit is derived from a shift plan."""
    streams = "".join(
        f"    - {{id: v{i}, name: V{i}, channel: voice, volume: {{per_day: {400 + 90 * i}}}, "
        f"aht_seconds: {150 + 10 * i}, service_level: {{target: 0.8, seconds: 20}}}}\n"
        for i in range(count)
    )
    posts = "".join(
        f"      - {{id: w{i}, name: W{i}, grade: agent, reports_to: ops_supervisor, "
        f"rule: {{kind: workload, streams: [v{i}], schedule_fit: auto}}}}\n"
        for i in range(count)
    )
    return with_posts(with_streams(BANK.read_text(encoding="utf-8"), streams), "lines", posts)


def time_limited(text: str, seconds: float) -> str:
    """``text`` with ``seconds`` for all of a plan's shift solves."""
    return text.replace("\nshifts:\n", f"\nshifts:\n  time_limit_seconds: {seconds:g}\n", 1)


def dated(directory: Path, count: int) -> str:
    """The bank at 15-minute intervals with a stream more, read from a dated forecast at the
    row limit (written into ``directory``), and ``count`` scenarios more."""
    from ccorg.config.dated_forecasts import MAX_ROWS

    start = datetime.date(2027, 1, 1)
    with (directory / "dated.csv").open("w", encoding="utf-8") as out:
        out.write("date,time,volume\n")
        for row in range(MAX_ROWS):
            day, slot = divmod(row, 96)
            stamp = (start + datetime.timedelta(days=day)).isoformat()
            out.write(f"{stamp},{slot // 4:02d}:{slot % 4 * 15:02d},{20 + slot % 40}\n")
    text = scenarios(count).replace("interval_minutes: 30 ", "interval_minutes: 15 ", 1)
    stream = (
        "    - {id: dated, name: D, channel: voice, volume: {forecast: dated.csv}, "
        "aht_seconds: 180, service_level: {target: 0.8, seconds: 20}}\n"
    )
    post = (
        "      - {id: dated_agent, name: DA, grade: agent, reports_to: ops_supervisor, "
        "rule: {kind: workload, streams: [dated]}}\n"
    )
    return with_posts(with_streams(text, stream), "dated_line", post)


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
        "20 scenarios, each its own demand": ("demand.yaml", demand_scenarios(18)),
        "500 posts, 20 scenarios": ("posts.yaml", grown(MAX_POSTS - 28, 18)),  # the bank: 26, +2
        "13,000 posts (past the limit)": ("grown.yaml", grown(13_000, 18)),
        "8 more posts with shift plans": ("shifted.yaml", shifted_posts(8)),
        "45 more posts with shift plans": ("fifty.yaml", shifted_posts(MAX_STREAMS - 5)),
        "45 more, time limit 2 s": ("fifty2.yaml", time_limited(shifted_posts(MAX_STREAMS - 5), 2)),
        "dated forecast, 351,360 rows": ("dated.yaml", dated(work, 18)),
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
        commands = [("check", name)]
        if file == "dated.yaml":
            commands.append(("capacity", f"{name}, capacity"))
        for command, label in commands:
            seconds, mb, code = measure(command, str(path))
            print(
                f"{label:<34} {code:>4} {seconds:>8.2f} {seconds / base_seconds:>7.1f} "
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
