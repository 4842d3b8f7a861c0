"""The terminal view of a plan with sites: tree and tables roll up as the JSON does."""

from __future__ import annotations

import io
import re

from rich.console import Console

from ccorg.render.plan_json import plan_to_dict
from ccorg.render.plan_rows import render_plan_csv
from ccorg.render.plan_text import render_plan
from tests.render.conftest import SITES


def text_of(plan, width: int = 140) -> str:
    console = Console(width=width, color_system=None, record=True, file=io.StringIO())
    render_plan(plan, console)
    return console.export_text()


def tables(text: str) -> dict[str, list[list[str]]]:
    """Each unit table's rows (cells split on runs of 2+ spaces), by its title."""
    found: dict[str, list[list[str]]] = {}
    title = None
    for line in text.splitlines():
        if match := re.match(r"^(\S.*\(\w+\))\s*$", line):
            title = match[1]
            found[title] = []
        elif title and line.strip() and not set(line.strip()) <= {"─"}:
            found[title].append(re.split(r"\s{2,}", line.strip()))
        elif title and not line.strip() and found[title] and found[title][-1][0] == "Total":
            title = None
    return found


def test_tree_and_tables_roll_up_as_the_json(sites):
    document = plan_to_dict(sites)
    text = text_of(sites)
    departments = {d["id"]: d for d in document["departments"]}
    ops = departments["ops"]
    assert (
        f"运营部  {ops['headcount']} own · {ops['total_headcount']} in all (incl. 上海站点, 成都站点)"
        in text
    )
    units = tables(text)
    assert list(units)[:5] == [
        "客服中心 (kfzx)",
        "运营部 (ops)",
        "上海站点 (shanghai)",
        "成都站点 (chengdu)",
        "品质部 (quality)",
    ]
    header = units["运营部 (ops)"][0]
    assert header == [
        "Post", "Grade", "Rule", "编制", "Headcount", "In post", "Gap", "Vacant", "Over",
        "Annual cost",
    ]  # fmt: skip
    for department in document["departments"]:
        rows = units[f"{department['name']} ({department['id']})"]
        totals = [row for row in rows if row[0] == "Total"]
        figures = [department] if not department["subdepartments"] else [department, None]
        own = dict(zip(header[-7:], totals[0][-7:], strict=True))
        assert own["Headcount"] == str(department["headcount"])
        assert own["In post"] == str(department["current"])
        assert own["编制"] == str(department["establishment"])
        assert own["Annual cost"] == f"¥{department['annual_cost']:,.0f}"
        if len(figures) == 2:
            total = dict(zip(header[-7:], totals[1][-7:], strict=True))
            assert totals[1][1].startswith("incl. 上海站点")
            assert total["Headcount"] == str(department["total_headcount"])
            assert total["In post"] == str(department["total_current"])
            assert total["编制"] == str(department["total_establishment"])
            assert total["Vacant"] == str(department["total_vacancies"])
            assert total["Over"] == f"{department['total_over_establishment']:+d}"
            assert total["Annual cost"] == f"¥{department['total_annual_cost']:,.0f}"
    assert f"Establishment (编制)  {document['establishment']}" in re.sub(r" {3,}", "  ", text)
    assert "Budget variance  ¥2,680,000 under budget" in re.sub(r" {3,}", "  ", text)


def test_every_table_has_the_same_columns_at_the_same_places(sites, bank):
    for plan in (sites, bank):
        lines = text_of(plan, 120).splitlines()
        headers = [line for line in lines if line.lstrip().startswith("Post ")]
        rules = [line for line in lines if set(line.strip()) == {"─"}]
        assert len(headers) == len(plan.departments) + 1
        assert len(set(headers)) == 1
        assert len({len(rule) for rule in rules[: len(headers)]}) == 1


def test_the_narrow_terminal_keeps_every_number_whole(sites):
    text = text_of(sites, 80)
    assert "…" not in text
    assert "¥45,930,000" in text


def test_csv_carries_each_posts_establishment(sites):
    lines = render_plan_csv(sites).splitlines()
    header = lines[0].split(",")
    assert header[9:12] == ["establishment", "vacancies", "over_establishment"]
    manager = next(line.split(",") for line in lines if ",ops_manager," in line)
    assert manager[9:12] == ["1", "0", "0"]


def test_the_sites_plan_matches_golden(sites, golden):
    assert SITES.name == "two_sites.yaml"
    golden(
        "plan_two_sites.txt",
        "\n".join(line.rstrip() for line in text_of(sites, 100).splitlines()) + "\n",
    )
