"""The org chart as nodes and edges, shared by the Mermaid and Graphviz views.

Center → departments (sub-departments under their parent) → posts, and within a group posts
nest along their reporting lines, as in the terminal tree: a post whose manager sits in another
group (a department manager reporting to the center's deputy) hangs from its own group's node.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from ccorg.config.schema import ConcurrentRule
from ccorg.plan import Plan, PostPlan

NodeKind = Literal["center", "department", "post"]


@dataclass(frozen=True)
class ChartNode:
    """One box of the chart.

    ``key`` is an ASCII identifier unique in the chart (``p_team_leader``), safe as a Mermaid
    or DOT node id; ``id`` is the config id of the post, department or center it stands for;
    ``concurrent`` marks a 兼任 post, drawn dashed.
    """

    key: str
    id: str
    kind: NodeKind
    name: str
    headcount: int
    concurrent: bool = False

    @property
    def label(self) -> str:
        """Name and headcount (``业务组组长 ×6``) on one line, without control characters."""
        name = " ".join(self.name.split())
        name = "".join(char for char in name if unicodedata.category(char) != "Cc")
        suffix = " · 兼任" if self.concurrent else ""
        return f"{name} ×{self.headcount}{suffix}"


@dataclass(frozen=True)
class OrgChart:
    """Nodes in drawing order (depth first, file order among siblings) and parent → child edges."""

    nodes: tuple[ChartNode, ...]
    edges: tuple[tuple[str, str], ...]

    def node(self, key: str) -> ChartNode:
        return next(node for node in self.nodes if node.key == key)


def org_chart(plan: Plan) -> OrgChart:
    """The chart of a plan."""
    keys = _Keys()
    nodes: list[ChartNode] = []
    edges: list[tuple[str, str]] = []

    def add(node: ChartNode, parent: str | None) -> None:
        nodes.append(node)
        if parent is not None:
            edges.append((parent, node.key))

    def add_posts(posts: tuple[PostPlan, ...], group: str) -> None:
        ids = {post.id for post in posts}
        children: dict[str | None, list[PostPlan]] = {}
        for post in posts:
            manager = post.post.reports_to if post.post.reports_to in ids else None
            children.setdefault(manager, []).append(post)

        def walk(manager: str | None, parent: str) -> None:
            for post in children.get(manager, []):
                key = keys.make("p", post.id)
                concurrent = isinstance(post.post.rule, ConcurrentRule)
                add(ChartNode(key, post.id, "post", post.name, post.headcount, concurrent), parent)
                walk(post.id, key)

        walk(None, group)

    center = keys.make("c", plan.center_id)
    add(ChartNode(center, plan.center_id, "center", plan.center_name, plan.total_headcount), None)
    add_posts(plan.posts, center)

    known = {department.id for department in plan.departments}
    subdepartments: dict[str | None, list[str]] = {}
    for department in plan.departments:
        parent = department.department.parent
        subdepartments.setdefault(parent if parent in known else None, []).append(department.id)
    by_id = {department.id: department for department in plan.departments}

    def add_departments(parent_id: str | None, parent_key: str) -> None:
        for department_id in subdepartments.get(parent_id, []):
            department = by_id[department_id]
            key = keys.make("d", department.id)
            node = ChartNode(
                key, department.id, "department", department.name, department.headcount
            )
            add(node, parent_key)
            add_posts(department.posts, key)
            add_departments(department.id, key)

    add_departments(None, center)
    return OrgChart(tuple(nodes), tuple(edges))


class _Keys:
    """ASCII node ids from config ids, kept unique.

    Config ids may hold any letter (``客服``), '-' and '.'; diagram ids are safest as
    ``[A-Za-z0-9_]``. A kind prefix keeps a department and a post of the same id apart and
    keeps ids clear of words the diagram languages reserve (``end``, ``node``).
    """

    def __init__(self) -> None:
        self._used: set[str] = set()

    def make(self, prefix: str, config_id: str) -> str:
        base = f"{prefix}_" + "".join(_ascii(char) for char in config_id)
        key, number = base, 1
        while key in self._used:
            number += 1
            key = f"{base}_{number}"
        self._used.add(key)
        return key


def _ascii(char: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_]", char):
        return char
    return "_" if char.isascii() else f"u{ord(char):x}"
