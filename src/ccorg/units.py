"""How numbers read in bases, tables and reports."""

from __future__ import annotations

import math

from ccorg.i18n import N_

# As text reads config.model.WEEKDAYS; marked for the catalog, translated where shown: _(name).
DAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
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


def signed(value: int) -> str:
    """A change in people: ``+3``, ``-2``, and ``0`` unsigned."""
    return f"{value:+d}" if value else "0"


def signed_money(value: float, currency: str) -> str:
    """A change in cost: ``+¥180,000``, ``-¥90,000``."""
    return ("+" if value > 0 else "") + money(value, currency)


def whole_as_int(value: object) -> object:
    """A whole float as an int, so a cell reads 12 rather than 12.0; anything else as is."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def short_money(value: float, currency: str) -> str:
    """A compact amount for summaries: ¥3.1M, ¥180K."""
    symbol = _CURRENCY_SYMBOLS.get(currency, currency + " ")
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if magnitude >= limit:
            return f"{sign}{symbol}{number(round(magnitude / limit, 1), 1)}{suffix}"
    return f"{sign}{symbol}{magnitude:.0f}"
