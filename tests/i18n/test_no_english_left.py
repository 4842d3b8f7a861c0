"""No English sentence left in `ccorg diff` and `ccorg erlang` under --lang zh.

A stretch of three or more English words is a sentence someone forgot to mark for the
catalog. What may stay English is the user's own words: config field paths and ids. The
derivation steps and binding phrases are translated too (staffing/*.py), so they are checked
with the rest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# A stretch of text between Chinese characters (and the · | <br> separators, line ends) that
# holds three or more English words is a sentence: "Missed: 14 agents needed, 3 more than 11"
# is one, numbers and all. A word touching a digit, a dot, a slash or an underscore is part
# of an id or a config path (calls.volume.per_day, credit_card_launch), the user's own words.
_EDGE = r"[A-Za-z0-9_./@:-]"
_WORD = re.compile(rf"(?<!{_EDGE})[A-Za-z][A-Za-z'’]*(?!{_EDGE})")
_NOT_ENGLISH = re.compile(r"(?:[\u3000-\u9fff\uff00-\uffef|·\n]|<br>)+")


def english_runs(text: str) -> list[str]:
    """The stretches of English in ``text``."""
    stretches = (stretch.strip() for stretch in _NOT_ENGLISH.split(text))
    return [stretch for stretch in stretches if len(_WORD.findall(stretch)) >= 3]


def test_the_detector_finds_a_sentence_and_spares_ids() -> None:
    assert english_runs("人数 125 · cost is unchanged · 其他") == ["cost is unchanged"]
    assert english_runs("未达标：Missed: 14 agents needed, 3 more。") == [
        "Missed: 14 agents needed, 3 more"
    ]
    assert english_runs("calls.volume.per_day 3,000 → 4,500 · rule.of +card_lead") == []
    assert english_runs("Erlang A（平均耐心 120 秒）") == []


def test_diff_speaks_chinese(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    launch = ("configs/bank.yaml", "configs/bank.yaml@credit_card_launch", "--lang", "zh")
    for view in (("--width", "400"), ("-f", "markdown")):
        result = run_cli("diff", *launch, "--all", *view)
        assert result.exit_code == 0, result.stderr
        assert english_runs(result.stdout) == [], view
        # The same views in English are caught: the detector sees what it is for.
        english = run_cli("diff", *launch[:2], "--all", *view, "--lang", "en").stdout
        assert english_runs(english)


@pytest.mark.parametrize(
    "extra",
    [
        ("--shrinkage", "0.3", "--max-occupancy", "0.7"),
        ("--patience", "120", "--max-occupancy", "0.8", "--agents", "12"),
        ("--asa", "1", "--agents", "12"),
        ("--patience", "60", "--short-abandon", "5", "--max-abandon", "0.05"),
    ],
)
def test_erlang_speaks_chinese(run_cli, extra: tuple[str, ...]) -> None:
    args = ("erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")
    result = run_cli(*args, *extra, "--width", "300", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert english_runs(result.stdout) == []
