"""`plan -f csv` starts with a UTF-8 BOM under zh (Excel on Chinese Windows), or as told."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

BOM = b"\xef\xbb\xbf"


@pytest.mark.parametrize(
    ("flags", "bom"),
    [
        (["--lang", "zh"], True),
        (["--lang", "en"], False),
        (["--lang", "zh", "--no-bom"], False),
        (["--lang", "en", "--bom"], True),
    ],
)
def test_bom(bank_path: Path, flags: list[str], bom: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ccorg", "plan", str(bank_path), "-f", "csv", *flags],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(BOM) is bom
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert rows[0]["department_id"] == ""
    assert sum(int(row["headcount"]) for row in rows) == 125
