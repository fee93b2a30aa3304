"""The commemorative days plans are tied to, their anniversaries, and finding them in text.

The days come from the shipped dataset ``kehoach/data/commemorations.yaml`` (each with the
year it counts from and the document that names it). An anniversary is one day's
occurrence in a year: "kỷ niệm 80 năm Ngày Quốc khánh (02/9/1945 – 02/9/2025)".

Round years follow the decrees on commemorations (Nghị định 145/2013/NĐ-CP, 111/2018/NĐ-CP):
a year ending in 0 ("năm tròn") or 5 ("năm lẻ 5") is a *round* anniversary, the years when
ceremonies are held; one ending in 0 is *major*; every fiftieth (50, 100 …) is *grand*.

Lunar days (Tết Nguyên đán, Giỗ Tổ Hùng Vương) are loaded with ``lunar=True`` and left out of
anniversaries: their solar date changes every year and no lunar conversion is done here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kehoach.document.text import fold, nfc

__all__ = [
    "DATASET",
    "KINDS",
    "Anniversary",
    "Commemoration",
    "CommemorationError",
    "Mention",
    "anniversaries",
    "by_key",
    "find_in_text",
    "load",
    "official_date",
]

DATASET = Path(__file__).resolve().parents[1] / "data" / "commemorations.yaml"

KINDS: dict[str, str] = {
    "party": "Đảng",
    "state": "Nhà nước",
    "army": "Lực lượng vũ trang",
    "mass": "Mặt trận, đoàn thể",
    "international": "Quốc tế",
    "culture": "Văn hóa, xã hội",
}


class CommemorationError(ValueError):
    """The dataset is malformed (a missing field, an impossible date, an unknown kind)."""


def official_date(day: datetime.date) -> str:
    """A date as Vietnamese documents write it (Nghị định 30/2020/NĐ-CP): a day below 10
    and the months 1 and 2 take a leading zero — "02/9/1945", "03/02/1930"."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


@dataclass(frozen=True)
class Commemoration:
    key: str
    month: int
    day: int
    year: int | None
    name: str
    kind: str
    source: str
    short: str = ""
    holiday: bool = False
    scope: str = ""
    note: str = ""
    match: tuple[str, ...] = ()
    lunar: bool = False

    @property
    def label(self) -> str:
        """The wording used in anniversary labels."""
        return self.short or self.name

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]

    @property
    def founded(self) -> datetime.date | None:
        """The day counted from ("03/02/1930"); None for lunar days and uncounted days."""
        if self.lunar or self.year is None:
            return None
        return datetime.date(self.year, self.month, self.day)

    @property
    def day_month(self) -> str:
        month = f"{self.month:02d}" if self.month <= 2 else str(self.month)
        return f"{self.day:02d}/{month}"

    def on(self, year: int) -> datetime.date | None:
        """The solar date in ``year`` (None for a lunar day, or 29/02 in a common year)."""
        if self.lunar:
            return None
        try:
            return datetime.date(year, self.month, self.day)
        except ValueError:
            return None

    def phrases(self) -> tuple[str, ...]:
        """Folded wordings to look for in text, longest first."""
        words = {fold(p) for p in (self.name, self.short, *self.match) if p}
        return tuple(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Anniversary:
    """One occurrence of a commemorative day; ``years`` is None for days not counted."""

    date: datetime.date
    commemoration: Commemoration
    years: int | None

    @property
    def name(self) -> str:
        return self.commemoration.name

    @property
    def round(self) -> bool:
        return self.years is not None and self.years > 0 and self.years % 5 == 0

    @property
    def major(self) -> bool:
        return self.years is not None and self.years > 0 and self.years % 10 == 0

    @property
    def grand(self) -> bool:
        return self.years is not None and self.years > 0 and self.years % 50 == 0

    @property
    def level(self) -> str:
        """ "grand" (50, 100 … years), "major" (×10), "round" (×5) or ""."""
        if self.grand:
            return "grand"
        if self.major:
            return "major"
        if self.round:
            return "round"
        return ""

    @property
    def years_label(self) -> str:
        """ "80 năm" ("" when the years are not counted)."""
        return f"{self.years} năm" if self.years else ""

    @property
    def label(self) -> str:
        """ "Kỷ niệm 80 năm Ngày Quốc khánh (02/9/1945 – 02/9/2025)"; the day's name alone when
        its years are not counted."""
        founded = self.commemoration.founded
        if not self.years or founded is None:
            return self.commemoration.name
        return (
            f"Kỷ niệm {self.years} năm {self.commemoration.label} "
            f"({official_date(founded)} – {official_date(self.date)})"
        )


@dataclass(frozen=True)
class Mention:
    """A commemorative day named in a text, with the anniversary when the text gives it."""

    commemoration: Commemoration
    years: int | None = None
    year: int | None = None

    @property
    def anniversary(self) -> Anniversary | None:
        if self.year is None:
            return None
        day = self.commemoration.on(self.year)
        return Anniversary(day, self.commemoration, self.years) if day else None


# --- loading ------------------------------------------------------------------------------


def _text(raw: dict[str, Any], name: str, where: str, *, required: bool = True) -> str:
    value = raw.get(name)
    if value is None or value == "":
        if required:
            raise CommemorationError(f"{where}: thiếu trường «{name}»")
        return ""
    return " ".join(nfc(str(value)).split())


def _entry(raw: Any, lunar: bool, index: int) -> Commemoration:
    where = f"{'lunar' if lunar else 'solar'}[{index}]"
    if not isinstance(raw, dict):
        raise CommemorationError(f"{where}: mỗi ngày kỷ niệm phải là một bảng khóa - giá trị")
    key = _text(raw, "key", where)
    where = f"{where} ({key})"
    try:
        month, day = int(raw["month"]), int(raw["day"])
    except (KeyError, TypeError, ValueError):
        raise CommemorationError(f"{where}: thiếu hoặc sai ngày, tháng") from None
    year = raw.get("year")
    if year is not None:
        if lunar:
            raise CommemorationError(f"{where}: ngày âm lịch không tính năm kỷ niệm")
        year = int(year)
    if not lunar:
        try:
            datetime.date(year or 2000, month, day)  # 2000: a leap year accepts 29/02
        except ValueError:
            raise CommemorationError(f"{where}: ngày {day}/{month} không có thật") from None
    elif not (1 <= month <= 12 and 1 <= day <= 30):
        raise CommemorationError(f"{where}: ngày âm lịch {day}/{month} không hợp lệ")
    kind = _text(raw, "kind", where)
    if kind not in KINDS:
        raise CommemorationError(f"{where}: loại «{kind}» không có (có: {', '.join(KINDS)})")
    match = raw.get("match") or []
    if not isinstance(match, list):
        raise CommemorationError(f"{where}: «match» phải là một danh sách")
    return Commemoration(
        key=key,
        month=month,
        day=day,
        year=year,
        name=_text(raw, "name", where),
        short=_text(raw, "short", where, required=False),
        kind=kind,
        source=_text(raw, "source", where),
        holiday=bool(raw.get("holiday", False)),
        scope=_text(raw, "scope", where, required=False),
        note=_text(raw, "note", where, required=False),
        match=tuple(" ".join(nfc(str(m)).split()) for m in match if str(m).strip()),
        lunar=lunar,
    )


def _parse(data: Any) -> tuple[Commemoration, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("solar"), list):
        raise CommemorationError("tệp ngày kỷ niệm phải có danh sách «solar»")
    days = [_entry(raw, False, i) for i, raw in enumerate(data["solar"])]
    days += [_entry(raw, True, i) for i, raw in enumerate(data.get("lunar") or [])]
    seen: set[str] = set()
    for entry in days:
        if entry.key in seen:
            raise CommemorationError(f"khóa «{entry.key}» bị trùng")
        seen.add(entry.key)
    return tuple(days)


@lru_cache(maxsize=4)
def _load(path: Path) -> tuple[Commemoration, ...]:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise CommemorationError(f"{path.name}: không đọc được YAML ({exc})") from None
    return _parse(data)


def load(path: str | Path | None = None) -> tuple[Commemoration, ...]:
    """Every commemorative day of the dataset (the shipped one by default): the solar days
    in file order, then the lunar ones (``lunar=True``)."""
    return _load(Path(path).resolve() if path is not None else DATASET)


def by_key(key: str, days: Iterable[Commemoration] | None = None) -> Commemoration:
    for entry in days if days is not None else load():
        if entry.key == key:
            return entry
    raise KeyError(key)


# --- anniversaries ------------------------------------------------------------------------


def anniversaries(
    start: datetime.date,
    end: datetime.date,
    days: Sequence[Commemoration] | None = None,
) -> list[Anniversary]:
    """Every occurrence of a solar commemorative day from ``start`` to ``end`` (both
    included), in date order. Days whose years are counted appear from their first
    anniversary on; days not counted appear every year with ``years=None``."""
    if end < start:
        return []
    days = load() if days is None else days
    out: list[Anniversary] = []
    for year in range(start.year, end.year + 1):
        for entry in days:
            on = entry.on(year)
            if on is None or not start <= on <= end:
                continue
            if entry.year is None:
                out.append(Anniversary(on, entry, None))
            elif year > entry.year:
                out.append(Anniversary(on, entry, year - entry.year))
    order = {entry.key: i for i, entry in enumerate(days)}
    out.sort(key=lambda a: (a.date, order[a.commemoration.key]))
    return out


# --- finding days in text -----------------------------------------------------------------

_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_DATE_RANGE = re.compile(_DATE + r"\s*-\s*" + _DATE)
_YEAR_RANGE = re.compile(r"\(\s*(\d{4})\s*-\s*(\d{4})\s*\)")
_YEARS_BEFORE = re.compile(r"(\d{1,4})\s+nam\s*(?:ngay\s*)?$")
_MEMORIAL_BEFORE = re.compile(r"ky niem\s*(?:ngay\s*)?$")
# "Ngày thành lập Đảng bộ quận", "thành lập Đoàn kiểm tra": the day's wording continued
# into another body's name is not the day.
_NOT_THE_DAY = re.compile(
    r"\s+(?:bo|uy|vien|kiem tra|giam sat|cong tac|co so|xa|phuong|quan|huyen|tinh|thanh pho)\b"
)
_WINDOW = 160  # how far before a date range its name may stand


def _phrase_hits(folded: str, phrase: str) -> Iterable[tuple[int, int]]:
    start = 0
    while (at := folded.find(phrase, start)) >= 0:
        end = at + len(phrase)
        start = at + 1
        if at and folded[at - 1].isalnum():
            continue
        if end < len(folded) and folded[end].isalnum():
            continue
        if _NOT_THE_DAY.match(folded, end):
            continue
        yield at, end


def _named_in(folded: str, entry: Commemoration) -> bool:
    return any(True for phrase in entry.phrases() for _ in _phrase_hits(folded, phrase))


def find_in_text(text: str, days: Sequence[Commemoration] | None = None) -> list[Mention]:
    """The commemorative days a text (a plan's title) is about, in the order they appear.

    A day is found by its date range — "(03/02/1930 - 03/02/2025)": the first date is the
    day's own, the second gives the anniversary — or by its wording after "kỷ niệm N năm"
    or "kỷ niệm"; matching ignores accents and case. When several days share a date
    (19/8/1945), the wording before the range decides; failing that, all are returned.
    """
    days = load() if days is None else days
    solar = [d for d in days if not d.lunar]
    folded = fold(nfc(text))
    found: dict[str, tuple[int, Mention]] = {}

    def add(position: int, mention: Mention) -> None:
        key = mention.commemoration.key
        if key not in found or (found[key][1].year is None and mention.year is not None):
            found[key] = (position, mention)

    previous_end = 0
    for m in _DATE_RANGE.finditer(folded):
        d1, m1, y1, d2, m2, y2 = (int(g) for g in m.groups())
        if (d1, m1) != (d2, m2) or y2 <= y1:
            previous_end = m.end()
            continue
        same_day = [d for d in solar if (d.month, d.day, d.year) == (m1, d1, y1)]
        before = folded[max(previous_end, m.start() - _WINDOW) : m.start()]
        named = [d for d in same_day if _named_in(before, d)]
        for entry in named or same_day:
            add(m.start(), Mention(entry, y2 - y1, y2))
        previous_end = m.end()

    for entry in solar:
        for phrase in entry.phrases():
            for at, end in _phrase_hits(folded, phrase):
                head = folded[max(0, at - 40) : at]
                years_match = _YEARS_BEFORE.search(head)
                if years_match:
                    years = int(years_match.group(1))
                    year = entry.year + years if entry.year is not None else None
                    add(at, Mention(entry, years if entry.year is not None else None, year))
                    continue
                if _MEMORIAL_BEFORE.search(head):
                    add(at, Mention(entry, None, None))
                    continue
                # "Kỷ niệm 95 năm Ngày thành lập Đảng (1930 - 2025)"
                tail = _YEAR_RANGE.match(folded[end:].lstrip())
                if tail and entry.year is not None and int(tail.group(1)) == entry.year:
                    year = int(tail.group(2))
                    if year > entry.year:
                        add(at, Mention(entry, year - entry.year, year))
    return [mention for _, mention in sorted(found.values(), key=lambda item: item[0])]
