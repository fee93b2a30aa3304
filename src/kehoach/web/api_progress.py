"""The HTTP API for progress and synthesis (mounted on ``kehoach.web.api.api``).

Same rules as the pages: the plan's department (administrators who see it) reads and
writes; leaders and viewers who see the plan read; everyone else — a unit's reporter
included, who must never see the other units' rows — gets 404.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kehoach.document import ConverterMissing, KehoachError
from kehoach.tracking import synthesis as core

from . import access, downloads, progress
from . import synthesis as service
from .api import ErrorOut

router = Router(tags=["Tiến độ, tổng hợp"])
MAX_ROWS = 1000


class SummaryOut(Schema):
    total: int = Field(description="Lượt báo cáo phải nộp.")
    on_time: int = Field(description="Đã nộp đúng hạn.")
    late: int = Field(description="Đã nộp sau hạn.")
    missing: int = Field(description="Quá hạn, chưa nộp.")
    pending: int = Field(description="Chưa đến hạn, chưa nộp.")
    accepted: int = Field(description="Đã được chấp nhận.")
    submitted: int = Field(description="Đã nộp, chờ duyệt.")
    returned: int = Field(description="Bị trả lại.")


class ColumnOut(Schema):
    key: str = Field(description="Mã kỳ: tần suất và ngày đầu kỳ (6-month:2016-01-01).")
    frequency: str
    label: str = Field(description="Tên kỳ báo cáo: 6 tháng đầu năm 2016.")
    period_start: datetime.date
    period_end: datetime.date
    due: datetime.date = Field(description="Hạn nộp.")
    summary: SummaryOut


class CellOut(Schema):
    period: str = Field(description="Mã kỳ (ColumnOut.key).")
    obligation_id: int
    state: str = Field(description="pending, submitted, accepted, returned.")
    kind: str = Field(description="Màu ô: accepted, submitted, late, returned, missing, pending.")
    timing: str = Field(description="on_time, late, missing, pending.")
    label: str = Field(description="Ô ma trận bằng chữ.")
    due: datetime.date
    submitted_on: datetime.date | None = Field(description="Ngày nộp lần đầu.")
    report_id: int | None = Field(description="Bản báo cáo mới nhất đã nộp (không phải nháp).")


class RowOut(Schema):
    unit: str = Field(description="Mã đơn vị.")
    name: str
    summary: SummaryOut
    cells: list[CellOut]


class TotalOut(Schema):
    channel: str
    channel_label: str
    measure: str
    label: str
    unit_label: str
    total: int


class ProgressOut(Schema):
    plan_id: int
    today: datetime.date = Field(description="Ngày tính (hôm nay).")
    summary: SummaryOut
    units: int = Field(description="Số đơn vị khớp bộ lọc.")
    offset: int
    limit: int
    columns: list[ColumnOut]
    rows: list[RowOut]
    totals: list[TotalOut] = Field(description="Tổng số liệu từ báo cáo đã được chấp nhận.")


class ProgressQuery(Schema):
    only: Literal["", "late", "missing", "returned", "behind"] = Field(
        "", description="Chỉ các đơn vị nộp chậm, chưa nộp, bị trả lại, hoặc chậm/chưa nộp."
    )
    offset: int = Field(0, ge=0)
    limit: int = Field(MAX_ROWS, ge=1, le=MAX_ROWS)


class SynthesisOut(Schema):
    stored: bool = Field(description="false: bản xem trước chưa lưu.")
    edited: list[str] = Field(description="Các mục đã được sửa tay.")
    document: dict[str, Any] = Field(description="Báo cáo tổng hợp (xem docs/progress.md).")


class SignerIn(Schema):
    authority: str = ""
    title: str = ""
    name: str = ""


class RecipientIn(Schema):
    name: str
    purpose: str | None = None


class SynthesisEdits(Schema):
    number: str | None = Field(None, description="Số; để trống khi còn là dự thảo.")
    date: str | None = Field(None, description="Ngày, 2016-06-20 hoặc 20/06/2016.")
    place: str | None = None
    title: str | None = Field(None, description="Trích yếu.")
    sections: dict[str, str] | None = Field(
        None,
        description="Nội dung các mục: deployment, results, late, assessment, proposals.",
    )
    recipients: list[RecipientIn] | None = Field(None, description="Nơi nhận.")
    signer: SignerIn | None = None


class DraftIn(Schema):
    keep_edits: bool = Field(True, description="false: soạn lại từ đầu, bỏ phần đã sửa.")


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _summary(s: progress.Summary) -> dict[str, int]:
    return {f: getattr(s, f) for f in progress.Summary.__dataclass_fields__}


def _totals(plan: Any) -> list[dict[str, Any]]:
    out = []
    for t in progress.channel_totals(plan):
        info = progress.measure_info(t.channel, t.measure)
        out.append(
            {
                "channel": t.channel,
                "channel_label": info.channel_label,
                "measure": t.measure,
                "label": t.label,
                "unit_label": info.unit_label,
                "total": t.total,
            }
        )
    return out


@router.get(
    "/plans/{plan_id}/progress",
    response={200: ProgressOut, 404: ErrorOut},
    summary="Tiến độ: ma trận đơn vị × kỳ báo cáo và tổng số liệu",
    url_name="plan-progress",
)
def plan_progress(request: HttpRequest, plan_id: int, q: Query[ProgressQuery]) -> dict[str, Any]:
    """Mỗi ô: trạng thái báo cáo của một đơn vị trong một kỳ (đúng hạn, chậm, bị trả lại,
    quá hạn chưa nộp, chưa đến hạn). Tổng số liệu chỉ tính báo cáo đã được chấp nhận
    (bản chấp nhận mới nhất của mỗi kỳ). Chia trang theo đơn vị: ``offset``, ``limit``."""
    plan = progress.get_plan_for_progress(_user(request), plan_id)
    today = timezone.localdate()
    m = progress.matrix(plan, today, offset=q.offset, limit=q.limit, only=q.only)
    return {
        "plan_id": plan.pk,
        "today": today,
        "summary": _summary(m.summary),
        "units": m.unit_count,
        "offset": q.offset,
        "limit": q.limit,
        "columns": [
            {
                "key": c.key,
                "frequency": c.frequency,
                "label": c.label,
                "period_start": c.period_start,
                "period_end": c.period_end,
                "due": c.due,
                "summary": _summary(c.summary),
            }
            for c in m.columns
        ],
        "rows": [
            {
                "unit": r.code,
                "name": r.name,
                "summary": _summary(r.summary),
                "cells": [
                    {
                        "period": m.columns[i].key,
                        "obligation_id": c.obligation_id,
                        "state": c.state,
                        "kind": c.kind,
                        "timing": c.timing,
                        "label": c.label,
                        "due": c.due,
                        "submitted_on": c.submitted_on,
                        "report_id": c.report_id,
                    }
                    for i, c in enumerate(r.cells)
                    if c is not None
                ],
            }
            for r in m.rows
        ],
        "totals": _totals(plan),
    }


def _out(doc: dict[str, Any], stored: bool) -> dict[str, Any]:
    return {"stored": stored, "edited": core.edited_fields(doc), "document": doc}


@router.get(
    "/plans/{plan_id}/synthesis",
    response={200: SynthesisOut, 404: ErrorOut},
    summary="Báo cáo tổng hợp kết quả thực hiện kế hoạch",
    url_name="plan-synthesis",
)
def synthesis_get(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """Bản đã lưu; chưa lưu thì một dự thảo mới soạn từ các báo cáo đã được chấp nhận
    (``stored: false``, không ghi gì)."""
    plan = progress.get_plan_for_progress(_user(request), plan_id)
    row = service.stored(plan)
    if row is not None and row.data:
        return _out(row.data, True)
    return _out(service.draft(plan, timezone.localdate()), False)


def _reviewable(request: HttpRequest, plan_id: int) -> Any:
    user = _user(request)
    plan = progress.get_plan_for_progress(user, plan_id)
    if not access.can_review(user, plan):
        raise Http404
    return plan


@router.put(
    "/plans/{plan_id}/synthesis",
    response={200: SynthesisOut, 404: ErrorOut, 422: ErrorOut},
    summary="Sửa báo cáo tổng hợp (ban, phòng ban hành kế hoạch)",
    url_name="plan-synthesis-edit",
)
def synthesis_put(request: HttpRequest, plan_id: int, payload: SynthesisEdits) -> dict[str, Any]:
    """Chỉ các mục gửi lên được sửa; sai một mục thì không lưu gì (422). Phần đã sửa được
    giữ khi soạn lại dự thảo."""
    plan = _reviewable(request, plan_id)
    edits = payload.dict(exclude_unset=True)
    edits = {k: v for k, v in edits.items() if v is not None or k in ("number", "date")}
    for key in ("number", "date"):
        if key in edits and edits[key] is None:
            edits[key] = ""
    try:
        row = service.save_edits(plan, edits, _user(request), timezone.localdate())
    except core.SynthesisError as exc:
        raise HttpError(422, exc.message) from None
    return _out(row.data, True)


@router.post(
    "/plans/{plan_id}/synthesis/draft",
    response={200: SynthesisOut, 404: ErrorOut},
    summary="Soạn (lại) dự thảo báo cáo tổng hợp từ các báo cáo đã được chấp nhận",
    url_name="plan-synthesis-draft",
)
def synthesis_draft(
    request: HttpRequest, plan_id: int, payload: DraftIn | None = None
) -> dict[str, Any]:
    """Số liệu mới nhất; phần đã sửa tay được giữ, trừ khi ``keep_edits: false``."""
    plan = _reviewable(request, plan_id)
    keep = payload.keep_edits if payload is not None else True
    row = service.redraft_synthesis(plan, timezone.localdate(), _user(request), keep_edits=keep)
    return _out(row.data, True)


@router.get(
    "/plans/{plan_id}/synthesis.{fmt}",
    response={404: ErrorOut, 503: ErrorOut},
    summary="Tải báo cáo tổng hợp: DOCX, PDF hoặc Excel",
    url_name="plan-synthesis-download",
    openapi_extra={
        "responses": {
            200: {
                "description": "Báo cáo theo thể thức của cơ quan ban hành kế hoạch.",
                "content": {
                    service.FORMATS[f]: {"schema": {"type": "string", "format": "binary"}}
                    for f in ("docx", "pdf", "xlsx")
                },
            }
        }
    },
)
def synthesis_download(
    request: HttpRequest, plan_id: int, fmt: Literal["docx", "pdf", "xlsx"]
) -> HttpResponse:
    """PDF chuyển từ DOCX bằng LibreOffice (thiếu LibreOffice → 503)."""
    plan = progress.get_plan_for_progress(_user(request), plan_id)
    try:
        data = service.render(plan, fmt, timezone.localdate())
    except ConverterMissing as exc:
        raise HttpError(503, f"Chưa xuất được PDF: {exc.message}.") from None
    except KehoachError as exc:
        raise HttpError(503, f"Không tạo được tệp: {exc.message}.") from None
    return downloads.file_response(data, service.FORMATS[fmt], service.filename(plan, fmt))
