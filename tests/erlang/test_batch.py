"""The batch CSV writer: every result written exactly as ``{:.10g}`` writes it."""

from __future__ import annotations

import math

import numpy as np

from ccorg.erlang.batch import Batch, write_csv

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
