"""The JSON Schema of the config format, generated from the pydantic models.

Editors use it for completion and inline errors (through the ``yaml-language-server``
modeline at the top of a config); the repository ships it as ``schema/ccorg.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from ccorg.config.schema import Config

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def config_json_schema() -> dict[str, Any]:
    """The schema of a whole config, with its dialect and a title."""
    schema = Config.model_json_schema()
    schema["title"] = "ccorg config"
    return {"$schema": DIALECT, **schema}


def config_json_schema_text() -> str:
    """The schema as stable text: keys sorted, two-space indent, a final newline."""
    return json.dumps(config_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
