"""Why a plan cannot be derived from a valid config; the pipeline locates them in the file."""

from __future__ import annotations

from collections.abc import Sequence

from ccorg.i18n import _, ngettext
from ccorg.limits import MAX_SOLVE_SECONDS


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


class ScheduleBudgetError(InfeasibleScheduleError):
    """A plan's shift solves spent its ``shifts.time_limit_seconds`` (their time together)
    before post ``post_id`` could be tried: that post and ``waiting`` (the posts with
    ``schedule_fit: auto`` not planned yet) have no plan; ``planned`` had theirs first."""

    def __init__(
        self, post_id: str, seconds: float, planned: Sequence[str], waiting: Sequence[str]
    ) -> None:
        self.seconds = seconds
        self.planned = tuple(planned)
        self.waiting = tuple(waiting)
        also = ""
        if waiting:
            shown = ", ".join(repr(p) for p in waiting[:_WAITING_SHOWN])
            if len(waiting) > _WAITING_SHOWN:
                shown += ", …"
            also = ngettext(
                "; {count} more post with schedule_fit: auto waits after it ({posts})",
                "; {count} more posts with schedule_fit: auto wait after it ({posts})",
                len(waiting),
            ).format(count=f"{len(waiting):,}", posts=shown)
        message = ngettext(
            "its shifts were not planned: the shift solves of the {done} post before it took "
            "all {seconds:g} s of shifts.time_limit_seconds, the time of all of one plan's "
            "shift solves together{also}; give posts a fixed schedule_fit, raise "
            "shifts.time_limit_seconds (at most {most:,} s) or derive fewer posts' schedule fit",
            "its shifts were not planned: the shift solves of the {done} posts before it took "
            "all {seconds:g} s of shifts.time_limit_seconds, the time of all of one plan's "
            "shift solves together{also}; give posts a fixed schedule_fit, raise "
            "shifts.time_limit_seconds (at most {most:,} s) or derive fewer posts' schedule fit",
            len(self.planned),
        ).format(done=f"{len(self.planned):,}", seconds=seconds, also=also, most=MAX_SOLVE_SECONDS)
        super().__init__(post_id, message)


# Posts a budget message names after the one refused; the rest are counted.
_WAITING_SHOWN = 5
