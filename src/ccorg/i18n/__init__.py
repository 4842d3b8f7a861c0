"""The language layer: every string a person reads goes through ``_()`` (stdlib gettext).

English is the source language; Chinese comes from the catalog ``locale/zh/LC_MESSAGES/
ccorg.po``, compiled to the ``ccorg.mo`` beside it and shipped in the package. Machine formats
(JSON keys, SARIF and GitHub annotation fields) never go through here; the messages inside
them do.

The active language is process state, set once per command by :func:`activate` (the CLI) or
:func:`use_language` (tests, library callers). Renderers call ``_()`` at render time, so a
module-level label is written ``N_("Post")`` (marked for the catalog, translated when shown).
"""

from __future__ import annotations

import gettext as _gettext
from enum import StrEnum
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "ccorg"


class Language(StrEnum):
    """The languages ccorg speaks."""

    en = "en"
    zh = "zh"


_translations: dict[Language, _gettext.NullTranslations] = {}
_active: _gettext.NullTranslations = _gettext.NullTranslations()
_language = Language.en
_option: Language | None = None  # this run's --lang


def _catalog(language: Language) -> _gettext.NullTranslations:
    if language not in _translations:
        if language is Language.en:
            _translations[language] = _gettext.NullTranslations()
        else:
            # No fallback: a catalog missing from an install is a packaging bug to see at once.
            _translations[language] = _gettext.translation(DOMAIN, LOCALE_DIR, [language.value])
    return _translations[language]


def use_language(language: Language | str) -> None:
    """Make ``language`` the one every later ``_()`` answers in."""
    global _active, _language
    _language = Language(language)
    _active = _catalog(_language)


def current_language() -> Language:
    return _language


def _(message: str) -> str:
    """``message`` (English) in the active language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the active language (Chinese has one)."""
    return _active.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog where it is defined; ``_()`` translates it when shown."""
    return message


def activate(option: Language | None = None, config_language: object = None) -> Language:
    """Choose the language of this run from ``--lang`` (``option``), the environment, a
    config's ``center.language`` and the locale, and use it; see :mod:`ccorg.i18n.choice`.

    A command calls it first thing with its ``--lang``; each config validated after adopts its
    own language unless ``--lang`` or CCORG_LANG chose.
    """
    global _option
    _option = option
    return adopt_config_language(config_language)


def adopt_config_language(config_language: object) -> Language:
    """Use a config's ``center.language`` unless ``--lang`` or CCORG_LANG chose already.

    Called as each config is validated, so that its errors too speak its language; a value
    other than zh or en is ignored here (the schema reports it).
    """
    from ccorg.i18n.choice import choose

    named = config_language if config_language in ("zh", "en") else None
    language = choose(_option, named)  # type: ignore[arg-type]  # checked just above
    use_language(language)
    return language
