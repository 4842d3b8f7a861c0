"""`ccorg check`: check configs, print findings in the chosen format, exit with their verdict."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ccorg.commands.formats import CheckFormat
from ccorg.errors import UsageError

if TYPE_CHECKING:
    from ccorg.render.console import ColorChoice


def chosen_format(output: CheckFormat | None) -> CheckFormat:
    """The format asked for, or ``github`` inside GitHub Actions and ``text`` elsewhere."""
    if output is not None:
        return output
    return CheckFormat.github if os.environ.get("GITHUB_ACTIONS") else CheckFormat.text


def run_check(
    paths: list[str],
    output: CheckFormat | None,
    strict: bool,
    color: ColorChoice,
    list_rules: bool,
    debug: bool = False,
) -> int:
    """Check ``paths`` (or list the rules) and print the result; return the exit code."""
    if list_rules:
        if paths or output not in (None, CheckFormat.text):
            raise UsageError(
                "--list-rules prints the rule reference and takes no paths or --format"
            )
        from ccorg.render.rule_reference import render_rule_reference

        sys.stdout.write(render_rule_reference())
        return 0
    if not paths:
        raise UsageError("give the config files or directories to check (or - for stdin)")
    from ccorg.checks.runner import check_paths

    report = check_paths(paths, reraise=debug)
    fmt = chosen_format(output)
    if fmt is CheckFormat.text:
        from ccorg.render.ansi import wants_color
        from ccorg.render.findings_text import render_findings_text

        text = render_findings_text(report, color=wants_color(color, sys.stdout))
    elif fmt is CheckFormat.json:
        from ccorg.render.findings_json import render_findings_json

        text = render_findings_json(report)
    elif fmt is CheckFormat.github:
        from ccorg.render.findings_github import render_findings_github

        text = render_findings_github(report)
    else:
        from ccorg.render.findings_sarif import render_findings_sarif

        text = render_findings_sarif(report)
    sys.stdout.write(text)
    return report.exit_code(strict)
