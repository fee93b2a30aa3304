"""The synthesis report of an issued plan: "BÁO CÁO Kết quả thực hiện Kế hoạch số …".

The department drafts it from the units' accepted reports, edits it, and sends it up in the
official format of the issuing body (Party, State or Union). This module works on plain
data only; the web app gathers the figures with its SQL queries and stores the document.

    doc = draft_synthesis(SynthesisInput(...))      # a JSON-ready dict
    doc = apply_edits(doc, {"sections": {"assessment": "…"}, "number": "25"})
    doc = redraft(doc, draft_synthesis(newer))      # new figures, the officer's edits kept
    data = render_synthesis_docx(doc)               # bytes of a DOCX

The document dict holds the header (organ lines, symbol, number — blank for a draft —,
place, date), the title, five text sections (I. Tình hình triển khai; II. Kết quả thực
hiện; III. Đơn vị chậm, chưa báo cáo; IV. Đánh giá chung; V. Phương hướng, kiến nghị),
the table by unit, Nơi nhận and the signer. ``drafted`` keeps what the draft said for each
editable field: a field whose value differs from it was edited by a person, and a redraft
keeps it.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final
from xml.sax.saxutils import escape

from ..document.deriving.units import PARTY_KINDS
from ..document.errors import KehoachError
from ..document.model import Plan, Recipient, Section, Signer
from ..document.rendering import render_docx
from ..document.text import collapse_spaces, fold, nfc

__all__ = [
    "EDITABLE",
    "FORMAT",
    "SECTION_KEYS",
    "Issuer",
    "Lateness",
    "Narrative",
    "Situation",
    "SynthesisError",
    "SynthesisInput",
    "Total",
    "UnitResult",
    "apply_edits",
    "draft_synthesis",
    "edited_fields",
    "get_field",
    "recipient_from_line",
    "recipient_line",
    "redraft",
    "regime_of_kind",
    "render_synthesis_docx",
    "synthesis_plan",
    "thousands",
]

FORMAT: Final = 1
DOC_TYPE: Final = "BÁO CÁO"

# The five sections of the report, in order: (key, label, heading).
SECTIONS: Final = (
    ("deployment", "I", "TÌNH HÌNH TRIỂN KHAI"),
    ("results", "II", "KẾT QUẢ THỰC HIỆN"),
    ("late", "III", "ĐƠN VỊ CHẬM, CHƯA BÁO CÁO"),
    ("assessment", "IV", "ĐÁNH GIÁ CHUNG"),
    ("proposals", "V", "PHƯƠNG HƯỚNG, KIẾN NGHỊ"),
)
SECTION_KEYS: Final = tuple(key for key, _, _ in SECTIONS)

# What a person may change, as paths into the document dict.
EDITABLE: Final = (
    "number",
    "date",
    "place",
    "title",
    *(f"sections.{key}" for key in SECTION_KEYS),
    "recipients",
    "signer",
)

MAX_TEXT: Final = 50_000  # characters of one section: a long report is ~10 pages
MAX_LINE: Final = 2_000  # the title, a recipient, a signer's line
# Units named one by one in section III; the rest are counted (the Excel lists them all).
MAX_NAMED_UNITS: Final = 60
MAX_NARRATIVE: Final = 400

# Where the table by unit goes in the rendered document (a paragraph of its own, replaced).
TABLE_MARK: Final = "⟦bảng kết quả theo đơn vị⟧"


class SynthesisError(KehoachError):
    """An edit that cannot be applied (unknown field, a date that does not exist …)."""

    code = "synthesis"


# --- the input --------------------------------------------------------------------------


@dataclass(frozen=True)
class Issuer:
    """The body that issued the plan and signs the report (from the unit tree)."""

    name: str
    kind: str = ""
    organ_lines: tuple[str, ...] = ()
    symbol: str = ""  # the body's code in document numbers: QU, UBND, LĐLĐ
    place: str = ""
    short_name: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    superiors: tuple[str, ...] = ()  # the bodies above, nearest first: who gets the report


@dataclass(frozen=True)
class Total:
    """One measure summed over the accepted reports ("conference"/"held" → 12 cuộc)."""

    channel: str
    channel_label: str
    measure: str
    label: str
    unit_label: str
    total: int

    @property
    def key(self) -> str:
        return f"{self.channel}.{self.measure}"


@dataclass(frozen=True)
class UnitResult:
    """A unit's row of the table: how many of its reports count, and their sums."""

    name: str
    reports: int
    values: Mapping[str, int] = field(default_factory=dict)  # Total.key → sum


@dataclass(frozen=True)
class Lateness:
    """A unit behind with its reports: the periods concerned, as printed."""

    name: str
    periods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Narrative:
    """A notable passage from an accepted report."""

    unit: str
    period: str
    text: str


@dataclass(frozen=True)
class Situation:
    """How far the units have got with their reports, on the day of the draft."""

    units: int = 0  # units that owe reports
    obligations: int = 0  # reports owed over the plan's whole run
    due: int = 0  # of those, due by the day of the draft
    submitted: int = 0  # sent (on time or late), of all owed
    on_time: int = 0
    late: int = 0
    accepted: int = 0
    missing: int = 0  # due and not sent
    tasks: int = 0
    tasks_done: int = 0


@dataclass(frozen=True)
class SynthesisInput:
    """Everything the draft is made of. ``plan`` is the plan JSON (plan-json.md)."""

    plan: Mapping[str, Any]
    issuer: Issuer
    today: date
    situation: Situation = Situation()
    totals: Sequence[Total] = ()
    units: Sequence[UnitResult] = ()
    late_units: Sequence[Lateness] = ()
    missing_units: Sequence[Lateness] = ()
    narratives: Sequence[Narrative] = ()
    regime: str | None = None


# --- small texts ------------------------------------------------------------------------


def thousands(value: int) -> str:
    """1500 → "1.500": Vietnamese groups thousands with a dot."""
    return f"{value:,}".replace(",", ".")


def _dmy(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _iso(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def regime_of_kind(kind: str) -> str:
    """The rules a body's documents follow: Party bodies, trade unions, the State."""
    if kind in PARTY_KINDS:
        return "party"
    return "union" if kind == "trade_union" else "state"


def _reference(plan: Mapping[str, Any]) -> str:
    """ "17-KH/QU" (Party) or "43/KH-LĐLĐ" (State, Union); "" when the plan has no number."""
    number = str(plan.get("number") or "").strip()
    symbol = re.sub(r"\s+", "", str(plan.get("symbol") or ""))
    if number and symbol:
        return f"{number}-{symbol}" if "/" in symbol else f"{number}/{symbol}"
    return number or symbol


def _plan_issuer(plan: Mapping[str, Any], issuer: Issuer) -> str:
    """The plan's issuer as the report names it: the reporting body's own place is implied
    ("Ban Thường vụ Quận ủy Long Biên" reported on by Long Biên → "Ban Thường vụ Quận ủy")."""
    name = collapse_spaces(nfc(str(plan.get("issuer") or "")))
    place = collapse_spaces(nfc(issuer.place))
    if place and fold(name).endswith(" " + fold(place)):
        name = name[: len(name) - len(place)].rstrip(" ,")
    return name


# Titles that begin with a name keep their capital ("về Đại hội …"); others are lowered
# after "về" ("về triển khai công tác …").
_PROPER_STARTS: Final = (
    "dai hoi",
    "dang ",
    "ngay ",
    "chu tich",
    "bac ho",
    "nghi quyet",
    "chi thi",
    "ket luan",
    "hoi nghi trung uong",
    "quoc hoi",
    "mat tran",
    "cong doan",
)


def _about(title: str) -> str:
    title = collapse_spaces(nfc(title)).rstrip(" .;")
    if not title:
        return ""
    folded = fold(title)
    if any(folded.startswith(p) for p in _PROPER_STARTS) or title[:2].isupper():
        return title
    return title[0].lower() + title[1:]


def _citation(plan: Mapping[str, Any], issuer: Issuer) -> str:
    """ "Kế hoạch số 17-KH/QU ngày 29/12/2015 của Ban Thường vụ Quận ủy": a full first
    citation (number, date, issuer), as the rules on references ask."""
    kind = collapse_spaces(nfc(str(plan.get("doc_type") or "Kế hoạch"))).capitalize()
    parts = [kind]
    reference = _reference(plan)
    if reference:
        parts.append(f"số {reference}")
    issued = _iso(plan.get("date"))
    if issued:
        parts.append(f"ngày {_dmy(issued)}")
    by = _plan_issuer(plan, issuer)
    if by:
        parts.append(f"của {by}")
    return " ".join(parts)


def _title(plan: Mapping[str, Any], issuer: Issuer) -> str:
    about = _about(str(plan.get("title") or ""))
    title = f"Kết quả thực hiện {_citation(plan, issuer)}"
    return f"{title} về {about}" if about else title


def _symbol(issuer: Issuer, regime: str) -> str:
    body = re.sub(r"\s+", "", issuer.symbol)
    if not body:
        return "BC"
    return f"BC/{body}" if regime == "party" else f"BC-{body}"


def _percent(part: int, whole: int) -> str:
    if whole <= 0:
        return "0"
    value = round(100 * part / whole, 1)
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def _names(items: Sequence[Lateness], *, with_periods: bool) -> str:
    shown = []
    for item in items[:MAX_NAMED_UNITS]:
        periods = "; ".join(p for p in item.periods if p)
        shown.append(f"{item.name} ({periods})" if with_periods and periods else item.name)
    text = "; ".join(shown)
    rest = len(items) - len(shown)
    if rest > 0:
        text += f" và {thousands(rest)} đơn vị khác (danh sách kèm theo)"
    return text


def _clip(text: str, limit: int) -> str:
    text = collapse_spaces(nfc(text).replace("\n", " "))
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


# --- drafting -----------------------------------------------------------------------------


def _deployment(inp: SynthesisInput, citation: str, about: str) -> str:
    s = inp.situation
    short = inp.issuer.short_name or inp.issuer.name
    what = f"{citation} về {about}" if about else citation
    lines = [
        f"Thực hiện {what}, {short} đã giao nhiệm vụ và chế độ báo cáo kết quả thực hiện "
        f"cho {thousands(s.units)} đơn vị."
    ]
    if s.tasks:
        done = (
            f"{thousands(s.tasks_done)} nhiệm vụ đã hoàn thành"
            if s.tasks_done
            else "chưa có nhiệm vụ nào được báo hoàn thành"
        )
        lines.append(f"Các đơn vị được giao {thousands(s.tasks)} nhiệm vụ; {done}.")
    when = f"Tính đến ngày {_dmy(inp.today)}"
    if s.due == 0 and s.submitted == 0:
        lines.append(f"{when}, chưa có kỳ báo cáo nào đến hạn.")
        return "\n".join(lines)
    sent = (
        f"{when}, có {thousands(s.due)} lượt báo cáo đã đến hạn; các đơn vị đã gửi "
        f"{thousands(s.submitted)} báo cáo ({thousands(s.on_time)} báo cáo đúng hạn, "
        f"{thousands(s.late)} báo cáo chậm hạn), {thousands(s.accepted)} báo cáo đã được "
        "tiếp nhận"
    )
    if s.missing:
        sent += f"; còn {thousands(s.missing)} lượt báo cáo quá hạn chưa gửi."
    else:
        sent += "; không còn báo cáo quá hạn chưa gửi."
    lines.append(sent)
    return "\n".join(lines)


def _lower_first(text: str) -> str:
    """ "Số hội nghị" → "số hội nghị" after a colon; an abbreviation ("MXH") stays."""
    return text if text[:2].isupper() else text[:1].lower() + text[1:]


def _measure_phrase(total: Total) -> str:
    unit = f" {total.unit_label}" if total.unit_label else ""
    return f"{_lower_first(total.label)}: {thousands(total.total)}{unit}"


def _results(inp: SynthesisInput) -> str:
    lines: list[str] = []
    totals = [t for t in inp.totals if t.total]
    if not totals:
        lines.append(
            "Chưa có báo cáo nào của các đơn vị được tiếp nhận nên chưa tổng hợp được số liệu."
        )
        return "\n".join(lines)
    lines.append("1. Kết quả theo từng hình thức tuyên truyền")
    by_channel: dict[str, list[Total]] = {}
    for t in totals:
        by_channel.setdefault(t.channel, []).append(t)
    for group in by_channel.values():
        phrases = "; ".join(_measure_phrase(t) for t in group)
        lines.append(f"- {group[0].channel_label}: {phrases}.")
    number = 2
    if inp.narratives:
        lines.append(f"{number}. Một số cách làm nổi bật")
        for n in inp.narratives:
            period = f" ({n.period})" if n.period else ""
            text = _clip(n.text, MAX_NARRATIVE).rstrip(".")
            lines.append(f"- {n.unit}{period}: {text}.")
        number += 1
    lines.append(f"{number}. Kết quả của từng đơn vị")
    lines.append("Kết quả của từng đơn vị được tổng hợp trong bảng dưới đây.")
    return "\n".join(lines)


def _late(inp: SynthesisInput) -> str:
    lines = []
    if inp.late_units:
        lines.append(
            f"- Đơn vị gửi báo cáo chậm so với thời hạn ({thousands(len(inp.late_units))} "
            f"đơn vị): {_names(inp.late_units, with_periods=True)}."
        )
    if inp.missing_units:
        lines.append(
            f"- Đơn vị chưa gửi báo cáo ({thousands(len(inp.missing_units))} đơn vị): "
            f"{_names(inp.missing_units, with_periods=True)}."
        )
    if not lines:
        if inp.situation.due:
            lines.append("Các đơn vị đã gửi báo cáo đúng thời hạn.")
        else:
            lines.append("Chưa có kỳ báo cáo nào đến hạn.")
    return "\n".join(lines)


def _assessment(inp: SynthesisInput) -> str:
    s = inp.situation
    channels = list(dict.fromkeys(t.channel_label for t in inp.totals if t.total))
    good = "1. Ưu điểm: Các đơn vị đã quan tâm triển khai kế hoạch"
    if channels:
        good += " bằng nhiều hình thức: " + "; ".join(_lower_first(c) for c in channels)
    good += "."
    if s.due:
        good += (
            f" {_percent(s.submitted, s.due)}% lượt báo cáo đến hạn đã được gửi, "
            f"{_percent(s.on_time, s.due)}% đúng hạn."
        )
    lines = [good]
    faults = []
    if inp.missing_units:
        faults.append(f"{thousands(len(inp.missing_units))} đơn vị chưa gửi báo cáo")
    if inp.late_units:
        faults.append(f"{thousands(len(inp.late_units))} đơn vị gửi báo cáo chậm")
    if faults:
        lines.append(
            "2. Hạn chế: "
            + ", ".join(faults)
            + "; công tác báo cáo, thống kê số liệu ở một số đơn vị chưa kịp thời."
        )
    else:
        lines.append("2. Hạn chế: (bổ sung nhận xét của cơ quan tổng hợp, nếu có).")
    return "\n".join(lines)


def _proposals(inp: SynthesisInput, reference: str) -> str:
    plan_name = f"Kế hoạch số {reference}" if reference else "kế hoạch"
    receiver = inp.issuer.short_name or inp.issuer.name
    lines = [
        f"1. Tiếp tục chỉ đạo, đôn đốc các đơn vị triển khai thực hiện có hiệu quả {plan_name}."
    ]
    if inp.missing_units or inp.late_units:
        lines.append(
            "2. Đề nghị các đơn vị chưa gửi hoặc gửi chậm báo cáo khẩn trương báo cáo kết quả "
            f"về {receiver}; thực hiện nghiêm chế độ báo cáo định kỳ."
        )
    else:
        lines.append("2. Các đơn vị tiếp tục thực hiện nghiêm chế độ báo cáo định kỳ.")
    if inp.issuer.superiors:
        lines.append(
            f"3. Kiến nghị {inp.issuer.superiors[0]} tiếp tục quan tâm chỉ đạo, cung cấp tài "
            "liệu, định hướng nội dung tuyên truyền."
        )
    return "\n".join(lines)


_REPORT_PURPOSE: Final = re.compile(r"b\s*/\s*c|bao cao")


def _recipients(plan: Mapping[str, Any], issuer: Issuer, regime: str) -> list[dict[str, Any]]:
    """Who gets the report: those the plan reported to ("để báo cáo"), else the bodies
    above the issuer; then the archive."""
    out: list[dict[str, Any]] = []
    leading: list[str] = []
    for item in plan.get("recipients") or []:
        name = collapse_spaces(nfc(str(item.get("name") or ""))).rstrip(";,.")
        if not name:
            continue
        leading.append(name)
        if _REPORT_PURPOSE.search(fold(str(item.get("purpose") or ""))):
            out = [{"name": n, "purpose": "để báo cáo"} for n in leading]
            break
    if not out:
        out = [{"name": n, "purpose": "để báo cáo"} for n in issuer.superiors[:2]]
    out.append({"name": "Lưu VP" if regime == "party" else "Lưu: VT", "purpose": None})
    return out


def _table(inp: SynthesisInput) -> dict[str, Any]:
    columns = [t for t in inp.totals if t.total]
    keys = [t.key for t in columns]
    rows = [
        {
            "unit": u.name,
            "reports": u.reports,
            "values": [int(u.values.get(k, 0)) for k in keys],
        }
        for u in inp.units
    ]
    return {
        "columns": [
            {
                "key": t.key,
                "channel_label": t.channel_label,
                "label": t.label,
                "unit_label": t.unit_label,
            }
            for t in columns
        ],
        "rows": rows,
        "total": {
            "reports": sum(u.reports for u in inp.units),
            "values": [t.total for t in columns],
        },
    }


def draft_synthesis(inp: SynthesisInput) -> dict[str, Any]:
    """The report drafted from ``inp``: a JSON-ready dict (see the module's docstring)."""
    issuer = inp.issuer
    regime = inp.regime or regime_of_kind(issuer.kind)
    plan = inp.plan
    citation = _citation(plan, issuer)
    about = _about(str(plan.get("title") or ""))
    reference = _reference(plan)
    issued = _iso(plan.get("date"))
    texts = {
        "deployment": _deployment(inp, citation, about),
        "results": _results(inp),
        "late": _late(inp),
        "assessment": _assessment(inp),
        "proposals": _proposals(inp, reference),
    }
    doc: dict[str, Any] = {
        "format": FORMAT,
        "regime": regime,
        "doc_type": DOC_TYPE,
        "issuer": nfc(issuer.name),
        "organ_lines": [nfc(x) for x in issuer.organ_lines],
        "symbol": _symbol(issuer, regime),
        "number": "",
        "place": nfc(issuer.place),
        "date": inp.today.isoformat(),
        "title": _title(plan, issuer),
        "sections": [
            {"key": key, "label": label, "heading": heading, "text": texts[key]}
            for key, label, heading in SECTIONS
        ],
        "table": _table(inp),
        "totals": [
            {
                "channel": t.channel,
                "channel_label": t.channel_label,
                "measure": t.measure,
                "label": t.label,
                "unit_label": t.unit_label,
                "total": t.total,
            }
            for t in inp.totals
        ],
        "late_units": [{"name": x.name, "periods": list(x.periods)} for x in inp.late_units],
        "missing_units": [{"name": x.name, "periods": list(x.periods)} for x in inp.missing_units],
        "situation": {
            name: getattr(inp.situation, name) for name in Situation.__dataclass_fields__
        },
        "plan": {
            "reference": reference,
            "date": issued.isoformat() if issued else None,
            "issuer": str(plan.get("issuer") or ""),
            "title": str(plan.get("title") or ""),
        },
        "recipients": _recipients(plan, issuer, regime),
        "signer": {
            "authority": nfc(issuer.signer_authority),
            "title": nfc(issuer.signer_title),
            "name": nfc(issuer.signer_name),
        },
        "drafted_on": inp.today.isoformat(),
    }
    doc["drafted"] = {path: copy.deepcopy(get_field(doc, path)) for path in EDITABLE}
    return doc


# --- fields, edits, redrafts ---------------------------------------------------------------


def get_field(doc: Mapping[str, Any], path: str) -> Any:
    """The value of an editable field ("title", "sections.results", "signer" …)."""
    if path.startswith("sections."):
        key = path.split(".", 1)[1]
        for section in doc.get("sections") or []:
            if section.get("key") == key:
                return section.get("text", "")
        return ""
    return doc.get(path)


def _set_field(doc: dict[str, Any], path: str, value: Any) -> None:
    if path.startswith("sections."):
        key = path.split(".", 1)[1]
        for section in doc.get("sections") or []:
            if section.get("key") == key:
                section["text"] = value
                return
        return
    doc[path] = value


def edited_fields(doc: Mapping[str, Any]) -> list[str]:
    """The editable fields a person changed since the draft, in document order."""
    drafted = doc.get("drafted") or {}
    return [p for p in EDITABLE if p in drafted and get_field(doc, p) != drafted[p]]


def _text(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise SynthesisError(f"{what}: cần một đoạn chữ.")
    lines = [collapse_spaces(line) for line in nfc(value).replace("\r\n", "\n").split("\n")]
    text = "\n".join(lines).strip()
    if len(text) > limit:
        raise SynthesisError(f"{what} quá dài (tối đa {thousands(limit)} ký tự).")
    return text


def _line(value: Any, what: str) -> str:
    text = _text(value, what, MAX_LINE)
    if "\n" in text:
        raise SynthesisError(f"{what}: chỉ được một dòng.")
    return text


_NUMBER: Final = re.compile(r"^[0-9A-Za-z.]{0,12}$")


def _clean_edit(path: str, value: Any) -> Any:
    if path == "number":
        number = _line(value, "Số văn bản")
        if not _NUMBER.match(number):
            raise SynthesisError(
                f"Số văn bản không hợp lệ: “{number}” (chỉ ghi số, ví dụ 25; để trống khi là "
                "dự thảo)."
            )
        return number
    if path == "date":
        text = _line(value, "Ngày báo cáo")
        if not text:
            return ""
        parsed = _parse_day(text)
        if parsed is None:
            raise SynthesisError(
                f"Ngày báo cáo không hợp lệ: “{text}” (cần một ngày có thật, dạng 20/06/2016)."
            )
        return parsed.isoformat()
    if path == "place":
        return _line(value, "Địa danh")
    if path == "title":
        title = _line(value, "Trích yếu")
        if not title:
            raise SynthesisError("Trích yếu không được để trống.")
        return title
    if path.startswith("sections."):
        heading = next(h for k, _, h in SECTIONS if f"sections.{k}" == path)
        return _text(value, f"Mục “{heading.capitalize()}”", MAX_TEXT)
    if path == "recipients":
        return _clean_recipients(value)
    if path == "signer":
        if not isinstance(value, Mapping):
            raise SynthesisError("Người ký: cần thẩm quyền ký, chức vụ và họ tên.")
        unknown = set(value) - {"authority", "title", "name"}
        if unknown:
            raise SynthesisError(f"Người ký: không có mục “{sorted(unknown)[0]}”.")
        return {
            "authority": _line(value.get("authority") or "", "Thẩm quyền ký"),
            "title": _line(value.get("title") or "", "Chức vụ người ký"),
            "name": _line(value.get("name") or "", "Họ tên người ký"),
        }
    raise SynthesisError(f"Không sửa được mục “{path}”.")


def _parse_day(text: str) -> date | None:
    m = re.fullmatch(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", text)
    try:
        if m:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return date.fromisoformat(text)
    except ValueError:
        return None


def _clean_recipients(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        items: list[Any] = [line for line in value.split("\n") if line.strip()]
    elif isinstance(value, Sequence):
        items = list(value)
    else:
        raise SynthesisError("Nơi nhận: cần danh sách, mỗi nơi nhận một dòng.")
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, str):
            out.append(recipient_from_line(item))
        elif isinstance(item, Mapping):
            name = _line(item.get("name") or "", "Nơi nhận")
            purpose = _line(item.get("purpose") or "", "Nơi nhận") or None
            if name:
                out.append({"name": name, "purpose": purpose})
        else:
            raise SynthesisError("Nơi nhận: mỗi nơi nhận là một dòng chữ.")
    if len(out) > 100:
        raise SynthesisError("Nơi nhận quá dài (tối đa 100 dòng).")
    return [r for r in out if r["name"]]


_PURPOSE_AT_END: Final = re.compile(r"^(?P<name>.*?)\s*\((?P<purpose>[^()]*)\)$")


def recipient_from_line(line: str) -> dict[str, Any]:
    """ "- Thành ủy Hà Nội (để báo cáo);" → {"name": "Thành ủy Hà Nội", "purpose": …}."""
    text = _line(line, "Nơi nhận").lstrip("-–•+ ").rstrip(";,. ")
    m = _PURPOSE_AT_END.match(text)
    if m and m.group("name"):
        return {"name": m.group("name").strip(), "purpose": m.group("purpose").strip() or None}
    return {"name": text, "purpose": None}


def recipient_line(item: Mapping[str, Any]) -> str:
    """The inverse of ``recipient_from_line``: one line of the edit form."""
    purpose = item.get("purpose")
    return f"{item.get('name', '')} ({purpose})" if purpose else str(item.get("name", ""))


def apply_edits(doc: Mapping[str, Any], edits: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` with ``edits`` applied: top-level fields ("number", "date",
    "place", "title", "recipients", "signer") and ``{"sections": {key: text}}``.

    All or nothing: raises ``SynthesisError`` (Vietnamese message) on the first bad value.
    """
    out = copy.deepcopy(dict(doc))
    for name, value in edits.items():
        if name == "sections":
            if not isinstance(value, Mapping):
                raise SynthesisError("Các mục: cần tên mục và nội dung.")
            for key, text in value.items():
                path = f"sections.{key}"
                if path not in EDITABLE:
                    raise SynthesisError(f"Không có mục “{key}” trong báo cáo.")
                _set_field(out, path, _clean_edit(path, text))
            continue
        if name not in EDITABLE:
            raise SynthesisError(f"Không sửa được mục “{name}”.")
        _set_field(out, name, _clean_edit(name, value))
    return out


def redraft(
    old: Mapping[str, Any], new: Mapping[str, Any], *, keep_edits: bool = True
) -> dict[str, Any]:
    """``new`` (a fresh draft) with the fields a person edited in ``old`` kept.

    The figures (table, totals, late and missing units) always come from ``new``; an
    editable field is taken from ``old`` when it differs from what ``old`` had drafted.
    ``keep_edits=False`` is the officer's "redraft from scratch".
    """
    out = copy.deepcopy(dict(new))
    if not keep_edits:
        return out
    for path in edited_fields(old):
        _set_field(out, path, copy.deepcopy(get_field(old, path)))
    return out


# --- rendering ---------------------------------------------------------------------------


def synthesis_plan(doc: Mapping[str, Any]) -> Plan:
    """The report as a core ``Plan`` the renderer lays out (doc_type "BÁO CÁO"); section
    II ends with a placeholder paragraph where the table by unit goes."""
    sections = []
    table = doc.get("table") or {}
    has_table = bool(table.get("rows")) and bool(table.get("columns"))
    for item in doc.get("sections") or []:
        text = str(item.get("text") or "")
        if item.get("key") == "results" and has_table:
            text = f"{text}\n{TABLE_MARK}" if text.strip() else TABLE_MARK
        sections.append(
            Section(
                label=str(item.get("label") or ""),
                heading=str(item.get("heading") or ""),
                text=text,
            )
        )
    signer = doc.get("signer") or {}
    return Plan(
        doc_type=str(doc.get("doc_type") or DOC_TYPE),
        number=str(doc.get("number") or "") or None,
        symbol=str(doc.get("symbol") or "") or None,
        issuer=str(doc.get("issuer") or "") or None,
        organ_lines=[str(x) for x in doc.get("organ_lines") or []],
        place=str(doc.get("place") or "") or None,
        date=str(doc.get("date") or "") or None,
        title=str(doc.get("title") or ""),
        sections=sections,
        recipients=[
            Recipient(str(r.get("name") or ""), r.get("purpose") or None)
            for r in doc.get("recipients") or []
            if r.get("name")
        ],
        signer=Signer(
            signer.get("authority") or None, signer.get("title") or None, signer.get("name") or None
        )
        if any(signer.get(k) for k in ("authority", "title", "name"))
        else None,
    )


_SUBHEADING: Final = re.compile(r"^\d{1,2}\.\s+[^:;.!?…]{1,80}$")
_W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TABLE_SIZE: Final = 24  # 12 pt: a table's figures read smaller than the body's 14 pt
_NUMBER_WIDTH: Final = 567  # "TT" column: 1 cm
_COUNT_MIN: Final = 800
_NAME_SHARE: Final = 0.34


def _cell(
    text: str,
    width: int,
    *,
    bold: bool = False,
    align: str = "left",
    span: int = 1,
    merge: str | None = None,  # "restart" opens a vertical merge, "" continues it
) -> str:
    size = f'<w:sz w:val="{_TABLE_SIZE}"/><w:szCs w:val="{_TABLE_SIZE}"/>'
    rpr = f"<w:rPr>{'<w:b/><w:bCs/>' if bold else ''}{size}</w:rPr>"
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge is not None:
        props += f'<w:vMerge w:val="{merge}"/>' if merge else "<w:vMerge/>"
    return (
        f'<w:tc><w:tcPr>{props}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="40" w:after="40"/><w:jc w:val="{align}"/>{rpr}'
        f"</w:pPr>{run}</w:p></w:tc>"
    )


def _table_xml(table: Mapping[str, Any], text_width: int) -> str:
    """The table by unit: TT, unit, reports counted, then one column per measure under its
    channel (a two-row header, repeated on every page), and a total row."""
    columns = list(table.get("columns") or [])
    count = len(columns) + 1  # the measures and the number of reports
    room = text_width - _NUMBER_WIDTH
    name_width = max(1700, min(round(text_width * _NAME_SHARE), room - _COUNT_MIN * count))
    count_width = max(400, (room - name_width) // count)
    widths = [_NUMBER_WIDTH, name_width] + [count_width] * count
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    head = "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
    first = [
        _cell("TT", widths[0], bold=True, align="center", merge="restart"),
        _cell("Đơn vị", widths[1], bold=True, align="center", merge="restart"),
        _cell("Số báo cáo", widths[2], bold=True, align="center", merge="restart"),
    ]
    second = [
        _cell("", widths[0], merge=""),
        _cell("", widths[1], merge=""),
        _cell("", widths[2], merge=""),
    ]
    groups: list[tuple[str, int]] = []
    for c in columns:
        label = str(c.get("channel_label") or "")
        if groups and groups[-1][0] == label:
            groups[-1] = (label, groups[-1][1] + 1)
        else:
            groups.append((label, 1))
    for label, span in groups:
        first.append(_cell(label, count_width * span, bold=True, align="center", span=span))
    for c in columns:
        unit = f" ({c['unit_label']})" if c.get("unit_label") else ""
        second.append(_cell(f"{c.get('label', '')}{unit}", count_width, bold=True, align="center"))
    parts = [
        f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{border}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>",
        f"<w:tr>{head}{''.join(first)}</w:tr>",
        f"<w:tr>{head}{''.join(second)}</w:tr>",
    ]
    for index, row in enumerate(table.get("rows") or [], 1):
        values = [thousands(int(v)) if v else "-" for v in row.get("values") or []]
        reports = int(row.get("reports") or 0)
        cells = [
            _cell(str(index), widths[0], align="center"),
            _cell(str(row.get("unit") or ""), widths[1]),
            _cell(thousands(reports) if reports else "-", widths[2], align="center"),
        ] + [_cell(v, count_width, align="center") for v in values[: len(columns)]]
        parts.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>")
    total = table.get("total") or {}
    sums = [thousands(int(v)) for v in total.get("values") or []]
    parts.append(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
        + _cell("", widths[0])
        + _cell("Tổng cộng", widths[1], bold=True)
        + _cell(thousands(int(total.get("reports") or 0)), widths[2], bold=True, align="center")
        + "".join(_cell(v, count_width, bold=True, align="center") for v in sums[: len(columns)])
        + "</w:tr>"
    )
    parts.append("</w:tbl>")
    return "".join(parts)


def render_synthesis_docx(doc: Mapping[str, Any], *, regime: str | None = None) -> bytes:
    """The report as an official DOCX: the issuing body's header, "Số …-BC/…" (blank →
    "Dự thảo"), place and date, "BÁO CÁO" and the title, sections I–V with the table by
    unit at the end of section II, Nơi nhận and the signer.

    ``regime`` ("party", "state", "union") overrides the one the draft was made for.
    """
    import docx  # python-docx: the table goes in with its XML tools
    from docx.oxml import parse_xml

    chosen = regime or str(doc.get("regime") or "") or None
    plan = synthesis_plan(doc)
    drafted_on = _iso(doc.get("drafted_on")) or date.today()
    data = render_docx(plan, regime=chosen, as_of=_iso(doc.get("date")) or drafted_on)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    emu = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    text_width = emu // 635 if emu > 0 else 9355  # EMU → twips
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text == TABLE_MARK:
            element = parse_xml(_table_xml(doc.get("table") or {}, text_width))
            paragraph._p.addnext(element)
            parent = paragraph._p.getparent()
            if parent is not None:
                parent.remove(paragraph._p)
        elif _SUBHEADING.match(text):
            # "1. Kết quả theo từng hình thức": the renderer prints section text plain; a
            # numbered heading of the report's own reads bold, as in the plans.
            for run in paragraph.runs:
                run.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
