"""Shift plans as CSV: one row per shift to staff (post, template, weekday, start, count)."""

from __future__ import annotations

from collections.abc import Iterator

from ccorg.render.csv_cells import csv_document
from ccorg.staffing.shifts import ShiftPlan

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HEADER = ("post", "template", "day", "start", "end", "paid_hours", "count")


def render_schedule_csv(plans: tuple[ShiftPlan, ...]) -> str:
    """A header row, then every shift of every post, by post, day and start."""
    return csv_document(HEADER, _rows(plans))


def _rows(plans: tuple[ShiftPlan, ...]) -> Iterator[tuple[object, ...]]:
    for plan in plans:
        templates = {template.id: template for template in plan.rules.templates}
        for shift in plan.shifts:
            template = templates[shift.template]
            yield (
                plan.post_id,
                shift.template,
                WEEKDAYS[shift.day],
                shift.start,
                plan.shift_end(shift),
                f"{template.paid_hours:g}",
                shift.count,
            )
