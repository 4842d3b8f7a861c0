"""Spans of control and layers, measured on the reporting lines. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ccorg.config.schema import ConcurrentRule, Post
from ccorg.plan import Structure


@dataclass(frozen=True)
class Reporting:
    """A group of posts' share of the reporting lines (a department's, say): the people of
    its posts reporting to each manager post, and the posts its staffed posts report to
    (None for a staffed post at the top). A plan measures its structure from the shares, so
    a department unchanged from a plan before brings its share as it was."""

    reports: dict[str, int]
    above: frozenset[str | None]


def reporting(posts: Iterable[Post], headcounts: Mapping[str, int]) -> Reporting:
    """The share of ``posts`` (each post's headcount in ``headcounts``)."""
    reports: dict[str, int] = {}
    above: set[str | None] = set()
    for post in posts:
        people = headcounts[post.id]
        if post.reports_to is not None and people:
            reports[post.reports_to] = reports.get(post.reports_to, 0) + people
        # A concurrent post still has one person in the chair.
        if people or isinstance(post.rule, ConcurrentRule):
            above.add(post.reports_to)
    return Reporting(reports, frozenset(above))


def measure_structure(
    shares: Iterable[Reporting], posts: Mapping[str, Post], headcount: Callable[[str], int]
) -> Structure:
    """Spans per manager post, the average span and the number of layers, from the shares
    of every post (in file order); ``posts`` holds every post by id.

    Reporting lines are known to form a forest (loops are refused when the config is read).
    """
    reports: dict[str, int] = {}
    above: set[str | None] = set()
    for share in shares:
        for manager_id, people in share.reports.items():
            reports[manager_id] = reports.get(manager_id, 0) + people
        above |= share.above
    spans: dict[str, float] = {}
    managers = 0
    for manager_id, people in reports.items():
        # A concurrent post still has one person in the chair, who manages its reports.
        rule = posts[manager_id].rule
        holders = 1 if isinstance(rule, ConcurrentRule) else headcount(manager_id)
        if holders:
            spans[manager_id] = people / holders
            managers += holders
    average = sum(reports[m] for m in spans) / managers if managers else None

    depth: dict[str | None, int] = {None: 0}

    def layer(post_id: str | None) -> int:
        """Posts along the chain from ``post_id`` up to the top (0 above the top)."""
        chain: list[str] = []
        node = post_id
        while node not in depth:
            assert node is not None
            chain.append(node)
            node = posts[node].reports_to
        level = depth[node]
        for link in reversed(chain):
            level += 1
            depth[link] = level
        return depth[post_id]

    # A staffed post is one layer below the post it reports to.
    return Structure(
        spans=spans, average_span=average, layers=max((1 + layer(p) for p in above), default=0)
    )
