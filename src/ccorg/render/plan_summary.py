"""The plan's summary measures as text pairs, shared by the terminal and the Markdown report."""

from __future__ import annotations

from ccorg.i18n import _
from ccorg.i18n.numbers import summary_money
from ccorg.plan import Figures, Plan
from ccorg.units import number, signed


def summary_rows(plan: Plan) -> list[tuple[str, str]]:
    """Total headcount, frontline share, cost, and the shape of the reporting lines."""
    total = plan.total_headcount
    share = plan.frontline_headcount / total if total else 0.0
    cost = summary_money(plan.total_cost, plan.currency)
    rows = [
        (_("Total headcount"), str(total)),
        (_("Frontline"), f"{plan.frontline_headcount} ({share:.1%})"),
    ]
    figures = plan.figures
    if plan.total_current is not None:
        in_post = str(plan.total_current)
        if figures.lacking_current:
            staffed = sum(1 for post in plan.all_posts() if post.post.rule.kind != "concurrent")
            in_post = _("{count} (not given for {missing} of {posts} posts)").format(
                count=in_post, missing=figures.lacking_current, posts=staffed
            )
        rows.append((_("In post today"), in_post))
    rows.extend(establishment_rows(figures))
    if not plan.cost_complete:
        cost = _("{cost} (some grades uncosted)").format(cost=cost)
    rows.append((_("Annual cost"), cost))
    if plan.budget is not None and plan.budget_variance is not None:
        rows.append((_("Budget"), summary_money(plan.budget, plan.currency)))
        rows.append((_("Budget variance"), variance_text(plan.budget_variance, plan.currency)))
    structure = plan.structure
    if structure.average_span is not None:
        rows.append((_("Average span"), number(structure.average_span, 1)))
    largest = structure.largest_span
    if largest is not None:
        name = plan.post(largest[0]).qualified_name
        rows.append((_("Largest span"), f"{number(largest[1], 1)} ({name})"))
    rows.append((_("Layers"), str(structure.layers)))
    return rows


def establishment_rows(figures: Figures) -> list[tuple[str, str]]:
    """编制, vacancies (编制 − in post) and over-establishment (planned − 编制), where given."""
    if figures.establishment is None:
        return []
    rows = [(_("Establishment (编制)"), str(figures.establishment))]
    if figures.vacancies is not None:
        rows.append((_("Vacancies (编制 − in post)"), str(figures.vacancies)))
    over = figures.over_establishment
    assert over is not None
    rows.append((_("Over establishment (planned − 编制)"), signed(over)))
    return rows


def variance_text(variance: float, currency: str) -> str:
    """``¥2,680,000 under budget``, ``¥215,000 over budget``, ``on budget``."""
    if not variance:
        return _("on budget")
    amount = summary_money(abs(variance), currency)
    if variance > 0:
        return _("{amount} over budget").format(amount=amount)
    return _("{amount} under budget").format(amount=amount)


def establishment_line(plan: Plan) -> str:
    """``编制 345 · planned 339 (-6) · in post 190 · vacancies 155``; empty without 编制."""
    figures = plan.figures
    if figures.establishment is None or figures.over_establishment is None:
        return ""
    over = figures.over_establishment
    parts = [
        _("编制 {establishment}").format(establishment=figures.establishment),
        _("planned {planned} ({over})").format(planned=figures.headcount, over=signed(over)),
    ]
    if figures.current is not None and figures.vacancies is not None:
        parts.append(_("in post {current}").format(current=figures.current))
        parts.append(_("vacancies {vacancies}").format(vacancies=figures.vacancies))
    return " · ".join(parts)


def budget_line(plan: Plan) -> str:
    """``Budget ¥52,000,000 · planned ¥49,320,000 · ¥2,680,000 under budget``; empty without."""
    if plan.budget is None or plan.budget_variance is None:
        return ""
    return " · ".join(
        [
            _("Budget {budget}").format(budget=summary_money(plan.budget, plan.currency)),
            _("planned {cost}").format(cost=summary_money(plan.total_cost, plan.currency)),
            variance_text(plan.budget_variance, plan.currency),
        ]
    )
