"""From a YAML document to a typed, cross-checked Config, with every problem located."""

from __future__ import annotations

import contextlib
import math
import re
from typing import Any

from pydantic import ValidationError

from ccorg.config.counts import count_problems
from ccorg.config.ime import explain_problems
from ccorg.config.loader import DataPath, SourceMap, YamlDocument
from ccorg.config.messages import is_type_error, message
from ccorg.config.references import check_references
from ccorg.config.reuse import reusing
from ccorg.config.schema import Config
from ccorg.errors import ConfigError, Problem, excerpt
from ccorg.i18n import N_, _, adopt_config_language, ngettext


def validate(document: YamlDocument, base: tuple[Any, Config] | None = None) -> Config:
    """Validate a document against the schema and its cross-references; raise ConfigError.

    ``base``: the data of another document and the Config validated from it, whose parts
    this document shares (a scenario's overlay shares all it leaves alone): those parts are
    taken as validated, so the cost follows what differs.
    """
    source_map = document.source_map
    if isinstance(document.data, dict) and isinstance(document.data.get("center"), dict):
        # The config's own language applies to its errors too, not only to its plan.
        adopt_config_language(document.data["center"].get("language"))
    if not isinstance(document.data, dict):
        found = _KIND_OF_DOCUMENT.get(type(document.data), type(document.data).__name__)
        raise ConfigError.at(
            source_map.locate(()),
            _(
                "a config is a mapping with 'center', 'grades' and 'departments'; found {found}"
            ).format(found=_(found)),
            "schema",
        )
    counted = count_problems(document.data, source_map)
    if counted:
        raise ConfigError(counted)
    try:
        data = document.data if base is None else reusing(document.data, *base)
        config = Config.model_validate(data)
    except ValidationError as error:
        problems = schema_problems(error.errors(), document.data, source_map)
        raise ConfigError(explain_problems(shown(problems), document.text)) from None
    if base is not None:
        config.share_located_posts(base[1])
    problems = check_references(config, source_map, None if base is None else base[1])
    if problems:
        raise ConfigError(shown(problems))
    return config


MAX_PROBLEMS = 100
"""The problems told of one config; past them, how many more there are."""


def shown(problems: list[Problem]) -> list[Problem]:
    """The first ``MAX_PROBLEMS`` problems, then one saying how many more were found."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = len(problems) - MAX_PROBLEMS
    # At the last one shown, so that a view sorting problems by place keeps it last.
    last = problems[MAX_PROBLEMS - 1].location
    message = ngettext(
        "… and {count} more problem (the first {limit} are shown)",
        "… and {count} more problems (the first {limit} are shown)",
        more,
    ).format(count=f"{more:,}", limit=MAX_PROBLEMS)
    return [*problems[:MAX_PROBLEMS], Problem(last, message, "limit")]


# What a document that is not a mapping holds, in the user's words.
_KIND_OF_DOCUMENT = {
    type(None): N_("no content (the file is empty or only comments)"),
    list: N_("a list"),
    str: N_("a single string"),
    int: N_("a single number"),
    float: N_("a single number"),
    bool: N_("a single true/false"),
}


def schema_problems(details: list[Any], data: Any, source_map: SourceMap) -> list[Problem]:
    """Pydantic's errors as located problems, one per spot: the type errors of a union's
    members at the same spot become one message."""
    at_spot: dict[DataPath, list[Any]] = {}
    for detail in details:
        at_spot.setdefault(data_path_of(detail["loc"], data), []).append(detail)
    # Every spot with an error deeper inside it (a set: a config may hold 200,000 errors).
    enclosing = {spot[:end] for spot in at_spot for end in range(len(spot))}
    problems = []
    for data_path, group in at_spot.items():
        if data_path in enclosing:
            # One member of a union got further (a mapping whose window is wrong): the others'
            # "expected a ..." at this spot would contradict the error inside it.
            group = [detail for detail in group if not is_type_error(detail)]
        union = [detail for detail in group if is_type_error(detail)]
        if len(union) > 1:
            problems.append(_problem(union, data_path, source_map))
            group = [detail for detail in group if not is_type_error(detail)]
        problems.extend(_problem([detail], data_path, source_map) for detail in group)
    return problems


def _problem(details: list[Any], data_path: DataPath, source_map: SourceMap) -> Problem:
    first = details[0]
    kind = first["type"]
    where = _dotted(data_path)
    if kind == "unknown_key":
        key = first["ctx"]["key"]
        location = source_map.locate_key((*data_path, key))
        return Problem(location, f"{where}: {first['msg']}", "schema")
    if kind == "missing":
        text = _("missing required key {key!r}").format(key=first["loc"][-1])
        return Problem(source_map.locate(data_path), f"{where}: {text}", "schema")
    if len(details) == 1 and kind in _EXPECTED:
        text = _expected(_EXPECTED[kind], first["input"], first["loc"][-1])
    else:
        field = next((s for s in reversed(data_path) if isinstance(s, str)), None)
        text = message(details, field)
    return Problem(source_map.locate(data_path), f"{where}: {text}", "schema")


# Pydantic's (strict) type errors, in the words of the config: numbers and switches are never
# read from text, so `per: 1:12` (text by YAML 1.2) is refused, not guessed at.
_EXPECTED = {
    "int_type": N_("a whole number"),
    "float_type": N_("a number"),
    "bool_type": N_("true or false"),
}


def _expected(wanted: str, found: Any, key: Any) -> str:
    switch = wanted == _EXPECTED["bool_type"]
    wanted = _(wanted)
    if isinstance(found, str):
        hint = _switch_hint(found, key) if switch else _number_hint(found, key)
        return _("expected {wanted}, found the text {text}{hint}").format(
            wanted=wanted, text=excerpt(found), hint=hint
        )
    if isinstance(found, float) and not math.isfinite(found):
        return _("expected {wanted}, found {found} (not a finite number)").format(
            wanted=wanted, found=found
        )
    if isinstance(found, bool | int | float):
        shown = str(found).lower()
    else:
        kinds = {dict: N_("a mapping"), list: N_("a list"), type(None): N_("nothing (null)")}
        kind = kinds.get(type(found))
        shown = _(kind) if kind else type(found).__name__
    return _("expected {wanted}, found {found}").format(wanted=wanted, found=shown)


def _switch_hint(text: str, key: Any) -> str:
    meant = {"yes": "true", "on": "true", "y": "true", "no": "false", "off": "false", "n": "false"}
    word = meant.get(text.strip().lower())
    if word and isinstance(key, str):
        return _("; write '{key}: {word}'").format(key=key, word=word)
    return ""


def _number_hint(text: str, key: Any) -> str:
    """What the user probably meant by text that YAML 1.1 would have read as a number."""
    written = text.strip()
    key = key if isinstance(key, str) else "value"
    if re.fullmatch(r"\d+:\d+", written):
        left, right = (int(part) for part in written.split(":"))
        if key != "per":  # a ratio is what only a ratio rule's `per` means by it
            return _("; write one number for '{key}'").format(key=key)
        if left == 1:
            return _("; for one per {right}, write '{key}: {right}'").format(key=key, right=right)
        return _("; write one number, e.g. '{key}: {value}'").format(
            key=key, value=f"{right / max(left, 1):g}"
        )
    if re.fullmatch(r"[-+]?0\d+", written):
        return _("; did you mean '{key}: {value}'? (a leading 0 is not read as octal)").format(
            key=key, value=int(written)
        )
    for prefix, base in (("0x", 16), ("0o", 8), ("0b", 2)):
        if written.lower().startswith(prefix):
            with contextlib.suppress(ValueError):
                value = int(written[2:], base)
                return _("; write it in decimal: '{key}: {value}'").format(key=key, value=value)
    if "_" in written and written.replace("_", "").isdigit():
        return _("; write it without '_': '{key}: {value}'").format(
            key=key, value=written.replace("_", "")
        )
    if re.fullmatch(r"[-+]?\d+(\.\d*)?([eE][-+]?\d+)?", written):
        return _("; write it without quotes")
    return ""


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
