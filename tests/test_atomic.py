"""Atomic writes: the old file or the whole new one, never a part, and no temporary left behind."""

from __future__ import annotations

import os
import signal
import socket
import stat
import threading

import pytest

from ccorg import atomic
from ccorg.atomic import write_atomically, write_output
from ccorg.errors import UsageError


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


def test_sigterm_while_writing_leaves_no_temporary_and_exits_143(tmp_path, monkeypatch):
    target = tmp_path / "plan.md"
    target.write_bytes(b"old")

    def terminated(*args):
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(atomic.os, "fsync", terminated)
    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as stop:
        write_atomically(target, b"new")
    assert stop.value.code == 128 + signal.SIGTERM
    assert os.listdir(tmp_path) == ["plan.md"]
    assert target.read_bytes() == b"old"
    assert signal.getsignal(signal.SIGTERM) == previous


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_output(fifo, b"digraph {}\n" * 10_000)
    reader.join(timeout=10)
    assert received == [b"digraph {}\n" * 10_000]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert os.listdir(tmp_path) == ["pipe"]


def test_a_socket_is_written_into_not_replaced(tmp_path):
    path = tmp_path / "s"
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(path))
        server.listen(1)

        def serve() -> None:
            connection, _ = server.accept()
            with connection:
                chunks = iter(lambda: connection.recv(65536), b"")
                received.append(b"".join(chunks))

        reader = threading.Thread(target=serve)
        reader.start()
        write_output(path, b"flowchart TD\n")
        reader.join(timeout=10)
    assert received == [b"flowchart TD\n"]
    assert stat.S_ISSOCK(os.stat(path).st_mode)


def test_a_character_device_is_written_into(tmp_path):
    before = os.stat("/dev/null")
    write_output("/dev/null", b"nothing to keep")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_a_full_device_reports_the_failure(tmp_path):
    with pytest.raises(OSError, match="No space left"):
        write_output("/dev/full", b"x")


def test_a_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        write_output(tmp_path, b"x")
    assert os.listdir(tmp_path) == []


def test_a_regular_file_is_still_replaced_atomically(tmp_path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_bytes(b"old")
    replaced = []
    monkeypatch.setattr(atomic.os, "replace", lambda a, b: replaced.append(b) or os.rename(a, b))
    write_output(target, b"new")
    assert replaced == [target] and target.read_bytes() == b"new"
