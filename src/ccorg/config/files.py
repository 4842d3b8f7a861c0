"""Reading an input file by name: only a regular file, and never more than a limit.

A FIFO, a device or a socket at a config's or a forecast's path would block the read forever
(`mkfifo p.yaml`) or never end (`/dev/zero`); each is refused by name before anything reads
from it. The file is opened without blocking and checked again on its descriptor, so a path
swapped for a FIFO between the two looks is refused too.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

from ccorg.errors import UsageError, excerpt
from ccorg.i18n import N_, _
from ccorg.i18n.os_reasons import os_reason

# What a path that is not a regular file is, in the user's words.
_KINDS = (
    (stat.S_ISDIR, N_("a directory")),
    (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
    (stat.S_ISCHR, N_("a character device")),
    (stat.S_ISBLK, N_("a block device")),
    (stat.S_ISSOCK, N_("a socket")),
)


class UnreadableFile(UsageError):
    """A file that cannot be read by name; ``reason`` says why without the path, in the
    reader's language; ``missing`` tells a path that names nothing."""

    def __init__(self, path: str, reason: str, missing: bool = False) -> None:
        super().__init__(f"{path}: {reason}")
        self.reason = reason
        self.missing = missing


def not_regular(mode: int) -> str | None:
    """What a file of ``mode`` is when it is not a regular file (``a FIFO (named pipe)``)."""
    if stat.S_ISREG(mode):
        return None
    return _(next((kind for test, kind in _KINDS if test(mode)), N_("not a regular file")))


def read_regular_file(path: str, limit: int, what: str) -> bytes:
    """At most ``limit`` + 1 bytes of the regular file at ``path`` (so that the caller can
    tell a file over the limit); ``what`` names the file in messages (``config file``,
    marked with ``N_`` by the caller and translated here)."""
    with open_regular_file(path, what) as handle:
        try:
            return handle.read(limit + 1)
        except OSError as error:
            raise UnreadableFile(
                path, _("cannot read: {reason}").format(reason=os_reason(error))
            ) from None


def open_regular_file(path: str, what: str) -> BinaryIO:
    """The regular file at ``path``, open for reading in binary; ``what`` names it in
    messages (``CSV file``, marked with ``N_``)."""
    try:
        kind = not_regular(os.stat(path).st_mode)
        if kind is None:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            kind = not_regular(os.fstat(descriptor).st_mode)
            if kind is None:
                return os.fdopen(descriptor, "rb")
            os.close(descriptor)
    except FileNotFoundError:
        if os.path.islink(path):
            target = excerpt(os.readlink(path), 200)
            raise UnreadableFile(
                path, _("is a dangling symbolic link (to {target})").format(target=target)
            ) from None
        raise UnreadableFile(path, _("no such file"), missing=True) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnreadableFile(path, _("is a loop of symbolic links")) from None
        raise UnreadableFile(
            path, _("cannot read: {reason}").format(reason=os_reason(error))
        ) from None
    raise UnreadableFile(path, _("is {kind}, not a {what}").format(kind=kind, what=_(what)))
