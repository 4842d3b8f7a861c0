"""Numbers in the machine formats (JSON, CSV): every float rounded to 7 decimals.

Sums of shares and Erlang solutions carry binary noise (114.89760719676492 FTE,
0.25000000000000094 people per unit) that no reader wants and that would make a diff of two
runs noisy; 7 decimals keep every figure a plan derives (an expected head count after a year
of 2 % attrition reads 78.4716724).
"""

from __future__ import annotations

from typing import Any

PLACES = 7


def machine_float(value: float) -> float:
    """``value`` rounded to :data:`PLACES` decimals, never ``-0.0``."""
    return round(float(value), PLACES) + 0.0


def rounded_floats(data: Any) -> Any:
    """``data`` (dicts, lists, tuples, scalars) with every float through :func:`machine_float`."""
    if isinstance(data, float):
        return machine_float(data)
    if isinstance(data, dict):
        return {key: rounded_floats(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [rounded_floats(value) for value in data]
    return data
