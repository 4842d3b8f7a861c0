"""Money as the reader of the active language expects it.

Both languages write ¥ with thousands separators (¥20,400,000). A Chinese summary adds the sum
in 万 (ten thousands), the unit Chinese finance reports in: ¥20,400,000（¥2,040万）.
"""

from __future__ import annotations

from ccorg.i18n import Language, current_language
from ccorg.units import money, number, short_money

_WAN = 10_000


def wan(value: float, currency: str) -> str:
    """``value`` in 万 of ``currency``, to two decimals at most: ¥2,040万, ¥1,234.57万."""
    sign = "-" if value < 0 else ""
    symbol = money(0, currency).removesuffix("0")
    return f"{sign}{symbol}{number(round(abs(value) / _WAN, 2))}万"


def summary_money(value: float | None, currency: str) -> str:
    """A sum in a summary: exact, and under zh also in 万 from 万 up."""
    exact = money(value, currency)
    if value is None or current_language() is not Language.zh or abs(value) < _WAN:
        return exact
    return f"{exact}（{wan(value, currency)}）"


def compact_money(value: float, currency: str) -> str:
    """A short amount for one-line summaries: ¥20.4M in English, ¥2,040万 in Chinese."""
    if current_language() is Language.zh and abs(value) >= _WAN:
        return wan(value, currency)
    return short_money(value, currency)
