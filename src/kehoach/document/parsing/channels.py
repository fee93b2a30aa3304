"""Channels (plan-json.md vocabulary) and slogans."""

from __future__ import annotations

import re

from ..text import match_key
from .lines import Line
from .sections import Node

__all__ = ["CHANNELS", "extract_channels", "extract_slogans"]

# Patterns run on match_key text: lower case, accents kept, tone placement unified.
CHANNELS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cid, re.compile(pattern))
    for cid, pattern in (
        (
            "portal",
            r"(?:cổng|trang|công)\s+(?:thông tin|ttđt|giao tiếp)(?:\s+điện tử)?|\bwebsite\b|cổng ttđt|trang ttđt|trang tin điện tử",
        ),
        ("newsletter", r"\bbản tin\b"),
        (
            "radio",
            r"truyền thanh|hệ thống loa|\bloa\s+(?:phát thanh|truyền thanh|công cộng)|\bđài\s+(?:phường|xã)",
        ),
        (
            "press",
            r"báo chí|cơ quan báo|\bbáo\s+(?:hà nội|nhân dân|quân đội|lao động|thanh niên|tuổi trẻ|điện tử|in|kinh tế|đảng|phụ nữ|tiền phong|[A-ZĐ])|phóng sự|phim tài liệu|truyền hình|đài phát thanh|phát thanh\s*-\s*truyền hình|các báo|trên báo",
        ),
        ("social", r"mạng xã hội|facebook|zalo|youtube|tiktok|fanpage|trang/nhóm|nhóm zalo"),
        ("app", r"phần mềm|ứng dụng\s+(?:di động|trên điện thoại|sổ tay)|sổ tay đảng viên|\bapp\b"),
        ("conference", r"hội nghị|hội thảo|báo cáo viên"),
        (
            "meeting",
            r"sinh hoạt\s+(?:chi bộ|chính trị|chuyên đề|thường kỳ|định kỳ|của|đoàn|hội|chi đoàn|các|dưới cờ|lớp)|họp chi bộ",
        ),
        (
            "visual",
            r"trực quan|\bpa\s?nô\b|áp phích|băng rôn|khẩu hiệu|bảng điện tử|treo cờ|cờ đảng|cờ tổ quốc|trang trí",
        ),
        (
            "culture",
            r"văn nghệ|văn hóa\s*-\s*nghệ thuật|thể dục\s*-?\s*thể thao|\btdtt\b|sân khấu hóa|biểu diễn|\bvhvn\b|liên hoan",
        ),
        ("contest", r"(?<!đại )hội thi\b(?! đua)|cuộc thi\b|\bthi tìm hiểu|thi sáng tác"),
        ("talk", r"tọa đàm|giao lưu|nói chuyện|gặp mặt|tuyên truyền miệng|đối thoại"),
        (
            "school",
            r"giảng dạy|ngoại khóa|bồi dưỡng lý luận|lý luận chính trị|tiết học|tiết chào cờ",
        ),
        ("plaque", r"gắn biển"),
        (
            "publication",
            r"(?<!chính )(?<!ngân )(?<!danh )(?<!kinh )\bsách\b|ấn phẩm|tờ rơi|tờ gấp|tài liệu tuyên truyền|đề cương tuyên truyền|tài liệu sinh hoạt|tài liệu hỏi\s*-?\s*đáp|bộ tài liệu",
        ),
    )
)


# Named newspapers and apps are told by their capitals: "báo Quảng Ninh", not "báo cáo".
_CASED = (
    ("press", re.compile(r"\b[Bb]áo\s+(?:[A-ZĐ]|điện tử\b|in\b)")),
    ("app", re.compile(r"\b[Ứứ]ng dụng\s+[A-ZĐ]")),
)


def extract_channels(lines: list[Line]) -> list[str]:
    original = "\n".join(line.text for line in lines)
    keyed = match_key(original)
    found = {cid for cid, pattern in CHANNELS if pattern.search(keyed)}
    found.update(cid for cid, pattern in _CASED if pattern.search(original))
    return [cid for cid, _ in CHANNELS if cid in found]


_NUMBER = re.compile(r"^(?:\d{1,2}\s*[.)\-]\s*|[-–+•]\s*)")


def extract_slogans(nodes: list[Node]) -> list[str]:
    """Items of the "KHẨU HIỆU" section, without their list numbers."""
    out: list[str] = []
    for top in nodes:
        for node in top.walk():
            if node.section.role != "slogans":
                continue
            items = [c.head_line for c in node.children if c.head_line is not None] + list(
                node.lines
            )
            items.sort(key=lambda ln: ln.no)
            for line in items:
                text = _NUMBER.sub("", line.text).strip()
                if not text or text.endswith(":") or len(text) > 300:
                    continue
                out.append(text)
            if out:
                return out
    return out
