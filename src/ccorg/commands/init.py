"""`ccorg init`: write a commented starter config."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ccorg.atomic import write_output
from ccorg.errors import UsageError

SCHEMA_FILE = Path("schema") / "ccorg.schema.json"


def run_init(path: str, force: bool) -> int:
    """Write the starter config to ``path`` (``-``: standard output); return the exit code.

    Its modeline points at ``schema/ccorg.schema.json`` under the current directory — the
    project's root, where ``ccorg schema > schema/ccorg.schema.json`` writes it.
    """
    from ccorg.config.starter import starter_config

    if path == "-":
        sys.stdout.write(starter_config(SCHEMA_FILE.as_posix()))
        return 0
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{path} is a directory; give the config file to write")
    if target.exists() and not force:
        raise UsageError(f"{path} already exists; pass --force to overwrite it")
    reference = Path(os.path.relpath(SCHEMA_FILE.resolve(), target.resolve().parent))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_output(target, starter_config(reference.as_posix()).encode("utf-8"))
    except OSError as error:
        raise UsageError(f"{path}: cannot write: {error.strerror or error}") from error
    print(f"wrote {path}; check it with: ccorg check {path}", file=sys.stderr)
    if not SCHEMA_FILE.exists():
        print(
            f"its modeline points at {SCHEMA_FILE.as_posix()}; for completion in editors, "
            f"write it with: ccorg schema > {SCHEMA_FILE.as_posix()}",
            file=sys.stderr,
        )
    return 0
