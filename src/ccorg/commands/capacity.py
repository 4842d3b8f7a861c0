"""`ccorg capacity FILE`: the plan month by month, with the hiring that keeps it staffed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccorg.commands.formats import PlanFormat

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice
    from ccorg.staffing.capacity import CapacityPlan


def run_capacity(
    path: str,
    output: PlanFormat,
    color: ColorChoice,
    width: int | None,
    scenario: str | None = None,
    post: str | None = None,
    bom: bool | None = None,
) -> int:
    """Plan the config at ``path`` month by month (with ``scenario`` from its effective
    month) and print it in ``output``, all posts or only ``post``; exit code. A CSV starts
    with a UTF-8 byte-order mark when ``bom`` says so (None: under zh)."""
    from ccorg.pipeline import capacity_file
    from ccorg.render.ansi import printable_document
    from ccorg.render.console import make_console

    plan = capacity_file(path, scenario)
    post_id = None if post is None else find_capacity_post(plan, post)
    console = make_console(color, width=width)
    if output is PlanFormat.text:
        from ccorg.render.capacity_text import render_capacity

        render_capacity(plan, console, post_id)
        return 0
    if output is PlanFormat.csv:
        from ccorg.render.capacity_rows import render_capacity_csv
        from ccorg.render.csv_bom import bom_prefix

        console.file.write(bom_prefix(bom) + printable_document(render_capacity_csv(plan, post_id)))
        return 0
    if output is PlanFormat.json:
        from ccorg.render.capacity_json import render_capacity_json

        console.file.write(render_capacity_json(plan, post_id))
        return 0
    from ccorg.render.capacity_rows import render_capacity_markdown

    console.file.write(printable_document(render_capacity_markdown(plan, post_id)))
    return 0


def find_capacity_post(plan: CapacityPlan, wanted: str) -> str:
    """The id of the post ``wanted`` names (an id, else a unique name); a usage error if none."""
    from ccorg.commands.post_lookup import find_named_post

    posts = [*plan.workload, *plan.others]
    return find_named_post(wanted, posts, lambda p: p.id, lambda p: (p.post.name,)).id
