"""Which language a run speaks: ``--lang`` > ``CCORG_LANG`` > the config's ``center.language``
> the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``) > English."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ccorg.errors import UsageError
from ccorg.i18n import Language

# POSIX order: the first of these that is set and non-empty names the locale of messages.
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def choose(
    option: Language | None,
    config_language: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Language:
    """The language of this run, from the most explicit choice to the least."""
    env = os.environ if environ is None else environ
    if option is not None:
        return Language(option)
    explicit = env.get("CCORG_LANG", "").strip()
    if explicit:
        language = _language_of(explicit)
        if language is None:
            raise UsageError(f"CCORG_LANG={explicit!r}: expected zh or en")
        return language
    if config_language is not None:
        return Language(config_language)
    for variable in _LOCALE_VARIABLES:
        value = env.get(variable, "")
        if value:
            return Language.zh if value.lower().startswith("zh") else Language.en
    return Language.en


def _language_of(tag: str) -> Language | None:
    """``zh``, ``zh_CN.UTF-8``, ``zh-Hans`` → zh; ``en``, ``en_US`` → en; else None."""
    primary = tag.replace("-", "_").split("_")[0].split(".")[0].lower()
    return Language(primary) if primary in Language.__members__ else None
