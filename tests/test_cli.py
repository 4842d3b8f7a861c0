"""The CLI as a user runs it: output formats, and one clear message per mistake."""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import ccorg
import ccorg.cli
import ccorg.pipeline

GOOD = """\
center: {id: c, name: 中心}
grades: [{id: g, name: 职级, rank: 1, annual_cost: 100}]
departments:
  - id: d
    name: 部门
    posts:
      - {id: agent, name: 座席, grade: g, rule: {kind: fixed, count: 24}}
      - {id: lead, name: 组长, grade: g, reports_to: boss, rule: {kind: ratio, per: 12, of: [agent]}}
      - {id: boss, name: 经理, grade: g, rule: {kind: fixed, count: 1}}
"""


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_plan_text_golden(run_cli, golden, bank_path: Path) -> None:
    result = run_cli("plan", str(bank_path), "--width", "100")
    assert result.exit_code == 0, result.stderr
    golden("plan_bank.txt", result.stdout)


def test_plan_json_totals_are_consistent(run_cli, bank_path: Path) -> None:
    result = run_cli("plan", str(bank_path), "--format", "json")
    data = json.loads(result.stdout)
    assert data["format_version"] == 1
    names = [d["name"] for d in data["departments"]]
    assert names == ["运营部", "品质部", "支撑部", "营销部", "综合部"]
    for department in data["departments"]:
        assert department["headcount"] == sum(p["headcount"] for p in department["posts"])
    center_posts = sum(p["headcount"] for p in data["posts"])
    assert data["total_headcount"] == center_posts + sum(
        d["headcount"] for d in data["departments"]
    )
    gm = data["posts"][0]
    assert (gm["name"], gm["headcount"], gm["rule"]["kind"]) == ("总经理", 0, "concurrent")
    ops_posts = [p["name"] for p in data["departments"][0]["posts"]]
    for name in [
        "经理",
        "主管",
        "业务组组长",
        "投诉组组长",
        "回访组组长",
        "投诉专员",
        "回访专员",
        "座席",
    ]:
        assert name in ops_posts
    costs = [p["annual_cost"] or 0 for d in data["departments"] for p in d["posts"]]
    assert data["total_cost"] == pytest.approx(
        sum(costs) + sum(p["annual_cost"] or 0 for p in data["posts"])
    )


def test_plan_csv_and_markdown(run_cli, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    rows = list(csv.DictReader(io.StringIO(run_cli("plan", path, "-f", "csv").stdout)))
    assert [(r["post_id"], r["headcount"], r["annual_cost"]) for r in rows] == [
        ("agent", "24", "2400"),
        ("lead", "2", "200"),
        ("boss", "1", "100"),
    ]
    markdown = run_cli("plan", path, "-f", "markdown").stdout
    assert "| 部门 | 组长 | 职级 | ⌈24 ÷ 12⌉ = 2 | 2 |" in markdown
    assert "| **Total** | | | | **27** |" in markdown


def test_cjk_columns_align(run_cli, tmp_path: Path) -> None:
    from rich.cells import cell_len

    text = GOOD.replace("name: 座席", "name: 座席代表Agent").replace("name: 组长", "name: TL")
    out = run_cli("plan", write(tmp_path, text), "--width", "100").stdout
    table = out[out.index("Post") : out.index("Total")].splitlines()
    rows = [line for line in table if "—" in line]
    assert len(rows) == 3
    # The In-post dash and the right edge of the cost sit at the same display column on every
    # row, whatever mix of wide and narrow characters comes before them.
    dashes = {cell_len(line[: line.index("—")]) for line in rows}
    edges = {cell_len(line.rstrip()) for line in rows}
    assert len(dashes) == 1 and len(edges) == 1


def test_stdin(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(GOOD.encode())))
    result = run_cli("plan", "-", "-f", "json")
    assert json.loads(result.stdout)["total_headcount"] == 27


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("center: [\n", 1, ":2:1: invalid YAML"),
        (GOOD.replace("count: 24", "count: .nan"), 1, ":7:68: departments[0].posts[0].rule.count"),
        (GOOD.replace("per: 12", "per: 0"), 1, ":8:83: departments[0].posts[1].rule.per"),
        (GOOD.replace("per: 12", "per: -1"), 1, "greater than 0"),
        (
            GOOD.replace("of: [agent]", "of: [agnet]"),
            1,
            "unknown post, department or center 'agnet'; did you mean 'agent'?",
        ),
        (GOOD.replace("count: 24}", "count: 24}, reports_to: agent"), 1, "reports to itself"),
        (
            GOOD.replace("{kind: fixed, count: 24}", "{kind: ratio, per: 2, of: [lead]}"),
            1,
            "headcount rules loop: agent (line 7) -> lead (line 8) -> agent (line 7)",
        ),
    ],
)
def test_config_errors_are_located(
    run_cli, tmp_path: Path, text: str, code: int, message: str
) -> None:
    result = run_cli("plan", write(tmp_path, text))
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.startswith(str(tmp_path))
    assert "Traceback" not in result.stderr + result.stdout


def test_usage_errors_exit_2(run_cli, tmp_path: Path) -> None:
    missing = run_cli("plan", str(tmp_path / "nope.yaml"))
    assert (missing.exit_code, missing.stderr.strip()) == (
        2,
        f"ccorg: {tmp_path / 'nope.yaml'}: no such file",
    )
    assert run_cli("plan", str(tmp_path)).exit_code == 2
    assert run_cli("plan", write(tmp_path, GOOD), "--format", "yaml").exit_code == 2
    assert run_cli("frobnicate").exit_code == 2


def test_unreadable_file(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root in CI, where chmod 000 still reads: simulate the refusal instead.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = write(tmp_path, GOOD)
    monkeypatch.setattr("ccorg.config.files.os.open", refuse)
    result = run_cli("plan", path)
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        f"ccorg: {path}: cannot read: permission denied (EACCES)",
    )


def test_internal_error_exit_3_and_debug_traceback(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ccorg.pipeline, "plan_file", broken)
    path = write(tmp_path, GOOD)
    quiet = run_cli("plan", path)
    assert quiet.exit_code == 3
    assert "internal error: RuntimeError: boom" in quiet.stderr
    assert "Traceback" not in quiet.stderr
    loud = run_cli("--debug", "plan", path)
    assert loud.exit_code == 3 and "Traceback" in loud.stderr


def test_control_characters_never_reach_the_terminal(run_cli, tmp_path: Path) -> None:
    path = write(tmp_path, "center: [\n", name="evil\x1b[2J.yaml")
    result = run_cli("plan", path)
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "evil\\x1b[2J.yaml:2:1: invalid YAML" in result.stderr


@pytest.mark.parametrize("view", ["text", "csv"])
def test_reader_gone_is_not_an_error(bank_path: Path, view: str) -> None:
    # `ccorg plan ... | head -1`: the reader closes the pipe before ccorg writes. typer turns
    # that into exit 1 (the code of config errors); a closed pipe is no error of the config.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "ccorg", "plan", str(bank_path), "--format", view],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(Path(ccorg.__file__).parents[1])},
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert (finished.returncode, finished.stderr) == (0, b"")


def test_console_script_exits_with_the_code_and_all_its_output(tmp_path: Path) -> None:
    # `python -m ccorg` runs `ccorg.cli.run`, as the `ccorg` script does, in a real process
    # that freezes its objects before it exits: output and exit code must be whole.
    env = {**os.environ, "PYTHONPATH": str(Path(ccorg.__file__).parent.parent), "NO_COLOR": "1"}
    good = write(tmp_path, GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "ccorg", "plan", good, "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [row["post_id"] for row in rows] == ["agent", "lead", "boss"]
    bad = write(tmp_path, GOOD.replace("count: 24", "count: -1"), "bad.yaml")
    failed = subprocess.run(
        [sys.executable, "-m", "ccorg", "check", bad],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert failed.returncode == 1
    assert failed.stdout.startswith(f"{bad}:7:")
    assert failed.stdout.endswith("1 with findings: 1 error, 0 warnings\n")


EVERY_COMMAND = [
    ["plan", "{bank}"],
    ["plan", "{bank}", "--format", "json"],
    ["explain", "{bank}", "agent"],
    ["diff", "{bank}", "{bank}@lean"],
    ["export", "{bank}", "--to", "dot"],
    ["check", "{bank}"],
    ["check", "--list-rules"],
    ["schema"],
    ["init", "-"],
    ["erlang", "--calls", "100", "--interval", "30m", "--aht", "180", "--target", "80/20"],
]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_full_disk_on_stdout_is_exit_2_in_every_command(
    args: list[str], bank_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115 - the stream under test
    monkeypatch.setattr(sys, "stdout", full)
    try:
        code = ccorg.cli.main([a.format(bank=bank_path) for a in args])
    finally:
        full.close()
    assert code == 2
    assert (
        capsys.readouterr().err
        == "ccorg: cannot write the output: no space left on the device (ENOSPC)\n"
    )


def test_a_full_disk_after_the_last_write_is_exit_2_too(tmp_path: Path) -> None:
    # A few lines stay in the buffer until the interpreter flushes it at exit, where no
    # handler would see the failure: the door flushes first.
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "ccorg", "init", "-"],
            stdout=full,
            stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(Path(ccorg.__file__).parents[1])},
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr == b"ccorg: cannot write the output: no space left on the device (ENOSPC)\n"


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_a_closed_stdout_is_exit_2_in_every_command(
    args: list[str], bank_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr(sys, "stdout", None)  # what Python makes of a closed descriptor 1
    code = ccorg.cli.main([a.format(bank=bank_path) for a in args])
    assert code == 2
    message = "ccorg: cannot write the output: standard output is closed\n"
    assert capsys.readouterr().err == message


@pytest.mark.parametrize("args", [["plan", "-"], ["erlang", "--forecast", "-"]], ids=" ".join)
def test_a_closed_stdin_is_exit_2(args: list[str], capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    assert ccorg.cli.main(args) == 2
    assert capsys.readouterr().err == "ccorg: cannot read standard input: it is closed\n"


def _closed_stdout(
    tmp_path: Path, *args: str, closing: str = ">&-"
) -> subprocess.CompletedProcess[str]:
    """Run ``ccorg ARGS >&-`` as a shell would: descriptor 1 closed (or what ``closing``
    closes)."""
    command = " ".join([shlex.quote(sys.executable), "-m", "ccorg", *map(shlex.quote, args)])
    return subprocess.run(
        ["sh", "-c", f"exec {command} {closing}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(ccorg.__file__).parents[1]), "CCORG_LANG": "en"},
        timeout=120,
    )


def test_a_closed_stdout_in_a_real_process(tmp_path: Path) -> None:
    config = write(tmp_path, GOOD)
    refused = _closed_stdout(tmp_path, "plan", config, "-f", "json")
    assert (refused.returncode, refused.stderr) == (
        2,
        "ccorg: cannot write the output: standard output is closed\n",
    )
    # Output that does not go to stdout is written as usual, and nothing else lands in it
    # (the file must not be given descriptor 1 for something else to write into).
    written = _closed_stdout(tmp_path, "export", config, "--to", "dot", "-o", "org.dot")
    assert (written.returncode, written.stderr) == (0, "")
    assert sorted(os.listdir(tmp_path)) == ["c.yaml", "org.dot"]
    expected = tmp_path / "expected" / "org.dot"
    expected.parent.mkdir()
    assert ccorg.cli.main(["export", config, "--to", "dot", "-o", str(expected)]) == 0
    assert (tmp_path / "org.dot").read_bytes() == expected.read_bytes()


def test_a_closed_stderr_keeps_messages_out_of_stdout(tmp_path: Path) -> None:
    # With descriptor 2 closed Python would print them to stdout, into the user's output.
    failed = _closed_stdout(tmp_path, "plan", "missing.yaml", closing="2>&-")
    assert (failed.returncode, failed.stdout) == (2, "")


NOT_REGULAR = {"fifo": "a FIFO (named pipe)", "device": "a character device", "socket": "a socket"}


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("fifo", ["plan", "{config}"]),
        ("fifo", ["explain", "{config}", "agent"]),
        ("fifo", ["export", "{config}", "--to", "dot"]),
        ("fifo", ["diff", "{config}", "{bank}"]),
        ("fifo", ["check", "{config}"]),
        ("device", ["plan", "{config}"]),
        ("socket", ["plan", "{config}"]),
    ],
    ids=lambda value: value if isinstance(value, str) else value[0],
)
def test_a_config_that_is_no_regular_file_is_refused_before_reading(
    tmp_path: Path, bank_path: Path, args: list[str], kind: str
) -> None:
    # Run as a process with a time-out: a read from a FIFO with no writer blocks forever.
    config = tmp_path / "p.yaml"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "device":
        config = Path("/dev/zero")  # a read of it never ends
    else:
        import socket

        server = socket.socket(socket.AF_UNIX)
        server.bind(str(config))
    done = subprocess.run(
        [sys.executable, "-m", "ccorg", *(a.format(config=config, bank=bank_path) for a in args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(ccorg.__file__).parents[1])},
        timeout=60,
    )
    if kind == "socket":
        server.close()
    shown = NOT_REGULAR[kind]
    message = f"{config}: is {shown}, not a config file"
    if args[0] == "check":
        assert done.returncode == 1
        assert done.stdout.startswith(f"{config}: error: is {shown}, not a config file [file]")
    else:
        assert (done.returncode, done.stderr) == (2, f"ccorg: {message}\n")


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_an_output_that_cannot_show_every_character_gets_escapes_not_a_crash(
    encoding: str,
) -> None:
    # GBK (a Chinese Windows console) has no ⌈ or ·; ASCII has no Chinese at all.
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    shown = subprocess.run(
        [sys.executable, "-m", "ccorg", "plan", "configs/bank.yaml"],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout.decode(encoding)
    assert "\\u" in text and "125" in text
