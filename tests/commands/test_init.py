"""`ccorg init`: a starter config that passes `ccorg check`, never written over a file."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_init_writes_a_config_that_passes_check(run_cli, project: Path) -> None:
    result = run_cli("init", "configs/center.yaml")
    assert result.exit_code == 0
    assert result.stderr == (
        "wrote configs/center.yaml; check it with: ccorg check configs/center.yaml\n"
        "its modeline points at schema/ccorg.schema.json; for completion in editors, write "
        "it with: ccorg schema > schema/ccorg.schema.json\n"
    )
    text = (project / "configs" / "center.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/ccorg.schema.json\n---\n")
    check = run_cli("check", "--strict", "configs/center.yaml")
    assert (check.exit_code, check.stdout) == (0, "ccorg: 1 file checked: no findings\n")


def test_the_modeline_is_relative_to_the_file(run_cli, project: Path) -> None:
    (project / "schema").mkdir()
    (project / "schema" / "ccorg.schema.json").write_text("{}", encoding="utf-8")
    result = run_cli("init")
    assert result.stderr == "wrote ccorg.yaml; check it with: ccorg check ccorg.yaml\n"
    first_line = (project / "ccorg.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schema/ccorg.schema.json"


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
    assert list(project.iterdir()) == []
