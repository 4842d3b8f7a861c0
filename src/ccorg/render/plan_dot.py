"""The org chart in Graphviz DOT (``dot -Tsvg chart.dot``).

Departments are rounded boxes, the center a bold box; a concurrent (兼任) post and the line to
it are dashed. Labels are UTF-8, as Graphviz reads them by default.
"""

from __future__ import annotations

from ccorg.plan import Plan
from ccorg.render.org_chart import ChartNode, org_chart

_STYLES = {"center": "bold", "department": "rounded,bold", "post": None}


def render_plan_dot(plan: Plan) -> str:
    """``digraph`` source of the plan's org chart, top to bottom."""
    chart = org_chart(plan)
    lines = [
        "digraph org {",
        "    rankdir=TB;",
        "    node [shape=box];",
    ]
    lines.extend(f"    {_node(node)}" for node in chart.nodes)
    for parent, child in chart.edges:
        style = " [style=dashed]" if chart.node(child).concurrent else ""
        lines.append(f"    {parent} -> {child}{style};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node(node: ChartNode) -> str:
    attributes = [f"label={quote(node.label)}"]
    style = "dashed" if node.concurrent else _STYLES[node.kind]
    if style:
        attributes.append(f'style="{style}"')
    return f"{node.key} [{', '.join(attributes)}];"


def quote(text: str) -> str:
    """A DOT double-quoted string; backslashes escaped so ``\\N`` and ``\\l`` stay literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
