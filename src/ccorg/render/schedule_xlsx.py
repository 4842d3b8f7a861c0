"""The shift plan's sheets of the workbook (`ccorg export --to xlsx` on a config whose posts
work shift templates): one sheet per scheduled post, the figures of ``ccorg schedule``.

On each sheet: the measures, the shifts to staff (template, day, start, count), and the week's
requirement against the agents those shifts put on the phones, interval by interval. The
shifts' counts, the requirement and the coverage are values ccorg computed; what a finance
reader derives from them is a formula: each row's paid agent-hours (count × paid hours), their
total, the agent-hours of each day, efficiency (required ÷ paid), the schedule fit (paid ÷
required − 1), the gap to the proven bound, and over/under per interval (on the phones −
required). Their values equal the plan's own.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ccorg.i18n import _
from ccorg.render.xlsx_sheet import (
    BOLD,
    ONE_DECIMAL,
    SHARE_FORMAT,
    SIGNED_FORMAT,
    Formula,
    Sheet,
    SheetNames,
)
from ccorg.staffing.shifts import ShiftCount, ShiftPlan
from ccorg.units import DAY_NAMES, number, whole_as_int

GAP_FORMAT = "0.00%"
SIGNED_ONE_DECIMAL = "+0.0;-0.0;0"
# The shift table's columns: template, day, start, end, paid hours, count, paid agent-hours,
# and the breaks when the templates have any.
PAID_HOURS, COUNT, PAID_AGENT_HOURS = "E", "F", "G"
DAYS = 7


def write_shift_sheets(workbook: Workbook, names: SheetNames, plans: tuple[ShiftPlan, ...]) -> None:
    """Add a "Shifts" sheet for each plan, in the order given."""
    for plan in plans:
        name = names.add(_("Shifts {post}").format(post=plan.post_name))
        _write_plan(Sheet(workbook.create_sheet(name)), plan)


def _write_plan(sheet: Sheet, plan: ShiftPlan) -> None:
    sheet.title(
        _("Shifts of {post} ({id}): a week of {minutes}-minute intervals").format(
            post=plan.post_name, id=plan.post_id, minutes=plan.interval_minutes
        )
    )
    sheet.header(2, (_("Measure"), _("Value")))
    labels = _measure_labels(plan)
    first_measure = 3
    rows = {key: first_measure + index for index, key in enumerate(labels)}
    shift_header = first_measure + len(labels) + 1
    shift_total = shift_header + 1 + len(plan.shifts)
    grid_title = shift_total + 2
    hours_row = _write_grid(sheet, plan, grid_title)
    _write_shifts(sheet, plan, shift_header)
    for key, label in labels.items():
        sheet.put(rows[key], 1, label)
    paid_cell, required_cell = f"B{rows['paid']}", f"B{rows['required']}"
    required_hours = f"B{hours_row}:{get_column_letter(1 + DAYS)}{hours_row}"
    sheet.put(
        rows["required"],
        2,
        Formula(f"=SUM({required_hours})", number(plan.required_agent_hours, 1)),
        ONE_DECIMAL,
    )
    paid_total = f"{PAID_AGENT_HOURS}{shift_total}"
    sheet.put(rows["paid"], 2, Formula(f"={paid_total}", number(plan.paid_agent_hours, 1)))
    sheet.ws[paid_cell].number_format = ONE_DECIMAL
    if plan.paid_agent_hours and plan.required_agent_hours:
        efficiency = Formula(f"={required_cell}/{paid_cell}", f"{plan.efficiency:.1%}")
        fit = Formula(f"={paid_cell}/{required_cell}-1", f"{plan.schedule_fit:.1%}")
        gap = Formula(f"=({paid_cell}-B{rows['bound']})/{paid_cell}", f"{plan.mip_gap:.2%}")
    else:  # nothing required or nothing paid: a ratio would be #DIV/0!
        efficiency, fit, gap = plan.efficiency, plan.schedule_fit, plan.mip_gap
    sheet.put(rows["efficiency"], 2, efficiency, SHARE_FORMAT)
    sheet.put(rows["fit"], 2, fit, SHARE_FORMAT)
    sheet.put(rows["lp"], 2, plan.lp_bound, ONE_DECIMAL)
    sheet.put(rows["bound"], 2, plan.bound, ONE_DECIMAL)
    sheet.put(rows["gap"], 2, gap, GAP_FORMAT)
    sheet.put(rows["optimal"], 2, _("yes") if plan.optimal else _("no, the time limit stopped it"))
    sheet.put(rows["within5"], 2, plan.within_5pct, SHARE_FORMAT)
    sheet.put(rows["within1"], 2, plan.within_1_agent, SHARE_FORMAT)
    count_total = f"{COUNT}{shift_total}"
    shifts = sum(shift.count for shift in plan.shifts)
    sheet.put(rows["shifts"], 2, Formula(f"={count_total}", str(shifts)))
    if "heads" in rows:
        sheet.put(rows["heads"], 2, plan.heads)
    sheet.ws.freeze_panes = "A3"
    sheet.fit_columns()


def _measure_labels(plan: ShiftPlan) -> dict[str, str]:
    labels = {
        "required": _("Required agent-hours a week"),
        "paid": _("Paid agent-hours a week (Σ count × paid hours)"),
        "efficiency": _("Efficiency (required ÷ paid)"),
        "fit": _("Schedule fit (paid ÷ required − 1)"),
        "lp": _("LP bound (paid agent-hours)"),
        "bound": _("Proven bound (paid agent-hours)"),
        "gap": _("MIP gap ((paid − bound) ÷ paid)"),
        "optimal": _("Proven optimal"),
        "within5": _("Intervals within ±5% of the requirement"),
        "within1": _("Intervals within ±1 agent"),
        "shifts": _("Shifts a week"),
    }
    if plan.heads is not None and plan.rules.tours is not None:
        labels["heads"] = _("People a week on {days}-day tours").format(
            days=plan.rules.tours.days_on
        )
    return labels


def _write_shifts(sheet: Sheet, plan: ShiftPlan, header: int) -> None:
    """One row per shift to staff, by day and start; paid agent-hours as formulas."""
    templates = {template.id: template for template in plan.rules.templates}
    labels = [
        _("Shift"),
        _("Day"),
        _("Start"),
        _("End"),
        _("Paid hours"),
        _("Count"),
        _("Paid agent-hours"),
    ]
    if any(template.breaks for template in templates.values()):
        labels.append(_("Breaks (start × count)"))
    sheet.header(header, labels)
    for row, shift in enumerate(plan.shifts, start=header + 1):
        template = templates[shift.template]
        sheet.put(row, 1, f"{template.name} ({template.id})")
        sheet.put(row, 2, _(DAY_NAMES[shift.day]))
        sheet.put(row, 3, shift.start)
        sheet.put(row, 4, plan.shift_end(shift))
        sheet.put(row, 5, whole_as_int(template.paid_hours))
        sheet.put(row, 6, shift.count)
        paid = Formula(
            f"={COUNT}{row}*{PAID_HOURS}{row}", number(shift.count * template.paid_hours)
        )
        sheet.put(row, 7, paid)
        if shift.breaks:
            sheet.put(row, 8, _breaks(shift))
    total = header + 1 + len(plan.shifts)
    sheet.put(total, 1, _("Total"))
    if plan.shifts:
        counts = f"{COUNT}{header + 1}:{COUNT}{total - 1}"
        hours = f"{PAID_AGENT_HOURS}{header + 1}:{PAID_AGENT_HOURS}{total - 1}"
        count = sum(shift.count for shift in plan.shifts)
        sheet.put(total, 6, Formula(f"=SUM({counts})", str(count)))
        sheet.put(total, 7, Formula(f"=SUM({hours})", number(plan.paid_agent_hours, 1)))
    else:  # a SUM over no rows would be an inverted range
        sheet.put(total, 6, 0)
        sheet.put(total, 7, 0)
    sheet.total_style(total, len(labels))


def _breaks(shift: ShiftCount) -> str:
    """``12:00 ×3, 12:30 ×2``; several breaks of one shift joined by ``+``."""
    return ", ".join(f"{'+'.join(starts)} ×{count}" for starts, count in shift.breaks)


def _write_grid(sheet: Sheet, plan: ShiftPlan, title: int) -> int:
    """Three blocks side by side, intervals down and weekdays across: agents required, agents
    on the phones, and over/under (a formula); under each day its agent-hours. The row of
    the agent-hours."""
    blocks = (
        _("Agents required"),
        _("Agents on the phones"),
        _("Over/under (on the phones − required)"),
    )
    firsts = [2 + index * (DAYS + 1) for index in range(len(blocks))]
    for first, label in zip(firsts, blocks, strict=True):
        # A block's title spills over its days: written past the width bookkeeping.
        sheet.ws.cell(title, first, label).font = BOLD
    header = title + 1
    days = [_(day) for day in DAY_NAMES]
    sheet.put(header, 1, _("Interval")).font = BOLD
    for first in firsts:
        for day, name in enumerate(days):
            sheet.put(header, first + day, name).font = BOLD
    per_day = plan.requirement.shape[1]
    top = header + 1
    for interval in range(per_day):
        row = top + interval
        minutes = interval * plan.interval_minutes
        sheet.put(row, 1, f"{minutes // 60:02d}:{minutes % 60:02d}")
        for day in range(DAYS):
            required = float(plan.requirement[day, interval])
            covered = float(plan.coverage[day, interval])
            required_at, covered_at = firsts[0] + day, firsts[1] + day
            sheet.put(row, required_at, whole_as_int(required), _decimals(required))
            sheet.put(row, covered_at, whole_as_int(covered))
            over = f"={get_column_letter(covered_at)}{row}-{get_column_letter(required_at)}{row}"
            whole = required.is_integer() and covered.is_integer()
            shown = f"{covered - required:+.0f}" if whole else f"{covered - required:+.1f}"
            style = SIGNED_FORMAT if whole else SIGNED_ONE_DECIMAL
            sheet.put(row, firsts[2] + day, Formula(over, shown), style)
    bottom = top + per_day - 1
    hours_row = bottom + 1
    sheet.put(hours_row, 1, _("Agent-hours"))
    for first, values in zip(firsts[:2], (plan.requirement, plan.coverage), strict=True):
        for day in range(DAYS):
            letter = get_column_letter(first + day)
            hours = float(values[day].sum()) * plan.interval_minutes / 60
            formula = f"=SUM({letter}{top}:{letter}{bottom})*{plan.interval_minutes}/60"
            sheet.put(hours_row, first + day, Formula(formula, number(hours, 1)), ONE_DECIMAL)
    for column in range(1, firsts[1] + DAYS):
        sheet.ws.cell(hours_row, column).font = Font(bold=True)
    over_block = (
        f"{get_column_letter(firsts[2])}{top}:{get_column_letter(firsts[2] + DAYS - 1)}{bottom}"
    )
    sheet.ws.conditional_formatting.add(
        over_block,
        ColorScaleRule(
            start_type="min",
            start_color="F8696B",
            mid_type="num",
            mid_value=0,
            mid_color="FFFFFF",
            end_type="max",
            end_color="5B9BD5",
        ),
    )
    return hours_row


def _decimals(value: float) -> str | None:
    """Whole agents as they are; a fractional requirement (workload) to one decimal."""
    return None if float(value).is_integer() else ONE_DECIMAL
