"""A post's rule in a few words, for table columns; the tree and ``explain`` show the working."""

from __future__ import annotations

from ccorg.config.schema import ConcurrentRule, FixedRule, RatioRule, WorkloadRule
from ccorg.i18n import N_, _
from ccorg.plan import Plan, PostPlan
from ccorg.units import number

# A rule's kind and its fields (their YAML keys in English), for ``rule: workload (streams …)``.
RULE_KINDS = {
    "fixed": N_("fixed"),
    "ratio": N_("ratio"),
    "concurrent": N_("concurrent (兼任)"),
    "workload": N_("workload"),
}
RULE_FIELDS = {
    "count": N_("count"),
    "note": N_("note"),
    "per": N_("per"),
    "of": N_("of"),
    "held_by": N_("held_by"),
    "held_by_post": N_("held_by_post"),
    "streams": N_("streams"),
    "schedule_fit": N_("schedule_fit"),
    "shifts": N_("shifts"),
    "shrinkage": N_("shrinkage"),
}


def rule_summary(post: PostPlan, plan: Plan) -> str:
    """``fixed``, ``1 per 12 of 座席 · min 6``, ``兼任``, ``workload: 人工来话``.

    A ratio names everything it counts (``1 per 5 of 业务组组长, 投诉组组长, 回访组组长``), so
    the reader need not look up what ``+2`` stood for.
    """
    rule = post.post.rule
    if isinstance(rule, FixedRule):
        text = _("fixed")
    elif isinstance(rule, ConcurrentRule):
        text = "兼任"
    elif isinstance(rule, RatioRule):
        names = ", ".join(_name_of(target, plan) for target in rule.of)
        text = _("1 per {per} of {names}").format(per=number(rule.per), names=names)
    elif isinstance(rule, WorkloadRule):
        streams = {stream.id: stream.name for stream in plan.streams}
        text = _("workload: {streams}").format(
            streams="、".join(streams.get(s, s) for s in rule.streams)
        )
    else:  # pragma: no cover - the schema admits no other kind
        raise TypeError(f"unknown rule {rule!r}")
    bounds = [
        _("min {min}").format(min=post.post.min) if post.post.min is not None else "",
        _("max {max}").format(max=post.post.max) if post.post.max is not None else "",
    ]
    return " · ".join([text, *filter(None, bounds)])


def _name_of(target: str, plan: Plan) -> str:
    if target == plan.center_id:
        return plan.center_name
    for department in plan.departments:
        if department.id == target:
            return department.name
    return plan.post(target).name
