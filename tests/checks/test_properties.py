"""Mutated bank configs pushed through the whole `ccorg check` path.

Whatever the mutation, the check ends with exit 0 or 1, every finding is located (or a
file-level error), and nothing escapes as a traceback or an internal error.
"""

from __future__ import annotations

import copy
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BANK = Path(__file__).resolve().parents[2] / "configs" / "bank.yaml"
BANK_TEXT = BANK.read_text(encoding="utf-8")
BANK_DATA = yaml.safe_load(BANK_TEXT)
FINDING = re.compile(r"^m\.yaml(:\d+:\d+)?: (error|warning): .+ \[[a-z-]+\]$")
SUMMARY = re.compile(r"^ccorg: 1 file checked(: no findings|, 1 with findings: .+)$")

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

garbage = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=12)
    | st.sampled_from(["", "7x24", "gm", "agent", "kfzx", "ops", "ratio", "fixed", "-1"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=6,
)


def paths_in(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths_in(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths_in(value, (*prefix, index)))
    return found


ALL_PATHS = paths_in(BANK_DATA)[1:]


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for segment in path[:-1]:
        data = data[segment]
    return data


def swap_type(value: Any) -> Any:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return [value]
    if isinstance(value, str):
        return {value: value}
    if isinstance(value, list):
        return {str(i): v for i, v in enumerate(value)}
    if isinstance(value, dict):
        return list(value.values())
    return 0


@st.composite
def mutated_bank(draw: st.DrawFn) -> Any:
    data = copy.deepcopy(BANK_DATA)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(ALL_PATHS))
        try:
            parent = parent_of(data, path)
            key = path[-1]
            value = parent[key]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or reshaped this part
        action = draw(st.sampled_from(["delete", "garbage", "swap", "insert", "duplicate"]))
        if action == "delete":
            del parent[key]
        elif action == "garbage":
            parent[key] = draw(garbage)
        elif action == "swap":
            parent[key] = swap_type(value)
        elif action == "insert" and isinstance(value, dict):
            value[draw(st.text(min_size=1, max_size=8))] = draw(garbage)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(value))
    return data


def assert_clean_outcome(run_cli, path: Path) -> None:
    result = run_cli("check", path.name)
    assert result.exit_code in (0, 1), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    lines = [line for line in result.stdout.splitlines() if line]
    assert SUMMARY.match(lines[-1]), lines[-1]
    for line in lines[:-1]:
        assert FINDING.match(line), line
    assert "[internal-error]" not in result.stdout


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@PROPERTY_SETTINGS
@given(data=mutated_bank())
def test_mutated_configs(run_cli, workdir: Path, data: Any) -> None:
    path = workdir / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert_clean_outcome(run_cli, path)


@PROPERTY_SETTINGS
@given(
    cuts=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(BANK_TEXT.encode())),
            st.integers(min_value=0, max_value=40),
            st.binary(max_size=6)
            | st.sampled_from([b"&a ", b"*a", b"<<: ", b"!!python/object ", b"\t", b"- ", b": "]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mangled_bytes(run_cli, workdir: Path, cuts: list[tuple[int, int, bytes]]) -> None:
    raw = BANK_TEXT.encode()
    for at, removed, inserted in cuts:
        raw = raw[:at] + inserted + raw[at + removed :]
    path = workdir / "m.yaml"
    path.write_bytes(raw)
    assert_clean_outcome(run_cli, path)


def test_the_mutations_do_change_the_outcome(run_cli, workdir: Path) -> None:
    data = copy.deepcopy(BANK_DATA)
    data["departments"][0]["posts"][1]["rule"]["per"] = math.nan
    path = workdir / "m.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli("check", path.name)
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "m.yaml:228:12: error: departments[0].posts[1].rule.per: must be a finite number; found nan"
    )
