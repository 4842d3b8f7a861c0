"""Schema errors in a planner's words: what is accepted, with an example, and what was found.

Pydantic's own messages name its classes ("instance of ServiceLevel"), print regular
expressions, and give one error per member of a union, each contradicting the others. Here one
spot gets one message, in the active language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccorg.config.capacity import MONTH_PATTERN, SEASON_KEY_PATTERN
from ccorg.config.model import ID_PATTERN, TIME_WINDOW_PATTERN
from ccorg.config.shifts import CLOCK_PATTERN
from ccorg.i18n import N_, _
from ccorg.units import number

# What a field accepts, for the fields whose type is a union or a shorthand.
_FIELD_FORMS = {
    "service_hours": N_(
        "7x24 (or 7×24, 24x7, 7*24), or windows per day, e.g. "
        '{weekdays: ["08:00-20:00"], sat: ["09:00-17:00"]}'
    ),
    "service_level": N_("PERCENT/SECONDS, e.g. 80/20, or {target: 0.8, seconds: 20}"),
    "intraday": N_(
        "24 hourly weights (a list), or such a list per day: mon … sun, weekdays, weekend, daily"
    ),
}
_PATTERN_FORMS = {
    ID_PATTERN: N_("an id: a letter, then letters, digits, '_', '-' or '.', e.g. team_leader"),
    TIME_WINDOW_PATTERN: N_("a window HH:MM-HH:MM, e.g. 08:00-20:00 (the end may be 24:00)"),
    MONTH_PATTERN: N_("a month YYYY-MM of the years 1900 to 2199, e.g. 2027-05"),
    SEASON_KEY_PATTERN: N_("a month name (jan … dec) or a month YYYY-MM (1900 to 2199)"),
    CLOCK_PATTERN: N_('a clock time HH:MM from 00:00 to 23:59, quoted, e.g. "08:30"'),
}
# What a value of each type is, by pydantic's error type.
_TYPE_FORMS = {
    "dict_type": N_("a mapping (key: value)"),
    "model_type": N_("a mapping (key: value)"),
    "model_attributes_type": N_("a mapping (key: value)"),
    "list_type": N_("a list"),
    "string_type": N_("text"),
    "float_type": N_("a number"),
    "float_parsing": N_("a number"),
    "int_type": N_("a whole number"),
    "int_parsing": N_("a whole number"),
    "int_from_float": N_("a whole number"),
    "bool_type": N_("true or false"),
    "bool_parsing": N_("true or false"),
}
_BOUNDS = {
    "greater_than": ("gt", N_("must be greater than {limit}")),
    "greater_than_equal": ("ge", N_("must be at least {limit}")),
    "less_than": ("lt", N_("must be less than {limit}")),
    "less_than_equal": ("le", N_("must be at most {limit}")),
    "multiple_of": ("multiple_of", N_("must be a multiple of {limit}")),
}
# Rules on the length of text or a list, by pydantic's error type: the words and the key in
# its context of the length allowed. The length found is said, not the value (it may be long).
_LENGTHS = {
    "string_too_long": ("max_length", N_("must be at most {limit} characters; found {length}")),
    "string_too_short": ("min_length", N_("must be at least {limit} characters; found {length}")),
    "too_long": ("max_length", N_("must have at most {limit} entries; found {length}")),
    "too_short": ("min_length", N_("must have at least {limit} entries; found {length}")),
}


def is_type_error(detail: Mapping[str, Any]) -> bool:
    """Whether the error says the value is of the wrong kind (what a union's members say)."""
    return detail["type"] in _TYPE_FORMS or detail["type"] in ("literal_error", "enum")


def expected(detail: Mapping[str, Any], field: str | None) -> str:
    """What the spot accepts."""
    if field in _FIELD_FORMS:
        return _(_FIELD_FORMS[field])
    kind = detail["type"]
    if kind in ("literal_error", "enum"):
        return _("one of {choices}").format(choices=detail["ctx"]["expected"])
    if kind == "string_pattern_mismatch":
        return _(_PATTERN_FORMS.get(detail["ctx"]["pattern"], N_("text of another form")))
    return _(_TYPE_FORMS.get(kind, N_("another value")))


def found(value: Any) -> str:
    """The value as the user wrote it, or its kind when it is a collection."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _figure(value)
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return repr(str(value))


def _figure(value: float) -> str:
    """A number short enough to read: 1,000,000; 1e+300; 1e-300 (never rounded to 0);
    10000000000000000000… (an int of 300 digits has no float to shorten it to)."""
    if isinstance(value, int) and len(str(abs(value))) > 15:
        return f"{str(value)[:15]}…"
    if abs(value) >= 1e15 or 0 < abs(value) < 0.001:  # 1e-300 is not 0
        return f"{value:g}"
    return number(value, 6)


def message(details: list[Mapping[str, Any]], field: str | None) -> str:
    """One message for the errors pydantic gave at one spot (several for a union)."""
    first = details[0]
    kind = first["type"]
    if len(details) > 1 or is_type_error(first) or kind == "string_pattern_mismatch":
        return _("expected {expected}; found {found}").format(
            expected=expected(first, field), found=found(first.get("input"))
        )
    if kind in _BOUNDS:
        key, template = _BOUNDS[kind]
        limit = first["ctx"][key]
        limit = _figure(limit) if isinstance(limit, int | float) else str(limit)
        return _("{rule}; found {found}").format(
            rule=_(template).format(limit=limit), found=found(first.get("input"))
        )
    if kind in ("too_short", "string_too_short") and first["ctx"].get("min_length") == 1:
        return _("must not be empty")
    if kind in _LENGTHS:
        key, template = _LENGTHS[kind]
        value = first.get("input")
        length = first["ctx"].get("actual_length")
        if length is None:
            length = len(value) if isinstance(value, str | list | tuple | dict) else "?"
        return _(template).format(limit=_figure(first["ctx"][key]), length=length)
    if kind == "finite_number":
        return _("must be a finite number; found {found}").format(found=found(first.get("input")))
    # A rule says its `kind`, a stream its `channel`: pydantic's wording names its
    # discriminator machinery, so say what the key is for instead.
    if kind == "union_tag_invalid":
        return _("{key} {tag} is not one of {tags}").format(
            key=first["ctx"]["discriminator"].strip("'"),
            tag=repr(first["ctx"]["tag"]),
            tags=first["ctx"]["expected_tags"],
        )
    if kind == "union_tag_not_found":
        return _("needs a {key} key: which kind of entry this is").format(
            key=repr(first["ctx"]["discriminator"].strip("'"))
        )
    text = first["msg"]
    return text[0].lower() + text[1:]
