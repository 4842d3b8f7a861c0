"""Scenarios: named overlays applied to a config's raw data before it is validated. Pure.

An overlay addresses objects by id, wherever they sit: the center, grades, departments,
posts, demand streams — any mapping with an ``id`` inside a list (or under a key) of the
config. The overlaid data is then validated like any config, so its mistakes are reported
the usual way. Every node keeps the position it was written at: a value the scenario
changed points into the ``scenarios:`` section, everything else into the base plan.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ccorg.config.loader import KEY, DataPath, SourceMap, YamlDocument
from ccorg.config.schema import Config
from ccorg.errors import ConfigError, Problem, UsageError
from ccorg.i18n import _

# A qualified id names the list that holds the object: ``posts/agent``.
QUALIFIER = "/"


def apply_scenario(document: YamlDocument, config: Config, name: str) -> YamlDocument:
    """The document with scenario ``name`` overlaid, its ``scenarios:`` section dropped.

    ``config`` is the base validated from ``document``; it vouches for the scenario's shape.
    An unknown scenario is a UsageError; ids the overlay cannot find are located problems.

    The cost follows what the scenario touches, not the size of the config: the overlay
    shares every part of the data it leaves alone, and the source map of those parts.
    """
    if name not in config.scenarios:
        raise UsageError(_unknown_scenario(document.source_map.path, name, config))
    scenario = config.scenarios[name]
    source = document.source_map
    root = _Node(document.data, ())
    del _children(root)["scenarios"]
    raw = document.data["scenarios"][name]
    overlay = _Overlay(root, source, ("scenarios", name), raw, _index(document.data))
    for index, target in enumerate(scenario.remove):
        overlay.remove(target, index)
    for target in scenario.set:
        overlay.set(target)
    for place in scenario.add:
        overlay.add(place)
    if overlay.problems:
        raise ConfigError(overlay.problems)
    positions = _OverlaidPositions(source.positions)
    data = _unwrap(root, (), source, positions)
    return YamlDocument(data, SourceMap(source.path, positions))


def _unknown_scenario(path: str, name: str, config: Config) -> str:
    known = sorted(config.scenarios)
    if not known:
        return _("{path} has no scenarios; add a 'scenarios:' section to define {name!r}").format(
            path=path, name=name
        )
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        return _(
            "{path} has no scenario {name!r}; did you mean {close!r}? (scenarios: {known})"
        ).format(path=path, name=name, close=close[0], known=", ".join(known))
    return _("{path} has no scenario {name!r} (scenarios: {known})").format(
        path=path, name=name, known=", ".join(known)
    )


@dataclass(eq=False)
class _Node:
    """A value of the data being overlaid, with the path it was written at.

    A mapping or list keeps the data as written until the overlay looks inside it
    (``_children``); from then on its value holds a node per child.
    """

    value: Any  # a scalar, the data as written, or dict[str, _Node] / list[_Node]
    origin: DataPath
    expanded: bool = False


def _children(node: _Node) -> Any:
    """The node's value with a node per child (made on first use), or its scalar."""
    if not node.expanded:
        if isinstance(node.value, dict):
            node.value = {k: _Node(v, (*node.origin, k)) for k, v in node.value.items()}
        elif isinstance(node.value, list):
            node.value = [_Node(v, (*node.origin, i)) for i, v in enumerate(node.value)]
        node.expanded = True
    return node.value


class _OverlaidPositions(Mapping[DataPath, tuple[int, int]]):
    """The positions of the overlaid data: its own for the parts the overlay rebuilt, the
    base's for a part it left alone where it was (a path at or under ``kept``)."""

    def __init__(self, base: Mapping[DataPath, tuple[int, int]]) -> None:
        self.base = base
        self.own: dict[DataPath, tuple[int, int]] = {}
        self.kept: set[DataPath] = set()

    def _kept(self, path: DataPath) -> bool:
        return any(path[:end] in self.kept for end in range(len(path) + 1))

    def __getitem__(self, path: DataPath) -> tuple[int, int]:
        found = self.own.get(path)
        if found is not None:
            return found
        if self._kept(path):
            return self.base[path]
        raise KeyError(path)

    def __iter__(self) -> Iterator[DataPath]:
        yield from self.own
        yield from (path for path in self.base if path not in self.own and self._kept(path))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _unwrap(node: _Node, path: DataPath, source: SourceMap, positions: _OverlaidPositions) -> Any:
    if not node.expanded and node.origin == path:
        positions.kept.add(path)  # untouched where it was written: its data and positions
        return node.value
    found = source.positions.get(node.origin)
    if found is not None:
        positions.own[path] = found
    value = _children(node)
    if isinstance(value, dict):
        data = {}
        for key, child in value.items():
            key_found = source.positions.get((*child.origin, KEY))
            if key_found is not None:
                positions.own[(*path, key, KEY)] = key_found
            data[key] = _unwrap(child, (*path, key), source, positions)
        return data
    if isinstance(value, list):
        return [_unwrap(child, (*path, i), source, positions) for i, child in enumerate(value)]
    return value


@dataclass(frozen=True)
class _Found:
    """An object with an id: the list (or mapping) holding it, and that list's name."""

    holder_name: str
    node: _Node
    holder: _Node

    @property
    def id(self) -> str:
        return str(_id_of(self.node))

    @property
    def qualified_id(self) -> str:
        return f"{self.holder_name}{QUALIFIER}{self.id}"


@dataclass(frozen=True)
class _Entry:
    """Where an object with an id was written: the paths of it and of its holder."""

    holder_name: str
    path: DataPath
    holder: DataPath


# The last document indexed, and its index: `check` and `compare` overlay every scenario of
# one document in turn, and need it once.
_indexed: list[tuple[dict[str, Any], dict[str, list[_Entry]]]] = []


def _index(data: dict[str, Any]) -> dict[str, list[_Entry]]:
    """Every mapping with a text ``id`` in the data as written (but its scenarios), by id,
    in file order: what ``_objects`` finds, without making a node of every value."""
    if _indexed and _indexed[0][0] is data:
        return _indexed[0][1]
    index: dict[str, list[_Entry]] = {}

    def add(value: Any, holder_name: str, path: DataPath, holder: DataPath) -> None:
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            index.setdefault(value["id"], []).append(_Entry(holder_name, path, holder))

    def walk(value: Any, path: DataPath) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if not path and key == "scenarios":
                    continue
                child_path = (*path, key)
                if isinstance(child, dict) and isinstance(child.get("id"), str):
                    add(child, key, child_path, path)
                elif isinstance(child, list):
                    for i, item in enumerate(child):
                        add(item, key, (*child_path, i), child_path)
                if isinstance(child, dict | list):
                    walk(child, child_path)
        elif isinstance(value, list):
            for i, child in enumerate(value):
                if isinstance(child, dict | list):
                    walk(child, (*path, i))

    walk(data, ())
    _indexed[:] = [(data, index)]
    return index


def _objects(node: _Node) -> list[_Found]:
    """Every mapping with a text ``id`` under ``node``, in file order."""
    found: list[_Found] = []
    value = _children(node)
    if isinstance(value, dict):
        for key, child in value.items():
            if _has_id(child):
                found.append(_Found(key, child, node))
            elif isinstance(child.value, list):
                found.extend(_Found(key, item, child) for item in _children(child) if _has_id(item))
            found.extend(_objects(child))
    elif isinstance(value, list):
        for child in value:
            found.extend(_objects(child))
    return found


def _id_of(node: _Node) -> str | None:
    """The node's text ``id`` when it is a mapping with one (read without expanding it)."""
    if not isinstance(node.value, dict):
        return None
    found = node.value.get("id")
    if isinstance(found, _Node):
        found = found.value
    return found if isinstance(found, str) else None


def _has_id(node: _Node) -> bool:
    return _id_of(node) is not None


class _Overlay:
    """Applies one scenario's operations to the wrapped data, collecting located problems.

    Objects are found through ``index`` (where the base wrote them) and ``added`` (the ones
    the scenario brings), so that naming one does not walk the whole config.
    """

    def __init__(
        self,
        root: _Node,
        source: SourceMap,
        at: DataPath,
        raw: dict[str, Any],
        index: dict[str, list[_Entry]],
    ) -> None:
        self.root = root
        self.source = source
        self.at = at
        self.raw = raw
        self.index = index
        self.added: list[_Found] = []
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
        found.holder.value[:] = [item for item in found.holder.value if item is not found.node]
        self.removed.add(target)

    def set(self, target: str) -> None:
        where = (*self.at, "set", target)
        found = self._resolve(target, where, key=True)
        if found is None:
            return
        patch = _Node(self.raw["set"][target], where)
        if "id" in _children(patch):
            self._report(
                (*where, "id"), "a scenario cannot change an id; remove the object and add one"
            )
            return
        _merge(found.node, patch)
        self.added.extend(_objects(patch))

    def add(self, place: str) -> None:
        where = (*self.at, "add", place)
        holder = self._place(place, where)
        if holder is None:
            return
        list_name = place.rpartition(".")[2]
        existing = _children(holder).get(list_name)
        if existing is None:
            existing = holder.value[list_name] = _Node([], where, expanded=True)
        elif not isinstance(existing.value, list):
            self._report(where, f"{place!r} is not a list, so nothing can be added to it", True)
            return
        items = _children(existing)
        taken = {_id_of(item): item for item in items if _has_id(item)}
        for index, item in enumerate(self.raw["add"][place]):
            new = _Node(item, (*where, index))
            new_id = item.get("id")
            if isinstance(new_id, str) and new_id in taken:
                line = self.source.locate(taken[new_id].origin).line
                self._report(
                    (*where, index, "id"),
                    f"{place} already has {new_id!r} (line {line}); change it with 'set'",
                )
                continue
            items.append(new)
            if _has_id(new):
                self.added.append(_Found(list_name, new, existing))
            self.added.extend(_objects(new))

    def _place(self, place: str, where: DataPath) -> _Node | None:
        """The mapping that holds the list ``place`` names: a section, or an object by id."""
        prefix, _, list_name = place.rpartition(".")
        if not list_name:
            self._report(where, f"{place!r} names no list: write 'ID.LIST' or a section", True)
            return None
        node = self.root
        for segment in prefix.split(".") if prefix else []:
            value = _children(node)
            child = value.get(segment) if isinstance(value, dict) else None
            if child is None:
                break
            node = child
        else:
            if isinstance(_children(node), dict):
                return node
            self._report(where, f"{prefix!r} is not a mapping, so it holds no {list_name!r}", True)
            return None
        found = self._resolve(prefix, where, key=True, sections=True)
        return None if found is None else found.node

    def _find(self, entry: _Entry) -> _Found | None:
        """The object ``entry`` names, if it is still where the base wrote it."""
        node, holder = self.root, self.root
        for depth in range(len(entry.path)):
            wanted = entry.path[: depth + 1]
            value = _children(node)
            step = entry.path[depth]
            if isinstance(value, dict):
                child = value.get(step) if isinstance(step, str) else None
            elif isinstance(value, list) and isinstance(step, int):
                # Where it was written, or earlier when the scenario removed an item before it.
                child = next(
                    (item for item in reversed(value[: step + 1]) if item.origin == wanted), None
                )
            else:
                child = None
            if child is None or child.origin != wanted:
                return None  # removed, or replaced by the scenario
            if wanted == entry.holder:
                holder = child
            node = child
        return _Found(entry.holder_name, node, holder)

    def _matches(self, holder_name: str, wanted: str) -> list[_Found]:
        matches = [
            found
            for entry in self.index.get(wanted, ())
            if holder_name in ("", entry.holder_name)
            and (found := self._find(entry)) is not None
            and found.id == wanted
        ]
        return matches + [
            o for o in self.added if o.id == wanted and holder_name in ("", o.holder_name)
        ]

    def _resolve(
        self, target: str, where: DataPath, *, key: bool = False, sections: bool = False
    ) -> _Found | None:
        """The one object ``target`` names (``ID`` or ``LIST/ID``), or None with a problem."""
        holder_name, _, wanted = target.rpartition(QUALIFIER)
        matches = self._matches(holder_name, wanted)
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
        objects = _objects(self.root)  # the scenario is in error: its hint may walk everything
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
    into = _children(base)
    for key, change in _children(patch).items():
        current = into.get(key)
        if change.value is None:
            into.pop(key, None)
        elif (
            current is not None
            and isinstance(current.value, dict)
            and isinstance(change.value, dict)
            and _same_kind(current, change)
        ):
            _merge(current, change)
        else:
            into[key] = change


def _same_kind(current: _Node, change: _Node) -> bool:
    """Whether a patch refines ``current``; a patch of another kind (a new rule) replaces it."""
    changed = _children(change).get("kind")
    if changed is None:
        return True
    kind = _children(current).get("kind")
    return kind is not None and kind.value == changed.value
