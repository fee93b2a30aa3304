"""HTML (a plan saved from a web portal, or Word's "Save as Web Page") → ``SourceText``.

Portal pages wrap the plan in menus, breadcrumbs, sidebars, share buttons, view counters
and footers. The reader drops that chrome, keeps the element that holds the plan (an
``<article>``/``<main>``, or the smallest element holding both "KẾ HOẠCH" and "Nơi
nhận"), and turns block elements into lines; a table gives one line per cell, row by
row, so the two-column header reads like a Word table: left cell, then right cell.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from ..errors import CorruptDocument, EmptyDocument
from ..model import ParseWarning, SourceText
from ..text import collapse_spaces, nfc
from .legacy import convert_legacy_text

__all__ = ["decode_html", "read_html"]

_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "iframe",
    "template",
    "svg",
    "canvas",
    "object",
    "embed",
    "button",
    "select",
    "textarea",
    "input",
    "link",
    "meta",
    "head",
    "title",
    "map",
    "video",
    "audio",
}
# Dropped unless they hold the plan itself (portals built with ASP.NET wrap the whole
# page in one <form>; some put the document inside <header>/<footer> of an article).
_CHROME_TAGS = {"nav", "header", "footer", "aside", "form", "menu"}
_CHROME_NAME = re.compile(
    r"menu|(?<!can)nav|breadcrumb|sidebar|side-bar|footer|header|banner|share|social"
    r"|comment|related|advert|quangcao|quang-cao|tin-lien-quan|tinlienquan|toolbar|tool-bar"
    r"|pagination|popup|modal|cookie|rating|counter|viewcount|view-count|luot-xem|luotxem",
    re.IGNORECASE,
)
_PLAN_MARK = re.compile(r"KẾ\s*HOẠCH|N[ơo]i\s+nh[ậa]n|CỘNG\s+H[ÒO]A\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN")
_TYPE_MARK = re.compile(r"KẾ\s*HOẠCH")
_CLOSING_MARK = re.compile(r"N[ơo]i\s+nh[ậa]n", re.IGNORECASE)
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "center",
    "address",
    "hr",
    "figure",
    "figcaption",
    "body",
    "html",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "fieldset",
    "legend",
    "details",
    "summary",
}
_CHROME_LINE = re.compile(
    r"^(?:(?:số\s+)?lượt\s+(?:xem|truy\s+cập|đọc|tải)|lượt\s+xem|views?|ngày\s+đăng|cập\s+nhật\s+lúc)"
    r"\s*:?\s*[\d.,:/ ]*$"
    r"|^(?:in\s+bài\s+viết|in\s+trang|bản\s+in|gửi\s+email|gửi\s+bài\s+viết|chia\s+sẻ|quay\s+lại"
    r"|về\s+đầu\s+trang|lên\s+đầu\s+trang|đầu\s+trang|trở\s+về|xem\s+thêm|tin\s+liên\s+quan"
    r"|bình\s+luận|phản\s+hồi)\s*:?$",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_LATIN_FAMILY = {"iso8859-1", "cp1252", "latin-1", "ascii"}


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode an HTML page: BOM, then the declared charset, then UTF-8, then Windows-1258."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:4096]
    if b"\x00" in head[:200]:
        # UTF-16 without BOM: "<" followed or preceded by a zero byte.
        le = head[1::2].count(0) >= head[0::2].count(0)
        enc = "utf-16-le" if le else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    declared = None
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if m:
        try:
            declared = codecs.lookup(m.group(1).decode("ascii", "replace").strip()).name
        except LookupError:
            declared = None
    if declared is not None and not declared.startswith("utf-16"):
        if declared in _LATIN_FAMILY and _is_utf8(data):
            return data.decode("utf-8"), "utf-8"
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    if _is_utf8(data):
        return data.decode("utf-8"), "utf-8"
    return data.decode("cp1258", errors="replace"), "cp1258"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def read_html(data: bytes) -> SourceText:
    """Read the plan out of an HTML page."""
    text, _encoding = decode_html(data)
    # Compose first: Windows-1258 and some editors write tone marks as separate characters.
    text = nfc(_XML_DECL.sub("", text, count=1).replace("\x00", ""))
    if not text.strip():
        raise EmptyDocument("trang HTML rỗng")
    try:
        root = lxml_html.document_fromstring(text)
    except etree.ParserError as exc:
        raise EmptyDocument("trang HTML không có nội dung") from exc
    except (ValueError, TypeError, etree.LxmlError) as exc:
        raise CorruptDocument("trang HTML hỏng, không đọc được") from exc

    _strip(root)
    main = _main_element(root)
    lines = _lines(main)
    warnings: list[ParseWarning] = []
    joined = "\n".join(lines)
    converted, legacy = convert_legacy_text(joined)
    if legacy:
        warnings.append(
            ParseWarning(None, "legacy-encoding", f"đã chuyển văn bản mã {legacy} sang Unicode")
        )
        lines = converted.split("\n")
    lines = [nfc(line) for line in lines]
    if not any(line.strip() for line in lines):
        raise EmptyDocument("trang HTML không có nội dung chữ")
    return SourceText(tuple(lines), "html", None, tuple(warnings))


# --------------------------------------------------------------------------- cleaning


def _tag(el: Any) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _remove(el: Any) -> None:
    """Remove an element but keep its tail text."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _strip(root: Any) -> None:
    # Comments, processing instructions and non-content elements.
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            _remove(el)
    for el in list(root.iter()):
        if _tag(el) in _DROP_TAGS and el is not root:
            _remove(el)
    for el in list(root.iter()):
        if el.getparent() is None and el is not root:
            continue  # already removed with an ancestor
        style = (el.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None:
            _remove(el)
            continue
    body_len = len(_text_of(root)) or 1
    for el in list(root.iter()):
        if el is root or _tag(el) in {"body", "html"} or not _attached(el, root):
            continue
        names = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
        is_chrome = _tag(el) in _CHROME_TAGS or bool(names and _CHROME_NAME.search(names))
        if el.get("role") in {"navigation", "banner", "contentinfo", "complementary", "search"}:
            is_chrome = True
        if not is_chrome:
            continue
        content = _text_of(el)
        if _PLAN_MARK.search(content) or len(content) > 0.5 * body_len:
            continue  # it holds the plan: keep it (only its chrome children go)
        _remove(el)


def _attached(el: Any, root: Any) -> bool:
    node = el
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _text_of(el: Any) -> str:
    return collapse_spaces(" ".join(el.itertext()))


def _main_element(root: Any) -> Any:
    body = root.find("body")
    if body is None:
        body = root
    full = _text_of(body)
    has_type = bool(_TYPE_MARK.search(full))
    has_closing = bool(_CLOSING_MARK.search(full))
    candidates = [el for el in body.iter() if _tag(el) in _BLOCK_TAGS]

    def holds(el: Any) -> bool:
        t = _text_of(el)
        return (not has_type or bool(_TYPE_MARK.search(t))) and (
            not has_closing or bool(_CLOSING_MARK.search(t))
        )

    # <article>/<main>/role=main holding the plan.
    semantic = [
        el
        for el in candidates
        if (_tag(el) in {"article", "main"} or el.get("role") == "main") and holds(el)
    ]
    if semantic:
        return min(semantic, key=lambda el: len(_text_of(el)))
    if has_type and has_closing:
        holding = [el for el in candidates if holds(el)]
        if holding:
            return min(holding, key=lambda el: len(_text_of(el)))
    if has_type or has_closing:
        # Only one marker: the smallest element holding it and most of the page's text.
        holding = [el for el in candidates if holds(el) and len(_text_of(el)) >= 0.4 * len(full)]
        if holding:
            return min(holding, key=lambda el: len(_text_of(el)))
    return body


# --------------------------------------------------------------------------- text


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []

    def add(self, text: str | None) -> None:
        if text:
            self.buf.append(text)

    def flush(self) -> None:
        if self.buf:
            line = collapse_spaces("".join(self.buf).replace("\u00a0", " "))
            self.buf = []
            if line and not _CHROME_LINE.match(line):
                self.lines.append(line)


def _lines(main: Any) -> list[str]:
    out = _Out()
    _walk(main, out, pre=False)
    out.flush()
    return out.lines


def _walk(el: Any, out: _Out, *, pre: bool) -> None:
    tag = _tag(el)
    if tag == "br":
        out.flush()
        return
    block = tag in _BLOCK_TAGS
    if block:
        out.flush()
    in_pre = pre or tag == "pre"
    if in_pre and el.text:
        _add_pre(el.text, out)
    else:
        out.add(el.text)
    for child in el:
        _walk(child, out, pre=in_pre)
        if in_pre and child.tail:
            _add_pre(child.tail, out)
        else:
            out.add(child.tail)
    if block:
        out.flush()


def _add_pre(text: str, out: _Out) -> None:
    parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, part in enumerate(parts):
        if i:
            out.flush()
        out.add(part)
