"""The plan's post tables as data: one per unit, the cells of each row and of its totals.

The terminal and the Markdown report draw the same tables, so their numbers and columns
agree; each view only names the columns (in its own words) and lays them out. A department's
table comes right after its parent's; a parent's totals come twice, for its own posts and
including its sub-departments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ccorg.i18n import N_, _
from ccorg.plan import Figures, Plan, PostPlan
from ccorg.units import money, signed

# Column keys in table order; the 编制 columns only when the plan gives any 编制.
COLUMNS = (
    "post",
    "grade",
    "rule",
    "establishment",
    "headcount",
    "current",
    "gap",
    "vacancies",
    "over_establishment",
    "annual_cost",
)
ESTABLISHMENT_COLUMNS = frozenset({"establishment", "vacancies", "over_establishment"})
NUMBER_COLUMNS = frozenset(COLUMNS) - {"post", "grade", "rule"}

Cells = dict[str, str]

# What the views call the columns and the totals rows, in one place.
HEADINGS = {
    "post": N_("Post"),
    "grade": N_("Grade"),
    "rule": N_("Rule"),
    "establishment": N_("编制"),
    "headcount": N_("Headcount"),
    "current": N_("In post"),
    "gap": N_("Gap"),
    "vacancies": N_("Vacant"),
    "over_establishment": N_("Over"),
    "annual_cost": N_("Annual cost"),
}
TOTAL, OWN, INCLUDING = N_("Total"), N_("own posts"), N_("incl. {names}")


def heading(column: str) -> str:
    """What a view calls ``column``, in the active language."""
    return _(HEADINGS[column])


@dataclass(frozen=True)
class PostTable:
    """One unit's posts: the center's own, or a department's.

    ``title`` is ``name (id)``; ``own`` totals the unit's own posts; ``total`` adds its
    sub-departments (None when it has none) and ``includes`` names those directly below it.
    """

    title: str
    name: str
    department_id: str | None
    posts: tuple[PostPlan, ...]
    own: Figures
    total: Figures | None
    includes: tuple[str, ...]


def post_tables(plan: Plan) -> list[PostTable]:
    """The center's table (when it has posts), then each department's, parents first."""
    tables = []
    if plan.posts:
        title = f"{plan.center_name} ({plan.center_id})"
        tables.append(
            PostTable(title, plan.center_name, None, plan.posts, plan.center_figures, None, ())
        )
    for top in plan.top_departments():
        for department in (top, *plan.descendants(top.id)):
            below = plan.subdepartments(department.id)
            tables.append(
                PostTable(
                    f"{department.name} ({department.id})",
                    department.name,
                    department.id,
                    department.posts,
                    plan.own_figures(department.id),
                    plan.total_figures(department.id) if below else None,
                    tuple(d.name for d in below),
                )
            )
    return tables


def shown_columns(plan: Plan) -> tuple[str, ...]:
    """The column keys a plan's tables show: the 编制 ones only if it gives some 编制."""
    given = any(p.establishment is not None for p in plan.all_posts()) or any(
        d.department.establishment is not None for d in plan.departments
    )
    return tuple(c for c in COLUMNS if given or c not in ESTABLISHMENT_COLUMNS)


def post_cells(post: PostPlan, currency: str, rule: Callable[[PostPlan], str]) -> Cells:
    """One post's cells by column key; — where a value is not given."""
    return {
        "post": post.name,
        "grade": post.grade.name,
        "rule": rule(post),
        "establishment": _count(post.establishment),
        "headcount": str(post.headcount),
        "current": _count(post.current),
        "gap": _signed(post.gap),
        "vacancies": _count(post.vacancies),
        "over_establishment": _signed(post.over_establishment),
        "annual_cost": money(post.annual_cost, currency),
    }


def total_cells(figures: Figures, currency: str, label: str, what: str) -> Cells:
    """A totals row: ``label`` in the post column, ``what`` (own posts, incl. …) in the rule's."""
    return {
        "post": label,
        "grade": "",
        "rule": what,
        "establishment": _count(figures.establishment),
        "headcount": str(figures.headcount),
        "current": _count(figures.current),
        "gap": _signed(figures.gap),
        "vacancies": _count(figures.vacancies),
        "over_establishment": _signed(figures.over_establishment),
        "annual_cost": money(figures.annual_cost, currency),
    }


def bold(cell: str) -> str:
    """A Markdown total in bold; an unknown (—) or empty cell stays as it is."""
    return cell if cell in ("", "—") else f"**{cell}**"


def _count(value: int | None) -> str:
    return "—" if value is None else str(value)


def _signed(value: int | None) -> str:
    return "—" if value is None else signed(value)
