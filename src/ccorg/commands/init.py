"""`ccorg init`: write a commented starter config, and the schema its modeline points at."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ccorg.atomic import OutputKind, output_kind
from ccorg.commands.output import STDOUT, cannot_write, send
from ccorg.config.starter import InitTemplate
from ccorg.errors import UsageError
from ccorg.i18n import _, current_language

SCHEMA_FILE = Path("schema") / "ccorg.schema.json"
BESIDE = "ccorg.schema.json"


def run_init(path: str, force: bool, template: InitTemplate = InitTemplate.minimal) -> int:
    """Write the ``template`` starter (in the active language) to ``path`` (``-``: standard
    output); return the exit code.

    Its modeline points at ``schema/ccorg.schema.json`` when the current directory (the
    project's root) has one; else ccorg writes ``ccorg.schema.json`` beside the config, so the
    modeline always names a schema that exists. A path that is no file to keep (``-``, a
    device, a FIFO, a socket, ``/dev/stdout``) gets nothing beside it: the modeline names
    ``schema/ccorg.schema.json`` and stderr says how to write it (a command that works in the
    current directory, making ``schema/`` first when it is missing).
    """
    from ccorg.config.starter import starter_config

    language = current_language().value
    if path == STDOUT or _kind(path) is not OutputKind.FILE:
        send(path, starter_config(template.value, language, SCHEMA_FILE.as_posix()).encode())
        if not SCHEMA_FILE.exists():
            # A redirect into a missing folder fails: the hint makes the folder first (#9).
            hint = (
                _("its modeline points at {schema}; write it with: ccorg schema > {schema}")
                if SCHEMA_FILE.parent.is_dir()
                else _(
                    "its modeline points at {schema}; write it with: "
                    "mkdir -p {folder} && ccorg schema > {schema}"
                )
            )
            _tell(hint, schema=SCHEMA_FILE.as_posix(), folder=SCHEMA_FILE.parent.as_posix())
        return 0
    target = Path(path)
    if target.exists() and not force:
        raise UsageError(_("{path} already exists; pass --force to overwrite it").format(path=path))
    beside = target.parent / BESIDE
    if SCHEMA_FILE.exists():
        schema = SCHEMA_FILE
        reference = Path(os.path.relpath(SCHEMA_FILE.resolve(), target.resolve().parent))
    else:
        schema, reference = beside, Path(BESIDE)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(target.parent, error) from None
    if not schema.exists():
        from ccorg.config.json_schema import config_json_schema_text

        send(os.fspath(schema), config_json_schema_text().encode("utf-8"))
        _tell(_("wrote {schema}, the schema its modeline points at"), schema=schema)
    send(path, starter_config(template.value, language, reference.as_posix()).encode("utf-8"))
    _tell(_("wrote {path}; check it with: ccorg check {path}"), path=path)
    return 0


def _kind(path: str) -> OutputKind:
    # What the path is, known before anything is written (a directory is refused here).
    try:
        return output_kind(path)
    except OSError as error:  # `a.txt/c.yaml` under a file, a name too long, a link loop
        raise cannot_write(path, error) from None


def _tell(message: str, **fields: object) -> None:
    print(message.format(**fields), file=sys.stderr)
