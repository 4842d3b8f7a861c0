"""The project's error types. Every mistake a user can make surfaces as one of these.

The CLI's single error door (``ccorg.cli.main``) turns them into a clean message and an exit code:
1 for a config with errors, 2 for usage, 3 for anything unexpected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file; line and column are 1-based, absent for file-level problems."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.line}:{self.col or 1}"


@dataclass(frozen=True)
class Problem:
    """One located error in a config: where, what, and which stage found it.

    ``code`` names that stage: ``io``, ``encoding``, ``yaml``, ``schema``, ``reference``,
    ``cycle``, ``value`` or ``scenario`` (an overlay that cannot apply).
    """

    location: Location
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class CcorgError(Exception):
    """Base of every error ccorg reports to a user without a traceback."""

    exit_code = 3


class UsageError(CcorgError):
    """The command line itself is wrong (a bad option value, a missing argument)."""

    exit_code = 2


class ConfigError(CcorgError):
    """A config with one or more located problems."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, location: Location, message: str, code: str) -> ConfigError:
        return cls([Problem(location, message, code)])


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, control characters escaped, cut after ``limit``
    characters: a cell of a hostile file is shown, never pasted whole."""
    if len(text) > limit:
        return repr(text[:limit])[:-1] + "…" + repr(text)[-1]
    return repr(text)
