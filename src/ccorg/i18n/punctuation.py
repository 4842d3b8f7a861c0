"""Joining the parts of a one-line summary as each language's typography wants it."""

from __future__ import annotations

from collections.abc import Iterable

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
