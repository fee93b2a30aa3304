"""A structured plan → a DOCX in the official format (document-format.md §3, §4, §5, §8).

    data = render_docx(plan)                  # regime and version from the plan
    data = render_docx(plan, regime="state")  # force the State layout

What is printed, top to bottom:

* a borderless two-column header table: row 1 holds the issuer block (superior body
  regular, issuer bold; the Party star ``*`` or the State short line under it) on the left
  and ``ĐẢNG CỘNG SẢN VIỆT NAM`` or the Quốc hiệu and Tiêu ngữ on the right, underlined as
  long as the text; row 2 holds the number line (with a ``Dự thảo`` marker under a blank
  number) and the place-date, so that the two stand on one level;
* the type name and the trích yếu, centred and bold, then ``-----`` (Party) or a short
  line (State, Union);
* the opening paragraphs and the section tree: ``I. …`` headings bold, ``1. …`` headings
  bold (a numbered sentence stays a plain paragraph), deeper headings italic; every
  paragraph justified with a first-line indent, spacing and line spacing per regime;
* a borderless two-column closing table: ``Nơi nhận:`` and the receivers on the left; the
  authority, title, room for signature and seal, and the name on the right;
* A4, margins per regime, Times New Roman everywhere (document defaults), Vietnamese;
  a centred ``PAGE`` field in the header from page 2 (``w:titlePg``, empty first header).

Sizes and styles come from one small table per regime (``TYPOGRAPHY``) with the few
changes a dated version makes (``VERSION_CHANGES``); the rules version follows the plan's
issue date (else ``as_of``, else today), as the checker does.

Speed: the package is assembled from python-docx's default template once per process
(styles with Times New Roman document defaults, settings, theme, fonts, numbering,
already deflated); each plan then costs one pass of string building for
``word/document.xml`` and an append to a copy of that base zip.
"""

from __future__ import annotations

import io
import os
import re
import threading
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from typing import Final
from xml.sax.saxutils import escape

from ..checking.context import rules_version
from ..model import Plan, Section
from ..text import fold
from .regime import choose_regime

__all__ = [
    "TYPOGRAPHY",
    "VERSION_CHANGES",
    "Font",
    "Typography",
    "draft_marker",
    "header_organ_lines",
    "number_text",
    "place_date_text",
    "render_docx",
    "typography",
]

# --- typography: one table per regime ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Font:
    """How one component's runs look: size in half-points (``w:sz``) and style."""

    size: int
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True, slots=True)
class Typography:
    """Everything that differs between regimes (twips for lengths)."""

    top_title: tuple[tuple[str, Font], ...]  # right column, row 1 (text, font)
    superior: Font
    issuer: Font
    star: bool  # Party: "*" under the issuer; else a short line
    number: Font
    draft: Font
    place_date: Font
    doc_type: Font
    title: Font
    dashes: bool  # Party "-----" under the trích yếu; else a short line
    body: Font
    headings: tuple[Font, Font, Font]  # I. … / 1. … / deeper
    recipients_head: Font
    receiver: Font
    authority: Font
    signer_title: Font
    name: Font
    page: Font
    margins: tuple[int, int, int, int]  # top, bottom, left, right
    header_distance: int
    header_left: float  # share of the text width for the left header column
    closing_left: float
    line: int  # w:line
    line_rule: str  # "exact" or "auto"
    first_line: int
    space_before: int
    signature_gap: int  # empty lines between the title and the name


_PARTY_TITLE: Final = "ĐẢNG CỘNG SẢN VIỆT NAM"
_NATIONAL: Final = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
_MOTTO: Final = "Độc lập - Tự do - Hạnh phúc"

# HD05 Phụ lục 2 and §IV (document-format.md §3.12–3.13); HD36's published table agrees.
PARTY: Final = Typography(
    top_title=((_PARTY_TITLE, Font(30, bold=True, underline=True)),),
    superior=Font(28),
    issuer=Font(28, bold=True),
    star=True,
    number=Font(28),
    draft=Font(28, italic=True),
    place_date=Font(28, italic=True),
    doc_type=Font(32, bold=True),
    title=Font(28, bold=True),
    dashes=True,
    body=Font(28),
    headings=(Font(28, bold=True), Font(28, bold=True), Font(28, italic=True)),
    recipients_head=Font(28, underline=True),
    receiver=Font(24),
    authority=Font(28, bold=True),
    signer_title=Font(28),
    name=Font(28, bold=True),
    page=Font(28),
    margins=(1134, 1134, 1701, 850),
    header_distance=567,
    header_left=0.4546,  # 4253 | 5102 of 9355 (75 | 90 mm)
    closing_left=0.45,
    line=360,  # exactly 18 pt
    line_rule="exact",
    first_line=567,  # 10 mm
    space_before=120,  # 6 pt
    signature_gap=4,
)
# NĐ30 PL I §I, §V (document-format.md §4.2–4.3).
STATE: Final = Typography(
    top_title=((_NATIONAL, Font(24, bold=True)), (_MOTTO, Font(26, bold=True, underline=True))),
    superior=Font(24),
    issuer=Font(24, bold=True),
    star=False,
    number=Font(26),
    draft=Font(26, italic=True),
    place_date=Font(28, italic=True),
    doc_type=Font(28, bold=True),
    title=Font(28, bold=True),
    dashes=False,
    body=Font(28),
    headings=(Font(28, bold=True), Font(28, bold=True), Font(28, italic=True)),
    recipients_head=Font(24, bold=True, italic=True),
    receiver=Font(22),
    authority=Font(28, bold=True),
    signer_title=Font(28, bold=True),
    name=Font(28, bold=True),
    page=Font(28),
    margins=(1134, 1134, 1701, 850),
    header_distance=567,
    header_left=0.39,  # room on the right for the Quốc hiệu on one line
    closing_left=0.45,
    line=288,  # 1.2 lines
    line_rule="auto",
    first_line=567,  # 1 cm
    space_before=120,
    signature_gap=4,
)

# Union documents follow NĐ30 until QĐ 933/QĐ-TLĐ is read (document-format.md §5).
TYPOGRAPHY: Final = {"party": PARTY, "state": STATE, "union": STATE}

# What a dated version changes; only differences the spec records (§3.14, §0.1).
VERSION_CHANGES: Final[dict[tuple[str, str], dict[str, object]]] = {
    # HD11 era (before 03/4/2018): 25/25/35/15 mm per a Party committee handbook [S].
    ("party", "HD11"): {"margins": (1417, 1417, 1984, 850)},
}

_A4: Final = (11906, 16838)


def typography(regime: str, version: str) -> Typography:
    """The typography of ``regime`` under the rules ``version`` ("HD05", "NĐ30" …)."""
    base = TYPOGRAPHY[regime]
    changes = VERSION_CHANGES.get((regime, version))
    return replace(base, **changes) if changes else base  # type: ignore[arg-type]


# --- the texts of the header --------------------------------------------------------------

_COLLECTIVES: Final = (
    "ban thuong vu ",
    "thuong truc ",
    "ban chap hanh ",
    "ban thuong truc ",
    "doan chu tich ",
)
_COMMITTEE: Final = re.compile(
    r"\b(?:Quận|Huyện|Tỉnh|Thành|Thị|Đảng)\s+[uủỦU][ỷyỶY]\b|\bChi\s+bộ\b", re.IGNORECASE
)
_LOCALITY_START: Final = (
    "tinh ",
    "thanh pho ",
    "quan ",
    "huyen ",
    "thi xa ",
    "xa ",
    "phuong ",
    "thi tran ",
    "dac khu ",
)
_INCOMPLETE: Final = frozenset(
    {
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
)


def header_organ_lines(plan: Plan, regime: str) -> list[tuple[str, bool]]:
    """The issuer block as printed: (line, bold) pairs.

    The plan's own ``organ_lines`` when it has them (the issuing body's lines bold, the
    superior body's regular); else derived from the issuer: a committee's collective
    ("Ban Thường vụ", "Thường trực") is not printed (HD05 §2.1: the committee's name), an
    advisory body is printed under its committee ("QUẬN ỦY CẦU GIẤY" / "BAN TUYÊN GIÁO").
    """
    lines = [ln.strip() for ln in plan.organ_lines if ln.strip()]
    if lines:
        start = len(lines) - 1
        while start > 0 and _continues(lines[start - 1], lines[start]):
            start -= 1
        return [(ln, i >= start) for i, ln in enumerate(lines)]
    issuer = re.sub(r"\s+", " ", plan.issuer or "").strip()
    if not issuer:
        return []
    folded = fold(issuer)
    for prefix in _COLLECTIVES:
        if folded.startswith(prefix) and len(issuer) > len(prefix):
            issuer = issuer[len(prefix) :].strip()
            folded = fold(issuer)
            break
    if regime == "party":
        m = _COMMITTEE.search(issuer)
        if m and m.start() > 0 and folded.startswith(("ban ", "van phong", "uy ban kiem tra")):
            body = issuer[: m.start()].strip()
            committee = issuer[m.start() :].strip()
            return [(committee.upper(), False), (body.upper(), True)]
    return [(issuer.upper(), True)]


def _continues(prev: str, line: str) -> bool:
    """Is ``line`` the rest of the name begun on ``prev`` ("ỦY BAN NHÂN DÂN" / "TỈNH …")?"""
    p, f = fold(prev), fold(line)
    return p in _INCOMPLETE or f.startswith(_LOCALITY_START) or p.endswith(("trung uong",))


def number_text(plan: Plan, regime: str) -> str:
    """ "Số 193-KH/QU" (Party) or "Số: 43/KH-LĐLĐ"; a blank number leaves room to write it."""
    number = (plan.number or "").strip()
    symbol = re.sub(r"\s+", "", plan.symbol or "")
    blank = " " * 8
    if regime == "party":
        if not symbol:
            return f"Số {number}" if number else f"Số{blank}"
        return f"Số {number}-{symbol}" if number else f"Số{blank}-{symbol}"
    if not symbol:
        return f"Số: {number}" if number else f"Số:{blank}"
    return f"Số: {number}/{symbol}" if number else f"Số:{blank}/{symbol}"


def draft_marker(plan: Plan) -> str | None:
    """ "Dự thảo" under the number line of a plan not yet registered (blank number)."""
    return "Dự thảo" if not (plan.number or "").strip() else None


def place_date_text(plan: Plan, year: int) -> str:
    """ "Long Biên, ngày 03 tháng 11 năm 2023"; an undated plan leaves day and month blank.

    Day below 10 and months 1 and 2 take a leading zero (HD05 §4.2.2, NĐ30 PL I §II.4).
    """
    place = (plan.place or "").strip()
    prefix = f"{place}, " if place else ""
    parsed = _iso(plan.date)
    if parsed is None:
        gap = " " * 6
        partial = (plan.date_partial or "").split("-")
        if len(partial) == 2 and partial[0].isdigit() and partial[1].isdigit():
            known = int(partial[1])  # a draft: the month is known, the day is left blank
            shown = f"{known:02d}" if known < 3 else str(known)
            return f"{prefix}ngày{gap}tháng {shown} năm {int(partial[0])}"
        return f"{prefix}ngày{gap}tháng{gap}năm {year}"
    month = f"{parsed.month:02d}" if parsed.month < 3 else str(parsed.month)
    return f"{prefix}ngày {parsed.day:02d} tháng {month} năm {parsed.year}"


def _undated_year(plan: Plan) -> int:
    """The year to print on an undated plan: that of its earliest phase or deadline, else
    of its latest cited document, else this year."""
    if plan.date_partial and plan.date_partial[:4].isdigit():
        return int(plan.date_partial[:4])  # the year printed on the draft's date line
    ahead = [d for d in (*(p.start for p in plan.phases), *(d.date for d in plan.deadlines)) if d]
    years = sorted(int(d[:4]) for d in ahead if d[:4].isdigit())
    if years:
        return years[0]
    cited = sorted(int(c.date[:4]) for c in plan.basis if c.date and c.date[:4].isdigit())
    return cited[-1] if cited else date.today().year


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# --- WordprocessingML, as strings -----------------------------------------------------------

_W_NS: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_DECL: Final = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 cannot carry (C0 controls other than tab, newline, return).
_INVALID_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_RPR_CACHE: dict[Font, str] = {}


def _rpr(font: Font) -> str:
    cached = _RPR_CACHE.get(font)
    if cached is None:
        parts = ["<w:rPr>"]
        if font.bold:
            parts.append("<w:b/><w:bCs/>")
        if font.italic:
            parts.append("<w:i/><w:iCs/>")
        parts.append(f'<w:sz w:val="{font.size}"/><w:szCs w:val="{font.size}"/>')
        if font.underline:
            parts.append('<w:u w:val="single"/>')
        parts.append("</w:rPr>")
        cached = _RPR_CACHE[font] = "".join(parts)
    return cached


def _text(value: str) -> str:
    if not value.isprintable():
        value = _INVALID_XML.sub("", value.replace("\t", " "))
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return escape(value)


def _run(text: str, font: Font) -> str:
    return f'<w:r>{_rpr(font)}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


@dataclass(frozen=True, slots=True)
class _Para:
    """Paragraph properties (``w:pPr``), cached as XML."""

    jc: str = "center"
    first_line: int = 0
    before: int = 0
    after: int = 0
    line: int = 240
    rule: str = "auto"
    keep_next: bool = False
    rule_below: tuple[int, int] | None = None  # a bottom border: (left, right) indents


_PPR_CACHE: dict[tuple[_Para, Font], str] = {}


def _ppr(p: _Para, mark: Font) -> str:
    key = (p, mark)
    cached = _PPR_CACHE.get(key)
    if cached is None:
        parts = ["<w:pPr>"]
        if p.keep_next:
            parts.append("<w:keepNext/>")
        if p.rule_below is not None:
            parts.append(
                '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
            )
        parts.append(
            f'<w:spacing w:before="{p.before}" w:after="{p.after}" '
            f'w:line="{p.line}" w:lineRule="{p.rule}"/>'
        )
        if p.rule_below is not None:
            parts.append(f'<w:ind w:left="{p.rule_below[0]}" w:right="{p.rule_below[1]}"/>')
        elif p.first_line:
            parts.append(f'<w:ind w:firstLine="{p.first_line}"/>')
        parts.append(f'<w:jc w:val="{p.jc}"/>')
        parts.append(_rpr(mark))
        parts.append("</w:pPr>")
        cached = _PPR_CACHE[key] = "".join(parts)
    return cached


def _p(props: _Para, *runs: tuple[str, Font], mark: Font | None = None) -> str:
    body = "".join(_run(text, font) for text, font in runs if text)
    return f"<w:p>{_ppr(props, mark or (runs[0][1] if runs else _SMALL))}{body}</w:p>"


_SMALL: Final = Font(8)
_CENTRED: Final = _Para()
_LEFT: Final = _Para(jc="left")


def _short_rule(width: int, text_chars: int, size: int) -> str:
    """An empty paragraph whose bottom border is a centred line about 2/5 of a text's length."""
    text_width = round(text_chars * 0.62 * size * 10)  # twips; caps in Times at w:sz=size
    length = max(567, min(width, round(text_width * 0.4)))
    side = max(0, (width - length) // 2)
    return _p(_Para(rule_below=(side, side)), mark=Font(4))


def _cell(width: int, paragraphs: list[str]) -> str:
    inner = "".join(paragraphs) or _p(_CENTRED)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{inner}</w:tc>'


def _table(widths: tuple[int, int], rows: list[tuple[list[str], list[str]]]) -> str:
    borders = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>',
        f"<w:tblBorders>{borders}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        f'<w:gridCol w:w="{widths[0]}"/><w:gridCol w:w="{widths[1]}"/>',
        "</w:tblGrid>",
    ]
    for left, right in rows:
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        out.append(_cell(widths[0], left))
        out.append(_cell(widths[1], right))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


# --- the document -----------------------------------------------------------------------

_ROMAN_LABEL: Final = re.compile(r"^[IVXLC]+$")
_LETTER_LABEL: Final = re.compile(r"^[a-zđ]$")
_SENTENCE_END: Final = frozenset(".;:!?…")


_OWN_LABEL: Final = re.compile(r"^[^:]{1,30}:")
_BULLET: Final = re.compile(r"^(?:[-–+•*]|\(?\d{1,2}[.)/]|[a-zđ]\))")


def _runs_in(heading: str, first: str) -> bool:
    """Is ``first`` printed after ``heading`` on its line ("1. Ban Tuyên giáo: Chủ trì …")?

    The plan keeps no trace of it, so: yes for a sentence, no for a bullet list or a line
    with a label of its own ("Đợt 1: từ ngày …"); always for a line in lower case, which
    would otherwise be read as the heading's continuation. A heading with a colon of its
    own stays alone (the colon would split it elsewhere).
    """
    if ":" in heading or not heading:
        return False
    if first[:1].islower():
        return True
    return not _BULLET.match(first) and not _OWN_LABEL.match(first)


def _label(label: str) -> str:
    """ "I" → "I. ", "1.2" → "1.2. ", "a" → "a) ", "Phần I" → "Phần I. "."""
    label = label.strip()
    if not label:
        return ""
    if _LETTER_LABEL.match(label):
        return f"{label}) "
    return f"{label}. "


class _Builder:
    def __init__(self, t: Typography) -> None:
        self.t = t
        width = _A4[0] - t.margins[2] - t.margins[3]
        self.width = width
        self.body = _Para(
            jc="both",
            first_line=t.first_line,
            before=t.space_before,
            line=t.line,
            rule=t.line_rule,
        )
        self.heading = replace(self.body, keep_next=True)
        self.out: list[str] = []

    def para(self, text: str, font: Font | None = None, *, heading: bool = False) -> None:
        self.out.append(_p(self.heading if heading else self.body, (text, font or self.t.body)))

    # header ---------------------------------------------------------------------------

    def header(self, plan: Plan, regime: str, year: int) -> None:
        t = self.t
        left_w = round(self.width * t.header_left)
        widths = (left_w, self.width - left_w)
        organs = header_organ_lines(plan, regime)
        left1 = [_p(_CENTRED, (ln, t.issuer if bold else t.superior)) for ln, bold in organs]
        if t.star:
            left1.append(_p(_CENTRED, ("*", t.superior)))
        elif organs:
            longest = max(len(ln) for ln, bold in organs if bold)
            left1.append(_short_rule(left_w - 216, longest, t.issuer.size))
        right1 = [_p(_CENTRED, (text, font)) for text, font in t.top_title]
        number = _Para(before=120)
        left2 = [_p(number, (number_text(plan, regime), t.number))]
        marker = draft_marker(plan)
        if marker:
            left2.append(_p(_CENTRED, (marker, t.draft)))
        right2 = [_p(number, (place_date_text(plan, year), t.place_date))]
        self.out.append(_table(widths, [(left1, right1), (left2, right2)]))

    def title(self, plan: Plan) -> None:
        t = self.t
        self.out.append(_p(_Para(before=360), ((plan.doc_type or "KẾ HOẠCH").strip(), t.doc_type)))
        title = re.sub(r"\s+", " ", plan.title or "").strip()
        if title:
            self.out.append(_p(_CENTRED, (title, t.title)))
        if t.dashes:
            self.out.append(_p(_CENTRED, ("-----", t.body)))
        elif title:
            self.out.append(_short_rule(self.width, min(len(title), 80), t.title.size))

    # body -----------------------------------------------------------------------------

    def lines(self, text: str) -> None:
        for line in text.split("\n"):
            line = line.strip()
            if line:
                self.para(line)

    def section(self, section: Section, depth: int) -> None:
        t = self.t
        label = _label(section.label)
        heading = section.heading.strip()
        text_lines = [ln.strip() for ln in section.text.split("\n") if ln.strip()]
        if depth == 0:
            self.para(f"{label}{heading}".strip(), t.headings[0], heading=True)
        elif len(heading) > 80 or (not text_lines and not section.children):
            # A numbered sentence or list item, not a heading: one plain paragraph; a
            # sentence gets back the full stop the parser took off (it takes it again).
            sentence = len(heading) > 80 or len(heading.split()) >= 8
            if sentence and heading[-1:] not in _SENTENCE_END and len(heading) < 200:
                heading += "."
            self.para(f"{label}{heading}")
        else:
            font = t.headings[min(depth, 2)]
            if text_lines and _runs_in(heading, text_lines[0]):
                # "2. Thời gian: từ ngày …": the heading run in before its first sentence.
                self.out.append(
                    _p(self.body, (f"{label}{heading}: ", font), (text_lines.pop(0), t.body))
                )
            else:
                self.para(f"{label}{heading}".strip(), font, heading=True)
        for line in text_lines:
            self.para(line)
        for child in section.children:
            self.section(child, depth + 1)

    # closing --------------------------------------------------------------------------

    def closing(self, plan: Plan) -> None:
        t = self.t
        if self.out and self.out[-1].startswith("<w:p>") and "<w:keepNext/>" not in self.out[-1]:
            self.out[-1] = self.out[-1].replace("<w:pPr>", "<w:pPr><w:keepNext/>", 1)
        left_w = round(self.width * t.closing_left)
        widths = (left_w, self.width - left_w)
        left: list[str] = []
        if plan.recipients:
            head = _Para(jc="left", before=240)
            if t.recipients_head.underline:
                left.append(
                    _p(
                        head,
                        ("Nơi nhận", t.recipients_head),
                        (":", replace(t.recipients_head, underline=False)),
                    )
                )
            else:
                left.append(_p(head, ("Nơi nhận:", t.recipients_head)))
            last = len(plan.recipients) - 1
            for i, r in enumerate(plan.recipients):
                name = re.sub(r"\s+", " ", r.name).strip().rstrip(";,.")
                purpose = (r.purpose or "").strip()
                line = f"- {name} ({purpose})" if purpose else f"- {name}"
                left.append(_p(_LEFT, (line + ("." if i == last else ";"), t.receiver)))
        right: list[str] = []
        signer = plan.signer
        if signer is not None:
            first = _Para(before=240)
            for value, font in (
                (signer.authority, t.authority),
                (signer.title, t.signer_title),
            ):
                if value and value.strip():
                    right.append(_p(first if not right else _CENTRED, (value.strip(), font)))
            if signer.name and signer.name.strip():
                right.extend(_p(_CENTRED, mark=t.name) for _ in range(t.signature_gap))
                right.append(_p(_CENTRED, (signer.name.strip(), t.name)))
        if left or right:
            self.out.append(_table(widths, [(left, right)]))

    def document(self) -> str:
        t = self.t
        top, bottom, left, right = t.margins
        sect = (
            '<w:sectPr><w:headerReference w:type="default" r:id="rIdKhHeader"/>'
            '<w:headerReference w:type="first" r:id="rIdKhFirst"/>'
            f'<w:pgSz w:w="{_A4[0]}" w:h="{_A4[1]}"/>'
            f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
            f'w:header="{t.header_distance}" w:footer="{t.header_distance}" w:gutter="0"/>'
            '<w:cols w:space="720"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>'
        )
        return (
            f'{_XML_DECL}<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body>'
            f"{''.join(self.out)}{sect}</w:body></w:document>"
        )


def _page_header(t: Typography) -> str:
    rpr = _rpr(t.page)
    return (
        f'{_XML_DECL}<w:hdr xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:p><w:pPr>'
        f'<w:jc w:val="center"/>{rpr}</w:pPr>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>'
    )


_EMPTY_HEADER: Final = (
    f'{_XML_DECL}<w:hdr xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:p><w:pPr>'
    '<w:jc w:val="center"/></w:pPr></w:p></w:hdr>'
)


# --- the package ----------------------------------------------------------------------------

_CT: Final = "application/vnd.openxmlformats-officedocument"
_CONTENT_TYPES: Final = (
    f"{_XML_DECL}"
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.wordprocessingml.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.wordprocessingml.settings+xml"/>'
    f'<Override PartName="/word/webSettings.xml" ContentType="{_CT}.wordprocessingml.webSettings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.wordprocessingml.fontTable+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_CT}.wordprocessingml.numbering+xml"/>'
    f'<Override PartName="/word/theme/theme1.xml" ContentType="{_CT}.theme+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{_CT}.wordprocessingml.header+xml"/>'
    f'<Override PartName="/word/header2.xml" ContentType="{_CT}.wordprocessingml.header+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    f'<Override PartName="/docProps/app.xml" ContentType="{_CT}.extended-properties+xml"/>'
    "</Types>"
)
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS: Final = (
    f"{_XML_DECL}"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS: Final = (
    f"{_XML_DECL}"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/webSettings" Target="webSettings.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}/theme" Target="theme/theme1.xml"/>'
    f'<Relationship Id="rId6" Type="{_REL}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rIdKhHeader" Type="{_REL}/header" Target="header1.xml"/>'
    f'<Relationship Id="rIdKhFirst" Type="{_REL}/header" Target="header2.xml"/>'
    "</Relationships>"
)
_APP: Final = (
    f"{_XML_DECL}"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>kehoach</Application></Properties>"
)
# Times New Roman for every script, black, Vietnamese; paragraphs single-spaced by default.
_DOC_DEFAULTS: Final = (
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" '
    'w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
    '<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
    '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
)
_STATIC_PARTS: Final = (
    "word/fontTable.xml",
    "word/numbering.xml",
    "word/theme/theme1.xml",
    "word/webSettings.xml",
)

_BASE: bytes | None = None
_BASE_LOCK = threading.Lock()


def _template_path() -> str:
    import docx  # python-docx: only its default template is used

    return os.path.join(os.path.dirname(docx.__file__), "templates", "default.docx")


def _base_package() -> bytes:
    """The parts every rendered plan shares, deflated once per process."""
    global _BASE
    if _BASE is not None:
        return _BASE
    with _BASE_LOCK:
        if _BASE is not None:
            return _BASE
        with zipfile.ZipFile(_template_path()) as template:
            styles = template.read("word/styles.xml")
            settings = template.read("word/settings.xml")
            static = {name: template.read(name) for name in _STATIC_PARTS}
        start = styles.find(b"<w:docDefaults>")
        end = styles.find(b"</w:docDefaults>")
        if start < 0 or end < 0:
            raise RuntimeError("python-docx default template without w:docDefaults")
        styles = styles[:start] + _DOC_DEFAULTS.encode() + styles[end + len(b"</w:docDefaults>") :]
        settings = settings.replace(b"<w:savePreviewPicture/>", b"").replace(
            b'<w:themeFontLang w:val="en-US"', b'<w:themeFontLang w:val="vi-VN"'
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", _CONTENT_TYPES)
            z.writestr("_rels/.rels", _PACKAGE_RELS)
            z.writestr("word/_rels/document.xml.rels", _DOCUMENT_RELS)
            z.writestr("word/styles.xml", styles)
            z.writestr("word/settings.xml", settings)
            for name, data in static.items():
                z.writestr(name, data)
            z.writestr("docProps/app.xml", _APP)
        _BASE = buffer.getvalue()
        return _BASE


def _core(plan: Plan) -> str:
    title = " ".join(x for x in ((plan.doc_type or "KẾ HOẠCH"), plan.title or "") if x)
    return (
        f"{_XML_DECL}"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{_text(title)}</dc:title><dc:language>vi-VN</dc:language>"
        "<dc:creator>kehoach</dc:creator></cp:coreProperties>"
    )


def render_docx(plan: Plan, *, regime: str | None = None, as_of: date | None = None) -> bytes:
    """The plan as an official DOCX (bytes).

    ``regime`` ("party", "state", "union") overrides the regime read from the plan;
    ``as_of`` is the day whose rules apply when the plan has no issue date (default
    today), and gives the year printed on an undated draft.
    """
    chosen = choose_regime(plan, regime)
    issued = _iso(plan.date)
    on = issued or as_of or date.today()
    t = typography(chosen, rules_version(chosen, on))
    builder = _Builder(t)
    builder.header(plan, chosen, as_of.year if as_of else _undated_year(plan))
    builder.title(plan)
    for paragraph in plan.opening:
        builder.lines(paragraph)
    for section in plan.sections:
        builder.section(section, 0)
    builder.closing(plan)
    buffer = io.BytesIO(_base_package())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", builder.document())
        z.writestr("word/header1.xml", _page_header(t))
        z.writestr("word/header2.xml", _EMPTY_HEADER)
        z.writestr("docProps/core.xml", _core(plan))
    return buffer.getvalue()
