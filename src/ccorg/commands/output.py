"""Where a command's file goes: standard output (``-``), or a path (see ``ccorg.atomic``)."""

from __future__ import annotations

import io
import os
import sys

from ccorg.atomic import OutputKind, output_kind, own_descriptor, write_output
from ccorg.errors import UsageError
from ccorg.i18n import _
from ccorg.i18n.os_reasons import os_reason

STDOUT = "-"


def refuse_binary_on_terminal(output: str) -> None:
    """A workbook is binary: never onto a terminal, be it ``-``, ``/dev/stdout`` or
    ``/dev/tty`` (say so before any work is done)."""
    if _is_terminal(output):
        raise UsageError(_("an xlsx workbook is binary: write it with -o FILE, or redirect stdout"))


def _is_terminal(output: str) -> bool:
    if output == STDOUT:
        return sys.stdout.isatty()
    try:
        kind = output_kind(output)
    except (OSError, UsageError):  # not there to write: told when it is written
        return False
    if kind is OutputKind.DESCRIPTOR:
        return os.isatty(own_descriptor(output))  # type: ignore[arg-type]  # known to be one
    if kind is not OutputKind.DEVICE:
        return False
    try:  # a device is opened to be written anyway; without becoming the controlling tty
        descriptor = os.open(output, os.O_WRONLY | os.O_NOCTTY | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        return os.isatty(descriptor)
    finally:
        os.close(descriptor)


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
        raise cannot_write(output, error) from None


def cannot_write(path: str | os.PathLike[str], error: OSError) -> UsageError:
    """The usage error for a file that could not be written, naming it and the reason."""
    message = _("cannot write {path}: {reason}")
    return UsageError(message.format(path=os.fspath(path), reason=os_reason(error)))


class _ClosedStream(io.TextIOBase):
    """A standard stream the shell closed, where Python leaves ``None``: no terminal, and
    its bytes (``.buffer``) are itself."""

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> _ClosedStream:
        return self


class ClosedStandardOutput(_ClosedStream):
    """What ``sys.stdout`` is when the shell closed it (``ccorg plan c.yaml >&-``): writing
    anything to it is a usage error that says so; a command that writes nothing there
    (``export -o FILE``) runs as usual."""

    def write(self, text: str | bytes) -> int:
        if text:
            raise UsageError(_("cannot write the output: standard output is closed"))
        return 0


class ClosedStandardInput(_ClosedStream):
    """What ``sys.stdin`` is when the shell closed it (``ccorg plan - <&-``): reading it is a
    usage error that says so."""

    def read(self, size: int | None = -1) -> str:
        raise UsageError(_("cannot read standard input: it is closed"))

    def readline(self, size: int | None = -1) -> str:
        return self.read()


def stand_in_for_closed_streams() -> None:
    """Give a closed standard input, output or error (``<&-``, ``>&-``, ``2>&-``) a stand-in.

    Standard input and output become a :class:`ClosedStandardInput` and a
    :class:`ClosedStandardOutput`; standard error, where only messages go, a sink (the exit
    code still tells what happened). Their descriptors are held on ``/dev/null`` too: left
    free, the next file ccorg opens would get number 0, 1 or 2, and whatever reads or writes
    there (a C library's own printing) would meet that file.
    """
    if sys.stdin is None:
        _hold(0, os.O_WRONLY)  # opened for writing: a read from it fails
        sys.stdin = ClosedStandardInput()
    if sys.stdout is None:
        _hold(1, os.O_RDONLY)  # opened for reading: a write to it fails, it goes nowhere
        sys.stdout = ClosedStandardOutput()
    if sys.stderr is None:
        _hold(2, os.O_WRONLY)
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115 - for the run


def _hold(descriptor: int, flags: int) -> None:
    try:
        os.fstat(descriptor)
        return  # something holds it already
    except OSError:
        pass
    holder = os.open(os.devnull, flags)
    if holder != descriptor:
        os.dup2(holder, descriptor)
        os.close(holder)
