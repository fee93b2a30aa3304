"""The plan library's pages: the list with its search, a plan, its review, its downloads."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kehoach.document import ConverterMissing, KehoachError

from .. import access, downloads, library
from ..forms import PlanReviewForm
from ..models import (
    Issuance,
    Obligation,
    Plan,
    PlanLink,
    PlanStatus,
    Report,
    ReportState,
    SourceFile,
    Task,
)
from ..templatetags.plans import CHANNELS
from ..timeline import render_timeline

PAGE_SIZE = 25
# The list never needs a plan's body: leave the large columns in the database.
LIST_DEFER = ("data", "source_text", "search_text", "findings")


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# ---------------------------------------------------------------------------- the list


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    visible = access.visible_plans(request.user)
    q = request.GET.get("q", "").strip()
    issuer = request.GET.get("issuer", "").strip()
    doc_type = request.GET.get("type", "").strip()
    status = request.GET.get("status", "").strip()
    if status not in PlanStatus.values:
        status = ""
    year_text = request.GET.get("year", "").strip()
    year = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    found = library.search(
        visible, q=q, issuer=issuer, year=year, doc_type=doc_type, status=status
    ).defer(*LIST_DEFER)
    page = Paginator(found.order_by("-date", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    filters = {"q": q, "issuer": issuer, "year": year or "", "type": doc_type, "status": status}
    query = "&".join(f"{k}={quote(str(v))}" for k, v in filters.items() if v)
    context = {
        "page": page,
        "plans": page.object_list,
        "filters": filters,
        "query": query,
        "filtered": any(filters.values()),
    }
    if _is_htmx(request):
        return render(request, "kehoach/plans/_results.html", context)
    context.update(
        issuers=_distinct(visible, "issuer"),
        years=sorted({y for y in _distinct(visible, "year") if y}, reverse=True),
        types=_distinct(visible, "doc_type"),
        statuses=PlanStatus.choices,
    )
    return render(request, "kehoach/plans/list.html", context)


def _distinct(plans: Any, column: str) -> list[Any]:
    values = plans.exclude(**{column: ""} if column != "year" else {"year__isnull": True})
    return list(values.order_by(column).values_list(column, flat=True).distinct())


# ---------------------------------------------------------------------------- one plan


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = access.get_plan(request.user, pk, for_work=True)
    data = row.data or {}
    visible = access.visible_plans(request.user)
    by_citation: dict[int, list[Plan]] = defaultdict(list)
    links_out = (
        PlanLink.objects.filter(source=row, target__in=visible)
        .select_related("target")
        .order_by("citation_index", "target__date", "target_id")
    )
    for link in links_out:
        if link.target not in by_citation[link.citation_index]:
            by_citation[link.citation_index].append(link.target)
    basis = [
        {"citation": citation, "plans": by_citation.get(i, [])}
        for i, citation in enumerate(data.get("basis") or [])
    ]
    implemented_by = (
        visible.filter(links_out__target=row).defer(*LIST_DEFER).distinct().order_by("-date", "-id")
    )
    context = {
        "plan": row,
        "data": data,
        "basis": basis,
        "implemented_by": list(implemented_by),
        "timeline": render_timeline(data.get("phases") or [], data.get("date")),
        "phases": data.get("phases") or [],
        "warnings_count": len(data.get("warnings") or []),
        "findings_count": len(row.findings or []),
        "errors_count": sum(1 for f in row.findings or [] if f.get("severity") == "error"),
        "source_file": SourceFile.objects.filter(plan=row).only("name", "size").first(),
        "can_edit": access.can_write(request.user),
        **_work_context(request.user, row, visible),
    }
    return render(request, "kehoach/plans/detail.html", context)


def _work_context(user: Any, row: Plan, visible: Any) -> dict[str, Any]:
    """What the plan page says about issuing and the work it gave: the department sees its
    progress pages, a unit with work on it is sent to its inbox."""
    in_library = visible.filter(pk=row.pk).exists()
    issuance = Issuance.objects.filter(plan=row).first()
    context: dict[str, Any] = {
        "issuance": issuance,
        "in_library": in_library,
        "can_issue": in_library and access.can_write(user) and issuance is None,
    }
    if issuance is not None:
        context["task_count"] = Task.objects.filter(plan=row).count()
        context["obligation_count"] = Obligation.objects.filter(plan=row).count()
        context["unit_count"] = (
            Obligation.objects.filter(plan=row).values("unit").distinct().count()
            or Task.objects.filter(plan=row).values("unit").distinct().count()
        )
        context["waiting_count"] = Report.objects.filter(
            plan=row, state=ReportState.SUBMITTED, current=True
        ).count()
    return context


# ---------------------------------------------------------------------------- review


def _line_notes(row: Plan) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The source lines with the findings and warnings at each, and the notes without a line."""
    lines = row.source_text.split("\n") if row.source_text else []
    notes: dict[int, list[dict[str, Any]]] = defaultdict(list)
    general: list[dict[str, Any]] = []
    for finding in row.findings or []:
        note = {"kind": "finding", **finding}
        line = finding.get("line")
        if isinstance(line, int) and 1 <= line <= len(lines):
            notes[line].append(note)
        else:
            general.append(note)
    for warning in (row.data or {}).get("warnings") or []:
        note = {
            "kind": "warning",
            "rule": warning.get("code"),
            "severity": "warning",
            "message": warning.get("message"),
            "line": warning.get("line"),
            "suggestion": None,
        }
        line = warning.get("line")
        if isinstance(line, int) and 1 <= line <= len(lines):
            notes[line].append(note)
        else:
            general.append(note)
    out = []
    for n, text in enumerate(lines, start=1):
        here = notes.get(n, [])
        out.append({"n": n, "parts": _marked(text, here), "notes": here})
    return out, general


def _marked(text: str, notes: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The line cut into pieces, the ones a finding points at marked."""
    spans = []
    for note in notes:
        column, quoted = note.get("column"), note.get("text") or ""
        if (
            isinstance(column, int)
            and quoted
            and text[column - 1 : column - 1 + len(quoted)] == quoted
        ):
            spans.append((column - 1, column - 1 + len(quoted)))
    parts: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:
            continue
        if start > at:
            parts.append((text[at:start], False))
        parts.append((text[start:end], True))
        at = end
    if at < len(text) or not parts:
        parts.append((text[at:], False))
    return parts


@login_required
@require_http_methods(["GET", "POST"])
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    writing = request.method == "POST"
    row = access.get_plan(request.user, pk, write=writing, for_work=True)
    status = 200
    if writing:
        form = PlanReviewForm(request.POST)
        if form.is_valid():
            library.correct(row, form.cleaned_data, status=PlanStatus.SAVED)
            messages.success(request, _("Đã lưu kế hoạch."))
            return redirect("kehoach:plan-detail", pk=row.pk)
        status = 400
    else:
        form = PlanReviewForm(initial=PlanReviewForm.initial_for(row.data or {}))
    lines, general = _line_notes(row)
    marked = [line for line in lines if line["notes"]]
    context = {
        "plan": row,
        "form": form,
        "lines": lines,
        "general": general,
        "marked": marked,
        "notes_count": len(general) + sum(len(line["notes"]) for line in marked),
        "can_edit": access.can_write(request.user),
        "channels": CHANNELS.items(),
    }
    return render(request, "kehoach/plans/review.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = access.get_plan(request.user, pk, write=True)
    if request.method == "POST":
        label = str(row)
        with transaction.atomic():
            row.delete()
        messages.success(request, _("Đã xóa kế hoạch %(plan)s.") % {"plan": label})
        return redirect("kehoach:plan-list")
    return render(request, "kehoach/plans/delete.html", {"plan": row})


# ---------------------------------------------------------------------------- downloads


@login_required
@require_GET
def plan_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in downloads.FORMATS:
        raise Http404
    row = access.get_plan(request.user, pk, for_work=True)
    name = downloads.filename(row, fmt)
    if fmt == "json":
        return downloads.file_response(downloads.as_json(row), downloads.FORMATS[fmt], name)
    try:
        docx = downloads.as_docx(row)
    except (KehoachError, ValueError) as exc:
        return _error(request, row, _("Không dựng được tệp DOCX: %(why)s") % {"why": exc}, 500)
    if fmt == "docx":
        return downloads.file_response(docx, downloads.FORMATS[fmt], name)
    try:
        pdf = downloads.as_pdf(docx)
    except ConverterMissing:
        return _error(
            request,
            row,
            _(
                "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF. "
                "Hãy tải bản DOCX, hoặc báo quản trị cài LibreOffice."
            ),
            503,
        )
    except KehoachError as exc:
        return _error(
            request, row, _("Không chuyển được sang PDF: %(why)s") % {"why": exc.message}, 503
        )
    return downloads.file_response(pdf, downloads.FORMATS[fmt], name)


def _error(request: HttpRequest, row: Plan, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "kehoach/plans/download_error.html",
        {"plan": row, "message": message},
        status=status,
    )


@login_required
@require_GET
def plan_source(request: HttpRequest, pk: int) -> HttpResponse:
    row = access.get_plan(request.user, pk, for_work=True)
    source = SourceFile.objects.filter(plan=row).first()
    if source is None:
        raise Http404
    return downloads.file_response(bytes(source.content), source.content_type, source.name)
