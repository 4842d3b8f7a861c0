"""Which language a run speaks, from the most explicit choice to the least."""

from __future__ import annotations

import pytest

from ccorg.errors import UsageError
from ccorg.i18n import Language
from ccorg.i18n.choice import choose


@pytest.mark.parametrize(
    ("option", "config", "environ", "expected"),
    [
        (Language.en, "zh", {"CCORG_LANG": "zh", "LANG": "zh_CN.UTF-8"}, Language.en),
        (None, "en", {"CCORG_LANG": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Language.zh),
        (None, "zh", {"LANG": "en_US.UTF-8"}, Language.zh),
        (None, "en", {"LC_ALL": "zh_CN.UTF-8"}, Language.en),
        (None, None, {"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, Language.zh),
        (None, None, {"LC_ALL": "", "LC_MESSAGES": "zh_TW", "LANG": "C"}, Language.zh),
        (None, None, {"LC_ALL": "C.UTF-8", "LANG": "zh_CN.UTF-8"}, Language.en),
        (None, None, {"LANG": "zh_CN.GB18030"}, Language.zh),
        (None, None, {"CCORG_LANG": " ", "LANG": "de_DE"}, Language.en),
        (None, None, {}, Language.en),
    ],
)
def test_the_most_explicit_choice_wins(
    option: Language | None, config: str | None, environ: dict[str, str], expected: Language
) -> None:
    assert choose(option, config, environ) is expected


def test_an_unknown_ccorg_lang_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="CCORG_LANG='fr': expected zh or en"):
        choose(None, "zh", {"CCORG_LANG": "fr"})
