"""What a unit counts in a report, per channel of plan-json.md's vocabulary.

A report's counted activities are (channel, measure) pairs with a whole number: the
conferences a ward held and how many attended, the articles its portal posted, the banners it
put up. The vocabulary is fixed here so reports, totals, the synthesis and the benchmark all
add up the same things under the same Vietnamese names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CHANNELS",
    "CHANNEL_LABELS",
    "MAX_COUNT",
    "MEASURES",
    "Measure",
    "all_measures",
    "measure",
    "ordered_channels",
    "parse_count",
]

# A unit counts at most this many of one thing in one period. Ten million is more than a
# province's attendees in a year; anything above is a typing slip (an extra zero, a pasted
# telephone number), and refusing it keeps one slip from swamping the synthesis.
MAX_COUNT = 10_000_000


@dataclass(frozen=True)
class Measure:
    """One thing counted on one channel: ``conference``/``attendees`` is "Lượt người dự",
    counted in "lượt người"."""

    channel: str
    key: str
    label: str
    unit_label: str

    @property
    def code(self) -> str:
        """``conference.attendees``: one name for forms, spreadsheets and the API."""
        return f"{self.channel}.{self.key}"


# The channels in the order of plan-json.md's vocabulary table.
CHANNEL_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "portal": "Cổng/Trang thông tin điện tử",
        "newsletter": "Bản tin",
        "radio": "Đài truyền thanh, hệ thống loa",
        "press": "Báo chí, phát thanh - truyền hình",
        "social": "Mạng xã hội",
        "app": "Phần mềm, ứng dụng",
        "conference": "Hội nghị, hội thảo, hội nghị báo cáo viên",
        "meeting": "Sinh hoạt chi bộ, đoàn thể, chuyên đề",
        "visual": "Cổ động trực quan, pano, băng rôn, khẩu hiệu",
        "culture": "Văn hóa, văn nghệ, thể dục thể thao",
        "contest": "Hội thi, cuộc thi tìm hiểu",
        "talk": "Tọa đàm, giao lưu, nói chuyện chuyên đề",
        "school": "Giảng dạy, ngoại khóa, bồi dưỡng lý luận",
        "plaque": "Gắn biển công trình",
        "publication": "Sách, ấn phẩm, tài liệu",
    }
)
CHANNELS: tuple[str, ...] = tuple(CHANNEL_LABELS)


def _m(channel: str, key: str, label: str, unit_label: str) -> Measure:
    return Measure(channel, key, label, unit_label)


# What the reports of the seed plans' units actually count ("tổ chức 02 hội nghị với 350
# lượt người dự", "đăng 15 tin, bài", "treo 120 băng rôn, khẩu hiệu", "phát thanh 60 lượt").
MEASURES: Mapping[str, tuple[Measure, ...]] = MappingProxyType(
    {
        "portal": (_m("portal", "articles", "Số tin, bài", "tin, bài"),),
        "newsletter": (
            _m("newsletter", "issues", "Số kỳ bản tin", "số"),
            _m("newsletter", "copies", "Số bản phát hành", "bản"),
        ),
        "radio": (_m("radio", "broadcasts", "Số lượt phát thanh", "lượt"),),
        "press": (_m("press", "articles", "Số tin, bài", "tin, bài"),),
        "social": (
            _m("social", "posts", "Số bài đăng", "bài"),
            _m("social", "views", "Lượt xem, tương tác", "lượt"),
        ),
        "app": (_m("app", "users", "Số người sử dụng", "người"),),
        "conference": (
            _m("conference", "held", "Số hội nghị", "hội nghị"),
            _m("conference", "attendees", "Lượt người dự", "lượt người"),
        ),
        "meeting": (
            _m("meeting", "sessions", "Số buổi sinh hoạt", "buổi"),
            _m("meeting", "attendees", "Lượt người dự", "lượt người"),
        ),
        "visual": (
            _m("visual", "banners", "Băng rôn, khẩu hiệu", "chiếc"),
            _m("visual", "posters", "Pano, áp phích", "chiếc"),
            _m("visual", "flags", "Cờ các loại", "lá"),
        ),
        "culture": (
            _m("culture", "performances", "Số buổi biểu diễn, thi đấu", "buổi"),
            _m("culture", "attendees", "Lượt người tham gia", "lượt người"),
        ),
        "contest": (
            _m("contest", "contests", "Số hội thi, cuộc thi", "cuộc"),
            _m("contest", "entries", "Số bài dự thi, lượt dự thi", "bài"),
        ),
        "talk": (
            _m("talk", "events", "Số buổi tọa đàm, nói chuyện", "buổi"),
            _m("talk", "attendees", "Lượt người dự", "lượt người"),
        ),
        "school": (
            _m("school", "sessions", "Số buổi học, ngoại khóa", "buổi"),
            _m("school", "learners", "Lượt người học", "lượt người"),
        ),
        "plaque": (_m("plaque", "works", "Số công trình gắn biển", "công trình"),),
        "publication": (_m("publication", "copies", "Số bản sách, ấn phẩm", "bản"),),
    }
)

_BY_KEY: Mapping[tuple[str, str], Measure] = MappingProxyType(
    {(m.channel, m.key): m for channel in CHANNELS for m in MEASURES[channel]}
)


def measure(channel: str, key: str) -> Measure:
    """The measure ``key`` of ``channel``; ValueError (in Vietnamese) for anything else."""
    if channel not in MEASURES:
        raise ValueError(f"Không có kênh tuyên truyền “{channel}” trong danh mục.")
    found = _BY_KEY.get((channel, key))
    if found is None:
        raise ValueError(
            f"Kênh “{CHANNEL_LABELS[channel]}” không có chỉ tiêu đếm “{key}”; "
            f"chỉ có: {', '.join(m.key for m in MEASURES[channel])}."
        )
    return found


def all_measures() -> tuple[Measure, ...]:
    """Every measure: channels in the vocabulary's order, each channel's measures in order."""
    return tuple(_BY_KEY.values())


def ordered_channels(first: Iterable[str] = ()) -> tuple[str, ...]:
    """Every channel, those in ``first`` (a plan's own channels, in its order) leading.

    Ids outside the vocabulary and repeats are skipped: a report form only offers what can
    be counted.
    """
    lead = [c for c in dict.fromkeys(first) if c in MEASURES]
    return (*lead, *(c for c in CHANNELS if c not in lead))


def parse_count(value: object, label: str = "Số liệu") -> int:
    """A count typed or sent: a whole number from 0 to MAX_COUNT, as an int or as text with
    optional thousands dots, commas or spaces ("1.200"). ValueError in Vietnamese otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{label}: phải là một số nguyên.")
    if isinstance(value, int):
        number = value
    elif isinstance(value, str):
        # NFKC: digits typed with a full-width keyboard layout ("１２") are still twelve.
        text = unicodedata.normalize("NFKC", value).strip().replace(" ", "")
        digits = text.replace(".", "").replace(",", "")
        if text.startswith("-") and digits[1:].isdigit():
            raise ValueError(f"{label}: không được là số âm.")
        if not digits.isascii() or not digits.isdigit() or not _grouped(text):
            raise ValueError(f"{label}: “{value.strip()}” không phải là một số nguyên.")
        number = int(digits)
    else:
        raise ValueError(f"{label}: phải là một số nguyên.")
    if number < 0:
        raise ValueError(f"{label}: không được là số âm.")
    if number > MAX_COUNT:
        raise ValueError(f"{label}: {number:,} quá lớn (tối đa {MAX_COUNT:,}).".replace(",", "."))
    return number


def _grouped(text: str) -> bool:
    """Thousands separators only in thousands places: "1.200" yes, "1.2" and "12.00" no."""
    for sep in ".,":
        if sep in text:
            head, *groups = text.split(sep)
            return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)
    return True
