"""How numbers read."""

from __future__ import annotations

import pytest

from ccorg.units import money, number, short_money


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3_100_000, "¥3.1M"),
        (180_000, "¥180K"),
        (-12_960_000, "-¥13M"),
        (950, "¥950"),
        (1_250, "¥1.2K"),
        (2_000_000_000, "¥2B"),
    ],
)
def test_short_money(value: float, text: str) -> None:
    assert short_money(value, "CNY") == text


def test_number_and_money() -> None:
    assert number(59.9166, 1) == "59.9"
    assert number(1984) == "1,984"
    assert money(20_400_000, "CNY") == "¥20,400,000"
    assert money(None, "USD") == "—"
