"""`ccorg erlang` for one interval: the agents needed with a table around them, or the
reverse calculation, as text or JSON."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ccorg.erlang.inputs import INPUTS
from ccorg.i18n import N_, _, ngettext
from ccorg.i18n.punctuation import dot_joined
from ccorg.render.ansi import json_document
from ccorg.staffing.targets import Targets, binding_text, definition_text
from ccorg.units import number

if TYPE_CHECKING:
    from ccorg.erlang.calculator import Reverse, Single
    from ccorg.erlang.inputs import Interval
    from ccorg.staffing.queueing import IntervalMetrics

FORMAT_VERSION = 1


def render_single(interval: Interval, single: Single, console: Console) -> None:
    """The agents needed, then N−2 … N+3 agents with their service level, ASA, occupancy."""
    console.print(_heading(interval))
    console.print(_targets(interval))
    needed = Text.assemble(_("Agents needed: "), (str(single.agents), "bold"))
    if single.positions is not None:
        shrinkage = interval.shrinkage or 0.0
        needed.append(
            _(" → {positions} positions at {shrinkage}% shrinkage (⌈{agents} ÷ {share}⌉)").format(
                positions=single.positions,
                shrinkage=number(shrinkage * 100, 2),
                agents=single.agents,
                share=number(1 - shrinkage, 4),
            )
        )
    if single.binding is not None:
        needed.append(
            " — " + binding_text(single.binding, single.agents_by_target, _target_set(interval))
        )
    console.print(needed)
    table = _table()
    abandon = interval.patience_seconds is not None
    for title in _columns(abandon):
        table.add_column(title, justify="right")
    table.add_column("")
    for row in _rows(single.table):
        cells = _cells(row, abandon)
        mark = row["agents"] == single.agents
        table.add_row(*cells, _("◀ needed") if mark else "", style="bold" if mark else None)
    console.print(table)


def render_reverse(interval: Interval, reverse: Reverse, console: Console) -> None:
    """What a given number of agents achieves, and whether it meets the target."""
    console.print(_heading(interval))
    row = _rows(reverse.metrics)[0]
    abandon = interval.patience_seconds is not None
    table = _table()
    for title in _columns(abandon):
        table.add_column(title, justify="right")
    table.add_row(*_cells(row, abandon))
    console.print(table)
    console.print(_targets(interval))
    if reverse.needed is None:
        console.print(_("Not met by any number of agents: {reason}").format(reason=reverse.reason))
    elif reverse.agents >= reverse.needed:
        console.print(
            ngettext(
                "Met: {agents} agent ≥ the {needed} needed.",
                "Met: {agents} agents ≥ the {needed} needed.",
                reverse.agents,
            ).format(agents=reverse.agents, needed=reverse.needed)
        )
    else:
        console.print(
            ngettext(
                "Missed: {needed} agent needed, {short} more than {agents}.",
                "Missed: {needed} agents needed, {short} more than {agents}.",
                reverse.needed,
            ).format(
                needed=reverse.needed, short=reverse.needed - reverse.agents, agents=reverse.agents
            )
        )


def single_json(interval: Interval, single: Single) -> str:
    document = {
        "format_version": FORMAT_VERSION,
        **_inputs(interval),
        "agents": single.agents,
        "positions": single.positions,
        "binding": single.binding,
        "agents_by_target": single.agents_by_target,
        "metrics": _rows(single.metrics)[0],
        "table": _rows(single.table),
    }
    return json_document(document)


def reverse_json(interval: Interval, reverse: Reverse) -> str:
    document = {
        "format_version": FORMAT_VERSION,
        **_inputs(interval),
        "agents": reverse.agents,
        "metrics": _rows(reverse.metrics)[0],
        "agents_needed": reverse.needed,
        "meets_targets": reverse.needed is not None and reverse.agents >= reverse.needed,
    }
    return json_document(document)


def _inputs(interval: Interval) -> dict[str, Any]:
    return {
        "model": interval.model,
        "inputs": {item.name: getattr(interval, item.name) for item in INPUTS},
        "service_level_definition": interval.service_level_definition,
        "load_erlangs": interval.load_erlangs,
    }


def _rows(metrics: IntervalMetrics) -> list[dict[str, Any]]:
    """Each agent count's metrics as plain numbers (an infinite ASA as null)."""
    columns = {
        "agents": metrics.agents,
        "service_level": metrics.service_level,
        "asa_seconds": metrics.asa_seconds,
        "occupancy": metrics.occupancy,
        "wait_probability": metrics.wait_probability,
    }
    if metrics.abandon_rate is not None:
        columns["abandon_rate"] = metrics.abandon_rate
    flat = {key: values.ravel().tolist() for key, values in columns.items()}
    count = len(flat["agents"])
    return [
        {
            key: (value[i] if not isinstance(value[i], float) or math.isfinite(value[i]) else None)
            for key, value in flat.items()
        }
        for i in range(count)
    ]


def _table() -> Table:
    return Table(box=box.SIMPLE_HEAD, pad_edge=False)


_COLUMNS = (N_("Agents"), N_("Service level"), N_("ASA"), N_("Occupancy"), N_("P(wait)"))


def _columns(abandon: bool) -> list[str]:
    titles = [*_COLUMNS, N_("Abandoned")] if abandon else list(_COLUMNS)
    return [_(title) for title in titles]


def _cells(row: dict[str, Any], abandon: bool) -> list[str]:
    asa = row["asa_seconds"]
    cells = [
        str(row["agents"]),
        f"{row['service_level']:.2%}",
        "∞" if asa is None else _("{seconds} s").format(seconds=f"{asa:,.2f}"),
        f"{row['occupancy']:.2%}",
        f"{row['wait_probability']:.2%}",
    ]
    if abandon:
        cells.append(f"{row['abandon_rate']:.2%}")
    return cells


def _heading(interval: Interval) -> Text:
    model = "Erlang C"
    if interval.patience_seconds is not None:
        patience = _("mean patience {seconds} s").format(seconds=number(interval.patience_seconds))
        model = _("Erlang A ({patience})").format(patience=patience)
    parts = [
        _("{calls} calls in {length}").format(
            calls=number(interval.calls, 2), length=_length(interval.interval_seconds)
        ),
        _("AHT {seconds} s").format(seconds=number(interval.aht_seconds, 2)),
        _("{load} erlangs").format(load=number(interval.load_erlangs, 4)),
    ]
    # The model, bold, then the rest: joined as one line would be (no space after "）").
    rest = dot_joined([model, *parts]).removeprefix(model)
    return Text.assemble((model, "bold"), rest)


def _targets(interval: Interval) -> str:
    definition = definition_text(interval.service_level_definition, interval.short_abandon_seconds)
    parts = [
        _("{percent}% answered within {seconds} s ({definition})").format(
            percent=number(interval.sl_target * 100, 2),
            seconds=number(interval.sl_seconds),
            definition=definition,
        )
    ]
    if interval.asa_target_seconds is not None:
        parts.append(_("ASA ≤ {seconds} s").format(seconds=number(interval.asa_target_seconds)))
    if interval.max_occupancy is not None:
        occupancy = (
            _("occupancy ≤ {percent}%")
            if interval.patience_seconds is None
            else _("occupancy ≤ {percent}% of answered calls")
        )
        parts.append(occupancy.format(percent=number(interval.max_occupancy * 100, 2)))
    if interval.max_abandon_rate is not None:
        parts.append(
            _("abandonment ≤ {percent}%").format(percent=number(interval.max_abandon_rate * 100, 2))
        )
    # The separator of a list in the reader's language: ", " in English, "，" in Chinese.
    return _("Targets: {targets}").format(targets=_(", ").join(parts))


def _target_set(interval: Interval) -> Targets:
    return Targets(
        interval.sl_target,
        interval.sl_seconds,
        interval.asa_target_seconds,
        interval.max_occupancy,
        interval.max_abandon_rate,
    )


def _length(seconds: float) -> str:
    if seconds % 3600 == 0:
        return _("{hours} h").format(hours=number(seconds / 3600))
    if seconds % 60 == 0:
        return _("{minutes} min").format(minutes=number(seconds / 60))
    return _("{seconds} s").format(seconds=number(seconds))
