"""`ccorg erlang`'s views for people, in English and Chinese: one interval, its reverse, and a
small --forecast batch (CSV: its keys stay English; under zh it starts with a BOM)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

INTERVAL = ("--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")
VIEWS = {
    # 30% shrinkage and an occupancy cap that binds: positions and the binding target shown.
    "single": (*INTERVAL, "--shrinkage", "0.3", "--max-occupancy", "0.7"),
    # Erlang A, 12 agents: every column, and the verdict.
    "reverse": (*INTERVAL, "--patience", "120", "--max-occupancy", "0.8", "--agents", "12"),
}
FORECAST = (
    "calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n"
    "100,1800,180,0.8,20\n"
    "300,1800,180,0.8,15\n"
    "0,1800,180,0.8,20\n"
)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_erlang_views(run_cli, golden: Callable[..., None], view: str, language: str) -> None:
    result = run_cli("erlang", *VIEWS[view], "--width", "100", "--lang", language)
    assert result.exit_code == 0, result.stderr
    golden(f"erlang_{view}.{language}.txt", result.stdout)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_erlang_forecast(
    run_cli, golden: Callable[..., None], tmp_path: Path, language: str
) -> None:
    week = tmp_path / "week.csv"
    week.write_text(FORECAST, encoding="utf-8")
    result = run_cli("erlang", "--forecast", str(week), "--lang", language)
    assert result.exit_code == 0, result.stderr
    golden(f"erlang_forecast.{language}.csv", result.stdout)


def test_the_reverse_verdict_follows_the_single_answer(run_cli) -> None:
    """The reverse says met exactly from the agents the single calculation needs."""
    needed = json.loads(run_cli("erlang", *INTERVAL, "-f", "json").stdout)["agents"]
    zh = ("--lang", "zh")
    met = run_cli("erlang", *INTERVAL, "--agents", str(needed), *zh).stdout.splitlines()[-1]
    short = run_cli("erlang", *INTERVAL, "--agents", str(needed - 3), *zh).stdout.splitlines()[-1]
    assert met == f"达标：{needed} 名座席 ≥ 所需 {needed} 名。"
    assert short == f"未达标：需要 {needed} 名座席，比 {needed - 3} 名多 3 名。"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (("--max-abandon", "0.1"), "--max-abandon 需要 --patience（放弃率属于 Erlang A）"),
        (("--max-occupancy", "2"), "--max-occupancy：2 不是范围 [0, 1] 内的比例，例如 0.85"),
        (("--agents", "1", "-f", "csv"), "csv 用于 --forecast 批量计算；单个时段输出 text 或 json"),
    ],
)
def test_usage_errors_in_chinese(run_cli, extra: tuple[str, ...], message: str) -> None:
    result = run_cli("erlang", *INTERVAL, *extra, "--lang", "zh")
    assert (result.exit_code, result.stderr.strip()) == (2, f"ccorg: {message}")
