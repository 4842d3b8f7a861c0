"""Writing an output file without ever damaging what stands at its path.

A regular file (or a new path) is replaced atomically, so a reader finds the old file or the
whole new one, never a part of one: the bytes go to a temporary file in the target's own
directory (a rename is atomic only within one file system), are flushed to disk, and the
temporary file is then renamed over the target. If anything fails on the way — SIGTERM
included — the temporary file is removed and the target is left as it was.

Anything else is not ours to replace: a device (``/dev/null``), a FIFO, a socket or a
descriptor of this process (``/dev/stdout``) is written straight into, as a shell's ``>``
would; a directory is refused.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from ccorg.errors import UsageError

# Paths that name this process's descriptors or the kernel's devices: renaming a file over
# them would replace a device node (as root, /dev/null for the whole machine).
_SPECIAL_ROOTS = ("/dev/", "/proc/")


def write_output(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to the file at ``path``: atomically when it is a regular file or a new
    path, straight into it when it is a device, FIFO, socket or ``/dev/stdout``.

    A directory is a usage error; any other failure is an ``OSError``.
    """
    shown = os.fspath(path)
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise UsageError(f"{shown} is a directory; give the file to write")
    if found is None or (stat.S_ISREG(found.st_mode) and not _is_special(shown)):
        write_atomically(path, data)
    elif stat.S_ISSOCK(found.st_mode):
        _send_to_socket(shown, data)
    else:
        _write_into(shown, data, append=stat.S_ISREG(found.st_mode))


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace (or create) the regular file at ``path`` with ``data`` in one step.

    A symbolic link is followed, so the file it points to is replaced and the link kept. The
    file keeps the permissions of the file it replaces; a new one gets the usual ones
    (0666 less the umask) rather than the private 0600 of a temporary file.
    """
    target = Path(os.path.realpath(path))
    with _sigterm_unwinds():
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        try:
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


def _is_special(shown: str) -> bool:
    # /dev/stdout redirected to a file resolves to that file: it is still the shell's
    # descriptor, appended to rather than replaced under it.
    return os.path.abspath(shown).startswith(_SPECIAL_ROOTS)


def _write_into(shown: str, data: bytes, *, append: bool) -> None:
    flags = os.O_WRONLY | (os.O_APPEND if append else 0)
    descriptor = os.open(shown, flags)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _send_to_socket(shown: str, data: bytes) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.connect(shown)
        connection.sendall(data)


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While the temporary file exists, SIGTERM unwinds the stack (so it is removed) and
    then ends the process with the usual 128 + 15."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, _frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
