"""The org chart as a Mermaid flowchart, which GitHub and GitLab draw inside Markdown.

The center is a stadium, posts plain boxes, each department a subgraph around its posts (a
sub-department's inside its parent's); lines follow reporting lines, across departments too.
A concurrent (兼任) post has a dashed border and a dashed line to it.
"""

from __future__ import annotations

from ccorg.plan import Plan
from ccorg.render.org_chart import ChartNode, org_chart

_SHAPES = {"center": ('(["', '"])'), "post": ('["', '"]')}

# Mermaid reads `#name;` and `#123;` as entity codes inside labels; writing these characters
# that way keeps a name such as `A "B" [C]` from ending the label or opening a shape.
_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
    "|": "#124;",
    "`": "#96;",
}


def render_plan_mermaid(plan: Plan) -> str:
    """``flowchart TD`` source of the plan's org chart."""
    chart = org_chart(plan)
    lines = ["flowchart TD"]
    depth = 1
    for event, node in chart.clusters():
        if event == "open":
            lines.append(f'{"    " * depth}subgraph {node.key} ["{escape_label(node.label)}"]')
            depth += 1
        elif event == "close":
            depth -= 1
            lines.append(f"{'    ' * depth}end")
        else:
            lines.append(f"{'    ' * depth}{_node(node)}")
    for parent, child in chart.edges:
        arrow = "-.->" if chart.node(child).concurrent else "-->"
        lines.append(f"    {parent} {arrow} {child}")
    lines.append("    classDef concurrent stroke-dasharray: 5 5")
    return "\n".join(lines) + "\n"


def _node(node: ChartNode) -> str:
    start, end = _SHAPES[node.kind]
    suffix = ":::concurrent" if node.concurrent else ""
    return f"{node.key}{start}{escape_label(node.label)}{end}{suffix}"


def escape_label(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return "".join(_ENTITIES.get(char, char) for char in text)
