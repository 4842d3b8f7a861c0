"""How long does the one door for YAML take on configs at the limits?

    python benchmarks/bench_loader.py [--repeat 5]

Times `load_yaml` in this process (best of ``--repeat``) on `configs/bank.yaml`, the baseline
measured in the same run, and on the bank grown to ~196,000 values (13,000 more posts, the
case of `bench_limits.py`), on a flow list of 5 M values (refused at the 200,000-value limit
while reading), and on an alias-heavy document. Prints wall and CPU seconds (CPU time is
steadier on a shared machine), the CPU ratio to the baseline and what each load gave. The
goal: the grown bank loads in a fraction of the 2 s a whole `ccorg check` of it may take.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_limits import BANK, grown

from ccorg.config.loader import load_yaml
from ccorg.errors import ConfigError


def aliased(copies: int) -> str:
    """A day pattern under an anchor, merged into ``copies`` mappings and aliased in each."""
    day = ", ".join(f"h{hour}: {hour / 10}" for hour in range(24))
    rows = "".join(f"  s{i}: {{<<: *day, own: {i}, again: *day}}\n" for i in range(copies))
    return f"day: &day {{{day}}}\nsites:\n{rows}"


def timed(raw: bytes, repeat: int) -> tuple[float, float, str]:
    """Best wall and CPU seconds of loading ``raw``, and how many positions it gave (or its
    refusal)."""
    wall = cpu = float("inf")
    outcome = ""
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            document = load_yaml(raw, "bench.yaml")
            outcome = f"{len(document.source_map.positions):,} positions"
        except ConfigError as error:
            outcome = error.problems[0].message
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, outcome


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    cases = {
        "baseline: configs/bank.yaml": BANK.read_bytes(),
        "bank + 13,000 posts (1.5 MB)": grown(13_000, 0).encode(),
        "10 MB flat list (refused)": ("x: [" + ",".join(["1"] * 5_000_000) + "]\n").encode(),
        "1,500 merges + aliases of a day": aliased(1_500).encode(),
    }
    base = None
    print(f"{'case':<34} {'wall s':>7} {'CPU s':>7} {'× base':>7}  outcome")
    for name, raw in cases.items():
        wall, cpu, outcome = timed(raw, options.repeat)
        base = base or cpu
        print(f"{name:<34} {wall:>7.3f} {cpu:>7.3f} {cpu / base:>7.1f}  {outcome}")


if __name__ == "__main__":
    main()
