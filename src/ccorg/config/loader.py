"""The one door through which YAML enters ccorg.

PyYAML's ``safe_load`` is not safe enough for a gate: it silently keeps the last of two
duplicate keys, and a 300-byte alias bomb expands to hundreds of millions of nodes as soon as
anything walks the result. So we compose the node graph ourselves, bound what it may expand to,
and build plain Python values from it while recording every node's line and column.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import BaseResolver

from ccorg.config.files import read_regular_file
from ccorg.config.ime import explain_yaml_error
from ccorg.errors import ConfigError, Location, Problem
from ccorg.i18n import N_

MAX_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 200_000

# Only the plain JSON-like core of YAML; anything else (``!!python/object``, ``!!binary``,
# custom tags) is refused rather than guessed at.
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _CoreResolver(BaseResolver):
    """Plain scalars read by the YAML 1.2 core schema, not PyYAML's YAML 1.1.

    YAML 1.1 reads ``per: 1:12`` as 72 (base 60), ``count: 017`` as 15 (octal), ``0x64`` as
    100, ``no`` as false and ``2025-01-01`` as a date. Here only ``true``/``false``, ``null``
    (or ``~``, or nothing), decimal integers and decimal floats are anything but text; the rest
    stays the string the user wrote, for the schema to refuse with its location. A leading
    zero (``017``) is text too: octal to YAML 1.1, seventeen to YAML 1.2, ambiguous to a reader.
    """


_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
_CoreResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9]+[eE][-+]?[0-9]+
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)
_CoreResolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])

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
            raise ValueError(f"{text!r} is not a decimal integer")
        if len(text) > _MAX_DIGITS:
            raise ValueError(f"a number of {len(text):,} digits, past any bound of the format")
        return int(text)
    if tag == "tag:yaml.org,2002:float":
        unsigned = text.lstrip("+-")
        if unsigned in _INFINITY:
            return float("-inf") if text.startswith("-") else float("inf")
        if unsigned.lower() == ".nan":
            return float("nan")
        if not re.fullmatch(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", text):
            raise ValueError(f"{text!r} is not a decimal number")
        return float(text)
    if tag == "tag:yaml.org,2002:bool":
        if text not in _TRUE | _FALSE:
            raise ValueError(f"{text!r} is not true or false")
        return text in _TRUE
    if text not in _NULL:
        raise ValueError(f"{text!r} is not null")
    return None


DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class SourceMap:
    """Where every node of a document stands: data path -> (line, col), both 1-based."""

    path: str
    positions: dict[DataPath, tuple[int, int]]

    def locate(self, data_path: DataPath) -> Location:
        """The location of ``data_path``, or of its nearest ancestor that exists in the file.

        A missing key thus points at the mapping that should have held it.
        """
        for end in range(len(data_path), -1, -1):
            found = self.positions.get(tuple(data_path[:end]))
            if found is not None:
                return Location(self.path, *found)
        return Location(self.path)

    def locate_key(self, data_path: DataPath) -> Location:
        """The location of a mapping key itself, falling back to its value's."""
        found = self.positions.get((*data_path, KEY))
        return Location(self.path, *found) if found else self.locate(data_path)


# A marker path segment: positions of mapping keys are kept under (*path, key, KEY).
KEY = "\0key"


@dataclass(frozen=True)
class YamlDocument:
    """Plain data (dicts, lists, scalars) from one YAML document, with its source map."""

    data: Any
    source_map: SourceMap
    text: str = ""
    """The document's text, where errors look for what a Chinese input method slipped in."""


def read_source(path: str) -> tuple[bytes, str]:
    """Read a config's bytes from a regular file, or from standard input for ``-``.

    A FIFO, device or socket is refused before anything reads from it.
    """
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>"
    return read_regular_file(path, MAX_BYTES, N_("config file")), path


def load_yaml(raw: bytes | str, path: str) -> YamlDocument:
    """Parse one YAML document safely, refusing anything a config has no business containing."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise ConfigError.at(
                Location(path), f"file is larger than {MAX_BYTES // (1024 * 1024)} MiB", "io"
            )
        text = _decode(raw, path)
    else:
        text = raw
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, path, error) from None
    try:
        node = _single_node(loader, path)
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, path, error) from None
    except _DepthError as error:
        raise ConfigError.at(_mark_location(path, error.mark), str(error), "yaml") from None
    except yaml.MarkedYAMLError as error:
        # libyaml refuses flow nesting past 1,000 levels while scanning ahead, before our
        # composer counts to its bound: the same mistake, told the same way.
        message = _yaml_message(error)
        if "exceeded maximum nesting depth" in message:
            message = f"nesting deeper than {MAX_DEPTH} levels"
        location = _mark_location(path, error.problem_mark)
        slip = explain_yaml_error(text, path, location.line)
        raise ConfigError([slip or Problem(location, message, "yaml")]) from None
    except yaml.YAMLError as error:
        raise ConfigError.at(Location(path), f"invalid YAML: {error}", "yaml") from None
    finally:
        loader.dispose()
    if node is None:
        return YamlDocument(None, SourceMap(path, {}))
    builder = _Builder(path, loader)
    data = builder.build(node, ())
    return YamlDocument(data, SourceMap(path, builder.positions), text)


def _decode(raw: bytes, path: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ConfigError.at(
            Location(path, line, col),
            f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            "encoding",
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        raise ConfigError.at(Location(path, line, 1), "binary content (NUL byte)", "encoding")
    return text


def _single_node(loader: _BoundedLoader, path: str) -> yaml.Node | None:
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None
    node = loader.compose_document()
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.peek_event()
        raise ConfigError.at(
            _mark_location(path, event.start_mark),
            "more than one YAML document; a config is a single document",
            "yaml",
        )
    return node


class _DepthError(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__(f"nesting deeper than {MAX_DEPTH} levels")
        self.mark = mark


class _SizeError(_DepthError):
    def __init__(self, mark: yaml.Mark) -> None:
        Exception.__init__(self, f"more than {MAX_NODES:,} values (the limit of a config)")
        self.mark = mark


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser

    class _SafeLoader(CParser, _CoreResolver):  # type: ignore[misc]
        """libyaml scans and parses (some 50× faster than pure Python); we compose in Python.

        CParser composes nodes in C, where no depth bound can reach, so the node-building
        steps are taken from PyYAML's pure-Python Composer.
        """

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _CoreResolver.__init__(self)
            self.anchors: dict[str, yaml.Node] = {}

        compose_document = Composer.compose_document
        compose_node = Composer.compose_node
        compose_scalar_node = Composer.compose_scalar_node
        compose_sequence_node = Composer.compose_sequence_node
        compose_mapping_node = Composer.compose_mapping_node

else:  # pragma: no cover - PyYAML built without libyaml

    class _SafeLoader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        Composer,
        _CoreResolver,
    ):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            Composer.__init__(self)
            _CoreResolver.__init__(self)


class _BoundedLoader(_SafeLoader):
    """A safe loader whose composer refuses absurd nesting before Python's stack gives out."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node:
        self._depth += 1
        # Counted as they are composed, so a flat list of millions is refused after the
        # limit's worth of them, not after all of them (aliases are counted by the builder).
        self._nodes += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _DepthError(self.peek_event().start_mark)
            if self._nodes > MAX_NODES:
                raise _SizeError(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Builder:
    """Turns a composed node graph into plain values, checking it as it goes."""

    def __init__(self, path: str, loader: _BoundedLoader) -> None:
        self.path = path
        self.loader = loader
        self.positions: dict[DataPath, tuple[int, int]] = {}
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def build(self, root: yaml.Node, data_path: DataPath) -> Any:
        # Measure the fully expanded size on the graph first (memoized per node), so an alias
        # bomb is refused without ever being walked.
        size = self._size(root, set())
        if size > MAX_NODES:
            raise self._error(
                root, f"document expands to more than {MAX_NODES:,} nodes through aliases", "yaml"
            )
        return self._value(root, data_path)

    def _size(self, node: yaml.Node, active: set[int]) -> int:
        key = id(node)
        if key in self._sizes:
            return self._sizes[key]
        if key in active:
            raise self._error(node, "recursive alias: a node contains itself", "yaml")
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += self._size(child, active)
                if total > MAX_NODES:
                    break
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += self._size(key_node, active) + self._size(value_node, active)
                if total > MAX_NODES:
                    break
        active.discard(key)
        self._sizes[key] = total
        return total

    def _value(self, node: yaml.Node, data_path: DataPath) -> Any:
        self.positions.setdefault(data_path, _position(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self._error(node, f"tag {node.tag!r} is not allowed in a config", "yaml")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, data_path)
        if isinstance(node, yaml.SequenceNode):
            return [self._value(child, (*data_path, i)) for i, child in enumerate(node.value)]
        try:
            return _scalar(node.tag, node.value)
        except ValueError as error:
            raise self._error(node, f"bad value: {error}", "yaml") from None

    def _mapping(self, node: yaml.MappingNode, data_path: DataPath) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        explicit: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                for source in _merge_sources(value_node):
                    if not isinstance(source, yaml.MappingNode):
                        raise self._error(source, "'<<' merges only mappings", "yaml")
                    for key, value in self._mapping(source, data_path).items():
                        merged.setdefault(key, value)
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                raise self._error(key_node, "a mapping key must be a plain scalar", "yaml")
            try:
                key = str(_scalar(key_node.tag, key_node.value))
            except ValueError as error:
                raise self._error(key_node, f"bad key: {error}", "yaml") from None
            if key in seen:
                first = _position(seen[key])
                raise self._error(
                    key_node,
                    f"duplicate key {key!r} (first defined at line {first[0]}, col {first[1]})",
                    "yaml",
                )
            seen[key] = key_node
            self.positions[(*data_path, key, KEY)] = _position(key_node)
            explicit[key] = self._value(value_node, (*data_path, key))
        return {**merged, **explicit}

    def _error(self, node: yaml.Node, message: str, code: str) -> ConfigError:
        return ConfigError.at(Location(self.path, *_position(node)), message, code)


def _merge_sources(node: yaml.Node) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else [node]


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _mark_location(path: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _reader_error(text: str, path: str, error: yaml.reader.ReaderError) -> ConfigError:
    # libyaml counts the offset of a refused character in UTF-8 bytes, PyYAML in characters.
    before = (
        text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
        if yaml.__with_libyaml__
        else text[: error.position]
    )
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    return ConfigError.at(
        Location(path, line, col),
        f"character U+{error.character:04X} is not allowed in YAML",
        "encoding",
    )


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context, error.problem]
    return "invalid YAML: " + ", ".join(p for p in parts if p)
