"""Posts, departments and streams past their limits are refused before validation, at the
first one past the limit; at the limit a config plans."""

from __future__ import annotations

import pytest

from ccorg.config.loader import load_yaml
from ccorg.errors import ConfigError
from ccorg.limits import MAX_DEPARTMENTS, MAX_POSTS, MAX_STREAMS
from ccorg.pipeline import load_document, plan_config

HEAD = "center: {id: c, name: C}\ngrades: [{id: g, name: G, rank: 1, annual_cost: 1}]\n"


def posts(count: int) -> str:
    rows = "".join(
        f"      - {{id: p{i}, name: P{i}, grade: g, rule: {{kind: fixed, count: 1}}}}\n"
        for i in range(count)
    )
    return HEAD + f"departments:\n  - id: d\n    name: D\n    posts:\n{rows}"


def streams(count: int) -> str:
    rows = "".join(
        f"    - {{id: s{i}, name: S{i}, channel: deferred, volume: {{per_day: 10}}, "
        f"handle_seconds: 60, response_hours: 24}}\n"
        for i in range(count)
    )
    return (
        HEAD + "departments: [{id: d, name: D}]\n"
        "shrinkage: {breakdown: {breaks: 0.1}}\n"
        f"demand:\n  streams:\n{rows}"
    )


def problems(text: str, scenario: str | None = None) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_document(load_yaml(text, "c.yaml"), scenario)
    return [str(p) for p in caught.value.problems]


def test_posts_at_their_limit_plan_and_one_more_is_refused_at_it() -> None:
    plan = plan_config(load_document(load_yaml(posts(MAX_POSTS), "c.yaml")))
    assert plan.total_headcount == MAX_POSTS
    # The post past the limit is the last one, on the file's last line (head: 6 lines).
    assert problems(posts(MAX_POSTS + 1)) == [
        f"c.yaml:{MAX_POSTS + 7}:9: {MAX_POSTS + 1:,} posts; a config holds at most "
        f"{MAX_POSTS:,} (the limit of posts)"
    ]


def test_posts_a_scenario_adds_count_and_are_refused_in_its_context() -> None:
    text = posts(MAX_POSTS) + (
        "scenarios:\n  more:\n    add:\n      d.posts:\n"
        "        - {id: extra, name: E, grade: g, rule: {kind: fixed, count: 1}}\n"
    )
    load_document(load_yaml(text, "c.yaml"))  # the base is within the limit
    assert problems(text, "more") == [
        f"c.yaml:{MAX_POSTS + 11}:11: {MAX_POSTS + 1:,} posts; a config holds at most "
        f"{MAX_POSTS:,} (the limit of posts) (with scenario 'more')"
    ]


def test_departments_past_their_limit_are_refused_at_the_first_past_it() -> None:
    rows = "".join(f"  - {{id: d{i}, name: D{i}}}\n" for i in range(MAX_DEPARTMENTS + 2))
    assert problems(HEAD + "departments:\n" + rows) == [
        f"c.yaml:{MAX_DEPARTMENTS + 4}:5: {MAX_DEPARTMENTS + 2:,} departments; a config holds "
        f"at most {MAX_DEPARTMENTS:,} (the limit of departments)"
    ]


def test_streams_at_their_limit_plan_and_past_it_are_refused() -> None:
    plan = plan_config(load_document(load_yaml(streams(MAX_STREAMS), "c.yaml")))
    assert len(plan.streams) == MAX_STREAMS
    (problem,) = problems(streams(MAX_STREAMS + 1))
    assert problem.startswith(f"c.yaml:{MAX_STREAMS + 7}:7: {MAX_STREAMS + 1} demand streams;")
    assert problem.endswith(f"at most {MAX_STREAMS} (the limit of streams)")
