"""Rules on the printed layout (LAY): paper, margins, fonts, sizes, header table, page numbers.

These rules need the DOCX itself (``layout=True``: the runner runs them only when
``ctx.docx`` is set). Values: HD05 §IV and Phụ lục 2 for the Party (HD36 where it is
known to agree), NĐ30 PL I §I, §V for the State; union documents are checked with the
NĐ30 values (document-format.md §3.12–3.14, §4.2–4.3, §5, §8).

The package is read once per check: ``layout_of(ctx)`` parses ``word/document.xml``,
``styles.xml`` and the header/footer parts with a hardened lxml parser, walks the body
once, and keeps a small summary (sections, each paragraph's text and dominant run
properties, the fonts used, page-number fields) that every rule below reads. Run
properties are resolved run → character style → paragraph style → document defaults
(theme fonts through the theme part); table styles and toggle (XOR) semantics of bold
and italic in style chains are not modelled. Components are found by matching each
paragraph's text to the reader's lines, so a finding points at the same line number as
the text rules.
"""

from __future__ import annotations

import contextlib
import io
import math
import re
import unicodedata
import weakref
import zipfile
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from lxml import etree

from ...reading.docx import MAX_PART_BYTES
from ...text import fold
from ..context import CheckContext
from ..model import Hit, Severity, rule

__all__ = ["Layout", "layout_of"]

# --- reading the package ------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_TRANSITIONAL_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

BODY: Final = _W + "body"
P: Final = _W + "p"
PPR: Final = _W + "pPr"
R: Final = _W + "r"
RPR: Final = _W + "rPr"
T: Final = _W + "t"
BR: Final = _W + "br"
CR: Final = _W + "cr"
TBL: Final = _W + "tbl"
TR: Final = _W + "tr"
TC: Final = _W + "tc"
SECTPR: Final = _W + "sectPr"
PSTYLE: Final = _W + "pStyle"
RSTYLE: Final = _W + "rStyle"
RFONTS: Final = _W + "rFonts"
SZ: Final = _W + "sz"
B: Final = _W + "b"
I: Final = _W + "i"  # noqa: E741
U: Final = _W + "u"
CAPS: Final = _W + "caps"
VAL: Final = _W + "val"
TYPE: Final = _W + "type"
FALLBACK: Final = _MC + "Fallback"
RENDERED_BREAK: Final = _W + "lastRenderedPageBreak"
PAGE_BREAK_BEFORE: Final = _W + "pageBreakBefore"

_MAX_AUX_BYTES: Final = 10 * 1024 * 1024
_MAX_RATIO: Final = 150
_RATIO_CHECK_ABOVE: Final = 1024 * 1024
_FALSE: Final = frozenset({"0", "false", "off"})
_TWIPS_PER_MM: Final = 1440 / 25.4

_PARSER: Final = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)

_REL = re.compile(rb"<Relationship\b[^>]*>")
_REL_ATTR = re.compile(rb"""(Id|Target|Type)=["']([^"']*)["']""")
# A PAGE field, simple (w:fldSimple w:instr) or complex (w:instrText); not NUMPAGES.
_PAGE_FIELD = re.compile(
    rb"""(?:instr=["']\s*PAGE\b|<w:instrText\b[^>]*>\s*PAGE\b)""", re.IGNORECASE
)


class _Unreadable(Exception):
    """The layout cannot be read; the layout rules then say nothing."""


class _Package:
    def __init__(self, data: bytes) -> None:
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise _Unreadable from exc
        self.by_name = {info.filename: info for info in self.zf.infolist()}

    def read(self, name: str, cap: int = _MAX_AUX_BYTES) -> bytes | None:
        info = self.by_name.get(name)
        if info is None:
            return None
        if info.file_size > cap or (
            info.file_size > _RATIO_CHECK_ABOVE
            and info.file_size > _MAX_RATIO * max(info.compress_size, 1)
        ):
            raise _Unreadable(name)  # too large, or a zip bomb
        try:
            with self.zf.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise _Unreadable(name) from exc
        except (NotImplementedError, RuntimeError) as exc:
            raise _Unreadable(name) from exc
        if len(data) > cap:
            raise _Unreadable(name)
        return data

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, absolute part name) for ``part``."""
        folder, _, base = part.rpartition("/")
        data = self.read(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
        out: dict[str, tuple[str, str]] = {}
        if not data:
            return out
        for m in _REL.finditer(data):
            attrs = {k.decode(): v.decode("utf-8", "replace") for k, v in _REL_ATTR.findall(m[0])}
            target = attrs.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else _join(folder, target)
            out[attrs.get("Id", "")] = (attrs.get("Type", ""), name)
        return out


def _join(folder: str, target: str) -> str:
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _parse(data: bytes) -> etree._Element:
    if b"<!DOCTYPE" in data:
        raise _Unreadable("DOCTYPE")
    if data.find(_STRICT_NS, 0, 4096) >= 0:
        data = data.replace(_STRICT_NS, _TRANSITIONAL_NS)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _Unreadable from exc
    if root is None:
        raise _Unreadable("empty")
    return root


# --- run properties -----------------------------------------------------------------------


class Props(NamedTuple):
    """Effective properties of a run (size in half-points, as ``w:sz``)."""

    font: str | None
    size: int
    bold: bool
    italic: bool
    underline: bool
    caps: bool


# Partial properties at one level: (font, size, bold, italic, underline, caps); None = unset.
_Partial = tuple[str | None, int | None, bool | None, bool | None, bool | None, bool | None]
_UNSET: Final[_Partial] = (None, None, None, None, None, None)


def _on(el: etree._Element) -> bool:
    return el.get(VAL, "1").lower() not in _FALSE


def _partial(rpr: etree._Element | None) -> tuple[_Partial, str | None]:
    """What one ``w:rPr`` sets, and its character style."""
    if rpr is None:
        return _UNSET, None
    font: str | None = None
    size: int | None = None
    bold = italic = underline = caps = None
    rstyle: str | None = None
    for c in rpr:
        tag = c.tag
        if tag == RFONTS:
            theme = c.get(_W + "asciiTheme") or c.get(_W + "hAnsiTheme")
            if theme:
                font = "@major" if theme.startswith("major") else "@minor"
            else:
                font = c.get(_W + "ascii") or c.get(_W + "hAnsi") or font
        elif tag == SZ:
            with contextlib.suppress(ValueError):
                size = int(float(c.get(VAL) or ""))
        elif tag == B:
            bold = _on(c)
        elif tag == I:
            italic = _on(c)
        elif tag == U:
            underline = (c.get(VAL) or "single") != "none"
        elif tag == CAPS:
            caps = _on(c)
        elif tag == RSTYLE:
            rstyle = c.get(VAL)
    return (font, size, bold, italic, underline, caps), rstyle


def _merge(*levels: _Partial) -> _Partial:
    """The first value set, strongest level first."""
    return tuple(  # type: ignore[return-value]
        next((lv[i] for lv in levels if lv[i] is not None), None) for i in range(6)
    )


class _Styles:
    """``styles.xml``: each style's own run properties, resolved along ``w:basedOn``.

    The part is often large (Word and python-docx templates define a hundred styles or
    more, 300 KB+) while a document uses a handful, so each style is cut out of the
    bytes and parsed only when a run asks for it. A part written without the usual
    ``w:`` prefix is parsed whole.
    """

    def __init__(self, data: bytes | None) -> None:
        self.own: dict[str, tuple[str | None, _Partial] | None] = {}
        self.defaults: _Partial = _UNSET
        self.default_para: str | None = None
        self.resolved: dict[str, _Partial] = {}
        self.data = data or b""
        self.root_open = b""
        if not data:
            return
        if data.find(_STRICT_NS, 0, 4096) >= 0:
            self.data = data = data.replace(_STRICT_NS, _TRANSITIONAL_NS)
        opening = _STYLES_OPEN.search(data, 0, 8192)
        if opening is None:
            self._parse_whole(data)
            return
        self.root_open = opening[0]
        start = data.find(b"<w:docDefaults")
        end = data.find(b"</w:docDefaults>", start)
        if start >= 0 and end >= 0:
            root = self._fragment(data[start : end + len(b"</w:docDefaults>")])
            self.defaults = _partial(root.find(f"{_W}docDefaults/{_W}rPrDefault/{RPR}"))[0]
        at = data.find(b'w:default="1"')
        while at >= 0 and self.default_para is None:
            tag_start = data.rfind(b"<", 0, at)
            tag = data[tag_start : data.find(b">", at) + 1]
            if tag.startswith(b"<w:style ") and b'w:type="paragraph"' in tag:
                m = _STYLE_ID.search(tag)
                self.default_para = m[1].decode("utf-8", "replace") if m else None
            at = data.find(b'w:default="1"', at + 1)

    def _fragment(self, xml: bytes) -> etree._Element:
        return _parse(self.root_open + xml + b"</w:styles>")

    def _parse_whole(self, data: bytes) -> None:
        root = _parse(data)
        for el in root:
            if el.tag == _W + "docDefaults":
                self.defaults = _partial(el.find(f"{_W}rPrDefault/{RPR}"))[0]
            elif el.tag == _W + "style" and el.get(_W + "styleId"):
                sid = el.get(_W + "styleId") or ""
                self.own[sid] = self._read_style(el)
                if (
                    self.default_para is None
                    and el.get(_W + "type") == "paragraph"
                    and el.get(_W + "default") in ("1", "true", "on")
                ):
                    self.default_para = sid
        self.data = b""

    @staticmethod
    def _read_style(el: etree._Element) -> tuple[str | None, _Partial]:
        based = el.find(_W + "basedOn")
        return (based.get(VAL) if based is not None else None, _partial(el.find(RPR))[0])

    def _style(self, sid: str) -> tuple[str | None, _Partial] | None:
        if sid in self.own:
            return self.own[sid]
        found: tuple[str | None, _Partial] | None = None
        data = self.data
        at = data.find(b'w:styleId="' + sid.encode("utf-8") + b'"') if data else -1
        if at >= 0:
            start = data.rfind(b"<w:style ", 0, at)
            end = data.find(b"</w:style>", at)
            if start >= 0 and end >= 0:
                style = self._fragment(data[start : end + len(b"</w:style>")]).find(_W + "style")
                if style is not None:
                    found = self._read_style(style)
        self.own[sid] = found
        return found

    def get(self, sid: str | None) -> _Partial:
        if sid is None:
            return _UNSET
        done = self.resolved.get(sid)
        if done is not None:
            return done
        chain: list[_Partial] = []
        seen: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            style = self._style(cur)
            if style is None:
                break
            cur, own = style
            chain.append(own)
        out = _merge(*chain) if chain else _UNSET
        self.resolved[sid] = out
        return out


_STYLES_OPEN: Final = re.compile(rb"<w:styles\b[^>]*>")
_STYLE_ID: Final = re.compile(rb"""w:styleId=["']([^"']+)["']""")


# --- the summary --------------------------------------------------------------------------


@dataclass(slots=True)
class _Para:
    texts: list[str] = field(default_factory=list)
    lines: int = 1
    chars: int = 0
    table: tuple[int, int, int] | None = None  # (table, row, column), innermost table
    counts: Counter[Props] = field(default_factory=Counter)

    def main(self, attr: str) -> object:
        """The value of ``attr`` carried by most of the paragraph's characters."""
        tally: Counter[object] = Counter()
        for props, n in self.counts.items():
            tally[getattr(props, attr)] += n
        return tally.most_common(1)[0][0] if tally else None


@dataclass(frozen=True, slots=True)
class Section:
    width: int | None  # twips
    height: int | None
    landscape: bool
    margins: dict[str, int]  # top, bottom, left (gutter included), right; twips
    title_page: bool
    headers: dict[str, str]  # reference type → part name
    footers: dict[str, str]


@dataclass(frozen=True, slots=True)
class PageField:
    part: str
    in_header: bool
    size: int | None  # half-points of the field's runs


@dataclass
class Layout:
    """What the layout rules read from one DOCX, computed once per check."""

    sections: list[Section]
    paragraphs: list[_Para]
    line_to_para: dict[int, int]  # source line number → paragraph index
    fonts: Counter[str]  # characters per (resolved) font name
    font_first: dict[str, int]  # font → first paragraph index using it
    page_fields: list[PageField]
    estimated_pages: float
    app_pages: int | None
    explicit_breaks: int

    @property
    def multi_page(self) -> bool:
        return (self.app_pages or 0) > 1 or self.explicit_breaks > 0 or self.estimated_pages > 1.2

    def para(self, line: int | None) -> _Para | None:
        if line is None:
            return None
        index = self.line_to_para.get(line)
        return self.paragraphs[index] if index is not None else None

    def line_of(self, index: int) -> int | None:
        return next((ln for ln, i in self.line_to_para.items() if i == index), None)


def _key(text: str) -> str:
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return "".join(text.split())


# A label the reader puts before a numbered paragraph ("1.", "a)", "II.", "-").
_LABEL = re.compile(r"^(?:[0-9]+(?:\.[0-9]+)*[.)]?|[a-zđ][.)]|[IVXLC]+[.)]|[-+•*])")

_CACHE: dict[int, tuple[weakref.ref[CheckContext], Layout | None]] = {}


def layout_of(ctx: CheckContext) -> Layout | None:
    """The layout summary of ``ctx.docx`` (None for text input or an unreadable layout)."""
    if ctx.docx is None:
        return None
    entry = _CACHE.get(id(ctx))
    if entry is not None and entry[0]() is ctx:
        return entry[1]
    try:
        layout: Layout | None = _read_layout(ctx.docx, ctx.source.lines)
    except (_Unreadable, ValueError, KeyError, IndexError, etree.LxmlError):
        layout = None
    _CACHE[id(ctx)] = (weakref.ref(ctx), layout)
    weakref.finalize(ctx, _CACHE.pop, id(ctx), None)
    return layout


def _main_part(pkg: _Package) -> str:
    if "word/document.xml" in pkg.by_name:
        return "word/document.xml"
    for typ, name in pkg.rels("").values():
        if typ.endswith("/officeDocument"):
            return name
    raise _Unreadable("no main part")


def _read_layout(data: bytes, lines: tuple[str, ...]) -> Layout:
    pkg = _Package(data)
    main = _main_part(pkg)
    document = pkg.read(main, MAX_PART_BYTES)
    if document is None:
        raise _Unreadable(main)
    root = _parse(document)
    body = root.find(BODY)
    if body is None:
        raise _Unreadable("no body")
    rels = pkg.rels(main)
    style_part = next((n for t, n in rels.values() if t.endswith("/styles")), "word/styles.xml")
    style_data = pkg.read(style_part)
    styles = _Styles(style_data)
    theme = _Theme(pkg, rels)

    fallback: set[etree._Element] = set()
    if b"Fallback" in document:
        fallback = {p for fb in body.iter(FALLBACK) for p in fb.iter(P)}

    paras: list[_Para] = []
    by_element: dict[etree._Element, int] = {}
    fonts: Counter[str] = Counter()
    font_first: dict[str, int] = {}
    resolved: dict[tuple[str | None, _Partial, str | None], Props] = {}
    sections: list[Section] = []
    breaks = 0
    cur: _Para | None = None
    cur_index = -1
    pstyle: str | None = None
    props: Props | None = None
    for el in body.iter(P, R, T, BR, CR, SECTPR, RENDERED_BREAK, PAGE_BREAK_BEFORE):
        tag = el.tag
        if tag == T:
            text = el.text
            if text and cur is not None and props is not None:
                cur.texts.append(text)
                n = len(text)
                cur.chars += n
                cur.counts[props] += n
                if props.font is not None:
                    fonts[props.font] += n
                    if props.font not in font_first:
                        font_first[props.font] = cur_index
        elif tag == R:
            rpr = el[0] if len(el) and el[0].tag == RPR else None
            direct, rstyle = _partial(rpr)
            key = (pstyle, direct, rstyle)
            props = resolved.get(key)
            if props is None:
                merged = _merge(direct, styles.get(rstyle), styles.get(pstyle), styles.defaults)
                font = theme.resolve(merged[0])
                props = resolved[key] = Props(
                    font,
                    merged[1] if merged[1] is not None else 20,
                    bool(merged[2]),
                    bool(merged[3]),
                    bool(merged[4]),
                    bool(merged[5]),
                )
        elif tag == P:
            if el in fallback:
                cur, props = None, None
                continue
            cur = _Para()
            cur_index = len(paras)
            by_element[el] = cur_index
            paras.append(cur)
            pstyle = styles.default_para
            props = None
            ppr = el[0] if len(el) and el[0].tag == PPR else None
            if ppr is not None:
                ps = ppr.find(PSTYLE)
                if ps is not None:
                    pstyle = ps.get(VAL) or pstyle
        elif tag in (BR, CR):
            if cur is not None:
                cur.lines += 1
            if tag == BR and el.get(TYPE) == "page":
                breaks += 1
        elif tag == SECTPR:
            parent = el.getparent()
            if parent is None or parent.tag != _W + "sectPrChange":
                sections.append(_section(el, rels))
        elif tag == RENDERED_BREAK or (tag == PAGE_BREAK_BEFORE and _on(el)):
            breaks += 1

    for t_no, tbl in enumerate(body.iter(TBL)):
        for r_no, tr in enumerate(c for c in tbl if c.tag == TR):
            for c_no, tc in enumerate(c for c in tr if c.tag == TC):
                for p in tc.iter(P):
                    index = by_element.get(p)
                    if index is not None:
                        paras[index].table = (t_no, r_no, c_no)

    # Sections inherit the header/footer references they do not set themselves.
    inherited: list[Section] = []
    for sec in sections:
        if inherited:
            prev = inherited[-1]
            sec = Section(
                sec.width,
                sec.height,
                sec.landscape,
                sec.margins,
                sec.title_page,
                {**prev.headers, **sec.headers},
                {**prev.footers, **sec.footers},
            )
        inherited.append(sec)

    page_fields: list[PageField] = []
    seen_parts: set[str] = set()
    for sec in inherited:
        for in_header, refs in ((True, sec.headers), (False, sec.footers)):
            for name in refs.values():
                if name in seen_parts:
                    continue
                seen_parts.add(name)
                page_field = _page_field(pkg, name, in_header, styles, theme)
                if page_field is not None:
                    page_fields.append(page_field)

    # About 80 characters a line and 40 lines a page at 14 pt on A4; table cells sit
    # side by side, so count half a line for each of their paragraphs.
    est_lines = sum(max(1, math.ceil(p.chars / 80)) for p in paras if p.table is None) + sum(
        0.5 for p in paras if p.table is not None
    )
    return Layout(
        sections=inherited,
        paragraphs=paras,
        line_to_para=_align(paras, lines),
        fonts=fonts,
        font_first=font_first,
        page_fields=page_fields,
        estimated_pages=est_lines / 40,
        app_pages=_app_pages(pkg),
        explicit_breaks=breaks,
    )


class _Theme:
    """Theme fonts (``+mn-lt``/``+mj-lt``), read only when a run uses one."""

    def __init__(self, pkg: _Package, rels: dict[str, tuple[str, str]]) -> None:
        self.pkg = pkg
        self.name = next(
            (n for t, n in rels.values() if t.endswith("/theme")), "word/theme/theme1.xml"
        )
        self.fonts: dict[str, str | None] | None = None

    def resolve(self, font: str | None) -> str | None:
        if font is None or not font.startswith("@"):
            return font
        if self.fonts is None:
            self.fonts = {"@major": None, "@minor": None}
            data = self.pkg.read(self.name)
            if data:
                root = _parse(data)
                for which, tag in (("@major", "majorFont"), ("@minor", "minorFont")):
                    latin = root.find(f".//{_A}{tag}/{_A}latin")
                    if latin is not None:
                        self.fonts[which] = latin.get("typeface") or None
        return self.fonts.get(font)


def _twips(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return round(float(value))
    except ValueError:
        return None


def _section(sect: etree._Element, rels: dict[str, tuple[str, str]]) -> Section:
    width = height = None
    landscape = False
    margins: dict[str, int] = {}
    title_page = False
    headers: dict[str, str] = {}
    footers: dict[str, str] = {}
    for c in sect:
        tag = c.tag
        if tag == _W + "pgSz":
            width, height = _twips(c.get(_W + "w")), _twips(c.get(_W + "h"))
            landscape = c.get(_W + "orient") == "landscape" or (
                width is not None and height is not None and width > height
            )
        elif tag == _W + "pgMar":
            for side in ("top", "bottom", "left", "right"):
                value = _twips(c.get(_W + side))
                if value is not None:
                    margins[side] = abs(value)
            gutter = _twips(c.get(_W + "gutter"))
            if gutter and "left" in margins:
                margins["left"] += gutter
        elif tag == _W + "titlePg":
            title_page = _on(c)
        elif tag in (_W + "headerReference", _W + "footerReference"):
            rel = rels.get(c.get(_R_NS + "id") or "")
            if rel is not None:
                target = headers if tag == _W + "headerReference" else footers
                target[c.get(TYPE) or "default"] = rel[1]
    return Section(width, height, landscape, margins, title_page, headers, footers)


def _page_field(
    pkg: _Package, name: str, in_header: bool, styles: _Styles, theme: _Theme
) -> PageField | None:
    data = pkg.read(name)
    if not data or not _PAGE_FIELD.search(data):
        return None
    root = _parse(data)
    size: int | None = None
    for p in root.iter(P):
        xml_bits = [el.get(_W + "instr") or "" for el in p.iter(_W + "fldSimple")]
        xml_bits += [el.text or "" for el in p.iter(_W + "instrText")]
        if not any(re.match(r"\s*PAGE\b", bit, re.IGNORECASE) for bit in xml_bits):
            continue
        ppr = p[0] if len(p) and p[0].tag == PPR else None
        ps = ppr.find(PSTYLE) if ppr is not None else None
        pstyle = (ps.get(VAL) if ps is not None else None) or styles.default_para
        sizes: Counter[int] = Counter()
        for r in p.iter(R):
            rpr = r[0] if len(r) and r[0].tag == RPR else None
            direct, rstyle = _partial(rpr)
            merged = _merge(direct, styles.get(rstyle), styles.get(pstyle), styles.defaults)
            sizes[merged[1] if merged[1] is not None else 20] += 1
        size = sizes.most_common(1)[0][0] if sizes else None
        break
    return PageField(name, in_header, size)


_PAGES = re.compile(rb"<Pages>\s*(\d+)\s*</Pages>")


def _app_pages(pkg: _Package) -> int | None:
    try:
        data = pkg.read("docProps/app.xml")
    except _Unreadable:
        return None
    m = _PAGES.search(data or b"")
    return int(m[1]) if m else None


def _align(paras: list[_Para], lines: tuple[str, ...]) -> dict[int, int]:
    """Source line number → paragraph index, matching texts in order.

    The reader gives one line per paragraph (more when it holds line breaks), in the
    order walked here, with a list label before numbered paragraphs; paragraphs it drops
    (deleted, hidden) or changes (legacy fonts) simply stay unmatched. Texts are compared
    on the start of their whitespace-free form, which keeps this cheap on long lines.
    """
    # First by the start of the text as printed (cheap), then, for what that misses
    # (tabs, symbols, labels, other normal forms), by its whitespace-free form.
    exact: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        k = line[:_KEY_LEN].strip()
        if k:
            exact.setdefault(k, []).append(i)
    loose: dict[str, list[int]] | None = None
    out: dict[int, int] = {}
    pos = 0
    for pi, para in enumerate(paras):
        if para.lines > 1:
            pos = _align_broken(para, pi, lines, pos, out)
            continue
        text = "".join(para.texts)
        found = exact.get(text[:_KEY_LEN].strip())
        at = _next(found, pos)
        if at is None:
            if not text.strip():
                continue
            if loose is None:
                loose = _loose_index(lines)
            at = _next(loose.get(_key(text[:_KEY_SOURCE])[:_KEY_LEN]), pos)
            if at is None:
                continue
        out[at + 1] = pi
        pos = at + 1
    return out


def _next(found: list[int] | None, pos: int) -> int | None:
    if not found:
        return None
    j = bisect_left(found, pos)
    return found[j] if j < len(found) else None


def _loose_index(lines: tuple[str, ...]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        k = _key(line[:_KEY_SOURCE])
        if not k:
            continue
        index.setdefault(k[:_KEY_LEN], []).append(i)
        bare = _LABEL.sub("", k, count=1)
        if bare != k and bare:
            index.setdefault(bare[:_KEY_LEN], []).append(i)
    return index


_KEY_SOURCE: Final = 96  # characters of a text looked at
_KEY_LEN: Final = 40  # characters of its whitespace-free form compared


def _align_broken(
    para: _Para, pi: int, lines: tuple[str, ...], pos: int, out: dict[int, int]
) -> int:
    """A paragraph with line breaks: the next run of ``para.lines`` lines that joins to it."""
    key = _key("".join(para.texts))
    if not key:
        return pos
    for start in range(pos, min(pos + 8, len(lines))):
        joined = _key("".join(lines[start : start + para.lines]))
        if joined == key or (joined.endswith(key) and len(joined) - len(key) <= 6):
            for n in range(start, start + para.lines):
                out[n + 1] = pi
            return start + para.lines
    return pos


# --- what each regime asks for ------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    """Expected typography of one component: size range in points, styles (None: any)."""

    sizes: tuple[float, float]
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool = False


PARTY: Final = {
    "type": Expect((15, 16), bold=True, caps=True),
    "title": Expect((14, 15), bold=True),
    "authority": Expect((14, 14), bold=True),
    "signer_title": Expect((14, 14), bold=False),
    "name": Expect((14, 14), bold=True),
    "recipients": Expect((14, 14), italic=False, underline=True),
    "receiver": Expect((12, 12)),
    "body": Expect((14, 15)),
    "page": Expect((14, 14)),
}
STATE: Final = {
    "type": Expect((13, 14), bold=True, caps=True),
    "title": Expect((13, 14), bold=True),
    "authority": Expect((13, 14), bold=True),
    "signer_title": Expect((13, 14), bold=True),
    "name": Expect((13, 14), bold=True),
    "recipients": Expect((12, 12), bold=True, italic=True),
    "receiver": Expect((11, 11)),
    "body": Expect((13, 14)),
    "page": Expect((13, 14)),
}

# Margins (mm): (low, high) per side. HD05 fixes them; HD36's values were not verified
# and HD11 is reported as 25/25/35/15, so older Party documents get the span of both.
_PARTY_MARGINS: Final = {"top": (20, 20), "bottom": (20, 20), "left": (30, 30), "right": (15, 15)}
_RANGE_MARGINS: Final = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
_FIXED_TOLERANCE_MM: Final = 1.0
_RANGE_TOLERANCE_MM: Final = 0.5
_SIDES: Final = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}

_A4: Final = (11906, 16838)
_PAPER_TOLERANCE: Final = 57  # twips ≈ 1 mm
_PAPERS: Final = {
    (12240, 15840): "Letter",
    (12240, 20160): "Legal",
    (8391, 11906): "A5",
    (16838, 23811): "A3",
    (10319, 14571): "B5",
}

# Times New Roman and the fonts drawn with its metrics (same line breaks and page count).
_TIMES_LIKE: Final = frozenset(
    {
        "times new roman",
        "liberation serif",
        "tinos",
        "nimbus roman",
        "nimbus roman no9 l",
        "tex gyre termes",
        "times",
    }
)

SRC_PAGE = "HD05 §IV; NĐ30 PL I §I"
SRC_FONT = "HD05 §IV.1; NĐ30 PL I §I"
SRC_TYPO = "HD05 Phụ lục 2; NĐ30 PL I §V"


def _expect(ctx: CheckContext) -> dict[str, Expect]:
    return PARTY if ctx.regime == "party" else STATE


def _regime_name(ctx: CheckContext) -> str:
    return {
        "party": "văn bản Đảng",
        "state": "văn bản hành chính",
        "union": "văn bản công đoàn (theo NĐ30)",
    }.get(ctx.regime, "văn bản")


def _severity(ctx: CheckContext, verified: Iterable[str]) -> Severity | None:
    """The rule's own severity where the version's value was read; info where it was not."""
    return None if ctx.version in verified else Severity.INFO


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _mm(twips: int) -> str:
    return _num(round(twips / _TWIPS_PER_MM, 1))


def _pt(half_points: int) -> str:
    return _num(half_points / 2)


def _range(low: float, high: float) -> str:
    return _num(low) if low == high else f"{_num(low)}–{_num(high)}"


# --- page ---------------------------------------------------------------------------------


@rule(
    "LAY-001",
    Severity.ERROR,
    title="LAY-001: Khổ giấy A4 (210 × 297 mm), trang đầu khổ dọc",
    message="Văn bản không trình bày trên khổ giấy A4.",
    suggestion="Chọn khổ A4 (210 × 297 mm), hướng dọc (Layout > Size, Orientation).",
    source=SRC_PAGE,
    layout=True,
)
def paper_a4(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    reported: set[tuple[int, int]] = set()
    for n, sec in enumerate(layout.sections):
        if sec.width is None or sec.height is None:
            continue
        short, long_ = sorted((sec.width, sec.height))
        if abs(short - _A4[0]) > _PAPER_TOLERANCE or abs(long_ - _A4[1]) > _PAPER_TOLERANCE:
            if (short, long_) in reported:
                continue
            reported.add((short, long_))
            name = next(
                (
                    f" ({label})"
                    for (w, h), label in _PAPERS.items()
                    if abs(short - w) <= _PAPER_TOLERANCE and abs(long_ - h) <= _PAPER_TOLERANCE
                ),
                "",
            )
            size = f"{_mm(short)} × {_mm(long_)} mm"
            yield Hit(
                None,
                f"khổ giấy {size}{name}",
                message=f"Khổ giấy {size}{name}; văn bản phải trình bày trên khổ A4 (210 × 297 mm).",
            )
        elif n == 0 and sec.landscape:
            # Later sections may turn for a wide table; the first page may not.
            yield Hit(
                None,
                "trang đầu khổ ngang",
                message="Trang đầu trình bày khổ ngang; văn bản trình bày theo chiều dài khổ A4 (dọc).",
                suggestion="Đặt hướng trang dọc (Layout > Orientation > Portrait); chỉ trang có bảng rộng mới để ngang.",
            )


@rule(
    "LAY-002",
    Severity.WARNING,
    title="LAY-002: Lề trang đúng quy định (Đảng 20/20/30/15 mm; nhà nước 20–25/20–25/30–35/15–20 mm)",
    message="Lề trang không đúng quy định.",
    suggestion="Đặt lại lề trang (Layout > Margins > Custom Margins).",
    source="HD05 §IV (Đảng); NĐ30 PL I §I (nhà nước, công đoàn)",
    layout=True,
)
def margins(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    fixed = ctx.regime == "party" and ctx.version == "HD05"
    wanted = _PARTY_MARGINS if fixed else _RANGE_MARGINS
    tolerance = _FIXED_TOLERANCE_MM if fixed else _RANGE_TOLERANCE_MM
    severity = None if ctx.regime != "party" or fixed else Severity.INFO
    reported: set[tuple[str, int]] = set()
    for sec in layout.sections:
        if sec.landscape:
            continue  # a turned page keeps the portrait text area (HD05 §IV; NĐ30 PL I §I)
        for side, (low, high) in wanted.items():
            twips = sec.margins.get(side)
            if twips is None or (side, twips) in reported:
                continue
            mm = twips / _TWIPS_PER_MM
            if low - tolerance <= mm <= high + tolerance:
                continue
            reported.add((side, twips))
            target = low if mm < low else high
            name = f"lề {_SIDES[side]}"
            yield Hit(
                None,
                f"{name} {_mm(twips)} mm",
                message=(
                    f"{name.capitalize()} {_mm(twips)} mm; {_regime_name(ctx)} "
                    f"phải {_range(low, high)} mm."
                ),
                suggestion=f"Đặt {name} {_num(target)} mm (Page Setup > Margins).",
                severity=severity,
            )


@rule(
    "LAY-003",
    Severity.WARNING,
    title="LAY-003: Phông chữ Times New Roman, bộ mã Unicode (TCVN 6909:2001)",
    message="Văn bản dùng phông chữ khác Times New Roman.",
    suggestion="Chọn toàn bộ văn bản (Ctrl+A) và đặt phông Times New Roman.",
    source=SRC_FONT,
    layout=True,
)
def font_family(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    total = sum(layout.fonts.values()) or 1
    for font, chars in layout.fonts.most_common():
        folded = font.strip().casefold()
        if folded in _TIMES_LIKE:
            continue
        first = layout.font_first.get(font)
        line = layout.line_of(first) if first is not None else None
        share = f"{max(1, round(100 * chars / total))}%"
        legacy = folded.startswith((".vn", "vni"))
        message = (
            f"Phông {font} ({share} số ký tự) là phông TCVN3/VNI cũ, không phải Unicode; "
            "văn bản phải dùng Times New Roman (Unicode)."
            if legacy
            else f"Phông {font} ({share} số ký tự); văn bản phải dùng Times New Roman."
        )
        suggestion = (
            "Chuyển mã sang Unicode (Unikey: Công cụ chuyển mã) rồi đặt phông Times New Roman."
            if legacy
            else None
        )
        yield Hit(line, f"phông {font}", message=message, suggestion=suggestion)


# --- sizes and styles of the components ---------------------------------------------------


def _paras(layout: Layout, lines: Iterable[int | None]) -> list[tuple[int, _Para]]:
    out: list[tuple[int, _Para]] = []
    seen: set[int] = set()
    for line in lines:
        if line is None:
            continue
        index = layout.line_to_para.get(line)
        if index is None or index in seen:
            continue
        seen.add(index)
        out.append((line, layout.paragraphs[index]))
    return out


def _combined(paras: list[tuple[int, _Para]]) -> _Para:
    merged = _Para()
    for _, p in paras:
        merged.counts.update(p.counts)
        merged.texts.extend(p.texts)
    return merged


def _problems(para: _Para, want: Expect) -> tuple[list[str], list[str]]:
    """(what is wrong, as Vietnamese words; the full expected form)."""
    wrong: list[str] = []
    size = para.main("size")
    low, high = want.sizes
    if isinstance(size, int) and not low * 2 <= size <= high * 2:
        wrong.append(f"cỡ {_pt(size)}")
    expected: list[str] = []
    if want.caps:
        expected.append("chữ in hoa")
        text = "".join(para.texts)
        if text != text.upper() and para.main("caps") is not True:
            wrong.append("chưa viết hoa")
    for attr, yes, no in (
        ("bold", "đậm", "không đậm"),
        ("italic", "nghiêng", "không nghiêng"),
        ("underline", "gạch chân", "không gạch chân"),
    ):
        want_value = getattr(want, attr)
        if want_value is None:
            continue
        expected.append(yes if want_value else no)
        if para.main(attr) is not want_value:
            wrong.append(no if want_value else yes)
    expected.append(f"cỡ {_range(low, high)}")
    return wrong, expected


def _style_hit(
    ctx: CheckContext,
    line: int,
    para: _Para,
    want: Expect,
    what: str,
    severity: Severity | None,
) -> Hit | None:
    wrong, expected = _problems(para, want)
    if not wrong:
        return None
    shown = ctx.line(line).strip()
    return Hit(
        line,
        shown,
        message=(f"{what} {', '.join(wrong)}; {_regime_name(ctx)} quy định {', '.join(expected)}."),
        suggestion=f"Định dạng {what[0].lower()}{what[1:]}: {', '.join(expected)}.",
        severity=severity,
    )


def _is_separator(text: str) -> bool:
    return bool(text) and not text.strip("-–—_ ")


def _title_lines(ctx: CheckContext) -> list[int]:
    """The trích yếu: cleaned lines after the type line, before the body."""
    type_line = ctx.plan.title_line
    if type_line is None:
        return []
    body_start = ctx.analysis.body[0].no if ctx.analysis.body else None
    out: list[int] = []
    for ln in ctx.analysis.cleaned:
        if ln.no <= type_line:
            continue
        if body_start is not None and ln.no >= body_start:
            break
        if ln.text and not _is_separator(ln.text):
            out.append(ln.no)
        if len(out) >= 4:
            break
    return out


@rule(
    "LAY-004",
    Severity.WARNING,
    title="LAY-004: Cỡ chữ phần nội dung (Đảng 14–15; nhà nước, công đoàn 13–14)",
    message="Cỡ chữ phần nội dung không đúng quy định.",
    suggestion="Đặt cỡ chữ phần nội dung đúng quy định.",
    source="HD05 §6.2, Phụ lục 2 (Đảng); NĐ30 PL I §II.6, §V",
    layout=True,
)
def body_size(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    want = _expect(ctx)["body"]
    low, high = want.sizes
    # Tables inside the body may use a smaller size; the rule is about running text.
    paras = [(ln, p) for ln, p in _paras(layout, (x.no for x in ctx.body_lines)) if not p.table]
    if not paras:
        return
    severity = None if ctx.version != "HD11" else Severity.INFO
    sizes: Counter[int] = Counter()
    first: dict[int, int] = {}
    count: Counter[int] = Counter()
    for line, p in paras:
        for props, n in p.counts.items():
            sizes[props.size] += n
        size = p.main("size")
        if isinstance(size, int):
            first.setdefault(size, line)
            count[size] += 1
    if not sizes:
        return
    allowed = f"{_range(low, high)}"
    main = sizes.most_common(1)[0][0]
    for size in [main, *sorted(s for s in count if s != main)]:
        if low * 2 <= size <= high * 2 or size not in first:
            continue
        if size == main:
            message = f"Cỡ chữ phần nội dung {_pt(size)}; {_regime_name(ctx)} dùng cỡ {allowed}."
        else:
            message = (
                f"{count[size]} đoạn nội dung cỡ {_pt(size)}; {_regime_name(ctx)} "
                f"dùng cỡ {allowed}."
            )
        yield Hit(
            first[size],
            f"cỡ {_pt(size)}",
            message=message,
            suggestion=f"Đặt cỡ chữ phần nội dung {_num(high if size > high * 2 else low)} "
            "(thống nhất trong toàn văn bản).",
            severity=severity,
        )


@rule(
    "LAY-005",
    Severity.WARNING,
    title="LAY-005: Tên loại văn bản (KẾ HOẠCH) in hoa, đậm, đúng cỡ (Đảng 15–16; nhà nước 13–14)",
    message="Tên loại văn bản trình bày không đúng quy định.",
    suggestion="Định dạng tên loại văn bản: chữ in hoa, đậm, đúng cỡ.",
    source="HD05 §5.2, Phụ lục 2 (Đảng); NĐ30 PL I §II.5, §V",
    layout=True,
)
def type_style(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    found = _paras(layout, [ctx.plan.title_line])
    if found:
        line, para = found[0]
        severity = _severity(ctx, ("HD05", "HD36", "NĐ30", "TT01"))
        hit = _style_hit(ctx, line, para, _expect(ctx)["type"], "Tên loại văn bản", severity)
        if hit:
            yield hit


@rule(
    "LAY-006",
    Severity.WARNING,
    title="LAY-006: Trích yếu chữ đậm, đúng cỡ (Đảng 14–15; nhà nước 13–14)",
    message="Trích yếu trình bày không đúng quy định.",
    suggestion="Định dạng trích yếu: chữ đậm, đúng cỡ.",
    source="HD05 §5.2, Phụ lục 2 (Đảng); NĐ30 PL I §II.5, §V",
    layout=True,
)
def title_style(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    found = _paras(layout, _title_lines(ctx))
    if found:
        severity = _severity(ctx, ("HD05", "HD36", "NĐ30", "TT01"))
        hit = _style_hit(
            ctx, found[0][0], _combined(found), _expect(ctx)["title"], "Trích yếu", severity
        )
        if hit:
            yield hit


def _signature_line(ctx: CheckContext, text: str | None, after: int | None) -> int | None:
    """The first line at or after ``after`` (the authority line) that reads ``text``."""
    if not text:
        return None
    wanted = _key(text)
    lines = ctx.analysis.cleaned
    if after is None:
        lines = ctx.closing_lines or lines
        after = 0
    return next((ln.no for ln in lines if ln.no >= after and _key(ln.text) == wanted), None)


@rule(
    "LAY-007",
    Severity.WARNING,
    title="LAY-007: Quyền hạn, chức vụ, họ tên người ký đúng kiểu chữ (Đảng: chức vụ không đậm)",
    message="Khối chữ ký trình bày không đúng quy định.",
    suggestion="Định dạng quyền hạn, chức vụ và họ tên người ký theo quy định.",
    source="HD05 §7, Phụ lục 2 (Đảng); NĐ30 PL I §II.7, §V",
    layout=True,
)
def signer_style(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    signer = ctx.plan.signer
    if layout is None or signer is None:
        return
    expect = _expect(ctx)
    severity = _severity(ctx, ("HD05", "NĐ30"))
    after = signer.line
    for value, key, what in (
        (signer.authority, "authority", "Dòng quyền hạn ký"),
        (signer.title, "signer_title", "Chức vụ người ký"),
        (signer.name, "name", "Họ tên người ký"),
    ):
        line = _signature_line(ctx, value, after)
        found = _paras(layout, [line])
        if not found:
            continue
        after = found[0][0]
        hit = _style_hit(ctx, found[0][0], found[0][1], expect[key], what, severity)
        if hit:
            yield hit


@rule(
    "LAY-008",
    Severity.WARNING,
    title="LAY-008: Chữ «Nơi nhận:» đúng kiểu (Đảng cỡ 14, gạch chân; nhà nước cỡ 12, đậm nghiêng)",
    message="Chữ «Nơi nhận:» trình bày không đúng quy định.",
    suggestion="Định dạng chữ «Nơi nhận:» theo quy định.",
    source="HD05 §9.2, Phụ lục 2 (Đảng); NĐ30 PL I §II.9, §V",
    layout=True,
)
def recipients_heading_style(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    heading = next((ln for ln in ctx.closing_lines if fold(ln.text).startswith("noi nhan")), None)
    found = _paras(layout, [heading.no if heading else None])
    if found:
        severity = _severity(ctx, ("HD05", "NĐ30"))
        hit = _style_hit(
            ctx, found[0][0], found[0][1], _expect(ctx)["recipients"], "Chữ «Nơi nhận:»", severity
        )
        if hit:
            yield hit


@rule(
    "LAY-009",
    Severity.WARNING,
    title="LAY-009: Cỡ chữ các dòng nơi nhận (Đảng 12; nhà nước, công đoàn 11)",
    message="Cỡ chữ các dòng nơi nhận không đúng quy định.",
    suggestion="Đặt cỡ chữ các dòng nơi nhận đúng quy định.",
    source="HD05 §9.2, Phụ lục 2 (Đảng); NĐ30 PL I §II.9, §V",
    layout=True,
)
def receivers_size(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None:
        return
    want = _expect(ctx)["receiver"]
    low, high = want.sizes
    lines = [r.line for r in ctx.plan.recipients]
    if not any(lines):
        heading = next(
            (i for i, ln in enumerate(ctx.closing_lines) if fold(ln.text).startswith("noi nhan")),
            None,
        )
        if heading is not None:
            lines = [ln.no for ln in ctx.closing_lines[heading + 1 :] if ln.text.startswith("-")]
    wrong: list[tuple[int, int]] = []
    for line, para in _paras(layout, lines):
        size = para.main("size")
        if isinstance(size, int) and not low * 2 <= size <= high * 2:
            wrong.append((line, size))
    if not wrong:
        return
    sizes = sorted({s for _, s in wrong})
    shown = ", ".join(_pt(s) for s in sizes)
    yield Hit(
        wrong[0][0],
        ctx.line(wrong[0][0]).strip(),
        message=(
            f"{len(wrong)} dòng nơi nhận cỡ {shown}; {_regime_name(ctx)} quy định "
            f"cỡ {_range(low, high)}."
        ),
        suggestion=f"Đặt cỡ chữ các dòng nơi nhận {_range(low, high)}.",
        severity=_severity(ctx, ("HD05", "NĐ30")),
    )


# --- header table -------------------------------------------------------------------------


_TOP_TITLES: Final = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam")


@rule(
    "LAY-010",
    Severity.WARNING,
    title="LAY-010: Phần đầu trình bày thành bảng hai cột (số, ký hiệu bên trái; tiêu đề, ngày tháng bên phải)",
    message="Phần đầu văn bản không trình bày thành bảng hai cột.",
    suggestion=(
        "Trình bày phần đầu trong một bảng hai cột không viền: cột trái tên cơ quan, số và "
        "ký hiệu; cột phải tiêu đề (Quốc hiệu), địa danh và ngày tháng."
    ),
    source="HD05 Phụ lục 1; NĐ30 PL I §IV, PL III Mẫu 1.4",
    layout=True,
)
def header_table(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    plan = ctx.plan
    if layout is None or plan.number_line is None or plan.date_line is None:
        return
    number = layout.para(plan.number_line)
    date = layout.para(plan.date_line)
    if number is None or date is None:
        return
    shown = ctx.line(plan.number_line).strip()
    if (
        number is date
        or number.table is None
        or date.table is None
        or (number.table[0] != date.table[0])
    ):
        yield Hit(plan.number_line, shown)
        return
    if number.table[2] >= date.table[2]:
        yield Hit(
            plan.number_line,
            shown,
            message="Số, ký hiệu phải ở cột trái, địa danh và ngày tháng ở cột phải của bảng phần đầu.",
        )
        return
    top = next(
        (ln for ln in ctx.header_lines if any(fold(ln.text).startswith(t) for t in _TOP_TITLES)),
        None,
    )
    title = layout.para(top.no) if top else None
    if (
        top is not None
        and title is not None
        and (
            title.table is None
            or title.table[0] != date.table[0]
            or title.table[2] != date.table[2]
        )
    ):
        yield Hit(
            top.no,
            top.text,
            message="Tiêu đề (ĐẢNG CỘNG SẢN VIỆT NAM / Quốc hiệu) phải ở cột phải của bảng phần đầu, trên địa danh và ngày tháng.",
        )


# --- page numbers -------------------------------------------------------------------------


@rule(
    "LAY-011",
    Severity.WARNING,
    title="LAY-011: Văn bản nhiều trang có đánh số trang",
    message="Văn bản nhiều trang nhưng không đánh số trang.",
    suggestion=(
        "Chèn số trang ở giữa lề trên (Insert > Page Number > Top of Page), "
        "chọn Different First Page để không hiện ở trang đầu."
    ),
    source=SRC_PAGE,
    layout=True,
)
def page_numbers_present(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None or not layout.multi_page:
        return
    numbered = {f.part for f in layout.page_fields}
    for sec in layout.sections:
        parts = [sec.headers.get(t) for t in ("default", "even")]
        parts += [sec.footers.get(t) for t in ("default", "even")]
        if any(p in numbered for p in parts if p):
            return
    yield Hit(None, "không có số trang")


@rule(
    "LAY-012",
    Severity.INFO,
    title="LAY-012: Không hiện số trang ở trang đầu",
    message="Số trang hiện ở trang đầu; quy định không đánh số trang thứ nhất.",
    suggestion=(
        "Chọn Different First Page (Header & Footer > Options) và để trống đầu trang "
        "của trang thứ nhất."
    ),
    source=SRC_PAGE,
    layout=True,
)
def no_number_on_first_page(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None or not layout.sections or not layout.page_fields:
        return
    first = layout.sections[0]
    kind = "first" if first.title_page else "default"
    numbered = {f.part for f in layout.page_fields}
    parts = (first.headers.get(kind), first.footers.get(kind))
    if any(p in numbered for p in parts if p):
        yield Hit(None, "số trang ở trang 1")


@rule(
    "LAY-013",
    Severity.INFO,
    title="LAY-013: Số trang ở giữa lề trên, đúng cỡ chữ (Đảng 14; nhà nước 13–14)",
    message="Số trang không đặt đúng vị trí hoặc cỡ chữ.",
    suggestion="Đặt số trang ở giữa phần đầu trang (lề trên), cỡ chữ như quy định.",
    source="HD05 §IV, Phụ lục 2; NĐ30 PL I §I, §V",
    layout=True,
)
def page_number_style(ctx: CheckContext) -> Iterator[Hit]:
    layout = layout_of(ctx)
    if layout is None or not layout.page_fields:
        return
    low, high = _expect(ctx)["page"].sizes
    if not any(f.in_header for f in layout.page_fields):
        yield Hit(
            None,
            "số trang ở chân trang",
            message="Số trang đặt ở chân trang; quy định đặt ở giữa lề trên (đầu trang).",
            suggestion="Chuyển số trang lên đầu trang (Insert > Page Number > Top of Page).",
        )
    for f in layout.page_fields:
        if f.size is not None and not low * 2 <= f.size <= high * 2:
            yield Hit(
                None,
                f"số trang cỡ {_pt(f.size)}",
                message=(
                    f"Số trang cỡ {_pt(f.size)}; {_regime_name(ctx)} dùng cỡ {_range(low, high)}."
                ),
                suggestion=f"Đặt cỡ chữ số trang {_range(low, high)}.",
            )
            break
