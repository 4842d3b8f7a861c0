"""The comparison's views for people, in English and Chinese: the bank's scenarios side by
side (terminal table and Markdown) and a grid of AHT variants (Markdown; its terminal table's
golden files are tests/commands/test_compare.py's, at 80 columns)."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from ccorg.compare import Comparison
from ccorg.i18n import use_language
from ccorg.pipeline import compare_file
from ccorg.render.compare_views import render_compare, render_compare_markdown
from ccorg.render.console import make_console

REPO = Path(__file__).resolve().parents[2]


# Planned once for every view (the views are what changes with the language), from the
# project's root so that the title names configs/bank.yaml as a user types it.
@pytest.fixture(scope="module")
def scenarios() -> Comparison:
    with contextlib.chdir(REPO):
        return compare_file("configs/bank.yaml")


@pytest.fixture(scope="module")
def grid() -> Comparison:
    with contextlib.chdir(REPO):
        return compare_file("configs/bank.yaml", ranges=["calls.aht_seconds=170:190:10"])


def _table(comparison: Comparison) -> str:
    out = io.StringIO()
    render_compare(comparison, make_console("never", file=out, width=120))
    return out.getvalue()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_compare_views(
    scenarios: Comparison, grid: Comparison, golden: Callable[..., None], language: str
) -> None:
    use_language(language)
    golden(f"compare_bank.{language}.txt", _table(scenarios))
    golden(f"compare_bank.{language}.md", render_compare_markdown(scenarios))
    golden(f"compare_bank_aht.{language}.md", render_compare_markdown(grid))


def test_the_base_column_is_named_in_the_readers_language(scenarios: Comparison) -> None:
    use_language("zh")
    header = render_compare_markdown(scenarios).splitlines()[2]
    assert header.startswith("| 指标 | 基准 | credit_card_launch |"), header
    use_language("en")
    assert render_compare_markdown(scenarios).splitlines()[2].startswith("| Figure | base |")
