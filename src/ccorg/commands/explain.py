"""`ccorg explain FILE POST`: the whole derivation of one post's headcount."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccorg.commands.formats import ExplainFormat
from ccorg.errors import UsageError
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.plan import Plan, PostPlan
    from ccorg.render.console import ColorChoice


def run_explain(
    path: str,
    post: str,
    output: ExplainFormat,
    color: ColorChoice,
    width: int | None,
    scenario: str | None = None,
    month: str | None = None,
) -> int:
    """Explain the post named ``post`` (an id or a name) of the config at ``path``, or of one
    of its scenarios; with ``month``, that month of its capacity plan."""
    if month is not None:
        return _explain_month(path, post, output, color, width, scenario, month)
    from ccorg.pipeline import load_config, plan_config
    from ccorg.render.ansi import json_document
    from ccorg.render.console import make_console

    loaded = load_config(path, scenario)
    plan = plan_config(loaded)
    chosen = find_post(plan, post)
    stacked = plan.stacked_on(chosen.id)
    console = make_console(color, width=width)
    if output is ExplainFormat.json:
        from ccorg.render.explain import explain_to_dict

        document = explain_to_dict(plan, chosen, stacked)
        console.file.write(json_document(document))
    else:
        from ccorg.render.explain import render_explain

        render_explain(plan, chosen, stacked, console)
    return 0


def find_post(plan: Plan, wanted: str) -> PostPlan:
    """The post whose id is ``wanted``, else the one post with that name or qualified name
    (``运营部·经理``); several matches or none are a usage error naming the candidates."""
    from ccorg.commands.post_lookup import find_named_post

    return find_named_post(
        wanted, plan.all_posts(), lambda p: p.id, lambda p: (p.qualified_name, p.name)
    )


def _explain_month(
    path: str,
    post: str,
    output: ExplainFormat,
    color: ColorChoice,
    width: int | None,
    scenario: str | None,
    month: str,
) -> int:
    """One month of the post's capacity plan (``ccorg capacity``), step by step."""
    import re

    from ccorg.commands.capacity import find_capacity_post
    from ccorg.pipeline import capacity_file
    from ccorg.render.ansi import json_document
    from ccorg.render.console import make_console

    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month):
        raise UsageError(f"--month {month!r}: write a month as YYYY-MM (2027-05)")
    plan = capacity_file(path, scenario)
    if month not in plan.months:
        raise UsageError(
            _("--month {month}: outside the capacity horizon, {first} to {last}").format(
                month=month, first=plan.months[0], last=plan.months[-1]
            )
        )
    chosen = plan.post(find_capacity_post(plan, post))
    index = plan.months.index(month)
    console = make_console(color, width=width)
    if output is ExplainFormat.json:
        from ccorg.render.capacity_explain import month_explain_to_dict

        document = month_explain_to_dict(plan, chosen, index)
        console.file.write(json_document(document))
    else:
        from ccorg.render.capacity_explain import render_month_explain

        render_month_explain(plan, chosen, index, console)
    return 0
