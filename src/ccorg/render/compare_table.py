"""A comparison laid out as one table, the shape every view of it shares.

Scenarios side by side: a row per figure, a column per plan and, after each plan but the
first, its change against the first. A sensitivity grid: a row per variant, with the values
its ranges take, then its figures and their change against the file's plan. Cells hold plain
numbers (or None where a plan has no such figure); ``kind`` says how a view writes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ccorg.compare import Column, Comparison
from ccorg.i18n import N_, _

Kind = Literal["people", "fte", "money", "share", "agents", "value"]
Cell = float | int | None


@dataclass(frozen=True)
class Figure:
    """A figure of one plan: a machine key, the label people read and how it is written."""

    key: str
    label: str
    kind: Kind
    short: str = ""  # the label in a grid's narrow column header

    def of(self, column: Column) -> Cell:
        return _value(self.key, column)


@dataclass(frozen=True)
class TableRow:
    key: str
    label: str
    kind: Kind
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class ComparisonTable:
    """``header`` and ``keys`` name the columns; each row's cells follow them."""

    title: str
    keys: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    column_kinds: tuple[Kind | None, ...] = ()


def figures(comparison: Comparison) -> list[Figure]:
    """The figures a comparison shows, in order: departments and streams of any of its plans;
    none that no plan has (a budget, 编制, the service level of back-office work)."""
    rows = [
        Figure("headcount", _("Headcount"), "people", _("People")),
        Figure("frontline", _("Frontline"), "people"),
        Figure("fte", _("FTE (before rounding)"), "fte", _("FTE")),
    ]
    departments: dict[str, str] = {}
    streams: dict[str, str] = {}
    for column in comparison.columns:
        for department in column.departments:
            # Indented by depth: a unit's people are in its parent's figure above it too.
            indent = "  " * (department.depth + 1)
            departments.setdefault(department.id, indent + department.name)
        for stream in column.streams:
            streams.setdefault(stream.id, stream.name)
    rows += [Figure(f"department.{i}", label, "people") for i, label in departments.items()]
    rows += [
        Figure("establishment", _("编制 (establishment)"), "people"),
        Figure("over_establishment", _("Over 编制 (+) / room (−)"), "people"),
        Figure("annual_cost", _("Annual cost"), "money", _("Cost")),
        Figure("budget", _("Budget"), "money"),
        Figure("budget_variance", _("Over budget (+) / under (−)"), "money", _("Over budget")),
    ]
    for stream_id, name in streams.items():
        rows += [
            Figure(
                f"stream.{stream_id}.peak_agents",
                _("{stream}: peak agents").format(stream=name),
                "agents",
                _("{stream} peak").format(stream=name),
            ),
            Figure(
                f"stream.{stream_id}.service_level",
                _("{stream}: service level").format(stream=name),
                "share",
                _("{stream} SL").format(stream=name),
            ),
        ]
    return [f for f in rows if any(f.of(column) is not None for column in comparison.columns)]


def comparison_table(comparison: Comparison) -> ComparisonTable:
    """The table of ``comparison``: scenarios as columns, or variants as rows."""
    if comparison.ranges:
        return _variant_table(comparison)
    return _scenario_table(comparison)


def _scenario_table(comparison: Comparison) -> ComparisonTable:
    base, others = comparison.base, comparison.variants
    keys, header = ["figure", base.id], ["", column_label(comparison, base)]
    for column in others:
        keys += [column.id, f"{column.id}.delta"]
        header += [column.id, f"Δ {column.id}"]
    rows = []
    for figure in figures(comparison):
        first = figure.of(base)
        cells: list[Cell] = [first]
        for column in others:
            value = figure.of(column)
            cells += [value, _delta(value, first)]
        rows.append(TableRow(figure.key, figure.label, figure.kind, tuple(cells)))
    title = _("{config}: {count} plans side by side").format(
        config=comparison.config_name, count=len(comparison.columns)
    )
    return ComparisonTable(title, tuple(keys), tuple(header), tuple(rows))


# The figures a grid of variants shows per variant: the headline ones and each queue's.
_GRID_FIGURES = ("headcount", "fte", "annual_cost", "budget_variance")


# A grid of one queue names its stream once, in the title, and its columns by the figure
# alone: "人工来话 服务水平" in every header would not fit 80 columns.
_QUEUE_FIGURES = {"peak_agents": N_("Peak"), "service_level": N_("SL")}


def _variant_table(comparison: Comparison) -> ComparisonTable:
    base = comparison.base
    queues = {s.id for c in comparison.columns for s in c.streams if s.service_level is not None}
    shown = [f for f in figures(comparison) if f.key in _GRID_FIGURES or _of_queue(f.key, queues)]
    keys: list[str] = ["variant", *(r.name for r in comparison.ranges)]
    header: list[str] = ["", *_short_paths([r.name for r in comparison.ranges])]
    kinds: list[Kind | None] = [None, *("value" for _range in comparison.ranges)]
    single_queue = len(queues) == 1
    for figure in shown:
        keys.append(figure.key)
        if single_queue and _of_queue(figure.key, queues):
            header.append(_(_QUEUE_FIGURES[figure.key.rpartition(".")[2]]))
        else:
            header.append(figure.short or figure.label)
        kinds.append(figure.kind)
        if figure.key in ("headcount", "annual_cost"):
            keys.append(f"{figure.key}.delta")
            header.append("Δ")
            kinds.append(figure.kind)
    rows = []
    for column in comparison.columns:
        parameters = column.parameters or tuple(r.base for r in comparison.ranges)
        cells: list[Cell] = list(parameters)
        for figure in shown:
            value = figure.of(column)
            cells.append(value)
            if figure.key in ("headcount", "annual_cost"):
                cells.append(_delta(value, figure.of(base)))
        rows.append(TableRow(column.id, column_label(comparison, column), "value", tuple(cells)))
    title = _("{config}: {count} variants of {plan}").format(
        config=comparison.config_name,
        count=len(comparison.variants),
        plan=column_label(comparison, base),
    )
    if single_queue:
        (queue,) = queues
        stream = next(s.name for c in comparison.columns for s in c.streams if s.id == queue)
        title = _("{title} (peak and SL: {stream})").format(title=title, stream=stream)
    return ComparisonTable(title, tuple(keys), tuple(header), tuple(rows), tuple(kinds))


def column_label(comparison: Comparison, column: Column) -> str:
    """A column as people read it: the file's own plan is the base (基准 in zh), a scenario
    or a variant goes by its id. Machine keys (CSV, JSON) keep the id ``base``."""
    if column is comparison.base and column.id == "base":
        return _("base")
    return column.id


def _of_queue(key: str, queues: set[str]) -> bool:
    """Whether a figure is a queue's (voice, chat): a grid shows only those streams."""
    return key.startswith("stream.") and key.removeprefix("stream.").rpartition(".")[0] in queues


def _short_paths(paths: list[str]) -> list[str]:
    """Each path by its shortest tail that still tells it from the others (aht_seconds)."""
    shortened = []
    for path in paths:
        parts = path.split(".")
        for size in range(1, len(parts) + 1):
            tail = ".".join(parts[-size:])
            if sum(other == tail or other.endswith("." + tail) for other in paths) == 1:
                break
        shortened.append(tail)
    return shortened


def _delta(value: Cell, base: Cell) -> Cell:
    if value is None or base is None:
        return None
    return value - base


def _value(key: str, column: Column) -> Cell:
    if key.startswith("department."):
        wanted = key.removeprefix("department.")
        return next((d.headcount for d in column.departments if d.id == wanted), None)
    if key.startswith("stream."):
        stream_id, _dot, field = key.removeprefix("stream.").rpartition(".")
        stream = next((s for s in column.streams if s.id == stream_id), None)
        return None if stream is None else getattr(stream, field)
    if key == "budget":
        return column.budget
    return getattr(column, key)
