"""A summary's parts joined with " · ", without a space after full-width punctuation."""

from __future__ import annotations

from ccorg.i18n.punctuation import dot_joined


def test_a_space_goes_only_where_the_mark_has_none() -> None:
    assert dot_joined(["Headcount 1 → 2 (+1)", "cost +¥1K"]) == "Headcount 1 → 2 (+1) · cost +¥1K"
    assert dot_joined(["人数 1 → 2（+1）", "成本 +¥1万", "新增岗位 1 个"]) == (
        "人数 1 → 2（+1）· 成本 +¥1万 · 新增岗位 1 个"
    )
    assert dot_joined(["一"]) == "一"
    assert dot_joined([]) == ""
