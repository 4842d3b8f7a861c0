"""Atomic writes: the old file or the whole new one, never a part, and no temporary left behind."""

from __future__ import annotations

import os
import stat

import pytest

from ccorg import atomic
from ccorg.atomic import write_atomically


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_creates_a_file_with_the_usual_permissions(tmp_path, umask_022):
    target = tmp_path / "out.md"
    write_atomically(target, "表格\n".encode())
    assert target.read_text(encoding="utf-8") == "表格\n"
    assert mode(target) == 0o644
    assert os.listdir(tmp_path) == ["out.md"]


def test_replaces_a_file_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o640


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.dot"
    real.write_bytes(b"old")
    link = tmp_path / "link.dot"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, failing):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old workbook")

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, failing, fail)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new workbook, half written")
    assert target.read_bytes() == b"old workbook"
    assert os.listdir(tmp_path) == ["plan.xlsx"]


def test_an_interrupt_while_writing_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "plan.md"

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, b"text")
    assert os.listdir(tmp_path) == []


def test_a_missing_directory_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "no" / "out.md", b"x")
