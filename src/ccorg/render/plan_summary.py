"""The plan's summary measures as text pairs, shared by the terminal and the Markdown report."""

from __future__ import annotations

from ccorg.plan import Plan
from ccorg.units import money, number


def summary_rows(plan: Plan) -> list[tuple[str, str]]:
    """Total headcount, frontline share, cost, and the shape of the reporting lines."""
    total = plan.total_headcount
    share = plan.frontline_headcount / total if total else 0.0
    cost = money(plan.total_cost, plan.currency)
    rows = [
        ("Total headcount", str(total)),
        ("Frontline", f"{plan.frontline_headcount} ({share:.1%})"),
    ]
    if plan.total_current is not None:
        rows.append(("In post today", str(plan.total_current)))
    rows.append(("Annual cost", cost if plan.cost_complete else f"{cost} (some grades uncosted)"))
    structure = plan.structure
    if structure.average_span is not None:
        rows.append(("Average span", number(structure.average_span, 1)))
    largest = structure.largest_span
    if largest is not None:
        name = plan.post(largest[0]).qualified_name
        rows.append(("Largest span", f"{number(largest[1], 1)} ({name})"))
    rows.append(("Layers", str(structure.layers)))
    return rows
