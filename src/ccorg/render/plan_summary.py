"""The plan's summary measures as text pairs, shared by the terminal and the Markdown report."""

from __future__ import annotations

from ccorg.i18n import _
from ccorg.i18n.numbers import summary_money
from ccorg.plan import Plan
from ccorg.units import number


def summary_rows(plan: Plan) -> list[tuple[str, str]]:
    """Total headcount, frontline share, cost, and the shape of the reporting lines."""
    total = plan.total_headcount
    share = plan.frontline_headcount / total if total else 0.0
    cost = summary_money(plan.total_cost, plan.currency)
    rows = [
        (_("Total headcount"), str(total)),
        (_("Frontline"), f"{plan.frontline_headcount} ({share:.1%})"),
    ]
    if plan.total_current is not None:
        rows.append((_("In post today"), str(plan.total_current)))
    if not plan.cost_complete:
        cost = _("{cost} (some grades uncosted)").format(cost=cost)
    rows.append((_("Annual cost"), cost))
    structure = plan.structure
    if structure.average_span is not None:
        rows.append((_("Average span"), number(structure.average_span, 1)))
    largest = structure.largest_span
    if largest is not None:
        name = plan.post(largest[0]).qualified_name
        rows.append((_("Largest span"), f"{number(largest[1], 1)} ({name})"))
    rows.append((_("Layers"), str(structure.layers)))
    return rows
