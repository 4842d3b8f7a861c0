"""Where a command's file goes: standard output (``-``), or a path (see ``ccorg.atomic``)."""

from __future__ import annotations

import sys

from ccorg.atomic import write_output
from ccorg.errors import UsageError
from ccorg.i18n import _
from ccorg.i18n.os_reasons import os_reason

STDOUT = "-"


def refuse_binary_on_terminal(output: str) -> None:
    """A workbook is binary: never onto a terminal (say so before any work is done)."""
    if output == STDOUT and sys.stdout.isatty():
        raise UsageError(_("an xlsx workbook is binary: write it with -o FILE, or redirect stdout"))


def send(output: str, data: bytes) -> None:
    """Write ``data`` to ``output``: standard output for ``-``, else the path it names."""
    if output == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_output(output, data)
    except OSError as error:
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=output, reason=os_reason(error))
        ) from None
