"""What is derived from a config's frozen objects, made once while the object lives.

A plan, its checks and its views each walk every post; a scenario's config shares with its
base every department, post and stream the scenario leaves alone (``config/reuse.py``).
What is derived from such an object is kept beside it (never inside: comparing or copying
configs must not meet it), by its id(), and forgotten when the object is.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_DERIVED: dict[int, dict[Hashable, Any]] = {}


def derived(owner: object, key: Hashable, make: Callable[[], T]) -> T:
    """``make()``, made once for ``owner`` (an object that never changes) and ``key``."""
    table = _DERIVED.get(id(owner))
    if table is None:
        table = _DERIVED[id(owner)] = {}
        weakref.finalize(owner, _DERIVED.pop, id(owner), None)
    if key not in table:
        table[key] = make()
    return table[key]
