"""Why a plan cannot be derived from a valid config; the pipeline locates them in the file."""

from __future__ import annotations

from collections.abc import Sequence

from ccorg.i18n import _


class StreamError(ValueError):
    """A demand stream that cannot be planned (a target no staffing meets, hours outside the
    center's, a forecast with volume while closed …).

    ``field`` is the path of the offending key inside the stream (``("volume",)``; empty for
    the stream as a whole), so the caller can point at it in the file.
    """

    def __init__(self, stream_id: str, field: tuple[str | int, ...], message: str) -> None:
        super().__init__(
            _("stream {stream!r}: {message}").format(stream=stream_id, message=message)
        )
        self.stream_id = stream_id
        self.field = field
        self.message = message


class ShiftError(ValueError):
    """Shift rules that cannot be scheduled, with the data path (under ``shifts``) to blame."""

    def __init__(self, field: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.field = field


class InfeasibleScheduleError(ValueError):
    """No plan covers the post's requirement; ``intervals`` label those left short."""

    def __init__(self, post_id: str, message: str, intervals: Sequence[str] = ()) -> None:
        super().__init__(_("post {post!r}: {message}").format(post=post_id, message=message))
        self.post_id = post_id
        self.intervals = tuple(intervals)


class ScheduleTimeoutError(InfeasibleScheduleError):
    """The time limit stopped the solver before it found any whole-shift plan (not a proof
    that none exists: a longer limit may find one)."""
