"""Why the system refused to read or write, in the active language.

``OSError.strerror`` is the C library's English ("No space left on device") whatever
``--lang`` says. The reasons a user meets when ccorg reads a config or writes a result are
said here in words, with the errno name kept so the cause can still be looked up.
"""

from __future__ import annotations

import errno

from ccorg.i18n import N_, _

_REASONS = {
    errno.ENOSPC: N_("no space left on the device"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.ENOENT: N_("no such file or directory"),
    errno.EPIPE: N_("the reader closed the pipe"),
    errno.ECONNREFUSED: N_("connection refused: nobody listens on the socket"),
    errno.EROFS: N_("the file system is read-only"),
    errno.EISDIR: N_("it is a directory"),
    errno.ENOTDIR: N_("a part of the path is not a directory"),
    errno.EDQUOT: N_("the disk quota is exceeded"),
    errno.EFBIG: N_("the file is too large"),
    errno.EIO: N_("an input/output error"),
}


def os_reason(error: OSError) -> str:
    """``error``'s reason in words, with its errno name: 没有剩余空间（ENOSPC）."""
    code = error.errno
    name = errno.errorcode.get(code) if code is not None else None
    if code in _REASONS and name:
        return _("{reason} ({name})").format(reason=_(_REASONS[code]), name=name)
    return error.strerror or str(error)
