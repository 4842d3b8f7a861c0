"""The active language: `_()` answers in it; a command chooses it from --lang, the environment,
the config and the locale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ccorg.i18n import (
    Language,
    _,
    activate,
    adopt_config_language,
    current_language,
    use_language,
)


def test_messages_follow_the_active_language() -> None:
    assert _("Total headcount") == "Total headcount"
    use_language(Language.zh)
    assert _("Total headcount") == "计划总人数"
    assert _("a message no catalog holds") == "a message no catalog holds"
    use_language("en")
    assert _("Total headcount") == "Total headcount"


def test_a_config_language_applies_when_nothing_more_explicit_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CCORG_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert activate(None) is Language.en
    assert adopt_config_language("zh") is Language.zh
    assert current_language() is Language.zh
    assert adopt_config_language("fr") is Language.en
    assert adopt_config_language({"zh": "zh"}) is Language.en
    activate(Language.en)
    assert adopt_config_language("zh") is Language.en
    monkeypatch.setenv("CCORG_LANG", "en")
    activate(None)
    assert adopt_config_language("zh") is Language.en


def test_bank_plan_speaks_chinese_out_of_the_box(
    run_cli: Callable[..., object], bank_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCORG_LANG")
    monkeypatch.setenv("LANG", "C.UTF-8")
    chinese = run_cli("plan", str(bank_path), "--width", "100")
    assert chinese.exit_code == 0
    assert "计划总人数" in chinese.stdout
    assert "¥21,100,000（¥2,110万）" in chinese.stdout
    english = run_cli("plan", str(bank_path), "--width", "100", "--lang", "en")
    assert "Total headcount" in english.stdout
    assert "计划总人数" not in english.stdout
    assert "万" not in english.stdout
    monkeypatch.setenv("CCORG_LANG", "en")
    assert "Total headcount" in run_cli("plan", str(bank_path)).stdout


def test_a_bad_ccorg_lang_is_a_usage_error(
    run_cli: Callable[..., object], bank_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CCORG_LANG", "klingon")
    result = run_cli("plan", str(bank_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "ccorg: CCORG_LANG='klingon': expected zh or en\n"


def test_the_error_count_speaks_the_chosen_language(
    run_cli: Callable[..., object], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("center: {id: c}\n", encoding="utf-8")
    english = run_cli("plan", str(broken))
    assert english.stderr.endswith("ccorg: 2 errors\n")
    chinese = run_cli("plan", str(broken), "--lang", "zh")
    assert chinese.stderr.endswith("ccorg: 2 处错误\n")
