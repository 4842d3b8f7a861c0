"""One YAML document read from parser events in a single pass, to plain values and the
line and column of each (the reading half of ``ccorg.config.loader``, the one door for YAML).

No node graph is composed: the loop turns each event straight into its value, or into its
place in the collection being built, counting nesting, values, and what aliases expand to
as it goes. Only the subtrees under an anchor are also kept as light nodes, for their aliases
to be expanded from, so an alias gives an equal but separate copy located where its anchor
is. Refusals are told in the order a composer and then a walk over the whole document would
tell them: a YAML error first, then an alias that expands too far or contains itself, then
the first refused value in document order.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from ccorg.errors import ConfigError, Location
from ccorg.i18n import _

MAX_DEPTH = 64
MAX_NODES = 200_000

DataPath = tuple[str | int, ...]
Position = tuple[int, int]
# A marker path segment: positions of mapping keys are kept under (*path, key, KEY).
KEY = "\0key"

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# Only the plain JSON-like core of YAML; anything else (``!!python/object``, ``!!binary``,
# custom tags) is refused rather than guessed at.
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    _STR_TAG,
    _SEQ_TAG,
    _MAP_TAG,
}

# Plain scalars are read by the YAML 1.2 core schema, not PyYAML's YAML 1.1. YAML 1.1 reads
# ``per: 1:12`` as 72 (base 60), ``count: 017`` as 15 (octal), ``0x64`` as 100, ``no`` as
# false and ``2025-01-01`` as a date. Here only ``true``/``false``, ``null`` (or ``~``, or
# nothing), decimal integers and decimal floats are anything but text; the rest stays the
# string the user wrote, for the schema to refuse with its location. A leading zero (``017``)
# is text too: octal to YAML 1.1, seventeen to YAML 1.2, ambiguous to a reader.
# Each pattern is tried, in this order, on the plain scalars whose first character it lists.
_CORE_SCHEMA = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9]+[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (_MERGE_TAG, r"^<<$", "<"),
)
_IMPLICIT: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _pattern, _firsts in _CORE_SCHEMA:
    for _first in _firsts:
        _IMPLICIT.setdefault(_first, []).append((_tag, re.compile(_pattern, re.X)))


def _implicit_tag(text: str) -> str:
    """The core schema's tag of a plain scalar (the first pattern for its first character)."""
    for tag, pattern in _IMPLICIT.get(text[:1], ()):
        if pattern.match(text):
            return tag
    return _STR_TAG


def _scalar_tag(tag: str | None, implicit: tuple[bool, bool], text: str) -> str:
    """A scalar event's tag: the one written, else the core schema's for a plain scalar
    (``!`` alone asks for that too), else text."""
    if tag is None or tag == "!":
        return _implicit_tag(text) if implicit[0] else _STR_TAG
    return tag


# Python refuses to read longer integers (a quadratic conversion); no bound needs so many.
_MAX_DIGITS = 4300
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_NULL = {"~", "null", "Null", "NULL", ""}
_INFINITY = {".inf", ".Inf", ".INF"}


def _scalar(tag: str, text: str) -> Any:
    """A plain or explicitly tagged scalar's value, by the core schema's rules; ValueError
    when the text is not of its tag (``!!int 0x64``, or more digits than an int may have)."""
    if tag == "tag:yaml.org,2002:str":
        return text
    if tag == "tag:yaml.org,2002:int":
        if not re.fullmatch(r"[-+]?[0-9]+", text):
            raise ValueError(_("{text} is not a decimal integer").format(text=repr(text)))
        if len(text) > _MAX_DIGITS:
            raise ValueError(
                _("a number of {digits} digits, past any bound of the format").format(
                    digits=f"{len(text):,}"
                )
            )
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        unsigned = text.lstrip("+-")
        if unsigned in _INFINITY:
            return float("-inf") if text.startswith("-") else float("inf")
        if unsigned.lower() == ".nan":
            return float("nan")
        if not re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", text):
            raise ValueError(_("{text} is not a decimal number").format(text=repr(text)))
        return float(text)
    if tag == "tag:yaml.org,2002:bool":
        if text not in _TRUE | _FALSE:
            raise ValueError(f"{text!r} is not true or false")
        return text in _TRUE
    if text not in _NULL:
        raise ValueError(f"{text!r} is not null")
    return None


class LimitError(Exception):
    """Nesting or values past a config's limit, at the parser's mark where it was passed."""

    def __init__(self, message: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.mark = mark


class _Refusal(Exception):
    """A value a config may not hold, at its position (None: at the alias being expanded).

    Kept until the whole document is read: a YAML error further on is told first."""

    def __init__(self, position: tuple[int, int] | None, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


# Light nodes, kept only for what is under an anchor: (kind, tag, position, payload), the
# payload a scalar's text, a sequence's nodes, or a mapping's keys and values alternating.
LightNode = tuple[int, str, Position, Any]
_SCALAR, _SEQUENCE, _MAPPING, _ROOT = range(4)
# How a collection's contents are read: built into values; a '<<' list of mappings; a mapping
# merged into the one holding '<<'; or only counted (a refused key, or after a refusal).
_BUILD, _MERGE_LIST, _MERGE_SOURCE, _SKIP = range(4)
# What a mapping holds for its current key, besides the key's text (None: expecting a key).
_MERGE = object()
_NO_KEY = object()
_MISS = object()
EMPTY = object()  # what a stream without a document reads to


class _Frame:
    """One open collection while reading: where its values go and how far it expanded."""

    __slots__ = (
        "anchor",
        "fast",
        "index",
        "into",
        "is_key",
        "key",
        "kind",
        "light",
        "merged",
        "mode",
        "pair_start",
        "path",
        "pending",
        "saved",
        "seen",
        "start",
        "value",
    )

    def __init__(self, kind: int, mode: int, path: DataPath, start: int) -> None:
        self.kind = kind
        self.mode = mode
        self.path = path
        self.start = start
        self.value: Any = None
        self.merged: dict[str, Any] | None = None
        # Positions of what '<<' merged in, kept until the mapping closes: an explicit key's
        # win over them, whether written before or after the '<<'.
        self.pending: dict[DataPath, Position] | None = None
        self.saved: dict[DataPath, Position] | None = None  # restored when this frame closes
        self.seen: dict[str, Position] = {}
        self.index = 0
        self.key: Any = None
        self.pair_start = start
        self.anchor: str | None = None
        self.light: list[LightNode] | None = None
        self.into: dict[str, Any] | None = None
        self.is_key = False
        self.fast = False  # contents read inline by DocumentReader._document


class DocumentReader:
    """Reads one document's events into plain values and positions, in a single pass.

    ``expanded`` counts values as aliases expand them (a mapping's keys included), the way a
    walk over the composed graph would count; a collection's count up to its current child
    tells whether that walk would have stopped there (past the limit) before reaching an
    alias that contains itself.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.positions: dict[DataPath, Position] = {}
        # Where positions are being written: ``positions``, or, inside a merge, the pending
        # positions of the mapping it merges into (see _Frame.pending).
        self.writing = self.positions
        self.anchors: dict[str, list[Any]] = {}  # name -> [position, size or None, node]
        self.refusal: tuple[Position, str] | None = None
        self.size_refusal: tuple[Position, str] | None = None
        self.failed = False
        self.expanded = 0
        self._values: dict[str, Any] = {}
        self._keys: dict[str, Any] = {}

    def read(self, parser: Any) -> Any:
        """The data of the single document ``parser`` gives (``EMPTY`` when there is none);
        its positions are left in ``positions``. Raises ``yaml.YAMLError`` or ``LimitError``
        as the parser reads, ``ConfigError`` for what the document holds."""
        parser.get_event()  # stream start
        if isinstance(parser.peek_event(), StreamEndEvent):
            return EMPTY
        parser.get_event()  # document start
        root = _position(parser.peek_event().start_mark)
        data = self._document(parser.get_event)
        parser.get_event()  # document end
        following = parser.peek_event()
        if not isinstance(following, StreamEndEvent):
            raise ConfigError.at(
                Location(self.path, *_position(following.start_mark)),
                "more than one YAML document; a config is a single document",
                "yaml",
            )
        if self.size_refusal is None and self.expanded > MAX_NODES:
            message = f"document expands to more than {MAX_NODES:,} nodes through aliases"
            self.size_refusal = (root, message)
        for refusal in (self.size_refusal, self.refusal):
            if refusal is not None:
                raise ConfigError.at(Location(self.path, *refusal[0]), refusal[1], "yaml")
        return data

    def _refuse(self, refusal: _Refusal) -> None:
        """Keep the first refusal, to be told once the whole document has been read."""
        if self.refusal is None:
            self.refusal = (refusal.position, refusal.message)  # type: ignore[assignment]
        self.failed = True

    def _document(self, get_event: Any) -> Any:
        """The root's value. The loop reads plain scalars of a collection being built
        inline (nearly every event of a config); anything else goes through a method."""
        positions = self.positions
        setdefault = positions.setdefault
        values = self._values
        keys = self._keys
        frame = _Frame(_ROOT, _BUILD, (), 0)
        stack: list[_Frame] = []
        count = 0
        while True:
            event = get_event()
            kind = event.__class__
            if kind is SequenceEndEvent or kind is MappingEndEvent:
                done = frame
                frame = stack.pop()
                value = self._close(done, frame)
                if frame.kind is _ROOT:
                    return value
                continue
            count += 1
            if len(stack) >= MAX_DEPTH:
                raise LimitError(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
            if count > MAX_NODES:
                raise LimitError(_TOO_MANY_VALUES, event.start_mark)
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if (
                kind is ScalarEvent
                and frame.fast
                and not self.failed
                and event.anchor is None
                and event.tag is None
                and event.implicit[0]
            ):
                text = event.value
                if frame.kind is _MAPPING:
                    key = frame.key
                    if key is None:  # a key
                        frame.pair_start = self.expanded
                        self.expanded += 1
                        key = keys.get(text)
                        if key is None:
                            key = keys[text] = self._plain_key(text, position)
                        if key is _MERGE:
                            key = self._merge_key(frame.seen, position)
                        elif key.__class__ is str:
                            if key in frame.seen:
                                self._refuse(_duplicate_key(key, frame.seen[key], position))
                                key = _NO_KEY
                            else:
                                frame.seen[key] = position
                                positions[(*frame.path, key, KEY)] = position
                        frame.key = key
                        continue
                    if key.__class__ is str:
                        self.expanded += 1
                        setdefault((*frame.path, key), position)
                        value = values.get(text, _MISS)
                        if value is _MISS:
                            value = self._plain_value(text, position)
                        frame.value[key] = value
                        frame.key = None
                        continue
                elif frame.mode is _BUILD:  # an item of a sequence
                    self.expanded += 1
                    setdefault((*frame.path, frame.index), position)
                    frame.index += 1
                    value = values.get(text, _MISS)
                    if value is _MISS:
                        value = self._plain_value(text, position)
                    frame.value.append(value)
                    continue
            is_key = frame.kind is _MAPPING and frame.key is None
            if is_key:
                frame.pair_start = self.expanded
            if kind is AliasEvent:
                self._alias(event, frame, stack, is_key)
            elif kind is ScalarEvent:
                value = self._scalar_node(event, frame, position, is_key)
                if frame.kind is _ROOT:
                    return value
            else:
                stack.append(frame)
                frame = self._open(event, frame, position, is_key)

    def _close(self, done: _Frame, frame: _Frame) -> Any:
        """The end of collection ``done``, whose parent is ``frame``: its value, put in place."""
        if done.anchor is not None:
            self.anchors[done.anchor][1] = self.expanded - done.start
        if done.is_key:
            frame.key = _MERGE if done.key is _MERGE else _NO_KEY
            return None
        value = done.value
        if done.pending is not None:
            self._settle(done.pending, len(done.path), value)
        if done.saved is not None:
            self.writing = done.saved
        if done.mode is _BUILD:
            if done.merged is not None:
                value = {**done.merged, **value}
        elif done.mode is _MERGE_SOURCE:
            if not self.failed:
                merged = value if done.merged is None else {**done.merged, **value}
                for key, item in merged.items():
                    done.into.setdefault(key, item)  # type: ignore[union-attr]
            value = None
        if frame.kind is _MAPPING:
            if frame.mode is not _SKIP and frame.key.__class__ is str and not self.failed:
                frame.value[frame.key] = value
            frame.key = None
        elif frame.kind is _SEQUENCE:
            if frame.mode is _BUILD and not self.failed:
                frame.value.append(value)
            frame.index += 1
        return value

    def _settle(
        self, pending: dict[DataPath, Position], depth: int, explicit: dict[str, Any]
    ) -> None:
        """Keep the positions a merge gave a mapping for the keys it wrote no value of."""
        writing = self.writing
        for data_path, position in pending.items():
            if data_path[depth] not in explicit:
                writing.setdefault(data_path, position)

    def _merge_key(self, seen: dict[str, Position], position: Position) -> Any:
        """``_MERGE`` for the first '<<' of a mapping; a second is a duplicate key."""
        first = seen.get(_MERGE_SEEN)
        if first is not None:
            self._refuse(_duplicate_key("<<", first, position))
            return _NO_KEY
        seen[_MERGE_SEEN] = position
        return _MERGE

    def _anchor(self, event: Any) -> str | None:
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                None,
                "second occurrence",
                event.start_mark,
            )
        self.expanded += 1
        return anchor

    def _scalar_node(
        self, event: ScalarEvent, frame: _Frame, position: Position, is_key: bool
    ) -> Any:
        """Any scalar the inline path of ``_document`` does not read; its value at the root."""
        anchor = self._anchor(event)
        text = event.value
        if anchor is not None or frame.light is not None:
            node = (_SCALAR, _scalar_tag(event.tag, event.implicit, text), position, text)
            if anchor is not None:
                self.anchors[anchor] = [position, 1, node]
            if frame.light is not None:
                frame.light.append(node)
        if self.failed or frame.mode is _SKIP:
            if frame.kind is _SEQUENCE:
                frame.index += 1
            elif frame.kind is _MAPPING:
                frame.key = _NO_KEY if is_key else None
            return None
        if is_key:
            node = (_SCALAR, _scalar_tag(event.tag, event.implicit, text), position, text)
            try:
                frame.key = self._light_key(node, frame.seen, frame.path)
            except _Refusal as refusal:
                self._refuse(refusal)
                frame.key = _NO_KEY
            return None
        if frame.kind is _MAPPING:
            key = frame.key
            frame.key = None
            if key.__class__ is not str:
                if key is _MERGE:
                    self._refuse(_Refusal(position, _MERGES_ONLY_MAPPINGS))
                return None
            data_path: DataPath = (*frame.path, key)
        elif frame.kind is _SEQUENCE:
            data_path = (*frame.path, frame.index)
            frame.index += 1
            if frame.mode is _MERGE_LIST:
                self._refuse(_Refusal(position, _MERGES_ONLY_MAPPINGS))
                return None
        else:
            data_path = ()
        self.writing.setdefault(data_path, position)
        if event.tag is None and event.implicit[0]:
            value = self._plain_value(text, position)
        else:
            try:
                value = _value_of(_scalar_tag(event.tag, event.implicit, text), text, position)
            except _Refusal as refusal:
                self._refuse(refusal)
                value = None
        if frame.kind is _MAPPING:
            frame.value[key] = value
        elif frame.kind is _SEQUENCE:
            frame.value.append(value)
        return value

    def _open(self, event: Any, frame: _Frame, position: Position, is_key: bool) -> _Frame:
        """The frame of a sequence or mapping that starts here, inside ``frame``."""
        anchor = self._anchor(event)
        is_mapping = event.__class__ is MappingStartEvent
        tag = event.tag
        if tag is None or tag == "!":
            tag = _MAP_TAG if is_mapping else _SEQ_TAG
        child = _Frame(_MAPPING if is_mapping else _SEQUENCE, _SKIP, frame.path, self.expanded - 1)
        if anchor is not None or frame.light is not None:
            node = (child.kind, tag, position, [])
            child.light = node[3]
            if anchor is not None:
                child.anchor = anchor
                self.anchors[anchor] = [position, None, node]
            if frame.light is not None:
                frame.light.append(node)
        if is_key:
            child.is_key = True
            if tag == _MERGE_TAG:
                child.key = _MERGE
            elif not self.failed and frame.mode is not _SKIP:
                self._refuse(_Refusal(position, _PLAIN_KEYS_ONLY))
        elif not self.failed and frame.mode is not _SKIP:
            self._place(child, frame, tag, position)
        child.fast = (
            child.light is None
            and child.mode in (_BUILD, _MERGE_SOURCE)
            and self.writing is self.positions
        )
        return child

    def _place(self, child: _Frame, parent: _Frame, tag: str, position: Position) -> None:
        """Where a collection that is not a key goes, from its parent's state."""
        if parent.kind is _MAPPING:
            key = parent.key
            if key is _MERGE:
                if parent.merged is None:
                    parent.merged, parent.pending = {}, {}
                child.saved, self.writing = self.writing, parent.pending
                child.into = parent.merged
                child.mode = _MERGE_SOURCE if child.kind is _MAPPING else _MERGE_LIST
                child.value = {}
            elif key.__class__ is str:
                self._build(child, (*parent.path, key), tag, position)
            return
        if parent.kind is _SEQUENCE:
            if parent.mode is _MERGE_LIST:
                if child.kind is _MAPPING:
                    child.into = parent.into
                    child.mode = _MERGE_SOURCE
                    child.value = {}
                else:
                    self._refuse(_Refusal(position, _MERGES_ONLY_MAPPINGS))
                return
            self._build(child, (*parent.path, parent.index), tag, position)
            return
        self._build(child, (), tag, position)

    def _build(self, child: _Frame, data_path: DataPath, tag: str, position: Position) -> None:
        self.writing.setdefault(data_path, position)
        if tag not in _ALLOWED_TAGS:
            self._refuse(_Refusal(position, _not_allowed(tag)))
            return
        child.path = data_path
        child.mode = _BUILD
        child.value = {} if child.kind is _MAPPING else []

    def _plain_key(self, text: str, position: Position) -> Any:
        try:
            return _key_of(_implicit_tag(text), text, position)
        except _Refusal as refusal:
            self._refuse(refusal)
            return _NO_KEY

    def _plain_value(self, text: str, position: Position) -> Any:
        try:
            value = _value_of(_implicit_tag(text), text, position)
        except _Refusal as refusal:
            self._refuse(refusal)
            return None
        if value == value:  # NaN, never equal to itself, is not shared between places
            self._values[text] = value
        return value

    def _alias(self, event: AliasEvent, frame: _Frame, stack: list[_Frame], is_key: bool) -> None:
        entry = self.anchors.get(event.anchor)
        if entry is None:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark
            )
        position, size, node = entry
        if frame.light is not None:
            frame.light.append(node)
        if size is None:
            # An alias inside the node it names; a walk would meet it unless it had already
            # stopped, past the limit, in an enclosing collection.
            if self.size_refusal is None and not self._stopped(stack, frame):
                self.size_refusal = (position, "recursive alias: a node contains itself")
            self.failed = True
        else:
            self.expanded += size
            if self.expanded > MAX_NODES:
                self.failed = True  # refused at the end, without expanding anything
        if is_key:
            frame.key = _NO_KEY
        if not self.failed and frame.mode is not _SKIP:
            try:
                self._expand(node, frame, is_key, _position(event.start_mark))
            except _Refusal as refusal:
                refusal.position = refusal.position or _position(event.start_mark)
                self._refuse(refusal)
        if frame.kind is _SEQUENCE:
            frame.index += 1
        elif not is_key:
            frame.key = None

    def _expand(self, node: LightNode, frame: _Frame, is_key: bool, at: Position) -> None:
        """An alias to ``node``, written at ``at``, read inside ``frame``: as a key, a value
        or what it merges (located at the alias, where it is merged in)."""
        if is_key:
            frame.key = self._light_key(node, frame.seen, frame.path)
        elif frame.kind is _MAPPING:
            key = frame.key
            if key is _MERGE:
                if frame.merged is None:
                    frame.merged, frame.pending = {}, {}
                self._merge(frame.merged, node, frame.path, frame.pending, at)
            elif key.__class__ is str:
                frame.value[key] = self._value(node, (*frame.path, key))
        elif frame.mode is _MERGE_LIST:
            listed = (_SEQUENCE, _SEQ_TAG, (0, 0), [node])  # an item of '<<: [...]'
            self._merge(frame.into, listed, frame.path, self.writing, at)  # type: ignore[arg-type]
        else:
            frame.value.append(self._value(node, (*frame.path, frame.index)))

    def _stopped(self, stack: list[_Frame], frame: _Frame) -> bool:
        """Whether a collection still open has counted more than the limit before its
        current child (a mapping: before its current key), where the walk stops."""
        frames = [*stack[1:], frame]
        for i, open_frame in enumerate(frames):
            if open_frame.kind is _MAPPING:
                before_child = open_frame.pair_start
            elif i + 1 < len(frames):
                before_child = frames[i + 1].start
            else:
                before_child = self.expanded
            if before_child - open_frame.start > MAX_NODES:
                return True
        return False

    def _light_key(self, node: LightNode, seen: dict[str, Position], data_path: DataPath) -> Any:
        """The key ``node`` gives the mapping at ``data_path`` (``_MERGE`` for ``<<``), noted in
        ``seen`` with its position kept; ``_Refusal`` when it may not be a key there."""
        kind, tag, position, text = node
        if tag == _MERGE_TAG:
            return self._merge_key(seen, position)
        if kind is not _SCALAR:
            raise _Refusal(position, _PLAIN_KEYS_ONLY)
        key = _key_of(tag, text, position)
        if key in seen:
            raise _duplicate_key(key, seen[key], position)
        seen[key] = position
        self.writing[(*data_path, key, KEY)] = position
        return key

    # Expanding an alias: a fresh copy of its node's value, positions as at the anchor.

    def _value(self, node: LightNode, data_path: DataPath) -> Any:
        kind, tag, position, payload = node
        if len(data_path) >= MAX_DEPTH:
            # Nested past the limit only through aliases; told at the alias (see _alias).
            raise _Refusal(None, f"nesting deeper than {MAX_DEPTH} levels through aliases")
        self.writing.setdefault(data_path, position)
        if tag not in _ALLOWED_TAGS:
            raise _Refusal(position, _not_allowed(tag))
        if kind is _MAPPING:
            return self._mapping(node, data_path)
        if kind is _SEQUENCE:
            return [self._value(child, (*data_path, i)) for i, child in enumerate(payload)]
        return _value_of(tag, payload, position)

    def _mapping(self, node: LightNode, data_path: DataPath) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        explicit: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        pending: dict[DataPath, Position] = {}
        items = iter(node[3])
        for key_node, value_node in zip(items, items, strict=True):
            key = self._light_key(key_node, seen, data_path)
            if key is _MERGE:
                # '<<: *alias': the mapping it names, or each of the list of mappings it names.
                sources = value_node[3] if value_node[0] is _SEQUENCE else [value_node]
                writing, self.writing = self.writing, pending
                try:
                    for source in sources:
                        if source[0] is not _MAPPING:
                            raise _Refusal(source[2], _MERGES_ONLY_MAPPINGS)
                        for name, value in self._mapping(source, data_path).items():
                            merged.setdefault(name, value)
                finally:
                    self.writing = writing
            elif key.__class__ is str:
                explicit[key] = self._value(value_node, (*data_path, key))
        self._settle(pending, len(data_path), explicit)
        return {**merged, **explicit}

    def _merge(
        self,
        into: dict[str, Any],
        value: LightNode,
        data_path: DataPath,
        positions: dict[DataPath, Position],
        at: Position,
    ) -> None:
        """Merge what ``<<: value`` names into ``into``, as a mapping holding only that key
        would (so merging stays one Python frame a level, however long a chain of them);
        all it brings is located ``at`` the alias, in ``positions``."""
        holder = (_MAPPING, _MAP_TAG, (0, 0), [_MERGE_KEY, value])
        writing, self.writing = self.writing, {}
        try:
            items = self._mapping(holder, data_path)
        finally:
            merged, self.writing = self.writing, writing
        for key, item in items.items():
            into.setdefault(key, item)
        for merged_path in merged:
            positions.setdefault(merged_path, at)


_MERGE_KEY: LightNode = (_SCALAR, _MERGE_TAG, (0, 0), "<<")
_MERGE_SEEN = "\0<<"  # where a mapping's seen keys note its '<<', apart from a key '<<' quoted


_TOO_MANY_VALUES = f"more than {MAX_NODES:,} values (the limit of a config)"
_PLAIN_KEYS_ONLY = "a mapping key must be a plain scalar"
_MERGES_ONLY_MAPPINGS = "'<<' merges only mappings"


def _not_allowed(tag: str) -> str:
    return f"tag {tag!r} is not allowed in a config"


def _key_of(tag: str, text: str, position: Position) -> Any:
    """A scalar key's text by the core schema (``_MERGE`` for ``<<``); ``_Refusal`` else."""
    if tag == _MERGE_TAG:
        return _MERGE
    if tag not in _ALLOWED_TAGS:
        raise _Refusal(position, _PLAIN_KEYS_ONLY)
    try:
        return str(_scalar(tag, text))
    except ValueError as error:
        raise _Refusal(position, f"bad key: {error}") from None


def _value_of(tag: str, text: str, position: Position) -> Any:
    """A scalar value by the core schema (or the tag written); ``_Refusal`` when refused."""
    if tag not in _ALLOWED_TAGS:
        raise _Refusal(position, _not_allowed(tag))
    try:
        return _scalar(tag, text)
    except ValueError as error:
        raise _Refusal(position, _("bad value: {reason}").format(reason=error)) from None


def _duplicate_key(key: str, first: Position, position: Position) -> _Refusal:
    line, col = first
    return _Refusal(position, f"duplicate key {key!r} (first defined at line {line}, col {col})")


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1
