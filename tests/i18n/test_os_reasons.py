"""System reasons (strerror is the C library's English) in the active language (#9)."""

from __future__ import annotations

import errno

import pytest

from ccorg.i18n import Language, use_language
from ccorg.i18n.os_reasons import os_reason
from tests.i18n.test_errors_in_chinese import english_phrases
from tests.i18n.test_no_english_left import english_runs


@pytest.mark.parametrize(
    "code",
    [
        errno.ENOSPC,
        errno.EACCES,
        errno.ENOENT,
        errno.EPIPE,
        errno.ECONNREFUSED,
        errno.EROFS,
        errno.EISDIR,
    ],
)
def test_a_system_reason_is_chinese_and_keeps_its_errno_name(code: int) -> None:
    error = OSError(code, "the C library's English words for it")
    use_language(Language.zh)
    chinese = os_reason(error)
    assert chinese.endswith(f"（{errno.errorcode[code]}）")
    assert english_runs(chinese) == [] and english_phrases(chinese) == []
    use_language(Language.en)
    assert os_reason(error).endswith(f" ({errno.errorcode[code]})")
    assert os_reason(error) != chinese


def test_an_unlisted_reason_is_the_systems_own() -> None:
    assert os_reason(OSError(errno.ENOEXEC, "Exec format error")) == "Exec format error"
