"""When an issued plan's work is due: report periods, the plan's end, duty deadlines and
who owes the recurring reports.

A plan says "Định kỳ 6 tháng, 1 năm, các tổ chức cơ sở đảng báo cáo kết quả …" or "báo
cáo kết quả về Quận … trước ngày 04/02/2016". The parser (plan JSON) gives the frequencies
(``recurring_reports``) and the dated deadlines (``deadlines``); this module turns them into
calendar periods with due dates and ties each to the assignment that states it. Everything
is computed from its arguments (no clock): the caller passes the dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from ..document.parsing.lines import Line
from ..document.parsing.timeline import extract_recurring_reports
from ..document.text import fold

__all__ = [
    "FREQUENCIES",
    "Period",
    "ReportDeadline",
    "duty_due_dates",
    "plan_end",
    "recurring_reporters",
    "report_deadlines",
    "report_periods",
]

FREQUENCIES: Final = ("weekly", "monthly", "quarterly", "6-month", "yearly", "once")
_ROMAN: Final = ("I", "II", "III", "IV")
_FRIDAY: Final = 4  # date.weekday()


@dataclass(frozen=True)
class Period:
    """One report a unit owes: the calendar period it covers and when it is due."""

    frequency: str  # "weekly" | "monthly" | "quarterly" | "6-month" | "yearly" | "once"
    label: str  # "Quý I/2024", "6 tháng đầu năm 2024", "Kết quả thực hiện (…–04/02/2016)"
    start: date
    end: date
    due: date


@dataclass(frozen=True)
class ReportDeadline:
    """A dated deadline that asks for a report, and the assignment whose duty states it
    (None when it stands outside the assignments or in several of them)."""

    date: date
    what: str
    line: int | None
    assignment_index: int | None


# --------------------------------------------------------------------------- periods


def report_periods(frequency: str, start: date, end: date, *, due_day: int = 15) -> list[Period]:
    """Every calendar period of ``frequency`` overlapping [start, end], in order.

    A period is due on ``due_day`` of its last month (clamped to the month's length:
    31 → 29/02 in a leap year); a week is due on its Friday. A period due before ``start``
    is dropped — nothing can be owed before the plan exists — so a plan issued mid-period
    keeps the current period only when its due date is on or after ``start``. ``"once"``
    is one report for the whole span, due on ``end`` (a dated "báo cáo … trước ngày").
    """
    if frequency not in FREQUENCIES:
        raise ValueError(
            f"tần suất báo cáo «{frequency}» không hợp lệ (dùng một trong: "
            f"{', '.join(FREQUENCIES)})"
        )
    if end < start:
        raise ValueError(f"ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}")
    if not 1 <= due_day <= 31:
        raise ValueError(f"ngày hạn nộp trong tháng phải từ 1 đến 31 (đang là {due_day})")
    if frequency == "once":
        label = f"Kết quả thực hiện ({start:%d/%m/%Y}–{end:%d/%m/%Y})"
        return [Period("once", label, start, end, end)]
    periods = (
        _weeks(start, end) if frequency == "weekly" else _months(frequency, start, end, due_day)
    )
    return [p for p in periods if p.due >= start]


def _weeks(start: date, end: date) -> Iterator[Period]:
    monday = start - timedelta(days=start.weekday())
    while monday <= end:
        sunday = monday + timedelta(days=6)
        year, week, _ = monday.isocalendar()
        label = f"Tuần {week}/{year} ({monday.day}/{monday.month}–{sunday.day}/{sunday.month})"
        yield Period("weekly", label, monday, sunday, monday + timedelta(days=_FRIDAY))
        monday += timedelta(days=7)


_SPAN: Final = {"monthly": 1, "quarterly": 3, "6-month": 6, "yearly": 12}


def _months(frequency: str, start: date, end: date, due_day: int) -> Iterator[Period]:
    span = _SPAN[frequency]
    # The first month of the period holding ``start``: periods are aligned on January.
    index = (start.year * 12 + start.month - 1) // span * span
    while True:
        year, month0 = divmod(index, 12)
        first = date(year, month0 + 1, 1)
        if first > end:
            return
        last_year, last_month0 = divmod(index + span - 1, 12)
        last_month = last_month0 + 1
        length = calendar.monthrange(last_year, last_month)[1]
        last = date(last_year, last_month, length)
        due = date(last_year, last_month, min(due_day, length))
        yield Period(frequency, _label(frequency, year, month0 + 1), first, last, due)
        index += span


def _label(frequency: str, year: int, month: int) -> str:
    if frequency == "monthly":
        return f"Tháng {month}/{year}"
    if frequency == "quarterly":
        return f"Quý {_ROMAN[(month - 1) // 3]}/{year}"
    if frequency == "6-month":
        return f"6 tháng {'đầu' if month == 1 else 'cuối'} năm {year}"
    return f"Năm {year}"


# --------------------------------------------------------------------------- the plan


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def plan_end(plan: Mapping[str, Any], issued_on: date) -> date:
    """The day the plan's work runs until: its last phase end or latest deadline when that
    is after ``issued_on``; else (no end of its own) 31/12 of the issuing year.

    A phase left open ("Sau khi bế mạc Đại hội", from 01/02 with no end) that starts after
    every dated end means the plan has no end: it runs to 31/12 of that phase's year."""
    ends = [_as_date(p.get("end")) for p in plan.get("phases") or []]
    ends += [_as_date(d.get("date")) for d in plan.get("deadlines") or []]
    latest = max((d for d in ends if d is not None), default=None)
    open_starts = [_as_date(p.get("start")) for p in plan.get("phases") or [] if not p.get("end")]
    open_start = max((d for d in open_starts if d is not None), default=None)
    if open_start is not None and (latest is None or open_start > latest):
        return date(max(issued_on.year, open_start.year), 12, 31)
    if latest is not None and latest > issued_on:
        return latest
    return date(issued_on.year, 12, 31)


def _key(text: Any) -> str:
    """A comparison key for clauses: folded, punctuation and spacing ignored."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).split())


def _assignment_spans(assignments: Sequence[Mapping[str, Any]]) -> list[tuple[int, int, float]]:
    """(index, first line, line after) of each assignment: it runs to the next one."""
    starts = sorted(
        (int(a["line"]), i) for i, a in enumerate(assignments) if a.get("line") is not None
    )
    spans: list[tuple[int, int, float]] = []
    for pos, (line, index) in enumerate(starts):
        after = next((s for s, _ in starts[pos + 1 :] if s > line), float("inf"))
        spans.append((index, line, after))
    return spans


def _date_texts(day: date) -> tuple[str, ...]:
    """How a date is printed in a duty, as ``_key`` sees it ("04/02/2016" → "04 02 2016")."""
    out = set()
    for d in (f"{day.day}", f"{day.day:02d}"):
        for m in (f"{day.month}", f"{day.month:02d}"):
            out.add(f"{d} {m} {day.year}")
            out.add(f"ngay {d} thang {m} nam {day.year}")
    return tuple(out)


def _deadline_duties(plan: Mapping[str, Any], deadline: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The (assignment, duty) pairs a deadline belongs to: the duties its clause occurs in;
    else, when its unit is an assignment's and its line falls inside that assignment, the
    duties that print its date (all the assignment's duties when none does)."""
    assignments: Sequence[Mapping[str, Any]] = plan.get("assignments") or []
    what = _key(deadline.get("what"))
    if len(what) >= 12:  # a clause, not a stray word that occurs everywhere
        found = [
            (i, j)
            for i, a in enumerate(assignments)
            for j, duty in enumerate(a.get("duties") or [])
            if what in _key(duty)
        ]
        if found:
            return found
    unit, line, day = (
        _key(deadline.get("unit")),
        deadline.get("line"),
        _as_date(deadline.get("date")),
    )
    if not unit or line is None or day is None:
        return []
    for index, first, after in _assignment_spans(assignments):
        if _key(assignments[index].get("unit")) == unit and first <= int(line) < after:
            duties = [_key(d) for d in assignments[index].get("duties") or []]
            dated = [j for j, d in enumerate(duties) if any(t in d for t in _date_texts(day))]
            return [(index, j) for j in (dated or range(len(duties)))]
    return []


def duty_due_dates(plan: Mapping[str, Any]) -> dict[tuple[int, int], date]:
    """(assignment index, duty index) → the deadline of that duty (the earliest when a duty
    carries several). Duties without a dated deadline are absent."""
    out: dict[tuple[int, int], date] = {}
    for deadline in plan.get("deadlines") or []:
        day = _as_date(deadline.get("date"))
        if day is None:
            continue
        for pair in _deadline_duties(plan, deadline):
            if pair not in out or day < out[pair]:
                out[pair] = day
    return out


# "báo cáo kết quả", "gửi báo cáo", "tổng hợp báo cáo" — not "hội nghị báo cáo viên".
_REPORT: Final = re.compile(r"\bbao cao\b(?! vien)|\bso ket\b|\btong ket\b")


def report_deadlines(plan: Mapping[str, Any]) -> list[ReportDeadline]:
    """The dated deadlines that ask for a report ("báo cáo kết quả về Quận … trước ngày
    04/02/2016"), in the plan's order."""
    out: list[ReportDeadline] = []
    for deadline in plan.get("deadlines") or []:
        day = _as_date(deadline.get("date"))
        if day is None or not _REPORT.search(_key(deadline.get("what"))):
            continue
        owners = {i for i, _ in _deadline_duties(plan, deadline)}
        line = deadline.get("line")
        out.append(
            ReportDeadline(
                day,
                str(deadline.get("what") or ""),
                int(line) if line is not None else None,
                owners.pop() if len(owners) == 1 else None,
            )
        )
    return out


def recurring_reporters(plan: Mapping[str, Any]) -> dict[str, list[int] | None]:
    """Each recurring report frequency of the plan → the assignments whose duties state it
    ("Định kỳ 6 tháng, 1 năm, các tổ chức cơ sở đảng báo cáo …" under "Các tổ chức cơ sở
    đảng"), or None when no assignment states it (then every assigned unit reports).

    The duties are read with the parser's own rule (``extract_recurring_reports``: the
    period list in the same clause as the report verb), so both agree on what counts."""
    stated: dict[str, list[int]] = {}
    for index, assignment in enumerate(plan.get("assignments") or []):
        lines = [Line(0, str(duty)) for duty in assignment.get("duties") or []]
        for frequency in extract_recurring_reports(lines):
            stated.setdefault(frequency, []).append(index)
    return {
        frequency: stated.get(frequency)
        for frequency in plan.get("recurring_reports") or []
        if frequency in FREQUENCIES
    }
