"""The one door through which YAML enters ccorg.

PyYAML's ``safe_load`` is not safe enough for a gate: it silently keeps the last of two
duplicate keys, and a 300-byte alias bomb expands to hundreds of millions of nodes as soon as
anything walks the result. So the parser's events are read here ourselves
(``ccorg.config.yaml_events``), in one pass straight to plain Python values and every
value's line and column, bounding nesting, values and what aliases expand to while reading.
libyaml scans and parses (some 50× faster than pure Python); without it, PyYAML's own parser
gives the same events, more slowly.

Measured (``benchmarks/bench_loader.py``; CPU seconds, best of 7, on a 2-core machine shared
with other work): the bank grown by 13,000 posts (1.5 MB, 196,315 values) loads in 0.41 s,
where composing PyYAML nodes and then walking them, as this loader did before, took 2.1 s in
the same runs (5.1× faster; 3.8–4.6× in wall time under load); a 10 MB flat list is refused
at the value limit in 0.3 s; ``configs/bank.yaml`` loads in 3 ms (was 17 ms).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import yaml

from ccorg.config.files import read_regular_file
from ccorg.config.ime import explain_yaml_error
from ccorg.config.yaml_events import (
    EMPTY,
    KEY,
    MAX_DEPTH,
    MAX_NODES,
    DataPath,
    DocumentReader,
    LimitError,
)
from ccorg.errors import ConfigError, Location, Problem
from ccorg.i18n import N_, _

__all__ = [
    "KEY",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "DataPath",
    "SourceMap",
    "YamlDocument",
    "load_yaml",
    "read_source",
]

MAX_BYTES = 10 * 1024 * 1024


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
                Location(path),
                _("file is larger than {size} MiB").format(size=MAX_BYTES // (1024 * 1024)),
                "io",
            )
        text = _decode(raw, path)
    else:
        text = raw
    try:
        parser = _Parser(text)
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, path, error) from None
    reader = DocumentReader(path)
    try:
        data = reader.read(parser)
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, path, error) from None
    except LimitError as error:
        raise ConfigError.at(_mark_location(path, error.mark), str(error), "yaml") from None
    except yaml.MarkedYAMLError as error:
        # libyaml refuses flow nesting past 1,000 levels while scanning ahead, before the
        # reader counts to its bound: the same mistake, told the same way.
        message = _yaml_message(error)
        if "exceeded maximum nesting depth" in message:
            message = _("nesting deeper than {depth} levels").format(depth=MAX_DEPTH)
        location = _mark_location(path, error.problem_mark)
        slip = explain_yaml_error(text, path, location.line)
        raise ConfigError([slip or Problem(location, message, "yaml")]) from None
    except yaml.YAMLError as error:
        message = _("invalid YAML: {problem}").format(problem=error)
        raise ConfigError.at(Location(path), message, "yaml") from None
    finally:
        parser.dispose()
    if data is EMPTY:
        return YamlDocument(None, SourceMap(path, {}))
    return YamlDocument(data, SourceMap(path, reader.positions), text)


def _decode(raw: bytes, path: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise ConfigError.at(
            Location(path, line, col),
            _("not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8").format(
                byte=raw[error.start]
            ),
            "encoding",
        ) from None
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        message = _("binary content (NUL byte)")
        raise ConfigError.at(Location(path, line, 1), message, "encoding")
    return text


class _PurePythonParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's own reader, scanner and parser, where it was built without libyaml."""

    def __init__(self, text: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser as _LibyamlParser

# libyaml's scanner and parser in C where PyYAML has them; the tests force the other too.
_Parser: Any = _LibyamlParser if yaml.__with_libyaml__ else _PurePythonParser


def _mark_location(path: str, mark: yaml.Mark | None) -> Location:
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def _reader_error(text: str, path: str, error: yaml.reader.ReaderError) -> ConfigError:
    # libyaml counts the offset of a refused character in UTF-8 bytes, PyYAML in characters.
    before = (
        text[: error.position]
        if _Parser is _PurePythonParser
        else text.encode("utf-8")[: error.position].decode("utf-8", "ignore")
    )
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    return ConfigError.at(
        Location(path, line, col),
        _("character U+{code:04X} is not allowed in YAML").format(code=error.character),
        "encoding",
    )


def _yaml_message(error: yaml.MarkedYAMLError) -> str:
    parts = [error.context, error.problem]
    # libyaml's own words say what it found; the frame around them is ours.
    return _("invalid YAML: {problem}").format(problem=", ".join(p for p in parts if p))
