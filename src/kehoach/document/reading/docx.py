"""DOCX (Office Open XML) → ``SourceText``, read straight from the zip with lxml.

This is the hot path of kehoach, so the main part is parsed once and walked once with
precomputed tag names (no python-docx, no XPath per paragraph). What comes out is what
a reader of the printed page sees, one line per paragraph:

* body paragraphs and tables in document order; a table row by row, each cell's
  paragraphs in cell order (a two-column header gives the left cell's lines, then the
  right cell's); nested tables recursively;
* text boxes as their own lines right after the paragraph that anchors them, read from
  one branch of ``mc:AlternateContent`` only (``mc:Choice``, else ``mc:Fallback``);
* tracked changes accepted: insertions and moves-to kept, deletions and moves-from
  dropped, a deleted paragraph with nothing left dropped;
* automatic numbering printed: the label Word would draw ("1.", "a)", "II.", "-"
  for any bullet glyph) is put before the text, from ``word/numbering.xml``;
* runs in legacy fonts (TCVN3 ``.VnTime``/``.VnTimeH``, VNI ``VNI-Times``) converted
  to Unicode; everything NFC.

Hardening: the zip may hold at most ``MAX_ENTRIES`` entries; every part read is capped
in size and in compression ratio (zip bombs); XML is parsed without DTDs, entities or
network, and a DOCTYPE (which Word never writes) is refused.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from typing import Final

from lxml import etree

from ..errors import CorruptDocument, DocumentTooLarge, EmptyDocument
from ..model import ParseWarning, SourceText
from .legacy import (
    is_tcvn3_font,
    is_tcvn3_upper_font,
    is_vni_font,
    tcvn3_to_unicode,
    tcvn3_upper_to_unicode,
    vni_to_unicode,
)

__all__ = ["MAX_ENTRIES", "MAX_PART_BYTES", "read_docx"]

MAX_ENTRIES: Final = 2000
MAX_PART_BYTES: Final = 30 * 1024 * 1024  # word/document.xml, uncompressed
MAX_AUX_BYTES: Final = 10 * 1024 * 1024  # styles.xml, numbering.xml, .rels
# Ordinary Word XML deflates 5–30 times; a part far above that and large is a bomb.
MAX_RATIO: Final = 150
RATIO_CHECK_ABOVE: Final = 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BODY: Final = _W + "body"
P: Final = _W + "p"
PPR: Final = _W + "pPr"
R: Final = _W + "r"
RPR: Final = _W + "rPr"
T: Final = _W + "t"
TAB: Final = _W + "tab"
PTAB: Final = _W + "ptab"
BR: Final = _W + "br"
CR: Final = _W + "cr"
NO_BREAK_HYPHEN: Final = _W + "noBreakHyphen"
SOFT_HYPHEN: Final = _W + "softHyphen"
SYM: Final = _W + "sym"
DRAWING: Final = _W + "drawing"
PICT: Final = _W + "pict"
OBJECT: Final = _W + "object"
TXBX: Final = _W + "txbxContent"
TBL: Final = _W + "tbl"
TR: Final = _W + "tr"
TRPR: Final = _W + "trPr"
TC: Final = _W + "tc"
SDT: Final = _W + "sdt"
SDT_CONTENT: Final = _W + "sdtContent"
CUSTOM_XML: Final = _W + "customXml"
INS: Final = _W + "ins"
DEL: Final = _W + "del"
MOVE_TO: Final = _W + "moveTo"
MOVE_FROM: Final = _W + "moveFrom"
HYPERLINK: Final = _W + "hyperlink"
SMART_TAG: Final = _W + "smartTag"
FLD_SIMPLE: Final = _W + "fldSimple"
DIR: Final = _W + "dir"
BDO: Final = _W + "bdo"
PSTYLE: Final = _W + "pStyle"
RSTYLE: Final = _W + "rStyle"
NUMPR: Final = _W + "numPr"
NUMID: Final = _W + "numId"
ILVL: Final = _W + "ilvl"
RFONTS: Final = _W + "rFonts"
VANISH: Final = _W + "vanish"
VAL: Final = _W + "val"
ASCII: Final = _W + "ascii"
HANSI: Final = _W + "hAnsi"
CS: Final = _W + "cs"
CHAR: Final = _W + "char"
POS: Final = _W + "pos"
FONT: Final = _W + "font"
ALT: Final = _MC + "AlternateContent"
CHOICE: Final = _MC + "Choice"
FALLBACK: Final = _MC + "Fallback"

# Elements whose children are runs (or more of these) and are read through.
_INLINE_CONTAINERS: Final = frozenset(
    {INS, MOVE_TO, HYPERLINK, SMART_TAG, FLD_SIMPLE, DIR, BDO, CUSTOM_XML}
)
_BLOCK_CONTAINERS: Final = frozenset({CUSTOM_XML, INS, MOVE_TO})
_SKIPPED: Final = frozenset({DEL, MOVE_FROM})
_FALSE_VALUES: Final = frozenset({"0", "false", "off"})

# Encodings of a run's font.
_UNICODE: Final = 0
_TCVN3: Final = 1
_TCVN3_UPPER: Final = 2
_VNI: Final = 3
_CONVERTERS: Final[dict[int, Callable[[str], str]]] = {
    _TCVN3: tcvn3_to_unicode,
    _TCVN3_UPPER: tcvn3_upper_to_unicode,
    _VNI: vni_to_unicode,
}
_ENCODING_NAMES: Final = {_TCVN3: "TCVN3", _TCVN3_UPPER: "TCVN3", _VNI: "VNI"}
_LEGACY_FONT_MARKS: Final = (b".Vn", b".VN", b"VNI-", b"Vni-")
_LEGACY_FONT_MARKS_MAIN: Final = (b".Vn", b"VNI-")

# Elements that need the structural walk (see ``_Reader._read_simple``).
_STRUCTURAL_TAGS: Final = frozenset({TXBX, ALT, NUMPR, VANISH, DEL, MOVE_FROM})
_PSTYLE_RE: Final = re.compile(rb"""pStyle\s[^>]*?val=["']([^"']+)["']""")

_PARSER: Final = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)

# w:sym in the symbol fonts: the private-use code F0xx draws the glyph xx of the font.
_SYMBOLS: Final = {0xB7: "•", 0xA7: "▪", 0xD8: "➢", 0xFC: "✓", 0xA8: "□", 0x76: "❖", 0x6E: "■"}

_ROMAN: Final = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
_LEVEL_REF: Final = re.compile(r"%([1-9])")
_OFFICE_DOCUMENT: Final = re.compile(
    rb"""Type=["'][^"']*/officeDocument["'][^>]*?Target=["']([^"']+)["']"""
    rb"""|Target=["']([^"']+)["'][^>]*?Type=["'][^"']*/officeDocument["']"""
)


def read_docx(data: bytes) -> SourceText:
    """Read a DOCX file's bytes into numbered NFC lines (``format="docx"``)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptDocument(f"tệp DOCX bị hỏng: không phải tệp zip hợp lệ ({exc})") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise CorruptDocument(
                f"tệp DOCX bị hỏng: có quá nhiều phần ({len(infos)}; giới hạn {MAX_ENTRIES})"
            )
        by_name = {info.filename: info for info in infos}
        main_name = "word/document.xml"
        if main_name not in by_name:
            main_name = _main_part_from_rels(zf, by_name) or main_name
        if main_name not in by_name:
            raise CorruptDocument("tệp DOCX bị hỏng: thiếu phần word/document.xml")
        document = _read_part(zf, by_name[main_name], MAX_PART_BYTES)
        folder = main_name.rpartition("/")[0]
        parts = _Parts(zf, by_name, f"{folder}/" if folder else "")
        reader = _Reader(document, parts)
        lines = reader.read()
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyDocument("tệp DOCX không có nội dung chữ")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    warnings = tuple(
        ParseWarning(None, "legacy-encoding", f"đã chuyển văn bản mã {name} sang Unicode")
        for name in reader.converted_encodings()
    )
    return SourceText(tuple(text.split("\n")), "docx", None, warnings)


# --- zip and XML, hardened ---------------------------------------------------------------


class _Parts:
    """The auxiliary parts, read (and size-checked) only when the walk needs them."""

    def __init__(self, zf: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo], folder: str):
        self.zf = zf
        self.by_name = by_name
        self.folder = folder

    def get(self, name: str) -> bytes | None:
        info = self.by_name.get(self.folder + name)
        return _read_part(self.zf, info, MAX_AUX_BYTES) if info is not None else None


def _read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    name = info.filename
    if info.file_size > cap:
        raise DocumentTooLarge(
            f"phần {name} của tệp DOCX quá lớn khi giải nén "
            f"({info.file_size / 1048576:.1f} MB; giới hạn {cap // 1048576} MB)"
        )
    if info.file_size > RATIO_CHECK_ABOVE and info.file_size > MAX_RATIO * max(
        info.compress_size, 1
    ):
        raise CorruptDocument(
            f"tệp DOCX bị hỏng: phần {name} có tỉ lệ nén bất thường (nghi là bom nén)"
        )
    try:
        with zf.open(info) as fh:
            # Read at most cap + 1 bytes whatever the header claims.
            data = fh.read(cap + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise CorruptDocument(f"tệp DOCX bị hỏng: không giải nén được {name} ({exc})") from exc
    except (NotImplementedError, RuntimeError) as exc:
        # An unknown compression method, or a zip-level password.
        raise CorruptDocument(f"tệp DOCX bị hỏng: không đọc được {name} ({exc})") from exc
    if len(data) > cap:
        raise DocumentTooLarge(
            f"phần {name} của tệp DOCX quá lớn khi giải nén (giới hạn {cap // 1048576} MB)"
        )
    return data


def _main_part_from_rels(zf: zipfile.ZipFile, by_name: dict[str, zipfile.ZipInfo]) -> str | None:
    """The main part's name from ``_rels/.rels`` (some generators do not use the usual one)."""
    info = by_name.get("_rels/.rels")
    if info is None:
        return None
    m = _OFFICE_DOCUMENT.search(_read_part(zf, info, MAX_AUX_BYTES))
    if not m:
        return None
    target = (m.group(1) or m.group(2)).decode("utf-8", "replace").lstrip("/")
    return target


def _parse_xml(data: bytes, name: str) -> etree._Element:
    if b"<!DOCTYPE" in data:
        raise CorruptDocument(f"tệp DOCX bị hỏng: {name} có khai báo DOCTYPE (không được phép)")
    if data.find(_STRICT_NS, 0, 4096) >= 0:
        # ISO 29500 Strict: same vocabulary under another namespace name.
        data = data.replace(_STRICT_NS, _TRANSITIONAL_NS)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocument(f"tệp DOCX bị hỏng: XML không hợp lệ trong {name} ({exc})") from exc
    if root is None:
        raise CorruptDocument(f"tệp DOCX bị hỏng: {name} rỗng")
    return root


# --- styles and numbering ----------------------------------------------------------------


class _Style:
    __slots__ = ("ascii", "based_on", "cs", "hansi", "ilvl", "num_id")

    def __init__(self) -> None:
        self.based_on: str | None = None
        self.ascii: str | None = None
        self.hansi: str | None = None
        self.cs: str | None = None
        self.num_id: str | None = None
        self.ilvl: int | None = None


class _Level:
    __slots__ = ("fmt", "legal", "start", "text")

    def __init__(self, start: int, fmt: str, text: str, legal: bool) -> None:
        self.start = start
        self.fmt = fmt
        self.text = text
        self.legal = legal


def _int(value: str | None, default: int) -> int:
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        return default


def _on(el: etree._Element) -> bool:
    return el.get(VAL, "1") not in _FALSE_VALUES


def _parse_level(lvl: etree._Element, base: _Level | None = None) -> _Level:
    start = base.start if base else 1
    fmt = base.fmt if base else "decimal"
    text = base.text if base else ""
    legal = base.legal if base else False
    for c in lvl:
        tag = c.tag
        if tag == _W + "start":
            start = _int(c.get(VAL), 1)
        elif tag == _W + "numFmt":
            fmt = c.get(VAL) or "decimal"
        elif tag == _W + "lvlText":
            text = c.get(VAL) or ""
        elif tag == _W + "isLgl":
            legal = _on(c)
    return _Level(start, fmt, text, legal)


class _Numbering:
    """``word/numbering.xml``: list instances, their levels, and the running counters."""

    def __init__(self, root: etree._Element | None, styles: dict[str, _Style]) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.abstract_level_styles: dict[tuple[str, str], int] = {}
        # numId → (abstractNumId, start overrides, level overrides)
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        raw_overrides: dict[str, dict[int, etree._Element]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.styles = styles
        if root is None:
            return
        for el in root:
            if el.tag == _W + "abstractNum":
                aid = el.get(_W + "abstractNumId") or ""
                levels: dict[int, _Level] = {}
                for c in el:
                    if c.tag == _W + "lvl":
                        ilvl = _int(c.get(ILVL), 0)
                        levels[ilvl] = _parse_level(c)
                        pstyle = c.find(PSTYLE)
                        if pstyle is not None and pstyle.get(VAL):
                            self.abstract_level_styles[(aid, pstyle.get(VAL) or "")] = ilvl
                    elif c.tag == _W + "numStyleLink" and c.get(VAL):
                        self.abstract_style_link[aid] = c.get(VAL) or ""
                self.abstract[aid] = levels
            elif el.tag == _W + "num":
                nid = el.get(_W + "numId") or ""
                aid = ""
                starts: dict[int, int] = {}
                lvl_over: dict[int, etree._Element] = {}
                for c in el:
                    if c.tag == _W + "abstractNumId":
                        aid = c.get(VAL) or ""
                    elif c.tag == _W + "lvlOverride":
                        ilvl = _int(c.get(ILVL), 0)
                        for o in c:
                            if o.tag == _W + "startOverride":
                                starts[ilvl] = _int(o.get(VAL), 1)
                            elif o.tag == _W + "lvl":
                                lvl_over[ilvl] = o
                self.nums[nid] = (aid, starts, {})
                if lvl_over:
                    raw_overrides[nid] = lvl_over
        # Level overrides are parsed against the abstract level they replace.
        for nid, raw in raw_overrides.items():
            aid, starts, _ = self.nums[nid]
            base_levels = self.abstract.get(aid, {})
            parsed = {ilvl: _parse_level(el, base_levels.get(ilvl)) for ilvl, el in raw.items()}
            self.nums[nid] = (aid, starts, parsed)

    def _levels(self, aid: str) -> dict[int, _Level]:
        levels = self.abstract.get(aid, {})
        link = self.abstract_style_link.get(aid)
        if not levels and link:
            # A list style: its numPr points at the list instance that has the levels.
            style = self.styles.get(link)
            if style is not None and style.num_id and style.num_id in self.nums:
                linked = self.nums[style.num_id][0]
                if linked != aid:
                    return self.abstract.get(linked, {})
        return levels

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        return self.abstract_level_styles.get((num[0], style_id))

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (list, level) and return the printed label."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        aid, starts, overrides = num
        levels = self._levels(aid)
        ilvl = min(max(ilvl, 0), 8)

        def level(i: int) -> _Level | None:
            return overrides.get(i) or levels.get(i)

        lvl = level(ilvl)
        if lvl is None:
            return None
        # Instances of one abstract list continue each other unless they restart it.
        key = f"n{num_id}" if starts or overrides else f"a{aid}"
        counters = self.counters.get(key)
        if counters is None:
            counters = self.counters[key] = [None] * 9

        def start_of(i: int) -> int:
            if i in starts:
                return starts[i]
            lv = level(i)
            return lv.start if lv else 1

        current = counters[ilvl]
        counters[ilvl] = start_of(ilvl) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if lvl.fmt == "bullet":
            return "+" if lvl.text.strip() == "+" else "-"
        if lvl.fmt == "none" and "%" not in lvl.text:
            return lvl.text.strip() or None

        def fill(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lv = level(i)
            n = counters[i]
            if n is None:
                n = start_of(i)
            fmt = "decimal" if lvl.legal and i < ilvl else (lv.fmt if lv else "decimal")
            return _format_number(n, fmt)

        label = _LEVEL_REF.sub(fill, lvl.text).strip()
        return label or None


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        if n <= 0:
            return str(n)
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if n <= 0 or n >= 4000:
            return str(n)
        out = []
        rest = n
        for value, digits in _ROMAN:
            while rest >= value:
                out.append(digits)
                rest -= value
        roman = "".join(out)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _parse_styles(root: etree._Element) -> tuple[dict[str, _Style], _Style, str | None]:
    """Styles by id, the document defaults (as a style), and the default paragraph style."""
    styles: dict[str, _Style] = {}
    defaults = _Style()
    default_para: str | None = None
    for el in root:
        if el.tag == _W + "docDefaults":
            fonts = el.find(f"{_W}rPrDefault/{RPR}/{RFONTS}")
            if fonts is not None:
                defaults.ascii = fonts.get(ASCII)
                defaults.hansi = fonts.get(HANSI)
                defaults.cs = fonts.get(CS)
        elif el.tag == _W + "style":
            sid = el.get(_W + "styleId")
            if not sid:
                continue
            style = _Style()
            for c in el:
                tag = c.tag
                if tag == _W + "basedOn":
                    style.based_on = c.get(VAL)
                elif tag == PPR:
                    numpr = c.find(NUMPR)
                    if numpr is not None:
                        for n in numpr:
                            if n.tag == NUMID:
                                style.num_id = n.get(VAL)
                            elif n.tag == ILVL:
                                style.ilvl = _int(n.get(VAL), 0)
                elif tag == RPR:
                    fonts = c.find(RFONTS)
                    if fonts is not None:
                        style.ascii = fonts.get(ASCII)
                        style.hansi = fonts.get(HANSI)
                        style.cs = fonts.get(CS)
            styles[sid] = style
            if (
                el.get(_W + "type") == "paragraph"
                and el.get(_W + "default") in ("1", "true", "on")
                and default_para is None
            ):
                default_para = sid
    return styles, defaults, default_para


# --- the walk ----------------------------------------------------------------------------


class _Reader:
    def __init__(self, document: bytes, parts: _Parts) -> None:
        self.root = _parse_xml(document, "word/document.xml")
        self.parts = parts
        self.lines: list[str] = []
        self.used: set[int] = set()
        self.document = document
        self.tracked = False  # set before the structural walk
        # Legacy fonts are rare: look for their names in the main part and in the font
        # table (Word lists there every font the document or its styles use); only a
        # package without a font table has its (large) styles part searched.
        styles: bytes | None = None
        font_table = parts.get("fontTable.xml")
        if font_table is None:
            styles = parts.get("styles.xml") or b""
        self.legacy = any(m in document for m in _LEGACY_FONT_MARKS_MAIN) or any(
            m in (font_table if font_table is not None else styles or b"")
            for m in _LEGACY_FONT_MARKS
        )
        self.styles: dict[str, _Style] = {}
        self.defaults = _Style()
        self.default_para: str | None = None
        if self.legacy or b"pStyle" in document:
            if styles is None:
                styles = parts.get("styles.xml") or b""
            if styles and (self.legacy or b"numPr" in styles):
                self.styles, self.defaults, self.default_para = _parse_styles(
                    _parse_xml(_drop_latent_styles(styles), "word/styles.xml")
                )
        self.numbering: _Numbering | None = None
        self.font_codes: dict[str | None, int] = {}
        self.para_fonts: dict[str | None, tuple[str | None, str | None]] = {}
        self.char_fonts: dict[str, tuple[str | None, str | None]] = {}
        self.style_nums: dict[str, tuple[str | None, int | None]] = {}
        # Most documents use none of the rarer features; they are read with one flat
        # pass over the text elements instead of the structural walk.
        self.simple = not self.legacy and not self._uses_numbered_style(document)

    def converted_encodings(self) -> list[str]:
        names: list[str] = []
        for code in sorted(self.used):
            name = _ENCODING_NAMES[code]
            if name not in names:
                names.append(name)
        return names

    def read(self) -> list[str]:
        body = self.root.find(BODY)
        if body is None:
            if self.root.tag != _W + "document":
                raise CorruptDocument("tệp DOCX bị hỏng: word/document.xml không phải văn bản Word")
            return []
        if self.simple and self._read_simple(body):
            return self.lines
        self.lines.clear()
        doc = self.document
        self.tracked = b"del " in doc or b"del>" in doc or b"del/>" in doc
        self._blocks(body, self.lines)
        return self.lines

    def _read_simple(self, body: etree._Element) -> bool:
        """Paragraphs in document order when nothing nests inside a paragraph.

        Without text boxes, alternate content, tracked changes, hidden text, legacy
        fonts or numbering, document order *is* reading order (table cells included),
        so the text elements are visited in one C-level iteration. Returns False, having
        read nothing useful, as soon as an element shows the document needs more.
        """
        structural = _STRUCTURAL_TAGS
        lines = self.lines
        buf: list[str] = []
        started = False
        for el in body.iter(
            P, T, TAB, PTAB, BR, CR, NO_BREAK_HYPHEN, SYM, TXBX, ALT, NUMPR, VANISH, DEL, MOVE_FROM
        ):
            tag = el.tag
            if tag == T:
                text = el.text
                if text:
                    buf.append(text)
            elif tag == P:
                if started:
                    text = "".join(buf)
                    if "\n" in text:
                        lines.extend(text.split("\n"))
                    else:
                        lines.append(text)
                    buf = []
                started = True
            elif tag == TAB:
                if el.get(POS) is None:  # not a tab stop of w:tabs
                    buf.append("\t")
            elif tag == PTAB:
                buf.append("\t")
            elif tag == NO_BREAK_HYPHEN:
                buf.append("-")
            elif tag == SYM:
                buf.append(_symbol(el))
            elif tag in structural:
                return False
            else:  # w:br, w:cr
                buf.append("\n")
        if started:
            text = "".join(buf)
            lines.extend(text.split("\n"))
        return True

    def _uses_numbered_style(self, document: bytes) -> bool:
        if not self.styles:
            return False
        numbered = {sid for sid in self.styles if self._style_num(sid)[0] not in (None, "0")}
        if not numbered:
            return False
        if self.default_para in numbered:
            return True
        return any(m.decode("utf-8", "replace") in numbered for m in _PSTYLE_RE.findall(document))

    # Block level ---------------------------------------------------------------------

    def _blocks(self, container: etree._Element, out: list[str]) -> None:
        para = self._para
        for el in container:
            tag = el.tag
            if tag == P:
                para(el, out)
            elif tag == TBL:
                self._table(el, out)
            elif tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    self._blocks(content, out)
            elif tag in _BLOCK_CONTAINERS:
                self._blocks(el, out)
            elif tag == ALT:
                branch = _branch(el)
                if branch is not None:
                    self._blocks(branch, out)

    def _table(self, tbl: etree._Element, out: list[str]) -> None:
        for row in tbl:
            tag = row.tag
            if tag == TR:
                self._row(row, out)
            elif tag in (SDT, CUSTOM_XML):
                content = row.find(SDT_CONTENT) if tag == SDT else row
                if content is not None:
                    self._table(content, out)

    def _row(self, tr: etree._Element, out: list[str]) -> None:
        for cell in tr:
            tag = cell.tag
            if tag == TC:
                self._blocks(cell, out)
            elif tag == TRPR:
                if self.tracked and cell.find(DEL) is not None:
                    return  # a deleted row
            elif tag in (SDT, CUSTOM_XML):
                content = cell.find(SDT_CONTENT) if tag == SDT else cell
                if content is not None:
                    self._row(content, out)

    # Paragraphs ----------------------------------------------------------------------

    def _para(self, p: etree._Element, out: list[str]) -> None:
        style_id: str | None = None
        num_id: str | None = None
        ilvl: int | None = None
        mark_deleted = False
        if len(p) and p[0].tag == PPR:
            for c in p[0]:
                tag = c.tag
                if tag == PSTYLE:
                    style_id = c.get(VAL)
                elif tag == NUMPR:
                    for n in c:
                        if n.tag == NUMID:
                            num_id = n.get(VAL)
                        elif n.tag == ILVL:
                            ilvl = _int(n.get(VAL), 0)
                elif tag == RPR and self.tracked:
                    mark_deleted = c.find(DEL) is not None
        if style_id is None:
            style_id = self.default_para
        fonts = self._para_fonts(style_id) if self.legacy else (None, None)
        buf: list[str] = []
        boxes: list[str] = []
        self._inline(p, buf, boxes, fonts)
        text = "".join(buf)
        if mark_deleted and not text.strip():
            out.extend(boxes)
            return
        if style_id is not None and (num_id is None or ilvl is None) and style_id in self.styles:
            s_num, s_lvl = self._style_num(style_id)
            if num_id is None:
                num_id = s_num
            if ilvl is None and s_num is not None and num_id == s_num:
                ilvl = s_lvl
            if ilvl is None and num_id is not None:
                ilvl = self._get_numbering().level_for_style(num_id, style_id)
        if num_id is not None and num_id != "0":
            label = self._get_numbering().label(num_id, ilvl or 0)
            if label:
                if not text:
                    text = label
                elif text[0] in " \t":
                    text = label + " " + text.lstrip(" \t")
                else:
                    text = label + " " + text
        if "\n" in text:
            out.extend(text.split("\n"))
        else:
            out.append(text)
        if boxes:
            out.extend(boxes)

    def _inline(
        self,
        container: etree._Element,
        buf: list[str],
        boxes: list[str],
        fonts: tuple[str | None, str | None],
    ) -> None:
        for el in container:
            tag = el.tag
            if tag == R:
                self._run(el, buf, boxes, fonts)
            elif tag in _INLINE_CONTAINERS:
                self._inline(el, buf, boxes, fonts)
            elif tag == SDT:
                content = el.find(SDT_CONTENT)
                if content is not None:
                    self._inline(content, buf, boxes, fonts)
            elif tag == ALT:
                branch = _branch(el)
                if branch is not None:
                    self._inline(branch, buf, boxes, fonts)

    def _run(
        self,
        r: etree._Element,
        buf: list[str],
        boxes: list[str],
        fonts: tuple[str | None, str | None],
    ) -> None:
        # Without run properties the paragraph's font decides the encoding.
        code = self._font_code(fonts[0] or fonts[1]) if self.legacy else _UNICODE
        out: list[str] = [] if code else buf
        for c in r:
            tag = c.tag
            if tag == T:
                text = c.text
                if text:
                    out.append(text)
            elif tag == RPR:
                if self._hidden(c):
                    return
                if self.legacy:
                    # w:rPr comes first in a run, so nothing has been collected yet.
                    code = self._run_code(c, fonts)
                    out = [] if code else buf
            elif tag in (TAB, PTAB):
                out.append("\t")
            elif tag in (BR, CR):
                out.append("\n")
            elif tag == NO_BREAK_HYPHEN:
                out.append("-")
            elif tag == SYM:
                out.append(_symbol(c))
            elif tag in (DRAWING, PICT, OBJECT):
                self._text_boxes(c, boxes)
            elif tag == ALT:
                branch = _branch(c)
                if branch is not None:
                    self._run_content(branch, out, boxes)
        if out is not buf and out:
            original = "".join(out)
            converted = _CONVERTERS[code](original)
            if converted != original:
                self.used.add(code)
            buf.append(converted)

    def _run_content(self, container: etree._Element, out: list[str], boxes: list[str]) -> None:
        for c in container:
            tag = c.tag
            if tag == T:
                if c.text:
                    out.append(c.text)
            elif tag in (TAB, PTAB):
                out.append("\t")
            elif tag in (BR, CR):
                out.append("\n")
            elif tag in (DRAWING, PICT, OBJECT):
                self._text_boxes(c, boxes)

    def _text_boxes(self, container: etree._Element, boxes: list[str]) -> None:
        for box in container.iter(TXBX):
            # Nested boxes are read with their outer box; a Fallback is never read.
            parent = box.getparent()
            nested = False
            while parent is not None and parent is not container:
                if parent.tag == TXBX or parent.tag == FALLBACK:
                    nested = True
                    break
                parent = parent.getparent()
            if not nested:
                self._blocks(box, boxes)

    @staticmethod
    def _hidden(rpr: etree._Element) -> bool:
        for c in rpr:
            if c.tag == VANISH:
                return _on(c)
        return False

    # Fonts ---------------------------------------------------------------------------

    def _font_code(self, name: str | None) -> int:
        code = self.font_codes.get(name)
        if code is None:
            if not name:
                code = _UNICODE
            elif is_tcvn3_font(name):
                code = _TCVN3_UPPER if is_tcvn3_upper_font(name) else _TCVN3
            elif is_vni_font(name):
                code = _VNI
            else:
                code = _UNICODE
            self.font_codes[name] = code
        return code

    def _chain_fonts(self, style_id: str | None) -> tuple[str | None, str | None]:
        hansi: str | None = None
        ascii_: str | None = None
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            hansi = hansi or style.hansi
            ascii_ = ascii_ or style.ascii or style.cs
            style_id = style.based_on
        return hansi, ascii_

    def _para_fonts(self, style_id: str | None) -> tuple[str | None, str | None]:
        fonts = self.para_fonts.get(style_id)
        if fonts is None:
            hansi, ascii_ = self._chain_fonts(style_id)
            d = self.defaults
            fonts = (hansi or d.hansi, ascii_ or d.ascii or d.cs)
            self.para_fonts[style_id] = fonts
        return fonts

    def _run_code(self, rpr: etree._Element, fonts: tuple[str | None, str | None]) -> int:
        hansi: str | None = None
        ascii_: str | None = None
        rstyle: str | None = None
        for c in rpr:
            tag = c.tag
            if tag == RFONTS:
                hansi = c.get(HANSI)
                ascii_ = c.get(ASCII) or c.get(CS)
            elif tag == RSTYLE:
                rstyle = c.get(VAL)
        if rstyle and not (hansi and ascii_):
            char = self.char_fonts.get(rstyle)
            if char is None:
                char = self.char_fonts[rstyle] = self._chain_fonts(rstyle)
            hansi = hansi or char[0]
            ascii_ = ascii_ or char[1]
        return self._font_code(hansi or fonts[0] or ascii_ or fonts[1])

    # Numbering -----------------------------------------------------------------------

    def _get_numbering(self) -> _Numbering:
        if self.numbering is None:
            xml = self.parts.get("numbering.xml")
            root = _parse_xml(xml, "word/numbering.xml") if xml else None
            self.numbering = _Numbering(root, self.styles)
        return self.numbering

    def _style_num(self, style_id: str) -> tuple[str | None, int | None]:
        cached = self.style_nums.get(style_id)
        if cached is not None:
            return cached
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        sid: str | None = style_id
        while sid and sid not in seen:
            seen.add(sid)
            style = self.styles.get(sid)
            if style is None:
                break
            if num_id is None and style.num_id is not None:
                num_id = style.num_id
            if ilvl is None and style.ilvl is not None:
                ilvl = style.ilvl
            sid = style.based_on
        result = (num_id, ilvl)
        self.style_nums[style_id] = result
        return result


def _drop_latent_styles(styles: bytes) -> bytes:
    """Cut ``w:latentStyles`` (often most of the part, and never needed) before parsing."""
    start = styles.find(b"<w:latentStyles")
    if start < 0:
        return styles
    end = styles.find(b"</w:latentStyles>", start)
    if end < 0:
        return styles
    return styles[:start] + styles[end + len(b"</w:latentStyles>") :]


def _branch(alt: etree._Element) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` to read: the first Choice, else Fallback."""
    fallback = None
    for c in alt:
        if c.tag == CHOICE:
            return c
        if c.tag == FALLBACK:
            fallback = c
    return fallback


def _symbol(sym: etree._Element) -> str:
    code = _int_hex(sym.get(CHAR))
    if code is None:
        return ""
    if 0xF000 <= code <= 0xF0FF:
        low = code - 0xF000
        if low in _SYMBOLS:
            return _SYMBOLS[low]
        if 0x20 < low < 0x7F and chr(low) in "-+*=()[]/.,:;!?":
            return chr(low)
        return ""
    if code < 0x20 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return ""
    return chr(code)


def _int_hex(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(value, 16)
    except ValueError:
        return None
