"""A Rich tree of any depth: built without recursion, drawn at most ``DRAWN_LEVELS`` deep.

A reporting line or a chain of ratios may be hundreds of posts long. Rich draws four cells
of guide a level and silently drops the lines that no longer fit the width (a tree 30 levels
deep loses its posts past the 24th at 100 columns), so past the drawn levels the posts
further down are drawn at the last one, in order, each naming whom it is under.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from rich.text import Text
from rich.tree import Tree

from ccorg.i18n import _

DRAWN_LEVELS = 12
# Cells a label keeps beside its guides: narrower, Rich wraps a label letter by letter and
# then drops the lines below it (at 40 columns, a line 10 posts deep was lost).
_LABEL_CELLS = 30

Node = TypeVar("Node")


def drawn_levels(width: int) -> int:
    """How many levels a tree drawn ``width`` cells wide may nest: ``DRAWN_LEVELS`` in a
    terminal of 78 or more, fewer in a narrower one, always 2 at least."""
    return max(2, min(DRAWN_LEVELS, (width - _LABEL_CELLS) // 4))


def grow_tree(
    tree: Tree,
    root: Node,
    children: Callable[[Node], Sequence[Node]],
    labels: Callable[[Sequence[Node]], list[Text]],
    name: Callable[[Node], str],
    levels: int = DRAWN_LEVELS,
) -> None:
    """Hang under ``tree`` the descendants of ``root``, ``levels`` deep at most: ``children``
    of a node in order, ``labels`` of one node's children (together, for sibling names to be
    padded alike), ``name`` of the node a post past the drawn levels is shown under."""
    pending: list[tuple[Tree, Node, int]] = [(tree, root, 1)]
    while pending:
        into, parent, level = pending.pop()
        kids = children(parent)
        if not kids:
            continue
        below: list[tuple[Tree, Node, int]] = []
        for kid, label in zip(kids, labels(kids), strict=True):
            if level > levels:
                label = Text.assemble(
                    label, "  ", (_("(under {name})").format(name=name(parent)), "dim")
                )
            branch = into.add(label)
            below.append((branch if level < levels else into, kid, level + 1))
        pending.extend(reversed(below))
