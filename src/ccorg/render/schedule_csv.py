"""Shift plans as CSV: one row per shift to staff (post, template, weekday, start, count)."""

from __future__ import annotations

import csv
import io

from ccorg.staffing.shifts import ShiftPlan

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HEADER = ("post", "template", "day", "start", "end", "paid_hours", "count")


def render_schedule_csv(plans: tuple[ShiftPlan, ...]) -> str:
    """A header row, then every shift of every post, by post, day and start."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for plan in plans:
        templates = {template.id: template for template in plan.rules.templates}
        for shift in plan.shifts:
            template = templates[shift.template]
            writer.writerow(
                (
                    plan.post_id,
                    shift.template,
                    WEEKDAYS[shift.day],
                    shift.start,
                    plan.shift_end(shift),
                    f"{template.paid_hours:g}",
                    shift.count,
                )
            )
    return buffer.getvalue()
