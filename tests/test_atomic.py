"""Atomic writes: the old file or the whole new one, never a part, and no temporary left behind."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ccorg import atomic
from ccorg.atomic import OutputKind, output_kind, own_descriptor, write_atomically, write_output
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


def write_once_read(fifo, data: bytes) -> None:
    """``write_output`` into a FIFO whose reader, a thread just started, may not have opened
    its end yet (until it has, the FIFO has no reader and the write is refused)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return write_output(fifo, data)
        except UsageError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_once_read(fifo, b"digraph {}\n" * 10_000)
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


def test_a_fifo_without_a_reader_is_refused_at_once(tmp_path):
    fifo = tmp_path / "nofifo"
    os.mkfifo(fifo)

    def waited(*args):
        pytest.fail("the write waited for a reader")

    previous = signal.signal(signal.SIGALRM, waited)
    signal.alarm(20)  # a plain open would wait forever: fail rather than hang
    try:
        with pytest.raises(UsageError) as refused:
            write_output(fifo, b"digraph {}\n")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    message = f"{fifo}: a FIFO (named pipe) with no reader; start its reader first"
    assert str(refused.value) == message
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and os.listdir(tmp_path) == ["nofifo"]


def bound_and_closed(path) -> None:
    """Leave a socket file at ``path`` (a stale one: nothing listens)."""
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda path: None, OutputKind.FILE),
        (lambda path: path.write_bytes(b"old"), OutputKind.FILE),
        (os.mkfifo, OutputKind.FIFO),
        (bound_and_closed, OutputKind.SOCKET),
    ],
    ids=["new", "regular", "fifo", "socket"],
)
def test_the_kind_is_what_the_path_is(tmp_path, make, kind):
    path = tmp_path / "out"
    make(path)
    assert output_kind(path) is kind


def test_devices_and_descriptors_are_told_by_what_they_are(tmp_path):
    assert output_kind("/dev/null") is OutputKind.DEVICE
    with open(tmp_path / "log", "wb") as log:
        number = log.fileno()
        for spelled in (
            f"/dev/fd/{number}",
            f"/proc/self/fd/{number}",
            f"/proc/{os.getpid()}/fd/{number}",
        ):
            assert (own_descriptor(spelled), output_kind(spelled)) == (
                number,
                OutputKind.DESCRIPTOR,
            )
    assert own_descriptor("/dev/stdout") == 1
    assert own_descriptor(tmp_path / "log") is None
    # Another process's descriptor is what it leads to: a regular file is replaced.
    assert own_descriptor("/proc/1/fd/1") is None


@pytest.mark.skipif(not os.access("/dev/shm", os.W_OK), reason="no writable /dev/shm")
def test_a_regular_file_under_dev_is_replaced_not_appended_to():
    # /dev/shm is an ordinary tmpfs: where a path lies says nothing about what it is.
    target = Path(f"/dev/shm/ccorg-test-{os.getpid()}.dot")
    try:
        write_output(target, b"digraph old {}\n")
        first = target.stat().st_ino
        write_output(target, b"digraph new {}\n")
        assert target.read_bytes() == b"digraph new {}\n"
        assert target.stat().st_ino != first  # renamed over, not written into
    finally:
        target.unlink(missing_ok=True)


def test_a_descriptor_is_written_through_not_replaced(tmp_path):
    # `ccorg export -o /dev/stdout > log`: the shell's descriptor, at its own offset.
    log = tmp_path / "log"
    with open(log, "wb", buffering=0) as stream:
        stream.write(b"before\n")
        write_output(f"/dev/fd/{stream.fileno()}", b"digraph {}\n")
        stream.write(b"after\n")
        inode = os.fstat(stream.fileno()).st_ino
    assert log.read_bytes() == b"before\ndigraph {}\nafter\n"
    assert log.stat().st_ino == inode and os.listdir(tmp_path) == ["log"]


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGQUIT])
def test_sighup_and_sigquit_unwind_like_sigterm(tmp_path, monkeypatch, number):
    target = tmp_path / "plan.html"
    target.write_bytes(b"old")

    def signalled(*args):
        os.kill(os.getpid(), number)

    monkeypatch.setattr(atomic.os, "fsync", signalled)
    # As a shell gives a foreground command: a test run started in the background inherits
    # SIGQUIT ignored, which ccorg rightly leaves ignored (see the next test).
    previous = signal.signal(number, signal.SIG_DFL)
    try:
        with pytest.raises(SystemExit) as stop:
            write_atomically(target, b"new")
        assert signal.getsignal(number) == signal.SIG_DFL
    finally:
        signal.signal(number, previous)
    assert stop.value.code == 128 + number
    assert os.listdir(tmp_path) == ["plan.html"] and target.read_bytes() == b"old"


def test_an_ignored_sighup_stays_ignored(tmp_path, monkeypatch):
    # Under nohup the terminal's hang-up is not ccorg's to act on: the write completes.
    target = tmp_path / "plan.md"
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: os.kill(os.getpid(), signal.SIGHUP))
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        write_atomically(target, b"new")
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert os.listdir(tmp_path) == ["plan.md"] and target.read_bytes() == b"new"


# A child that stops in fsync (the temporary file written, not yet renamed) until signalled.
_SLOW_WRITER = """
import os, sys, time
from ccorg import atomic
def slow(descriptor):
    print("writing", flush=True)
    time.sleep(60)
atomic.os.fsync = slow
atomic.write_atomically(sys.argv[1], b"new")
"""


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT])
def test_a_signal_from_outside_leaves_no_temporary(tmp_path, number):
    target = tmp_path / "plan.xlsx"
    target.write_bytes(b"old")
    env = {**os.environ, "PYTHONPATH": str(Path(atomic.__file__).parents[1])}
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        env=env,
        # As a shell starts a foreground command, even when the tests run in the background
        # (which ignores SIGQUIT in every child).
        preexec_fn=lambda: signal.signal(number, signal.SIG_DFL),
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == b"writing\n"
        assert len(os.listdir(tmp_path)) == 2  # the temporary file beside it
        child.send_signal(number)
        assert child.wait(timeout=30) == 128 + number
    assert os.listdir(tmp_path) == ["plan.xlsx"] and target.read_bytes() == b"old"
