"""`ccorg schema` and the schema file the repository ships."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from ccorg.config.json_schema import config_json_schema_text

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "schema" / "ccorg.schema.json"


def test_schema_prints_the_generated_schema(run_cli) -> None:
    result = run_cli("schema")
    assert (result.exit_code, result.stdout) == (0, config_json_schema_text())
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "ccorg config"
    Draft202012Validator.check_schema(schema)


def test_schema_takes_lang_like_every_command(run_cli) -> None:
    """The schema is the format's, one in every language; --lang is accepted, not a usage error."""
    for lang in ("zh", "en"):
        result = run_cli("schema", "--lang", lang)
        assert (result.exit_code, result.stdout) == (0, SHIPPED.read_text(encoding="utf-8"))


def test_the_shipped_schema_matches_the_models() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == config_json_schema_text(), (
        "schema/ccorg.schema.json is out of date; regenerate it with "
        "`ccorg schema > schema/ccorg.schema.json`"
    )


def test_every_example_config_names_the_schema_and_validates_against_it() -> None:
    validator = Draft202012Validator(json.loads(SHIPPED.read_text(encoding="utf-8")))
    configs = sorted((REPO / "configs").rglob("*.yaml"))
    assert configs
    for config in configs:
        text = config.read_text(encoding="utf-8")
        up = "../" * (len(config.relative_to(REPO).parts) - 1)
        assert text.startswith(
            f"# yaml-language-server: $schema={up}schema/ccorg.schema.json\n---\n"
        ), config.name
        assert list(validator.iter_errors(yaml.safe_load(text))) == [], config.name


def test_the_schema_refuses_what_the_models_refuse() -> None:
    validator = Draft202012Validator(json.loads(SHIPPED.read_text(encoding="utf-8")))
    data = yaml.safe_load((REPO / "configs" / "bank.yaml").read_text(encoding="utf-8"))
    data["policies"] = {"span-of-contrl": {"min": 3}}
    (error,) = validator.iter_errors(data)
    assert "span-of-contrl" in error.message
