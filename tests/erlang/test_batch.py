"""The batch: every result written exactly as ``{:.10g}`` writes it, the same answer however
the file is cut into chunks, and every bad row reported."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import numpy as np
import pytest

from ccorg.erlang import batch as batch_module
from ccorg.erlang.batch import MAX_PROBLEMS, Batch, run_batch, write_csv
from ccorg.errors import ConfigError

AWKWARD = [0.0, -0.0, 1 / 3, 5e-324, 1e-7, 123456789012.5, 1e16, math.inf, 0.8241928899123]


def batch_of(rows: int) -> Batch:
    echo = [f"{i},900,240,0.8,20" for i in range(rows)]
    header = ["calls", "interval_seconds", "aht_seconds", "sl_target", "sl_seconds"]
    return Batch("f.csv", header, np.arange(2, rows + 2), {}, echo, lambda: [])


def test_results_are_written_to_ten_significant_digits() -> None:
    values = np.array(AWKWARD)
    results = {
        "agents": np.arange(len(AWKWARD), dtype=np.int64) * 1000,
        "service_level": values,
        "asa_seconds": values[::-1].copy(),
        "occupancy": values / 7,
        "wait_probability": values * 3,
    }
    lines = write_csv(batch_of(len(AWKWARD)), results).splitlines()
    assert lines[0].endswith(",agents,service_level,asa_seconds,occupancy,wait_probability")
    for i, line in enumerate(lines[1:]):
        floats = [results[name][i] for name in list(results)[1:]]
        expected = [f"{i},900,240,0.8,20", str(i * 1000), *(f"{v:.10g}" for v in floats)]
        assert line == ",".join(expected)


def test_an_abandonment_is_empty_where_a_row_has_no_patience() -> None:
    ones = np.ones(2)
    results = {
        "agents": np.array([3, 4], dtype=np.int64),
        **{name: ones for name in ("service_level", "asa_seconds", "occupancy")},
        "wait_probability": ones,
        "abandon_rate": np.array([0.0123456789012, np.nan]),
    }
    lines = write_csv(batch_of(2), results).splitlines()
    assert lines[0].endswith(",wait_probability,abandon_rate")
    assert lines[1:] == ["0,900,240,0.8,20,3,1,1,1,1,0.0123456789", "1,900,240,0.8,20,4,1,1,1,1,"]


# A file with everything that could fall across a chunk's edge: quoted fields holding commas
# and line breaks, blank lines, CR LF line ends, a column passed through, Erlang A rows.
AWKWARD_FILE = (
    "calls,interval_seconds,aht_seconds,sl_target,sl_seconds,patience_seconds,note\r\n"
    + "".join(
        f'{10 + i % 50},1800,{170 + i % 20},0.8,20,{"" if i % 3 else 120},"row {i}, with\nbreak"\r\n'
        + ("\r\n" if i % 17 == 0 else "")
        for i in range(400)
    )
)


@pytest.mark.parametrize("output", ["csv", "json"])
def test_the_answer_does_not_depend_on_where_chunks_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(AWKWARD_FILE.encode())
    whole = io.StringIO()
    run_batch(str(path), output, whole)
    for size in (7, 64, 1000):
        monkeypatch.setattr(batch_module, "_CHUNK_CHARS", size)
        pieces = io.StringIO()
        run_batch(str(path), output, pieces)
        assert pieces.getvalue() == whole.getvalue()
    if output == "json":
        rows = json.loads(whole.getvalue())["rows"]
        assert len(rows) == 400 and rows[399]["note"] == "row 399, with\nbreak"
    else:
        assert len(list(csv.reader(io.StringIO(whole.getvalue())))) == 401


def test_every_bad_row_is_reported_across_chunks_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch_module, "_CHUNK_CHARS", 100)
    good, bad, infeasible = "100,1800,180,0.8,20", "100,1800,-1,0.8,20", "100,1800,180,1,0"
    rows = [bad if i % 40 == 7 else infeasible if i % 40 == 27 else good for i in range(2000)]
    path = tmp_path / "f.csv"
    path.write_text("calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n" + "\n".join(rows))
    out = io.StringIO()
    with pytest.raises(ConfigError) as caught:
        run_batch(str(path), "csv", out)
    assert out.getvalue() == ""
    problems = caught.value.problems
    assert len(problems) == MAX_PROBLEMS
    lines = [p.location.line for p in problems]
    assert lines == sorted(lines) and lines[:4] == [9, 29, 49, 69]
    assert problems[0].message.startswith("aht_seconds: -1 is not a number of seconds")
    assert problems[1].message == (
        "the targets cannot be met: service level 100% within 0 s can never be met"
    )


def test_bad_rows_are_reported_in_chinese(tmp_path: Path) -> None:
    from ccorg.i18n import use_language
    from ccorg.limits import MAX_SECONDS, MIN_SECONDS

    path = tmp_path / "week.csv"
    rows = ["100,1800,180,0.8,20", "100,1800,-5,0.8,20", "100,1800,abc,0.8,20", "1,2,3"]
    path.write_text("calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n" + "\n".join(rows))
    use_language("zh")
    out = io.StringIO()
    with pytest.raises(ConfigError) as raised:
        run_batch(str(path), "csv", out, "\ufeff")
    # Each bad row by its line (the header is line 1), in the reader's language.
    seconds = f"[{MIN_SECONDS:g}, {MAX_SECONDS:,.0f}]"
    assert [(p.location.line, p.message) for p in raised.value.problems] == [
        (3, f"aht_seconds：-5 不是范围 {seconds} 内的秒数"),
        (4, "aht_seconds：'abc' 不是数字"),
        (5, "本行 3 个字段，表头有 5 个"),
    ]
    assert out.getvalue() == ""  # not even the byte-order mark: a bad file writes nothing


def test_one_run_reports_every_kind_of_bad_row_together(tmp_path: Path) -> None:
    # A short row used to hide the bad cells, and those the unmeetable target: three runs.
    rows = [
        "100,1800,180,0.8,20",
        "nan,1800,180,0.8,20",
        "-1,1800,180,0.8,20",
        "100,1800,1e308,0.8,20",
        "100,1800,180,1,0",
        "100,1800,180,abc,20",
        "100,1800",
    ]
    path = tmp_path / "bad.csv"
    path.write_text("calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n" + "\n".join(rows))
    out = io.StringIO()
    with pytest.raises(ConfigError) as raised:
        run_batch(str(path), "csv", out)
    found = [(p.location.line, p.message.split(":")[0]) for p in raised.value.problems]
    assert found == [
        (3, "calls"),
        (4, "calls"),
        (5, "aht_seconds"),
        (6, "the targets cannot be met"),
        (7, "sl_target"),
        (8, "2 fields where the header has 5"),
    ]
    assert out.getvalue() == ""


def test_the_cap_holds_when_every_kind_is_bad(tmp_path: Path) -> None:
    kinds = ["100,1800", "100,1800,-1,0.8,20", "100,1800,180,1,0"]
    rows = [kinds[i % 3] for i in range(30)] + ["100,1800,180,0.8,20"]
    path = tmp_path / "bad.csv"
    path.write_text("calls,interval_seconds,aht_seconds,sl_target,sl_seconds\n" + "\n".join(rows))
    with pytest.raises(ConfigError) as raised:
        run_batch(str(path), "csv", io.StringIO())
    lines = [p.location.line for p in raised.value.problems]
    assert lines == list(range(2, 2 + MAX_PROBLEMS))


@pytest.mark.parametrize("quoted", [False, True])
def test_an_echoed_column_never_starts_a_formula(tmp_path: Path, quoted: bool) -> None:
    path = tmp_path / "f.csv"
    note = '"=HYPERLINK(""http://evil"",""x"")"' if quoted else "=cmd()"
    path.write_text(
        f"label,calls,interval_seconds,aht_seconds,sl_target,sl_seconds,@head\n"
        f"{note},100,1800,180,0.8,20,-3\nplain,100,1800,180,0.8,20,+x\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    run_batch(str(path), "csv", out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    label = '=HYPERLINK("http://evil","x")' if quoted else "=cmd()"
    assert [row[0] for row in rows] == ["label", "'" + label, "plain"]
    assert [row[6] for row in rows] == ["'@head", "-3", "'+x"]  # a number stays a number
