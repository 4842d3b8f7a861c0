"""Malformed and malicious configs: each ends in a located error and exit 1.

Never a traceback, never a hang, never a side effect. The corpus is in ``hostile/``; files
too large or too deep to commit are made here, in a temporary directory.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parent / "hostile"
REPO = HOSTILE.parents[2]
CORPUS = sorted(path.name for path in HOSTILE.iterdir())
# Files with no node to point at: the error is about the file as a whole.
FILE_LEVEL = {"empty.yaml", "comment_only.yaml"}
LOCATED = re.compile(r"^(?P<path>.+?):\d+:\d+: error: .+ \[[a-z-]+\]$")
FILE_ERROR = re.compile(r"^(?P<path>.+?): error: .+ \[[a-z-]+\]$")


def finding_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line and not line.startswith("ccorg: ")]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_corpus_is_all_there() -> None:
    assert len(CORPUS) == 45


@pytest.mark.parametrize("name", CORPUS)
def test_each_hostile_file_is_a_located_error(run_cli, workdir: Path, name: str) -> None:
    result = run_cli("check", str(HOSTILE / name))
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    lines = finding_lines(result.stdout)
    assert lines
    shape = FILE_ERROR if name in FILE_LEVEL else LOCATED
    for line in lines:
        match = shape.match(line)
        assert match, line
        assert match["path"] == str(HOSTILE / name)
    assert list(workdir.iterdir()) == []  # nothing written, nothing executed


def test_the_whole_corpus_in_one_call(run_cli, monkeypatch: pytest.MonkeyPatch, golden) -> None:
    monkeypatch.chdir(REPO)
    result = run_cli("check", "tests/checks/hostile/")
    assert result.exit_code == 1
    golden("check_hostile.txt", result.stdout)


def write_and_check(run_cli, path: Path, content: bytes | str) -> str:
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    result = run_cli("check", path.name)
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = finding_lines(result.stdout)
    return line


def test_a_50_mb_file(run_cli, workdir: Path) -> None:
    line = write_and_check(run_cli, workdir / "huge.yaml", b"- 1\n" * (50 * 1024 * 1024 // 4))
    assert line == "huge.yaml: error: file is larger than 10 MiB [file]"


@pytest.mark.parametrize(
    ("opening", "closing", "expected"),
    [
        ("[", "]", "deep.yaml:1:1001: error: nesting deeper than 64 levels [yaml-syntax]"),
        ("{a: ", "}", "deep.yaml:1:254: error: nesting deeper than 64 levels [yaml-syntax]"),
        ("- ", "", "deep.yaml:1:129: error: nesting deeper than 64 levels [yaml-syntax]"),
    ],
)
def test_10_000_deep_nesting(
    run_cli, workdir: Path, opening: str, closing: str, expected: str
) -> None:
    line = write_and_check(
        run_cli, workdir / "deep.yaml", opening * 10_000 + "x" + closing * 10_000
    )
    assert line.startswith(expected)


def test_deep_block_mappings(run_cli, workdir: Path) -> None:
    # Indented 10,000 deep the file would pass 10 MiB; 1,000 levels show the same bound.
    text = "".join(" " * i + "a:\n" for i in range(1_000))
    line = write_and_check(run_cli, workdir / "deep.yaml", text)
    assert line == "deep.yaml:64:64: error: nesting deeper than 64 levels [yaml-syntax]"


def test_a_directory_named_like_a_config(run_cli, workdir: Path) -> None:
    (workdir / "x.yaml").mkdir()
    result = run_cli("check", "x.yaml")
    assert (result.exit_code, finding_lines(result.stdout)) == (
        1,
        ["x.yaml: error: no *.yaml or *.yml files in this directory [file]"],
    )


def test_a_missing_file(run_cli, workdir: Path) -> None:
    result = run_cli("check", "nowhere.yaml")
    assert (result.exit_code, finding_lines(result.stdout)) == (
        1,
        ["nowhere.yaml: error: no such file [file]"],
    )
