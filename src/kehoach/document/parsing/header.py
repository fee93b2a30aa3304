"""The header: organ lines, star, number line, place and date, type name and title.

Header lines come in any order (the two-column table is flattened by every converter),
so each line is classified by what it *is*, not where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Plan
from ..text import fold
from .dates import PartialDate, iso
from .lines import Line
from .orgs import LOCALITY_WORDS, org_case, type_from_symbol

__all__ = ["Header", "parse_header"]

_TYPE_WORDS = {
    "KEHOACH": "KẾ HOẠCH",
    "HUONGDAN": "HƯỚNG DẪN",
    "QUYETDINH": "QUYẾT ĐỊNH",
    "CONGVAN": "CÔNG VĂN",
    "CHITHI": "CHỈ THỊ",
    "KETLUAN": "KẾT LUẬN",
    "BAOCAO": "BÁO CÁO",
    "THONGBAO": "THÔNG BÁO",
    "QUYCHE": "QUY CHẾ",
    "DECUONG": "ĐỀ CƯƠNG",
    "NGHIQUYET": "NGHỊ QUYẾT",
    "CHUONGTRINH": "CHƯƠNG TRÌNH",
    "TOTRINH": "TỜ TRÌNH",
    "QUYDINH": "QUY ĐỊNH",
    "THONGTRI": "THÔNG TRI",
}

_NUMBER_LINE = re.compile(
    r"^(?:S[ốôoỐÔO]\s*(?:hiệu)?\s*[:.]?|S\s*:)\s*(?P<num>\d{1,6})?\s*(?P<rest>[-/–].*|[A-ZĐ].*)?$"
)
_BARE_NUMBER = re.compile(
    r"^(?P<num>\d{1,6})\s*/\s*(?P<rest>[A-ZĐ][\wĐđ]*(?:\s*[/\-–]\s*[\wĐđ]+)*)$"
)
_SYMBOL = re.compile(r"^[-/–]?\s*(?P<sym>[^\s/\-–]+(?:\s*[/\-–]\s*[^\s/\-–]+)*)")
_TONED_CAPITAL = re.compile(r"[ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ]")
_DATE_LINE = re.compile(
    r"^(?P<place>.*?)[,，]?\s*ng[àa]y\s*(?P<d>\d{1,2})?[\s.…_]*th[áa]ng\s*(?P<m>\d{1,2})?[\s.…_]*n[ăa]m\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_DATE_START = re.compile(r"ng[àa]y\s*\d{0,2}[\s.…_]*$", re.IGNORECASE)
_DATE_NO_YEAR = re.compile(r"ng[àa]y.*th[áa]ng\s*\d{0,2}\s*$", re.IGNORECASE)
_STAR = re.compile(r"^\*{1,3}$")
_RULE = re.compile(r"^[-–_=.…*\s]{3,}$")
_OPENING = re.compile(
    r"^(?:-\s*)?(?:Thực hiện|Căn cứ|THỰC HIỆN|CĂN CỨ|Để\b|Nhằm\b|Theo\b|Trên cơ sở|Xét\b|Kính gửi|Hội nghị)"
)
_CITES = re.compile(r"\bsố\s*\d|\d+\s*[-/]\s*[A-ZĐ]{2,}")
_ROMAN_HEADING = re.compile(r"^[IVX]{1,5}\s*[.\-–]\s*\S")
_AUTHORITY_LINE = re.compile(
    r"^(?:CHỦ TỊCH|GIÁM ĐỐC|BỘ TRƯỞNG|TRƯỞNG BAN|BAN |THƯỜNG TRỰC|BÍ THƯ|ỦY BAN|UỶ BAN|HỘI ĐỒNG|ĐOÀN CHỦ TỊCH)"
)


@dataclass
class Header:
    organ_lines: list[str] = field(default_factory=list)
    party_title: bool = False
    national_title: bool = False
    star: bool = False
    authority_line: str | None = None
    partial_date: PartialDate | None = None
    body_start: int = 0  # index into the cleaned lines where the body begins
    title_end: int = 0


def _nospace_fold(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text)).upper()


def type_word(text: str) -> tuple[str, str] | None:
    """If ``text`` starts with a document type in capitals, return (type, rest).

    "KẾ HOẠCH", "KẾ HOẠCH Tuyên truyền …" (title on the type line), garbled "K ÉT LUẬN".
    """
    words = text.split()
    upper: list[str] = []
    for w in words[:8]:
        letters = [c for c in w if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters):
            break
        upper.append(w)
    if not upper:
        return None
    key = _nospace_fold(" ".join(upper))
    for word, name in _TYPE_WORDS.items():
        if key.startswith(word):
            consumed = 0
            for i, ch in enumerate(text):
                if ch.isalpha():
                    consumed += 1
                if consumed == len(word):
                    rest = text[i + 1 :].strip(" :")
                    if rest[:1].isalpha() and text[i + 1 : i + 2].isalpha():
                        return None  # "KẾ HOẠCHHÓA" is not the type word
                    return name, rest
    return None


def _is_organ_line(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or len(text) > 120:
        return False
    return sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _parse_number(text: str, plan: Plan, line_no: int) -> str | None:
    """Fill number/symbol from a number line; return text left over after the symbol."""
    m = _NUMBER_LINE.match(text)
    bare = None if m else _BARE_NUMBER.match(text)
    if not m and not bare:
        return None
    match = m or bare
    assert match is not None
    num = match.group("num")
    rest = (match.group("rest") or "").strip()
    leftover = ""
    symbol = None
    sm = _SYMBOL.match(rest)
    if sm:
        symbol = re.sub(r"\s+", "", sm.group("sym"))
        leftover = rest[sm.end() :].strip()
        symbol, glued = _unglue_symbol(symbol)
        if glued:
            leftover = f"{glued} {leftover}".strip()
        if not re.search(r"[A-ZĐ]", symbol):
            symbol = None
    plan.number = num
    plan.symbol = symbol
    plan.number_line = line_no
    if num is None:
        plan.warn(line_no, "number-blank", "số văn bản để trống (dự thảo hoặc chưa vào sổ)")
    return leftover


def _unglue_symbol(symbol: str) -> tuple[str, str]:
    """ "QĐ/TWĐTN-VPĐOÀN" (two header cells run together) → ("QĐ/TWĐTN-VP", "ĐOÀN")."""
    m = _TONED_CAPITAL.search(symbol)
    if not m:
        return symbol, ""
    cut = symbol.rfind("Đ", 0, m.start())
    if cut <= 0 or symbol[cut - 1] in "/-–":
        return symbol, ""
    return symbol[:cut], symbol[cut:]


def _place(text: str) -> str | None:
    """The place name before ", ngày": the trailing run of capitalised words."""
    text = text.strip(" ,.;:|")
    if not text:
        return None
    words = text.split()
    kept: list[str] = []
    for w in reversed(words):
        if (w[:1].isupper() and not (len(w) > 3 and w.isupper() and kept)) or fold(w) in {
            "tp.",
            "tp",
            "tx.",
            "tx",
        }:
            kept.append(w)
        else:
            break
    if not kept:
        return text if len(text) < 40 else None
    return " ".join(reversed(kept))


def _parse_date_line(text: str, plan: Plan, header: Header, line_no: int) -> bool:
    m = _DATE_LINE.search(text)
    if not m:
        return False
    place = _place(m.group("place"))
    d, mo, y = m.group("d"), m.group("m"), m.group("y")
    plan.place = place
    plan.date_line = line_no
    year = int(y)
    month = int(mo) if mo else None
    day = int(d) if d else None
    header.partial_date = PartialDate(year, month, day)
    if day is None or month is None:
        plan.warn(line_no, "date-incomplete", "ngày ban hành chưa đủ ngày, tháng (dự thảo?)")
        plan.date_partial = (
            f"{year:04d}-{month:02d}" if month and 1 <= month <= 12 else f"{year:04d}"
        )
        return True
    value = iso(year, month, day)
    if value is None:
        plan.warn(line_no, "date-invalid", f"ngày ban hành không có thật: {day}/{month}/{year}")
    plan.date = value
    return True


def _segments(lines: list[Line], end: int) -> list[Line]:
    """Header lines, with a date split over two lines ("ngày 18" / "tháng 9 năm 2023") rejoined."""
    out: list[Line] = []
    for line in lines[:end]:
        if not line.text:
            continue
        prev = out[-1].text if out else ""
        if out and _date_continues(prev, line.text):
            out[-1] = Line(out[-1].no, f"{prev} {line.text}")
            continue
        out.append(line)
    return out


def _date_continues(prev: str, nxt: str) -> bool:
    """ "Lâm Đồng, ngày 18" + "tháng 9 năm 2023", or "…, ngày 10 tháng 12 năm" + "2018"."""
    if not _DATE_WORD.search(prev) or _YEAR.search(prev):
        return False
    start = fold(nxt)
    return start.startswith(("thang", "nam")) or bool(re.match(r"\d{4}\b", start))


_DATE_WORD = re.compile(r"\bng[àa]y\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _find_type_line(lines: list[Line]) -> tuple[int, str, str] | None:
    for i, line in enumerate(lines[:80]):
        text = line.text
        if not text:
            continue
        if _OPENING.match(text) or _ROMAN_HEADING.match(text):
            return None
        found = type_word(text)
        if found:
            return i, found[0], found[1]
    return None


def _first_body_line(lines: list[Line]) -> int:
    for i, line in enumerate(lines[:80]):
        if line.text and (_OPENING.match(line.text) or _ROMAN_HEADING.match(line.text)):
            return i
    # No recognisable opening: the header is whatever precedes the first long line.
    for i, line in enumerate(lines[:80]):
        if len(line.text) > 150:
            return i
    return 0


def parse_header(lines: list[Line], plan: Plan, source_format: str = "txt") -> Header:
    """Classify the lines before the body; fill number, date, place, type and title."""
    header = Header()
    found = _find_type_line(lines)
    header_end = found[0] if found else _first_body_line(lines)
    pending: list[Line] = list(_segments(lines, header_end))
    while pending:
        line = pending.pop(0)
        text = line.text.strip(" |")
        if not text or _RULE.match(text):
            if _STAR.match(text):
                header.star = True
            continue
        folded = fold(text)
        if "dang cong san viet nam" in folded:
            header.party_title = True
            text = re.sub(r"(?i)ĐẢNG CỘNG SẢN VIỆT NAM", "", text).strip()
            if not text:
                continue
        if (
            "cong hoa xa hoi" in folded
            or "chu nghia viet nam" in folded
            or "doc lap - tu do" in folded
            or "doc lap tu do" in folded
            or (folded == "viet nam" and header.national_title)  # the motto wrapped in its cell
        ):
            header.national_title = True
            continue
        if plan.number_line is None:
            leftover = _parse_number(text, plan, line.no)
            if leftover is not None:
                if leftover:
                    pending.insert(0, Line(line.no, leftover))
                continue
        if plan.date_line is None and _parse_date_line(text, plan, header, line.no):
            before = _DATE_LINE.search(text)
            assert before is not None
            prefix = before.group("place")
            organ_part = prefix[: len(prefix) - len(plan.place or "")].strip(" ,")
            if organ_part and _is_organ_line(organ_part):
                header.organ_lines.append(organ_part)
            continue
        if _STAR.match(text):
            header.star = True
            continue
        if _is_organ_line(text) and type_word(text) is None:
            header.organ_lines.append(text)
    if found:
        index, doc_type, rest = found
        plan.doc_type = doc_type
        plan.title_line = lines[index].no
        _parse_title(lines, index, rest, plan, header, centred_blocks=source_format == "pdf")
    else:
        header.body_start = header_end
        header.title_end = header_end
        inferred = type_from_symbol(plan.symbol)
        if inferred:
            plan.doc_type = inferred
            plan.warn(
                None, "doc-type-inferred", f"không thấy dòng tên loại; suy ra {inferred} từ ký hiệu"
            )
        else:
            plan.warn(
                None, "doc-type-missing", "không thấy tên loại văn bản (KẾ HOẠCH, HƯỚNG DẪN …)"
            )
    if plan.number_line is None:
        plan.warn(None, "number-missing", "không thấy dòng số, ký hiệu văn bản")
    if plan.date_line is None:
        plan.warn(None, "date-missing", "không thấy dòng địa danh, ngày tháng năm ban hành")
    return header


def _parse_title(
    lines: list[Line],
    index: int,
    rest: str,
    plan: Plan,
    header: Header,
    *,
    centred_blocks: bool = False,
) -> None:
    """The trích yếu: up to four lines under the type name.

    In a PDF each centred title line may stand as its own paragraph, so blank lines do not
    end the title there; the opening paragraph or the separator does.
    """
    parts: list[str] = [rest] if rest else []
    i = index + 1
    # Blank lines between the type line and the title (web copies) are skipped.
    while i < len(lines) and not lines[i].text and not parts:
        i += 1
    while i < len(lines):
        text = lines[i].text
        if not text:
            if parts and not (centred_blocks or _title_continues(lines, i)):
                break
            i += 1
            continue
        if _RULE.match(text):
            i += 1
            break
        opening = _OPENING.match(text)
        if (
            opening
            and not parts
            and len(text) < 150
            and not _CITES.search(text)
            and not text.startswith("Căn cứ")
        ):
            opening = None  # a title that begins "Thực hiện kế hoạch …" directly under the type
        if opening or _ROMAN_HEADING.match(text) or fold(text).startswith("(kem theo"):
            break
        if (
            parts
            and _AUTHORITY_LINE.match(text)
            and _is_organ_line(text)
            and not _is_organ_line(parts[-1])
        ):
            break
        if len(parts) >= 4 and not text.startswith("("):
            break
        if parts and len(text) > 160:
            break
        parts.append(text)
        i += 1
    # A decision's authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") sits between title and body.
    j = i
    while j < len(lines) and not lines[j].text:
        j += 1
    if j < len(lines) and _is_organ_line(lines[j].text) and _AUTHORITY_LINE.match(lines[j].text):
        header.authority_line = lines[j].text
        i = j + 1
    header.title_end = i
    header.body_start = i
    title = " ".join(parts).strip()
    title = re.sub(r"\s+", " ", title)
    title = re.sub(r"(?<!\.)\.$", "", title).strip()
    plan.title = title or None
    if not plan.title:
        plan.warn(plan.title_line, "title-missing", "không thấy trích yếu dưới tên loại văn bản")


def _title_continues(lines: list[Line], i: int) -> bool:
    """A title wrapped across a blank line continues in lower case (PDF, web copies)."""
    j = i
    while j < len(lines) and not lines[j].text:
        j += 1
    return j < len(lines) and j - i <= 2 and lines[j].text[:1].islower()


def locality_tail(name: str) -> str | None:
    """ "Ủy ban nhân dân tỉnh Lâm Đồng" → "tỉnh Lâm Đồng"."""
    lowered = name.lower()
    best = None
    for word in LOCALITY_WORDS:
        pos = lowered.rfind(word + " ")
        if pos >= 0 and (best is None or pos > best):
            best = pos
    return name[best:] if best is not None else None


def header_organ(header: Header) -> tuple[str | None, str | None]:
    """The issuing organ named by the header, and its superior (both in running case)."""
    lines = [line for line in header.organ_lines if len(line) > 2]
    if not lines:
        return None, None
    raw_groups: list[str] = []
    for line in lines:
        low = fold(line)
        starts_with_place = any(low.startswith(fold(w) + " ") for w in LOCALITY_WORDS)
        prev_incomplete = bool(raw_groups) and fold(raw_groups[-1]) in _INCOMPLETE
        continues = bool(raw_groups) and fold(raw_groups[-1]).endswith(
            ("trung uong", "ban chap hanh")
        )
        # One word alone on a line is the end of a name wrapped in its cell ("… VÀ DÂN" / "VẬN").
        wrapped = len(line.split()) == 1 and not fold(line).startswith(
            ("ban", "so", "phong", "doan")
        )
        if raw_groups and (starts_with_place or prev_incomplete or continues or wrapped):
            raw_groups[-1] = f"{raw_groups[-1]} {line}"
        else:
            raw_groups.append(line)
    groups = [org_case(g) for g in raw_groups]
    if len(groups) == 1:
        return groups[0], None
    superior, issuer = groups[-2], groups[-1]
    f = fold(issuer)
    if f.startswith(("ban ", "van phong", "uy ban kiem tra")) and fold(superior).endswith(
        _PARTY_COMMITTEE_ENDS
    ):
        return f"{issuer} {superior}", superior
    if f.startswith(("ban ", "van phong", "uy ban kiem tra")) and " uy " in f" {fold(superior)} ":
        return f"{issuer} {superior}", superior
    tail = locality_tail(superior)
    if (
        tail
        and f.startswith(("so ", "phong ", "trung tam ", "van phong"))
        and not locality_tail(issuer)
    ):
        return f"{issuer} {tail}", superior
    return issuer, superior


_INCOMPLETE = {
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "ban chap hanh",
    "ban chap hanh trung uong",
    "uy ban mat tran to quoc viet nam",
    "uy ban mat tran to quoc",
    "lien doan lao dong",
    "hoi lien hiep phu nu",
    "dang uy",
}
_PARTY_COMMITTEE_ENDS = ("uy",)
