"""`ccorg init`: starters that pass `ccorg check --strict`, in both languages, each with a
modeline naming a schema that exists, never written over a file."""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ccorg.config.json_schema import config_json_schema


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("template", ["minimal", "voice", "bank"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_template_passes_check_strict_and_plans(
    run_cli, project: Path, template: str, lang: str
) -> None:
    result = run_cli("init", "c.yaml", "--template", template, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    text = (project / "c.yaml").read_text(encoding="utf-8")
    check = run_cli("check", "--strict", "c.yaml")
    assert (check.exit_code, check.stdout) == (0, "ccorg: 1 file checked: no findings\n")
    plan = run_cli("plan", "c.yaml", "-f", "json")
    assert plan.exit_code == 0
    assert json.loads(plan.stdout)["total_headcount"] > 0
    name = {"en": "Contact Center", "zh": "客服中心"}[lang]
    assert f"\n  name: {name}\n" in text
    assert ("language: zh" in text) is (lang == "zh")
    comment = text.splitlines()[2]
    assert (re.search(r"[\u4e00-\u9fff]", comment) is not None) is (lang == "zh"), comment


def test_the_voice_template_has_a_demand_stream_and_a_workload_post(run_cli, project) -> None:
    run_cli("init", "v.yaml", "-t", "voice")
    plan = json.loads(run_cli("plan", "v.yaml", "-f", "json").stdout)
    assert [stream["id"] for stream in plan["streams"]] == ["calls"]
    agent = next(p for d in plan["departments"] for p in d["posts"] if p["id"] == "agent")
    assert agent["rule"]["kind"] == "workload"
    assert agent["headcount"] == 53


def test_the_modeline_names_a_schema_written_beside_it(run_cli, project: Path) -> None:
    result = run_cli("init", "configs/center.yaml")
    assert result.exit_code == 0
    assert result.stderr == (
        "wrote configs/ccorg.schema.json, the schema its modeline points at\n"
        "wrote configs/center.yaml; check it with: ccorg check configs/center.yaml\n"
    )
    text = (project / "configs" / "center.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=ccorg.schema.json\n---\n")
    schema = json.loads((project / "configs" / "ccorg.schema.json").read_text("utf-8"))
    assert schema == config_json_schema()
    again = run_cli("init", "configs/other.yaml")
    assert (
        again.stderr == "wrote configs/other.yaml; check it with: ccorg check configs/other.yaml\n"
    )


def test_the_project_schema_is_used_when_there_is_one(run_cli, project: Path) -> None:
    (project / "schema").mkdir()
    (project / "schema" / "ccorg.schema.json").write_text("{}", encoding="utf-8")
    result = run_cli("init", "configs/c.yaml")
    assert result.stderr == "wrote configs/c.yaml; check it with: ccorg check configs/c.yaml\n"
    first_line = (project / "configs" / "c.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/ccorg.schema.json"
    assert not (project / "configs" / "ccorg.schema.json").exists()


def test_init_never_overwrites_without_force(run_cli, project: Path) -> None:
    (project / "ccorg.yaml").write_text("mine\n", encoding="utf-8")
    result = run_cli("init")
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: ccorg.yaml already exists; pass --force to overwrite it\n",
    )
    assert (project / "ccorg.yaml").read_text(encoding="utf-8") == "mine\n"
    assert run_cli("init", "--force").exit_code == 0
    assert (project / "ccorg.yaml").read_text(encoding="utf-8").startswith("# yaml-language")


def test_init_to_standard_output(run_cli, project: Path) -> None:
    result = run_cli("init", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("# yaml-language-server: $schema=schema/ccorg.schema.json\n")
    assert "policies:\n  span-of-control: {min: 5, max: 15}\n" in result.stdout
    # No schema/ folder here: the hint makes it first, or its redirect would fail (#9).
    assert result.stderr == (
        "its modeline points at schema/ccorg.schema.json; write it with: "
        "mkdir -p schema && ccorg schema > schema/ccorg.schema.json\n"
    )
    assert list(project.iterdir()) == []
    command = result.stderr.split("write it with: ")[1]
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    subprocess.run(["sh", "-c", command], cwd=project, env=env, check=True)
    assert json.loads((project / "schema" / "ccorg.schema.json").read_text(encoding="utf-8"))
    with_folder = run_cli("init", "-")
    assert with_folder.stderr == ""  # the schema now exists where the modeline points


def test_init_to_standard_output_beside_a_schema_folder(run_cli, project: Path) -> None:
    (project / "schema").mkdir()
    assert run_cli("init", "-").stderr == (
        "its modeline points at schema/ccorg.schema.json; write it with: "
        "ccorg schema > schema/ccorg.schema.json\n"
    )


def test_messages_in_chinese(run_cli, project: Path) -> None:
    result = run_cli("init", "c.yaml", "--lang", "zh")
    assert result.stderr == (
        "已写入 ccorg.schema.json，即其 modeline 指向的 schema\n"
        "已写入 c.yaml；请用 ccorg check c.yaml 检查\n"
    )


def stale_socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout"])
def test_a_device_or_descriptor_gets_no_schema_beside_it(run_cli, project: Path, target) -> None:
    result = run_cli("init", target, "--force")
    assert result.exit_code == 0
    # Like `init -`: the modeline names the project's schema, and stderr says how to write it.
    assert result.stderr == (
        "its modeline points at schema/ccorg.schema.json; write it with: "
        "mkdir -p schema && ccorg schema > schema/ccorg.schema.json\n"
    )
    assert not os.path.exists("/dev/ccorg.schema.json")  # where it went before (#9)
    assert list(project.iterdir()) == []


def test_a_fifo_is_written_into_with_nothing_beside_it(run_cli, project: Path) -> None:
    fifo = project / "c.yaml"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    deadline = time.monotonic() + 30
    while True:  # until the thread has opened its end, the FIFO has no reader
        result = run_cli("init", str(fifo))  # nothing there to keep: no --force needed
        if "no reader" not in result.stderr or time.monotonic() > deadline:
            break
        time.sleep(0.01)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert received[0].startswith("# yaml-language-server: $schema=schema/ccorg.schema.json\n")
    assert os.listdir(project) == ["c.yaml"] and stat.S_ISFIFO(fifo.stat().st_mode)


def test_nothing_is_written_before_the_target_is_known(run_cli, project: Path) -> None:
    stale_socket(project / "sock")
    result = run_cli("init", "sock", "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: cannot write sock: connection refused: nobody listens on the socket (ECONNREFUSED)\n",
    )
    assert os.listdir(project) == ["sock"]  # no schema written first
    nofifo = project / "nofifo"
    os.mkfifo(nofifo)
    result = run_cli("init", "nofifo")
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: nofifo: a FIFO (named pipe) with no reader; start its reader first\n",
    )
    assert sorted(os.listdir(project)) == ["nofifo", "sock"]


def test_a_path_that_cannot_be_is_a_usage_error(run_cli, project: Path) -> None:
    (project / "a.txt").write_text("mine\n", encoding="utf-8")
    result = run_cli("init", "a.txt/c.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "ccorg: cannot write a.txt/c.yaml: a part of the path is not a directory (ENOTDIR)\n",
    )
    assert os.listdir(project) == ["a.txt"]
