"""The weekday × hour heatmap: fits 80 columns, shows each hour's busiest interval."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from rich.cells import cell_len

from ccorg.i18n import Language, activate
from ccorg.pipeline import plan_file
from ccorg.render.console import make_console
from ccorg.render.heatmap import heatmap, hourly_peaks
from tests.conftest import GOLDEN


def render(stream, width: int = 80) -> str:
    out = io.StringIO()
    console = make_console("never", file=out, width=width)
    console.print(heatmap(stream))
    return out.getvalue()


def test_bank_calls_heatmap_golden(golden, bank_path: Path) -> None:
    calls = next(s for s in plan_file(str(bank_path)).streams if s.id == "calls")
    text = render(calls)
    golden("heatmap_bank_calls.txt", text)
    grid = text.splitlines()[1:9]
    assert all(cell_len(line) <= 80 for line in grid)
    assert grid[0].split() == [str(hour) for hour in range(24)]
    assert [line.split()[0] for line in grid[1:]] == [
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]


def test_bank_calls_heatmap_in_chinese(golden, bank_path: Path) -> None:
    activate(Language.zh)  # the plan's summary and the legend are worded as it is made
    calls = next(s for s in plan_file(str(bank_path)).streams if s.id == "calls")
    text = render(calls)
    golden("heatmap_bank_calls.zh.txt", text)
    grid = text.splitlines()[1:9]
    assert all(cell_len(line) <= 80 for line in grid)
    assert [line.split()[0] for line in grid[1:]] == [
        "周一",
        "周二",
        "周三",
        "周四",
        "周五",
        "周六",
        "周日",
    ]
    english = (GOLDEN / "heatmap_bank_calls.txt").read_text(encoding="utf-8").splitlines()
    # The same figures in every cell: only the words change.
    assert [line.split()[1:] for line in grid[1:]] == [line.split()[1:] for line in english[2:9]]


def test_cells_are_the_hours_highest_interval(bank_path: Path) -> None:
    calls = next(s for s in plan_file(str(bank_path)).streams if s.id == "calls")
    hourly, closed = hourly_peaks(calls)
    assert not closed.any()
    assert np.array_equal(hourly, np.maximum(calls.agents[:, 0::2], calls.agents[:, 1::2]))
    monday = render(calls).splitlines()[2].split()[1:]
    assert [int(cell) for cell in monday] == hourly[0].astype(int).tolist()


def test_closed_hours_show_a_dot(tmp_path: Path) -> None:
    config = Path(__file__).resolve().parents[2] / "configs" / "examples" / "ecommerce.yaml"
    phone = next(s for s in plan_file(str(config)).streams if s.id == "phone")
    sunday = render(phone).splitlines()[8].split()
    assert sunday[0] == "Sun"
    assert sunday[1:10] == ["·"] * 9 and sunday[22:] == ["·"] * 3
    assert all(cell.isdigit() for cell in sunday[10:22])
