"""Source specs: files, git revisions and scenarios, and reading a file from git."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ccorg.config.loader import MAX_BYTES, load_yaml
from ccorg.config.sources import SourceSpec, parse_source_spec, read_revision
from ccorg.errors import ConfigError, UsageError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("configs/bank.yaml", SourceSpec("configs/bank.yaml")),
        ("-", SourceSpec("-")),
        ("main:configs/bank.yaml", SourceSpec("configs/bank.yaml", "main")),
        ("HEAD~1:bank.yaml@lean", SourceSpec("bank.yaml", "HEAD~1", "lean")),
        ("HEAD@{1}:bank.yaml", SourceSpec("bank.yaml", "HEAD@{1}")),
        ("HEAD@{1}:bank.yaml@lean", SourceSpec("bank.yaml", "HEAD@{1}", "lean")),
        ("-@lean", SourceSpec("-", scenario="lean")),
        # Not a file and not REV:PATH, so the '@' is part of a (missing) file's name.
        ("missing@lean", SourceSpec("missing@lean")),
        # What follows the '@' is no scenario name, so it stays in the path.
        ("main:a@b/c.yaml", SourceSpec("a@b/c.yaml", "main")),
    ],
)
def test_specs_are_read_as_written(text: str, expected: SourceSpec) -> None:
    assert parse_source_spec(text) == expected
    assert str(expected) == text


def test_an_existing_file_wins_over_every_other_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("odd:name.yaml").write_text("x: 1\n")
    Path("v@2.yaml").write_text("x: 1\n")
    assert parse_source_spec("odd:name.yaml") == SourceSpec("odd:name.yaml")
    assert parse_source_spec("v@2.yaml") == SourceSpec("v@2.yaml")
    assert parse_source_spec("odd:name.yaml@lean") == SourceSpec("odd:name.yaml", None, "lean")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (":bank.yaml", "write a git revision as REV:PATH"),
        ("main:", "write a git revision as REV:PATH"),
        ("--output=x:bank.yaml", "a revision cannot start with '-'"),
    ],
)
def test_malformed_revisions_are_usage_errors(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_source_spec(text)


@pytest.fixture
def history(git_repo: Callable[..., str]) -> Callable[..., str]:
    """A repository with configs/c.yaml committed twice: 'one' then 'two'."""
    Path("configs").mkdir()
    Path("configs/c.yaml").write_text("version: one\n")
    git_repo("add", ".")
    git_repo("commit", "-q", "-m", "one")
    Path("configs/c.yaml").write_text("version: two\n")
    git_repo("commit", "-q", "-am", "two")
    git_repo("tag", "release-1", "HEAD~1")
    return git_repo


def test_a_revision_is_read_through_git(history: Callable[..., str]) -> None:
    assert read_revision("HEAD~1", "configs/c.yaml") == (b"version: one\n", "HEAD~1:configs/c.yaml")
    assert read_revision("main", "configs/c.yaml") == (b"version: two\n", "main:configs/c.yaml")
    assert read_revision("release-1", "configs/c.yaml")[0] == b"version: one\n"


def test_a_path_from_the_current_directory_is_accepted(
    history: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("configs")
    assert read_revision("HEAD~1", "c.yaml") == (b"version: one\n", "HEAD~1:configs/c.yaml")
    assert read_revision("HEAD~1", "./c.yaml")[0] == b"version: one\n"


@pytest.mark.parametrize(
    ("revision", "path", "message"),
    [
        (
            "relaese-1",
            "configs/c.yaml",
            "unknown git revision 'relaese-1'; did you mean 'release-1'?",
        ),
        ("HEAD~5", "configs/c.yaml", "unknown git revision 'HEAD~5'"),
        ("main", "configs/c.yml", "no such file in main; did you mean main:configs/c.yaml?"),
        ("main", "configs", "is a directory in main, not a config file"),
    ],
)
def test_what_git_cannot_give_is_a_clear_usage_error(
    history: Callable[..., str], revision: str, path: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        read_revision(revision, path)
    assert str(caught.value) == f"{revision}:{path}: {message}"


def test_outside_a_repository_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=r"main:c\.yaml: not inside a git repository"):
        read_revision("main", "c.yaml")


def test_without_git_installed_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with pytest.raises(UsageError, match="git is not installed"):
        read_revision("main", "c.yaml")


def test_a_blob_over_the_limit_is_read_only_up_to_the_limit(
    git_repo: Callable[..., str],
) -> None:
    # One repeated byte compresses: the commit is small, the blob is not.
    Path("big.yaml").write_bytes(b"#" * (MAX_BYTES + 4096))
    git_repo("add", ".")
    git_repo("commit", "-q", "-m", "big")
    content, shown = read_revision("HEAD", "big.yaml")
    assert (len(content), shown) == (MAX_BYTES + 1, "HEAD:big.yaml")
    with pytest.raises(ConfigError, match=r"^HEAD:big\.yaml: file is larger than 10 MiB$"):
        load_yaml(content, shown)
