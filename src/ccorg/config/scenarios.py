"""Scenarios: named overlays applied to a config's raw data before it is validated. Pure.

An overlay addresses objects by id, wherever they sit: the center, grades, departments,
posts, demand streams — any mapping with an ``id`` inside a list (or under a key) of the
config. The overlaid data is then validated like any config, so its mistakes are reported
the usual way. Every node keeps the position it was written at: a value the scenario
changed points into the ``scenarios:`` section, everything else into the base plan.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from ccorg.config.loader import KEY, DataPath, SourceMap, YamlDocument
from ccorg.config.schema import Config
from ccorg.errors import ConfigError, Problem, UsageError

# A qualified id names the list that holds the object: ``posts/agent``.
QUALIFIER = "/"


def apply_scenario(document: YamlDocument, config: Config, name: str) -> YamlDocument:
    """The document with scenario ``name`` overlaid, its ``scenarios:`` section dropped.

    ``config`` is the base validated from ``document``; it vouches for the scenario's shape.
    An unknown scenario is a UsageError; ids the overlay cannot find are located problems.
    """
    if name not in config.scenarios:
        raise UsageError(_unknown_scenario(document.source_map.path, name, config))
    scenario = config.scenarios[name]
    source = document.source_map
    root = _wrap(document.data, ())
    del root.value["scenarios"]
    overlay = _Overlay(root, source, ("scenarios", name), document.data["scenarios"][name])
    for index, target in enumerate(scenario.remove):
        overlay.remove(target, index)
    for target in scenario.set:
        overlay.set(target)
    for place in scenario.add:
        overlay.add(place)
    if overlay.problems:
        raise ConfigError(overlay.problems)
    positions: dict[DataPath, tuple[int, int]] = {}
    data = _unwrap(root, (), source, positions)
    return YamlDocument(data, SourceMap(source.path, positions))


def _unknown_scenario(path: str, name: str, config: Config) -> str:
    known = sorted(config.scenarios)
    if not known:
        return f"{path} has no scenarios; add a 'scenarios:' section to define {name!r}"
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{path} has no scenario {name!r}{hint} (scenarios: {', '.join(known)})"


@dataclass
class _Node:
    """A value of the data being overlaid, with the path it was written at."""

    value: Any  # a scalar, dict[str, _Node] or list[_Node]
    origin: DataPath


def _wrap(data: Any, origin: DataPath) -> _Node:
    if isinstance(data, dict):
        return _Node({k: _wrap(v, (*origin, k)) for k, v in data.items()}, origin)
    if isinstance(data, list):
        return _Node([_wrap(v, (*origin, i)) for i, v in enumerate(data)], origin)
    return _Node(data, origin)


def _unwrap(
    node: _Node, path: DataPath, source: SourceMap, positions: dict[DataPath, tuple[int, int]]
) -> Any:
    found = source.positions.get(node.origin)
    if found is not None:
        positions[path] = found
    if isinstance(node.value, dict):
        data = {}
        for key, child in node.value.items():
            key_found = source.positions.get((*child.origin, KEY))
            if key_found is not None:
                positions[(*path, key, KEY)] = key_found
            data[key] = _unwrap(child, (*path, key), source, positions)
        return data
    if isinstance(node.value, list):
        return [_unwrap(child, (*path, i), source, positions) for i, child in enumerate(node.value)]
    return node.value


@dataclass(frozen=True)
class _Found:
    """An object with an id: the list (or mapping) holding it, and that list's name."""

    holder_name: str
    node: _Node
    holder: _Node

    @property
    def id(self) -> str:
        return str(self.node.value["id"].value)

    @property
    def qualified_id(self) -> str:
        return f"{self.holder_name}{QUALIFIER}{self.id}"


def _objects(node: _Node) -> list[_Found]:
    """Every mapping with a text ``id`` under ``node``, in file order."""
    found: list[_Found] = []
    if isinstance(node.value, dict):
        for key, child in node.value.items():
            if _has_id(child):
                found.append(_Found(key, child, node))
            elif isinstance(child.value, list):
                found.extend(_Found(key, item, child) for item in child.value if _has_id(item))
            found.extend(_objects(child))
    elif isinstance(node.value, list):
        for child in node.value:
            found.extend(_objects(child))
    return found


def _has_id(node: _Node) -> bool:
    if not isinstance(node.value, dict):
        return False
    id_node = node.value.get("id")
    return id_node is not None and isinstance(id_node.value, str)


class _Overlay:
    """Applies one scenario's operations to the wrapped data, collecting located problems."""

    def __init__(self, root: _Node, source: SourceMap, at: DataPath, raw: dict[str, Any]) -> None:
        self.root = root
        self.source = source
        self.at = at
        self.raw = raw
        self.removed: set[str] = set()
        self.problems: list[Problem] = []

    def remove(self, target: str, index: int) -> None:
        where = (*self.at, "remove", index)
        found = self._resolve(target, where)
        if found is None:
            return
        if not isinstance(found.holder.value, list):
            self._report(where, f"cannot remove {target!r}: only an item of a list can go")
            return
        found.holder.value.remove(found.node)
        self.removed.add(target)

    def set(self, target: str) -> None:
        where = (*self.at, "set", target)
        found = self._resolve(target, where, key=True)
        if found is None:
            return
        patch = _wrap(self.raw["set"][target], where)
        if "id" in patch.value:
            self._report(
                (*where, "id"), "a scenario cannot change an id; remove the object and add one"
            )
            return
        _merge(found.node, patch)

    def add(self, place: str) -> None:
        where = (*self.at, "add", place)
        holder = self._place(place, where)
        if holder is None:
            return
        list_name = place.rpartition(".")[2]
        existing = holder.value.get(list_name)
        if existing is None:
            existing = holder.value[list_name] = _Node([], where)
        elif not isinstance(existing.value, list):
            self._report(where, f"{place!r} is not a list, so nothing can be added to it", True)
            return
        taken = {item.value["id"].value: item for item in existing.value if _has_id(item)}
        for index, item in enumerate(self.raw["add"][place]):
            new = _wrap(item, (*where, index))
            new_id = item.get("id")
            if isinstance(new_id, str) and new_id in taken:
                line = self.source.locate(taken[new_id].origin).line
                self._report(
                    (*where, index, "id"),
                    f"{place} already has {new_id!r} (line {line}); change it with 'set'",
                )
                continue
            existing.value.append(new)

    def _place(self, place: str, where: DataPath) -> _Node | None:
        """The mapping that holds the list ``place`` names: a section, or an object by id."""
        prefix, _, list_name = place.rpartition(".")
        if not list_name:
            self._report(where, f"{place!r} names no list: write 'ID.LIST' or a section", True)
            return None
        node = self.root
        for segment in prefix.split(".") if prefix else []:
            child = node.value.get(segment) if isinstance(node.value, dict) else None
            if child is None:
                break
            node = child
        else:
            if isinstance(node.value, dict):
                return node
            self._report(where, f"{prefix!r} is not a mapping, so it holds no {list_name!r}", True)
            return None
        found = self._resolve(prefix, where, key=True, sections=True)
        return None if found is None else found.node

    def _resolve(
        self, target: str, where: DataPath, *, key: bool = False, sections: bool = False
    ) -> _Found | None:
        """The one object ``target`` names (``ID`` or ``LIST/ID``), or None with a problem."""
        objects = _objects(self.root)
        holder_name, _, wanted = target.rpartition(QUALIFIER)
        matches = [o for o in objects if o.id == wanted and holder_name in ("", o.holder_name)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            spelled = " or ".join(
                f"{o.qualified_id!r} (line {self.source.locate(o.node.origin).line})"
                for o in matches
            )
            self._report(where, f"{target!r} names {len(matches)} objects; write {spelled}", key)
            return None
        if target in self.removed:
            self._report(where, f"{target!r} is removed by this scenario", key)
            return None
        known = {o.id for o in objects} | {o.qualified_id for o in objects}
        if sections:
            known |= set(self.root.value)
        close = difflib.get_close_matches(target, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self._report(where, f"unknown id {target!r}{hint}", key)
        return None

    def _report(self, where: DataPath, message: str, key: bool = False) -> None:
        location = self.source.locate_key(where) if key else self.source.locate(where)
        self.problems.append(Problem(location, f"scenario {self.at[-1]!r}: {message}", "scenario"))


def _merge(base: _Node, patch: _Node) -> None:
    """Merge ``patch`` into the mapping ``base``: the rules ``set`` documents."""
    for key, change in patch.value.items():
        current = base.value.get(key)
        if change.value is None:
            base.value.pop(key, None)
        elif (
            current is not None
            and isinstance(current.value, dict)
            and isinstance(change.value, dict)
            and _same_kind(current, change)
        ):
            _merge(current, change)
        else:
            base.value[key] = change


def _same_kind(current: _Node, change: _Node) -> bool:
    """Whether a patch refines ``current``; a patch of another kind (a new rule) replaces it."""
    changed = change.value.get("kind")
    if changed is None:
        return True
    kind = current.value.get("kind")
    return kind is not None and kind.value == changed.value
