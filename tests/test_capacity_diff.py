"""Two capacity plans compared (capacity_diff.py): the bank's launch, and a hand-checked class."""

from __future__ import annotations

import textwrap
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from ccorg.capacity_diff import CapacityDiff, HireChange, hire_changes
from ccorg.errors import ConfigError
from ccorg.pipeline import capacity_file, capacity_sources
from ccorg.staffing.supply import TrainingClass
from tests.conftest import BANK
from tests.staffing.test_capacity import write

LAUNCH = f"{BANK}@credit_card_launch"


def small(tmp_path: Path, name: str, attrition: float, months: int = 5) -> str:
    """The agents of tests/staffing's center, 50 in post, planned from May: on its flat week
    they need 45.0 FTE in a 31-day month, 43.5 in a 30-day one."""
    folder = tmp_path / name.removesuffix(".yaml")
    folder.mkdir()
    capacity = f"""\
        capacity:
          horizon: {{start: 2027-05, months: {months}}}
          workforce:
            default: {{attrition_annual: {attrition}, recruit_lead_weeks: 4, class_size: {{min: 5}}}}
        """
    return str(write(folder, capacity, current=50))


def horizon_line(path: str) -> int:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if "horizon:" in line)


@pytest.fixture(scope="module")
def launch() -> CapacityDiff:
    return capacity_sources(str(BANK), LAUNCH)


@pytest.fixture(scope="module")
def plans():  # type: ignore[no-untyped-def]
    """The two capacity plans as `ccorg capacity` makes them, independently of the diff."""
    return capacity_file(str(BANK)), capacity_file(str(BANK), "credit_card_launch")


def test_the_launch_moves_the_cost_the_two_plans_give(launch, plans):
    base, card = plans
    assert launch.cost_change == pytest.approx(float(np.sum(card.cost) - np.sum(base.cost)))
    assert launch.cost_change > 0
    by_year = {year.year: year for year in launch.years}
    assert sorted(by_year) == [2027, 2028]
    assert by_year[2027].months == 12 and by_year[2028].months == 6
    assert by_year[2027].before == pytest.approx(float(np.sum(base.cost[:12])))
    assert by_year[2028].after == pytest.approx(float(np.sum(card.cost[12:])))
    assert sum(y.change for y in launch.years) == pytest.approx(launch.cost_change)


def test_the_card_team_is_added_with_the_classes_its_plan_hires(launch, plans):
    _, card = plans
    specialist = next(p for p in launch.workload if p.id == "card_specialist")
    hired = card.post("card_specialist").supply.classes
    assert specialist.status == "added"
    assert [c.kind for c in specialist.hires] == ["added"] * len(hired)
    assert [(c.after.start_date, c.after.size) for c in specialist.hires] == [  # type: ignore[union-attr]
        (group.start_date, group.size) for group in hired
    ]
    assert specialist.hired("after") == sum(group.size for group in hired)
    # Hired ahead of the May launch: the first class starts in March, heads on roll from then.
    heads = np.asarray(card.post("card_specialist").supply.heads)
    assert specialist.changed_months[0] == int(np.flatnonzero(heads)[0])


def test_the_agents_months_that_moved_are_those_the_plans_differ_in(launch, plans):
    base, card = plans
    agent = next(p for p in launch.workload if p.id == "agent")
    old, new = base.post("agent"), card.post("agent")
    differ = set(np.flatnonzero(np.abs(new.supply.heads - old.supply.heads) > 1e-6))
    differ |= set(np.flatnonzero(np.abs(new.required_fte - old.required_fte) > 1e-6))
    assert set(agent.changed_months) == {int(m) for m in differ}
    assert agent.hired("before") == sum(c.size for c in old.supply.classes)
    assert agent.hired("after") == sum(c.size for c in new.supply.classes)
    # The scenario's inputs apply from its effective month; the hiring moves before it.
    scenario_months = tuple(int(m) for m in np.flatnonzero(card.variant_of_month))
    causes = {c.change.field: c.months for c in agent.causes}
    assert causes["calls.aht_seconds"] == scenario_months
    assert card.months[scenario_months[0]] == "2027-05"
    assert min(agent.changed_months) < scenario_months[0]
    assert launch.follows_after[scenario_months[0]] == "credit_card_launch"
    assert set(launch.follows_before) == {None}


def test_a_post_the_launch_leaves_alone_is_unchanged(launch):
    outbound = next(p for p in launch.workload if p.id == "outbound_agent")
    assert outbound.status == "unchanged" and outbound.hires == ()
    assert launch.has_changes


def test_lower_attrition_removes_the_august_class(tmp_path):
    # By hand: 50 heads at 30% a year keep 0.7^(1/12) a month. Months from May: May 48.54,
    # Jun 47.11, Jul 45.73, Aug 50 × 0.7^(4/12) = 44.395 < 45 required. The gap, 0.605 FTE,
    # is a class of 1 raised to class_size.min 5, starting 2027-08-01 (no training: productive
    # at once), requisitioned 4 weeks before: 2027-07-04. September: 50 × 0.7^(5/12) = 43.10
    # + 5 × 0.9707 = 47.95 ≥ 43.55. At 20% a year: Aug 50 × 0.8^(4/12) = 46.42 ≥ 45 and
    # Sep 50 × 0.8^(5/12) = 45.57 ≥ 43.55: no class at all.
    diff = capacity_sources(small(tmp_path, "old.yaml", 0.30), small(tmp_path, "new.yaml", 0.20))
    (agent,) = diff.workload
    assert [change.kind for change in agent.hires] == ["removed"]
    removed = agent.hires[0].before
    assert removed is not None
    assert (removed.start_date, removed.size) == (date(2027, 8, 1), 5)
    assert removed.requisition_date == date(2027, 7, 4)
    before = agent.values("before")
    assert before["heads"][3] == pytest.approx(50 * 0.7 ** (4 / 12) + 5)
    assert before["required_fte"][3] > 50 * 0.7 ** (4 / 12)
    assert agent.values("after")["starts"].sum() == 0
    assert agent.hired("before") == 5 and agent.hired("after") == 0
    assert [c.change.text for c in agent.causes] == ["workforce.default.attrition_annual 0.3 → 0.2"]
    # Fewer leavers and no class: 50 × 0.8^((m+1)/12) heads a month at ¥10,000 a head.
    after_heads = 50 * 0.8 ** (np.arange(1, 6) / 12)
    assert agent.values("after")["cost"].sum() == pytest.approx(after_heads.sum() * 10_000)


def test_the_same_plan_on_both_sides_has_no_changes(tmp_path):
    path = small(tmp_path, "c.yaml", 0.30)
    diff = capacity_sources(path, path)
    assert not diff.has_changes
    assert diff.cost_change == 0 and all(p.status == "unchanged" for p in diff.workload)


def test_two_horizons_are_an_error_located_at_each(tmp_path):
    with pytest.raises(ConfigError) as caught:
        capacity_sources(small(tmp_path, "a.yaml", 0.3), small(tmp_path, "b.yaml", 0.3, months=6))
    problems = caught.value.problems
    assert [Path(p.location.path).parent.name for p in problems] == ["a", "b"]
    assert [p.location.line for p in problems] == [horizon_line(p.location.path) for p in problems]
    assert "2027-05 – 2027-09 (5 months)" in problems[0].message
    assert "2027-05 – 2027-10 (6 months)" in problems[0].message


def with_text(path: str, name: str, extra: str) -> str:
    """A copy of the config at ``path`` with ``extra`` YAML appended, in its own folder."""
    folder = Path(path).parent.parent / name
    folder.mkdir()
    copy = folder / "c.yaml"
    copy.write_text(Path(path).read_text(encoding="utf-8") + textwrap.dedent(extra), "utf-8")
    return str(copy)


def test_moving_the_launch_says_which_months_follow_which_config(tmp_path):
    base = small(tmp_path, "base.yaml", 0.30)
    launch = """\
        scenarios:
          launch:
            effective: {month}
            set: {{calls: {{volume: {{per_day: 3000}}}}}}
        """
    june = with_text(base, "june", launch.format(month="2027-06"))
    august = with_text(base, "august", launch.format(month="2027-08"))
    diff = capacity_sources(f"{june}@launch", f"{august}@launch")
    assert diff.follows_before == (None, "launch", "launch", "launch", "launch")
    assert diff.follows_after == (None, None, None, "launch", "launch")
    (agent,) = diff.workload
    # June and July now follow the base: their volume is the base's again.
    causes = {c.change.text: c.months for c in agent.causes}
    assert causes == {"calls.volume.per_day 3,000 → 2,400": (1, 2)}
    required = agent.values("after")["required_fte"] - agent.values("before")["required_fte"]
    assert [int(m) for m in np.flatnonzero(np.abs(required) > 1e-9)] == [1, 2]
    assert all(r < 0 for r in required[1:3])


def test_a_seasonal_factor_is_a_cause_in_the_months_it_names(tmp_path):
    base = small(tmp_path, "base.yaml", 0.30)
    seasonal = base.replace("base", "seasonal")
    Path(seasonal).parent.mkdir()
    text = Path(base).read_text(encoding="utf-8")
    Path(seasonal).write_text(
        text.replace("  workforce:", "  seasonality: {monthly: {aug: 1.2}}\n  workforce:"), "utf-8"
    )
    diff = capacity_sources(base, seasonal)
    assert [(c.change.text, c.months) for c in diff.center_causes] == [
        ("seasonality.monthly.aug 1 → 1.2", (3,))
    ]
    (agent,) = diff.workload
    required = agent.values("after")["required_fte"] - agent.values("before")["required_fte"]
    assert [int(m) for m in np.flatnonzero(np.abs(required) > 1e-9)] == [3]


def training_class(month: int, size: int) -> TrainingClass:
    """A class starting on the first of 2027's month ``month`` (1-based), 4 weeks' lead."""
    start = date(2027, month, 1)
    return TrainingClass(month - 1, month - 1, size, start - timedelta(weeks=4), start, start)


def test_classes_pair_as_the_same_resized_moved_added_and_removed():
    before = [training_class(3, 25), training_class(5, 8), training_class(12, 8)]
    after = [training_class(3, 25), training_class(5, 10), training_class(7, 8)]
    after += [training_class(9, 8)]
    changes = hire_changes(before, after)
    # March is the same class; May grew; December's class is nearest September's: moved;
    # July's has no partner left: added.
    seen = [
        (c.kind, c.before and c.before.start_date.month, c.after and c.after.start_date.month)
        for c in changes
    ]
    assert seen == [("resized", 5, 5), ("added", None, 7), ("moved", 12, 9)]
    assert hire_changes(after, before)[1:] == (
        HireChange("removed", training_class(7, 8), None),
        HireChange("moved", training_class(9, 8), training_class(12, 8)),
    )
