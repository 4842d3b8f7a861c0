"""``budget``: a plan that costs more than the center may spend."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import Field

from ccorg.checks.findings import Severity
from ccorg.checks.rule_base import Hit, PolicyOptions, PolicyRule
from ccorg.i18n import _
from ccorg.units import money

if TYPE_CHECKING:
    from ccorg.checks.subject import Subject


class BudgetOptions(PolicyOptions):
    """Options of the ``budget`` rule."""

    annual: float | None = Field(
        None, ge=0, description="The center's yearly budget in its currency; omitted: no check."
    )


def budget(subject: Subject, options: BudgetOptions) -> Iterator[Hit]:
    """Total cost above the budget.

    Compares the plan's annual cost — each post's headcount times its grade's
    `annual_cost`, over the whole center — with `annual`, in the center's currency. Posts
    whose grade has no `annual_cost` count for nothing, and the message says so. Without
    `annual` the rule has nothing to compare with and stays silent.
    """
    if options.annual is None:
        return
    plan = subject.plan
    if plan.total_cost <= options.annual:
        return
    currency = plan.currency
    over = plan.total_cost - options.annual
    if plan.cost_complete:
        template = _("the plan costs {cost} a year, {over} over the budget of {budget}")
    else:
        template = _(
            "the plan costs {cost} a year, {over} over the budget of {budget} "
            "(posts of grades without annual_cost not counted)"
        )
    yield Hit(
        ("policies", "budget", "annual"),
        template.format(
            cost=money(plan.total_cost, currency),
            over=money(over, currency),
            budget=money(options.annual, currency),
        ),
    )


RULE = PolicyRule("budget", Severity.ERROR, BudgetOptions, budget)
