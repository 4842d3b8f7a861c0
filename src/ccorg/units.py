"""How numbers read in bases, tables and reports."""

from __future__ import annotations

import math

_CURRENCY_SYMBOLS = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "HKD": "HK$"}


def number(value: float, places: int = 2) -> str:
    """A number as a person writes it: thousands separated, no needless decimals."""
    if math.isinf(value):
        return "∞"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.{places}f}".rstrip("0").rstrip(".")


def money(value: float | None, currency: str) -> str:
    """An amount in whole units of ``currency`` (¥1,234,567); an em dash when unknown."""
    if value is None:
        return "—"
    symbol = _CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.0f}"


def short_money(value: float, currency: str) -> str:
    """A compact amount for summaries: ¥3.1M, ¥180K."""
    symbol = _CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if magnitude >= limit:
            return f"{sign}{symbol}{number(round(magnitude / limit, 1), 1)}{suffix}"
    return f"{sign}{symbol}{magnitude:.0f}"
