"""The HTTP API for issuing (mounted on ``kehoach.web.api.api``): the proposal, issuing a
plan, the outgoing register and its start numbers. Same access rules as the pages: only
administrators who may change the plan see its proposal or issue it (others: 404)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from kehoach.document.text import nfc

from . import access, issuing
from .api import ErrorOut
from .audit import acting_as
from .models import Issuance, Obligation, PlanStatus, Task, Unit

router = Router(tags=["Ban hành"])


class UnconfirmedOut(ErrorOut):
    assignments: list[int] = Field(
        default_factory=list,
        description="Chỉ số (từ 0) các phân công chưa xác nhận đơn vị (khớp gần đúng hoặc "
        "không tìm thấy); gửi lại với ``choices``.",
    )


class UnitRef(Schema):
    id: int
    code: str = Field(description="Mã đơn vị.")
    name: str = Field(description="Tên đơn vị.")


class DutyOut(Schema):
    index: int = Field(description="Thứ tự nhiệm vụ trong phân công (từ 0).")
    text: str = Field(description="Nội dung nhiệm vụ.")
    due: datetime.date | None = Field(description="Hạn hoàn thành.")


class AssignmentOut(Schema):
    index: int = Field(description="Thứ tự phân công trong phần tổ chức thực hiện (từ 0).")
    name: str = Field(description="Đơn vị như ghi trong kế hoạch.")
    line: int | None = Field(description="Dòng của phân công trong văn bản.")
    method: str = Field(
        description="Cách khớp với cây tổ chức: exact, alias, group, fuzzy hoặc none."
    )
    score: float = Field(description="Độ giống (1 khi khớp đúng).")
    needs_confirmation: bool = Field(
        description="Cần xác nhận đơn vị (fuzzy, none) trước khi ban hành."
    )
    matched: list[UnitRef] = Field(description="Các đơn vị bộ khớp tìm được.")
    candidates: list[UnitRef] = Field(description="Các đơn vị gợi ý để xác nhận (fuzzy).")
    units: list[UnitRef] = Field(description="Các đơn vị sẽ nhận nhiệm vụ.")
    duties: list[DutyOut]


class ObligationOut(Schema):
    frequency: str = Field(
        description="weekly, monthly, quarterly, 6-month, yearly hoặc once (theo hạn)."
    )
    frequency_label: str
    label: str = Field(description="Kỳ báo cáo, ví dụ 6 tháng đầu năm 2024.")
    start: datetime.date
    end: datetime.date
    due: datetime.date = Field(description="Hạn nộp báo cáo.")
    line: int | None = Field(description="Dòng nguồn trong văn bản.")
    units: list[UnitRef] = Field(description="Các đơn vị phải báo cáo kỳ này.")


class ProposalOut(Schema):
    plan_id: int
    issuer: UnitRef = Field(description="Đơn vị ban hành (sổ văn bản đi cấp số).")
    doc_code: str = Field(description="Loại văn bản viết tắt, ví dụ KH.")
    year: int
    number: int = Field(description="Số sẽ cấp (số tiếp theo của sổ).")
    symbol: str = Field(description="Ký hiệu sau khi ban hành, ví dụ KH/QU.")
    reference: str = Field(description="Số và ký hiệu, ví dụ 05-KH/QU.")
    issued_on: datetime.date
    runs_until: datetime.date = Field(description="Các kỳ báo cáo kéo dài đến ngày này.")
    due_day: int = Field(description="Ngày trong tháng là hạn nộp báo cáo định kỳ.")
    assignments: list[AssignmentOut]
    obligations: list[ObligationOut]
    task_count: int
    obligation_count: int
    notes: list[str] = Field(description="Lưu ý cho người ban hành.")


class ProposalQuery(Schema):
    issued_on: datetime.date | None = Field(None, description="Ngày ban hành (mặc định hôm nay).")
    runs_until: datetime.date | None = Field(
        None, description="Thực hiện đến (mặc định: theo kế hoạch, hoặc hết năm)."
    )
    due_day: int = Field(issuing.DEFAULT_DUE_DAY, ge=1, le=28)


class IssueIn(Schema):
    number: int | None = Field(
        None, ge=1, description="Số do người ban hành chọn (bỏ trống: số tiếp theo)."
    )
    issued_on: datetime.date | None = Field(None, description="Ngày ban hành (mặc định hôm nay).")
    runs_until: datetime.date | None = Field(None, description="Thực hiện đến.")
    due_day: int = Field(
        issuing.DEFAULT_DUE_DAY, ge=1, le=28, description="Hạn nộp: ngày trong tháng."
    )
    choices: dict[int, list[int]] | None = Field(
        None,
        description="Chỉ số phân công → mã số (id) các đơn vị xác nhận; danh sách rỗng bỏ qua "
        "phân công. Bắt buộc với các phân công khớp gần đúng hoặc không tìm thấy.",
    )


class IssuanceOut(Schema):
    id: int
    plan_id: int
    issuer: UnitRef
    doc_code: str
    year: int
    number: int
    reference: str = Field(description="Số, ký hiệu của kế hoạch đã ban hành.")
    issued_on: datetime.date
    runs_until: datetime.date
    issued_by: str | None = Field(description="Tên đăng nhập người ban hành.")
    issued_at: datetime.datetime
    tasks: int = Field(description="Số nhiệm vụ đã tạo.")
    obligations: int = Field(description="Số nghĩa vụ báo cáo đã tạo.")
    units: int = Field(description="Số đơn vị được giao việc.")


class RegisterEntry(Schema):
    plan_id: int
    issuer: UnitRef
    doc_code: str
    year: int
    number: int
    reference: str
    issued_on: datetime.date
    title: str = Field(description="Trích yếu.")
    issued_by: str | None


class RegisterQuery(Schema):
    year: int | None = Field(None, description="Năm.")
    doc_code: str = Field("", description="Loại văn bản viết tắt, ví dụ KH.")
    issuer: str = Field("", description="Mã đơn vị ban hành.")


class RegisterStartIn(Schema):
    issuer: str = Field(description="Mã đơn vị ban hành.")
    doc_code: str = Field(description="Loại văn bản viết tắt, ví dụ KH.")
    year: int
    start: int = Field(ge=1, description="Số bắt đầu của năm.")


class RegisterStartOut(Schema):
    issuer: UnitRef
    doc_code: str
    year: int
    start: int
    next_number: int = Field(description="Số sẽ cấp cho văn bản tiếp theo.")


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _ref(unit: Unit) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def _refs(units: Any) -> list[dict[str, Any]]:
    return [_ref(u) for u in units]


def proposal_out(p: issuing.Proposal) -> dict[str, Any]:
    return {
        "plan_id": p.plan.pk,
        "issuer": _ref(p.issuer),
        "doc_code": p.doc_code,
        "year": p.year,
        "number": p.number,
        "symbol": p.symbol,
        "reference": p.reference,
        "issued_on": p.issued_on,
        "runs_until": p.runs_until,
        "due_day": p.due_day,
        "assignments": [
            {
                "index": a.index,
                "name": a.name,
                "line": a.line,
                "method": a.method,
                "score": float(a.match.score),
                "needs_confirmation": a.needs_confirmation,
                "matched": _refs(a.matched),
                "candidates": _refs(a.candidates),
                "units": _refs(a.units),
                "duties": [{"index": d.index, "text": d.text, "due": d.due} for d in a.duties],
            }
            for a in p.assignments
        ],
        "obligations": [
            {
                "frequency": o.frequency,
                "frequency_label": o.frequency_label,
                "label": o.label,
                "start": o.start,
                "end": o.end,
                "due": o.due,
                "line": o.line,
                "units": _refs(o.units),
            }
            for o in p.obligations
        ],
        "task_count": p.task_count,
        "obligation_count": p.obligation_count,
        "notes": list(p.notes),
    }


def _entry(row: Issuance) -> dict[str, Any]:
    return {
        "plan_id": row.plan_id,
        "issuer": _ref(row.issuer),
        "doc_code": row.doc_code,
        "year": row.year,
        "number": row.number,
        "reference": row.plan.reference,
        "issued_on": row.issued_on,
        "title": row.plan.title,
        "issued_by": row.issued_by.get_username() if row.issued_by else None,
    }


@router.get(
    "/plans/{plan_id}/issue",
    response={200: ProposalOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Đề xuất ban hành: số, đơn vị, nhiệm vụ, kỳ báo cáo (quản trị)",
    url_name="plan-issue-proposal",
)
def issue_proposal(
    request: HttpRequest, plan_id: int, params: Query[ProposalQuery]
) -> dict[str, Any]:
    """Không ghi gì: cho biết số sẽ cấp, mỗi phân công khớp với đơn vị nào (exact, alias,
    group, fuzzy, none), hạn của từng nhiệm vụ và các kỳ báo cáo sẽ tạo."""
    user = _user(request)
    plan = access.get_plan(user, plan_id, write=True)
    if plan.status == PlanStatus.ISSUED:
        raise HttpError(409, "Kế hoạch này đã được ban hành.")
    try:
        proposal = issuing.propose(
            plan, issued_on=params.issued_on, runs_until=params.runs_until, due_day=params.due_day
        )
    except issuing.IssueError as exc:
        raise HttpError(exc.status, exc.message) from None
    return proposal_out(proposal)


@router.post(
    "/plans/{plan_id}/issue",
    response={201: IssuanceOut, 404: ErrorOut, 409: ErrorOut, 422: UnconfirmedOut},
    summary="Ban hành kế hoạch: cấp số, tạo nhiệm vụ và kỳ báo cáo (quản trị)",
    url_name="plan-issue",
)
def issue(request: HttpRequest, plan_id: int, payload: IssueIn) -> Status[dict[str, Any]]:
    """Một giao dịch: cấp số (tiếp theo, hoặc ``number``), đánh dấu đã ban hành, tạo nhiệm vụ
    cho từng đơn vị, các kỳ báo cáo, và báo cho người của các đơn vị. Số đã cấp hoặc kế
    hoạch đã ban hành → 409; phân công chưa xác nhận đơn vị → 422 (``assignments``)."""
    user = _user(request)
    plan = access.get_plan(user, plan_id, write=True)
    try:
        with acting_as(user):
            row = issuing.issue_plan(
                plan,
                user,
                number=payload.number,
                issued_on=payload.issued_on,
                runs_until=payload.runs_until,
                due_day=payload.due_day,
                choices=payload.choices,
            )
    except issuing.UnconfirmedMatches as exc:
        return Status(422, {"detail": exc.message, "assignments": exc.indices})
    except issuing.IssueError as exc:
        raise HttpError(exc.status, exc.message) from None
    plan.refresh_from_db()
    tasks = Task.objects.filter(plan=plan)
    obligations = Obligation.objects.filter(plan=plan)
    units = set(tasks.values_list("unit_id", flat=True)) | set(
        obligations.values_list("unit_id", flat=True)
    )
    return Status(
        201,
        {
            "id": row.pk,
            "plan_id": plan.pk,
            "issuer": _ref(row.issuer),
            "doc_code": row.doc_code,
            "year": row.year,
            "number": row.number,
            "reference": plan.reference,
            "issued_on": row.issued_on,
            "runs_until": row.runs_until,
            "issued_by": user.get_username(),
            "issued_at": row.issued_at,
            "tasks": tasks.count(),
            "obligations": obligations.count(),
            "units": len(units),
        },
    )


@router.get(
    "/register",
    response={200: list[RegisterEntry], 404: ErrorOut},
    summary="Sổ văn bản đi: các số đã cấp",
    url_name="register",
)
def register_list(request: HttpRequest, params: Query[RegisterQuery]) -> list[dict[str, Any]]:
    """Các văn bản đã ban hành của các đơn vị trong phạm vi, mới nhất trước; lọc theo năm,
    loại văn bản, đơn vị ban hành."""
    issuers = access.visible_units(_user(request))
    if params.issuer:
        issuers = issuers.filter(code=params.issuer)
        if not issuers.exists():
            raise Http404
    rows = issuing.register(issuers, year=params.year, code=nfc(params.doc_code).strip())
    return [_entry(r) for r in rows]


@router.put(
    "/register/start",
    response={200: RegisterStartOut, 404: ErrorOut, 422: ErrorOut},
    summary="Đặt số bắt đầu của sổ văn bản đi trong năm (quản trị)",
    url_name="register-start",
)
def register_start(request: HttpRequest, payload: RegisterStartIn) -> dict[str, Any]:
    """Khi sổ đã ghi tay đến giữa năm: số tiếp theo không nhỏ hơn số bắt đầu. Số bắt đầu
    không được nhỏ hơn hoặc bằng số đã cấp."""
    user = _user(request)
    if not access.can_write(user):
        raise Http404
    issuer = access.visible_units(user).filter(code=payload.issuer).first()
    if issuer is None:
        raise Http404
    try:
        with acting_as(user):
            row = issuing.set_register_start(issuer, payload.doc_code, payload.year, payload.start)
    except issuing.IssueError as exc:
        raise HttpError(422, exc.message) from None
    return {
        "issuer": _ref(issuer),
        "doc_code": row.doc_code,
        "year": row.year,
        "start": row.start,
        "next_number": issuing.next_number(issuer, row.doc_code, row.year),
    }
