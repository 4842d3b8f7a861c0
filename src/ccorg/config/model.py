"""What every config model shares: strict settings, ids, names, times and the bounds of numbers."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from ccorg.i18n import _

ID_PATTERN = r"^[^\W\d][\w.-]*$"
Id = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        pattern=ID_PATTERN,
        description="An identifier: a letter, then letters, digits, '_', '-' or '.'.",
    ),
]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)  # Monday first, as every week array is
# Bounds that keep every derived number finite: a post of more than a million people or a
# head costing more than a trillion a year is a typo, and past them sums overflow a float.
MAX_PEOPLE = 1_000_000
MAX_ANNUAL_COST = 1e12

TIME_WINDOW_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$"
TimeWindow = Annotated[
    str,
    Field(
        pattern=TIME_WINDOW_PATTERN,
        description="A daily opening window, 'HH:MM-HH:MM' (end may be 24:00).",
    ),
]


class Model(BaseModel):
    """Common settings: unknown keys refused (with a suggestion), no NaN or infinity."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True, strict=True
    )

    @model_validator(mode="before")
    @classmethod
    def _refuse_unknown_keys(cls, data: Any) -> Any:
        # Pydantic's own extra="forbid" error names the key but cannot suggest the right one.
        if isinstance(data, dict):
            allowed, known = _keys_of(cls)
            if known.issuperset(data):
                return data
            for key in data:
                if key not in known:
                    close = difflib.get_close_matches(str(key), allowed, n=1)
                    if close:
                        text = _("unknown key {key!r}; did you mean {close!r}?").format(
                            key=str(key), close=close[0]
                        )
                    else:
                        text = _("unknown key {key!r}; expected one of {keys}").format(
                            key=str(key), keys=", ".join(allowed)
                        )
                    raise PydanticCustomError("unknown_key", text, {"key": key})
        return data


@functools.cache
def _keys_of(model: type[BaseModel]) -> tuple[list[str], frozenset[str]]:
    """The keys a model reads: in the order its fields are declared (the order hints list
    them in), and as a set for the look-ups of every key of every mapping validated."""
    keys = [field.alias or name for name, field in model.model_fields.items()]
    return keys, frozenset(keys)


M = TypeVar("M", bound=Model)


def defaults(model: type[M]) -> Callable[[], M]:
    """A ``default_factory``: ``model`` with every field at its default.

    Pydantic does not validate defaults, so ``model_construct()`` gives what validating
    ``{}`` would, without building the class's own validator (``defer_build``) just for that.
    """
    return lambda: model.model_construct()
