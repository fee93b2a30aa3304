"""What every rule sees: the source lines, the parser's analysis, the regime and the date.

The regime (Party, State, Union) comes from the header, the number form, the signing
notation and the issuer (document-format.md §1, strongest signal first); the version of the
rules comes from the issue date (§0.1). Both can be overridden from the command line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Concatenate, ParamSpec, TypeVar

from ..model import Plan, SourceText
from ..parsing.lines import Line
from ..parsing.plan import Analysis, analyse
from ..text import fold

__all__ = [
    "REGIMES",
    "CheckContext",
    "build_context",
    "detect_regime",
    "per_context",
    "rules_version",
]

P = ParamSpec("P")
T = TypeVar("T")

REGIMES = ("party", "state", "union")

_PARTY_NUMBER = re.compile(r"^Số\s*\d*\s*-\s*[A-ZĐ][\wĐđ]*\s*/", re.IGNORECASE)
_STATE_NUMBER = re.compile(r"^Số\s*:?\s*\d*\s*/\s*[A-ZĐ][\wĐđ]*\s*-", re.IGNORECASE)
_PARTY_SIGN = re.compile(r"^(?:T/M|K/T|T/L)\b")
_STATE_SIGN = re.compile(r"^(?:TM\.|KT\.|TL\.|TUQ\.)")
_PARTY_CODES = re.compile(r"(?:^|[/-])(?:TU|TƯ|HU|QU|ĐU|TW|CB|BTG\w*|UBKT\w*|VPTU|VPHU|VPQU)$")
_UNION_CODES = re.compile(r"(?:^|[/-])(?:LĐLĐ|TLĐ|CĐN|CĐCS|CĐ\w*)$")
_STATE_CODES = re.compile(r"(?:^|[/-])(?:UBND|SỞ|S\w+|BTTTT|VHTTDL|\w*-CP|TTg)$")


@dataclass
class CheckContext:
    """The document as rules see it. Line numbers are those of ``source.lines`` (1-based)."""

    source: SourceText
    analysis: Analysis
    regime: str
    regime_signal: str
    on: date  # the date whose rules apply (issue date, --as-of, or today)
    version: str  # the guidance in force for that regime and date ("HD36", "NĐ30" …)
    docx: bytes | None = None  # the original DOCX, for the layout rules
    today: date = field(default_factory=date.today)  # "in the future" is judged against this
    cache: dict[Any, Any] = field(default_factory=dict)  # see ``per_context``

    @property
    def plan(self) -> Plan:
        return self.analysis.plan

    @property
    def is_docx(self) -> bool:
        return self.docx is not None

    def line(self, no: int | None) -> str:
        """The source line as printed (empty when out of range)."""
        if no is None or not 1 <= no <= len(self.source.lines):
            return ""
        return self.source.lines[no - 1]

    @property
    def header_lines(self) -> list[Line]:
        """Cleaned lines before the type line (or before the body when there is none)."""
        end = self.analysis.header.body_start if self.plan.title_line is None else None
        if end is None:
            end = next(
                (i for i, ln in enumerate(self.analysis.cleaned) if ln.no == self.plan.title_line),
                self.analysis.header.body_start,
            )
        return [ln for ln in self.analysis.cleaned[:end] if ln.text]

    @property
    def body_lines(self) -> list[Line]:
        """Cleaned body lines from after the title up to "Nơi nhận" (not joined)."""
        a = self.analysis
        end = a.recipients_start if a.recipients_start is not None else len(a.body)
        return [ln for ln in a.body[:end] if ln.text]

    @property
    def closing_lines(self) -> list[Line]:
        a = self.analysis
        if a.recipients_start is None:
            return []
        return [ln for ln in a.body[a.recipients_start :] if ln.text]


def per_context(
    fn: Callable[Concatenate[CheckContext, P], T],
) -> Callable[Concatenate[CheckContext, P], T]:
    """Compute a helper once per checked document: several rules share one scan
    (citations, dated paragraphs, numbered items) instead of each repeating it."""

    @functools.wraps(fn)
    def wrapper(ctx: CheckContext, /, *args: P.args, **kwargs: P.kwargs) -> T:
        key = (fn, args, tuple(sorted(kwargs.items())))
        try:
            return ctx.cache[key]  # type: ignore[no-any-return]
        except KeyError:
            value = ctx.cache[key] = fn(ctx, *args, **kwargs)
            return value

    return wrapper


def detect_regime(analysis: Analysis) -> tuple[str, str]:
    """(regime, the signal that decided it), strongest signal first (§1)."""
    header = analysis.header
    plan = analysis.plan
    if header.party_title:
        return "party", "tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM"
    number_text = ""
    if plan.number_line is not None:
        number_text = next((ln.text for ln in analysis.cleaned if ln.no == plan.number_line), "")
    issuer = fold(plan.issuer or "")
    union_words = ("lien doan lao dong", "cong doan")
    is_union = any(w in issuer for w in union_words) or bool(
        plan.symbol and _UNION_CODES.search(plan.symbol)
    )
    if header.national_title:
        return (
            ("union", "Quốc hiệu và cơ quan công đoàn")
            if is_union
            else ("state", "Quốc hiệu, Tiêu ngữ")
        )
    if _PARTY_NUMBER.match(number_text):
        return "party", "dòng số kiểu văn bản Đảng (số-loại/cơ quan)"
    if _STATE_NUMBER.match(number_text):
        return (
            ("union", "dòng số và cơ quan công đoàn")
            if is_union
            else ("state", "dòng số kiểu hành chính")
        )
    authority = plan.signer.authority if plan.signer and plan.signer.authority else ""
    if _PARTY_SIGN.match(authority):
        return "party", "ký hiệu quyền hạn ký T/M, K/T, T/L"
    if _STATE_SIGN.match(authority):
        return (
            ("union", "ký hiệu quyền hạn ký và cơ quan công đoàn")
            if is_union
            else ("state", "ký hiệu quyền hạn ký TM., KT., TL.")
        )
    if plan.symbol and _PARTY_CODES.search(plan.symbol):
        return "party", "ký hiệu cơ quan của Đảng"
    if is_union:
        return "union", "tên cơ quan công đoàn"
    party_words = ("quan uy", "huyen uy", "tinh uy", "thanh uy", "dang uy", "chi bo", "thi uy")
    if any(w in issuer for w in party_words):
        return "party", "tên cơ quan của Đảng"
    if header.star:
        return "party", "dấu sao dưới tên cơ quan"
    return "state", "mặc định (không thấy dấu hiệu khác)"


# (regime, first day, label): the guidance in force from that day (§0.1).
_VERSIONS = (
    ("party", date(1900, 1, 1), "HD11"),
    ("party", date(2018, 4, 3), "HD36"),
    ("party", date(2026, 5, 27), "HD05"),
    ("state", date(1900, 1, 1), "TT01"),
    ("state", date(2020, 3, 5), "NĐ30"),
    ("union", date(1900, 1, 1), "HD1156"),
    ("union", date(2011, 8, 19), "QĐ1014"),
    ("union", date(2024, 5, 14), "QĐ933"),
)


def rules_version(regime: str, on: date) -> str:
    label = ""
    for r, start, name in _VERSIONS:
        if r == regime and on >= start:
            label = name
    return label


def _issue_date(analysis: Analysis) -> date | None:
    plan = analysis.plan
    if plan.date:
        return date.fromisoformat(plan.date)
    partial = analysis.header.partial_date
    if partial and partial.year and 1900 <= partial.year <= 2100:
        month = partial.month if partial.month and 1 <= partial.month <= 12 else 1
        return date(partial.year, month, 1)  # a draft's blank day, or an impossible date
    return None


def build_context(
    source: SourceText,
    *,
    docx: bytes | None = None,
    as_of: date | None = None,
    regime: str | None = None,
    today: date | None = None,
) -> CheckContext:
    analysis = analyse(list(source.lines), source.format)
    detected, signal = detect_regime(analysis)
    if regime:
        detected, signal = regime, "chọn bằng --regime"
    on = as_of or _issue_date(analysis) or today or date.today()
    return CheckContext(
        source=source,
        analysis=analysis,
        regime=detected,
        regime_signal=signal,
        on=on,
        version=rules_version(detected, on),
        docx=docx,
        today=today or date.today(),
    )
