"""Reading an input file by name: only a regular file, and never more than a limit.

A FIFO, a device or a socket at a config's or a forecast's path would block the read forever
(`mkfifo p.yaml`) or never end (`/dev/zero`); each is refused by name before anything reads
from it. The file is opened without blocking and checked again on its descriptor, so a path
swapped for a FIFO between the two looks is refused too.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from ccorg.errors import UsageError

# What a path that is not a regular file is, in the user's words.
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(UsageError):
    """A file that cannot be read by name; ``reason`` says why without the path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file (``a FIFO (named pipe)``)."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def read_regular_file(path: str, limit: int, what: str) -> bytes:
    """At most ``limit`` + 1 bytes of the regular file at ``path`` (so that the caller can
    tell a file over the limit); ``what`` names the file in messages (``config file``)."""
    with open_regular_file(path, what) as handle:
        try:
            return handle.read(limit + 1)
        except OSError as error:
            raise UnreadableFile(path, f"cannot read: {error.strerror or error}") from None


def open_regular_file(path: str, what: str) -> BinaryIO:
    """The regular file at ``path``, open for reading in binary; ``what`` names it in
    messages (``CSV file``)."""
    try:
        kind = not_regular(os.stat(path).st_mode)
        if kind is None:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            kind = not_regular(os.fstat(descriptor).st_mode)
            if kind is None:
                return os.fdopen(descriptor, "rb")
            os.close(descriptor)
    except FileNotFoundError:
        raise UnreadableFile(path, "no such file") from None
    except OSError as error:
        raise UnreadableFile(path, f"cannot read: {error.strerror or error}") from None
    raise UnreadableFile(path, f"is {kind}, not a {what}")
