"""The HTTP API: what the pages do, for programs. Token authentication, the pages' access rules.

    Authorization: Bearer kh_…        (a token from /tai-khoan/token/; see docs/api.md)

Every protected object is fetched through ``kehoach.web.access``: what lies outside the
caller's scope answers 404, as does a change to a plan by someone who is not an
administrator (the pages do the same). Creating a plan (an upload) has no object to hide,
so a non-administrator gets 403 there. Errors are ``{"detail": "…"}`` in Vietnamese.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from kehoach.document import KehoachError
from kehoach.document.errors import ConverterMissing
from kehoach.document.text import nfc

from . import access, downloads, library, tasks
from .audit import acting_as
from .models import ApiToken, Plan, PlanLink, PlanStatus, Unit, UploadStatus

DOCX_TYPE = downloads.FORMATS["docx"]
MAX_PAGE_SIZE = 100


class TokenAuth(HttpBearer):
    """``Authorization: Bearer kh_…``: an active user's API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token or len(token) > 200:
            return None
        found = ApiToken.lookup(token)
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


class Utf8Renderer(JSONRenderer):
    """Vietnamese stays readable in the responses (``"Đại hội"``, not ``"\\u0110\\u1ea1i"``)."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="kehoach API",
    version="1",
    description=(
        "API của kehoach: đơn vị, kế hoạch (tải lên, trạng thái đọc, JSON cấu trúc, kết quả "
        "kiểm tra, tìm kiếm) và tải về. Xác thực bằng mã truy cập: "
        "`Authorization: Bearer kh_…`. Quyền như trên trang web: ngoài phạm vi → 404."
    ),
    auth=TokenAuth(),
    renderer=Utf8Renderer(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url=None,  # the docs page loads Swagger UI from a CDN; the app runs offline
)


# --- errors, in Vietnamese ------------------------------------------------------------------


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": "Chưa xác thực: cần mã truy cập hợp lệ "
            "(tiêu đề Authorization: Bearer kh_…) của một tài khoản đang hoạt động."
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="kehoach"'
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = sorted(
        {
            ".".join(str(p) for p in err.get("loc", ())[1:] if p not in ("filters", "payload"))
            or str(err.get("loc", ("?",))[0])
            for err in exc.errors
        }
    )
    return api.create_response(
        request,
        {
            "detail": "Dữ liệu gửi lên không hợp lệ: " + ", ".join(fields) + ".",
            "errors": exc.errors,
        },
        status=422,
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


# --- schemas ------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="Thông báo lỗi bằng tiếng Việt.")


class UnitOut(Schema):
    id: int
    code: str = Field(description="Mã đơn vị (duy nhất), ví dụ QU-LB.")
    name: str = Field(description="Tên đầy đủ.")
    short_name: str = Field(description="Tên viết tắt.")
    kind: str = Field(description="Loại đơn vị (mã), ví dụ party_committee.")
    kind_label: str = Field(description="Loại đơn vị bằng tiếng Việt.")
    level: str = Field(description="Cấp (mã), ví dụ district, commune.")
    parent: str | None = Field(description="Mã đơn vị cấp trên; null nếu là gốc.")
    symbol: str = Field(description="Ký hiệu dùng trong số văn bản (QU, BTGQU, UBND…).")
    place: str = Field(description="Địa danh ghi ở dòng ngày tháng.")
    area: str = Field(description="Địa bàn.")
    aliases: list[str] = Field(description="Tên gọi khác.")


class PlanItem(Schema):
    id: int
    number: str = Field(description="Số văn bản, ví dụ 17.")
    symbol: str = Field(description="Ký hiệu, ví dụ KH/QU.")
    reference: str = Field(description="Số và ký hiệu ghép lại, ví dụ 17-KH/QU.")
    doc_type: str = Field(description="Loại văn bản, ví dụ KẾ HOẠCH.")
    issuer: str = Field(description="Cơ quan ban hành.")
    date: datetime.date | None = Field(description="Ngày ban hành (ISO 8601).")
    year: int | None = Field(description="Năm ban hành.")
    title: str = Field(description="Trích yếu.")
    status: str = Field(description="Trạng thái: review (chờ rà soát) hoặc saved (đã lưu).")
    owner: str = Field(description="Mã đơn vị có thư viện chứa kế hoạch.")
    updated_at: datetime.datetime = Field(description="Lần sửa gần nhất.")


class PlanPage(Schema):
    count: int = Field(description="Tổng số kế hoạch khớp điều kiện.")
    page: int = Field(description="Trang hiện tại (từ 1).")
    page_size: int = Field(description="Số kế hoạch mỗi trang.")
    items: list[PlanItem]


class PlanLinks(Schema):
    implements: list[int] = Field(
        description="Kế hoạch/văn bản trong thư viện mà kế hoạch này thực hiện (căn cứ)."
    )
    implemented_by: list[int] = Field(
        description="Kế hoạch trong thư viện được triển khai từ kế hoạch này."
    )


class PlanOut(PlanItem):
    place: str = Field(description="Địa danh.")
    source_format: str = Field(description="Định dạng tệp gốc: docx, pdf, txt, html…")
    created_at: datetime.datetime
    plan: dict[str, Any] = Field(description="Kế hoạch có cấu trúc (JSON, xem plan-json.md).")
    links: PlanLinks


class PlanFilters(Schema):
    q: str = Field("", description="Từ khóa; không phân biệt dấu và vị trí dấu thanh.")
    issuer: str = Field("", description="Cơ quan ban hành (một phần tên, không cần dấu).")
    year: int | None = Field(None, description="Năm ban hành.")
    type: str = Field("", description="Loại văn bản, đúng như trong kế hoạch (KẾ HOẠCH…).")
    status: Literal["", "review", "saved"] = Field("", description="review hoặc saved.")
    page: int = Field(1, ge=1, description="Trang (từ 1).")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Số kế hoạch mỗi trang.")


class PlanPatch(Schema):
    doc_type: str | None = Field(None, description="Loại văn bản.")
    number: str | None = Field(None, description="Số.")
    symbol: str | None = Field(None, description="Ký hiệu.")
    issuer: str | None = Field(None, description="Cơ quan ban hành.")
    place: str | None = Field(None, description="Địa danh.")
    date: str | None = Field(None, description="Ngày ban hành, ISO 8601 (2015-11-03).")
    title: str | None = Field(None, description="Trích yếu.")
    status: str | None = Field(None, description="saved (lưu sau rà soát) hoặc review.")


class UploadOut(Schema):
    upload_id: uuid.UUID = Field(description="Mã lượt tải lên.")
    status: str = Field(description="queued, running, done hoặc failed.")
    status_url: str = Field(description="Địa chỉ để hỏi trạng thái đọc tệp.")


class UploadStatusOut(Schema):
    upload_id: uuid.UUID
    filename: str = Field(description="Tên tệp (đã làm sạch, NFC).")
    status: str = Field(description="queued, running, done hoặc failed.")
    status_label: str = Field(description="Trạng thái bằng tiếng Việt.")
    error: str = Field(description="Vì sao không đọc được (khi failed).")
    plan_id: int | None = Field(description="Kế hoạch đã đọc ra (khi done).")
    task_status: str | None = Field(
        description="Trạng thái tác vụ nền: READY, RUNNING, SUCCESSFUL, FAILED."
    )


class FindingOut(Schema):
    rule: str = Field(description="Mã quy tắc kiểm tra.")
    severity: str = Field(description="Mức độ.")
    line: int | None = Field(description="Dòng trong văn bản gốc (từ 1).")
    column: int | None = None
    text: str = Field(description="Đoạn văn bị nêu.")
    message: str = Field(description="Nhận xét.")
    suggestion: str = Field(description="Gợi ý sửa.")


class WarningOut(Schema):
    line: int | None = Field(description="Dòng trong văn bản gốc.")
    code: str = Field(description="Mã cảnh báo của bộ đọc.")
    message: str = Field(description="Cảnh báo.")


class FindingsOut(Schema):
    findings: list[FindingOut] = Field(description="Kết quả kiểm tra thể thức.")
    warnings: list[WarningOut] = Field(description="Cảnh báo khi đọc và phân tích.")


# --- helpers ------------------------------------------------------------------------------


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _unit_out(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.pk,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "kind_label": str(unit.kind_label),
        "level": unit.level,
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "symbol": unit.symbol,
        "place": unit.place,
        "area": unit.area,
        "aliases": list(unit.aliases or []),
    }


def _item(row: Plan) -> dict[str, Any]:
    return {
        "id": row.pk,
        "number": row.number,
        "symbol": row.symbol,
        "reference": row.reference,
        "doc_type": row.doc_type,
        "issuer": row.issuer,
        "date": row.date,
        "year": row.year,
        "title": row.title,
        "status": row.status,
        "owner": row.owner.code,
        "updated_at": row.updated_at,
    }


def _detail(user: Any, row: Plan) -> dict[str, Any]:
    visible = access.visible_plans(user)
    implements = (
        PlanLink.objects.filter(source=row, target__in=visible)
        .order_by("citation_index", "target_id")
        .values_list("target_id", flat=True)
    )
    implemented_by = (
        PlanLink.objects.filter(target=row, source__in=visible)
        .order_by("source_id")
        .values_list("source_id", flat=True)
    )
    return {
        **_item(row),
        "place": row.place,
        "source_format": row.source_format,
        "created_at": row.created_at,
        "plan": row.data,
        "links": {
            "implements": list(dict.fromkeys(implements)),
            "implemented_by": list(dict.fromkeys(implemented_by)),
        },
    }


def _clean(value: str | None) -> str | None:
    value = nfc(value or "").strip()
    return value or None


def _binary(description: str, content_type: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": description,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


# --- units --------------------------------------------------------------------------------


@api.get(
    "/units",
    response=list[UnitOut],
    tags=["Đơn vị"],
    summary="Các đơn vị trong phạm vi",
    url_name="unit-list",
)
def unit_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Cây đơn vị mà người dùng được xem, theo thứ tự cây."""
    units = access.visible_units(_user(request)).select_related("parent")
    return [_unit_out(u) for u in units]


@api.get(
    "/units/{code}",
    response={200: UnitOut, 404: ErrorOut},
    tags=["Đơn vị"],
    summary="Một đơn vị theo mã",
    url_name="unit-detail",
)
def unit_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    unit = access.visible_units(_user(request)).select_related("parent").filter(code=code).first()
    if unit is None:
        raise Http404
    return _unit_out(unit)


# --- plans --------------------------------------------------------------------------------


@api.get(
    "/plans",
    response={200: PlanPage, 422: ErrorOut},
    tags=["Kế hoạch"],
    summary="Tìm và lọc kế hoạch",
    url_name="plan-list",
)
def plan_list(request: HttpRequest, filters: Query[PlanFilters]) -> dict[str, Any]:
    """Tìm không phân biệt dấu ("dai hoi" khớp "Đại hội"; "ủy" và "uỷ" như nhau), lọc theo
    cơ quan ban hành, năm, loại văn bản, trạng thái; chia trang."""
    plans = library.search(
        access.visible_plans(_user(request)),
        q=filters.q,
        issuer=filters.issuer,
        year=filters.year,
        doc_type=filters.type,
        status=filters.status,
    )
    count = plans.count()
    start = (filters.page - 1) * filters.page_size
    rows = plans.select_related("owner")[start : start + filters.page_size]
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "items": [_item(r) for r in rows],
    }


@api.post(
    "/plans",
    response={202: UploadOut, 400: ErrorOut, 403: ErrorOut},
    tags=["Kế hoạch"],
    summary="Tải lên một kế hoạch (quản trị)",
    url_name="plan-upload",
)
def plan_upload(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    """Nhận tệp DOCX, DOC, PDF, TXT hoặc HTML (kiểm tra theo nội dung, không theo tên), rồi
    đọc ở nền. Tệp bị từ chối (quá lớn, rỗng, hỏng, có mật khẩu, bản quét, giả dạng) trả 400
    và không lưu gì. Hỏi trạng thái ở ``status_url``."""
    user = _user(request)
    owner = access.library_unit(user)
    if not access.can_write(user) or owner is None:
        raise HttpError(403, "Chỉ quản trị viên mới được tải kế hoạch lên.")
    with acting_as(user):
        try:
            upload = library.submit_upload(file, owner=owner, user=user)
        except library.UploadRejected as exc:
            raise HttpError(400, exc.message) from None
    return Status(
        202,
        {
            "upload_id": upload.pk,
            "status": upload.status,
            "status_url": reverse("api:upload-status", kwargs={"upload_id": upload.pk}),
        },
    )


@api.get(
    "/uploads/{upload_id}",
    response={200: UploadStatusOut, 404: ErrorOut},
    tags=["Kế hoạch"],
    summary="Trạng thái đọc một tệp đã tải lên",
    url_name="upload-status",
)
def upload_status(request: HttpRequest, upload_id: uuid.UUID) -> dict[str, Any]:
    """Chỉ người đã tải lên mới xem được lượt tải của mình."""
    upload = access.get_upload(_user(request), upload_id)
    task_status = tasks.task_status(upload)
    return {
        "upload_id": upload.pk,
        "filename": upload.filename,
        "status": upload.status,
        "status_label": str(UploadStatus(upload.status).label),
        "error": upload.error,
        "plan_id": upload.plan_id,
        "task_status": task_status,
    }


@api.get(
    "/plans/{plan_id}",
    response={200: PlanOut, 404: ErrorOut},
    tags=["Kế hoạch"],
    summary="Một kế hoạch: thông tin, JSON cấu trúc, liên kết căn cứ",
    url_name="plan-detail",
)
def plan_detail(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    user = _user(request)
    return _detail(user, access.get_plan(user, plan_id, for_work=True))


@api.patch(
    "/plans/{plan_id}",
    response={200: PlanOut, 404: ErrorOut, 422: ErrorOut},
    tags=["Kế hoạch"],
    summary="Sửa thông tin kế hoạch, lưu sau rà soát (quản trị)",
    url_name="plan-update",
)
def plan_update(request: HttpRequest, plan_id: int, payload: PlanPatch) -> dict[str, Any]:
    """Như trang rà soát: chỉ các trường gửi lên được sửa; ``status: "saved"`` lưu kế
    hoạch. Ngày không có thật (2015-02-30) trả 422."""
    user = _user(request)
    row = access.get_plan(user, plan_id, write=True)
    changes = payload.dict(exclude_unset=True)
    corrections: dict[str, Any] = {
        name: _clean(changes[name]) for name in library.CORRECTABLE if name in changes
    }
    if "date" in changes:
        text = (changes["date"] or "").strip()
        try:
            corrections["date"] = datetime.date.fromisoformat(text) if text else None
        except ValueError:
            raise HttpError(
                422,
                f"Ngày ban hành không hợp lệ: “{text}” (cần một ngày có thật, dạng 2015-11-03).",
            ) from None
    status = changes.get("status")
    if status is not None and status not in PlanStatus.values:
        raise HttpError(422, "Trạng thái không hợp lệ: chỉ nhận “review” hoặc “saved”.")
    with acting_as(user):
        library.correct(row, corrections, status=status)
    row.refresh_from_db()
    return _detail(user, row)


@api.delete(
    "/plans/{plan_id}",
    response={204: None, 404: ErrorOut},
    tags=["Kế hoạch"],
    summary="Xóa một kế hoạch (quản trị)",
    url_name="plan-delete",
)
def plan_delete(request: HttpRequest, plan_id: int) -> Status[None]:
    user = _user(request)
    row = access.get_plan(user, plan_id, write=True)
    with acting_as(user), transaction.atomic():
        row.delete()
    return Status(204, None)


@api.get(
    "/plans/{plan_id}/findings",
    response={200: FindingsOut, 404: ErrorOut},
    tags=["Kế hoạch"],
    summary="Kết quả kiểm tra thể thức và cảnh báo khi đọc",
    url_name="plan-findings",
)
def plan_findings(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    row = access.get_plan(_user(request), plan_id, for_work=True)
    return {"findings": row.findings or [], "warnings": row.data.get("warnings") or []}


@api.get(
    "/plans/{plan_id}/download/{fmt}",
    response={404: ErrorOut, 500: ErrorOut, 503: ErrorOut},
    tags=["Tải về"],
    summary="Tải kế hoạch về dạng DOCX, PDF hoặc JSON",
    url_name="plan-download",
    openapi_extra={
        "responses": {
            200: {
                "description": "Tệp kế hoạch.",
                "content": {
                    DOCX_TYPE: {"schema": {"type": "string", "format": "binary"}},
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "application/json": {"schema": {"type": "object"}},
                },
            }
        }
    },
)
def plan_download(
    request: HttpRequest, plan_id: int, fmt: Literal["docx", "pdf", "json"]
) -> HttpResponse:
    """DOCX dựng lại theo thể thức; PDF chuyển từ DOCX bằng LibreOffice (thiếu LibreOffice →
    503); JSON là kế hoạch có cấu trúc."""
    row = access.get_plan(_user(request), plan_id, for_work=True)
    name = downloads.filename(row, fmt)
    if fmt == "json":
        return downloads.file_response(downloads.as_json(row), downloads.FORMATS[fmt], name)
    try:
        docx = downloads.as_docx(row)
    except (KehoachError, ValueError) as exc:
        raise HttpError(500, f"Không dựng được tệp DOCX: {exc}.") from None
    if fmt == "docx":
        return downloads.file_response(docx, downloads.FORMATS[fmt], name)
    try:
        pdf = downloads.as_pdf(docx)
    except ConverterMissing as exc:
        raise HttpError(503, f"Chưa xuất được PDF: {exc.message}.") from None
    except KehoachError as exc:
        raise HttpError(500, f"Không chuyển được sang PDF: {exc.message}.") from None
    return downloads.file_response(pdf, downloads.FORMATS[fmt], name)


@api.get(
    "/plans/{plan_id}/source",
    response={404: ErrorOut},
    tags=["Tải về"],
    summary="Tệp gốc đã tải lên",
    url_name="plan-source",
    openapi_extra=_binary("Tệp gốc, đúng như đã tải lên.", "application/octet-stream"),
)
def plan_source(request: HttpRequest, plan_id: int) -> HttpResponse:
    row = access.get_plan(_user(request), plan_id, for_work=True)
    source = getattr(row, "source_file", None)
    if source is None:
        raise Http404
    return downloads.file_response(bytes(source.content), source.content_type, source.name)


# --- issued plans: each area keeps its endpoints in its own module ---------------------------

from . import api_calendar, api_issuing, api_progress, api_reports  # noqa: E402

for _module in (api_issuing, api_reports, api_progress, api_calendar):
    api.add_router("", _module.router)
