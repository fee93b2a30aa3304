"""Rules on the header: number line (NUM), date line (DAT), header parts (HDR), type (TYP), title (TTL)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import CheckContext
from ..model import Hit, Severity, rule

SRC_NUMBER = "HD36/HD05 §3.4 (Đảng); NĐ30 PL I §II.3 (nhà nước)"
SRC_DATE = "HD05 §3.5; NĐ30 PL I §II.4"


@rule(
    "NUM-001",
    Severity.ERROR,
    title="Có dòng số, ký hiệu văn bản",
    message="Không thấy dòng số, ký hiệu văn bản (Số …).",
    suggestion="Thêm dòng số, ký hiệu dưới tên cơ quan ban hành, ví dụ Số 05-KH/HU hoặc Số: 05/KH-UBND.",
    source=SRC_NUMBER,
)
def number_line_exists(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.plan.number_line is None:
        yield Hit(None)


@rule(
    "NUM-002",
    Severity.ERROR,
    title="Dòng số, ký hiệu có số văn bản",
    message="Thiếu số văn bản trong dòng số, ký hiệu.",
    suggestion="Điền số đăng ký tại văn thư, ví dụ Số 05-KH/HU.",
    source=SRC_NUMBER,
)
def number_present(ctx: CheckContext) -> Iterator[Hit]:
    plan = ctx.plan
    if plan.number_line is not None and plan.number is None:
        draft = any("dự thảo" in ln.text.lower() for ln in ctx.header_lines)
        yield Hit(
            plan.number_line,
            ctx.line(plan.number_line).strip(),
            severity=Severity.WARNING if draft else None,
        )


@rule(
    "DAT-002",
    Severity.ERROR,
    title="Ngày ban hành đủ ngày, tháng, năm",
    message="Dòng địa danh, ngày tháng thiếu ngày/tháng/năm.",
    suggestion="Điền đủ, ví dụ Bạch Thông, ngày 15 tháng 8 năm 2023.",
    source=SRC_DATE,
)
def date_complete(ctx: CheckContext) -> Iterator[Hit]:
    partial = ctx.analysis.header.partial_date
    if (
        ctx.plan.date_line is not None
        and partial is not None
        and (partial.day is None or partial.month is None)
    ):
        yield Hit(ctx.plan.date_line, ctx.line(ctx.plan.date_line).strip())
