"""Joining the parts of a one-line summary as each language's typography wants it."""

from __future__ import annotations

from collections.abc import Iterable

from ccorg.i18n import Language, current_language

# Full-width punctuation carries its own spacing: no space between it and a separator.
_FULL_WIDTH_CLOSERS = ("）", "」", "】", "。", "，")


def dot_joined(parts: Iterable[str]) -> str:
    """``a · b · c``; after a full-width closing mark the space goes: ``（+81）· 成本``."""
    text = ""
    for part in parts:
        if text:
            text += "· " if text.endswith(_FULL_WIDTH_CLOSERS) else " · "
        text += part
    return text


def enumerated(items: Iterable[str]) -> str:
    """``Mon, Sat`` in English; ``周一、周六`` in Chinese, whose lists take the 顿号 (、)."""
    return ("、" if current_language() is Language.zh else ", ").join(items)
