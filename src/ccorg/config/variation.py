"""Sensitivity ranges (``--vary PATH=FROM:TO:STEP``): read, resolved in a document, applied. Pure.

A path is written in the config's own terms: keys of mappings, and ids of the objects in a
list (``demand.streams.calls.aht_seconds``). As in scenarios, it may also start at an object's
id wherever it sits (``calls.aht_seconds``, or ``posts/agent.rule.schedule_fit`` where an id
names two objects). The value must be a number the file already gives: a range varies it.
``FROM:TO:STEP`` gives absolute values, ``*FROM:*TO:*STEP`` factors of the file's value.
"""

from __future__ import annotations

import difflib
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ccorg.config.loader import DataPath, SourceMap, YamlDocument
from ccorg.errors import UsageError
from ccorg.i18n import _
from ccorg.units import whole_as_int

MAX_VARIANTS = 1_000
"""The most variants one comparison plans: the product of every range's length. Each costs a
plan (a voice center's about 5 ms, so 1,000 take about 5 s; a shift plan of its own costs a
solve, under the comparison's solver budget)."""

_QUALIFIER = "/"


@dataclass(frozen=True)
class Range:
    """One ``--vary``: the value at ``path`` takes each of ``values`` in turn.

    ``factors`` are set for a relative range (``*0.9:*1.2:*0.05``): each value is the file's
    ``base`` value times its factor.
    """

    text: str
    path: DataPath
    values: tuple[float, ...]
    base: float
    factors: tuple[float, ...] | None = None

    @property
    def name(self) -> str:
        """The path as the user wrote it."""
        return self.text.partition("=")[0].strip()


def parse_range(text: str, data: Any, config_name: str) -> Range:
    """The range ``text`` (``PATH=FROM:TO:STEP``) names in the document ``data``."""
    path_text, equals, span = text.partition("=")
    path_text = path_text.strip()
    if not equals or not path_text or not span.strip():
        raise UsageError(
            _(
                "--vary {text}: write PATH=FROM:TO:STEP, e.g. "
                "demand.streams.calls.aht_seconds=170:210:10 or …volume.per_day=*0.9:*1.2:*0.05"
            ).format(text=repr(text))
        )
    path, base = _resolve(path_text, data, config_name, text)
    parts = [part.strip() for part in span.split(":")]
    if len(parts) != 3:
        raise UsageError(
            _("--vary {text}: give FROM:TO:STEP, three numbers (e.g. 170:210:10)").format(
                text=repr(text)
            )
        )
    relative = [part.startswith("*") for part in parts]
    if any(relative) and not all(relative):
        raise UsageError(
            _(
                "--vary {text}: mark all three numbers with * for factors "
                "(*0.9:*1.2:*0.05), or none for values"
            ).format(text=repr(text))
        )
    start, stop, step = (_number(part.lstrip("*"), text) for part in parts)
    steps = _steps(start, stop, step, text)
    if all(relative):
        factors = steps
        values = tuple(_tidy(base * factor) for factor in factors)
        return Range(text, path, values, base, factors)
    return Range(text, path, steps, base)


def variant_values(ranges: Sequence[Range]) -> list[tuple[float, ...]]:
    """Every combination of the ranges' values, the first range varying slowest."""
    count = math.prod(len(r.values) for r in ranges)
    if count > MAX_VARIANTS:
        raise UsageError(
            _(
                "{count} variants asked for; at most {limit} in one comparison "
                "(use wider steps or fewer --vary)"
            ).format(count=f"{count:,}", limit=f"{MAX_VARIANTS:,}")
        )
    return list(itertools.product(*(r.values for r in ranges)))


def apply_values(
    document: YamlDocument, ranges: Sequence[Range], values: Sequence[float]
) -> YamlDocument:
    """The document with each range's value set; every node keeps its position."""
    data = document.data
    for range_, value in zip(ranges, values, strict=True):
        data = _replaced(data, range_.path, whole_as_int(value))
    return YamlDocument(data, SourceMap(document.source_map.path, document.source_map.positions))


def _replaced(node: Any, path: DataPath, value: Any) -> Any:
    """A copy of ``node`` with the value at ``path`` replaced, sharing everything else."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        copy: Any = dict(node)
    else:
        copy = list(node)
    copy[head] = _replaced(node[head], rest, value)
    return copy


def _resolve(path_text: str, data: Any, config_name: str, text: str) -> tuple[DataPath, float]:
    segments = path_text.split(".")
    path: DataPath = ()
    node = data
    walked: list[str] = []
    if isinstance(data, dict) and segments[0] not in data:
        path, node, used = _object_anywhere(segments, data, config_name, text)
        walked, segments = segments[:used], segments[used:]
    while segments:
        step, child, used = _step(node, segments)
        if step is None:
            shown = ".".join(walked)
            raise UsageError(_nothing_there(text, config_name, shown, node, segments[0]))
        walked += segments[:used]
        path, node, segments = (*path, step), child, segments[used:]
    if isinstance(node, bool) or not isinstance(node, int | float):
        shown = ".".join(walked)
        raise UsageError(
            _(
                "--vary {text}: {path} is {value} in {config}, not a number; "
                "a range varies a number the file gives"
            ).format(text=repr(text), path=shown, value=repr(node), config=config_name)
        )
    return path, float(node)


def _step(node: Any, segments: list[str]) -> tuple[str | int | None, Any, int]:
    """Where the first segments lead from ``node``: a key, or an object's id in a list.

    Ids may hold dots, so the longest run of segments that names an id wins.
    """
    if isinstance(node, dict):
        if segments[0] in node:
            return segments[0], node[segments[0]], 1
        return None, None, 0
    if isinstance(node, list):
        for used in range(len(segments), 0, -1):
            wanted = ".".join(segments[:used])
            for index, item in enumerate(node):
                if isinstance(item, dict) and item.get("id") == wanted:
                    return index, item, used
    return None, None, 0


def _object_anywhere(
    segments: list[str], data: Any, config_name: str, text: str
) -> tuple[DataPath, Any, int]:
    """The object a path starts at by its id (``calls``, ``posts/agent``), as scenarios do."""
    found = list(_objects(data, ()))
    for used in range(len(segments), 0, -1):
        wanted = ".".join(segments[:used])
        holder, _slash, object_id = wanted.rpartition(_QUALIFIER)
        matches = [
            (path, node)
            for path, holder_name, node in found
            if node["id"] == object_id and (not holder or holder == holder_name)
        ]
        if len(matches) == 1:
            return (*matches[0][0],), matches[0][1], used
        if len(matches) > 1:
            holders = sorted({name for _path, name, n in found if n["id"] == object_id})
            spelled = ", ".join(f"{h}{_QUALIFIER}{object_id}" for h in holders)
            raise UsageError(
                _("--vary {text}: {id} names several objects; write {spelled}").format(
                    text=repr(text), id=repr(object_id), spelled=spelled
                )
            )
    candidates = [*data] + [node["id"] for _path, _name, node in found]
    raise UsageError(_unknown(text, config_name, segments[0], candidates))


def _objects(node: Any, path: DataPath) -> Any:
    """(path, name of the list holding it, object) for every mapping with a text id."""
    if isinstance(node, dict):
        for key, child in node.items():
            if isinstance(child, list):
                for index, item in enumerate(child):
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        yield (*path, key, index), key, item
            yield from _objects(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _objects(child, (*path, index))


def _nothing_there(text: str, config_name: str, where: str, node: Any, segment: str) -> str:
    if isinstance(node, dict):
        candidates = [str(key) for key in node]
    elif isinstance(node, list):
        candidates = [str(item["id"]) for item in node if isinstance(item, dict) and "id" in item]
    else:
        candidates = []
    return _unknown(text, config_name, segment, candidates, where)


def _unknown(
    text: str, config_name: str, segment: str, candidates: list[str], where: str = ""
) -> str:
    close = difflib.get_close_matches(segment, candidates, n=1)
    hint = _("; did you mean {name}?").format(name=repr(close[0])) if close else ""
    if where:
        message = _("--vary {text}: {config} has no {name} under {path}")
    else:
        message = _("--vary {text}: {config} has no {name}")
    shown = message.format(text=repr(text), config=config_name, name=repr(segment), path=where)
    return shown + hint


def _number(part: str, text: str) -> float:
    try:
        value = float(part)
    except ValueError:
        raise UsageError(
            _("--vary {text}: {part} is not a number").format(text=repr(text), part=repr(part))
        ) from None
    if not math.isfinite(value):
        raise UsageError(
            _("--vary {text}: {part} is not a finite number").format(
                text=repr(text), part=repr(part)
            )
        )
    return value


def _steps(start: float, stop: float, step: float, text: str) -> tuple[float, ...]:
    if step == 0:
        raise UsageError(
            _("--vary {text}: the step is 0; give a step that reaches TO").format(text=repr(text))
        )
    if (stop - start) * step < 0:
        raise UsageError(
            _(
                "--vary {text}: a step of {step} never goes from {start} to {stop}; change its sign"
            ).format(
                text=repr(text),
                step=whole_as_int(step),
                start=whole_as_int(start),
                stop=whole_as_int(stop),
            )
        )
    # A step that lands on TO within rounding (0.1 × 3) still counts TO in.
    count = math.floor((stop - start) / step * (1 + 1e-12) + 1e-9) + 1
    if count > MAX_VARIANTS:
        raise UsageError(
            _("--vary {text}: {count} values; at most {limit} variants in one comparison").format(
                text=repr(text), count=f"{count:,}", limit=f"{MAX_VARIANTS:,}"
            )
        )
    return tuple(_tidy(start + index * step) for index in range(count))


def _tidy(value: float) -> float:
    """The value without the binary noise of repeated steps (0.30000000000000004 → 0.3)."""
    return float(f"{value:.12g}")
