"""Derived posts reused across the plans of variants of one config, exactly.

Variants are built as a scenario's config is: ``model_copy(update=...)`` along the path to
what changes, so that every other object (post, grade, department, stream) is the base's
very object. Each plan through the cache must equal, field for field, a fresh ``build_plan``.
"""

from __future__ import annotations

import dataclasses
import math
import textwrap
from typing import Any

import numpy as np
import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.i18n import Language, use_language
from ccorg.pipeline import load_config
from ccorg.plan import Plan
from ccorg.staffing.headcount import build_plan
from ccorg.staffing.plan_cache import PlanCache

SMALL = textwrap.dedent("""\
    center:
      id: c
      name: 中心
      posts:
        - {id: head, name: 总经理, grade: boss, rule: {kind: fixed, count: 1}}
        - id: deputy
          name: 副总
          grade: boss
          reports_to: head
          rule: {kind: concurrent, held_by_post: head}
    grades:
      - {id: boss, name: 经理级, rank: 2, annual_cost: 500000}
      - {id: staff, name: 员工, rank: 1, annual_cost: 120000}
    departments:
      - id: ops
        name: 运营部
        posts:
          - id: agent
            name: 座席
            grade: staff
            reports_to: lead
            rule: {kind: fixed, count: 130}
          - id: lead
            name: 组长
            grade: staff
            reports_to: sup
            rule: {kind: ratio, per: 12, of: [agent]}
          - id: sup
            name: 主管
            grade: boss
            reports_to: deputy
            rule: {kind: ratio, per: 5, of: [lead]}
      - id: back
        name: 后台
        posts:
          - {id: clerk, name: 文员, grade: staff, reports_to: head, rule: {kind: fixed, count: 4}}
          - {id: hr, name: 人事, grade: staff, reports_to: head, rule: {kind: ratio, per: 50, of: [c]}}
          - {id: qa, name: 质检, grade: staff, reports_to: head, rule: {kind: ratio, per: 20, of: [ops]}}
    """)


def assert_same(a: Any, b: Any, path: str = "plan") -> None:
    """``a`` and ``b`` equal field for field (arrays by value, NaN equal to NaN)."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), path
        for field in dataclasses.fields(a):
            assert_same(getattr(a, field.name), getattr(b, field.name), f"{path}.{field.name}")
    elif isinstance(a, np.ndarray):
        assert isinstance(b, np.ndarray) and a.dtype == b.dtype, path
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), path
    elif isinstance(a, tuple | list):
        assert type(a) is type(b) and len(a) == len(b), path
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{path}[{index}]")
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a) == list(b), path
        for key in a:
            assert_same(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b), path
    else:
        assert a == b, path


def with_post(config: Config, post_id: str, **changes: Any) -> Config:
    """``config`` with one post changed, sharing every other object, as a scenario does."""

    def changed(posts: list[Any]) -> list[Any]:
        return [p.model_copy(update=changes) if p.id == post_id else p for p in posts]

    if any(p.id == post_id for p in config.center.posts):
        center = config.center.model_copy(update={"posts": changed(config.center.posts)})
        return config.model_copy(update={"center": center})
    departments = [
        d.model_copy(update={"posts": changed(d.posts)})
        if any(p.id == post_id for p in d.posts)
        else d
        for d in config.departments
    ]
    return config.model_copy(update={"departments": departments})


def with_rule(config: Config, post_id: str, **changes: Any) -> Config:
    rule = next(p.rule for _, _, p in config.located_posts() if p.id == post_id)
    return with_post(config, post_id, rule=rule.model_copy(update=changes))


def rederived(before: Plan, after: Plan) -> set[str]:
    """Posts whose derivation was made again: a reused one is the very same steps tuple."""
    return {p.id for p in after.all_posts() if p.steps is not before.post(p.id).steps}


def counting_changes(before: Plan, after: Plan, changed: set[str]) -> set[str]:
    """``changed`` and every ratio post counting a post whose headcount or shown name
    differs between the plans: what must be derived again, and nothing else."""
    moved = {
        p.id
        for p in after.all_posts()
        if p.headcount != before.post(p.id).headcount or p.id in changed
    }
    return changed | {post_id for post_id, base in after.ratio_bases.items() if moved & set(base)}


@pytest.fixture(scope="module")
def small() -> Config:
    return validate(load_yaml(SMALL, "small.yaml"))


def test_an_unchanged_config_reuses_every_post_plan(small: Config) -> None:
    cache = PlanCache()
    first = build_plan(small, cache=cache)
    again = build_plan(small, cache=cache)
    assert all(a is b for a, b in zip(first.all_posts(), again.all_posts(), strict=True))
    assert_same(again, build_plan(small))


def test_a_changed_ratio_derives_again_only_what_counts_it(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    variant = with_rule(small, "agent", count=190)
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert after.post("lead").headcount != before.post("lead").headcount  # the chain moves
    expected = counting_changes(before, after, {"agent"})
    assert {"agent", "lead", "sup", "hr"} <= expected
    assert rederived(before, after) == expected
    # The other department's posts are the base's very plans.
    assert after.post("clerk") is before.post("clerk")


def test_a_post_added_to_a_counted_department_joins_the_ratios_counting_it(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    ops = small.departments[0]
    added = ops.posts[0].model_copy(
        update={
            "id": "senior",
            "name": "资深座席",
            "rule": ops.posts[0].rule.model_copy(update={"count": 40}),
        }
    )
    departments = [ops.model_copy(update={"posts": [*ops.posts, added]}), *small.departments[1:]]
    variant = small.model_copy(update={"departments": departments})
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert "senior" in after.ratio_bases["qa"] and "senior" in after.ratio_bases["hr"]
    assert after.post("qa").headcount > before.post("qa").headcount
    assert after.structure.spans["lead"] == (130 + 40) / after.post("lead").headcount
    assert after.post("clerk") is before.post("clerk")


def test_a_ratio_whose_base_keeps_its_headcount_is_reused(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    variant = with_rule(small, "agent", count=131)  # still 11 leads: sup keeps its base
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert after.post("lead").headcount == before.post("lead").headcount
    assert after.post("sup").steps is before.post("sup").steps
    assert rederived(before, after) == counting_changes(before, after, {"agent"})


def test_a_grade_cost_changes_the_posts_of_that_grade_only(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    grades = [
        g.model_copy(update={"annual_cost": 150000}) if g.id == "staff" else g for g in small.grades
    ]
    variant = small.model_copy(update={"grades": grades})
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert rederived(before, after) == set()  # costs are not in the derivations
    for post in after.all_posts():
        old = before.post(post.id)
        if post.grade.id == "staff":
            assert post.annual_cost == 150000 * post.headcount != old.annual_cost
        else:
            assert post is old


def test_a_concurrent_post_follows_its_holders_name(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    variant = with_post(small, "head", name="行长")
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert "行长" in after.post("deputy").basis and "行长" not in before.post("deputy").basis


def test_a_deep_copy_shares_no_object_keyed_derivation(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    copy = small.model_copy(deep=True)
    after = build_plan(copy, cache=cache)
    assert_same(after, build_plan(copy))
    assert not any(a is b for a, b in zip(before.all_posts(), after.all_posts(), strict=True))
    assert all(p.post is q for p, q in zip(after.all_posts(), posts_of(copy), strict=True))
    # Fixed posts are derived from their figures alone; the others from their objects.
    fixed = {p.id for p in after.all_posts() if p.post.rule.kind == "fixed"}
    assert rederived(before, after) == {p.id for p in after.all_posts()} - fixed


def posts_of(config: Config) -> list[Any]:
    return [post for _, _, post in config.located_posts()]


def test_steps_are_derived_again_in_another_language(small: Config) -> None:
    cache = PlanCache()
    in_english = build_plan(small, cache=cache)
    use_language(Language.zh)
    in_chinese = build_plan(small, cache=cache)
    assert_same(in_chinese, build_plan(small))
    for post in in_chinese.all_posts():
        assert post.steps != in_english.post(post.id).steps


@pytest.fixture(scope="module")
def bank() -> Config:
    return load_config("configs/bank.yaml").config


def test_workload_posts_reuse_their_stream_plans(bank: Config) -> None:
    cache = PlanCache()
    before = build_plan(bank, cache=cache)
    # Three times the complaints: their stream is planned and its post derived again, with
    # what counts it; the calls' agents and their shift plan are reused.
    streams = [
        s.model_copy(update={"volume": s.volume.model_copy(update={"fraction": 0.06})})
        if s.id == "complaints"
        else s
        for s in bank.demand.streams
    ]
    variant = bank.model_copy(
        update={"demand": bank.demand.model_copy(update={"streams": streams})}
    )
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert (
        after.post("complaint_specialist").headcount
        != before.post("complaint_specialist").headcount
    )
    assert rederived(before, after) == counting_changes(before, after, {"complaint_specialist"})
    assert after.post("agent") is before.post("agent")
    assert after.post("agent").schedule is not None
    calls = [s for s in after.streams if s.id == "calls"]
    assert calls[0] is next(s for s in before.streams if s.id == "calls")


def test_a_name_another_department_takes_is_qualified_in_the_unchanged_one(small: Config) -> None:
    cache = PlanCache()
    before = build_plan(small, cache=cache)
    variant = with_post(small, "clerk", name="组长")  # 组长 is ops' too now
    after = build_plan(variant, cache=cache)
    assert_same(after, build_plan(variant))
    assert "运营部·组长 11" in " ".join(after.post("hr").steps)
    assert "运营部·组长" not in " ".join(before.post("hr").steps)
