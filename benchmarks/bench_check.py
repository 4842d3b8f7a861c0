"""How fast is `ccorg check`? Measured against check-jsonschema in the same run.

    python benchmarks/bench_check.py [--runs 15]

1. `ccorg check configs/bank.yaml` against `check-jsonschema --schemafile
   schema/ccorg.schema.json configs/bank.yaml`, end to end (a new process each run, as in
   pre-commit or CI), runs interleaved, medians compared. Target: ccorg at most 0.8× the
   time of check-jsonschema — though ccorg also checks references, cycles and policies.
2. 1, 50 and 200 copies of the bank in one call, to show the time grows linearly: the cost
   of each extra config should stay the same from 50 to 200.

check-jsonschema comes with `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BANK = Path("configs") / "bank.yaml"
SCHEMA = Path("schema") / "ccorg.schema.json"
TARGET = 0.8


# What the `ccorg` console script does, run against this tree rather than whichever ccorg the
# environment has installed.
CONSOLE_SCRIPT = "from ccorg.cli import run; run()"


def ccorg(*args: str) -> list[str]:
    return [sys.executable, "-c", CONSOLE_SCRIPT, "check", *args]


def check_jsonschema(*args: str) -> list[str]:
    found = shutil.which("check-jsonschema") or str(
        Path(sys.executable).with_name("check-jsonschema")
    )
    if not Path(found).exists():
        sys.exit("check-jsonschema is not installed: pip install -e '.[bench]'")
    return [found, "--schemafile", str(SCHEMA), *args]


def environment() -> dict[str, str]:
    # Run this tree's ccorg, as a user in a clone would after `pip install -e .`.
    env = dict(os.environ, NO_COLOR="1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    env.pop("GITHUB_ACTIONS", None)
    # An installed package runs from bytecode (pip compiles it; an editable install writes it
    # on first run), as check-jsonschema does here. With PYTHONDONTWRITEBYTECODE set, ccorg
    # would recompile each of its modules on every run; the warm-up run writes the bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        output = done.stdout.decode() + done.stderr.decode()
        sys.exit(f"{' '.join(command)} exited {done.returncode}:\n{output}")
    return elapsed


def medians(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    for command in commands.values():  # warm the file cache and the bytecode
        seconds(command, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so both see the same machine load
        for name, command in commands.items():
            times[name].append(seconds(command, env))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement")
    runs = parser.parse_args().runs
    env = environment()

    single = medians(
        {"ccorg": ccorg(str(BANK)), "check-jsonschema": check_jsonschema(str(BANK))}, runs, env
    )
    ratio = single["ccorg"] / single["check-jsonschema"]
    print(f"one config, median of {runs} runs (a new process each)")
    print(f"  ccorg check            {single['ccorg'] * 1000:7.1f} ms")
    print(f"  check-jsonschema       {single['check-jsonschema'] * 1000:7.1f} ms")
    verdict = "met" if ratio <= TARGET else "missed"
    print(f"  ratio                  {ratio:7.2f}×   (target ≤ {TARGET}×: {verdict})")

    print(f"\nmany configs in one call, median of {max(3, runs // 3)} runs")
    print("  configs      ccorg   per extra config   check-jsonschema")
    with tempfile.TemporaryDirectory() as tmp:
        base: float | None = None
        for count in (1, 50, 200):
            folder = Path(tmp) / str(count)
            folder.mkdir()
            for i in range(count):
                shutil.copyfile(REPO / BANK, folder / f"bank{i:03}.yaml")
            files = [str(path) for path in sorted(folder.iterdir())]
            timed = medians(
                {"ccorg": ccorg(str(folder)), "check-jsonschema": check_jsonschema(*files)},
                max(3, runs // 3),
                env,
            )
            if base is None:
                base = timed["ccorg"]
                extra = "—"
            else:
                extra = f"{(timed['ccorg'] - base) / (count - 1) * 1000:.2f} ms"
            print(
                f"  {count:7}  {timed['ccorg'] * 1000:7.0f} ms   {extra:>16}   "
                f"{timed['check-jsonschema'] * 1000:9.0f} ms"
            )


if __name__ == "__main__":
    main()
