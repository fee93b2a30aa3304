"""Uploading a plan: the drop zone, then a status page that follows the background read."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, library, tasks
from ..models import Upload, UploadStatus

ACCEPT = ".docx,.doc,.pdf,.txt,.md,.html"

TASK_STATUS = {
    "READY": gettext_lazy("trong hàng đợi"),
    "RUNNING": gettext_lazy("đang chạy"),
    "SUCCESSFUL": gettext_lazy("đã xong"),
    "FAILED": gettext_lazy("gặp lỗi"),
}


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _page(request: HttpRequest, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "error": error,
        "accept": ACCEPT,
        "limit_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
        "can_upload": access.can_write(request.user),
    }
    return render(request, "kehoach/plans/upload.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    owner = access.library_unit(request.user)
    if not access.can_write(request.user) or owner is None:
        raise Http404
    sent = request.FILES.get("file")
    if sent is None:
        return _page(request, _("Chưa chọn tệp."), 400)
    try:
        row = library.submit_upload(sent, owner=owner, user=request.user)
    except library.UploadRejected as exc:
        return _page(request, exc.message, 400)
    return redirect("kehoach:upload-status", pk=row.pk)


def _task_status(row: Upload) -> tuple[str, Any] | None:
    code = tasks.task_status(row)
    return (code, TASK_STATUS.get(code, code)) if code else None


@login_required
@require_GET
def upload_status(request: HttpRequest, pk: Any) -> HttpResponse:
    row = access.get_upload(request.user, pk)
    if row.status == UploadStatus.DONE and row.plan_id is not None:
        target = reverse("kehoach:plan-review", kwargs={"pk": row.plan_id})
        if _is_htmx(request):
            response = HttpResponse(status=200)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
    task = _task_status(row)
    context = {
        "upload": row,
        "pending": row.status in (UploadStatus.QUEUED, UploadStatus.RUNNING),
        "task_code": task[0] if task else "",
        "task_label": task[1] if task else "",
    }
    template = "kehoach/plans/_upload_status.html" if _is_htmx(request) else None
    return render(request, template or "kehoach/plans/upload_status.html", context)
