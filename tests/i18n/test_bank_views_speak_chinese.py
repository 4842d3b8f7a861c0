"""Under --lang zh no English sentence is left in the bank's views: each is swept for runs of
English words, so a string added later without ``_()`` (or without a translation) fails here.

One plan of the bank is made and every view renders from it: the plan's table and Markdown,
``explain`` of every post, the workbook (read back cell by cell) and ``check``'s findings.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook

from ccorg.checks.runner import check_paths
from ccorg.commands.export import page_extras, render_export
from ccorg.commands.formats import ExportFormat
from ccorg.i18n import Language, activate
from ccorg.pipeline import load_config, plan_config
from ccorg.plan import Plan
from ccorg.render.console import make_console
from ccorg.render.explain import render_explain
from ccorg.render.findings_text import render_findings_text
from ccorg.render.plan_rows import render_plan_markdown
from ccorg.render.plan_text import render_plan
from tests.conftest import BANK
from tests.i18n.test_no_english_left import english_runs as sentences_in

_WORD = re.compile(r"[A-Za-z][\w'-]*")
# Words a Chinese planner reads as they are: the trade's abbreviations and method names.
_KEPT = {"FTE", "AHT", "SL", "ASA", "Erlang", "auto", "ccorg"}


def written_words(data: Any) -> Iterator[str]:
    """The ids and keys the config's author wrote (post, stream, template ids; shrinkage
    parts): names of the user's, shown as written in every language."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                yield value
            if isinstance(value, dict) and all(isinstance(v, int | float) for v in value.values()):
                yield from (str(part) for part in value)
            yield from written_words(value)
    elif isinstance(data, list):
        for item in data:
            yield from written_words(item)


def english_runs(text: str, kept: set[str]) -> list[str]:
    """The sentences in English left in ``text`` (diff's and erlang's detector), once the
    ``kept`` words are taken out."""
    return sentences_in(_WORD.sub(lambda word: "·" if word[0] in kept else word[0], text))


def _console_text(draw: Any) -> str:
    console = make_console("never", width=100, file=io.StringIO())
    draw(console)
    return console.file.getvalue()


@pytest.fixture(scope="module")
def bank_in_chinese() -> Iterator[tuple[Plan, Any]]:
    activate(Language.zh)
    loaded = load_config(str(BANK))
    plan = plan_config(loaded)
    yield plan, loaded
    activate(Language.en)


def _views(plan: Plan, loaded: Any, bank: str) -> Iterator[tuple[str, str]]:
    yield "plan", _console_text(lambda console: render_plan(plan, console))
    yield "plan -f markdown", render_plan_markdown(plan)
    for post in plan.all_posts():
        stacked = plan.stacked_on(post.id)
        yield (
            f"explain {post.id}",
            _console_text(lambda console, p=post, s=stacked: render_explain(plan, p, s, console)),
        )
    extras = page_extras(loaded, plan, bank, None)
    workbook = render_export(
        plan,
        ExportFormat.xlsx,
        bank,
        capacity=extras.get("capacity"),
        shifts=extras["shifts"],
    )
    for sheet in load_workbook(io.BytesIO(workbook)).worksheets:
        cells = (str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
        texts = [text for text in cells if not text.startswith("=")]  # formulas are code
        printed = [sheet.oddHeader.center.text, sheet.oddFooter.center.text]
        yield f"xlsx {sheet.title}", "\n".join([*texts, *filter(None, printed)])
    # Each finding starts with the file's path, the user's too.
    yield "check", render_findings_text(check_paths([bank])).replace(bank, "")


def test_no_view_of_the_bank_says_a_sentence_in_english(bank_in_chinese, bank_path):
    plan, loaded = bank_in_chinese
    bank = bank_path
    activate(Language.zh)
    kept = _KEPT | set(written_words(loaded.config.model_dump(mode="json")))
    found = {}
    swept = []
    for view, text in _views(plan, loaded, str(bank)):
        swept.append(view)
        runs = english_runs(text, kept)
        if runs:
            found[view] = sorted(set(runs))
    assert not found
    # The sweep saw the workload posts' derivations, the stream sheets and the findings.
    assert {
        "explain agent",
        "explain outbound_agent",
        "xlsx 概览",
        "xlsx 人工来话",
        "check",
    } <= set(swept)


def test_the_sweep_spares_the_authors_names():
    kept = _KEPT | {"early", "day", "late", "night"}
    assert english_runs("高峰由set by service level 80/20 决定", kept) == [
        "set by service level 80/20"
    ]
    assert english_runs("班次 early, day, late, night；Erlang C；55.29 FTE", kept) == []
    assert english_runs("坐席 agents at late 10:00", kept) == []
    assert english_runs("坐席 agents at Mon 10:00", kept) == ["agents at Mon 10:00"]
