"""The synthesis report of an issued plan: the draft, its edit form, redrafts, downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kehoach.document import ConverterMissing, KehoachError
from kehoach.tracking import synthesis as core

from .. import access, downloads, progress
from .. import synthesis as service
from ..models import Plan

PREVIEW_ROWS = 50


def _edits(post: QueryDict) -> dict[str, Any]:
    """The form's fields as the core's edits."""
    edits: dict[str, Any] = {
        name: post.get(name, "") for name in ("number", "date", "place", "title")
    }
    edits["sections"] = {key: post.get(f"section_{key}", "") for key in core.SECTION_KEYS}
    edits["recipients"] = post.get("recipients", "")
    edits["signer"] = {
        "authority": post.get("signer_authority", ""),
        "title": post.get("signer_title", ""),
        "name": post.get("signer_name", ""),
    }
    return edits


def _form_values(doc: dict[str, Any], post: QueryDict | None = None) -> dict[str, Any]:
    """What the form shows: the document's values, or what was typed when it was refused."""
    try:
        day = dt.date.fromisoformat(str(doc.get("date") or ""))
    except ValueError:
        day = None
    values: dict[str, Any] = {
        "number": doc.get("number") or "",
        "date": f"{day:%d/%m/%Y}" if day else "",
        "place": doc.get("place") or "",
        "title": doc.get("title") or "",
        "recipients": "\n".join("- " + core.recipient_line(r) for r in doc.get("recipients") or []),
        "signer_authority": (doc.get("signer") or {}).get("authority") or "",
        "signer_title": (doc.get("signer") or {}).get("title") or "",
        "signer_name": (doc.get("signer") or {}).get("name") or "",
    }
    for section in doc.get("sections") or []:
        values[f"section_{section['key']}"] = section.get("text") or ""
    if post is not None:
        for name in list(values):
            if name in post:
                values[name] = post.get(name, "")
    return values


def _context(
    request: HttpRequest, plan: Plan, doc: dict[str, Any], saved: bool, **extra: Any
) -> dict[str, Any]:
    edited = set(core.edited_fields(doc))
    post = extra.pop("post", None)
    values = _form_values(doc, post)
    sections = [
        {
            "key": s["key"],
            "label": s["label"],
            "heading": s["heading"],
            "text": s.get("text") or "",
            "value": values.get(f"section_{s['key']}", ""),
            "edited": f"sections.{s['key']}" in edited,
        }
        for s in doc.get("sections") or []
    ]
    table = doc.get("table") or {}
    rows = table.get("rows") or []
    return {
        "plan": plan,
        "doc": doc,
        "saved": saved,
        "values": values,
        "sections": sections,
        "edited": edited,
        "columns": table.get("columns") or [],
        "rows": rows[:PREVIEW_ROWS],
        "rows_hidden": max(0, len(rows) - PREVIEW_ROWS),
        "total": table.get("total") or {},
        "can_edit": access.can_review(request.user, plan),
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    plan = progress.get_plan_for_progress(request.user, pk)
    today = timezone.localdate()
    if request.method == "POST":
        if not access.can_review(request.user, plan):
            raise Http404
        action = request.POST.get("action", "save")
        if action in ("redraft", "reset"):
            first = service.stored(plan) is None
            service.redraft_synthesis(plan, today, request.user, keep_edits=action == "redraft")
            if first:
                done = _("Đã soạn dự thảo từ các báo cáo đã được chấp nhận.")
            elif action == "redraft":
                done = _("Đã soạn lại dự thảo từ số liệu mới; phần đã sửa tay được giữ.")
            else:
                done = _("Đã soạn lại dự thảo từ đầu.")
            messages.success(request, done)
            return redirect("kehoach:plan-synthesis", pk=plan.pk)
        try:
            service.save_edits(plan, _edits(request.POST), request.user, today)
        except core.SynthesisError as exc:
            row = service.stored(plan)
            doc = row.data if row is not None and row.data else service.draft(plan, today)
            context = _context(
                request, plan, doc, row is not None, post=request.POST, error=exc.message
            )
            return render(request, "kehoach/synthesis/synthesis.html", context, status=400)
        messages.success(request, _("Đã lưu báo cáo tổng hợp."))
        return redirect("kehoach:plan-synthesis", pk=plan.pk)
    row = service.stored(plan)
    saved = row is not None and bool(row.data)
    doc = row.data if saved and row is not None else service.draft(plan, today)
    context = _context(request, plan, doc, saved, updated=row)
    return render(request, "kehoach/synthesis/synthesis.html", context)


@login_required
@require_GET
def plan_synthesis_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in service.FORMATS:
        raise Http404
    plan = progress.get_plan_for_progress(request.user, pk)
    name = service.filename(plan, fmt)
    try:
        data = service.render(plan, fmt, timezone.localdate())
    except ConverterMissing:
        return _error(
            request,
            plan,
            _(
                "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF. "
                "Hãy tải bản DOCX, hoặc báo quản trị cài LibreOffice."
            ),
            503,
        )
    except KehoachError as exc:
        return _error(request, plan, _("Không tạo được tệp: %(why)s") % {"why": exc.message}, 503)
    return downloads.file_response(data, service.FORMATS[fmt], name)


def _error(request: HttpRequest, plan: Plan, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "kehoach/plans/download_error.html",
        {"plan": plan, "message": message},
        status=status,
    )


urlpatterns: list[URLPattern] = [
    path("ke-hoach/<int:pk>/tong-hop/", plan_synthesis, name="plan-synthesis"),
    path(
        "ke-hoach/<int:pk>/tong-hop.<str:fmt>",
        plan_synthesis_download,
        name="plan-synthesis-download",
    ),
]
