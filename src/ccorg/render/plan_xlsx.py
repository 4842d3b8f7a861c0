"""The plan as an Excel workbook for HR and finance.

A summary sheet, a sheet of posts for the center and for each department, and, when the plan has
workload, a sheet of required agents per interval for each stream. Numbers are stored as numbers;
every total is an Excel formula over the cells it adds up (the summary's over the department
sheets), so a reader can follow and change it, and its value equals ccorg's own total.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string, get_column_letter, quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from ccorg.config.model import WEEKDAYS
from ccorg.i18n import N_, _
from ccorg.plan import Figures, Plan, PostPlan
from ccorg.render.org_chart import org_chart
from ccorg.render.post_tables import PostTable, post_tables, shown_columns
from ccorg.render.xlsx_print import add_cell_note, set_up_page
from ccorg.render.xlsx_sheet import (
    BOLD,
    COST_FORMAT,
    ONE_DECIMAL,
    SHARE_FORMAT,
    SIGNED_COST_FORMAT,
    SIGNED_FORMAT,
    Formula,
    Sheet,
    SheetNames,
)
from ccorg.units import DAY_NAMES, number, signed, whole_as_int

if TYPE_CHECKING:
    from ccorg.staffing.capacity import CapacityPlan
    from ccorg.staffing.shifts import ShiftPlan


# Then the cost; the 编制 columns after it, when the plan gives 编制.
POST_COLUMNS = (N_("Post"), N_("Grade"), N_("Rule"), N_("Headcount"), N_("In post"), N_("Gap"))
ESTABLISHMENT_COLUMNS = (N_("编制"), N_("Vacant"), N_("Over"))
# Where a post sheet keeps its numbers; the summary's formulas refer to these columns.
HEADCOUNT, IN_POST, GAP, COST, ESTABLISHMENT = "D", "E", "F", "G", "H"
FIRST_ROW = 3  # of data on every sheet: row 1 holds the sheet's title, row 2 the headers

_LINK = Font(underline="single", color="0563C1")


@dataclass(frozen=True)
class StreamIntervals:
    """Required agents per interval of one stream (voice, chat, …): one sheet of the workbook.

    ``required[i][d]`` is the agents needed in interval ``intervals[i]`` (a label such as
    ``"09:00"``) on day ``days[d]`` (``"mon"``); each interval lasts ``interval_minutes``.
    """

    name: str
    interval_minutes: int
    days: tuple[str, ...]
    intervals: tuple[str, ...]
    required: tuple[tuple[float, ...], ...]

    def __post_init__(self) -> None:
        if self.interval_minutes <= 0:
            raise ValueError(f"stream {self.name!r}: interval_minutes must be positive")
        if not self.days or not self.intervals:
            raise ValueError(f"stream {self.name!r}: needs at least one day and one interval")
        if len(self.required) != len(self.intervals) or any(
            len(row) != len(self.days) for row in self.required
        ):
            raise ValueError(
                f"stream {self.name!r}: required must have {len(self.intervals)} rows of "
                f"{len(self.days)} values"
            )
        if any(not math.isfinite(v) or v < 0 for row in self.required for v in row):
            raise ValueError(f"stream {self.name!r}: required agents must be finite and >= 0")


def stream_intervals(plan: Plan) -> list[StreamIntervals]:
    """The interval sheets of a plan: one per demand stream, its agents required per interval.

    Voice and chat need whole agents on duty; deferred and outbound work is workload, so its
    requirement is fractional.
    """
    found = []
    for stream in plan.streams:
        step = stream.interval_minutes
        found.append(
            StreamIntervals(
                name=stream.name,
                interval_minutes=step,
                days=WEEKDAYS,
                intervals=tuple(
                    f"{i * step // 60:02d}:{i * step % 60:02d}" for i in range(24 * 60 // step)
                ),
                required=tuple(tuple(row) for row in stream.agents.T.tolist()),
            )
        )
    return found


def render_plan_xlsx(
    plan: Plan,
    streams: Iterable[StreamIntervals] = (),
    scenario: str | None = None,
    made: date | None = None,
    capacity: CapacityPlan | None = None,
    shifts: tuple[ShiftPlan, ...] = (),
) -> bytes:
    """The workbook of ``plan`` (and of ``streams``, when it has workload; a capacity sheet
    when ``capacity`` is given; a shifts sheet for each of the ``shifts`` plans) as .xlsx
    bytes; its printed pages name ``scenario`` and the day it was ``made`` (today)."""
    workbook = Workbook()
    names = SheetNames()
    summary = workbook.worksheets[0]
    summary.title = names.add(_("Summary"))

    org = Sheet(workbook.create_sheet(names.add(_("Org chart"))))
    _write_org_chart(org, plan)
    cost_header = _("Annual cost ({currency})").format(currency=plan.currency)
    with_establishment = "establishment" in shown_columns(plan)
    sheets = []
    for unit in post_tables(plan):
        sheet = Sheet(workbook.create_sheet(names.add(unit.name)))
        sheets.append(_write_post_sheet(sheet, unit, cost_header, with_establishment))
    _write_summary(Sheet(summary), plan, sheets, with_establishment)
    for stream in streams:
        _write_stream(Sheet(workbook.create_sheet(names.add(stream.name))), stream)
    if capacity is not None:
        from ccorg.render.capacity_xlsx import write_capacity_sheet

        write_capacity_sheet(workbook, names, capacity)
    if shifts:
        from ccorg.render.schedule_xlsx import write_shift_sheets

        write_shift_sheets(workbook, names, shifts)

    for worksheet in workbook.worksheets:
        add_cell_note(worksheet)
        set_up_page(worksheet, plan.center_name, scenario, made or date.today())
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class _TableTotal:
    """A summary measure that is the department table's total in ``column``."""

    column: str
    shown: str


_Value = str | float | Formula | _TableTotal


@dataclass(frozen=True)
class _Totals:
    """Where a post sheet's total row is, and the posts it adds up."""

    sheet: str
    label: str
    row: int
    unit: PostTable

    @property
    def posts(self) -> tuple[PostPlan, ...]:
        return self.unit.posts

    def ref(self, column: str, row: int | None = None) -> str:
        """A reference to a cell of the sheet: in the total row unless ``row`` is given."""
        return f"{quote_sheetname(self.sheet)}!{column}{self.row if row is None else row}"


def _write_post_sheet(
    sheet: Sheet, unit: PostTable, cost_header: str, with_establishment: bool
) -> _Totals:
    """Post, grade, rule, headcount, in post, gap and annual cost (then 编制, vacant and over
    when the plan gives 编制); a total row of SUMs."""
    label, posts = unit.title, unit.posts
    sheet.title(label)
    extra = ESTABLISHMENT_COLUMNS if with_establishment else ()
    sheet.header(2, (*map(_, POST_COLUMNS), cost_header, *map(_, extra)))
    for row, post in enumerate(posts, start=FIRST_ROW):
        sheet.put(row, 1, post.name)
        sheet.put(row, 2, post.grade.name)
        sheet.put(row, 3, post.basis)
        sheet.put(row, 4, post.headcount)
        sheet.put(row, 5, post.current)
        sheet.put(row, 6, post.gap, SIGNED_FORMAT)
        sheet.put(row, 7, post.annual_cost, COST_FORMAT)
        if with_establishment:
            _establishment_cells(sheet, row, post.establishment, post.current, post.headcount)
    total = FIRST_ROW + len(posts)
    sheet.put(total, 1, _("Total"))
    own = unit.own

    def column_sum(column: str, shown: str) -> Formula:
        return Formula(f"=SUM({column}{FIRST_ROW}:{column}{total - 1})", shown)

    if posts:
        sheet.put(total, 4, column_sum(HEADCOUNT, str(own.headcount)))
        # Left empty when nobody in post is known, rather than a SUM that reads as 0 people.
        if own.current is not None:
            sheet.put(total, 5, column_sum(IN_POST, str(own.current)))
        if own.gap is not None:
            sheet.put(total, 6, column_sum(GAP, signed(own.gap)), SIGNED_FORMAT)
        sheet.put(total, 7, column_sum(COST, f"{own.annual_cost:,.0f}"), COST_FORMAT)
    else:
        # A department without posts: a SUM over no rows would be an inverted range.
        sheet.put(total, 4, 0)
        sheet.put(total, 7, 0, COST_FORMAT)
    if with_establishment and own.establishment is not None:
        # The posts' 编制 added up, or the department's own when only it gives one.
        given = [p.establishment for p in posts if p.establishment is not None]
        if posts and sum(given) == own.establishment and given:
            established: _Value = column_sum(ESTABLISHMENT, str(own.establishment))
        else:
            established = own.establishment
        _establishment_cells(sheet, total, established, own.current, own.headcount)
    width = len(POST_COLUMNS) + 1 + len(extra)
    sheet.total_style(total, width)
    sheet.ws.freeze_panes = f"A{FIRST_ROW}"
    sheet.fit_columns()
    return _Totals(sheet.ws.title, label, total, unit)


def _establishment_cells(
    sheet: Sheet,
    row: int,
    establishment: int | Formula | None,
    current: int | None,
    headcount: int,
) -> None:
    """编制 in H; vacant (编制 − in post) in I and over (planned − 编制) in J, as formulas."""
    if establishment is None:
        return
    value = establishment if isinstance(establishment, int) else int(establishment.shown)
    sheet.put(row, 8, establishment)
    if current is not None:
        vacant = f"={ESTABLISHMENT}{row}-{IN_POST}{row}"
        sheet.put(row, 9, Formula(vacant, str(value - current)))
    over = f"={HEADCOUNT}{row}-{ESTABLISHMENT}{row}"
    sheet.put(row, 10, Formula(over, signed(headcount - value)), SIGNED_FORMAT)


def _write_summary(
    sheet: Sheet, plan: Plan, groups: list[_Totals], with_establishment: bool
) -> None:
    """Measures on top; below them one row per post sheet, referring to its total row, with
    totals that add sub-departments and 编制 where the plan gives them."""
    layout = _SummaryLayout(
        nested=any(group.unit.total is not None for group in groups),
        with_establishment=with_establishment,
    )
    measures: list[tuple[str, _Value, str | None, str | None]] = []

    def add(
        label: str, value: _Value, number_format: str | None = None, note: str | None = None
    ) -> int:
        """List a measure; its row, for formulas that refer to it."""
        measures.append((label, value, number_format, note))
        return FIRST_ROW + len(measures) - 1

    total = plan.total_headcount
    add(_("Service hours"), plan.service_hours)
    total_at = add(_("Total headcount"), _TableTotal("B", str(total)))
    frontline_at = add(_("Frontline headcount"), plan.frontline_headcount)
    share = plan.frontline_headcount / total if total else 0.0
    share_value = Formula(f"=B{frontline_at}/B{total_at}", f"{share:.1%}") if total else 0
    add(_("Frontline share"), share_value, SHARE_FORMAT)
    if plan.total_current is not None:
        add(_("In post today"), _TableTotal("C", str(plan.total_current)))
    figures = plan.figures
    if figures.establishment is not None and figures.over_establishment is not None:
        add(
            _("Establishment (编制)"), _TableTotal(layout.establishment, str(figures.establishment))
        )
        if figures.vacancies is not None:
            add(_("Vacancies (编制 − in post)"), _TableTotal(layout.vacant, str(figures.vacancies)))
        over = _TableTotal(layout.over, signed(figures.over_establishment))
        add(_("Over establishment (planned − 编制)"), over, SIGNED_FORMAT)
    uncosted = None if plan.cost_complete else "some grades uncosted"
    cost = _TableTotal("E", f"{plan.total_cost:,.0f}")
    cost_at = add(
        _("Annual cost ({currency})").format(currency=plan.currency), cost, COST_FORMAT, uncosted
    )
    if plan.budget is not None and plan.budget_variance is not None:
        budget_at = add(
            _("Budget ({currency})").format(currency=plan.currency), plan.budget, COST_FORMAT
        )
        variance = Formula(f"=B{cost_at}-B{budget_at}", f"{plan.budget_variance:,.0f}")
        add(_("Budget variance (cost − budget)"), variance, SIGNED_COST_FORMAT, _("positive: over"))
    structure = plan.structure
    if structure.average_span is not None:
        add(_("Average span"), structure.average_span, ONE_DECIMAL)
    largest = structure.largest_span
    if largest is not None:
        add(_("Largest span"), largest[1], ONE_DECIMAL, plan.post(largest[0]).qualified_name)
    add(_("Layers"), structure.layers)

    header_row = FIRST_ROW + len(measures) + 1  # after a blank row
    first = header_row + 1
    total_row = first + len(groups)
    sheet.title(
        _("{center} ({id}) staffing plan").format(center=plan.center_name, id=plan.center_id)
    )
    sheet.header(2, (_("Measure"), _("Value")))
    for row, (label, value, number_format, note) in enumerate(measures, start=FIRST_ROW):
        sheet.put(row, 1, label)
        if isinstance(value, _TableTotal):
            value = Formula(f"={value.column}{total_row}", value.shown)
        sheet.put(row, 2, value, number_format)
        if note:
            sheet.put(row, 3, note)

    currency = plan.currency
    header = [_("Department"), _("Headcount"), _("In post"), _("Gap")]
    header.append(_("Annual cost ({currency})").format(currency=currency))
    if layout.nested:
        header += [_("Total headcount"), _("Total in post")]
        header.append(_("Total annual cost ({currency})").format(currency=currency))
    if layout.with_establishment:
        header += [_(column) for column in ESTABLISHMENT_COLUMNS]
    sheet.header(header_row, header)
    row_of = {group.unit.department_id: row for row, group in enumerate(groups, start=first)}
    departments = {department.id: department for department in plan.departments}
    tops = [row_of[None]] if None in row_of else []
    tops += [row_of[d.id] for d in plan.top_departments()]
    for row, group in enumerate(groups, start=first):
        unit, own = group.unit, group.unit.own
        link = sheet.put(row, 1, group.label)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=group.ref("A", 1))
        link.font = _LINK
        if unit.department_id is not None:
            link.alignment = Alignment(indent=min(_depth(plan, unit.department_id), 250))
        sheet.put(row, 2, Formula(f"={group.ref(HEADCOUNT)}", str(own.headcount)))
        if own.current is not None:
            sheet.put(row, 3, Formula(f"={group.ref(IN_POST)}", str(own.current)))
        if own.gap is not None:
            sheet.put(row, 4, Formula(f"={group.ref(GAP)}", signed(own.gap)), SIGNED_FORMAT)
        sheet.put(row, 5, Formula(f"={group.ref(COST)}", f"{own.annual_cost:,.0f}"), COST_FORMAT)
        children = [] if unit.department_id is None else plan.subdepartments(unit.department_id)
        below = [(row_of[d.id], plan.total_figures(d.id)) for d in children]
        figures = own if unit.total is None else unit.total
        if layout.nested:
            # A unit's total: its own posts plus each sub-department's total.
            headcount = [f"B{row}", *(f"{layout.headcount}{r}" for r, _ in below)]
            sheet.put(row, 6, _plus(headcount, str(figures.headcount)))
            if figures.current is not None:
                current = [f"C{row}"] if own.current is not None else []
                current += [f"{layout.current}{r}" for r, f in below if f.current is not None]
                sheet.put(row, 7, _plus(current, str(figures.current)))
            cost = [f"E{row}", *(f"{layout.cost}{r}" for r, _ in below)]
            sheet.put(row, 8, _plus(cost, f"{figures.annual_cost:,.0f}"), COST_FORMAT)
        if layout.with_establishment and figures.establishment is not None:
            given = departments.get(unit.department_id or "")
            if given is not None and given.department.establishment is not None:
                established: _Value = figures.establishment
            else:
                parts = [group.ref(ESTABLISHMENT)] if own.establishment is not None else []
                parts += [f"{layout.establishment}{r}" for r, f in below if f.establishment]
                established = _plus(parts, str(figures.establishment))
            _summary_establishment(sheet, layout, row, established, figures)
    sheet.put(total_row, 1, _("Total"))
    if groups:

        def column_sum(column: str, shown: str) -> Formula:
            return Formula(f"=SUM({column}{first}:{column}{total_row - 1})", shown)

        totals = plan.figures
        sheet.put(total_row, 2, column_sum("B", str(total)))
        if plan.total_current is not None:
            sheet.put(total_row, 3, column_sum("C", str(plan.total_current)))
        if totals.gap is not None:
            sheet.put(total_row, 4, column_sum("D", signed(totals.gap)), SIGNED_FORMAT)
        sheet.put(total_row, 5, column_sum("E", f"{plan.total_cost:,.0f}"), COST_FORMAT)
        if layout.with_establishment and totals.establishment is not None:
            parts = [f"{layout.establishment}{r}" for r in tops]
            established = _plus(parts, str(totals.establishment))
            _summary_establishment(sheet, layout, total_row, established, totals, True)
    else:
        sheet.put(total_row, 2, 0)
        sheet.put(total_row, 5, 0, COST_FORMAT)
    sheet.total_style(total_row, len(header))
    sheet.ws.freeze_panes = f"A{FIRST_ROW}"
    sheet.fit_columns()


_KINDS = {"center": N_("Center"), "department": N_("Department"), "post": N_("Post")}


def _write_org_chart(sheet: Sheet, plan: Plan) -> None:
    """The org chart by reporting line, one row per box, indented as the tree nests: what it
    is, its people (a department's own and with its sub-departments), its department and
    whom it reports to — the same tree as the terminal and the diagrams."""
    chart = org_chart(plan)
    posts = {post.id: post for post in plan.all_posts()}
    sheet.title(f"{plan.center_name} ({plan.center_id}) org chart")
    sheet.header(
        2,
        (
            _("Unit or post"),
            _("Kind"),
            _("Headcount"),
            _("Total"),
            _("Department"),
            _("Reports to"),
        ),
    )
    for row, node in enumerate(chart.nodes, start=FIRST_ROW):
        name = sheet.put(row, 1, node.name)
        name.alignment = Alignment(indent=min(chart.depth(node.key), 250))
        sheet.put(row, 2, _(_KINDS[node.kind]))
        sheet.put(row, 3, node.headcount)
        if node.kind != "post":
            sheet.put(row, 4, node.total)
            name.font = BOLD
        if node.kind == "post":
            post = posts[node.id]
            sheet.put(row, 5, plan.center_name if post.department is None else post.department.name)
            manager = post.post.reports_to
            if manager in posts:
                sheet.put(row, 6, posts[manager].qualified_name)
    sheet.ws.freeze_panes = f"A{FIRST_ROW}"
    sheet.fit_columns()


@dataclass(frozen=True)
class _SummaryLayout:
    """Where the summary's department table keeps its figures.

    Total columns (with sub-departments) only when some department has sub-departments; the
    编制 columns only when the plan gives 编制. The summary's total row reads own columns for
    headcount, in post and cost (each person counted once) and the units' 编制 for 编制.
    """

    nested: bool
    with_establishment: bool
    headcount: str = "F"
    current: str = "G"
    cost: str = "H"

    @property
    def establishment(self) -> str:
        return "I" if self.nested else "F"

    @property
    def vacant(self) -> str:
        return "J" if self.nested else "G"

    @property
    def over(self) -> str:
        return "K" if self.nested else "H"

    @property
    def total_headcount(self) -> str:
        return self.headcount if self.nested else "B"

    @property
    def total_current(self) -> str:
        return self.current if self.nested else "C"


def _summary_establishment(
    sheet: Sheet,
    layout: _SummaryLayout,
    row: int,
    established: _Value,
    figures: Figures,
    grand_total: bool = False,
) -> None:
    """编制, vacant (编制 − in post) and over (planned − 编制) of one row of the summary; the
    total row compares with its own columns, which already count everyone once."""
    assert figures.establishment is not None and figures.over_establishment is not None
    column = column_index_from_string(layout.establishment)
    sheet.put(row, column, established)
    if figures.vacancies is not None:
        current = "C" if grand_total else layout.total_current
        vacant = f"={layout.establishment}{row}-{current}{row}"
        sheet.put(row, column + 1, Formula(vacant, str(figures.vacancies)))
    headcount = "B" if grand_total else layout.total_headcount
    over = f"={headcount}{row}-{layout.establishment}{row}"
    over_cell = Formula(over, signed(figures.over_establishment))
    sheet.put(row, column + 2, over_cell, SIGNED_FORMAT)


def _plus(cells: Sequence[str], shown: str) -> Formula:
    """``=B7+F8+F9``."""
    return Formula("=" + "+".join(cells), shown)


def _depth(plan: Plan, department_id: str) -> int:
    """How many departments a department sits in (a top department: 0)."""
    depth, parents = 0, {d.id: d.department.parent for d in plan.departments}
    parent = parents.get(department_id)
    while parent is not None and parent in parents:
        depth += 1
        parent = parents[parent]
    return depth


def _write_stream(sheet: Sheet, stream: StreamIntervals) -> None:
    """Intervals down, days across, shaded as a heat map; then each day's peak and agent-hours."""
    sheet.title(
        _("{stream}: required agents per {minutes}-minute interval").format(
            stream=stream.name, minutes=stream.interval_minutes
        )
    )
    days = (_(DAY_NAMES[WEEKDAYS.index(day)]) for day in stream.days)
    sheet.header(2, (_("Interval"), *days))
    for row, (label, values) in enumerate(
        zip(stream.intervals, stream.required, strict=True), start=FIRST_ROW
    ):
        sheet.put(row, 1, label)
        for column, value in enumerate(values, start=2):
            sheet.put(row, column, whole_as_int(value))
    last = FIRST_ROW + len(stream.intervals) - 1
    peak, hours = last + 1, last + 2
    sheet.put(peak, 1, _("Peak"))
    sheet.put(hours, 1, _("Agent-hours"))
    for index in range(len(stream.days)):
        letter = get_column_letter(index + 2)
        cells = f"{letter}{FIRST_ROW}:{letter}{last}"
        values = [row[index] for row in stream.required]
        sheet.put(peak, index + 2, Formula(f"=MAX({cells})", number(max(values))))
        agent_hours = sum(values) * stream.interval_minutes / 60
        formula = Formula(f"=SUM({cells})*{stream.interval_minutes}/60", f"{agent_hours:.1f}")
        sheet.put(hours, index + 2, formula, ONE_DECIMAL)
    width = len(stream.days) + 1
    sheet.total_style(peak, width)
    for column in range(1, width + 1):
        sheet.ws.cell(hours, column).font = BOLD
    sheet.ws.conditional_formatting.add(
        f"B{FIRST_ROW}:{get_column_letter(width)}{last}",
        ColorScaleRule(start_type="min", start_color="FFFFFF", end_type="max", end_color="F8696B"),
    )
    sheet.ws.freeze_panes = f"B{FIRST_ROW}"
    sheet.fit_columns()
