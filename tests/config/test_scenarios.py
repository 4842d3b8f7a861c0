"""Scenarios: overlays by id on the raw data, with every problem located."""

from __future__ import annotations

import textwrap

import pytest

from ccorg.config.loader import load_yaml
from ccorg.config.scenarios import apply_scenario
from ccorg.config.schema import Config
from ccorg.config.validate import validate
from ccorg.errors import ConfigError, UsageError
from ccorg.pipeline import load_document, plan_config

BASE = """\
center:
  id: hq
  name: 中心
  posts:
    - id: head
      name: 主任
      grade: manager
      rule: {kind: fixed, count: 1}
grades:
  - {id: manager, name: 经理, rank: 1, annual_cost: 300000}
  - {id: agent, name: 座席, rank: 3, annual_cost: 100000}
departments:
  - id: ops
    name: 运营部
    posts:
      - id: agent
        name: 座席
        grade: agent
        rule: {kind: fixed, count: 120, note: "3,000 calls a day"}
        min: 100
      - id: lead
        name: 组长
        grade: manager
        reports_to: head
        rule: {kind: ratio, per: 12, of: [agent]}
  - id: quality
    name: 品质部
"""


def overlay(scenarios: str, base: str = BASE) -> tuple[dict, object]:
    """Apply scenario ``s`` written as ``scenarios:`` YAML; the data and its source map."""
    text = base + "scenarios:\n  s:\n" + textwrap.indent(textwrap.dedent(scenarios), "    ")
    document = load_yaml(text, "c.yaml")
    result = apply_scenario(document, validate(document), "s")
    return result.data, result.source_map


def problems(scenarios: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        overlay(scenarios)
    return [str(p) for p in caught.value.problems]


def test_set_merges_into_the_object_with_that_id_and_leaves_the_rest() -> None:
    data, _ = overlay("set:\n  posts/agent: {rule: {count: 180}}\n")
    agent = data["departments"][0]["posts"][0]
    assert agent["rule"] == {"kind": "fixed", "count": 180, "note": "3,000 calls a day"}
    assert agent["min"] == 100
    assert "scenarios" not in data


def test_a_mapping_of_another_kind_replaces_the_rule() -> None:
    data, _ = overlay("set:\n  posts/agent: {rule: {kind: ratio, per: 2, of: [lead]}}\n")
    assert data["departments"][0]["posts"][0]["rule"] == {"kind": "ratio", "per": 2, "of": ["lead"]}


def test_null_removes_a_key_and_lists_replace() -> None:
    data, _ = overlay("set:\n  posts/agent: {min: null}\n  lead: {rule: {of: [agent, head]}}\n")
    agent, lead = data["departments"][0]["posts"]
    assert "min" not in agent
    assert lead["rule"]["of"] == ["agent", "head"]


def test_grades_departments_and_the_center_are_set_by_id_too() -> None:
    data, _ = overlay(
        "set:\n  grades/agent: {annual_cost: 120000}\n  quality: {name: 质量部}\n"
        "  hq: {name: 新中心}\n"
    )
    assert data["grades"][1]["annual_cost"] == 120000
    assert data["departments"][1]["name"] == "质量部"
    assert data["center"]["name"] == "新中心"


def test_add_appends_to_a_list_inside_an_object_or_a_section() -> None:
    data, _ = overlay(
        """\
        add:
          quality.posts:
            - {id: qa, name: 质检, grade: agent, rule: {kind: ratio, per: 25, of: [agent]}}
          departments:
            - {id: cards, name: 信用卡部}
          hq.posts:
            - {id: deputy, name: 副主任, grade: manager, rule: {kind: fixed, count: 1}}
        """
    )
    assert [p["id"] for p in data["departments"][1]["posts"]] == ["qa"]
    assert [d["id"] for d in data["departments"]] == ["ops", "quality", "cards"]
    assert [p["id"] for p in data["center"]["posts"]] == ["head", "deputy"]


def test_remove_takes_an_object_and_everything_in_it() -> None:
    data, _ = overlay("remove: [lead, quality]\n")
    assert [d["id"] for d in data["departments"]] == ["ops"]
    assert [p["id"] for p in data["departments"][0]["posts"]] == ["agent"]


def test_ids_are_found_in_any_section_such_as_demand_streams() -> None:
    # The demand section belongs to another feature; the overlay knows ids, not sections.
    text = BASE + textwrap.dedent(
        """\
        demand:
          streams:
            - {id: cards_queue, volume: 3000, aht: 240}
        scenarios:
          s:
            set:
              cards_queue: {volume: 4500}
            add:
              demand.streams:
                - {id: chat, volume: 800}
        """
    )
    document = load_yaml(text, "c.yaml")
    base = {k: v for k, v in document.data.items() if k != "demand"}
    result = apply_scenario(document, Config.model_validate(base), "s")
    assert result.data["demand"]["streams"] == [
        {"id": "cards_queue", "volume": 4500, "aht": 240},
        {"id": "chat", "volume": 800},
    ]


def test_overlaid_values_keep_the_position_they_were_written_at() -> None:
    data, source_map = overlay("set:\n  lead: {rule: {per: 15}}\n")
    assert data["departments"][0]["posts"][1]["rule"]["per"] == 15
    # `per: 15` is written on line 31 (the scenario), the rest of the rule on line 25.
    assert source_map.locate(("departments", 0, "posts", 1, "rule", "per")).line == 31
    assert source_map.locate(("departments", 0, "posts", 1, "rule", "of")).line == 25


def test_the_parts_a_scenario_leaves_alone_are_shared_with_the_base() -> None:
    text = BASE + "scenarios:\n  s:\n    set:\n      lead: {rule: {per: 15}}\n"
    document = load_yaml(text, "c.yaml")
    data = apply_scenario(document, validate(document), "s").data
    # Not copied: the cost of a scenario follows what it touches, not the size of the config.
    assert data["grades"] is document.data["grades"]
    assert data["departments"][1] is document.data["departments"][1]
    assert data["departments"][0]["posts"][0] is document.data["departments"][0]["posts"][0]
    assert data["departments"][0]["posts"][1] is not document.data["departments"][0]["posts"][1]


def test_a_key_the_scenario_deletes_has_no_position_left() -> None:
    data, source_map = overlay("set:\n  lead: {reports_to: null}\n")
    lead = ("departments", 0, "posts", 1)
    assert "reports_to" not in data["departments"][0]["posts"][1]
    # Located at the post, as any missing key is, not at the line the base wrote it on.
    assert source_map.locate((*lead, "reports_to")) == source_map.locate(lead)
    assert source_map.locate(lead).line == BASE.splitlines().index("      - id: lead") + 1


def test_a_value_the_scenario_breaks_is_reported_where_the_scenario_wrote_it() -> None:
    text = BASE + "scenarios:\n  s:\n    set:\n      lead: {rule: {per: -3}}\n"
    with pytest.raises(ConfigError) as caught:
        load_document(load_yaml(text, "c.yaml"), "s")
    (problem,) = caught.value.problems
    assert str(problem.location) == "c.yaml:31:26"
    assert problem.message.endswith("(with scenario 's')")


def test_a_removed_post_still_referenced_is_a_located_reference_error() -> None:
    text = BASE + "scenarios:\n  s:\n    remove: [posts/agent]\n"
    with pytest.raises(ConfigError) as caught:
        load_document(load_yaml(text, "c.yaml"), "s")
    assert [str(p) for p in caught.value.problems] == [
        "c.yaml:25:43: unknown post, department or center 'agent' (with scenario 's')"
    ]


def test_unknown_ids_are_located_with_a_suggestion() -> None:
    assert problems("set:\n  leda: {name: y}\nremove: [qualty]\n") == [
        "c.yaml:32:14: scenario 's': unknown id 'qualty'; did you mean 'quality'?",
        "c.yaml:31:7: scenario 's': unknown id 'leda'; did you mean 'lead'?",
    ]


def test_an_id_of_two_objects_must_be_qualified() -> None:
    assert problems("set:\n  agent: {name: x}\n") == [
        "c.yaml:31:7: scenario 's': 'agent' names 2 objects; write 'grades/agent' (line 11) "
        "or 'posts/agent' (line 16)"
    ]


def test_places_ids_and_duplicates_are_checked() -> None:
    assert problems(
        """\
        set:
          lead: {id: chief}
        add:
          opz.posts: [{id: x}]
          ops.posts: [{id: lead, name: 组长}]
          ops.name: [{id: y}]
        remove: [hq]
        """
    ) == [
        "c.yaml:36:14: scenario 's': cannot remove 'hq': only an item of a list can go",
        "c.yaml:31:18: scenario 's': a scenario cannot change an id; remove the object and add one",
        "c.yaml:33:7: scenario 's': unknown id 'opz'; did you mean 'ops'?",
        "c.yaml:34:24: scenario 's': ops.posts already has 'lead' (line 21); change it with 'set'",
        "c.yaml:35:7: scenario 's': 'ops.name' is not a list, so nothing can be added to it",
    ]


def test_setting_an_object_the_scenario_removed_says_so() -> None:
    assert problems("remove: [lead]\nset:\n  lead: {name: x}\n") == [
        "c.yaml:32:7: scenario 's': 'lead' is removed by this scenario"
    ]


def test_an_unknown_scenario_is_a_usage_error_with_a_suggestion() -> None:
    document = load_yaml(BASE + "scenarios:\n  lean: {}\n  launch: {}\n", "c.yaml")
    with pytest.raises(
        UsageError, match=r"no scenario 'laen'; did you mean 'lean'\? \(scenarios: launch, lean\)"
    ):
        apply_scenario(document, validate(document), "laen")
    bare = load_yaml(BASE, "c.yaml")
    with pytest.raises(UsageError, match="has no scenarios"):
        apply_scenario(bare, validate(bare), "lean")


def test_the_overlaid_config_plans_like_any_config() -> None:
    text = BASE + "scenarios:\n  s:\n    set:\n      posts/agent: {rule: {count: 180}}\n"
    plan = plan_config(load_document(load_yaml(text, "c.yaml"), "s"))
    assert plan.post("agent").headcount == 180
    assert plan.post("lead").headcount == 15


def test_scenarios_past_their_limit_are_refused_before_any_is_planned() -> None:
    text = "center: {id: c, name: C}\ngrades: [{id: g, name: G, rank: 1}]\nscenarios:\n" + "".join(
        f"  s{i}: {{description: d}}\n" for i in range(21)
    )
    with pytest.raises(ConfigError) as caught:
        validate(load_yaml(text, "f.yaml"))
    (problem,) = caught.value.problems
    assert str(problem) == (
        "f.yaml:4:3: scenarios: 21 scenarios; a config holds at most 20 (the limit of scenarios)"
    )
