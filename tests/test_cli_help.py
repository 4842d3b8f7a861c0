"""The command line's conventions: --version, -h, completion, clean help in both languages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
import typer

from ccorg.cli import app
from ccorg.cli_help import language_in, walk
from ccorg.i18n import Language

COMMANDS = sorted(typer.main.get_command(app).commands)


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"ccorg {version('ccorg')}\n")


def test_sarif_names_the_driver_version(run_cli, bank_path: Path) -> None:
    result = run_cli("check", "-f", "sarif", str(bank_path))
    driver = json.loads(result.stdout)["runs"][0]["tool"]["driver"]
    assert driver["version"] == version("ccorg")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_short_h_is_help_and_the_help_is_clean(run_cli, command: str) -> None:
    args = [command] if command else []
    long = run_cli(*args, "--help")
    short = run_cli(*args, "-h")
    assert (short.exit_code, short.stdout) == (0, long.stdout)
    assert "Usage: ccorg" in short.stdout
    for noise in ("<bool>", "<str>", "<int>", "[[", "]]", "instance of"):
        assert noise not in short.stdout, (command, noise)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_shows_examples(run_cli, command: str) -> None:
    help_text = run_cli(command, "-h").stdout
    examples = help_text.split("Examples:")[1]
    assert re.search(rf"^\s+ccorg {command} ", examples, re.MULTILINE), command


def test_the_forecast_help_is_not_cut_off(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text = run_cli("erlang", "-h").stdout
    words = re.sub(r"[│\s]+", " ", text)
    assert "columns calls, interval_seconds, aht_seconds, sl_target, sl_seconds." in words
    forecast = text[text.index("│ --forecast") : text.index("│ --format")]
    assert "…" not in forecast


def test_help_in_chinese(run_cli) -> None:
    text = run_cli("plan", "-h", "--lang", "zh").stdout
    assert "显示方案：组织架构树、各部门岗位表与汇总。" in text
    assert "示例：" in text
    assert "配置文件，或 - 表示标准输入。" in text
    assert "Show the plan" not in text


def test_export_takes_format_as_to(run_cli, bank_path: Path) -> None:
    by_to = run_cli("export", str(bank_path), "--to", "mermaid")
    by_format = run_cli("export", str(bank_path), "--format", "mermaid")
    by_f = run_cli("export", str(bank_path), "-f", "dot")
    assert by_to.exit_code == by_format.exit_code == by_f.exit_code == 0
    assert by_format.stdout == by_to.stdout
    assert by_f.stdout.startswith("digraph")


def test_shell_completion() -> None:
    """The script --show-completion prints, and the completions it asks ccorg for."""
    env = {
        **os.environ,
        "_CCORG_COMPLETE": "complete_bash",
        "COMP_WORDS": "ccorg pl",
        "COMP_CWORD": "1",
    }
    run = [sys.executable, "-m", "ccorg"]
    done = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.split()) == (0, ["plan"])
    env["COMP_WORDS"], env["COMP_CWORD"] = "ccorg plan x --la", "3"
    done = subprocess.run(run, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["--lang"]
    shown = subprocess.run(
        [*run, "--show-completion", "bash"],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "_CCORG_COMPLETE"},
    )
    assert shown.returncode == 0
    assert "_CCORG_COMPLETE=complete_bash" in shown.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["plan", "x", "--lang", "zh"], Language.zh),
        (["plan", "--lang=en", "x"], Language.en),
        (["plan", "x", "--lang"], None),
        (["plan", "x", "--lang", "fr"], None),
        (["plan", "x"], None),
    ],
)
def test_the_language_of_a_command_line_before_parsing(
    args: list[str], expected: Language | None
) -> None:
    assert language_in(args) is expected


def test_walk_reaches_every_command() -> None:
    names = [command.name for command in walk(typer.main.get_command(app))]
    assert names[1:] == list(typer.main.get_command(app).commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_examples_run_on_the_shipped_configs(
    run_cli, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ccorg capacity -h`` once showed ``ccorg capacity plan.yaml``: a file the user does not
    have, and a starter config (``ccorg init``) without a ``capacity:`` section."""
    import shlex

    root = Path(__file__).resolve().parents[1]
    examples = run_cli(command, "-h").stdout.split("Examples:")[1]
    lines = [line.strip() for line in examples.splitlines() if line.strip().startswith("ccorg ")]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "configs").symlink_to(root / "configs")
    ran = 0
    for line in lines:
        args = shlex.split(re.split(r"\s[|>]\s", line)[0])[1:]
        if any(":" in arg and not arg.startswith("-") for arg in args):
            continue  # a git revision: needs the repository's history
        if "week.csv" in args:
            continue  # erlang's batch: an illustration of a file the user brings
        files = [a for a in args if a.endswith((".yaml", ".csv")) or "@" in a]
        if command != "init":  # init writes its file; every other example reads one we ship
            assert all(Path(a.split("@")[0]).is_file() for a in files), (line, "no such file")
        result = run_cli(*args)
        # check's 1 is its answer (the shipped configs have warnings, --strict fails them).
        expected = (0, 1) if command == "check" else (0,)
        assert result.exit_code in expected, (line, result.stderr)
        assert result.stdout or command in ("init", "export"), line
        ran += 1
    assert ran or command == "schema", f"no example of {command} runs as shown"
