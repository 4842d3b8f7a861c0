"""What a check produces: located findings per file, and the exit code they add up to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ccorg.errors import Location


class Severity(StrEnum):
    """How bad a finding is: errors fail a check, warnings only under ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


INTERNAL_ERROR = "internal-error"
SOLVER_BUDGET = "solver-budget"


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a config, where it is, and which rule says so."""

    location: Location
    severity: Severity
    rule: str
    message: str

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.location.line or 0, self.location.col or 0, self.rule)


@dataclass(frozen=True)
class FileReport:
    """The findings of one file, in the order they appear in it."""

    path: str
    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, path: str, findings: Iterable[Finding]) -> FileReport:
        return cls(path, tuple(sorted(findings, key=lambda finding: finding.sort_key)))


@dataclass(frozen=True)
class CheckReport:
    """Every file a check looked at, in the order it looked."""

    files: tuple[FileReport, ...]

    def findings(self) -> Iterable[Finding]:
        for file in self.files:
            yield from file.findings

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings() if finding.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    @property
    def files_with_findings(self) -> int:
        return sum(1 for file in self.files if file.findings)

    def exit_code(self, strict: bool) -> int:
        """3 if ccorg itself failed on every file, 1 for errors (or warnings under
        ``strict``), else 0.

        A bug met in one file of many is that file's error finding: the others were checked,
        and the gate's answer is theirs and that file's (1), not "ccorg is broken" (3).
        """
        if self.files and all(
            any(finding.rule == INTERNAL_ERROR for finding in file.findings) for file in self.files
        ):
            return 3
        if self.errors or (strict and self.warnings):
            return 1
        return 0
