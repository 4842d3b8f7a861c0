"""Cross-checks of the ``capacity:`` section a schema cannot see: months inside the horizon,
ids that exist. Run with the other reference checks, so ``ccorg check`` reports them too."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from ccorg.config.capacity import season_key_month
from ccorg.config.loader import DataPath, SourceMap
from ccorg.config.reference_facts import workload_posts
from ccorg.errors import Problem
from ccorg.i18n import _

if TYPE_CHECKING:
    from ccorg.config.schema import Config


def check_capacity(config: Config, source_map: SourceMap) -> list[Problem]:
    """Every problem of the capacity section and of scenarios' ``effective``, located."""
    problems: list[Problem] = []

    def report(path: DataPath, message: str, key: bool = False) -> None:
        location = source_map.locate_key(path) if key else source_map.locate(path)
        problems.append(Problem(location, message, "reference"))

    capacity = config.capacity
    for name, scenario in config.scenarios.items():
        if scenario.effective is None:
            continue
        path = ("scenarios", name, "effective")
        if capacity is None:
            report(
                path, "'effective' dates a scenario in a capacity plan; add a 'capacity:' section"
            )
        elif not capacity.horizon.contains(scenario.effective):
            report(path, _outside(scenario.effective, capacity.horizon.start, capacity.horizon.end))
    if capacity is None:
        return problems
    horizon = capacity.horizon
    season = capacity.seasonality
    if season is not None:
        tables = [(("capacity", "seasonality", "monthly"), season.monthly)]
        tables += [
            (("capacity", "seasonality", "streams", stream_id), table)
            for stream_id, table in season.streams.items()
        ]
        for path, table in tables:
            for key in table:
                month = season_key_month(key)
                if month is not None and not horizon.contains(month):
                    report((*path, key), _outside(month, horizon.start, horizon.end), key=True)
        stream_ids = [s.id for s in config.demand.streams] if config.demand else []
        stream_ids += _added_ids(config, "streams")
        for stream_id in season.streams:
            if stream_id not in stream_ids:
                report(
                    ("capacity", "seasonality", "streams", stream_id),
                    _("no demand stream {stream}{hint}").format(
                        stream=repr(stream_id), hint=_hint(stream_id, stream_ids)
                    ),
                    key=True,
                )
    workload = [post.id for *_where, post in workload_posts(config)]
    workload += _added_ids(config, "posts", workload_only=True)
    for post_id in capacity.workforce:
        if post_id != "default" and post_id not in workload:
            report(
                ("capacity", "workforce", post_id),
                _("{post} is not a workload post (nor 'default'){hint}").format(
                    post=repr(post_id), hint=_hint(post_id, workload)
                ),
                key=True,
            )
    return problems


def _outside(month: str, start: str, end: str) -> str:
    return _("{month} is outside the horizon, {start} to {end}").format(
        month=month, start=start, end=end
    )


def _hint(wanted: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=1)
    return _("; did you mean {name}?").format(name=repr(close[0])) if close else ""


def _added_ids(config: Config, place: str, workload_only: bool = False) -> list[str]:
    """Ids of the objects scenarios add to lists ending in ``place`` (``ops.posts``)."""
    found: list[str] = []
    for scenario in config.scenarios.values():
        for target, items in scenario.add.items():
            if not target.endswith(place):
                continue
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    rule: Any = item.get("rule")
                    if not workload_only or (
                        isinstance(rule, dict) and rule.get("kind") == "workload"
                    ):
                        found.append(item["id"])
    return found
