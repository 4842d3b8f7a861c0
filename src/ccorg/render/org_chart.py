"""The org chart by reporting line: the one tree every chart view draws.

The terminal tree, the Mermaid and Graphviz charts and the workbook's org sheet all read this
model, so they cannot disagree. A post hangs under the post it reports to. A department hangs
under the post its top post reports to (运营部 under 副总经理 in the bank), so a deputy's span
shows; a sub-department sits inside its parent, under its manager there. A post reporting into
another department than its own department's anchor is drawn under its manager, naming its
department. Charts with clusters draw every reporting line as an edge and nest each
department's posts in its parent's cluster.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ccorg.config.schema import ConcurrentRule
from ccorg.plan import DepartmentPlan, Plan, PostPlan

NodeKind = Literal["center", "department", "post"]


@dataclass(frozen=True)
class ChartNode:
    """One box of the chart.

    ``key`` is an ASCII identifier unique in the chart (``p_team_leader``), safe as a Mermaid
    or DOT node id; ``id`` is the config id of the post, department or center it stands for.
    ``headcount`` is a post's or a department's own; ``total`` a department's with all its
    sub-departments (the center's total is its headcount). ``cluster`` is the key of the
    department the node sits in (a department's: its parent's); ``away_from`` names a post's
    department when the tree draws the post outside it; ``concurrent`` marks a 兼任 post.
    """

    key: str
    id: str
    kind: NodeKind
    name: str
    headcount: int
    total: int
    cluster: str | None = None
    concurrent: bool = False
    away_from: str | None = None

    @property
    def label(self) -> str:
        """Name and people on one line (``业务组组长 ×6``, ``运营部 ×393 (own 3)``), without
        control characters."""
        suffix = " · 兼任" if self.concurrent else ""
        if self.kind == "department" and self.total != self.headcount:
            return f"{self.plain_name} ×{self.total} (own {self.headcount})"
        return f"{self.plain_name} ×{self.headcount}{suffix}"

    @property
    def plain_name(self) -> str:
        """The name with whitespace runs made one space and control characters dropped."""
        name = " ".join(self.name.split())
        return "".join(char for char in name if unicodedata.category(char) != "Cc")


@dataclass(frozen=True)
class OrgChart:
    """The chart: nodes in drawing order, the tree that places them, the reporting lines.

    ``nodes`` run depth first along the tree, siblings in file order. ``parent`` maps each
    node's key to the key of the node it is drawn under (the center has none). ``edges`` are
    the reporting lines, manager → post, and center → each post that reports to no one.
    """

    nodes: tuple[ChartNode, ...]
    parent: dict[str, str]
    edges: tuple[tuple[str, str], ...]
    _by_key: dict[str, ChartNode] = field(init=False, repr=False, compare=False)
    _children: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        children: dict[str, list[str]] = {}
        for node in self.nodes:
            if node.key in self.parent:
                children.setdefault(self.parent[node.key], []).append(node.key)
        object.__setattr__(self, "_by_key", {node.key: node for node in self.nodes})
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})

    @property
    def root(self) -> ChartNode:
        return self.nodes[0]

    def node(self, key: str) -> ChartNode:
        return self._by_key[key]

    def children(self, key: str) -> tuple[ChartNode, ...]:
        """The nodes drawn directly under ``key``, in drawing order."""
        return tuple(self._by_key[child] for child in self._children.get(key, ()))

    def depth(self, key: str) -> int:
        """How many nodes lie above ``key`` in the tree (the center: 0)."""
        depth = 0
        while key in self.parent:
            key = self.parent[key]
            depth += 1
        return depth

    def clusters(self) -> Iterator[tuple[Literal["open", "node", "close"], ChartNode]]:
        """The nodes grouped by department, for charts that draw departments as boxes
        around their posts: ``open`` a department, each ``node`` in it (posts, and the center
        and its posts outside any), ``close`` it; sub-departments open inside their parent."""
        inside: dict[str | None, list[ChartNode]] = {}
        for node in self.nodes:
            inside.setdefault(node.cluster, []).append(node)
        # Iterative: departments may nest thousands deep.
        pending: list[tuple[bool, ChartNode]] = [(False, n) for n in reversed(inside[None])]
        while pending:
            closing, node = pending.pop()
            if closing:
                yield "close", node
            elif node.kind == "department":
                yield "open", node
                pending.append((True, node))
                pending.extend((False, n) for n in reversed(inside.get(node.key, [])))
            else:
                yield "node", node


def org_chart(plan: Plan) -> OrgChart:
    """The chart of a plan."""
    return _Builder(plan).build()


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        keys = _Keys()
        # Keys in file order, so they do not depend on where the tree places a node.
        self.center = keys.make("c", plan.center_id)
        self.post_key = {post.id: keys.make("p", post.id) for post in plan.posts}
        self.department_key: dict[str, str] = {}
        for department in plan.departments:
            self.department_key[department.id] = keys.make("d", department.id)
            self.post_key.update({post.id: keys.make("p", post.id) for post in department.posts})
        self.order = {key: index for index, key in enumerate(keys.made)}
        self.group = {post.id: None for post in plan.posts} | {
            post.id: department.id for department in plan.departments for post in department.posts
        }
        self.posts = {post.id: post for post in plan.all_posts()}
        self.post_of = {key: post_id for post_id, key in self.post_key.items()}
        self.departments = {department.id: department for department in plan.departments}

    def manager(self, post: PostPlan) -> str | None:
        manager = post.post.reports_to
        return manager if manager in self.posts and manager != post.id else None

    def group_key(self, department_id: str | None) -> str:
        return self.center if department_id is None else self.department_key[department_id]

    def fallback(self, department: DepartmentPlan) -> str:
        parent = department.department.parent
        return self.department_key[parent] if parent in self.departments else self.center

    def build(self) -> OrgChart:
        parent: dict[str, str] = {}
        for post in self.posts.values():
            manager = self.manager(post)
            group = self.group_key(self.group[post.id])
            parent[self.post_key[post.id]] = group if manager is None else self.post_key[manager]
        # Parents before their sub-departments, so a site finds its parent already placed.
        plan = self.plan
        ordered = [d for top in plan.top_departments() for d in (top, *plan.descendants(top.id))]
        for department in ordered:
            parent[self.department_key[department.id]] = self.fallback(department)
        for department in ordered:
            key = self.department_key[department.id]
            tops = [
                (post, manager)
                for post in department.posts
                if (manager := self.manager(post)) is not None
                and self.group[manager] != department.id
            ]
            if not tops:
                continue
            anchor = self.post_key[tops[0][1]]
            above = _ancestors(anchor, parent)
            # Not there if that would loop (a head reporting into its own sub-department) or
            # take a sub-department out of its parent. The walk is over the tree as placed so
            # far, so no later placement can close a loop either.
            if key in above or (parent[key] != self.center and parent[key] not in above):
                continue
            parent[key] = anchor
            for post, manager in tops:
                if self.post_key[manager] == anchor:
                    parent[self.post_key[post.id]] = key
        nodes = self._nodes(parent)
        edges = tuple(
            (
                self.center if (m := self.manager(post)) is None else self.post_key[m],
                node.key,
            )
            for node in nodes
            if node.kind == "post"
            for post in (self.posts[node.id],)
        )
        return OrgChart(nodes, parent, edges)

    def _nodes(self, parent: dict[str, str]) -> tuple[ChartNode, ...]:
        children: dict[str, list[str]] = {}
        for key in sorted(parent, key=self.order.__getitem__):
            children.setdefault(parent[key], []).append(key)
        made = {self.center: self._center_node()}
        for department in self.plan.departments:
            made[self.department_key[department.id]] = self._department_node(department)
        for post in self.posts.values():
            made[self.post_key[post.id]] = self._post_node(post, parent)
        ordered: list[ChartNode] = []
        pending = [self.center]
        while pending:
            key = pending.pop()
            ordered.append(made[key])
            pending.extend(reversed(children.get(key, [])))
        return tuple(ordered)

    def _center_node(self) -> ChartNode:
        total = self.plan.total_headcount
        plan = self.plan
        return ChartNode(self.center, plan.center_id, "center", plan.center_name, total, total)

    def _department_node(self, department: DepartmentPlan) -> ChartNode:
        parent = department.department.parent
        return ChartNode(
            self.department_key[department.id],
            department.id,
            "department",
            department.name,
            self.plan.own_figures(department.id).headcount,
            self.plan.total_figures(department.id).headcount,
            cluster=self.department_key[parent] if parent in self.departments else None,
        )

    def _post_node(self, post: PostPlan, parent: dict[str, str]) -> ChartNode:
        home = self.group[post.id]
        cluster = None if home is None else self.department_key[home]
        # Drawn under a manager of another group: the tree no longer shows its department.
        above = self.post_of.get(parent[self.post_key[post.id]])
        away = None
        if above is not None and self.group[above] != home and post.department is not None:
            away = post.department.name
        return ChartNode(
            self.post_key[post.id],
            post.id,
            "post",
            post.name,
            post.headcount,
            post.headcount,
            cluster=cluster,
            concurrent=isinstance(post.post.rule, ConcurrentRule),
            away_from=away,
        )


def _ancestors(key: str, parent: dict[str, str]) -> set[str]:
    seen: set[str] = set()
    while key not in seen:
        seen.add(key)
        if key not in parent:
            break
        key = parent[key]
    return seen


class _Keys:
    """ASCII node ids from config ids, kept unique.

    Config ids may hold any letter (``客服``), '-' and '.'; diagram ids are safest as
    ``[A-Za-z0-9_]``. A kind prefix keeps a department and a post of the same id apart and
    keeps ids clear of words the diagram languages reserve (``end``, ``node``).
    """

    def __init__(self) -> None:
        self.made: list[str] = []
        self._used: set[str] = set()

    def make(self, prefix: str, config_id: str) -> str:
        base = f"{prefix}_" + "".join(_ascii(char) for char in config_id)
        key, number = base, 1
        while key in self._used:
            number += 1
            key = f"{base}_{number}"
        self._used.add(key)
        self.made.append(key)
        return key


def _ascii(char: str) -> str:
    if re.fullmatch(r"[A-Za-z0-9_]", char):
        return char
    return "_" if char.isascii() else f"u{ord(char):x}"
