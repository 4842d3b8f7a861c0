"""Headless Chromium for the HTML tests: the distribution's package, found on PATH.

Started as the workplace's machines need it (no sandbox as root, no background networking,
no first-run work, a fresh profile each time), so nothing but the page itself is loaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--enable-logging=stderr",
    "--v=0",
    "--virtual-time-budget=3000",
)


def chromium() -> str:
    """The browser, or a skip (a failure under CI, which installs it: .ci/run)."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI has no chromium: .ci/run installs the distribution's package")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


@dataclass(frozen=True)
class Run:
    stdout: str
    log: str


def run(page: Path, *args: str) -> Run:
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    return Run(done.stdout, done.stderr)


def dump_dom(page: Path) -> Run:
    """The DOM after load, and the browser's log (console messages, refused loads)."""
    return run(page, "--dump-dom")


def screenshot(page: Path, out: Path, width: int = 1280, height: int = 2400) -> Run:
    return run(page, f"--screenshot={out}", f"--window-size={width},{height}")


def csp_violations(log: str) -> list[str]:
    """The browser's reports of loads the page's Content-Security-Policy refused."""
    return [line for line in log.splitlines() if "Content Security Policy" in line]
