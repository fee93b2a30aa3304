"""PDF with a text layer → ``SourceText`` (one line per printed line, blank between paragraphs).

A PDF only knows glyphs at positions, so the reader rebuilds what a Word reader gets for
free:

* **Lines** are characters grouped by baseline and ordered left to right; spaces come
  from the PDF's own space glyphs or, where it has none, from gaps that are wide for the
  line (so letter-spaced headings such as "K Ế H O Ạ C H" come back as "KẾ HOẠCH").
* **Paragraphs**: the printed lines are hard-wrapped, so every printed line is kept but a
  blank line is put between paragraphs (a wider vertical gap, a first-line indent, a list
  or heading marker, or a previous line that stopped short although the next word would
  have fitted). The parser joins the lines of a paragraph. A line that begins like a list
  item ("- xã hội") is still a continuation when the geometry says so: the line before
  fills the text block to its right margin and this one starts back at the left margin,
  where a new item would have been indented or would follow a line that ended short.
  A word the line breaker split after its hyphen ("20-" / "CT/TW") is put back together,
  so its two printed lines come out as one.
* **Columns**: the official header (issuer and number left; motto and place-date right)
  and the closing ("Nơi nhận" left; signature right) are two columns side by side; like a
  Word table read cell by cell, the left column's lines come first, then the right's.
* Lone page numbers at the top or bottom of a page are dropped.

Encrypted, image-only (scanned) and broken PDFs raise the matching ``UnreadableDocument``.
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import CorruptDocument, EmptyDocument, EncryptedDocument, NoTextLayer
from ..model import ParseWarning, SourceText
from ..text import fold, nfc
from .legacy import convert_legacy_text

__all__ = ["MAX_PAGES", "read_pdf"]

MAX_PAGES = 500

_ENCRYPTED_MSG = "PDF được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lại"
_NO_TEXT_MSG = "PDF không có lớp chữ (bản quét); kehoach chưa nhận dạng chữ (OCR)"
_CORRUPT_MSG = "PDF bị hỏng, không đọc được"

# Spacing accents that some producers draw over a letter instead of using a precomposed
# glyph; when one sits over a letter it is that letter's combining mark.
_SPACING_ACCENTS = {
    "\u0060": "\u0300",  # `
    "\u02cb": "\u0300",
    "\u00b4": "\u0301",  # ´
    "\u02ca": "\u0301",
    "\u02dc": "\u0303",  # ˜
    "\u007e": "\u0303",  # ~
    "\u02c0": "\u0309",
    "\u02c0\u0309": "\u0309",
    "\u02d9": "\u0323",
    "\u005e": "\u0302",  # ^
    "\u02c6": "\u0302",
    "\u02d8": "\u0306",  # ˘
}
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_SPACE_CHARS = {" ", "\u00a0", "\u2002", "\u2003", "\u2009", "\u202f", "\t"}
_DROP_CHARS = {"\u00ad", "\u200b", "\u200c", "\u200d", "\ufeff"}

_PAGE_NUMBER = re.compile(
    r"^\s*[-–—]?\s*(?:trang\s*)?\d{1,4}(?:\s*(?:/|trên)\s*\d{1,4})?\s*[-–—]?\s*$", re.IGNORECASE
)
# A line that starts a new item: "1.", "1.2.", "a)", "I.", "-", "+", "•", "Điều 1", "Phần I".
_MARKER = re.compile(
    r"^(?:[-–—•●○▪■□◦+*]\s+(?=[^\W\d])|[-–—•+](?=[^\W\d])|[•●○▪■□◦]"
    r"|\d{1,3}(?:\.\d{1,3})*[.)](?:\s|$)|[IVXLC]{1,6}[.)](?:\s|$)|[a-zđ][.)]\s"
    r"|(?:Điều|Phần|Chương|Mục)\s+[\dIVXLC]+\b)"
)

# In a column, these start a line of the signature block or of the header.
_SIGNATURE_START = re.compile(
    r"^(?:T/M|TM\.|KT\.|TL\.|TUQ\.|Q\.|PHÓ\b|CHỦ\s+TỊCH|BÍ\s+THƯ|TRƯỞNG\b|GIÁM\s+ĐỐC"
    r"|THỦ\s+TRƯỞNG|\(Đã\s+ký|\(ký|ĐẢNG\s+CỘNG\s+SẢN|CỘNG\s+HÒA|Độc\s+lập|Số\b|V/v\b)"
)


@dataclass
class _Char:
    text: str
    x0: float
    x1: float
    baseline: float
    top: float
    bottom: float
    size: float
    font: str = ""
    marks: list[str] = field(default_factory=list)

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    size: float
    font: str = ""


@dataclass
class _Line:
    words: list[_Word]
    baseline: float
    top: float
    bottom: float
    page: int

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def part(self, words: list[_Word]) -> _Line:
        return _Line(words, self.baseline, self.top, self.bottom, self.page)


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]


# --------------------------------------------------------------------------- reading


def read_pdf(data: bytes) -> SourceText:
    """Read a PDF's text layer; raise ``EncryptedDocument``, ``NoTextLayer``, ``CorruptDocument``."""
    warns: list[ParseWarning] = []
    pages, had_images, total_pages = _extract(data)
    if total_pages > MAX_PAGES:
        warns.append(
            ParseWarning(
                None,
                "pdf-page-cap",
                f"PDF có {total_pages} trang; chỉ đọc {MAX_PAGES} trang đầu",
            )
        )
    if not any(p.lines for p in pages):
        if b"/Encrypt" in data[-65536:] or b"/Encrypt" in data[:65536]:
            raise EncryptedDocument(_ENCRYPTED_MSG)
        if had_images:
            raise NoTextLayer(_NO_TEXT_MSG)
        raise EmptyDocument("PDF không có chữ")

    out = _layout(pages)
    text = "\n".join(out)
    if "(cid:" in text:
        unmapped = len(re.findall(r"\(cid:\d+\)", text))
        text = re.sub(r"\(cid:\d+\)", "\ufffd", text)
        warns.append(
            ParseWarning(
                None,
                "pdf-unmapped-glyphs",
                f"{unmapped} ký tự trong PDF không có mã Unicode (phông chữ nhúng thiếu bảng mã)",
            )
        )
    converted, legacy = convert_legacy_text(text)
    if legacy:
        warns.append(
            ParseWarning(None, "legacy-encoding", f"đã chuyển văn bản mã {legacy} sang Unicode")
        )
        text = converted
    lines = [nfc(line).rstrip() for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise NoTextLayer(_NO_TEXT_MSG) if had_images else EmptyDocument("PDF không có chữ")
    return SourceText(tuple(lines), "pdf", None, tuple(warns))


def _extract(data: bytes) -> tuple[list[_Page], bool, int]:
    """Open the PDF and return its pages as lines; map every pdfminer failure to ours."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    pages: list[_Page] = []
    had_images = False
    total = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                all_pages = pdf.pages
                total = len(all_pages)
                if total == 0:
                    raise CorruptDocument("PDF bị hỏng: không có trang nào")
                for index, page in enumerate(all_pages[:MAX_PAGES]):
                    chars = page.dedupe_chars(tolerance=1).chars
                    if not chars and page.images:
                        had_images = True
                    lines = _page_lines(chars, index + 1)
                    pages.append(_Page(index + 1, float(page.width), float(page.height), lines))
                    page.close()
    except (CorruptDocument, EncryptedDocument):
        raise
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if _is_password_error(inner):
            raise EncryptedDocument(_ENCRYPTED_MSG) from None
        raise CorruptDocument(_CORRUPT_MSG) from None
    except MemoryError:
        raise CorruptDocument(_CORRUPT_MSG) from None
    except Exception as exc:  # pdfminer raises almost anything on garbage
        if _is_password_error(exc):
            raise EncryptedDocument(_ENCRYPTED_MSG) from None
        raise CorruptDocument(_CORRUPT_MSG) from None
    return pages, had_images, total


def _is_password_error(exc: object) -> bool:
    name = type(exc).__name__
    return name in {"PDFPasswordIncorrect", "PDFEncryptionError"}


# --------------------------------------------------------------------------- lines


def _page_lines(raw_chars: Sequence[dict[str, Any]], page_number: int) -> list[_Line]:
    chars: list[_Char] = []
    upright = [c for c in raw_chars if c.get("upright", True)]
    source = upright or list(raw_chars)
    for c in source:
        text = str(c.get("text") or "")
        if not text or text in _DROP_CHARS:
            continue
        text = _LIGATURES.get(text, text)
        try:
            x0, x1 = float(c["x0"]), float(c["x1"])
            top, bottom = float(c["top"]), float(c["bottom"])
            size = float(c.get("size") or (bottom - top) or 10.0)
            matrix = c.get("matrix")
            baseline = bottom
            if matrix and "y1" in c:
                baseline = top + (float(c["y1"]) - float(matrix[5]))
        except (KeyError, TypeError, ValueError, IndexError):
            continue
        if size <= 0 or not all(map(_finite, (x0, x1, top, bottom, baseline))):
            continue
        font = str(c.get("fontname") or "").split("+")[-1]
        chars.append(_Char(text, x0, x1, baseline, top, bottom, abs(size), font))
    if not chars:
        return []

    # Group by baseline: a line is chars whose baseline is within ~0.45 em.
    chars.sort(key=lambda ch: (ch.baseline, ch.x0))
    groups: list[list[_Char]] = []
    current: list[_Char] = []
    anchor = 0.0
    for ch in chars:
        if current and ch.baseline - anchor > 0.45 * max(ch.size, current[0].size, 1.0):
            groups.append(current)
            current = []
        if not current:
            anchor = ch.baseline
        current.append(ch)
    if current:
        groups.append(current)

    lines: list[_Line] = []
    for group in groups:
        words = _words(group)
        if not words:
            continue
        base = statistics.median(ch.baseline for ch in group)
        lines.append(
            _Line(
                words,
                base,
                min(ch.top for ch in group),
                max(ch.bottom for ch in group),
                page_number,
            )
        )
    return lines


def _finite(v: float) -> bool:
    return v == v and abs(v) < 1e7


def _is_mark(ch: _Char) -> bool:
    return len(ch.text) == 1 and unicodedata.combining(ch.text) > 0


def _words(group: list[_Char]) -> list[_Word]:
    bases = sorted((c for c in group if not _is_mark(c)), key=lambda c: (c.x0, c.x1))
    marks = [c for c in group if _is_mark(c)]
    # Spacing accents drawn over a letter are that letter's combining marks.
    letters = [c for c in bases if c.text.isalpha()]
    kept: list[_Char] = []
    for c in bases:
        combining = _SPACING_ACCENTS.get(c.text)
        if combining is not None:
            host = next(
                (
                    b
                    for b in letters
                    if b.x0 + 0.1 * (b.x1 - b.x0) <= c.center <= b.x1 - 0.1 * (b.x1 - b.x0)
                ),
                None,
            )
            if host is not None:
                host.marks.append(combining)
                continue
        kept.append(c)
    bases = kept
    for m in marks:
        host = None
        for b in bases:
            if b.text in _SPACE_CHARS:
                continue
            if b.x0 - 0.5 <= m.center <= b.x1 + 0.5:
                host = b
                break
            if b.x1 <= m.center:
                host = b  # nearest letter to the left
        if host is None:
            host = next((b for b in bases if b.text not in _SPACE_CHARS), None)
        if host is not None:
            host.marks.append(m.text)
    if not bases:
        return []

    # Split at explicit spaces and very wide gaps (tabs, columns) into runs.
    runs: list[list[_Char]] = []
    run: list[_Char] = []
    for c in bases:
        if c.text.isspace() or c.text in _SPACE_CHARS:
            if run:
                runs.append(run)
                run = []
            continue
        if run and c.x0 - run[-1].x1 > 1.0 * max(c.size, run[-1].size):
            runs.append(run)
            run = []
        run.append(c)
    if run:
        runs.append(run)
    has_spaces = any(c.text.isspace() or c.text in _SPACE_CHARS for c in bases)

    words: list[_Word] = []
    line_small = [
        b.x0 - a.x1
        for run in runs
        for a, b in itertools.pairwise(run)
        if b.x0 - a.x1 < 0.6 * max(a.size, b.size)
    ]
    for run in runs:
        gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
        size = statistics.median(c.size for c in run)
        small = [g for g in gaps if g < 0.6 * size]
        # Typical letter gap of this run (else of the line): ~0 for normal text, the Tc
        # value when letter-spaced.
        if len(small) >= 3:
            letter_gap = statistics.median(small)
        elif len(line_small) >= 2:
            letter_gap = statistics.median(line_small)
        else:
            letter_gap = 0.0
        letter_gap = max(letter_gap, 0.0)
        if has_spaces:
            threshold = letter_gap + max(0.18 * size, 0.5 * letter_gap)
        else:
            threshold = letter_gap + max(0.15 * size, 0.5 * letter_gap)
        start = 0
        for i, g in enumerate(gaps, start=1):
            if g > threshold:
                words.append(_make_word(run[start:i]))
                start = i
        words.append(_make_word(run[start:]))
    return [w for w in words if w.text]


def _make_word(chars: list[_Char]) -> _Word:
    text = "".join(c.text + "".join(c.marks) for c in chars)
    return _Word(
        nfc(text), chars[0].x0, max(c.x1 for c in chars), max(c.size for c in chars), chars[0].font
    )


# --------------------------------------------------------------------------- layout


_Box = tuple[float, float]
_Flow = tuple[list[_Line], _Box | None, str]


def _layout(pages: list[_Page]) -> list[str]:
    many = len(pages) > 1
    for page in pages:
        _drop_page_numbers(page, many)
    flows: list[_Flow] = []
    body: list[_Line] = []
    closing = _find_closing(pages)

    def columns(region: _Region, lines: list[_Line]) -> None:
        nonlocal body
        body.extend(lines[: region.start])
        if body:
            flows.append((body, None, ""))
            body = []
        flows.extend(
            (f, box, side)
            for (f, box), side in zip((region.left, region.right), "LR", strict=True)
            if f
        )

    for page in pages:
        lines = page.lines
        if page.number == 1:
            header = _column_region(lines, 0, page, top_only=True)
            if header is not None:
                columns(header, lines)
                lines = lines[header.end :]
                if closing is not None and closing[0] == 1:
                    closing = (1, closing[1] - header.end) if closing[1] >= header.end else None
        if closing is not None and closing[0] == page.number:
            region = _column_region(lines, closing[1], page, top_only=False)
            if region is not None:
                columns(region, lines)
                body.extend(lines[region.end :])
                continue
        body.extend(lines)
    if body:
        flows.append((body, None, ""))

    out: list[str] = []
    for flow, box, side in flows:
        if out:
            out.append("")
        out.extend(_paragraphs(flow, box, side))
    return out


def _drop_page_numbers(page: _Page, many_pages: bool) -> None:
    if not many_pages or not page.lines:
        return
    edge = 0.15 * page.height
    if page.number > 1:
        first = page.lines[0]
        if _PAGE_NUMBER.match(first.text) and (
            first.bottom < edge or _isolated(first, page.lines[1:2], above=False)
        ):
            page.lines.pop(0)
    if page.lines:
        last = page.lines[-1]
        if (
            _PAGE_NUMBER.match(last.text)
            and (last.top > page.height - edge or _isolated(last, page.lines[-2:-1], above=True))
            and (page.number > 1 or last.text.strip(" -–—") == "1")
        ):
            page.lines.pop()


def _isolated(line: _Line, neighbours: list[_Line], *, above: bool) -> bool:
    if not neighbours:
        return True
    other = neighbours[0]
    gap = line.baseline - other.baseline if above else other.baseline - line.baseline
    return gap > 3.0 * max(line.size, other.size)


def _find_closing(pages: list[_Page]) -> tuple[int, int] | None:
    for page in reversed(pages):
        for index, line in enumerate(page.lines):
            if fold(line.text).startswith(("noi nhan", "noi gui")):
                return page.number, index
    return None


def _gaps(line: _Line, min_gap: float) -> list[tuple[float, float]]:
    return [
        (a.x1, b.x0)
        for a, b in zip(line.words, line.words[1:], strict=False)
        if b.x0 - a.x1 >= min_gap
    ]


@dataclass
class _Region:
    start: int
    end: int
    left: tuple[list[_Line], _Box]
    right: tuple[list[_Line], _Box]


def _column_region(
    lines: list[_Line], start: int, page: _Page, *, top_only: bool
) -> _Region | None:
    """Find two side-by-side columns (the header, or "Nơi nhận" | signature) at ``start``."""
    if not lines or start >= len(lines):
        return None
    sizes = [ln.size for ln in lines[start : start + 12]]
    body_size = statistics.median(sizes) if sizes else 12.0
    min_gap = max(2.0 * body_size, 18.0)
    frame_left = min(ln.x0 for ln in page.lines)
    frame_right = max(ln.x1 for ln in page.lines)
    frame_center = (frame_left + frame_right) / 2
    limit = len(lines)
    if top_only:
        limit = min(limit, start + 25)
    # The first line split by a wide gap fixes the gutter.
    split_at = None
    for i in range(start, min(limit, start + 6)):
        if top_only and lines[i].top > 0.6 * page.height:
            break
        if _gaps(lines[i], min_gap):
            split_at = i
            break
    if split_at is None:
        return None
    g0, g1 = max(_gaps(lines[split_at], min_gap), key=lambda g: g[1] - g[0])
    left_centers: list[float] = []
    right_centers: list[float] = []

    def note(words: list[_Word], centers: list[float]) -> None:
        if words:
            centers.append((words[0].x0 + words[-1].x1) / 2)

    def nearer(c: float, centers: list[float]) -> bool:
        """Is ``c`` nearer that column's centre than the page's (not a centred title)?"""
        if not centers:
            return True
        return abs(c - statistics.fmean(centers)) < abs(c - frame_center)

    def side(line: _Line) -> str | None:
        """'L', 'R', 'B' (both, split at the gutter) or None (crosses the gutter)."""
        nonlocal g0, g1
        center = (line.x0 + line.x1) / 2
        if any(w.x0 < g1 and w.x1 > g0 for w in line.words):
            overlaps = [
                (min(b, g1) - max(a, g0), max(a, g0), min(b, g1), b - a)
                for a, b in _gaps(line, min_gap / 4)
            ]
            best = max(overlaps, default=None)
            # A wide gap at the gutter splits the line; so does a narrower one when both
            # cells are full (a long organ name beside the Quốc hiệu), as long as the gap
            # lies inside the gutter the clear lines have shown.
            if best is not None and (
                best[0] >= min_gap / 2 or (best[0] > 0 and best[3] >= min_gap / 4)
            ):
                _, g0, g1, _ = best
                note([w for w in line.words if w.x1 <= g0], left_centers)
                note([w for w in line.words if w.x0 >= g1], right_centers)
                return "B"
            # Narrow the gutter for a line that clearly belongs to one column.
            if (
                line.x0 < g0 - min_gap / 2
                and line.x1 <= g1 - min_gap / 2
                and nearer(center, left_centers)
            ):
                g0 = line.x1
                note(line.words, left_centers)
                return "L"
            if (
                line.x1 > g1 + min_gap / 2
                and line.x0 >= g0 + min_gap / 2
                and nearer(center, right_centers)
            ):
                g1 = line.x0
                note(line.words, right_centers)
                return "R"
            return None
        left = [w for w in line.words if w.x1 <= g0]
        right = [w for w in line.words if w.x0 >= g1]
        note(left, left_centers)
        note(right, right_centers)
        return "B" if left and right else ("L" if left else "R")

    side(lines[split_at])
    first = split_at
    if top_only:
        # Lines above the first split line belong to the region if they keep to a side.
        while first > start and side(lines[first - 1]) in {"L", "R", "B"}:
            first -= 1
    else:
        # The signature's first line may sit a little above "Nơi nhận".
        for _ in range(2):
            prev = first - 1
            if prev < 0 or prev < start - 2:
                break
            if lines[first].baseline - lines[prev].baseline > 2.5 * body_size:
                break
            if side(lines[prev]) != "R":
                break
            first = prev
    end = split_at + 1
    while end < limit:
        line = lines[end]
        if top_only and line.top > 0.6 * page.height:
            break
        if side(line) is None:
            break
        end += 1
    left: list[_Line] = []
    right: list[_Line] = []
    mid = (g0 + g1) / 2
    for line in lines[first:end]:
        lw = [w for w in line.words if (w.x0 + w.x1) / 2 < mid]
        rw = [w for w in line.words if (w.x0 + w.x1) / 2 >= mid]
        if lw:
            left.append(line.part(lw))
        if rw:
            right.append(line.part(rw))
    if not left or not right:
        return None
    return _Region(first, end, (left, (frame_left, mid)), (right, (mid, frame_right)))


# How many lines must end at a page's right edge for it to be taken as the text block's
# right margin.
_FLUSH_LINES = 3
# A line ending in a hyphen attached to a word ("20-", "HD-"): the line breaker split a
# compound at its hyphen (a lone " -" is a dash between words and keeps its spaces).
_HYPHEN_END = re.compile(r"[^\W_][-‐–]$")


@dataclass(frozen=True)
class _PageStats:
    left: float  # the text block's left edge on the page
    right: float  # its right edge
    pitch: float  # the usual distance between baselines
    margin_known: bool  # the right edge is a margin several lines run to (a body page)


def _fills_line(a: _Line, b: _Line, stats: dict[int, _PageStats]) -> bool:
    """``a`` runs to the right margin: ``b``'s first word would not have fitted after it."""
    page = stats[a.page]
    if not page.margin_known:
        return False
    first_word = b.words[0].x1 - b.words[0].x0
    return page.right - a.x1 < first_word + 0.3 * max(a.size, b.size)


def _wraps_to(a: _Line, b: _Line, stats: dict[int, _PageStats]) -> bool:
    """``b`` is a wrapped continuation of ``a`` by geometry alone: ``a`` fills the line
    and ``b`` starts back at the left margin (a new paragraph or list item would have a
    first-line indent, or would follow a line that ended short)."""
    return _fills_line(a, b, stats) and abs(b.x0 - stats[b.page].left) < 0.3 * b.size


def _paragraphs(flow: list[_Line], box: _Box | None, side: str) -> list[str]:
    """The flow's lines, with a blank line wherever a new paragraph starts.

    ``box`` is a column's extent (its lines may be centred in it); the body's extent is
    taken from its lines, page by page.
    """
    stats: dict[int, _PageStats] = {}
    centre: float | None = None
    if box is not None:
        centre = statistics.median((ln.x0 + ln.x1) / 2 for ln in flow)
    by_page: dict[int, list[_Line]] = {}
    for line in flow:
        by_page.setdefault(line.page, []).append(line)
    for number, lines in by_page.items():
        if box is not None:
            left, right = box
            # A left-aligned column (the recipients) ends where its wrapped lines end.
            right = min(right, max(ln.x1 for ln in lines))
        else:
            left = min(ln.x0 for ln in lines)
            right = max(ln.x1 for ln in lines)
        deltas = [
            b.baseline - a.baseline
            for a, b in itertools.pairwise(lines)
            if 0.8 * a.size < b.baseline - a.baseline < 3.0 * a.size
        ]
        pitch = _quantile(deltas, 0.25) if deltas else 0.0
        # The right margin is known when several lines end there (justified text);
        # a single longest line on a short page could be anywhere.
        flush = sum(1 for ln in lines if ln.x1 >= right - 0.5 * ln.size)
        stats[number] = _PageStats(left, right, pitch, box is None and flush >= _FLUSH_LINES)

    out: list[str] = []
    prev: _Line | None = None
    for line in flow:
        if prev is not None:
            if _new_paragraph(prev, line, stats, box, side, centre):
                out.append("")
            elif _HYPHEN_END.search(prev.text) and _fills_line(prev, line, stats):
                out[-1] += line.text  # "… Chỉ thị số 20-" + "CT/TW, …": one word again
                prev = line
                continue
        out.append(line.text)
        prev = line
    return out


def _quantile(values: Iterable[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _new_paragraph(
    a: _Line,
    b: _Line,
    stats: dict[int, _PageStats],
    box: _Box | None,
    side: str,
    centre: float | None,
) -> bool:
    size = max(a.size, b.size)
    # A marker starts an item, unless the line only wrapped before a dash ("… chính trị"
    # / "- xã hội, …"); the checks below still see a wider gap.
    if _MARKER.match(b.text) and not _wraps_to(a, b, stats):
        return True
    a_right, pitch = stats[a.page].right, stats[a.page].pitch
    b_left, b_right = stats[b.page].left, stats[b.page].right
    if a.page == b.page:
        delta = b.baseline - a.baseline
        if delta < 0:
            return True
        expected = pitch if pitch > 0 else 1.2 * size
        if delta > expected + 0.45 * size:
            return True
    # The previous line stopped short although the next word would have fitted.
    first_word = b.words[0].x1 - b.words[0].x0
    room = a_right - a.x1
    if box is not None and centre is not None and abs((a.x0 + a.x1) / 2 - centre) < size:
        # A line centred in a column: the room is twice the margin on the page's side
        # (the other side of the column, at the gutter, is not known exactly).
        room = 2 * (a.x0 - box[0]) if side == "L" else 2 * (box[1] - a.x1)
        room -= 1.2 * size  # the cell's padding and the producer's rounding
    if room > first_word + 0.8 * size:
        return True
    if box is not None and (
        _style_changes(a, b) or _caps_end(a, b) or _SIGNATURE_START.match(b.text)
    ):
        return True
    # A first-line indent starts a paragraph (but a hanging indent continues one).
    indent = b.x0 - b_left
    if 0.8 * size <= indent <= 6 * size and b.x0 - a.x0 >= 0.8 * size and b.x1 >= b_right - size:
        hanging = len(a.words) > 1 and _MARKER.match(a.text) and abs(a.words[1].x0 - b.x0) < 2.0
        if not hanging:
            return True
    return False


def _style_changes(a: _Line, b: _Line) -> bool:
    """Bold/italic/regular differ between a column line's end and the next one's start."""
    fa, fb = a.words[-1].font.lower(), b.words[0].font.lower()
    if not fa or not fb:
        return False
    return any(
        ("bold" in fa) != ("bold" in fb) or (k in fa) != (k in fb) for k in ("italic", "oblique")
    )


def _caps_end(a: _Line, b: _Line) -> bool:
    """A line in capitals followed by one that is not ("ĐẢNG CỘNG SẢN VIỆT NAM" / "Hà Nội, …"),
    or a line of no letters at all (the "*" under the issuer, a rule "-----")."""
    if not any(c.isalnum() for c in a.text) or not any(c.isalnum() for c in b.text):
        return True
    la = [c for c in a.text if c.isalpha()]
    lb = [c for c in b.text if c.isalpha()]
    return len(la) >= 3 and all(c.isupper() for c in la) and any(c.islower() for c in lb)
