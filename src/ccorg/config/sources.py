"""Where a config comes from: a file, a file at a git revision, and maybe one of its scenarios.

A source spec is written ``PATH``, ``REV:PATH`` or either followed by ``@SCENARIO``. A file
that exists always wins, so ``odd:name.yaml`` on disk is read as a file. Revisions are read
through git from the repository of the current directory; nothing else here touches git.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from dataclasses import dataclass, replace

from ccorg.config.loader import MAX_BYTES, read_source
from ccorg.config.schema import ID_PATTERN
from ccorg.errors import UsageError
from ccorg.i18n import _


@dataclass(frozen=True)
class SourceSpec:
    """A config's source: ``path`` (``-`` for stdin), at git ``revision`` when given.

    ``scenario`` names a scenario of that config to overlay on its base plan.
    """

    path: str
    revision: str | None = None
    scenario: str | None = None

    def __str__(self) -> str:
        text = self.path if self.revision is None else f"{self.revision}:{self.path}"
        return text if self.scenario is None else f"{text}@{self.scenario}"


def parse_source_spec(text: str) -> SourceSpec:
    """Read ``PATH``, ``REV:PATH``, ``PATH@SCENARIO`` or ``REV:PATH@SCENARIO``.

    The text is split at its last ``@`` only when what follows is a scenario name and what
    precedes is an existing file or a ``REV:PATH``, so revisions such as ``HEAD@{1}`` keep
    their ``@``.
    """
    if _is_file(text):
        return SourceSpec(text)
    head, at, name = text.rpartition("@")
    if at and re.fullmatch(ID_PATTERN, name) and (_is_file(head) or ":" in head):
        return replace(_file_or_revision(head), scenario=name)
    return _file_or_revision(text)


def _is_file(text: str) -> bool:
    return text == "-" or os.path.exists(text)


def _file_or_revision(text: str) -> SourceSpec:
    if _is_file(text) or ":" not in text:
        return SourceSpec(text)
    revision, _, path = text.partition(":")
    if not revision or not path:
        raise UsageError(f"{text}: write a git revision as REV:PATH, e.g. main:configs/bank.yaml")
    if revision.startswith("-"):
        raise UsageError(f"{text}: a revision cannot start with '-'")
    return SourceSpec(path, revision)


def read_spec(spec: SourceSpec) -> tuple[bytes, str]:
    """The config's bytes and the name to show for it (``main:configs/bank.yaml``)."""
    if spec.revision is None:
        return read_source(spec.path)
    return read_revision(spec.revision, spec.path)


def read_revision(revision: str, path: str) -> tuple[bytes, str]:
    """A file as it is at a git revision.

    ``path`` is taken from the repository's root, as git writes it; a path from the current
    directory is accepted too when the root has no such file.
    """
    shown = f"{revision}:{path}"
    prefix = _git(
        ["rev-parse", "--show-prefix"],
        shown,
        _("not inside a git repository (REV:PATH is read with git from the current directory)"),
    )
    tree = f"{revision}^{{tree}}"
    if _git_ok(["rev-parse", "--verify", "--quiet", "--end-of-options", tree]) is None:
        raise UsageError(
            _("{path}: unknown git revision {revision!r}").format(path=shown, revision=revision)
            + _revision_hint(revision)
        )
    candidates = (
        [path] if path.startswith(("./", "../")) else [path, prefix.decode().strip() + path]
    )
    for candidate in dict.fromkeys(candidates):
        kind = _git_ok(["cat-file", "-t", f"{revision}:{candidate}"])
        if kind == b"blob\n":
            content = _git_head(["cat-file", "blob", f"{revision}:{candidate}"], shown)
            return content, f"{revision}:{candidate}"
        if kind is not None:
            raise UsageError(
                _("{path}: is a directory in {revision}, not a config file").format(
                    path=shown, revision=revision
                )
            )
    raise UsageError(
        _("{path}: no such file in {revision}").format(path=shown, revision=revision)
        + _path_hint(revision, path)
    )


def _path_hint(revision: str, path: str) -> str:
    listing = _git_ok(["ls-tree", "-r", "-z", "--name-only", "--end-of-options", revision])
    names = listing.decode(errors="replace").split("\0") if listing else []
    close = difflib.get_close_matches(path, [n for n in names if n], n=1)
    return _("; did you mean {name}?").format(name=f"{revision}:{close[0]}") if close else ""


def _revision_hint(revision: str) -> str:
    refs = _git_ok(["for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags"])
    names = refs.decode(errors="replace").split() if refs else []
    close = difflib.get_close_matches(revision, names, n=1)
    return _("; did you mean {name}?").format(name=repr(close[0])) if close else ""


def _run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed (or not on PATH); it reads REV:PATH") from None


def _git(args: list[str], shown: str, failure: str | None = None) -> bytes:
    """git's output; when git fails, a UsageError about ``shown`` saying ``failure``.

    Without ``failure``, git's own last line of complaint is shown.
    """
    result = _run(args)
    if result.returncode != 0:
        complaint = result.stderr.decode(errors="replace").strip().splitlines()
        detail = failure or (complaint[-1] if complaint else f"git {args[0]} failed")
        raise UsageError(f"{shown}: {detail}")
    return result.stdout


def _git_head(args: list[str], shown: str) -> bytes:
    """At most ``MAX_BYTES`` + 1 bytes of git's output, as ``read_source`` reads a file: the
    loader tells a blob over the limit, and a 1 GB blob is never held in memory."""
    with subprocess.Popen(
        ["git", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    ) as process:
        assert process.stdout is not None
        content = process.stdout.read(MAX_BYTES + 1)
        if len(content) > MAX_BYTES:
            process.kill()  # the rest is not wanted: git stops at once
            return content
    if process.returncode != 0:
        raise UsageError(f"{shown}: git {args[0]} failed")
    return content


def _git_ok(args: list[str]) -> bytes | None:
    """git's output, or None when git fails."""
    result = _run(args)
    return result.stdout if result.returncode == 0 else None
