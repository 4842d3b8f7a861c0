"""From a YAML document to a typed, cross-checked Config, with every problem located."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ccorg.config.loader import DataPath, SourceMap, YamlDocument
from ccorg.config.references import check_references
from ccorg.config.schema import Config
from ccorg.errors import ConfigError, Problem


def validate(document: YamlDocument) -> Config:
    """Validate a document against the schema and its cross-references; raise ConfigError."""
    source_map = document.source_map
    if not isinstance(document.data, dict):
        found = _KIND_OF_DOCUMENT.get(type(document.data), type(document.data).__name__)
        raise ConfigError.at(
            source_map.locate(()),
            f"a config is a mapping with 'center', 'grades' and 'departments'; found {found}",
            "schema",
        )
    try:
        config = Config.model_validate(document.data)
    except ValidationError as error:
        raise ConfigError(
            schema_problem(detail, document.data, source_map) for detail in error.errors()
        ) from None
    problems = check_references(config, source_map)
    if problems:
        raise ConfigError(problems)
    return config


# What a document that is not a mapping holds, in the user's words.
_KIND_OF_DOCUMENT = {
    type(None): "no content (the file is empty or only comments)",
    list: "a list",
    str: "a single string",
    int: "a single number",
    float: "a single number",
    bool: "a single true/false",
}


def schema_problem(detail: Any, data: Any, source_map: SourceMap) -> Problem:
    """Turn one pydantic error into a located problem."""
    data_path = data_path_of(detail["loc"], data)
    kind = detail["type"]
    message = detail["msg"]
    if kind == "unknown_key":
        key = detail["ctx"]["key"]
        return Problem(
            source_map.locate_key((*data_path, key)), f"{_dotted(data_path)}: {message}", "schema"
        )
    if kind == "missing":
        message = f"missing required key {detail['loc'][-1]!r}"
        return Problem(source_map.locate(data_path), f"{_dotted(data_path)}: {message}", "schema")
    message = message[0].lower() + message[1:]
    return Problem(source_map.locate(data_path), f"{_dotted(data_path)}: {message}", "schema")


def data_path_of(loc: tuple[Any, ...], data: Any) -> DataPath:
    """The path in the data that a pydantic ``loc`` points at.

    Pydantic inserts the tag of a discriminated union (``rule.ratio.per``) and the names of
    validators; those segments do not exist in the data and are skipped. A missing key ends
    the path at its parent.
    """
    path: list[str | int] = []
    node = data
    for segment in loc:
        if (isinstance(node, dict) and segment in node) or (
            isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node)
        ):
            node = node[segment]
            path.append(segment)
    return tuple(path)


def _dotted(data_path: DataPath) -> str:
    text = ""
    for segment in data_path:
        text += f"[{segment}]" if isinstance(segment, int) else f".{segment}"
    return text.lstrip(".") or "config"
