"""Build real DOCX files with python-docx for the reader's tests.

``plan_docx`` lays a plan (in the plain-text form of ``corpus/seeds/*.txt``) out the
way offices do: a borderless two-column header table, the centred bold type line and
title, the body, and the "Nơi nhận" | signature table. Options turn the literal list
labels into Word automatic numbering and the text into TCVN3 (.VnTime) so that only the
reader's numbering and legacy-font support can give the text back.

The legacy encoders here are written independently of the reader's tables (a string of
codes in letter order for TCVN3, composition rules for VNI) so that a wrong table in
either place shows up as a failed round trip.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

__all__ = [
    "TYPE_LINES",
    "PlanLayout",
    "encode_tcvn3",
    "encode_tcvn3_upper",
    "encode_vni",
    "layout_plan",
    "nested_table_docx",
    "plan_docx",
    "replace_part",
    "simple_docx",
    "strip_markdown",
    "text_box_docx",
    "tracked_changes_docx",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPE_LINES = (
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
    "CHƯƠNG TRÌNH",
    "BÁO CÁO",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "ĐỀ ÁN",
    "CÔNG VĂN",
)
_NATIONAL = ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập")
PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"

# --- legacy encoders ----------------------------------------------------------------------

# The 67 lower-case Vietnamese letters with diacritics … and their TCVN3 codes, in order.
_VN_LETTERS = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đ" "èéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ"
    "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ"
)  # fmt: skip
_TCVN3_CODES = (
    "\xb5\xb8\xb6\xb7\xb9" "\xa8\xbb\xbe\xbc\xbd\xc6" "\xa9\xc7\xca\xc8\xc9\xcb" "\xae"
    "\xcc\xd0\xce\xcf\xd1" "\xaa\xd2\xd5\xd3\xd4\xd6" "\xd7\xdd\xd8\xdc\xde"
    "\xdf\xe3\xe1\xe2\xe4" "\xab\xe5\xe8\xe6\xe7\xe9" "\xac\xea\xed\xeb\xec\xee"
    "\xef\xf3\xf1\xf2\xf4" "\xad\xf5\xf8\xf6\xf7\xf9" "\xfa\xfd\xfb\xfc\xfe"
)  # fmt: skip
assert len(_VN_LETTERS) == len(_TCVN3_CODES) == 67
_TCVN3_ENCODE = dict(zip(_VN_LETTERS, _TCVN3_CODES, strict=True))
_TCVN3_CAPITALS = dict(zip("ĂÂÊÔƠƯĐ", "\xa1\xa2\xa3\xa4\xa5\xa6\xa7", strict=True))


def encode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 for a normal font (.VnTime); toned capitals cannot be encoded."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[ch])
        elif ch in _TCVN3_CAPITALS:
            out.append(_TCVN3_CAPITALS[ch])
        elif ord(ch) >= 0x80 and ch.isalpha():
            raise ValueError(f"{ch!r} has no code in a normal TCVN3 font")
        else:
            out.append(ch)
    return "".join(out)


def encode_tcvn3_upper(text: str) -> str:
    """Unicode capitals → TCVN3 for an upper-case font (.VnTimeH): the lower-case codes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        low = ch.lower()
        if low in _TCVN3_ENCODE:
            out.append(_TCVN3_ENCODE[low])
        else:
            out.append(ch)
    return "".join(out)


_TONE_MARKS = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}
# VNI mark characters by tone (acute, grave, hook, tilde, dot) for each kind of vowel.
_VNI_PLAIN = ("", "ù", "ø", "û", "õ", "ï")
_VNI_HAT = ("â", "á", "à", "å", "ã", "ä")
_VNI_BREVE = ("ê", "é", "è", "ú", "ü", "ë")
_VNI_I = ("i", "í", "ì", "æ", "ó", "ò")


def _vni_letter(ch: str) -> str:
    upper = ch.isupper()
    low = ch.lower()
    if low == "đ":
        return "Ñ" if upper else "ñ"
    parts = unicodedata.normalize("NFD", low)
    base, marks = parts[0], parts[1:]
    if base not in "aeiouy" or not marks:
        return ch
    tone = 0
    modifier = ""
    for m in marks:
        if m in _TONE_MARKS:
            tone = _TONE_MARKS[m] + 1
        else:
            modifier = m
    if base == "i":
        enc = _VNI_I[tone]
    elif base == "y" and tone == 5:
        enc = "î"
    elif modifier == "\u031b":  # horn: ơ ư
        enc = ("ô" if base == "o" else "ö") + _VNI_PLAIN[tone]
    elif modifier == "\u0302":  # circumflex: â ê ô
        enc = base + _VNI_HAT[tone]
    elif modifier == "\u0306":  # breve: ă
        enc = base + _VNI_BREVE[tone]
    else:
        enc = base + _VNI_PLAIN[tone]
    return enc.upper() if upper else enc


def encode_vni(text: str) -> str:
    """Unicode → VNI (VNI-Times)."""
    return "".join(
        _vni_letter(ch) if ord(ch) >= 0x80 else ch for ch in unicodedata.normalize("NFC", text)
    )


# --- plan layout ------------------------------------------------------------------------

_BOLD_OR_ITALIC = re.compile(r"\*\*|(?<=[^\s*])\*|\*(?=[^\s*])")


def strip_markdown(line: str) -> str:
    """Drop the **bold** and *italic* markers of the seed texts; a lone "*" stays."""
    return _BOLD_OR_ITALIC.sub("", line)


def _clean(line: str) -> str:
    return strip_markdown(line).strip()


@dataclass
class PlanLayout:
    """Where each non-blank line of a plan text goes in the DOCX."""

    header_left: list[str] = field(default_factory=list)
    header_right: list[str] = field(default_factory=list)
    type_line: str | None = None
    title: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)  # "" marks the gap before the name
    added_party_title: bool = False


def layout_plan(text: str) -> PlanLayout:
    lines = text.replace("\r\n", "\n").split("\n")
    layout = PlanLayout()
    type_at = next((i for i, line in enumerate(lines) if _clean(line).upper() in TYPE_LINES), None)
    start = 0
    if type_at is not None:
        for line in lines[:type_at]:
            cleaned = _clean(line)
            if not cleaned:
                continue
            is_date = "ngày" in cleaned and ("tháng" in cleaned or "năm" in cleaned)
            if is_date or any(cleaned.startswith(t) for t in _NATIONAL):
                layout.header_right.append(cleaned)
            else:
                layout.header_left.append(cleaned)
        if "*" in layout.header_left and not any(
            line.startswith(t) for line in layout.header_right for t in _NATIONAL
        ):
            layout.header_right.insert(0, PARTY_TITLE)
            layout.added_party_title = True
        layout.type_line = _clean(lines[type_at])
        i = type_at + 1
        while i < len(lines) and not _clean(lines[i]):
            i += 1
        while i < len(lines) and _clean(lines[i]):
            layout.title.append(_clean(lines[i]))
            i += 1
        start = i
    closing_at = next(
        (i for i in range(start, len(lines)) if _clean(lines[i]).startswith("Nơi nhận")),
        len(lines),
    )
    layout.body = [_clean(line) for line in lines[start:closing_at] if _clean(line)]
    seen_dash = False
    in_signature = False
    for line in lines[closing_at:]:
        cleaned = _clean(line)
        if in_signature:
            layout.signature.append(cleaned)
            continue
        if not cleaned:
            continue
        if cleaned[0] in "-+":
            seen_dash = True
        elif seen_dash:
            in_signature = True
            layout.signature.append(cleaned)
            continue
        layout.recipients.append(cleaned)
    # Keep one blank paragraph for the gap before the signer's name, none at the ends.
    sig: list[str] = []
    for line in layout.signature:
        if line or (sig and sig[-1]):
            sig.append(line)
    while sig and not sig[-1]:
        sig.pop()
    layout.signature = sig
    return layout


class _Numbering:
    """Word list definitions added to the template's numbering part."""

    def __init__(self, document: docx.document.Document, bullet_glyph: str) -> None:
        self.numbering = document.part.numbering_part.element
        self.next_num = 100
        self.decimal_lists = 0
        self.decimal_abstract = self._abstract(
            90,
            [
                ("decimal", "%1.", 1),
                ("lowerLetter", "%2)", 1),
            ],
        )
        self.bullet_abstract = self._abstract(91, [("bullet", bullet_glyph, 1)])
        self.bullet_num = self.new_num(self.bullet_abstract)

    def _abstract(self, aid: int, levels: list[tuple[str, str, int]]) -> int:
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for i, (fmt, text, start) in enumerate(levels)
        )
        el = parse_xml(
            f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{aid}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{lvls}</w:abstractNum>'
        )
        first_num = self.numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(el)
        else:
            self.numbering.append(el)
        return aid

    def new_num(self, abstract: int, restart: dict[int, int] | None = None) -> int:
        nid = self.next_num
        self.next_num += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in (restart or {}).items()
        )
        self.numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{nid}">'
                f'<w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
            )
        )
        return nid


def _set_numbering(paragraph: docx.text.paragraph.Paragraph, num_id: int, ilvl: int) -> None:
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


class _Writer:
    def __init__(self, legacy_font: str | None, legacy_via_style: bool) -> None:
        self.legacy_font = legacy_font
        self.legacy_via_style = legacy_via_style

    def add_text(
        self, paragraph: docx.text.paragraph.Paragraph, text: str, *, bold: bool = False
    ) -> None:
        for chunk, upper in self._chunks(text):
            run = paragraph.add_run(chunk)
            run.bold = bold or None
            if self.legacy_font is None:
                continue
            if upper:
                run.font.name = self.legacy_font + "H"
            elif not self.legacy_via_style:
                run.font.name = self.legacy_font

    def _chunks(self, text: str) -> list[tuple[str, bool]]:
        """Split into (encoded text, needs the upper-case font) runs."""
        if self.legacy_font is None:
            return [(text, False)]
        if self.legacy_font.startswith("VNI"):
            return [(encode_vni(text), False)]
        # A word in capitals with accents goes to the H font; so does a lone capital
        # that a normal TCVN3 font cannot draw ("Ủy").
        kinds: list[bool | None] = []
        for word in re.split(r"(\s+)", text):
            caps = (
                word.upper() == word
                and any(c.isalpha() for c in word)
                and any(ord(c) >= 0x80 and c.isalpha() for c in word)
            )
            for ch in word:
                if not ch.isalpha():
                    kinds.append(None)
                elif caps or (ch.isupper() and ord(ch) >= 0x80 and ch not in _TCVN3_CAPITALS):
                    kinds.append(True)
                else:
                    kinds.append(False)
        groups: list[tuple[list[str], bool]] = []
        current: bool | None = None
        for ch, kind in zip(text, kinds, strict=True):
            if kind is None:
                kind = current if current is not None else False
            if groups and kind == groups[-1][1]:
                groups[-1][0].append(ch)
            else:
                groups.append(([ch], kind))
            current = kind
        return [
            (encode_tcvn3_upper("".join(chars)) if upper else encode_tcvn3("".join(chars)), upper)
            for chars, upper in groups
        ]


_ROMAN_HEADING = re.compile(r"^[IVXLC]+\.\s")
_NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
_LETTERED = re.compile(r"^([a-z])\)\s+(.*)$")


def plan_docx(
    text: str,
    *,
    auto_numbering: bool = False,
    legacy_font: str | None = None,
    legacy_via_style: bool = False,
    bullet_glyph: str = "-",
) -> bytes:
    """A realistic official DOCX of a plan text (A4, Times New Roman 14).

    ``auto_numbering``: body lines "1. …", "a) …" and "- …" become Word list paragraphs
    with the literal label removed. ``legacy_font`` (".VnTime" or "VNI-Times"): every
    line is encoded to that legacy font; with ``legacy_via_style`` the normal TCVN3 font
    is set on the Normal style instead of on each run.
    """
    layout = layout_plan(unicodedata.normalize("NFC", text) if legacy_font else text)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    if legacy_font and legacy_via_style:
        normal.font.name = legacy_font
    writer = _Writer(legacy_font, legacy_via_style)

    def fill_cell(cell: docx.table._Cell, lines: list[str], bold_upper: bool) -> None:
        first = True
        for line in lines:
            paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            writer.add_text(paragraph, line, bold=bold_upper and line.isupper())

    if layout.header_left or layout.header_right:
        table = document.add_table(rows=1, cols=2)
        fill_cell(table.cell(0, 0), layout.header_left, True)
        fill_cell(table.cell(0, 1), layout.header_right, True)
    if layout.type_line:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        writer.add_text(paragraph, layout.type_line, bold=True)
    for line in layout.title:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        writer.add_text(paragraph, line, bold=True)

    numbering = _Numbering(document, bullet_glyph) if auto_numbering else None
    decimal_num: int | None = None
    expected_number = 1
    expected_letter = "a"
    for line in layout.body:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Mm(10)
        if _ROMAN_HEADING.match(line):
            writer.add_text(paragraph, line, bold=True)
            decimal_num = None  # a new section restarts "1."
            continue
        if numbering is not None:
            numbered = _NUMBERED.match(line)
            lettered = _LETTERED.match(line)
            if numbered:
                n = int(numbered.group(1))
                if decimal_num is None or n != expected_number:
                    # The first list counts from 1 by itself; later ones restart at n.
                    first_list = numbering.decimal_lists == 0 and n == 1
                    restart = None if first_list else {0: n}
                    decimal_num = numbering.new_num(numbering.decimal_abstract, restart)
                    numbering.decimal_lists += 1
                _set_numbering(paragraph, decimal_num, 0)
                expected_number = n + 1
                expected_letter = "a"
                writer.add_text(paragraph, numbered.group(2))
                continue
            if lettered and decimal_num is not None and lettered.group(1) == expected_letter:
                _set_numbering(paragraph, decimal_num, 1)
                expected_letter = chr(ord(expected_letter) + 1)
                writer.add_text(paragraph, lettered.group(2))
                continue
            if line.startswith("- "):
                _set_numbering(paragraph, numbering.bullet_num, 0)
                writer.add_text(paragraph, line[2:].lstrip())
                continue
        writer.add_text(paragraph, line)

    if layout.recipients or layout.signature:
        table = document.add_table(rows=1, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        first = True
        for line in layout.recipients:
            paragraph = left.paragraphs[0] if first else left.add_paragraph()
            first = False
            writer.add_text(paragraph, line, bold=line.startswith("Nơi nhận"))
        fill_cell(right, layout.signature, True)
    return _save(document)


def _save(document: docx.document.Document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# --- small documents for edge cases -------------------------------------------------------


def simple_docx(lines: list[str]) -> bytes:
    """One paragraph per line, nothing else."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    return _save(document)


def _w_run(text: str, tag: str = "w:t") -> str:
    space = ' xml:space="preserve"'
    return f"<w:r><{tag}{space}>{text}</{tag}></w:r>"


def tracked_changes_docx() -> bytes:
    """Paragraphs with insertions, deletions, moves and a wholly deleted paragraph.

    Accepting every change reads: "Giữ nguyên phần thêm vào.", "Đoạn có nội dung
    chuyển đến.", "Đoạn cuối." — and nothing marked "XÓA".
    """
    document = docx.Document()
    body = document.element.body
    attrs = 'w:author="Tester" w:date="2024-01-01T00:00:00Z"'
    xml = [
        f"<w:p>{_w_run('Giữ nguyên ')}"
        f'<w:ins w:id="1" {attrs}>{_w_run("phần thêm vào")}</w:ins>'
        f'<w:del w:id="2" {attrs}>{_w_run("XÓA phần bỏ đi", "w:delText")}</w:del>'
        f"{_w_run('.')}</w:p>",
        # A paragraph deleted whole, mark included.
        f'<w:p><w:pPr><w:rPr><w:del w:id="3" {attrs}/></w:rPr></w:pPr>'
        f'<w:del w:id="4" {attrs}>{_w_run("XÓA cả đoạn này", "w:delText")}</w:del></w:p>',
        f"<w:p>{_w_run('Đoạn có nội dung ')}"
        f'<w:moveFrom w:id="5" {attrs}>{_w_run("XÓA chuyển đi")}</w:moveFrom>'
        f'<w:moveTo w:id="6" {attrs}>{_w_run("chuyển đến")}</w:moveTo>'
        f"{_w_run('.')}</w:p>",
        f"<w:p>{_w_run('Đoạn cuối.')}</w:p>",
    ]
    sect = body.find(qn("w:sectPr"))
    for fragment in xml:
        el = parse_xml(fragment.replace("<w:p>", f'<w:p xmlns:w="{W_NS}">', 1))
        if sect is not None:
            sect.addprevious(el)
        else:
            body.append(el)
    return _save(document)


_TEXT_BOX_NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def text_box_docx(anchor_text: str, box_lines: list[str], after_text: str) -> bytes:
    """An anchoring paragraph with a text box, written as Word does: a DrawingML shape in
    ``mc:Choice`` and the same box as VML in ``mc:Fallback``; then one more paragraph."""
    box = "".join(f"<w:p>{_w_run(line)}</w:p>" for line in box_lines)
    xml = (
        f"<w:p {_TEXT_BOX_NS}>{_w_run(anchor_text)}<w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
        'distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" '
        'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="2000000" cy="500000"/><wp:wrapNone/>'
        '<wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx><w:txbxContent>{box}'
        "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f'<v:shape id="tb1" style="width:150pt;height:40pt"><v:textbox><w:txbxContent>{box}'
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    document = docx.Document()
    sect = document.element.body.find(qn("w:sectPr"))
    el = parse_xml(xml)
    if sect is not None:
        sect.addprevious(el)
    document.add_paragraph(after_text)
    return _save(document)


def nested_table_docx() -> bytes:
    """A 2×2 table whose cell (0, 1) holds a 1×2 table; a paragraph before and after.

    Reading order: "Trước bảng", "Ô 1", "Ô 2 trên", "Trong A", "Trong B", "Ô 2 dưới",
    "Ô 3", "Ô 4", "Sau bảng".
    """
    document = docx.Document()
    document.add_paragraph("Trước bảng")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("Ô 1")
    cell = table.cell(0, 1)
    cell.paragraphs[0].add_run("Ô 2 trên")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).paragraphs[0].add_run("Trong A")
    inner.cell(0, 1).paragraphs[0].add_run("Trong B")
    cell.add_paragraph("Ô 2 dưới")
    table.cell(1, 0).paragraphs[0].add_run("Ô 3")
    table.cell(1, 1).paragraphs[0].add_run("Ô 4")
    document.add_paragraph("Sau bảng")
    return _save(document)


def replace_part(data: bytes, name: str, content: bytes | None) -> bytes:
    """Copy a DOCX zip with one part replaced (or dropped when ``content`` is None)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == name:
                continue
            dst.writestr(info.filename, src.read(info.filename))
        if content is not None:
            dst.writestr(name, content)
    return out.getvalue()
