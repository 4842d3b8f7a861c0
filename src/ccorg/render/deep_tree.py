"""A Rich tree of any depth: built without recursion, drawn at most ``DRAWN_LEVELS`` deep.

A reporting line or a chain of ratios may be thousands of posts long. Rich draws four cells
of guide a level and silently drops the lines that no longer fit the width (a tree 30 levels
deep loses its posts past the 24th at 100 columns), so past ``DRAWN_LEVELS`` the posts
further down are drawn at that level, in order, each naming whom it is under.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.text import Text
from rich.tree import Tree

from ccorg.i18n import _

DRAWN_LEVELS = 12

Node = TypeVar("Node")


def grow_tree(
    tree: Tree,
    root: Node,
    children: Callable[[Node], Sequence[Node]],
    labels: Callable[[Sequence[Node]], list[Text]],
    name: Callable[[Node], str],
) -> None:
    """Hang under ``tree`` the descendants of ``root``: ``children`` of a node in order,
    ``labels`` of one node's children (together, for sibling names to be padded alike),
    ``name`` of the node a post past the drawn levels is shown under."""
    pending: list[tuple[Tree, Node, int]] = [(tree, root, 1)]
    while pending:
        into, parent, level = pending.pop()
        kids = children(parent)
        if not kids:
            continue
        below: list[tuple[Tree, Node, int]] = []
        for kid, label in zip(kids, labels(kids), strict=True):
            if level > DRAWN_LEVELS:
                label = Text.assemble(
                    label, "  ", (_("(under {name})").format(name=name(parent)), "dim")
                )
            branch = into.add(label)
            below.append((branch if level < DRAWN_LEVELS else into, kid, level + 1))
        pending.extend(reversed(below))
