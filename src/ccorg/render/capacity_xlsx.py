"""The capacity plan's sheet of the workbook (`ccorg export --to xlsx` on a config with a
``capacity:`` section): per workload post its months, the supply side as formulas.

The hiring plan's results (starts, heads lost at the end of training, heads in training and
the FTE still on the ramp) are values; attrition, heads, productive FTE, over/under and cost
are formulas over them and over the post's rate and cost cells, so a reader can change the
attrition rate and watch the heads follow. The formulas' values equal ccorg's own:
attrition = rate × (last month's heads − last month's heads in training), heads = last
month's − attrition − lost in training + starts, productive = heads − in training − ramp-up.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from ccorg.i18n import _
from ccorg.render.xlsx_sheet import COST_FORMAT, ONE_DECIMAL, Formula, Sheet, SheetNames
from ccorg.staffing.capacity import CapacityPlan, WorkloadMonths

SHARE_4 = "0.0000%"
COLUMNS = "ABCDEFGHIJK"
(MONTH, REQUIRED, STARTS, LOST, TRAINING, RAMP, ATTRITION, HEADS, PRODUCTIVE, OVER, COST) = COLUMNS


def write_capacity_sheet(workbook: Workbook, names: SheetNames, plan: CapacityPlan) -> None:
    """Add the "Capacity" sheet: a block per workload post, then its hiring table."""
    sheet = Sheet(workbook.create_sheet(names.add(_("Capacity"))))
    sheet.title(
        _("Capacity month by month: {center}, {first} – {last}").format(
            center=plan.center_name, first=plan.months[0], last=plan.months[-1]
        )
    )
    row = 3
    for post in plan.workload:
        row = _write_post(sheet, plan, post, row) + 2
    sheet.fit_columns()


def _write_post(sheet: Sheet, plan: CapacityPlan, post: WorkloadMonths, row: int) -> int:
    """One post's block from ``row``; the last row written."""
    department = f"{post.department.name}·" if post.department else ""
    sheet.put(row, 1, f"{department}{post.post.name} ({post.id})").font = Font(bold=True)
    rate_row, cost_row, start_row = row + 1, row + 2, row + 3
    sheet.put(rate_row, 1, _("Attrition a month"))
    sheet.put(rate_row, 2, post.workforce.attrition_monthly, SHARE_4)
    sheet.put(cost_row, 1, _("Cost per head a month"))
    per_head = post.cost_per_head
    sheet.put(cost_row, 2, per_head, COST_FORMAT)
    sheet.put(start_row, 1, _("Heads before {month}").format(month=plan.months[0]))
    sheet.put(start_row, 2, post.start_heads, ONE_DECIMAL)
    header = start_row + 2
    sheet.header(
        header,
        [
            _("Month"),
            _("Required FTE"),
            _("Starts"),
            _("Lost in training"),
            _("In training"),
            _("Ramp-up (FTE)"),
            _("Attrition"),
            _("Heads"),
            _("Productive FTE"),
            _("Over/under"),
            _("Cost"),
        ],
    )
    s = post.supply
    first = header + 1
    for month in range(len(plan.months)):
        r = first + month
        heads_before = f"{HEADS}{r - 1}" if month else f"B{start_row}"
        training_before = f"{TRAINING}{r - 1}" if month else "0"
        ramp_up = float(s.heads[month] - s.in_training[month] - s.productive[month])
        sheet.put(r, 1, plan.months[month])
        sheet.put(r, 2, float(post.required_fte[month]), ONE_DECIMAL)
        sheet.put(r, 3, float(s.starts[month]))
        sheet.put(r, 4, float(s.training_loss[month]), ONE_DECIMAL)
        sheet.put(r, 5, float(s.in_training[month]))
        sheet.put(r, 6, max(ramp_up, 0.0) if abs(ramp_up) > 1e-9 else 0.0, ONE_DECIMAL)
        attrition = f"=B{rate_row}*({heads_before}-{training_before})"
        sheet.put(r, 7, Formula(attrition, f"{s.attrition[month]:,.1f}"), ONE_DECIMAL)
        heads = f"={heads_before}-{ATTRITION}{r}-{LOST}{r}+{STARTS}{r}"
        sheet.put(r, 8, Formula(heads, f"{s.heads[month]:,.1f}"), ONE_DECIMAL)
        productive = f"={HEADS}{r}-{TRAINING}{r}-{RAMP}{r}"
        sheet.put(r, 9, Formula(productive, f"{s.productive[month]:,.1f}"), ONE_DECIMAL)
        over = f"={PRODUCTIVE}{r}-{REQUIRED}{r}"
        sheet.put(r, 10, Formula(over, f"{post.over_under[month]:+,.1f}"), ONE_DECIMAL)
        if per_head is not None:
            cost = f"={HEADS}{r}*B{cost_row}"
            shown = f"{per_head * float(s.heads[month]):,.0f}"
            sheet.put(r, 11, Formula(cost, shown), COST_FORMAT)
    last = first + len(plan.months) - 1
    if s.classes:
        hires = last + 2
        sheet.header(hires, [_("Requisition"), _("Class starts"), _("Size"), _("Productive from")])
        for index, group in enumerate(s.classes, start=1):
            sheet.put(hires + index, 1, group.requisition_date.isoformat())
            sheet.put(hires + index, 2, group.start_date.isoformat())
            sheet.put(hires + index, 3, group.size)
            sheet.put(hires + index, 4, group.productive_from.isoformat())
        last = hires + len(s.classes)
    return last
