"""Benchmark: `ccorg capacity` on a generated national bank, against a plain pyworkforce loop.

Run with ``python benchmarks/bench_capacity.py`` (needs ``pip install -e '.[test,bench]'``).
It writes a bank of 10 regional centers × 5 streams (2 voice, 1 chat, 1 deferred, 1 outbound:
50 streams, each a dated year of 15-minute forecast rows, 1.75 M intervals in all) and ~300
posts (per stream a workload post and its team leaders and quality checkers; per region a
manager, supervisors, trainers, WFM and fixed posts), with an 18-month capacity section (the
last six months beyond the forecasts: typical week × seasonality). It times ``ccorg capacity
bank.yaml --format json`` end to end as a fresh process (best of 3) and reads its peak memory
(the child's maximum resident set), then loops pyworkforce's ``ErlangC`` over the same voice
intervals, one at a time, as a plain script would, in the same run.

Targets (issue #13): ≤ 10 s and ≤ 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REGIONS = 10
DAYS = 365
SLOTS = 96
START = np.datetime64("2027-01-01T00:00")
AHT = {"voice": 240.0, "chat": 420.0}
SL = (0.8, 20.0)


def shape(rng: np.random.Generator, peak: float) -> np.ndarray:
    """Contacts per 15-minute interval for a year: intraday × weekday × season × noise."""
    hour = (np.arange(SLOTS) + 0.5) / 4
    intraday = (
        np.exp(-0.5 * ((hour - 10.5) / 1.8) ** 2)
        + 0.75 * np.exp(-0.5 * ((hour - 15.0) / 2.0) ** 2)
        + 0.03
    )
    day = np.arange(DAYS)
    weekday = np.array([1.0, 0.93, 0.9, 0.9, 0.95, 0.55, 0.45])[(day + 4) % 7]  # 2027-01-01: Fri
    season = 1.0 + 0.1 * np.cos(2 * np.pi * (day - 40) / DAYS)
    volume = (season * weekday)[:, None] * intraday[None, :]
    volume = volume * rng.lognormal(0.0, 0.08, size=volume.shape)
    return np.round(peak * volume / volume.max(), 2)


def write_forecast(path: Path, volume: np.ndarray) -> None:
    stamps = START + np.arange(volume.size) * np.timedelta64(15, "m")
    text = np.datetime_as_string(stamps, unit="m")
    lines = [f"{s[:10]},{s[11:]},{v:g}" for s, v in zip(text, volume.ravel(), strict=True)]
    path.write_text("date,time,volume\n" + "\n".join(lines) + "\n", encoding="utf-8")


def build(directory: Path) -> tuple[Path, list[np.ndarray]]:
    """The bank's config and forecasts in ``directory``; the voice streams' volumes."""
    rng = np.random.default_rng(13)
    streams: list[str] = []
    departments: list[str] = []
    voice: list[np.ndarray] = []
    for region in range(REGIONS):
        posts: list[str] = [
            f"      - {{id: r{region}_manager, name: 经理{region}, grade: manager, "
            "rule: {kind: fixed, count: 1}}",
        ]
        frontline: list[str] = []
        kinds = ("voice", "voice", "chat", "deferred", "outbound")
        for index, channel in enumerate(kinds):
            stream = f"r{region}_s{index}"
            peak = float(rng.uniform(60, 300)) if channel == "voice" else float(rng.uniform(20, 80))
            volume = shape(rng, peak)
            if channel == "voice":
                voice.append(volume.ravel())
            write_forecast(directory / f"{stream}.csv", volume)
            extra = {
                "voice": f"aht_seconds: {AHT['voice']}, "
                "service_level: {target: 0.8, seconds: 20}",
                "chat": f"aht_seconds: {AHT['chat']}, concurrency: 2, "
                "service_level: {target: 0.8, seconds: 30}",
                "deferred": "handle_seconds: 600, response_hours: 24",
                "outbound": "contact_rate: 0.4, handle_seconds: 300",
            }[channel]
            streams.append(
                f"    - {{id: {stream}, name: 业务{region}-{index}, channel: {channel}, "
                f"volume: {{forecast: {stream}.csv}}, {extra}}}"
            )
            post = f"r{region}_agent{index}"
            frontline.append(post)
            posts += [
                f"      - {{id: {post}, name: 座席{region}-{index}, grade: agent, frontline: true, "
                f"current: {int(peak / 2)}, rule: {{kind: workload, streams: [{stream}]}}}}",
                f"      - {{id: r{region}_lead{index}, name: 组长{region}-{index}, grade: lead, "
                f"rule: {{kind: ratio, per: 12, of: [{post}]}}}}",
                f"      - {{id: r{region}_qa{index}, name: 质检{region}-{index}, grade: staff, "
                f"rule: {{kind: ratio, per: 25, of: [{post}]}}}}",
                f"      - {{id: r{region}_coach{index}, name: 辅导{region}-{index}, grade: staff, "
                f"rule: {{kind: ratio, per: 40, of: [{post}]}}}}",
            ]
        base = ", ".join(frontline)
        leads = ", ".join(f"r{region}_lead{i}" for i in range(5))
        posts += [
            f"      - {{id: r{region}_supervisor, name: 主管{region}, grade: manager, "
            f"rule: {{kind: ratio, per: 5, of: [{leads}]}}}}",
            f"      - {{id: r{region}_trainer, name: 培训{region}, grade: staff, "
            f"rule: {{kind: ratio, per: 35, of: [{base}]}}}}",
            f"      - {{id: r{region}_wfm, name: 排班{region}, grade: staff, "
            f"rule: {{kind: ratio, per: 60, of: [{base}]}}, min: 1}}",
        ]
        posts += [
            f"      - {{id: r{region}_fixed{i}, name: 支持{region}-{i}, grade: staff, "
            "rule: {kind: fixed, count: 1}}"
            for i in range(3)
        ]
        departments.append(
            f"  - id: region{region}\n    name: 分中心{region}\n    posts:\n" + "\n".join(posts)
        )
    config = f"""\
center: {{id: national, name: 全国客服中心}}
grades:
  - {{id: manager, name: 经理, rank: 1, annual_cost: 400000}}
  - {{id: lead, name: 组长, rank: 2, annual_cost: 220000}}
  - {{id: staff, name: 专员, rank: 3, annual_cost: 180000}}
  - {{id: agent, name: 座席, rank: 4, annual_cost: 130000}}
shrinkage: {{breakdown: {{leave: 0.1, breaks: 0.12, training: 0.05}}}}
demand:
  interval_minutes: 15
  streams:
{chr(10).join(streams)}
departments:
{chr(10).join(departments)}
capacity:
  horizon: {{start: 2027-01, months: 18}}
  seasonality:
    monthly: {{jan: 1.05, feb: 1.15, jun: 1.08, nov: 1.1, dec: 1.05}}
  workforce:
    default:
      attrition_annual: 0.3
      recruit_lead_weeks: 8
      training_weeks: 6
      ramp: [0.5, 0.75]
      training_loss: 0.15
      class_size: {{min: 8, max: 25}}
"""
    path = directory / "national.yaml"
    path.write_text(config, encoding="utf-8")
    return path, voice


def run_ccorg(config: Path) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one `ccorg capacity --format json` process.

    A fresh interpreter starts it and reports its time and ``ru_maxrss`` (RUSAGE_CHILDREN:
    that child alone), so neither this script's memory nor its imports count.
    """
    child = [
        sys.executable,
        "-c",
        "import sys; from ccorg.cli import run; sys.argv = ['ccorg', *sys.argv[1:]]; run()",
        "capacity",
        str(config),
        "--format",
        "json",
    ]
    wrapper = (
        "import resource, subprocess, time; t = time.perf_counter(); "
        f"subprocess.run({child!r}, stdout=subprocess.DEVNULL, check=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    # Bytecode is written and used, as for an installed package.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [sys.executable, "-c", wrapper], capture_output=True, env=env, text=True, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    seconds, peak = done.stdout.split()
    return float(seconds), int(peak) / 1024


def pyworkforce_loop(voice: list[np.ndarray]) -> tuple[float, int]:
    """A plain script's loop: pyworkforce's ErlangC per voice interval; seconds, intervals."""
    from pyworkforce.queuing import ErlangC

    started = time.perf_counter()
    count = 0
    for volume in voice:
        for calls in volume:
            if calls > 0:
                erlang = ErlangC(
                    transactions=float(calls),
                    aht=AHT["voice"],
                    asa=SL[1],
                    interval=900,
                    shrinkage=0.0,
                )
                erlang.required_positions(service_level=SL[0], max_occupancy=0.85)
                count += 1
    return time.perf_counter() - started, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="ccorg runs (best is shown)")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        config, voice = build(directory)
        posts = config.read_text(encoding="utf-8").count("rule:")
        rows = sum(1 for _ in directory.glob("*.csv")) * DAYS * SLOTS
        print(f"national bank: 50 streams, {rows:,} forecast rows, {posts} posts, 18 months")
        runs = [run_ccorg(config) for _ in range(arguments.runs)]
        best = min(seconds for seconds, _ in runs)
        peak = max(peak for _, peak in runs)
        print(
            f"ccorg capacity --format json, end to end: best {best:.2f} s of {len(runs)} "
            f"({', '.join(f'{s:.2f}' for s, _ in runs)}); peak memory {peak:,.0f} MiB"
        )
        print(
            f"  targets: ≤ 10 s ({'met' if best <= 10 else 'MISSED'}), "
            f"≤ 1,024 MiB ({'met' if peak <= 1024 else 'MISSED'})"
        )
        seconds, count = pyworkforce_loop(voice)
        print(f"pyworkforce ErlangC loop over the {count:,} voice intervals alone: {seconds:.1f} s")
        print(
            f"  ccorg's whole capacity plan takes {best / seconds:.2f}× the time of "
            f"pyworkforce's voice staffing alone ({seconds / best:.1f}× faster)"
        )


if __name__ == "__main__":
    main()
