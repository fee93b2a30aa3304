"""Dates as Vietnamese plans write them (document-format.md §6.3).

``dd/mm/yyyy``, ``d/m/yyyy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``ngày d tháng m năm yyyy``,
``tháng m/yyyy``, ``cuối tháng 12/2015``, ``cuối năm 2023``, and a bare ``d/m`` whose
year comes from context. Impossible dates are never turned into ISO strings.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "DATE_NUMERIC",
    "DATE_WORDS",
    "PartialDate",
    "iso",
    "month_end",
    "parse_date_at",
    "valid_date",
]

# 18/01/2018, 4/02/2016, 01-10-1997, 01.10.1997 (a separator used consistently)
DATE_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\2\s?(\d{4})(?![\d/])")
# ngày 24 tháng 7 năm 2023 (also without accents, and "ngày22" glued)
DATE_WORDS = re.compile(
    r"ng[àa]y\s*(\d{1,2})\s*,?\s*th[áa]ng\s*(\d{1,2})\s*,?\s*n[ăa]m\s*(\d{4})", re.IGNORECASE
)
# d/m with the year implied (only trusted in context: ngày, từ, đến, trước, parentheses)
DATE_DAY_MONTH = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?![\d/])")
MONTH_YEAR = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{4})(?![\d/])")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date as far as the text gives it (a draft's blank day keeps month and year)."""

    year: int | None
    month: int | None = None
    day: int | None = None


def valid_date(year: int, month: int, day: int) -> date | None:
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def iso(year: int, month: int, day: int) -> str | None:
    d = valid_date(year, month, day)
    return d.isoformat() if d else None


def month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def parse_date_at(text: str) -> tuple[str | None, re.Match[str] | None]:
    """The first full date in ``text`` (numeric or in words) as ISO, with its match."""
    best: re.Match[str] | None = None
    for pattern in (DATE_NUMERIC, DATE_WORDS):
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None, None
    if best.re is DATE_NUMERIC:
        d, m_, y = int(best.group(1)), int(best.group(3)), int(best.group(4))
    else:
        d, m_, y = int(best.group(1)), int(best.group(2)), int(best.group(3))
    return iso(y, m_, d), best
