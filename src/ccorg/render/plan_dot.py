"""The org chart in Graphviz DOT (``dot -Tsvg chart.dot``).

The center is a bold box; each department a rounded cluster around its posts (a
sub-department's inside its parent's); lines follow reporting lines, across departments too. A
concurrent (兼任) post and the line to it are dashed. Labels are UTF-8, as Graphviz reads them
by default.
"""

from __future__ import annotations

from ccorg.plan import Plan
from ccorg.render.org_chart import ChartNode, org_chart

_STYLES = {"center": "bold", "post": None}


def render_plan_dot(plan: Plan) -> str:
    """``digraph`` source of the plan's org chart, top to bottom."""
    chart = org_chart(plan)
    lines = [
        "digraph org {",
        "    rankdir=TB;",
        "    node [shape=box];",
    ]
    occupied = {node.cluster for node in chart.nodes}
    depth = 1
    for event, node in chart.clusters():
        indent = "    " * depth
        if event == "open":
            lines.append(f"{indent}subgraph cluster_{node.key} {{")
            lines.append(f'{indent}    label={quote(node.label)}; style="rounded,bold";')
            if node.key not in occupied:
                # Graphviz leaves out an empty cluster; a note keeps the department visible.
                lines.append(f'{indent}    {node.key} [label="(no posts)", shape=plaintext];')
            depth += 1
        elif event == "close":
            depth -= 1
            lines.append(f"{'    ' * depth}}}")
        else:
            lines.append(f"{indent}{_node(node)}")
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
