"""Writing a file so that a reader finds the old file or the whole new one, never a part of one.

The bytes go to a temporary file in the target's own directory (a rename is atomic only within
one file system), are flushed to disk, and the temporary file is then renamed over the target.
If anything fails on the way, the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace (or create) the file at ``path`` with ``data`` in one step.

    A symbolic link is followed, so the file it points to is replaced and the link kept. The
    file keeps the permissions of the file it replaces; a new one gets the usual ones
    (0666 less the umask) rather than the private 0600 of a temporary file.
    """
    target = Path(os.path.realpath(path))
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


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
