"""`ccorg plan FILE --scenario NAME`: the bank's scenarios plan like any config."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

BANK = str(Path(__file__).resolve().parents[2] / "configs" / "bank.yaml")
Run = Callable[..., Any]


@pytest.mark.parametrize(
    ("scenario", "total", "posts"),
    [
        (None, 125, {"agent": 62, "team_leader": 6, "knowledge_base": 1, "qa": 3}),
        (
            "credit_card_launch",
            206,
            {"agent": 94, "team_leader": 8, "knowledge_base": 2, "card_specialist": 32},
        ),
        ("lean", 125, {"agent": 62, "team_leader": 6, "qa": 3, "trainer": 2}),
    ],
)
def test_each_bank_scenario_plans(
    run_cli: Run, scenario: str | None, total: int, posts: dict[str, int]
) -> None:
    args = ["plan", BANK, "-f", "json"] + (["--scenario", scenario] if scenario else [])
    result = run_cli(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert document["total_headcount"] == total
    found = {p["id"]: p["headcount"] for d in document["departments"] for p in d["posts"]}
    assert {post_id: found[post_id] for post_id in posts} == posts


def test_an_unknown_scenario_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("plan", BANK, "--scenario", "credit_card")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"ccorg: {BANK} has no scenario 'credit_card'; did you mean 'credit_card_launch'? "
        "(scenarios: credit_card_launch, lean)\n"
    )
