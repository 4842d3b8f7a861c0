"""The plan as one self-contained HTML page for leadership: summary, org chart by reporting
line, department tables whose numbers open their derivation, and a heatmap per stream.

The page is built from the same data the other views print: ``summary_rows`` for the summary,
``org_chart`` for the chart, each post's ``steps`` for its derivation (as ``explain`` shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ccorg.config.schema import ConcurrentRule
from ccorg.i18n import _
from ccorg.i18n.numbers import summary_money
from ccorg.plan import Plan, PostPlan
from ccorg.render.html_page import render_page, stream_heatmap
from ccorg.render.org_chart import ChartNode, org_chart
from ccorg.render.plan_summary import summary_rows
from ccorg.render.rule_text import rule_summary
from ccorg.units import money, number, signed

if TYPE_CHECKING:
    from ccorg.simulate import Simulation
    from ccorg.staffing.capacity import CapacityPlan
    from ccorg.staffing.shifts import ShiftPlan


@dataclass(frozen=True)
class ChartStep:
    """One step of a flat walk of the chart, so that a chart thousands of levels deep needs no
    recursion: ``start`` a node (``children``: whether any are drawn under it), ``open`` and
    ``close`` the list of its children, ``end`` the node."""

    kind: str
    node: ChartNode | None = None
    post: PostPlan | None = None
    establishment: int | None = None
    children: bool = False


def render_plan_html(
    plan: Plan,
    source: str = "",
    scenario: str | None = None,
    capacity: CapacityPlan | None = None,
    simulation: Simulation | None = None,
    shifts: tuple[ShiftPlan, ...] = (),
) -> str:
    """The page of ``plan``; ``source`` and ``scenario`` name where it came from. With
    ``capacity`` the page shows its months too, with ``simulation`` the simulated week."""
    months: list[Any] = []
    if capacity is not None:
        from ccorg.render.html_capacity import capacity_posts

        months = capacity_posts(capacity)
    scheduled: list[Any] = []
    if shifts:
        from ccorg.render.html_shifts import scheduled_posts

        scheduled = scheduled_posts(shifts)
    simulated: list[Any] = []
    if simulation is not None:
        from ccorg.render.html_simulation import simulated_streams

        simulated = simulated_streams(simulation)
    return render_page(
        "plan.html.j2",
        title=_("{center}: staffing plan").format(center=plan.center_name),
        labels=_labels(),
        plan=plan,
        source=source,
        scenario=scenario,
        summary=summary(plan),
        chart=chart_steps(plan),
        tables=department_tables(plan),
        streams=[
            (stream, stream_heatmap(stream), number(stream.peak[2], 1))
            for stream in _queues_first(plan)
        ],
        capacity=months,
        scheduled=scheduled,
        simulated=simulated,
    )


def summary(plan: Plan) -> list[tuple[str, str]]:
    """The summary rows every view shows, with 编制, vacancies and the budget where given."""
    rows = summary_rows(plan)
    figures = plan.figures
    if figures.establishment is not None:
        rows.append((_("编制 (establishment)"), str(figures.establishment)))
        rows.append((_("Planned − 编制"), signed(figures.over_establishment or 0)))
        if figures.vacancies is not None:
            rows.append((_("Vacancies (编制 − in post)"), str(figures.vacancies)))
    if plan.budget is not None:
        rows.append((_("Budget"), summary_money(plan.budget, plan.currency)))
        variance = plan.budget_variance or 0.0
        key = _("Over budget") if variance > 0 else _("Under budget")
        rows.append((key, summary_money(abs(variance), plan.currency)))
    return rows


def chart_steps(plan: Plan) -> list[ChartStep]:
    """The org chart as a flat walk: each node, and where its children open and close."""
    chart = org_chart(plan)
    posts = {post.id: post for post in plan.all_posts()}
    steps: list[ChartStep] = []
    pending: list[tuple[str, str]] = [("start", chart.root.key)]
    while pending:
        kind, key = pending.pop()
        if kind != "start":
            steps.append(ChartStep(kind, chart.node(key)))
            continue
        node = chart.node(key)
        post = posts.get(node.id) if node.kind == "post" else None
        establishment = None
        if node.kind == "department":
            establishment = plan.total_figures(node.id).establishment
        elif post is not None:
            establishment = post.establishment
        children = chart.children(key)
        steps.append(ChartStep("start", node, post, establishment, bool(children)))
        pending.append(("end", key))
        if children:
            pending.append(("close", key))
            pending.extend(("start", child.key) for child in reversed(children))
            pending.append(("open", key))
    return steps


@dataclass(frozen=True)
class TableRow:
    post: PostPlan
    rule: str
    cost: str
    concurrent: bool


@dataclass(frozen=True)
class PostTable:
    id: str
    title: str
    rows: tuple[TableRow, ...]
    totals: dict[str, str]
    includes: str


def department_tables(plan: Plan) -> list[PostTable]:
    """The center's own posts, then every department (a unit after its parent), one layout."""
    tables = []
    if plan.posts:
        figures = plan.center_figures
        tables.append(_table(plan, plan.center_id, plan.center_name, plan.posts, figures, ""))
    ordered = [d for top in plan.top_departments() for d in (top, *plan.descendants(top.id))]
    for department in ordered:
        below = plan.subdepartments(department.id)
        includes = ""
        if below:
            names = ", ".join(d.name for d in below)
            includes = _("incl. {names}").format(names=names)
        tables.append(
            _table(
                plan,
                department.id,
                department.name,
                department.posts,
                plan.total_figures(department.id),
                includes,
            )
        )
    return tables


def _table(
    plan: Plan, table_id: str, title: str, posts: tuple[PostPlan, ...], figures: Any, includes: str
) -> PostTable:
    rows = tuple(
        TableRow(
            post,
            rule_summary(post, plan),
            money(post.annual_cost, plan.currency),
            isinstance(post.post.rule, ConcurrentRule),
        )
        for post in posts
    )
    totals = {
        "headcount": str(figures.headcount),
        "current": "—" if figures.current is None else str(figures.current),
        "gap": "—" if figures.gap is None else signed(figures.gap),
        "establishment": "—" if figures.establishment is None else str(figures.establishment),
        "cost": money(figures.annual_cost, plan.currency),
    }
    return PostTable(table_id, title, rows, totals, includes)


def _queues_first(plan: Plan) -> list[Any]:
    return sorted(plan.streams, key=lambda stream: stream.metrics is None)


def _labels() -> dict[str, str]:
    """Every fixed word of the page, in the active language."""
    return {
        "summary": _("Summary"),
        "chart": _("Org chart by reporting line"),
        "departments": _("Departments and posts"),
        "demand": _("Demand: required agents by weekday and time"),
        "post": _("Post"),
        "grade": _("Grade"),
        "rule": _("Rule"),
        "headcount": _("Headcount"),
        "current": _("In post"),
        "gap": _("Gap"),
        "establishment": _("编制"),
        "cost": _("Annual cost"),
        "total": _("Total"),
        "derivation": _("Derivation"),
        "concurrent": _("concurrent (兼任)"),
        "people": _("people"),
        "scenario": _("Scenario"),
        "source": _("Source"),
        "generated": _("Generated"),
        "language": _("Language"),
        "service_level": _("Service level"),
        "peak": _("Peak"),
        "agent_hours": _("Agent-hours a week"),
        "worked_by": _("Worked by"),
        "own": _("own"),
        "in_all": _("in all"),
        "base": _("base plan"),
        "capacity": _("Capacity by month"),
        "hiring": _("Hiring"),
        "simulated": _("Simulated week (discrete-event simulation)"),
        "shifts": _("Shift plan: coverage against the requirement"),
    }
