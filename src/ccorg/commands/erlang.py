"""`ccorg erlang`: the calculator planners reach for — one interval, its reverse, or a batch.

The queueing engine (and numpy) is imported only when a calculation runs, so ``ccorg --help``
and ``ccorg plan`` on a config without demand stay quick.
"""

from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from ccorg.commands.formats import ErlangFormat
from ccorg.errors import CcorgError, UsageError

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice
    from ccorg.staffing.queueing import IntervalMetrics


class TargetError(CcorgError):
    """Targets that no number of agents meets (exit 1, like any other bad input)."""

    exit_code = 1


@dataclass(frozen=True)
class Interval:
    """One interval's inputs and targets, as given on the command line."""

    calls: float
    interval_seconds: float
    aht_seconds: float
    sl_target: float
    sl_seconds: float
    max_occupancy: float | None = None
    asa_target_seconds: float | None = None
    patience_seconds: float | None = None
    max_abandon_rate: float | None = None
    shrinkage: float | None = None

    @property
    def model(self) -> str:
        return "erlang_c" if self.patience_seconds is None else "erlang_a"

    @property
    def load_erlangs(self) -> float:
        return self.calls * self.aht_seconds / self.interval_seconds


@dataclass(frozen=True)
class ErlangOptions:
    """Everything ``ccorg erlang`` was given; ``check`` enforces the rules between options."""

    calls: str | None = None
    interval: str | None = None
    aht: str | None = None
    target: str | None = None
    max_occupancy: str | None = None
    asa: str | None = None
    patience: str | None = None
    max_abandon: str | None = None
    shrinkage: str | None = None
    agents: int | None = None
    forecast: str | None = None
    output: ErlangFormat | None = None

    def single(self) -> Interval:
        """The one interval described by the options, or a usage error saying what is wrong."""
        missing = [
            flag
            for flag, value in (
                ("--calls", self.calls),
                ("--interval", self.interval),
                ("--aht", self.aht),
                ("--target", self.target),
            )
            if value is None
        ]
        if missing:
            raise UsageError(
                f"give {', '.join(missing)} (one interval) or --forecast FILE.csv (a batch)"
            )
        assert self.calls is not None and self.aht is not None
        assert self.interval is not None and self.target is not None
        sl_target, sl_seconds = parse_target(self.target)
        patience = _number("--patience", self.patience)
        asa = _number("--asa", self.asa)
        shrinkage = _number("--shrinkage", self.shrinkage)
        interval = Interval(
            calls=_at_least("--calls", _number("--calls", self.calls), 0),
            interval_seconds=parse_interval(self.interval),
            aht_seconds=_above("--aht", _number("--aht", self.aht), 0),
            sl_target=sl_target,
            sl_seconds=sl_seconds,
            max_occupancy=_share("--max-occupancy", _number("--max-occupancy", self.max_occupancy)),
            asa_target_seconds=None if asa is None else _above("--asa", asa, 0),
            patience_seconds=None if patience is None else _above("--patience", patience, 0),
            max_abandon_rate=_share("--max-abandon", _number("--max-abandon", self.max_abandon)),
            shrinkage=shrinkage,
        )
        if interval.max_abandon_rate is not None and interval.patience_seconds is None:
            raise UsageError("--max-abandon needs --patience (abandonment is Erlang A)")
        if shrinkage is not None and not 0 <= shrinkage < 1:
            raise UsageError(f"--shrinkage must be a share in [0, 1), got {shrinkage:g}")
        if self.agents is not None and self.agents < 0:
            raise UsageError(f"--agents must be 0 or more, got {self.agents}")
        return interval


def run_erlang(options: ErlangOptions, color: ColorChoice, width: int | None) -> int:
    """Run the calculation the options ask for and print it; return the exit code."""
    if options.forecast is not None:
        given = [
            flag
            for flag, value in (
                ("--calls", options.calls),
                ("--interval", options.interval),
                ("--aht", options.aht),
                ("--target", options.target),
                ("--max-occupancy", options.max_occupancy),
                ("--asa", options.asa),
                ("--patience", options.patience),
                ("--max-abandon", options.max_abandon),
                ("--shrinkage", options.shrinkage),
                ("--agents", options.agents),
            )
            if value is not None
        ]
        if given:
            raise UsageError(
                f"--forecast reads every interval from the file; drop {', '.join(given)}"
            )
        if options.output is ErlangFormat.text:
            raise UsageError("--forecast writes csv or json")
        from ccorg.erlang_csv import run_batch

        # A batch is plain CSV or JSON: it needs no console, and no Rich to start up.
        sys.stdout.write(run_batch(options.forecast, options.output or ErlangFormat.csv))
        return 0
    if options.output is ErlangFormat.csv:
        raise UsageError("csv is for --forecast batches; one interval prints text or json")
    interval = options.single()
    from ccorg.render import erlang as view
    from ccorg.render.console import make_console

    console = make_console(color, width=width)
    as_json = options.output is ErlangFormat.json
    if options.agents is not None:
        reverse = reverse_calculation(interval, options.agents)
        if as_json:
            console.file.write(view.reverse_json(interval, reverse))
        else:
            view.render_reverse(interval, reverse, console)
        return 0
    single = solve_single(interval)
    if as_json:
        console.file.write(view.single_json(interval, single))
    else:
        view.render_single(interval, single, console)
    return 0


@dataclass(frozen=True)
class Single:
    """The agents one interval needs, its metrics, and a table of N−2 … N+3 agents."""

    agents: int
    positions: int | None
    metrics: IntervalMetrics  # at the needed agents (0-d arrays)
    table: IntervalMetrics  # over the table's agent counts


@dataclass(frozen=True)
class Reverse:
    """The metrics of a given number of agents, and the number needed (None: unreachable)."""

    agents: int
    metrics: IntervalMetrics
    needed: int | None
    reason: str | None


def solve_single(interval: Interval) -> Single:
    from ccorg.staffing import queueing

    try:
        needed = queueing.required_agents(
            interval.calls,
            interval.interval_seconds,
            interval.aht_seconds,
            interval.sl_target,
            interval.sl_seconds,
            max_occupancy=interval.max_occupancy,
            asa_target_seconds=interval.asa_target_seconds,
            patience_seconds=interval.patience_seconds,
            max_abandon_rate=interval.max_abandon_rate,
        )
    except queueing.InfeasibleTargetError as error:
        raise TargetError(f"the targets cannot be met: {error.reason}") from None
    agents = int(needed.agents)
    low = max(0, agents - 2)
    table = _metrics_at(interval, list(range(low, agents + 4)))
    positions = None
    if interval.shrinkage is not None:
        positions = math.ceil(agents / (1 - interval.shrinkage) - 1e-9)
    return Single(agents, positions, needed, table)


def reverse_calculation(interval: Interval, agents: int) -> Reverse:
    metrics = _metrics_at(interval, agents)
    try:
        needed: int | None = solve_single(interval).agents
        reason = None
    except TargetError as error:
        needed, reason = None, str(error)
    return Reverse(agents, metrics, needed, reason)


def _metrics_at(interval: Interval, agents: int | list[int]) -> IntervalMetrics:
    from ccorg.staffing import queueing

    return queueing.metrics_at(
        agents,
        interval.calls,
        interval.interval_seconds,
        interval.aht_seconds,
        interval.sl_seconds,
        patience_seconds=interval.patience_seconds,
    )


_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)\s*$")
_TARGET = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%?\s*/\s*(\d+(?:\.\d+)?)\s*s?\s*$")


def parse_interval(text: str) -> float:
    """``30m``, ``1h``, ``900s`` → seconds."""
    found = _INTERVAL.match(text)
    if not found or float(found.group(1)) <= 0:
        raise UsageError(f"--interval {text!r}: give a length with its unit, e.g. 30m, 1h, 900s")
    value, unit = float(found.group(1)), found.group(2)
    return value * {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}[unit]


def parse_target(text: str) -> tuple[float, float]:
    """``80/20`` (80% answered within 20 s) → (0.8, 20.0)."""
    found = _TARGET.match(text)
    if not found:
        raise UsageError(f"--target {text!r}: give PERCENT/SECONDS, e.g. 80/20")
    percent, seconds = float(found.group(1)), float(found.group(2))
    if not 0 < percent <= 100:
        raise UsageError(f"--target {text!r}: the percentage must be in (0, 100]")
    return percent / 100, seconds


@overload
def _number(flag: str, text: str) -> float: ...
@overload
def _number(flag: str, text: None) -> None: ...
def _number(flag: str, text: str | None) -> float | None:
    """An option's number, or a usage error naming the option."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise UsageError(f"{flag}: {text!r} is not a number") from None


def _at_least(flag: str, value: float, low: float) -> float:
    if not math.isfinite(value) or value < low:
        raise UsageError(f"{flag} must be a number ≥ {low:g}, got {value:g}")
    return value


def _above(flag: str, value: float, low: float) -> float:
    if not math.isfinite(value) or value <= low:
        raise UsageError(f"{flag} must be a number > {low:g}, got {value:g}")
    return value


def _share(flag: str, value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 1:
        raise UsageError(f"{flag} must be a share in [0, 1], got {value:g}")
    return value
