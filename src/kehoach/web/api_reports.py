"""The HTTP API for tasks, obligations and reports (mounted on ``kehoach.web.api.api``).

Same rules as the pages, through the same functions (``kehoach.web.reporting``): what lies
outside the caller's scope is 404 (another ward's draft does not exist for them); an action
on something the caller sees but may not do (a leader accepting, a reporter accepting their
own report) is 403; a transition the report's state does not allow is 409; bad values are
422. Every answer's ``detail`` is in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from kehoach.tracking.measures import CHANNEL_LABELS, all_measures

from . import access, evidence, reporting
from .api import ErrorOut
from .models import (
    Evidence,
    EvidenceKind,
    Obligation,
    ObligationState,
    PlanStatus,
    Report,
    Task,
    TaskState,
    Unit,
)

router = Router(tags=["Việc và báo cáo"])
MAX_PAGE_SIZE = 500


# --- schemas ------------------------------------------------------------------------------


class MeasureOut(Schema):
    channel: str = Field(description="Kênh tuyên truyền (plan-json.md), ví dụ conference.")
    channel_label: str = Field(description="Tên kênh bằng tiếng Việt.")
    key: str = Field(description="Chỉ tiêu đếm của kênh, ví dụ attendees.")
    code: str = Field(description="channel.key, ví dụ conference.attendees.")
    label: str = Field(description="Tên chỉ tiêu, ví dụ “Lượt người dự”.")
    unit_label: str = Field(description="Đơn vị đếm, ví dụ “lượt người”.")


class TaskOut(Schema):
    id: int
    plan_id: int
    plan_reference: str = Field(description="Số, ký hiệu kế hoạch, ví dụ 17-KH/QU.")
    unit: str = Field(description="Mã đơn vị thực hiện.")
    assigned_name: str = Field(description="Đơn vị được giao như ghi trong kế hoạch.")
    text: str = Field(description="Nhiệm vụ.")
    source_line: int | None = Field(description="Dòng của nhiệm vụ trong văn bản gốc.")
    due_date: dt.date | None = Field(description="Hạn (ISO 8601).")
    state: str = Field(description="open (đang thực hiện) hoặc done (đã hoàn thành).")
    status: str = Field(description="Tình trạng hôm nay: open, due-soon, overdue, done.")
    status_label: str = Field(description="Tình trạng bằng tiếng Việt.")
    done_at: dt.datetime | None
    note: str = Field(description="Ghi chú khi hoàn thành hoặc mở lại.")


class ReportBrief(Schema):
    id: int
    version: int
    current: bool = Field(description="Phiên bản mới nhất.")
    state: str = Field(description="draft, submitted, accepted hoặc returned.")
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None


class ObligationOut(Schema):
    id: int
    plan_id: int
    plan_reference: str
    unit: str = Field(description="Mã đơn vị phải báo cáo.")
    frequency: str = Field(description="weekly, monthly, quarterly, 6-month, yearly, once.")
    label: str = Field(description="Kỳ báo cáo, ví dụ “6 tháng đầu năm 2016”.")
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date = Field(description="Hạn nộp.")
    state: str = Field(description="pending, submitted, returned hoặc accepted.")
    status: str = Field(
        description="Tình trạng hôm nay: open, due-soon, overdue, submitted, returned, accepted."
    )
    status_label: str
    first_submitted_at: dt.datetime | None = Field(description="Lần nộp đầu tiên.")
    accepted_at: dt.datetime | None = Field(description="Lần được chấp nhận đầu tiên.")
    on_time: bool | None = Field(description="Nộp đúng hạn (null khi chưa nộp).")


class ObligationDetail(ObligationOut):
    reports: list[ReportBrief] = Field(
        description="Các phiên bản báo cáo người gọi được xem, mới nhất trước."
    )


class CountItem(Schema):
    channel: str = Field(description="Kênh, ví dụ conference.")
    measure: str = Field(description="Chỉ tiêu, ví dụ attendees.")
    value: int = Field(description="Số đếm, từ 0 đến 10.000.000.")


class EvidenceOut(Schema):
    id: int
    kind: str = Field(description="link hoặc file.")
    url: str = Field(description="Đường dẫn (link); địa chỉ tải về (file).")
    name: str
    content_type: str
    size: int


class ReportOut(Schema):
    id: int
    obligation_id: int
    plan_id: int
    unit: str
    version: int
    current: bool
    supersedes: int | None = Field(description="Phiên bản trước (khi sửa sau khi đã nộp).")
    state: str = Field(description="draft, submitted, accepted hoặc returned.")
    narrative: str
    return_comment: str = Field(description="Ý kiến của ban, phòng khi trả lại.")
    counts: list[CountItem]
    evidence: list[EvidenceOut]
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None
    reviewed_at: dt.datetime | None


class ReportPatch(Schema):
    narrative: str | None = Field(None, description="Nội dung báo cáo.")
    counts: list[CountItem] | None = Field(
        None, description="Toàn bộ số liệu (thay số liệu cũ); chỉ tiêu không gửi bị xóa."
    )


class NoteIn(Schema):
    note: str = Field("", description="Ghi chú (không bắt buộc).")


class CommentIn(Schema):
    comment: str = Field(description="Ý kiến: đơn vị cần sửa gì (bắt buộc).")


class LinkIn(Schema):
    url: str = Field(description="Địa chỉ http:// hoặc https://.")
    title: str = Field("", description="Tên hiển thị (không bắt buộc).")


class TaskFilters(Schema):
    state: Literal["open", "done", "all"] = Field("all", description="open, done hoặc all.")
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


class ObligationFilters(Schema):
    state: Literal["", "pending", "submitted", "returned", "accepted"] = Field(
        "", description="Lọc theo trạng thái; bỏ trống là tất cả."
    )
    page: int = Field(1, ge=1)
    page_size: int = Field(100, ge=1, le=MAX_PAGE_SIZE)


# --- helpers ------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@contextmanager
def _answers() -> Iterator[None]:
    """The reporting functions' refusals as HTTP answers."""
    try:
        yield
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or "Bạn không có quyền làm việc này.") from None
    except ValidationError as exc:
        status = 409 if getattr(exc, "code", None) == "state" else 422
        raise HttpError(status, " ".join(exc.messages)) from None


def _unit(user: Any, code: str) -> Unit:
    unit = access.visible_units(user).filter(code=code).first()
    if unit is None:
        raise Http404
    return unit


def _task_out(task: Task, today: dt.date) -> dict[str, Any]:
    status = reporting.task_status(task, today)
    return {
        "id": task.pk,
        "plan_id": task.plan_id,
        "plan_reference": task.plan.reference,
        "unit": task.unit.code,
        "assigned_name": task.assigned_name,
        "text": task.text,
        "source_line": task.source_line,
        "due_date": task.due_date,
        "state": task.state,
        "status": status.key,
        "status_label": status.label,
        "done_at": task.done_at,
        "note": task.note,
    }


def _obligation_out(row: Obligation, today: dt.date) -> dict[str, Any]:
    status = reporting.obligation_status(row, today)
    return {
        "id": row.pk,
        "plan_id": row.plan_id,
        "plan_reference": row.plan.reference,
        "unit": row.unit.code,
        "frequency": row.frequency,
        "label": row.label,
        "period_start": row.period_start,
        "period_end": row.period_end,
        "due_date": row.due_date,
        "state": row.state,
        "status": status.key,
        "status_label": status.label,
        "first_submitted_at": row.first_submitted_at,
        "accepted_at": row.accepted_at,
        "on_time": row.on_time,
    }


def _brief(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "version": report.version,
        "current": report.current,
        "state": report.state,
        "submitted_at": report.submitted_at,
        "reviewed_at": report.reviewed_at,
    }


def _report_out(report: Report) -> dict[str, Any]:
    report = Report.objects.select_related("unit").get(pk=report.pk)
    return {
        "id": report.pk,
        "obligation_id": report.obligation_id,
        "plan_id": report.plan_id,
        "unit": report.unit.code,
        "version": report.version,
        "current": report.current,
        "supersedes": report.supersedes_id,
        "state": report.state,
        "narrative": report.narrative,
        "return_comment": report.return_comment,
        "counts": [
            {"channel": c.channel, "measure": c.measure, "value": c.value}
            for c in report.counts.order_by("pk")
        ],
        "evidence": [_evidence_out(e) for e in report.evidence.defer("content").order_by("pk")],
        "created_at": report.created_at,
        "updated_at": report.updated_at,
        "submitted_at": report.submitted_at,
        "reviewed_at": report.reviewed_at,
    }


def _evidence_out(row: Evidence) -> dict[str, Any]:
    return {
        "id": row.pk,
        "kind": row.kind,
        "url": row.url
        if row.kind == EvidenceKind.LINK
        else reverse("api:evidence-download", kwargs={"evidence_id": row.pk}),
        "name": row.name,
        "content_type": row.content_type,
        "size": row.size,
    }


def _page(rows: Any, page: int, size: int) -> Any:
    start = (page - 1) * size
    return rows[start : start + size]


def _act(request: HttpRequest, report_id: int, action: Callable[[Any, Report], Any]) -> Any:
    user = _user(request)
    report = access.get_report(user, report_id)
    with _answers():
        action(user, report)
    return _report_out(report)


# --- measures -----------------------------------------------------------------------------


@router.get(
    "/measures",
    response=list[MeasureOut],
    summary="Các chỉ tiêu đếm theo kênh tuyên truyền",
    url_name="measure-list",
)
def measure_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Danh mục chỉ tiêu dùng trong số liệu báo cáo (``counts``), theo thứ tự kênh."""
    return [
        {
            "channel": m.channel,
            "channel_label": CHANNEL_LABELS[m.channel],
            "key": m.key,
            "code": m.code,
            "label": m.label,
            "unit_label": m.unit_label,
        }
        for m in all_measures()
    ]


# --- a unit's work ------------------------------------------------------------------------


@router.get(
    "/units/{code}/tasks",
    response={200: list[TaskOut], 404: ErrorOut},
    summary="Nhiệm vụ của một đơn vị (kế hoạch đã ban hành)",
    url_name="unit-tasks",
)
def unit_tasks(
    request: HttpRequest, code: str, filters: Query[TaskFilters]
) -> list[dict[str, Any]]:
    """Theo hạn, sớm nhất trước (không ghi hạn xếp cuối)."""
    user = _user(request)
    unit = _unit(user, code)
    rows = (
        access.visible_tasks(user)
        .filter(unit=unit, plan__status=PlanStatus.ISSUED)
        .select_related("plan", "unit")
        .defer("plan__data", "plan__source_text", "plan__search_text", "plan__findings")
    )
    if filters.state != "all":
        rows = rows.filter(state=TaskState.OPEN if filters.state == "open" else TaskState.DONE)
    today = timezone.localdate()
    # Undated tasks last on every page, on both databases (SQLite sorts NULL first).
    rows = rows.order_by(F("due_date").asc(nulls_last=True), "pk")
    return [_task_out(t, today) for t in _page(rows, filters.page, filters.page_size)]


@router.get(
    "/units/{code}/obligations",
    response={200: list[ObligationOut], 404: ErrorOut},
    summary="Các kỳ báo cáo của một đơn vị",
    url_name="unit-obligations",
)
def unit_obligations(
    request: HttpRequest, code: str, filters: Query[ObligationFilters]
) -> list[dict[str, Any]]:
    user = _user(request)
    unit = _unit(user, code)
    rows = (
        access.visible_obligations(user)
        .filter(unit=unit, plan__status=PlanStatus.ISSUED)
        .select_related("plan", "unit")
        .defer("plan__data", "plan__source_text", "plan__search_text", "plan__findings")
    )
    if filters.state:
        rows = rows.filter(state=ObligationState(filters.state))
    today = timezone.localdate()
    rows = rows.order_by("due_date", "pk")
    return [_obligation_out(o, today) for o in _page(rows, filters.page, filters.page_size)]


@router.get(
    "/tasks/{task_id}",
    response={200: TaskOut, 404: ErrorOut},
    summary="Một nhiệm vụ",
    url_name="task-detail",
)
def task_detail(request: HttpRequest, task_id: int) -> dict[str, Any]:
    return _task_out(access.get_task(_user(request), task_id), timezone.localdate())


@router.post(
    "/tasks/{task_id}/complete",
    response={200: TaskOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Đánh dấu nhiệm vụ đã hoàn thành (đơn vị thực hiện)",
    url_name="task-complete",
)
def task_complete(request: HttpRequest, task_id: int, payload: NoteIn) -> dict[str, Any]:
    user = _user(request)
    task = access.get_task(user, task_id)
    with _answers():
        task = reporting.complete_task(task, user, payload.note)
    return _task_out(task, timezone.localdate())


@router.post(
    "/tasks/{task_id}/reopen",
    response={200: TaskOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Mở lại nhiệm vụ đã đánh dấu hoàn thành",
    url_name="task-reopen",
)
def task_reopen(request: HttpRequest, task_id: int, payload: NoteIn) -> dict[str, Any]:
    user = _user(request)
    task = access.get_task(user, task_id)
    with _answers():
        task = reporting.reopen_task(task, user, payload.note)
    return _task_out(task, timezone.localdate())


# --- obligations and reports --------------------------------------------------------------


@router.get(
    "/obligations/{obligation_id}",
    response={200: ObligationDetail, 404: ErrorOut},
    summary="Một kỳ báo cáo và các phiên bản báo cáo",
    url_name="obligation-detail",
)
def obligation_detail(request: HttpRequest, obligation_id: int) -> dict[str, Any]:
    user = _user(request)
    row = access.get_obligation(user, obligation_id)
    versions = access.visible_reports(user).filter(obligation=row).order_by("-version")
    return {
        **_obligation_out(row, timezone.localdate()),
        "reports": [_brief(r) for r in versions],
    }


@router.post(
    "/obligations/{obligation_id}/reports",
    response={200: ReportOut, 201: ReportOut, 403: ErrorOut, 404: ErrorOut},
    summary="Bắt đầu (hoặc lấy) bản báo cáo đang viết của kỳ",
    url_name="report-start",
)
def report_start(request: HttpRequest, obligation_id: int) -> Status[dict[str, Any]]:
    """Trả bản nháp hoặc bản bị trả lại đang có (200); nếu báo cáo đã nộp hoặc đã được chấp
    nhận, tạo phiên bản mới chép từ phiên bản đó (201; phiên bản cũ được giữ); chưa có thì
    tạo phiên bản 1 (201)."""
    user = _user(request)
    obligation = access.get_obligation(user, obligation_id)
    with _answers():
        before = (
            reporting.current_report(obligation)
            if reporting.may_write(user, obligation.unit)
            else None
        )
        report = reporting.start_report(obligation, user)
    created = before is None or before.pk != report.pk
    return Status(201 if created else 200, _report_out(report))


@router.get(
    "/reports/{report_id}",
    response={200: ReportOut, 404: ErrorOut},
    summary="Một báo cáo (một phiên bản)",
    url_name="report-detail",
)
def report_detail(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _report_out(access.get_report(_user(request), report_id))


@router.patch(
    "/reports/{report_id}",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Sửa nội dung, số liệu của bản nháp hoặc bản bị trả lại",
    url_name="report-update",
)
def report_update(request: HttpRequest, report_id: int, payload: ReportPatch) -> dict[str, Any]:
    """Trường không gửi giữ nguyên. ``counts`` gửi lên thay toàn bộ số liệu. Số âm, quá lớn,
    chỉ tiêu không có trong danh mục (``GET /measures``) trả 422; báo cáo đã nộp hoặc đã
    được chấp nhận trả 409 (tạo phiên bản mới bằng ``POST /obligations/{id}/reports``)."""
    user = _user(request)
    report = access.get_report(user, report_id)
    changes = payload.dict(exclude_unset=True)
    narrative = changes.get("narrative")
    if narrative is None:
        narrative = report.narrative
    if changes.get("counts") is None:
        counts: dict[tuple[str, str], Any] = reporting.counts_of(report)
    else:
        counts = {}
        for item in payload.counts or []:
            key = (item.channel, item.measure)
            if key in counts:
                raise HttpError(422, f"Chỉ tiêu {item.channel}.{item.measure} được gửi hai lần.")
            counts[key] = item.value
    with _answers():
        reporting.save_report(report, user, narrative=narrative, counts=counts)
    return _report_out(report)


@router.post(
    "/reports/{report_id}/submit",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Nộp báo cáo",
    url_name="report-submit",
)
def report_submit(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _act(request, report_id, lambda user, r: reporting.submit_report(r, user))


@router.post(
    "/reports/{report_id}/accept",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Chấp nhận báo cáo (ban, phòng ban hành kế hoạch)",
    url_name="report-accept",
)
def report_accept(request: HttpRequest, report_id: int) -> dict[str, Any]:
    return _act(request, report_id, lambda user, r: reporting.accept_report(r, user))


@router.post(
    "/reports/{report_id}/return",
    response={200: ReportOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Trả lại báo cáo kèm ý kiến (ban, phòng ban hành kế hoạch)",
    url_name="report-return",
)
def report_return(request: HttpRequest, report_id: int, payload: CommentIn) -> dict[str, Any]:
    return _act(
        request, report_id, lambda user, r: reporting.return_report(r, user, payload.comment)
    )


# --- evidence -----------------------------------------------------------------------------


@router.post(
    "/reports/{report_id}/evidence/link",
    response={201: EvidenceOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Kèm một đường dẫn làm bằng chứng",
    url_name="evidence-link",
)
def evidence_link(request: HttpRequest, report_id: int, payload: LinkIn) -> Status[dict[str, Any]]:
    user = _user(request)
    report = access.get_report(user, report_id)
    with _answers():
        row = evidence.add_link(report, user, payload.url, payload.title)
    return Status(201, _evidence_out(row))


@router.post(
    "/reports/{report_id}/evidence/file",
    response={201: EvidenceOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Kèm ảnh (JPEG, PNG, WebP) hoặc tệp (PDF, DOCX, XLSX) làm bằng chứng",
    url_name="evidence-file",
)
def evidence_file(
    request: HttpRequest, report_id: int, file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    """Loại tệp được kiểm tra theo nội dung, không theo tên (tệp .exe đổi tên thành .jpg bị
    từ chối, 422)."""
    user = _user(request)
    report = access.get_report(user, report_id)
    with _answers():
        row = evidence.add_upload(report, user, file)
    return Status(201, _evidence_out(row))


def _evidence(user: Any, evidence_id: int) -> Evidence:
    row = (
        Evidence.objects.filter(pk=evidence_id, report__in=access.visible_reports(user))
        .select_related("report", "report__unit")
        .first()
    )
    if row is None:
        raise Http404
    return row


@router.get(
    "/evidence/{evidence_id}",
    response={404: ErrorOut},
    summary="Tải tệp bằng chứng",
    url_name="evidence-download",
    openapi_extra={
        "responses": {
            200: {
                "description": "Tệp, luôn ở dạng tải về (attachment).",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    },
)
def evidence_download(request: HttpRequest, evidence_id: int) -> HttpResponse:
    row = _evidence(_user(request), evidence_id)
    if row.kind != EvidenceKind.FILE:
        raise Http404
    return evidence.response(row)


@router.delete(
    "/evidence/{evidence_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Bỏ một bằng chứng khỏi bản nháp",
    url_name="evidence-delete",
)
def evidence_delete(request: HttpRequest, evidence_id: int) -> Status[None]:
    user = _user(request)
    row = _evidence(user, evidence_id)
    with _answers():
        evidence.remove(row, user)
    return Status(204, None)
