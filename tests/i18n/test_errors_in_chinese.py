"""With --lang zh every error a command prints is Chinese: no English sentence around the ids,
paths, options and values it quotes (#11: they mixed "no post 'nope'", "(with --vary …)" and
"headcount rules loop" into Chinese output)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

BANK = str(Path(__file__).resolve().parents[2] / "configs" / "bank.yaml")
# What an error may quote in ASCII: 'values', --options, paths and keys (with . / : _ = -),
# numbers. Two ASCII words in a row after those are gone are an English phrase.
_QUOTED = re.compile(r"'[^']*'|\S*[-./:_=<>\d]\S*")
_ENGLISH = re.compile(r"\b[A-Za-z]+\s+[A-Za-z]+\b")


def english_phrases(text: str) -> list[str]:
    return _ENGLISH.findall(_QUOTED.sub(" ", text))


def test_the_detector_finds_english() -> None:
    assert english_phrases("ccorg: no post 'nope'") == ["no post"]
    assert english_phrases("ccorg: 没有岗位 'nope'；是指 'agent' 吗？") == []


def loop_config(tmp_path: Path) -> str:
    path = tmp_path / "loop.yaml"
    path.write_text(
        "center: {id: c, name: C}\ngrades: [{id: g, name: G, rank: 1}]\n"
        "departments:\n  - id: d\n    name: D\n    posts:\n"
        "      - {id: a, name: A, grade: g, rule: {kind: ratio, per: 1, of: [b]}}\n"
        "      - {id: b, name: B, grade: g, rule: {kind: ratio, per: 1, of: [a]}}\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize(
    ("args", "code", "chinese"),
    [
        (["simulate", BANK, "calls", "--days", "0"], 2, "未知的日子"),
        (["simulate", BANK, "calls", "--handle", "nope"], 2, "须为"),
        (["simulate", BANK, "calls", "--replications", "0"], 2, "至少为 1"),
        (["capacity", BANK, "--post", "nope"], 2, "没有岗位 'nope'"),
        (["explain", BANK, "agnet"], 2, "没有岗位 'agnet'；是指 'agent' 吗？"),
        (["compare", BANK, "--vary", "bad"], 2, "请写"),
        (["compare", BANK, "--vary", "calls.aht_seconds=0:10:5"], 1, "（在 --vary"),
        (["plan", "LOOP"], 1, "编制规则循环引用：a（第 7 行） -> b（第 8 行） -> a（第 7 行）"),
    ],
)
def test_errors_are_chinese(run_cli, tmp_path, args, code, chinese) -> None:
    args = [loop_config(tmp_path) if a == "LOOP" else a for a in args]
    result = run_cli(*args, "--lang", "zh")
    assert result.exit_code == code
    assert chinese in result.stderr
    assert english_phrases(result.stderr) == []


@pytest.mark.parametrize(
    ("what", "chinese", "english"),
    [
        ("missing", "文件不存在", "no such file"),
        ("fifo", "是命名管道（FIFO），不是配置文件", "is a FIFO (named pipe), not a config file"),
        ("scenario", "中没有情景 'nope'", "has no scenario 'nope'"),
        ("month", "不在产能规划期内（2027-01 至 2028-06）", "outside the capacity horizon"),
    ],
)
def test_reading_errors_follow_the_language(run_cli, tmp_path, what, chinese, english) -> None:
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    args = {
        "missing": ["plan", str(tmp_path / "nope.yaml")],
        "fifo": ["plan", str(fifo)],
        "scenario": ["plan", BANK, "--scenario", "nope"],
        "month": ["explain", BANK, "agent", "--month", "2030-01"],
    }[what]
    chinese_run = run_cli(*args, "--lang", "zh")
    assert chinese_run.exit_code == 2
    assert chinese in chinese_run.stderr
    assert english_phrases(chinese_run.stderr) == []
    english_run = run_cli(*args, "--lang", "en")
    assert english in english_run.stderr


def test_reference_errors_are_chinese(run_cli, tmp_path) -> None:
    path = tmp_path / "refs.yaml"
    path.write_text(
        "center: {id: c, name: C}\ngrades: [{id: g, name: G, rank: 1}]\n"
        "departments:\n  - id: d\n    name: D\n    posts:\n"
        "      - {id: a, name: A, grade: gg, rule: {kind: fixed, count: 1}}\n"
        "      - {id: a, name: B, grade: g, reports_to: a, rule: {kind: fixed, count: 1}}\n",
        encoding="utf-8",
    )
    result = run_cli("check", str(path), "--lang", "zh")
    assert result.exit_code == 1
    assert "7:33: error: 未知的职级 'gg'" in result.stdout
    assert "8:14: error: 岗位 id 'a' 重复（首次出现，在第 7 行）" in result.stdout
    assert "岗位 'a' 向自身汇报" in result.stdout
    assert english_phrases(result.stdout.replace("error:", "").replace("[reference]", "")) == []


def test_targets_no_staffing_meets_are_chinese(run_cli) -> None:
    args = ("erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "100/0")
    result = run_cli(*args, "--lang", "zh")
    assert result.exit_code == 1
    assert "目标无法达成：0 秒内 100% 的服务水平永远无法达到" in result.stderr
    assert english_phrases(result.stderr) == []
