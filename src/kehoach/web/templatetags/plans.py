"""Template helpers for the plan pages: ``{% load plans %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# plan-json.md's channel vocabulary, as the plans themselves name each channel.
CHANNELS: dict[str, Any] = {
    "portal": _("Cổng/Trang thông tin điện tử"),
    "newsletter": _("Bản tin"),
    "radio": _("Đài truyền thanh, hệ thống loa"),
    "press": _("Báo chí, phát thanh - truyền hình"),
    "social": _("Mạng xã hội"),
    "app": _("Phần mềm, ứng dụng"),
    "conference": _("Hội nghị, hội thảo, hội nghị báo cáo viên"),
    "meeting": _("Sinh hoạt chi bộ, đoàn thể, chuyên đề"),
    "visual": _("Cổ động trực quan, pano, băng rôn, khẩu hiệu"),
    "culture": _("Văn hóa, văn nghệ, thể dục thể thao"),
    "contest": _("Hội thi, cuộc thi tìm hiểu"),
    "talk": _("Tọa đàm, giao lưu, nói chuyện chuyên đề"),
    "school": _("Giảng dạy, ngoại khóa, bồi dưỡng lý luận"),
    "plaque": _("Gắn biển công trình"),
    "publication": _("Sách, ấn phẩm, tài liệu"),
}

REPORTS: dict[str, Any] = {
    "weekly": _("hằng tuần"),
    "monthly": _("hằng tháng"),
    "quarterly": _("hằng quý"),
    "6-month": _("6 tháng"),
    "yearly": _("hằng năm"),
}

ROLES: dict[str, Any] = {
    "purpose": _("mục đích, yêu cầu"),
    "content": _("nội dung"),
    "timeline": _("thời gian"),
    "forms": _("hình thức"),
    "slogans": _("khẩu hiệu"),
    "organization": _("tổ chức thực hiện"),
    "budget": _("kinh phí"),
}

SEVERITIES: dict[str, Any] = {
    "error": _("lỗi"),
    "warning": _("cảnh báo"),
    "info": _("gợi ý"),
}


@register.filter
def channel_label(value: str) -> Any:
    return CHANNELS.get(value, value)


@register.filter
def report_label(value: str) -> Any:
    return REPORTS.get(value, value)


@register.filter
def role_label(value: str) -> Any:
    return ROLES.get(value, "")


@register.filter
def severity_label(value: str) -> Any:
    return SEVERITIES.get(value, value)
