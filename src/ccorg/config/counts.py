"""How many posts, departments and streams a config may hold, refused before validation.

Each post is derived and listed by every view, each stream solved interval by interval: the
bounds (``ccorg.limits``, the README's Limits table) keep a plan within seconds. They are
counted on the data as written, so a config past them is refused before any of it is
validated, at the first object past the limit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ccorg.config.loader import DataPath, SourceMap
from ccorg.errors import Problem
from ccorg.i18n import N_, _
from ccorg.limits import MAX_DEPARTMENTS, MAX_POSTS, MAX_STREAMS


def count_problems(data: dict[str, Any], source_map: SourceMap) -> list[Problem]:
    """A located problem for each kind of object the config holds more of than it may."""
    departments = _list(data.get("departments"))
    demand = data.get("demand")
    streams = _list(demand.get("streams")) if isinstance(demand, dict) else []
    counted = (
        (_POSTS, MAX_POSTS, list(_post_paths(data, departments))),
        (_DEPARTMENTS, MAX_DEPARTMENTS, [("departments", i) for i in range(len(departments))]),
        (_STREAMS, MAX_STREAMS, [("demand", "streams", i) for i in range(len(streams))]),
    )
    return [
        Problem(
            source_map.locate(paths[limit]),
            _(message).format(count=f"{len(paths):,}", limit=f"{limit:,}"),
            "limit",
        )
        for message, limit, paths in counted
        if len(paths) > limit
    ]


_POSTS = N_("{count} posts; a config holds at most {limit} (the limit of posts)")
_DEPARTMENTS = N_("{count} departments; a config holds at most {limit} (the limit of departments)")
_STREAMS = N_("{count} demand streams; a config holds at most {limit} (the limit of streams)")


def _post_paths(data: dict[str, Any], departments: list[Any]) -> Iterator[DataPath]:
    center = data.get("center")
    if isinstance(center, dict):
        yield from (("center", "posts", i) for i in range(len(_list(center.get("posts")))))
    for index, department in enumerate(departments):
        if isinstance(department, dict):
            posts = _list(department.get("posts"))
            yield from (("departments", index, "posts", i) for i in range(len(posts)))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
