"""No English sentence left in `ccorg diff` and `ccorg erlang` under --lang zh.

A run of three or more English words is a sentence someone forgot to mark for the catalog.
What may stay English is said here, each with its reason: config field paths and ids are the
user's own words, and the derivation steps and binding phrases (staffing/*.py, the other half
of issue #11) are taken out by computing them, until they are translated too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ccorg.erlang.inputs import interval_from_options
from ccorg.i18n import Language, activate
from ccorg.pipeline import plan_file
from ccorg.staffing.targets import Targets, binding_text, definition_text

REPO = Path(__file__).resolve().parents[2]
BANK = REPO / "configs" / "bank.yaml"

# A stretch of text between Chinese characters (and the · | <br> separators, line ends) that
# holds three or more English words is a sentence: "Missed: 14 agents needed, 3 more than 11"
# is one, numbers and all. A word touching a digit, a dot, a slash or an underscore is part
# of an id or a config path (calls.volume.per_day, credit_card_launch), the user's own words.
_EDGE = r"[A-Za-z0-9_./@:-]"
_WORD = re.compile(rf"(?<!{_EDGE})[A-Za-z][A-Za-z'’]*(?!{_EDGE})")
_NOT_ENGLISH = re.compile(r"(?:[\u3000-\u9fff\uff00-\uffef|·\n]|<br>)+")


def english_runs(text: str, steps: set[str]) -> list[str]:
    """The stretches of English in ``text`` once every derivation step is taken out."""
    for step in sorted(steps, key=len, reverse=True):  # the longest first: steps nest
        text = text.replace(step, "¶")
    stretches = (stretch.strip() for stretch in _NOT_ENGLISH.split(text))
    return [stretch for stretch in stretches if len(_WORD.findall(stretch)) >= 3]


def test_the_detector_finds_a_sentence_and_spares_ids() -> None:
    assert english_runs("人数 125 · cost is unchanged · 其他", set()) == ["cost is unchanged"]
    assert english_runs("未达标：Missed: 14 agents needed, 3 more。", set()) == [
        "Missed: 14 agents needed, 3 more"
    ]
    assert english_runs("calls.volume.per_day 3,000 → 4,500 · rule.of +card_lead", set()) == []
    assert english_runs("Erlang A（平均耐心 120 秒）", set()) == []
    assert english_runs("原为 was 3 calls a day here", {"was 3 calls a day here"}) == []


def test_diff_speaks_chinese(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    activate(Language.zh)  # as --lang zh: the steps are written as the plan is made
    plans = (plan_file(str(BANK)), plan_file(str(BANK), "credit_card_launch"))
    # Until i18n-steps lands: the derivation steps (a post's basis) stay English; skipped.
    steps = {post.basis for plan in plans for post in plan.all_posts()}
    launch = ("configs/bank.yaml", "configs/bank.yaml@credit_card_launch", "--lang", "zh")
    for view in (("--width", "400"), ("-f", "markdown")):
        result = run_cli("diff", *launch, "--all", *view)
        assert result.exit_code == 0, result.stderr
        assert english_runs(result.stdout, steps) == [], view


@pytest.mark.parametrize(
    "extra",
    [
        ("--shrinkage", "0.3", "--max-occupancy", "0.7"),
        ("--patience", "120", "--max-occupancy", "0.8", "--agents", "12"),
        ("--asa", "1", "--agents", "12"),
    ],
)
def test_erlang_speaks_chinese(run_cli, extra: tuple[str, ...]) -> None:
    args = ("erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20")
    result = run_cli(*args, *extra, "--width", "300", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    # Until i18n-steps lands: the service-level definition and the binding phrase
    # (staffing/targets.py) stay English; computed here as the view computes them, skipped.
    single = json.loads(run_cli(*args, *extra, "-f", "json", "--lang", "zh").stdout)
    flags = dict(zip(extra[::2], extra[1::2], strict=True))
    interval = interval_from_options(
        {"--calls": "100", "--interval": "30m", "--aht": "180", "--target": "80/20", **flags},
        None,
    )
    activate(Language.zh)
    targets = Targets(
        interval.sl_target,
        interval.sl_seconds,
        interval.asa_target_seconds,
        interval.max_occupancy,
        interval.max_abandon_rate,
    )
    steps = {definition_text(interval.service_level_definition)}
    if single.get("binding"):
        steps.add(binding_text(single["binding"], single["agents_by_target"], targets))
    assert english_runs(result.stdout, steps) == []
