"""What the plans of variants of one config share: solved streams and derived posts. Pure.

``ccorg check`` plans a config and each of its scenarios, ``ccorg compare`` many variants.
A scenario's ``Config`` shares with its base's every object the scenario leaves alone (a
``Post``, a ``Grade``, a ``Stream``…), so a post's outcome is kept by the identity of the
objects it is a function of, and by the values it reads from other posts: a scenario that
changes one post derives again only that post and what counts it. Keys hold ``id()``s, and
each entry holds the objects whose ids its key holds, so that no other object can take one
of those ids while the entry is kept. Validated configs are never changed in place.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ccorg.staffing.workload import StreamCache

Value = TypeVar("Value")
_Entries = dict[Hashable, tuple[tuple[object, ...], object]]


class PlanCache:
    """Kept across the plans of variants of one config (pass the same one to each
    ``build_plan``). Memory stays within two plans' worth however many variants are planned:
    what the first plan (the base) used, and what the latest one did."""

    def __init__(self) -> None:
        self._streams: StreamCache | None = None
        self._first: _Entries | None = None
        self._latest: _Entries = {}

    @property
    def streams(self) -> StreamCache:
        """Solved streams; made on first use, so a config without demand never loads numpy."""
        if self._streams is None:
            from ccorg.staffing.workload import StreamCache

            self._streams = StreamCache()
        return self._streams

    def reuse(self) -> Reuse:
        """The look-ups of one more plan, in what the plans before it kept."""
        return Reuse(self._first or {}, self._latest)

    def keep(self, reuse: Reuse) -> None:
        """Keep what a plan that came to its end used (a failed plan keeps nothing)."""
        if self._first is None:
            self._first = reuse.used
        self._latest = reuse.used


class Reuse:
    """One plan's look-ups: ``get`` what this plan or an earlier one ``put``; both record
    what this plan used, for the cache to keep."""

    def __init__(self, first: _Entries, latest: _Entries) -> None:
        self._first = first
        self._latest = latest
        self.used: _Entries = {}

    def get(self, key: Hashable, kind: type[Value]) -> Value | None:
        """The ``kind`` an earlier plan put under ``key``, if any."""
        entry = self.used.get(key)
        if entry is None:
            entry = self._latest.get(key) or self._first.get(key)
            if entry is None:
                return None
            self.used[key] = entry
        value = entry[1]
        assert isinstance(value, kind)
        return value

    def put(self, key: Hashable, held: tuple[object, ...], value: Value) -> Value:
        """Keep ``value`` under ``key``, holding ``held``: the objects whose ids ``key`` has."""
        self.used[key] = (held, value)
        return value
