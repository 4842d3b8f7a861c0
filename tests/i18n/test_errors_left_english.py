"""The errors a hostile tester found still English under --lang zh (#9, F-zh-english), one
reproducer each: pydantic's own wordings, the loader's, the shift templates', the planner's,
Erlang's, the commands' and the system's. Each must come out whole in Chinese."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.i18n.test_errors_in_chinese import english_phrases
from tests.i18n.test_no_english_left import english_runs

REPO = Path(__file__).resolve().parents[2]
BANK_TEXT = (REPO / "configs" / "bank.yaml").read_text(encoding="utf-8")
EARLY_STARTS = 'starts: {from: "06:00", to: "09:00", every_minutes: 30}'


def variant(tmp_path: Path, old: str, new: str) -> str:
    """The bank with ``old`` written as ``new`` (once)."""
    assert old in BANK_TEXT
    path = tmp_path / "bank.yaml"
    path.write_text(BANK_TEXT.replace(old, new, 1), encoding="utf-8")
    return str(path)


# (what the bank is changed to, the Chinese that says what is wrong, with the figures it names)
CONFIGS = [
    ("aht_seconds: 180 ", "aht_seconds: .inf ", "须为有限的数；实际为 inf"),
    (
        "name: 主管\n    rank: 4",
        "name: " + "长" * 101 + "\n    rank: 4",
        "至多 100 个字符；实际为 101 个",
    ),
    ("aht_seconds: 180 ", "aht_seconds: " + "9" * 5001 + " ", "5,001 位的数"),
    ("paid_hours: 8", "paid_hours: 7.9", "7.9 个带薪小时不是 30 分钟时段的整数倍"),
    (
        f"{EARLY_STARTS}   # ends 15:00–18:00\n      paid_hours: 8",
        'starts: {from: "06:00", to: "06:00", every_minutes: 30}\n      paid_hours: 1.5',
        "休息时段 10:30–13:00 在班次 06:00–08:30 之外",
    ),
    (
        "rule: {kind: ratio, per: 12, of: [agent]}",
        "rule: {kind: ratio, per: 1e-300, of: [agent]}",
        "岗位 'team_leader' 需要",
    ),
    (
        "every_minutes: 30}   # ends 15:00",
        "every_minutes: 1:12}   # ends 15:00",
        "'every_minutes' 请写一个数",
    ),
    ("center:\n", "center: [\n", "YAML 有误："),
    ("center:\n", "center:\n\x00", "二进制内容（含 NUL 字节）"),
    ("center:\n", "center:\n\x07", "YAML 中不允许字符 U+0007"),
    ("center:\n", "center:\n" + "#" * (10 * 1024 * 1024), "文件大于 10 MiB"),
]


@pytest.mark.parametrize(("old", "new", "chinese"), CONFIGS)
def test_a_config_error_is_chinese(
    run_cli, tmp_path: Path, old: str, new: str, chinese: str
) -> None:
    result = run_cli("plan", variant(tmp_path, old, new), "--lang", "zh")
    assert result.exit_code == 1, result.stderr
    assert chinese in result.stderr
    # libyaml's own account of what it found is kept as it says it; the frame is ours.
    ours = re.sub(r"YAML 有误：.*", "YAML 有误：", result.stderr)
    assert english_runs(ours) == []
    assert english_phrases(ours) == []


def test_the_ratio_hint_is_for_per_only(run_cli, tmp_path: Path) -> None:
    path = variant(tmp_path, "per: 12, of: [agent]", "per: 1:12, of: [agent]")
    assert "for one per 12, write 'per: 12'" in run_cli("plan", path, "--lang", "en").stderr
    path = variant(tmp_path, "every_minutes: 30}   # ends 15:00", "every_minutes: 1:12}   # 15:00")
    stderr = run_cli("plan", path, "--lang", "en").stderr
    assert "write one number for 'every_minutes'" in stderr
    assert "one per" not in stderr


@pytest.mark.parametrize(
    ("args", "chinese"),
    [
        (
            shlex.split("erlang --calls 100 --interval 30m --aht 180 --target 80/20 --asa 1e-300"),
            "任何座席数都达不到目标（负荷 10 爱尔兰）",
        ),
        (["schedule", str(REPO / "configs" / "bank.yaml"), "nope"], "没有话务量岗位 'nope'"),
        (["export", str(REPO / "configs" / "bank.yaml"), "-o", "x.weird"], "请用 --to 指定格式"),
        (
            ["diff", str(REPO / "configs" / "bank.yaml"), "HEAD~999:configs/bank.yaml"],
            "不在 git 仓库中",
        ),
    ],
)
def test_a_command_error_is_chinese(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], chinese: str
) -> None:
    monkeypatch.chdir(tmp_path)  # not inside a git repository, and x.weird would land here
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run_cli(*args, "--lang", "zh")
    assert result.exit_code in (1, 2), result.stderr
    assert chinese in result.stderr
    # What it quotes ('xlsx', 'nope') is ids and values, not words to translate.
    assert english_runs(re.sub(r"'[^']*'", "", result.stderr)) == []
    assert english_phrases(result.stderr) == []
    assert not (tmp_path / "x.weird").exists()
