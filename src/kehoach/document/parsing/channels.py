"""Channels (plan-json.md vocabulary) and slogans."""

from __future__ import annotations

import re

from ..text import tone_variants
from .lines import Line
from .sections import Node

__all__ = ["CHANNELS", "extract_channels", "extract_slogans"]

# Each channel is a list of phrases found as whole words in the lower-cased text, in
# either tone placement ("văn hóa"/"văn hoá"). "-" before a phrase marks a context that
# does not count ("đại hội thi đua" is no contest, "ngân sách" no publication).
_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "portal",
        (
            "cổng thông tin",
            "trang thông tin",
            "công thông tin điện tử",
            "cổng ttđt",
            "trang ttđt",
            "cổng giao tiếp điện tử",
            "website",
            "trang tin điện tử",
        ),
    ),
    ("newsletter", ("bản tin",)),
    (
        "radio",
        ("truyền thanh", "hệ thống loa", "loa phát thanh", "loa công cộng", "đài phường", "đài xã"),
    ),
    (
        "press",
        (
            "báo chí",
            "cơ quan báo",
            "phóng sự",
            "phim tài liệu",
            "truyền hình",
            "đài phát thanh",
            "các báo",
            "trên báo",
            "báo điện tử",
            "báo in",
        ),
    ),
    (
        "social",
        (
            "mạng xã hội",
            "facebook",
            "zalo",
            "youtube",
            "tiktok",
            "fanpage",
            "trang nhóm",
            "trang/nhóm",
        ),
    ),
    (
        "app",
        ("phần mềm", "ứng dụng di động", "ứng dụng trên điện thoại", "sổ tay đảng viên", "app"),
    ),
    ("conference", ("hội nghị", "hội thảo", "báo cáo viên")),
    (
        "meeting",
        (
            "sinh hoạt chi bộ",
            "sinh hoạt chính trị",
            "sinh hoạt chuyên đề",
            "sinh hoạt thường kỳ",
            "sinh hoạt định kỳ",
            "sinh hoạt của",
            "sinh hoạt đoàn",
            "sinh hoạt hội",
            "sinh hoạt chi đoàn",
            "sinh hoạt các",
            "sinh hoạt dưới cờ",
            "sinh hoạt lớp",
            "họp chi bộ",
        ),
    ),
    (
        "visual",
        (
            "trực quan",
            "pano",
            "pa nô",
            "pa-nô",
            "áp phích",
            "băng rôn",
            "khẩu hiệu",
            "bảng điện tử",
            "treo cờ",
            "cờ đảng",
            "cờ tổ quốc",
            "trang trí",
        ),
    ),
    (
        "culture",
        (
            "văn nghệ",
            "văn hóa nghệ thuật",
            "văn hóa - nghệ thuật",
            "văn hóa-nghệ thuật",
            "thể dục thể thao",
            "thể dục - thể thao",
            "thể dục-thể thao",
            "tdtt",
            "sân khấu hóa",
            "biểu diễn",
            "vhvn",
            "liên hoan",
        ),
    ),
    (
        "contest",
        ("hội thi", "-đại hội thi", "-hội thi đua", "cuộc thi", "thi tìm hiểu", "thi sáng tác"),
    ),
    ("talk", ("tọa đàm", "giao lưu", "nói chuyện", "gặp mặt", "tuyên truyền miệng", "đối thoại")),
    (
        "school",
        (
            "giảng dạy",
            "ngoại khóa",
            "bồi dưỡng lý luận",
            "lý luận chính trị",
            "tiết học",
            "tiết chào cờ",
        ),
    ),
    ("plaque", ("gắn biển",)),
    (
        "publication",
        (
            "sách",
            "-chính sách",
            "-ngân sách",
            "-danh sách",
            "-kinh sách",
            "ấn phẩm",
            "tờ rơi",
            "tờ gấp",
            "tài liệu tuyên truyền",
            "đề cương tuyên truyền",
            "tài liệu sinh hoạt",
            "tài liệu hỏi đáp",
            "tài liệu hỏi - đáp",
            "tài liệu hỏi-đáp",
            "bộ tài liệu",
        ),
    ),
)
CHANNELS: tuple[str, ...] = tuple(cid for cid, _ in _PHRASES)


# Punctuation becomes a space so that phrases match whole words only.
def _build() -> tuple[re.Pattern[str], dict[str, str | None]]:
    owner: dict[str, str | None] = {}
    for cid, phrases in _PHRASES:
        for phrase in phrases:
            for spelling in tone_variants(phrase.lstrip("-")):
                # A "-" phrase claims its words for nobody: "đại hội thi đua" is no contest.
                owner[spelling] = None if phrase.startswith("-") else cid
    # A character trie as a regex: one pass over the text instead of hundreds of
    # alternatives tried at every position; longer phrases win, so a negative context
    # ("chính sách") beats the phrase inside it ("sách").
    return re.compile(_trie_regex(list(owner))), owner


def _trie_regex(words: list[str]) -> str:
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: dict) -> str:  # type: ignore[type-arg]
    end = "" in node
    branches = [re.escape(ch) + _node_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        # Prefer the longer phrase, then fall back to the shorter one ending here.
        return f"(?:{body}(?!\\w)|)"
    return body


_FINDER, _OWNER = _build()


# Named newspapers and apps are told by their capitals: "báo Quảng Ninh", not "báo cáo".
_CASED = (
    ("press", "báo ", re.compile(r"[Bb]áo (?:[A-ZĐ]|điện tử\b|in\b)")),
    ("app", "ứng dụng ", re.compile(r"[Ứứ]ng dụng [A-ZĐ]")),
)


def _cased(original: str, low: str, marker: str, pattern: re.Pattern[str]) -> bool:
    """Look only where the lower-cased marker occurs (str.find is far faster than a scan)."""
    i = low.find(marker)
    while i >= 0:
        if (i == 0 or not low[i - 1].isalnum()) and pattern.match(original, i):
            return True
        i = low.find(marker, i + 1)
    return False


def extract_channels(lines: list[Line]) -> list[str]:
    original = "\n".join(line.text for line in lines)
    low = original.lower()
    found: set[str | None] = set()
    for m in _FINDER.finditer(low):
        start, end = m.span()
        # Whole words only: the match must not start or end inside a word.
        if (start and low[start - 1].isalnum()) or (end < len(low) and low[end].isalnum()):
            continue
        found.add(_OWNER[m.group(0)])
    found.update(cid for cid, marker, pattern in _CASED if _cased(original, low, marker, pattern))
    return [cid for cid in CHANNELS if cid in found]  # vocabulary order, deterministic


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
