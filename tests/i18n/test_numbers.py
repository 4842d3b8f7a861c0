"""Money in summaries: exact everywhere, and in 万 too for a Chinese reader."""

from __future__ import annotations

import pytest

from ccorg.i18n import Language, use_language
from ccorg.i18n.numbers import compact_money, summary_money, wan


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20_400_000, "¥2,040万"),
        (12_345_678, "¥1,234.57万"),
        (10_000, "¥1万"),
        (-1_500_000, "-¥150万"),
        (1_234_567_890_000, "¥123,456,789万"),
    ],
)
def test_wan(value: float, expected: str) -> None:
    assert wan(value, "CNY") == expected


def test_summary_money_adds_wan_only_in_chinese() -> None:
    assert summary_money(20_400_000, "CNY") == "¥20,400,000"
    use_language(Language.zh)
    assert summary_money(20_400_000, "CNY") == "¥20,400,000（¥2,040万）"
    assert summary_money(9_999, "CNY") == "¥9,999"
    assert summary_money(None, "CNY") == "—"
    assert summary_money(3_000_000, "USD") == "$3,000,000（$300万）"


def test_compact_money() -> None:
    assert compact_money(20_400_000, "CNY") == "¥20.4M"
    use_language(Language.zh)
    assert compact_money(20_400_000, "CNY") == "¥2,040万"
    assert compact_money(-180_000, "CNY") == "-¥18万"
    assert compact_money(900, "CNY") == "¥900"
