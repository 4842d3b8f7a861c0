"""The inputs of the Erlang calculator, declared once.

Each input is a field of ``Interval``, a column of a ``--forecast`` CSV (unless ``batch`` is
false), a command-line option of ``ccorg erlang`` and an argument of the queueing engine; its
range is checked with one wording wherever it comes from. The command line, the CSV columns,
the range checks and the JSON ``inputs`` are all derived from ``INPUTS``.

Light on purpose (no numpy): the command line is built from it at every start-up.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, make_dataclass
from typing import Any, Literal

from ccorg.errors import UsageError
from ccorg.i18n import N_, _
from ccorg.limits import (
    MAX_CONTACTS_A_DAY,
    MAX_INTERVAL_SECONDS,
    MAX_SECONDS,
    MIN_INTERVAL_SECONDS,
    MIN_SECONDS,
)


@dataclass(frozen=True)
class Bound:
    """The valid values of an input, and how a message names them (``a share in (0, 1]``)."""

    low: float
    low_open: bool = False
    high: float | None = None
    high_open: bool = False
    noun: str = N_("a number")  # marked for the catalog, translated when a message names it
    example: str = ""

    @property
    def wanted(self) -> str:
        """The valid values in the reader's language: ``a share in (0, 1], e.g. 0.8``."""
        noun = _(self.noun)
        if self.high is None:
            template = _("{noun} > {low}") if self.low_open else _("{noun} ≥ {low}")
            wanted = template.format(noun=noun, low=_shown(self.low))
        else:
            left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
            interval = f"{left}{_shown(self.low)}, {_shown(self.high)}{right}"
            wanted = _("{noun} in {interval}").format(noun=noun, interval=interval)
        if not self.example:
            return wanted
        return _("{wanted}, e.g. {example}").format(wanted=wanted, example=self.example)

    def within(self, value: Any) -> Any:
        """Whether ``value`` (a float or a numpy array) is in range; NaN never is."""
        above = value > self.low if self.low_open else value >= self.low
        if self.high is None:
            return above
        return above & (value < self.high if self.high_open else value <= self.high)

    def accepts(self, value: float) -> bool:
        return math.isfinite(value) and bool(self.within(value))


def _shown(bound: float) -> str:
    return f"{bound:,.0f}" if float(bound).is_integer() else f"{bound:g}"


SECONDS = N_("a number of seconds")
SHARE = N_("a share")


@dataclass(frozen=True)
class ErlangInput:
    """One input: its name (the ``Interval`` field, the CSV column and the engine's argument),
    its valid range, and the command-line option that gives it.

    ``engine`` says which engine calls take it: ``queue`` inputs describe the queue (both
    ``metrics_at`` and ``required_agents``), ``target`` inputs only the search for agents;
    None, the calculator's own (shrinkage turns agents into positions).
    """

    name: str
    bound: Bound
    flag: str
    help: str
    metavar: str = "NUMBER"  # what the option's value is, in its help
    required: bool = False
    batch: bool = True
    engine: Literal["queue", "target"] | None = "queue"
    needs: tuple[str, str] | None = None  # (another input, why) that must be given with it


INPUTS: tuple[ErlangInput, ...] = (
    ErlangInput(
        "calls", Bound(0, high=MAX_CONTACTS_A_DAY), "--calls", "Calls offered.", required=True
    ),
    ErlangInput(
        "interval_seconds",
        Bound(MIN_INTERVAL_SECONDS, high=MAX_INTERVAL_SECONDS, noun=SECONDS),
        "--interval",
        "Interval length with its unit: 15m, 30m, 1h, 900s.",
        metavar="LENGTH",
        required=True,
    ),
    ErlangInput(
        "aht_seconds",
        Bound(MIN_SECONDS, high=MAX_SECONDS, noun=SECONDS),
        "--aht",
        "Average handle time.",
        metavar="SECONDS",
        required=True,
    ),
    ErlangInput(
        "sl_target",
        Bound(0, low_open=True, high=1, noun=SHARE, example="0.8"),
        "--target",
        "Service level, e.g. 80/20: 80% answered within 20 seconds.",
        metavar="PERCENT/SECONDS",
        required=True,
        engine="target",
    ),
    ErlangInput(
        "sl_seconds", Bound(0, high=MAX_SECONDS, noun=SECONDS), "--target", "", required=True
    ),
    ErlangInput(
        "max_occupancy",
        Bound(0, high=1, noun=SHARE, example="0.85"),
        "--max-occupancy",
        "Occupancy cap, e.g. 0.85; with --patience, of the calls answered (carried load).",
        metavar="SHARE",
        engine="target",
    ),
    ErlangInput(
        "asa_target_seconds",
        Bound(0, low_open=True, high=MAX_SECONDS, noun=SECONDS),
        "--asa",
        "Average speed of answer, at most.",
        metavar="SECONDS",
        engine="target",
    ),
    ErlangInput(
        "patience_seconds",
        Bound(MIN_SECONDS, noun=SECONDS),
        "--patience",
        "Mean patience: Erlang A, abandonment.",
        metavar="SECONDS",
    ),
    ErlangInput(
        "max_abandon_rate",
        Bound(0, high=1, noun=SHARE),
        "--max-abandon",
        "Abandonment cap (needs --patience).",
        metavar="SHARE",
        engine="target",
        needs=("patience_seconds", N_("abandonment is Erlang A")),
    ),
    ErlangInput(
        "short_abandon_seconds",
        Bound(0, noun=SECONDS),
        "--short-abandon",
        "Calls abandoned within it are left out of the service level (--sl-of "
        "excluding-short-abandons).",
        metavar="SECONDS",
    ),
    ErlangInput(
        "shrinkage",
        Bound(0, high=1, high_open=True, noun=SHARE),
        "--shrinkage",
        "Also show positions after it, e.g. 0.3.",
        metavar="SHARE",
        batch=False,
        engine=None,
    ),
)
INPUT = {item.name: item for item in INPUTS}
# The batch's columns: those every row needs, and those it may leave empty.
REQUIRED_COLUMNS = tuple(item.name for item in INPUTS if item.batch and item.required)
OPTIONAL_COLUMNS = tuple(item.name for item in INPUTS if item.batch and not item.required)


#: ``--sl-of`` (and the batch's ``sl_definition`` column): what the service level is a share
#: of, by the word on the command line → the engine's definition (``queueing.SL_DEFINITIONS``).
SL_OF = {
    "offered": "offered",
    "answered": "answered",
    "excluding-short-abandons": "excluding_short_abandons",
}
SL_OF_HELP = (
    "What the service level is a share of: offered (default: abandoned calls are misses), "
    "answered, or excluding-short-abandons (needs --short-abandon)."
)


def service_level_definition(word: str | None, short_abandon_seconds: float | None) -> str:
    """The definition that ``--sl-of WORD`` names (a short-abandon threshold implies its
    own), or a usage error when the two disagree."""
    if word is None:
        return "offered" if short_abandon_seconds is None else "excluding_short_abandons"
    definition = SL_OF.get(word.strip().replace("_", "-"))
    if definition is None:
        raise UsageError(
            _("--sl-of {word}: give one of {choices}").format(
                word=repr(word), choices=", ".join(SL_OF)
            )
        )
    if definition == "excluding_short_abandons" and short_abandon_seconds is None:
        raise UsageError(_("--sl-of excluding-short-abandons needs --short-abandon SECONDS"))
    if definition != "excluding_short_abandons" and short_abandon_seconds is not None:
        raise UsageError(
            _("--short-abandon goes with --sl-of excluding-short-abandons, not {word}").format(
                word=word
            )
        )
    return definition


def _model(self: Any) -> str:
    return "erlang_c" if self.patience_seconds is None else "erlang_a"


def _load_erlangs(self: Any) -> float:
    return float(self.calls * self.aht_seconds / self.interval_seconds)


Interval = make_dataclass(
    "Interval",
    [
        *(
            (item.name, float) if item.required else (item.name, float | None, None)
            for item in INPUTS
        ),
        ("service_level_definition", str, "offered"),
    ],
    frozen=True,
    namespace={
        "__doc__": "One interval's inputs and targets: a field for each of ``INPUTS``.",
        "model": property(_model),
        "load_erlangs": property(_load_erlangs),
    },
)
Interval.__module__ = __name__


def engine_arguments(interval: Any, *roles: str) -> dict[str, Any]:
    """The interval's inputs that the engine takes in these roles, by argument name; those not
    given are left out, so the engine's own defaults apply. The service-level definition goes
    with the queue."""
    values = {item.name: getattr(interval, item.name) for item in INPUTS if item.engine in roles}
    found: dict[str, Any] = {name: value for name, value in values.items() if value is not None}
    if "queue" in roles:
        found["service_level_definition"] = interval.service_level_definition
    return found


# ---------------------------------------------------------------------------------------------
# The command line: one option per flag, in the order of INPUTS.

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)\s*$")
_TARGET = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$")


def parse_interval(text: str) -> tuple[float]:
    """``30m``, ``1h``, ``900s`` → seconds."""
    found = _INTERVAL.match(text)
    if not found or float(found.group(1)) <= 0:
        raise UsageError(
            _("--interval {text}: give a length with its unit, e.g. 30m, 1h, 900s").format(
                text=repr(text)
            )
        )
    value, unit = float(found.group(1)), found.group(2)
    return (value * {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}[unit],)


def parse_target(text: str) -> tuple[float, float]:
    """``80/20`` (80% answered within 20 s) → (0.8, 20.0)."""
    found = _TARGET.match(text)
    if not found:
        raise UsageError(
            _("--target {text}: give PERCENT/SECONDS, e.g. 80/20").format(text=repr(text))
        )
    percent, seconds = float(found.group(1)), float(found.group(2))
    if not 0 < percent <= 100:
        raise UsageError(
            _("--target {text}: the percentage must be in (0, 100]").format(text=repr(text))
        )
    if percent < 1 and "%" not in text:
        raise UsageError(
            _(
                "--target {text}: the share is written as a percentage: 80/20 for 80%; "
                "write {percent:g}%/{seconds:g} if you mean {percent:g}%"
            ).format(text=repr(text), percent=percent, seconds=seconds)
        )
    return percent / 100, seconds


# Options read from text with their units; every other option is its input's number.
_READERS: dict[str, Callable[[str], tuple[float, ...]]] = {
    "--interval": parse_interval,
    "--target": parse_target,
}


@dataclass(frozen=True)
class Option:
    """A command-line option of ``ccorg erlang`` and the inputs it sets."""

    flag: str
    metavar: str
    help: str
    inputs: tuple[ErlangInput, ...]

    @property
    def parameter(self) -> str:
        """Its name as a Python parameter (``--max-occupancy`` → ``max_occupancy``)."""
        return self.flag.removeprefix("--").replace("-", "_")

    @property
    def required(self) -> bool:
        return self.inputs[0].required

    def read(self, text: str) -> dict[str, float]:
        """The inputs this option's text gives, each checked against its range."""
        reader = _READERS.get(self.flag)
        values = reader(text) if reader else (_number(self.flag, text),)
        for item, value in zip(self.inputs, values, strict=True):
            if not item.bound.accepts(value):
                raise UsageError(
                    _("{column}: {value} is not {wanted}").format(
                        column=self.flag, value=text.strip(), wanted=item.bound.wanted
                    )
                )
        return {item.name: value for item, value in zip(self.inputs, values, strict=True)}


def _options() -> tuple[Option, ...]:
    by_flag: dict[str, list[ErlangInput]] = {}
    for item in INPUTS:
        by_flag.setdefault(item.flag, []).append(item)
    return tuple(
        Option(flag, items[0].metavar, items[0].help, tuple(items))
        for flag, items in by_flag.items()
    )


OPTIONS = _options()


def interval_from_options(texts: Mapping[str, str | None], sl_of: str | None = None) -> Any:
    """The one interval that the options' texts (flag → text, None: not given) and ``--sl-of``
    describe, or a usage error saying what is wrong."""
    missing = [
        option.flag for option in OPTIONS if option.required and texts.get(option.flag) is None
    ]
    if missing:
        raise UsageError(
            _("give {flags} (one interval) or --forecast FILE.csv (a batch)").format(
                flags=", ".join(missing)
            )
        )
    values: dict[str, float] = {}
    for option in OPTIONS:
        text = texts.get(option.flag)
        if text is not None:
            values.update(option.read(text))
    for name in values:
        item = INPUT[name]
        if item.needs and item.needs[0] not in values:
            other = INPUT[item.needs[0]]
            raise UsageError(
                _("{column} needs {other} ({why})").format(
                    column=item.flag, other=other.flag, why=_(item.needs[1])
                )
            )
    definition = service_level_definition(sl_of, values.get("short_abandon_seconds"))
    return Interval(**values, service_level_definition=definition)


def _number(flag: str, text: str) -> float:
    """An option's number, or a usage error naming the option."""
    try:
        return float(text)
    except ValueError:
        raise UsageError(
            _("{column}: {value} is not a number").format(column=flag, value=repr(text))
        ) from None
