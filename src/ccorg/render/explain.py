"""`ccorg explain`: one post's derivation, from its inputs to the posts stacked on it."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ccorg.errors import UsageError
from ccorg.i18n import _
from ccorg.plan import Plan, PostPlan
from ccorg.render.deep_tree import drawn_levels, grow_tree
from ccorg.render.heatmap import heatmap
from ccorg.render.plan_json import post_to_dict, stream_to_dict
from ccorg.render.rule_text import RULE_FIELDS, RULE_KINDS
from ccorg.units import number


def render_explain(
    plan: Plan, post: PostPlan, stacked: dict[str, list[str]], console: Console
) -> None:
    """Print the post, its rule, every derivation step, its streams' heatmaps, and the posts
    whose ratios count it."""
    department = post.department.name if post.department else plan.center_name
    where = _(" ({id}) · {department} · grade {grade}").format(
        id=post.id, department=department, grade=post.grade.name
    )
    if post.post.reports_to:
        where += _(" · reports to {manager}").format(
            manager=plan.display_name(post.post.reports_to)
        )
    # Every line wraps at the width and is never cut: a derivation must add up on screen.
    console.print(Text.assemble((post.name, "bold"), where), overflow="fold")
    rule = post.post.rule.model_dump(mode="json", exclude_none=True)
    kind = rule.pop("kind")
    details = ", ".join(
        f"{_(RULE_FIELDS.get(key, key))} {_plain(value)}" for key, value in rule.items()
    )
    rule_line = _("rule: {kind} ({details})") if details else _("rule: {kind}")
    console.print(rule_line.format(kind=_(RULE_KINDS[kind]), details=details), overflow="fold")
    headcount = Text.assemble(
        _("headcount: "), (str(post.headcount), "bold"), _(" = {basis}").format(basis=post.basis)
    )
    console.print(headcount, overflow="fold")
    console.print()
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True)
    steps.add_column(overflow="fold")
    for index, step in enumerate(post.steps, 1):
        steps.add_row(f"{index}.", step)
    console.print(Text(_("Derivation"), style="bold"))
    console.print(steps)
    for stream in plan.streams:
        if stream.post_id == post.id and stream.metrics is not None:
            console.print()
            console.print(heatmap(stream))
    console.print()
    if stacked.get(post.id):
        tree = Tree(
            Text(_("Stacked on {post} (ratios that count it)").format(post=post.name), style="bold")
        )
        grow_tree(
            tree,
            post.id,
            lambda post_id: stacked.get(post_id, []),
            lambda post_ids: [_stacked_label(plan.post(child)) for child in post_ids],
            lambda post_id: plan.post(post_id).qualified_name,
            drawn_levels(console.width),
        )
        console.print(tree)
    else:
        console.print(Text(_("No ratio counts {post}.").format(post=post.name), style="dim"))


def _stacked_label(child: PostPlan) -> Text:
    return Text.assemble(child.qualified_name, f"  {child.headcount}  ", (child.basis, "dim"))


# Each level is two of JSON's (a list of objects); parsers recurse once per nesting (Python's
# json refuses past about 1,000), and an indented document grows with the square of its depth.
STACKED_JSON_LEVELS = 100


def explain_to_dict(plan: Plan, post: PostPlan, stacked: dict[str, list[str]]) -> dict[str, Any]:
    """The explanation as plain data: the post (as in the plan JSON), its streams, and the
    posts stacked on it as a nested list."""

    top: list[dict[str, Any]] = []
    pending = [(post.id, top, 1)]  # built without recursion: a chain of ratios may be long
    while pending:
        post_id, into, level = pending.pop()
        if level > STACKED_JSON_LEVELS and stacked.get(post_id):
            raise UsageError(
                _(
                    "the posts stacked on {post} nest more than {limit} levels deep, more than "
                    "the JSON of explain nests (the limit of explain JSON); the text view shows "
                    "them all, and `ccorg plan --format json` lists every post"
                ).format(post=post.name, limit=STACKED_JSON_LEVELS)
            )
        for child in stacked.get(post_id, []):
            entry = {
                "id": child,
                "name": plan.post(child).name,
                "headcount": plan.post(child).headcount,
                "basis": plan.post(child).basis,
                "stacked": [],
            }
            into.append(entry)
            pending.append((child, entry["stacked"], level + 1))
    return {
        "format_version": 1,
        "post": post_to_dict(post),
        "department": post.department.id if post.department else None,
        "streams": [stream_to_dict(s) for s in plan.streams if s.post_id == post.id],
        "stacked": top,
    }


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key} {_plain(item)}" for key, item in value.items())
    if isinstance(value, float):
        return number(value, 4)
    return str(value)
