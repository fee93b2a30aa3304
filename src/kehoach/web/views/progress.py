"""The department's view of an issued plan: matrix, totals, charts, Excel."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import access, charts, downloads, excel, progress, stamps
from ..models import Plan
from ..wording import short_date

PAGE_SIZE = 50


def _report_links() -> str | None:
    """The address of report ``{id}`` with a placeholder: reversing once per page, not once
    per cell (a page has up to a thousand cells)."""
    try:
        return reverse("kehoach:report-detail", args=[987654321]).replace("987654321", "{id}")
    except NoReverseMatch:  # the reports' pages are not wired in this build
        return None


def matrix_body(rows: list[progress.Row], links: str | None) -> SafeString:
    """The matrix's ``<tbody>`` rows, built here rather than in the template: a page is up
    to 100 units × the periods, and Django's template engine takes ~0.1 ms a cell."""
    labels = progress.kind_labels()
    late = _("Nộp chậm %(days)d ngày")
    out: list[str] = []
    for row in rows:
        out.append(
            f'<tr data-unit="{escape(row.code)}"><th scope="row" class="unit-col">'
            f"{escape(row.name)}</th>"
        )
        for cell in row.cells:
            if cell is None:
                out.append('<td class="cell cell-none" data-kind="none">—</td>')
                continue
            label = escape(cell.text(labels, late))
            if links and cell.report_id is not None:
                label = f'<a href="{links.format(id=cell.report_id)}">{label}</a>'
            when = (
                f'<span class="small cell-date">{short_date(cell.submitted_on)}</span>'
                if cell.submitted_on
                else ""
            )
            out.append(
                f'<td class="cell cell-{cell.kind}" data-kind="{cell.kind}">{label}{when}</td>'
            )
        out.append(f'<td class="num">{row.summary.late} / {row.summary.missing}</td></tr>')
    return mark_safe("".join(out))  # every text above is escaped


def units_body(
    rows: list[progress.Row], by_unit: dict[int, progress.UnitTotals], keys: list[str]
) -> SafeString:
    out: list[str] = []
    for row in rows:
        found = by_unit.get(row.unit_id)
        values = [found.values.get(k, 0) if found else 0 for k in keys]
        out.append(
            f'<tr data-unit="{escape(row.code)}"><th scope="row">{escape(row.name)}</th>'
            f'<td class="num">{found.reports if found else 0}</td>'
            + "".join(f'<td class="num">{v}</td>' for v in values)
            + "</tr>"
        )
    return mark_safe("".join(out))  # every text above is escaped


def _filters() -> list[tuple[str, str]]:
    return [
        ("", _("Tất cả đơn vị")),
        ("behind", _("Chậm hoặc chưa nộp")),
        ("missing", _("Quá hạn, chưa nộp")),
        ("late", _("Nộp chậm")),
        ("returned", _("Bị trả lại")),
    ]


@login_required
@require_GET
def plan_progress(request: HttpRequest, pk: int) -> HttpResponse:
    plan = progress.get_plan_for_progress(request.user, pk)
    with stamps.reading():  # the matrix, the sums and the series read one stamp
        return _progress_page(request, plan)


def _progress_page(request: HttpRequest, plan: Plan) -> HttpResponse:
    today = timezone.localdate()
    only = request.GET.get("chi", "")
    if only not in progress.ONLY:
        only = ""
    text = request.GET.get("trang", "1")
    number = int(text) if text.isdigit() and 0 < int(text) < 100_000 else 1
    m = progress.matrix(plan, today, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE, only=only)
    pages = max(1, -(-m.unit_count // PAGE_SIZE))
    if number > pages:  # past the end (a filter shrank the list): show the last page
        number = pages
        m = progress.matrix(
            plan, today, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE, only=only
        )
    page = {
        "number": number,
        "pages": pages,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < pages else None,
        "first": (number - 1) * PAGE_SIZE + 1,
        "last": (number - 1) * PAGE_SIZE + len(m.rows),
    }
    found = progress.sums(plan)
    totals = found.channel_totals()
    series = progress.progress_series(plan)
    keys = [f"{t.channel}.{t.measure}" for t in totals]
    page_units = [r.unit_id for r in m.rows]
    by_unit = {u.unit_id: u for u in progress.unit_totals(plan, page_units, found=found)}
    labels = progress.kind_labels()
    totals_rows = []
    for t in totals:
        info = progress.measure_info(t.channel, t.measure)
        totals_rows.append({"total": t, "info": info})
    context: dict[str, Any] = {
        "plan": plan,
        "today": today,
        "matrix": m,
        "rows": m.rows,
        "matrix_body": matrix_body(m.rows, _report_links()),
        "units_body": units_body(m.rows, by_unit, keys),
        "page": page,
        "page_query": urlencode({"chi": only}) if only else "",
        "only": only,
        "filters": _filters(),
        "kinds": [(k, labels[k]) for k in progress.KINDS],
        "totals": totals_rows,
        "measure_headers": [progress.measure_info(t.channel, t.measure) for t in totals],
        "chart_totals": charts.totals_chart(totals),
        "chart_progress": charts.progress_chart(
            series,
            expected=m.summary.total,
            due_dates=[c.due for c in m.columns],
            today=today,
        ),
        "chart_periods": charts.periods_chart(m.columns),
        "can_review": access.can_review(request.user, plan),
    }
    return render(request, "kehoach/progress/progress.html", context)


@login_required
@require_GET
def plan_progress_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = progress.get_plan_for_progress(request.user, pk)
    data = excel.progress_workbook(plan, timezone.localdate())
    name = "tien-do-" + downloads.filename(plan, "xlsx").removeprefix("ke-hoach-")
    return downloads.file_response(data, excel.CONTENT_TYPE, name)


urlpatterns: list[URLPattern] = [
    path("ke-hoach/<int:pk>/tien-do/", plan_progress, name="plan-progress"),
    path("ke-hoach/<int:pk>/tien-do.xlsx", plan_progress_xlsx, name="plan-progress-xlsx"),
]
