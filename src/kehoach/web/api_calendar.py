"""The HTTP API for the calendar (mounted on ``kehoach.web.api.api``): a unit's events for a
date range and the commemorative days of a year. Same access as the pages: a unit outside
the caller's reach is 404."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from kehoach.tracking.commemorations import KINDS, anniversaries, load

from . import access
from . import calendar as cal
from .api import ErrorOut

router = Router(tags=["Lịch"])


class EventOut(Schema):
    uid: str = Field(description="Mã ổn định của sự kiện (giống UID trong tệp .ics).")
    kind: str = Field(
        description="commemoration (ngày kỷ niệm), peak (cao điểm), phase (giai đoạn), "
        "deadline (hạn của kế hoạch), collect (hạn các đơn vị — phía ban hành), "
        "obligation (hạn báo cáo của đơn vị), task (hạn nhiệm vụ), period (kỳ báo cáo)."
    )
    kind_label: str = Field(description="Tên loại bằng tiếng Việt.")
    start: datetime.date = Field(description="Ngày bắt đầu.")
    end: datetime.date = Field(description="Ngày cuối (tính cả ngày này).")
    title: str
    detail: str
    plan_id: int | None = Field(description="Kế hoạch liên quan.")
    plan: str = Field(description="Số, ký hiệu kế hoạch.")
    url: str = Field(description="Đường dẫn trên trang web.")
    state: str = Field(description="Trạng thái nhiệm vụ, báo cáo (nếu có).")
    state_label: str
    years: int | None = Field(description="Số năm kỷ niệm.")
    level: str = Field(
        description="Kỷ niệm tròn năm: round (chia hết cho 5), major (cho 10), grand (cho 50); "
        "rỗng nếu không."
    )
    holiday: bool = Field(description="Ngày nghỉ lễ theo Bộ luật Lao động.")
    commemoration: str = Field(description="Mã ngày kỷ niệm trong bộ dữ liệu.")
    tied_plans: list[str] = Field(description="Kế hoạch có trích yếu gắn với ngày kỷ niệm này.")


class CalendarOut(Schema):
    unit: str = Field(description="Mã đơn vị.")
    unit_name: str
    start: datetime.date
    end: datetime.date
    events: list[EventOut]


class CalendarFilters(Schema):
    unit: str = Field("", description="Mã đơn vị; mặc định đơn vị của người dùng.")
    start: datetime.date | None = Field(None, description="Từ ngày (mặc định đầu tháng này).")
    end: datetime.date | None = Field(None, description="Đến ngày (mặc định cuối tháng này).")


class DayOut(Schema):
    key: str = Field(description="Mã ổn định của ngày kỷ niệm.")
    date: datetime.date = Field(description="Ngày trong năm được hỏi.")
    name: str = Field(description="Tên chính thức.")
    label: str = Field(description="Kỷ niệm 80 năm Ngày Quốc khánh (02/9/1945 – 02/9/2025).")
    founded: int | None = Field(description="Năm tính kỷ niệm (null nếu không tính).")
    years: int | None = Field(description="Số năm kỷ niệm.")
    round: bool = Field(description="Năm chẵn: số năm chia hết cho 5.")
    major: bool = Field(description="Năm tròn: số năm chia hết cho 10.")
    level: str = Field(description="round, major, grand (50, 100 … năm) hoặc rỗng.")
    kind: str = Field(description="party, state, army, mass, international, culture.")
    kind_label: str
    holiday: bool
    scope: str = Field(description="Nơi kỷ niệm nếu không phải cả nước.")
    source: str = Field(description="Văn bản quy định (hoặc sự kiện lịch sử) của ngày.")
    note: str


class LunarOut(Schema):
    key: str
    lunar_day: int = Field(description="Ngày âm lịch.")
    lunar_month: int = Field(description="Tháng âm lịch.")
    name: str
    kind: str
    holiday: bool
    source: str


class CommemorationsOut(Schema):
    year: int
    days: list[DayOut] = Field(description="Các ngày kỷ niệm dương lịch trong năm.")
    lunar: list[LunarOut] = Field(
        description="Ngày âm lịch (không quy đổi sang dương lịch, không tính năm kỷ niệm)."
    )


class YearFilter(Schema):
    year: int | None = Field(None, ge=1900, le=2200, description="Năm (mặc định năm nay).")
    round_only: bool = Field(False, description="Chỉ các ngày kỷ niệm tròn năm (chia hết cho 5).")


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


@router.get(
    "/calendar",
    response={200: CalendarOut, 404: ErrorOut, 422: ErrorOut},
    summary="Lịch của một đơn vị: giai đoạn, hạn, kỳ báo cáo, ngày kỷ niệm",
    url_name="calendar",
)
def calendar_events(request: HttpRequest, filters: Query[CalendarFilters]) -> dict[str, Any]:
    """Các sự kiện của đơn vị từ ``start`` đến ``end`` (tối đa 400 ngày), như trang Lịch:
    giai đoạn và cao điểm của các kế hoạch đã ban hành liên quan đến đơn vị, hạn nhiệm vụ,
    hạn và kỳ báo cáo, các ngày kỷ niệm và kỷ niệm tròn năm. Đơn vị ngoài phạm vi → 404."""
    user = _user(request)
    visible = access.visible_units(user)
    if filters.unit:
        unit = visible.filter(code=filters.unit.strip()).first()
    else:
        fallback = access.library_unit(user)
        unit = visible.filter(pk=fallback.pk).first() if fallback else None
    if unit is None:
        raise HttpError(404, "Không tìm thấy đơn vị.")
    first, last = cal.month_bounds(timezone.localdate())
    start = filters.start or first
    end = filters.end or (cal.month_bounds(start)[1] if filters.start else last)
    try:
        events = cal.events(user, unit, start, end)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from None
    return {
        "unit": unit.code,
        "unit_name": unit.name,
        "start": start,
        "end": end,
        "events": [e.as_dict() for e in events],
    }


@router.get(
    "/commemorations",
    response={200: CommemorationsOut, 422: ErrorOut},
    summary="Các ngày kỷ niệm trong năm, có số năm và kỷ niệm tròn năm",
    url_name="commemorations",
)
def commemorations(request: HttpRequest, filters: Query[YearFilter]) -> dict[str, Any]:
    """Bộ dữ liệu ngày kỷ niệm (mỗi ngày kèm văn bản quy định) cho một năm: số năm kỷ
    niệm, năm chẵn (chia hết cho 5), năm tròn (chia hết cho 10)."""
    year = filters.year or timezone.localdate().year
    days = anniversaries(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    if filters.round_only:
        days = [d for d in days if d.round]
    return {
        "year": year,
        "days": [
            {
                "key": d.commemoration.key,
                "date": d.date,
                "name": d.name,
                "label": d.label,
                "founded": d.commemoration.year,
                "years": d.years,
                "round": d.round,
                "major": d.major,
                "level": d.level,
                "kind": d.commemoration.kind,
                "kind_label": KINDS[d.commemoration.kind],
                "holiday": d.commemoration.holiday,
                "scope": d.commemoration.scope,
                "source": d.commemoration.source,
                "note": d.commemoration.note,
            }
            for d in days
        ],
        "lunar": [
            {
                "key": c.key,
                "lunar_day": c.day,
                "lunar_month": c.month,
                "name": c.name,
                "kind": c.kind,
                "holiday": c.holiday,
                "source": c.source,
            }
            for c in load()
            if c.lunar
        ],
    }
