"""What the reference checks read of each holder of posts, and what a base config vouches for.

A scenario's config shares with its base every department and post the scenario leaves
alone (``config/reuse.py``). The base's references were checked sound; among the same ids a
shared post refers soundly again, so only the posts the scenario made are checked. What the
checks read of a holder (the center or a department) is derived once for it
(``config/derived.py``), so a scenario costs what it changes, not the size of the config.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ccorg.config.derived import derived
from ccorg.config.loader import DataPath
from ccorg.config.schema import Center, Config, Department, LocatedPost, WorkloadRule

Holder = Center | Department


@dataclass(frozen=True)
class HolderFacts:
    """Of one holder's posts, in order: their ids, whom they report to, which are worked by
    a workload rule (their indexes). Nothing here refers to the holder itself, so keeping it
    beside the holder never keeps the holder alive."""

    post_ids: tuple[str, ...]
    id_set: frozenset[str]
    reports_to: dict[str, str]
    workload: tuple[int, ...]


def holders(config: Config) -> list[tuple[DataPath, Department | None, Holder]]:
    """The center and each department: the path of its posts, its department, itself."""
    return [
        (("center", "posts"), None, config.center),
        *((("departments", i, "posts"), d, d) for i, d in enumerate(config.departments)),
    ]


def facts(holder: Holder) -> HolderFacts:
    def make() -> HolderFacts:
        posts = holder.posts
        ids = tuple(post.id for post in posts)
        return HolderFacts(
            ids,
            frozenset(ids),
            {post.id: post.reports_to for post in posts if post.reports_to},
            tuple(i for i, post in enumerate(posts) if isinstance(post.rule, WorkloadRule)),
        )

    return derived(holder, "reference facts", make)


@dataclass(frozen=True)
class Sound:
    """What is known sound before looking: ``unique``, the ids; the id() of each holder all
    of whose posts refer soundly, and of each other post that does."""

    unique: bool = False
    holders: frozenset[int] = frozenset()
    posts: frozenset[int] = frozenset()


def sound_in(config: Config, base: Config | None) -> Sound:
    """What ``base`` (sound, and overlaid by ``config``) vouches for in ``config``."""
    if base is None or _namespaces(config) != _namespaces(base):
        return Sound()
    base_holders = {id(holder) for _, _, holder in holders(base)}
    kept = frozenset(id(h) for _, _, h in holders(config) if id(h) in base_holders)

    def posts(of: Config) -> Iterator[int]:
        for _, _, holder in holders(of):
            if id(holder) not in kept:
                yield from map(id, holder.posts)

    base_posts = set(posts(base))
    return Sound(True, kept, frozenset(p for p in posts(config) if p in base_posts))


def _namespaces(config: Config) -> tuple[object, ...]:
    """The ids a post's references are checked against, in order, and the sections whose
    presence its checks ask about."""
    return (
        config.center.id,
        [grade.id for grade in config.grades],
        [department.id for department in config.departments],
        [facts(holder).post_ids for _, _, holder in holders(config)],
        [stream.id for stream in config.demand.streams] if config.demand else None,
        [template.id for template in config.shifts.templates] if config.shifts else None,
        config.shrinkage is None,
    )


def posts_to_check(config: Config, sound: Sound) -> Iterator[LocatedPost]:
    """Every post not known to refer soundly, located."""
    for at, department, holder in holders(config):
        if id(holder) in sound.holders:
            continue
        for index, post in enumerate(holder.posts):
            if id(post) not in sound.posts:
                yield (*at, index), department, post


def workload_posts(config: Config) -> Iterator[LocatedPost]:
    """The posts a workload rule staffs, located."""
    for at, department, holder in holders(config):
        for index in facts(holder).workload:
            yield (*at, index), department, holder.posts[index]


def reporting_lines(config: Config) -> dict[str, str]:
    """Whom each post that reports to someone reports to, by post id, in file order."""
    found: dict[str, str] = {}
    for _, _, holder in holders(config):
        found.update(facts(holder).reports_to)
    return found


def post_id_set(config: Config) -> set[str]:
    """The ids of every post."""
    return set().union(*(facts(holder).id_set for _, _, holder in holders(config)))


def located_post_ids(config: Config) -> Iterator[tuple[DataPath, str]]:
    """Each post's id, with the path of that id."""
    for at, _, holder in holders(config):
        for index, post_id in enumerate(facts(holder).post_ids):
            yield (*at, index, "id"), post_id
