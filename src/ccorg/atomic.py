"""Writing an output file without ever damaging what stands at its path.

What is written, and how, is decided by what the path *is* (``os.stat``), never by how it is
spelled:

- a regular file (anywhere, ``/dev/shm`` included) or a new path is replaced atomically, so a
  reader finds the old file or the whole new one, never a part of one: the bytes go to a
  temporary file in the target's own directory (a rename is atomic only within one file
  system), are flushed to disk, and the temporary file is then renamed over the target. If
  anything fails on the way — SIGTERM, SIGHUP, SIGQUIT or Ctrl-C included — the temporary
  file is removed and the target is left as it was;
- a descriptor of this process (``/dev/stdout``, ``/dev/fd/N``, ``/proc/self/fd/N``) is
  written through that descriptor, as the shell's ``>`` set it up;
- a device (``/dev/null``), a FIFO or a socket is written straight into, never replaced (as
  root, replacing ``/dev/null`` would break the whole machine); a FIFO must have a reader
  already, or the write would wait for one forever;
- a directory is refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import socket
import stat
import tempfile
import threading
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

from ccorg.errors import UsageError
from ccorg.i18n import _


class OutputKind(Enum):
    """What an output path is, which decides how it is written."""

    FILE = "file"  # a regular file or a new path: replaced atomically
    DESCRIPTOR = "descriptor"  # one of this process's descriptors: written through it
    FIFO = "fifo"
    SOCKET = "socket"
    DEVICE = "device"


# The signals that end a process by default and that a user sends to stop ccorg: closing the
# terminal (or an ssh drop) sends SIGHUP, Ctrl-\ SIGQUIT, `kill` and CI time-outs SIGTERM.
# Ctrl-C (SIGINT) already unwinds as KeyboardInterrupt.
_UNWINDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT)

# Where Linux lists a process's descriptors (``/dev/fd`` and ``/proc/self/fd`` lead here);
# elsewhere (macOS) ``/dev/fd`` is a folder of its own.
_DESCRIPTOR_FOLDER = re.compile(r"/proc/(\d+)(?:/task/\d+)?/fd")

# More symbolic links than this in a row is a loop (Linux's own bound is 40).
_MAX_LINKS = 40


def output_kind(path: str | os.PathLike[str]) -> OutputKind:
    """What ``path`` is as an output; a directory is a usage error.

    A path that does not exist yet (or a dangling symbolic link) is a new file.
    """
    shown = os.fspath(path)
    if own_descriptor(shown) is not None:
        return OutputKind.DESCRIPTOR
    try:
        mode = os.stat(shown).st_mode
    except FileNotFoundError:
        return OutputKind.FILE
    if stat.S_ISDIR(mode):
        raise UsageError(_("{path} is a directory; give the file to write").format(path=shown))
    if stat.S_ISREG(mode):
        return OutputKind.FILE
    if stat.S_ISFIFO(mode):
        return OutputKind.FIFO
    if stat.S_ISSOCK(mode):
        return OutputKind.SOCKET
    return OutputKind.DEVICE


def write_output(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to the file at ``path``, in the way its kind asks (see the module).

    A directory, or a FIFO that nothing reads, is a usage error; any other failure is an
    ``OSError``.
    """
    shown = os.fspath(path)
    kind = output_kind(shown)
    if kind is OutputKind.FILE:
        write_atomically(shown, data)
    elif kind is OutputKind.DESCRIPTOR:
        _write_all(own_descriptor(shown), data)  # type: ignore[arg-type]  # known to be one
    elif kind is OutputKind.SOCKET:
        _send_to_socket(shown, data)
    elif kind is OutputKind.FIFO:
        _write_into_fifo(shown, data)
    else:
        _write_into(shown, data)


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace (or create) the regular file at ``path`` with ``data`` in one step.

    A symbolic link is followed, so the file it points to is replaced and the link kept. The
    file keeps the permissions of the file it replaces; a new one gets the usual ones
    (0666 less the umask) rather than the private 0600 of a temporary file.
    """
    target = Path(os.path.realpath(path))
    with _signals_unwind():
        # Held back while the temporary file is made, so that a signal cannot land between
        # its creation and the `try` that removes it; delivered at the unblock, inside it.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, *_UNWINDING_SIGNALS})
        try:
            descriptor, temporary = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
            )
        except BaseException:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            raise
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, _mode_for(target))
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise


def own_descriptor(shown: str) -> int | None:
    """The number of this process's descriptor that ``shown`` names (``/dev/stdout`` → 1,
    ``/dev/fd/3`` → 3, ``/proc/self/fd/0`` → 0), following symbolic links; else ``None``."""
    path = os.path.abspath(shown)
    for _hop in range(_MAX_LINKS):
        folder, name = os.path.split(path)
        real_folder = os.path.realpath(folder)
        if name.isascii() and name.isdigit() and _lists_own_descriptors(real_folder):
            return int(name)
        try:
            link = os.readlink(path)
        except OSError:  # not a link (or not there): it is what it is, not a descriptor
            return None
        path = os.path.normpath(os.path.join(real_folder, link))
    return None


def _lists_own_descriptors(folder: str) -> bool:
    found = _DESCRIPTOR_FOLDER.fullmatch(folder)
    return folder == "/dev/fd" if found is None else int(found[1]) == os.getpid()


def _write_into(shown: str, data: bytes) -> None:
    descriptor = os.open(shown, os.O_WRONLY)
    try:
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_into_fifo(shown: str, data: bytes) -> None:
    # A plain open waits until a reader opens the other end, which may be never; opened
    # without waiting, a FIFO nothing reads says so (ENXIO) at once.
    try:
        descriptor = os.open(shown, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as error:
        if error.errno != errno.ENXIO:
            raise
        message = _("{path}: a FIFO (named pipe) with no reader; start its reader first")
        raise UsageError(message.format(path=shown)) from None
    try:
        os.set_blocking(descriptor, True)  # then wait for the reader as it reads, as `>` would
        _write_all(descriptor, data)
    finally:
        os.close(descriptor)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def _send_to_socket(shown: str, data: bytes) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(shown)
        connection.sendall(data)


@contextlib.contextmanager
def _signals_unwind() -> Iterator[None]:
    """While the temporary file exists, SIGTERM, SIGHUP and SIGQUIT unwind the stack (so it
    is removed) and then end the process with the usual 128 + the signal's number.

    A signal the process ignores (``nohup`` ignores SIGHUP) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = {}
    for number in _UNWINDING_SIGNALS:
        if signal.getsignal(number) is not signal.SIG_IGN:
            previous[number] = signal.signal(number, terminate)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
