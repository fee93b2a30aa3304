"""Excel workbooks (openpyxl) of the progress page and of the synthesis.

Every table the pages show becomes a sheet: Vietnamese headers in bold on a frozen first
row, dates as real dates (dd/mm/yyyy), numbers as numbers, columns wide enough to read.
The workbook is written in openpyxl's write-only mode, so a plan of 3,300 units streams out
without holding every cell object in memory.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from . import progress
from .models import Plan

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="EEF1F5")
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 60

# Cell colours of the matrix, as on the page.
KIND_FILLS = {
    "accepted": "DFF2E4",
    "submitted": "E3ECF8",
    "late": "FCEBC7",
    "returned": "F9E0F0",
    "missing": "F8D7D3",
    "pending": "F1F3F6",
}


class Sheet:
    """One table: a header row and rows of plain values (str, int, date, None)."""

    def __init__(self, book: Workbook, title: str, headers: Sequence[str]) -> None:
        self.ws: WriteOnlyWorksheet = book.create_sheet(title=title[:31])
        self.headers = list(headers)
        self.widths = [len(h) for h in headers]
        self.rows: list[list[Any]] = []

    def add(self, values: Sequence[Any], fills: Sequence[str | None] | None = None) -> None:
        self.rows.append([values, fills])
        for i, value in enumerate(values):
            if i < len(self.widths):
                self.widths[i] = max(self.widths[i], _width(value))

    def write(self) -> None:
        # Column widths and the frozen header must be set before the first row is written.
        for i, width in enumerate(self.widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, width + 2)
        self.ws.freeze_panes = "A2"
        head = []
        for text in self.headers:
            cell = WriteOnlyCell(self.ws, value=text)
            cell.font = HEAD_FONT
            cell.fill = HEAD_FILL
            cell.alignment = WRAP
            head.append(cell)
        self.ws.append(head)
        for values, fills in self.rows:
            out = []
            for i, value in enumerate(values):
                cell = WriteOnlyCell(self.ws, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
                elif isinstance(value, str) and len(value) > MAX_WIDTH:
                    cell.alignment = WRAP
                fill = fills[i] if fills and i < len(fills) else None
                if fill:
                    cell.fill = PatternFill("solid", fgColor=fill)
                out.append(cell)
            self.ws.append(out)


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).split("\n")), default=0)


def _book() -> Workbook:
    return Workbook(write_only=True)


def _save(book: Workbook, sheets: Iterable[Sheet]) -> bytes:
    for sheet in sheets:
        sheet.write()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _measure_headers(keys: Sequence[str]) -> list[str]:
    headers = []
    for key in keys:
        channel, _dot, measure = key.partition(".")
        info = progress.measure_info(channel, measure)
        unit = f" ({info.unit_label})" if info.unit_label else ""
        headers.append(f"{info.channel_label}: {info.label}{unit}")
    return headers


# --- the progress page ------------------------------------------------------------------------


def matrix_sheet(book: Workbook, m: progress.Matrix) -> Sheet:
    labels = progress.kind_labels()
    sheet = Sheet(
        book,
        _("Ma trận"),
        [_("Mã đơn vị"), _("Đơn vị")]
        + [f"{c.label} ({_('hạn')} {c.due:%d/%m/%Y})" for c in m.columns]
        + [_("Đúng hạn"), _("Chậm hạn"), _("Quá hạn, chưa nộp"), _("Chưa đến hạn")],
    )
    for row in m.rows:
        cells = [c.label if c else "" for c in row.cells]
        fills = [None, None] + [KIND_FILLS[c.kind] if c else None for c in row.cells]
        s = row.summary
        sheet.add([row.code, row.name, *cells, s.on_time, s.late, s.missing, s.pending], fills)
    total = m.summary
    sheet.add(
        [
            "",
            _("Tổng cộng"),
            *(f"{labels['accepted']} {c.summary.accepted}/{c.summary.total}" for c in m.columns),
            total.on_time,
            total.late,
            total.missing,
            total.pending,
        ]
    )
    return sheet


def periods_sheet(book: Workbook, m: progress.Matrix) -> Sheet:
    sheet = Sheet(
        book,
        _("Theo kỳ báo cáo"),
        [
            _("Kỳ báo cáo"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Hạn nộp"),
            _("Phải nộp"),
            _("Đúng hạn"),
            _("Chậm hạn"),
            _("Quá hạn, chưa nộp"),
            _("Chưa đến hạn"),
            _("Đã chấp nhận"),
            _("Chờ duyệt"),
            _("Bị trả lại"),
        ],
    )
    for c in m.columns:
        s = c.summary
        sheet.add(
            [
                c.label,
                c.period_start,
                c.period_end,
                c.due,
                s.total,
                s.on_time,
                s.late,
                s.missing,
                s.pending,
                s.accepted,
                s.submitted,
                s.returned,
            ]
        )
    return sheet


def totals_sheet(book: Workbook, totals: Sequence[Mapping[str, Any]]) -> Sheet:
    sheet = Sheet(
        book,
        _("Theo hình thức"),
        [_("Hình thức tuyên truyền"), _("Chỉ tiêu"), _("Số lượng"), _("Đơn vị tính")],
    )
    for t in totals:
        sheet.add([t["channel_label"], t["label"], int(t["total"]), t["unit_label"]])
    return sheet


def _total_dicts(totals: Sequence[progress.ChannelTotal]) -> list[dict[str, Any]]:
    out = []
    for t in totals:
        info = progress.measure_info(t.channel, t.measure)
        out.append(
            {
                "channel_label": info.channel_label,
                "label": t.label,
                "unit_label": info.unit_label,
                "total": t.total,
            }
        )
    return out


def units_sheet(
    book: Workbook, keys: Sequence[str], rows: Iterable[tuple[str, str, int, Sequence[int]]]
) -> Sheet:
    sheet = Sheet(
        book,
        _("Theo đơn vị"),
        [_("Mã đơn vị"), _("Đơn vị"), _("Số báo cáo được tính"), *_measure_headers(keys)],
    )
    for code, name, reports, values in rows:
        sheet.add([code, name, reports, *values])
    return sheet


def behind_sheet(book: Workbook, behind: Sequence[progress.UnitBehind]) -> Sheet:
    sheet = Sheet(
        book,
        _("Chậm, chưa nộp"),
        [
            _("Mã đơn vị"),
            _("Đơn vị"),
            _("Kỳ báo cáo"),
            _("Hạn nộp"),
            _("Ngày nộp"),
            _("Tình trạng"),
        ],
    )
    for unit in behind:
        for item in unit.late:
            state = _("Nộp chậm %(days)d ngày") % {"days": item.days_late}
            sheet.add([unit.code, unit.name, item.label, item.due, item.submitted_on, state])
        for item in unit.missing:
            sheet.add([unit.code, unit.name, item.label, item.due, None, _("Quá hạn, chưa nộp")])
    return sheet


def series_sheet(book: Workbook, series: Sequence[progress.SeriesPoint]) -> Sheet:
    sheet = Sheet(
        book, _("Tiến độ"), [_("Ngày"), _("Đã nộp (cộng dồn)"), _("Đã chấp nhận (cộng dồn)")]
    )
    for point in series:
        sheet.add([point.day, point.submitted, point.accepted])
    return sheet


def progress_workbook(plan: Plan, today: dt.date) -> bytes:
    """Every table of the progress page: the matrix, the periods, totals by channel, the
    table by unit, the units behind, progress over time."""
    m = progress.matrix(plan, today, links=False)
    found = progress.sums(plan)
    totals = found.channel_totals()
    keys = [f"{t.channel}.{t.measure}" for t in totals]
    units = progress.unit_totals(plan, found=found)
    book = _book()
    sheets = [
        matrix_sheet(book, m),
        periods_sheet(book, m),
        totals_sheet(book, _total_dicts(totals)),
        units_sheet(
            book,
            keys,
            ((u.code, u.name, u.reports, [u.values.get(k, 0) for k in keys]) for u in units),
        ),
        behind_sheet(book, progress.late_and_missing(plan, today)),
        series_sheet(book, progress.progress_series(plan)),
    ]
    return _save(book, sheets)


# --- the synthesis -----------------------------------------------------------------------------


def synthesis_workbook(doc: Mapping[str, Any]) -> bytes:
    """The synthesis's tables: totals by channel, the table by unit, the units behind, and
    its text, section by section."""
    book = _book()
    totals = totals_sheet(book, [t for t in doc.get("totals") or [] if t.get("total")])
    table = doc.get("table") or {}
    columns = table.get("columns") or []
    keys = [c["key"] for c in columns]
    units = Sheet(
        book,
        _("Theo đơn vị"),
        [_("TT"), _("Đơn vị"), _("Số báo cáo được tính"), *_measure_headers(keys)],
    )
    for i, row in enumerate(table.get("rows") or [], 1):
        units.add([i, row["unit"], int(row.get("reports") or 0), *row.get("values", [])])
    total = table.get("total") or {}
    units.add(["", _("Tổng cộng"), int(total.get("reports") or 0), *total.get("values", [])])
    behind = Sheet(book, _("Chậm, chưa báo cáo"), [_("Đơn vị"), _("Tình trạng"), _("Kỳ báo cáo")])
    for item in doc.get("late_units") or []:
        behind.add([item["name"], _("Gửi báo cáo chậm"), "; ".join(item.get("periods") or [])])
    for item in doc.get("missing_units") or []:
        behind.add([item["name"], _("Chưa gửi báo cáo"), "; ".join(item.get("periods") or [])])
    text = Sheet(book, _("Nội dung"), [_("Mục"), _("Nội dung")])
    text.add([_("Trích yếu"), doc.get("title") or ""])
    for section in doc.get("sections") or []:
        text.add([f"{section['label']}. {section['heading']}", section.get("text") or ""])
    return _save(book, [totals, units, behind, text])
