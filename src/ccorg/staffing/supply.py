"""A workload post's heads month by month, and the classes that keep it staffed. Pure: numpy.

Heads on roll: ``heads(m) = heads(m − 1) · (1 − a) + starts(m) − training loss(m)``, all
counted at the end of month m. A class starts on the first of its month and is in training
(paid, 0% productive, no attrition) until ``training_weeks`` later; ``training_loss`` of it
leaves then. The rest are productive from the month training ends if it ends by the 15th,
else from the next month (the mid-month convention), on the ramp month by month, then at 1,
and leave at the monthly attrition rate from the month after. Heads are expected values, so they are
fractional; class sizes are whole people.

The hiring plan is greedy and forward: at the first month whose productive FTE falls short,
it adds heads to the class that is fully ramped by that month and starts latest (paying the
fewest idle months), then to earlier classes, then to later ones that are still on the ramp,
within the class limits and never before the recruiting lead time allows. A class added for
one month only adds supply to later months, so each month is settled once. What no allowed
class can cover is the shortfall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
# A requirement met to within a millionth of an FTE is met (sums of float products drift).
TOLERANCE = 1e-6
MID_MONTH = 15


def monthly_attrition(annual: float) -> float:
    """The monthly rate that compounds to ``annual`` over twelve months: 1 − (1 − a)^(1/12)."""
    return 1 - (1 - annual) ** (1 / 12)


def class_size(productive: float, training_loss: float, productivity: float = 1.0) -> int:
    """Heads to start so that ``productive`` FTE remain at ``productivity`` after the loss."""
    share = (1 - training_loss) * productivity
    return math.ceil(productive / share - 1e-9)


@dataclass(frozen=True)
class Workforce:
    """How one post's heads move: the settings of ``config.capacity.Workforce``, resolved."""

    attrition_monthly: float = 0.0
    recruit_lead_weeks: float = 0.0
    training_weeks: float = 0.0
    ramp: tuple[float, ...] = ()
    training_loss: float = 0.0
    class_min: int = 1
    class_max: int | None = None
    classes_per_month: int = 1


@dataclass(frozen=True)
class TrainingClass:
    """One class of new hires: when it is requisitioned, starts and becomes productive.

    ``start_month`` and ``productive_month`` are indices into the horizon's months
    (``productive_month`` may lie past its end: the class is still in training then).
    """

    start_month: int
    productive_month: int
    size: int
    requisition_date: date
    start_date: date
    productive_from: date


@dataclass(frozen=True, eq=False)
class Supply:
    """One post's supply month by month; every array has one value per month, read-only.

    ``heads`` on roll at each month's end (in training included); ``attrition`` leaving in
    the month (on the monthly rate); ``training_loss`` leaving as their training ends;
    ``starts`` heads whose class starts; ``in_training`` heads in the classroom;
    ``productive`` FTE (new hires weighted by the ramp). ``earliest_start`` is the first
    month a class can start, given the recruiting lead time from the horizon's start (None:
    not within the horizon), and ``earliest_productive`` the first month such a class counts
    (it may lie past the horizon).
    """

    heads: FloatArray
    attrition: FloatArray
    training_loss: FloatArray
    starts: FloatArray
    in_training: FloatArray
    productive: FloatArray
    classes: tuple[TrainingClass, ...]
    earliest_start: int | None
    earliest_productive: int | None


def month_starts(first: date, months: int) -> list[date]:
    """The first day of ``months`` consecutive months from ``first``'s."""
    found = []
    year, month = first.year, first.month
    for _ in range(months + 1):
        found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def plan_supply(
    required: FloatArray, starts_of_months: list[date], start_heads: float, workforce: Workforce
) -> Supply:
    """The classes that keep productive FTE ≥ ``required`` where the limits allow, and the
    supply month by month that follows.

    ``starts_of_months`` holds the first day of each month and of the month after the last
    (``month_starts``); ``start_heads`` are on roll, fully productive, before the first month.
    """
    months = len(required)
    w = workforce
    keep = 1 - w.attrition_monthly
    steps = np.arange(months, dtype=np.float64)
    pool = start_heads * keep ** (steps + 1)
    productive = pool.copy()
    horizon_start = starts_of_months[0]
    lead = timedelta(weeks=w.recruit_lead_weeks)
    training = timedelta(weeks=w.training_weeks)
    earliest = next((s for s in range(months) if starts_of_months[s] - lead >= horizon_start), None)
    graduation = [
        _productive_month(starts_of_months[s] + training, starts_of_months) for s in range(months)
    ]
    per_head = [_yield(s, graduation[s], months, w) for s in range(months)]
    sizes: dict[int, list[int]] = {}

    if earliest is not None:
        for month in range(months):
            gap = required[month] - productive[month]
            for start in _candidates(month, earliest, graduation, len(w.ramp)):
                if gap <= TOLERANCE:
                    break
                share = per_head[start][0][month]
                while gap > TOLERANCE:
                    added = _add_heads(sizes.setdefault(start, []), gap / share, w)
                    if not added:
                        break
                    productive += added * per_head[start][0]
                    gap -= added * share

    classes = tuple(
        TrainingClass(
            start_month=start,
            productive_month=graduation[start],
            size=size,
            requisition_date=starts_of_months[start] - lead,
            start_date=starts_of_months[start],
            productive_from=starts_of_months[start] + training,
        )
        for start in sorted(sizes)
        for size in sizes[start]
        if size
    )
    first_productive = None if earliest is None else graduation[earliest]
    return _supply(pool, productive, classes, start_heads, w, earliest, first_productive)


def _productive_month(day: date, starts_of_months: list[date]) -> int:
    """The first month counted productive for training that ends on ``day``: its own month
    if it ends by the 15th, else the next (len − 1 or more: past the horizon)."""
    for index in range(len(starts_of_months) - 1):
        if day < starts_of_months[index + 1]:
            return index if day.day <= MID_MONTH else index + 1
    return len(starts_of_months) - 1


def _yield(start: int, graduation: int, months: int, w: Workforce) -> tuple[FloatArray, FloatArray]:
    """Per head started in month ``start``: productive FTE and heads on roll, by month."""
    steps = np.arange(months)
    after = steps - graduation
    ramp = np.ones(months)
    for offset, value in enumerate(w.ramp):
        ramp[after == offset] = value
    survivors = (1 - w.training_loss) * (1 - w.attrition_monthly) ** np.maximum(after, 0)
    graduated = after >= 0
    productive = np.where(graduated, survivors * ramp, 0.0)
    heads = np.where(graduated, survivors, np.where(steps >= start, 1.0, 0.0))
    return productive, heads


def class_yield(
    group: TrainingClass, months: int, workforce: Workforce
) -> tuple[FloatArray, FloatArray]:
    """One class month by month: its productive FTE and its heads on roll."""
    productive, heads = _yield(group.start_month, group.productive_month, months, workforce)
    return group.size * productive, group.size * heads


def _candidates(month: int, earliest: int, graduation: list[int], ramp_months: int) -> list[int]:
    """Start months that can serve ``month``, best first: the latest fully ramped by it, then
    earlier ones, then later ones still on the ramp."""
    serving = [s for s in range(earliest, month + 1) if graduation[s] <= month]
    ramped = [s for s in serving if graduation[s] + ramp_months <= month]
    on_ramp = [s for s in serving if graduation[s] + ramp_months > month]
    return ramped[::-1] + on_ramp


def _add_heads(classes: list[int], wanted: float, w: Workforce) -> int:
    """Add about ``wanted`` heads to one month's classes within their limits; heads added."""
    need = math.ceil(wanted - 1e-9)
    if classes and (w.class_max is None or classes[-1] < w.class_max):
        room = need if w.class_max is None else w.class_max - classes[-1]
        added = min(need, room)
        classes[-1] += added
        return added
    if len(classes) >= w.classes_per_month:
        return 0
    size = max(need, w.class_min)
    if w.class_max is not None:
        size = min(size, w.class_max)
    classes.append(size)
    return size


def _supply(
    pool: FloatArray,
    productive: FloatArray,
    classes: tuple[TrainingClass, ...],
    start_heads: float,
    w: Workforce,
    earliest: int | None,
    earliest_productive: int | None,
) -> Supply:
    months = len(pool)
    steps = np.arange(months)
    heads = pool.copy()
    attrition = start_heads * (1 - w.attrition_monthly) ** steps * w.attrition_monthly
    loss = np.zeros(months)
    starts = np.zeros(months)
    in_training = np.zeros(months)
    for group in classes:
        _, on_roll = _yield(group.start_month, group.productive_month, months, w)
        heads += group.size * on_roll
        starts[group.start_month] += group.size
        training = (steps >= group.start_month) & (steps < group.productive_month)
        in_training += np.where(training, group.size, 0.0)
        if group.productive_month < months:
            loss[group.productive_month] += group.size * w.training_loss
            leaving = steps > group.productive_month
            attrition += np.where(
                leaving, group.size * on_roll / (1 - w.attrition_monthly), 0.0
            ) * (w.attrition_monthly)
    arrays = (heads, attrition, loss, starts, in_training, productive)
    for array in arrays:
        array.flags.writeable = False
    return Supply(
        *arrays,
        classes=classes,
        earliest_start=earliest,
        earliest_productive=earliest_productive,
    )
