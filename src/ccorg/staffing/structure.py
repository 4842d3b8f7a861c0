"""Spans of control and layers, measured on the reporting lines. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ccorg.config.schema import ConcurrentRule, Post
from ccorg.plan import Structure


def measure_structure(posts: Sequence[Post], headcounts: Mapping[str, int]) -> Structure:
    """Spans per manager post, the average span and the number of layers.

    Reporting lines are known to form a forest (loops are refused when the config is read).
    """
    reports: dict[str, int] = {}
    for post in posts:
        if post.reports_to is not None and headcounts[post.id]:
            reports[post.reports_to] = reports.get(post.reports_to, 0) + headcounts[post.id]
    by_id = {post.id: post for post in posts}
    spans: dict[str, float] = {}
    managers = 0
    for manager_id, people in reports.items():
        manager = by_id[manager_id]
        # A concurrent post still has one person in the chair, who manages its reports.
        holders = 1 if isinstance(manager.rule, ConcurrentRule) else headcounts[manager_id]
        if holders:
            spans[manager_id] = people / holders
            managers += holders
    average = sum(reports[m] for m in spans) / managers if managers else None

    depth: dict[str, int] = {}

    def layer(post_id: str) -> int:
        chain: list[str] = []
        node: str | None = post_id
        while node is not None and node not in depth:
            chain.append(node)
            node = by_id[node].reports_to
        level = 0 if node is None else depth[node]
        for link in reversed(chain):
            level += 1
            depth[link] = level
        return depth[post_id]

    staffed = [p.id for p in posts if headcounts[p.id] or isinstance(p.rule, ConcurrentRule)]
    return Structure(spans=spans, average_span=average, layers=max(map(layer, staffed), default=0))
