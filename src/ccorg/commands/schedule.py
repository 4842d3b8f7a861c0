"""`ccorg schedule FILE [POST]`: the optimal shift plan of workload posts."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ccorg.commands.formats import ScheduleFormat
from ccorg.errors import UsageError
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.config.schema import Config
    from ccorg.i18n import Language
    from ccorg.render.console import ColorChoice


@dataclass(frozen=True)
class ScheduleOptions:
    """What `ccorg schedule` was asked for."""

    path: str
    post: str | None
    output: ScheduleFormat
    time_limit: float | None
    scenario: str | None
    bom: bool | None = None


def run_schedule(
    options: ScheduleOptions, color: ColorChoice, width: int | None, lang: Language | None
) -> int:
    """Solve the shifts of the chosen posts and print them; exit code."""
    from ccorg.i18n import activate
    from ccorg.pipeline import load_config, schedule_config
    from ccorg.render.ansi import printable_document
    from ccorg.render.console import make_console

    activate(lang)
    loaded = load_config(options.path, options.scenario)
    activate(lang, loaded.config.center.language)
    plans = schedule_config(
        loaded, scheduled_posts(loaded.config, options.post), options.time_limit
    )
    console = make_console(color, width=width)
    if options.output is ScheduleFormat.text:
        from ccorg.render.schedule_text import render_schedule

        render_schedule(plans, console)
        return 0
    if options.output is ScheduleFormat.json:
        from ccorg.render.schedule_json import render_schedule_json

        console.file.write(render_schedule_json(plans))
        return 0
    from ccorg.render.csv_bom import bom_prefix
    from ccorg.render.schedule_csv import render_schedule_csv

    console.file.write(bom_prefix(options.bom) + printable_document(render_schedule_csv(plans)))
    return 0


def scheduled_posts(config: Config, wanted: str | None) -> list[str]:
    """The ids of the posts to schedule: ``wanted`` (an id or a name), else every workload
    post whose rule names shift templates or derives its schedule fit."""
    from ccorg.config.schema import WorkloadRule

    workload = [
        post for *_where, post in config.located_posts() if isinstance(post.rule, WorkloadRule)
    ]
    if wanted is None:
        named = [
            post.id
            for post in workload
            if post.rule.shifts or post.rule.schedule_fit == "auto"  # type: ignore[union-attr]
        ]
        if not named:
            raise UsageError(
                _(
                    "no workload post names shift templates; name a POST, or give a workload "
                    "rule 'shifts: [...]'"
                )
            )
        return named
    matches = [post for post in workload if wanted in (post.id, post.name)]
    if len(matches) == 1:
        return [matches[0].id]
    if matches:
        ids = ", ".join(post.id for post in matches)
        raise UsageError(
            _("{wanted} names {count} workload posts: {ids}; give the id").format(
                wanted=repr(wanted), count=len(matches), ids=ids
            )
        )
    others = [post.id for *_where, post in config.located_posts()]
    if wanted in others:
        raise UsageError(
            _("post {wanted} is not a workload post; only those have shifts").format(
                wanted=repr(wanted)
            )
        )
    close = difflib.get_close_matches(wanted, [p.id for p in workload], n=1)
    hint = _("; did you mean {name}?").format(name=repr(close[0])) if close else ""
    raise UsageError(_("no workload post {wanted}{hint}").format(wanted=repr(wanted), hint=hint))
