"""Time in a plan: phases (with peaks), deadlines, recurring reports."""

from __future__ import annotations

import re

from ..model import Assignment, Deadline, Phase
from .dates import PartialDate, iso, month_end
from .lines import Line

__all__ = ["extract_deadlines", "extract_phases", "extract_recurring_reports"]

# ---------------------------------------------------------------- date expressions

_D = r"(?P<{n}d>\d{{1,2}})\s*[/.\-]\s*(?P<{n}m>\d{{1,2}})(?:\s*[/.\-]\s*(?P<{n}y>\d{{4}}))?"
_WORDS = r"(?P<{n}wd>\d{{1,2}})\s*tháng\s*(?P<{n}wm>\d{{1,2}})(?:\s*năm\s*(?P<{n}wy>\d{{4}}))?"
_MONTH = r"(?P<{n}pos>đầu|giữa|cuối|hết)?\s*tháng\s*(?P<{n}mm>\d{{1,2}})(?:\s*[/]\s*|\s*năm\s*)(?P<{n}my>\d{{4}})"
_MONTH_NOYEAR = (
    r"(?P<{n}pos2>đầu|giữa|cuối|hết)?\s*tháng\s*(?P<{n}mm2>\d{{1,2}})(?!\s*[/\d])(?!\s*năm)"
)
_YEAR = r"(?P<{n}ypos>đầu|giữa|cuối|hết)?\s*năm\s*(?P<{n}yy>\d{{4}})"
_NOW = r"(?P<{n}now>nay|bây giờ|ngày ban hành|ngày ký)"


def _point(n: str) -> str:
    return (
        r"(?:ngày\s*)?(?:"
        + "|".join(
            (
                _WORDS.format(n=n),
                _D.format(n=n),
                _MONTH.format(n=n),
                _YEAR.format(n=n),
                _MONTH_NOYEAR.format(n=n),
                _NOW.format(n=n),
            )
        )
        + ")"
    )


_RANGE = re.compile(
    r"\b(?:[Tt]ừ|[Bb]ắt đầu từ|[Tt]rong thời gian từ)\s+" + _point("a") + r"(?:\s*\([^)]*\))?"
    r"\s*(?:đến|tới|-|–)\s*(?:hết\s+|ngày\s+|(?:khi|thời điểm|lúc|trước khi|sau khi)\s+[^()\d]{0,100}?\(\s*(?:ngày\s*)?)?"
    + _point("b"),
    re.IGNORECASE,
)
_PAREN_RANGE = re.compile(
    r"\(\s*(?:từ\s+)?" + _point("a") + r"\s*(?:đến|-|–)\s*(?:hết\s+)?" + _point("b") + r"\s*\)",
    re.IGNORECASE,
)
_DURING = re.compile(
    r"\b(?:trong|vào)\s+(?:các\s+)?tháng\s*(?P<m1>\d{1,2})(?:\s*(?:và|,|-|đến)\s*(?:tháng\s*)?(?P<m2>\d{1,2}))?\s*(?:năm\s*|/)(?P<y>\d{4})",
    re.IGNORECASE,
)
_FROM_ONLY = re.compile(
    r"\b[Tt]ừ\s+(?P<pos>đầu|giữa|cuối|sau)\s+tháng\s*(?P<m>\d{1,2})\s*[/]\s*(?P<y>\d{4})"
)
_PEAK = re.compile(r"cao\s*điểm", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _resolve(
    m: re.Match[str], n: str, *, end: bool, year_hint: int | None, ref: PartialDate | None
) -> str | None:
    g = m.groupdict()
    if g.get(n + "wd"):
        y = g.get(n + "wy") or year_hint
        return iso(int(y), int(g[n + "wm"]), int(g[n + "wd"])) if y else None
    if g.get(n + "d"):
        y = g.get(n + "y") or year_hint
        return iso(int(y), int(g[n + "m"]), int(g[n + "d"])) if y else None
    if g.get(n + "mm"):
        return _month_point(int(g[n + "my"]), int(g[n + "mm"]), g.get(n + "pos"), end)
    if g.get(n + "mm2"):
        return (
            _month_point(year_hint, int(g[n + "mm2"]), g.get(n + "pos2"), end)
            if year_hint
            else None
        )
    if g.get(n + "yy"):
        year = int(g[n + "yy"])
        pos = g.get(n + "ypos")
        if end or pos in {"cuối", "hết"}:
            return f"{year}-12-31" if end else f"{year}-10-01"
        return f"{year}-07-01" if pos == "giữa" else f"{year}-01-01"
    if g.get(n + "now") and ref and ref.year:
        return iso(ref.year, ref.month or 1, ref.day or 1)
    return None


def _month_point(year: int | None, month: int, pos: str | None, end: bool) -> str | None:
    if year is None or not 1 <= month <= 12:
        return None
    if pos == "sau":  # "từ sau tháng 01/2021": the month after
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        pos = None
    if end:
        day = {"đầu": 10, "giữa": 20}.get(pos or "", month_end(year, month))
    else:
        day = {"giữa": 11, "cuối": 21}.get(pos or "", 1)
    return iso(year, month, day)


def _year_of(m: re.Match[str], n: str) -> int | None:
    g = m.groupdict()
    for key in ("wy", "y", "my", "yy"):
        if g.get(n + key):
            return int(g[n + key])
    return None


def _label(text: str, start: int) -> str:
    head = text[:start].strip(" ,;:(")
    head = re.sub(r"^\d{1,2}(?:\.\d{1,2})*\s*[.)]\s*", "", head)
    if not head:
        head = text
    head = re.split(r"(?<=[.;])\s", head)[-1]
    return head[:160].strip(" ,;:")


def extract_phases(lines: list[Line], ref: PartialDate | None) -> list[Phase]:
    phases: list[Phase] = []
    seen: set[tuple[str | None, str | None, bool]] = set()
    for line in lines:
        text = line.text
        if (
            not ("từ" in text or "Từ" in text or "tháng" in text or "(" in text)
            or _DIGIT.search(text) is None
        ):
            continue  # every phase names a day, a month or a year, after "từ", "tháng" or "("
        spans: list[tuple[int, int]] = []
        low = text.lower()
        has_from = "từ" in low
        for pattern in (_RANGE, _PAREN_RANGE) if has_from else (_PAREN_RANGE,):
            for m in pattern.finditer(text):
                if any(s <= m.start() < e for s, e in spans):
                    continue
                year_b = _year_of(m, "b")
                year_a = _year_of(m, "a") or year_b or (ref.year if ref else None)
                start = _resolve(m, "a", end=False, year_hint=year_a, ref=ref)
                end = _resolve(m, "b", end=True, year_hint=year_b or year_a, ref=ref)
                if start is None and end is None:
                    continue
                if start and end and start > end:
                    continue
                spans.append((m.start(), m.end()))
                peak = bool(_PEAK.search(text[max(0, m.start() - 120) : m.start()]))
                _add(phases, seen, Phase(_label(text, m.start()), start, end, peak, line.no))
        for m in _DURING.finditer(text) if "tháng" in text and "cao" in low else ():
            if any(s <= m.start() < e for s, e in spans):
                continue
            year = int(m.group("y"))
            m1 = int(m.group("m1"))
            m2 = int(m.group("m2") or m1)
            if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and m1 <= m2):
                continue
            before = text[max(0, m.start() - 80) : m.start()]
            if not _PEAK.search(before):
                continue  # "trong tháng 9" alone is an event date, not a phase
            _add(
                phases,
                seen,
                Phase(
                    _label(text, m.start()),
                    iso(year, m1, 1),
                    iso(year, m2, month_end(year, m2)),
                    True,
                    line.no,
                ),
            )
        for m in _FROM_ONLY.finditer(text) if has_from else ():
            if any(s <= m.start() < e for s, e in spans):
                continue
            start = _month_point(int(m.group("y")), int(m.group("m")), m.group("pos"), False)
            peak = bool(_PEAK.search(text[max(0, m.start() - 120) : m.start()]))
            _add(phases, seen, Phase(_label(text, m.start()), start, None, peak, line.no))
    return phases


def _add(phases: list[Phase], seen: set[tuple[str | None, str | None, bool]], phase: Phase) -> None:
    key = (phase.start, phase.end, phase.peak)
    if key in seen:
        return
    seen.add(key)
    phases.append(phase)


# ---------------------------------------------------------------- deadlines

_DEADLINE = re.compile(
    r"(?:trước\s+ngày|trước|chậm\s+nhất(?:\s+là)?(?:\s+ngày|\s+vào\s+ngày)?|hạn\s+chót(?:\s+là)?(?:\s+ngày)?|"
    r"không\s+quá\s+ngày|hoàn\s+thành\s+(?:trong\s+)?ngày)\s*:?\s*"
    r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})|(?P<wd>\d{1,2})\s*tháng\s*(?P<wm>\d{1,2})\s*năm\s*(?P<wy>\d{4}))",
    re.IGNORECASE,
)


def extract_deadlines(lines: list[Line], assignments: list[Assignment]) -> list[Deadline]:
    """Explicit full dates by which something must be done (not windows, not events)."""
    # In document order (a stable sort by line: units run onto one line keep their order).
    unit_at: list[tuple[int, str]] = sorted(
        ((a.line or 0, a.unit) for a in assignments), key=lambda u: u[0]
    )
    duty_unit = {duty: a.unit for a in assignments for duty in a.duties}
    out: list[Deadline] = []
    seen: set[tuple[str, str | None]] = set()
    for line in lines:
        text = line.text
        if (
            "trước" not in text
            and "chậm nhất" not in text
            and "hạn" not in text
            and "hoàn thành" not in text
        ):
            continue
        for m in _DEADLINE.finditer(text):
            if m.group("d"):
                value = iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            else:
                value = iso(int(m.group("wy")), int(m.group("wm")), int(m.group("wd")))
            if value is None:
                continue
            what = _clause(text, m.start())
            # The unit whose duty holds the sentence; by line only when no duty matches
            # (items run onto one line share a line number).
            plain = _BULLET_MARK.sub("", text).strip()
            unit = duty_unit.get(plain) or next(
                (
                    name
                    for duty, name in duty_unit.items()
                    if len(duty) > 20 and plain.endswith(duty)
                ),
                None,
            )
            if unit is None:
                for start, name in unit_at:
                    if start <= line.no:
                        unit = name
                if unit_at and line.no < unit_at[0][0]:
                    unit = None
            key = (value, unit)
            if key in seen:
                continue
            seen.add(key)
            out.append(Deadline(value, what, unit, line.no))
    return out


def _clause(text: str, end: int) -> str:
    head = text[:end]
    cut = max(head.rfind(". "), head.rfind("; "), head.rfind(": "))
    what = head[cut + 1 :].strip(" ,;:-") if cut >= 0 else head.strip(" ,;:-")
    what = re.sub(r"^[-–+•]\s*", "", what)
    what = re.sub(r"\s+(?:và\s+)?(?:gửi|nộp)?\s*$", "", what)
    return what[:240] or text[:240]


# ---------------------------------------------------------------- recurring reports

_BULLET_MARK = re.compile(r"^[-–+•]\s*")
_PERIOD_ORDER = ("weekly", "monthly", "quarterly", "6-month", "yearly")
_REPORT_WORDS = re.compile(r"báo\s*cáo|sơ\s*kết|tổng\s*kết|tổng\s*hợp", re.IGNORECASE)
_PERIOD_LIST = re.compile(
    r"(?:định\s*kỳ|hàng|hằng|mỗi|sơ\s*kết|tổng\s*kết)\s+"
    r"(?P<list>(?:(?:hàng|hằng|mỗi|định\s*kỳ|sơ\s*kết|tổng\s*kết|báo\s*cáo)?\s*"
    r"(?:\d+|một|sáu|ba)?\s*(?:tuần|tháng|quý|năm)(?!\s*\d)(?:\s*(?:,|và|/|-|hoặc)\s*)?)+)",
    re.IGNORECASE,
)
_TOKEN = re.compile(
    r"(?P<n>\d+|một|sáu|ba)?\s*(?P<unit>tuần|tháng|quý|năm)(?!\s*\d)", re.IGNORECASE
)


def _period(count: str | None, unit: str) -> str | None:
    unit = unit.lower()
    n = {"một": 1, "sáu": 6, "ba": 3}.get((count or "").lower()) or (
        int(count) if count and count.isdigit() else 1
    )
    if unit == "tuần":
        return "weekly"
    if unit == "quý":
        return "quarterly"
    if unit == "năm":
        return "yearly" if n == 1 else None
    if unit == "tháng":
        return {1: "monthly", 3: "quarterly", 6: "6-month", 12: "yearly"}.get(n)
    return None


def extract_recurring_reports(lines: list[Line]) -> list[str]:
    found: set[str] = set()
    for line in lines:
        low = line.text.lower()
        if not ("báo cáo" in low or "sơ kết" in low or "tổng kết" in low or "tổng hợp" in low):
            continue
        if not any(w in low for w in ("định kỳ", "hàng", "hằng", "mỗi", "sơ kết", "tổng kết")):
            continue
        for clause in re.split(r"[.;]\s", line.text):
            if not _REPORT_WORDS.search(clause):
                continue
            for m in _PERIOD_LIST.finditer(clause):
                # "chương trình công tác hàng tuần, tháng" is a work rhythm, not a report:
                # the period list must sit in the same clause as the report verb.
                for t in _TOKEN.finditer(m.group("list")):
                    period = _period(t.group("n"), t.group("unit"))
                    if period:
                        found.add(period)
    return [p for p in _PERIOD_ORDER if p in found]
