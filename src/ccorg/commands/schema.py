"""`ccorg schema`: print the config format's JSON Schema."""

from __future__ import annotations

import sys


def run_schema() -> int:
    """Write the JSON Schema to standard output; return the exit code."""
    from ccorg.config.json_schema import config_json_schema_text

    sys.stdout.write(config_json_schema_text())
    return 0
