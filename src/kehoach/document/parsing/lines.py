"""From raw text lines to clean, numbered lines and logical paragraphs.

Real plans arrive with the noise of their journey: markdown emphasis from a converter,
literal "\\r\\n" sequences from a web page, flattened table rows joined by "|", both
header columns on one line separated by long space runs, paragraphs broken by page
breaks, a whole document on a single line. This module undoes that noise while keeping
every line's original number.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Line", "clean_lines", "join_paragraphs", "split_cells"]


class Line(NamedTuple):
    no: int  # 1-based line number in the source text
    text: str  # cleaned, spaces collapsed; "" for a blank line


_LITERAL_BREAKS = re.compile(r"[ \t]*(?:(?:\\r\\n|\\n|\\r|\\t)[ \t]*)+")
_LITERAL_LINE = re.compile(r"(?:^|[ \t]+)(?:(?:\\r\\n|\\n|\\r)[ \t]*)+(?:[ \t]|$)")
_BOLD = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_SPACES = re.compile(r"[ \u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_WIDE_GAP = re.compile(r"(?:\t+|[ \u00a0]{4,})")
_STAR_GLUE = re.compile(r"\s*(\*{1,3})\s*(?=Số\b|S[ốô]:)")
_CONTROL_TABLE: dict[int, None] = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, 0xFEFF, 0x200C, 0x200D, 0x2060]
)

# Where a single enormous line (a page saved without breaks) can be cut safely.
_ONE_LINE_CUTS = re.compile(
    r"(?<=\S)\s*(?="
    r"Số:\s*\d|Số\s+\d+\s*[-/]"
    r"|(?<=[.;:]\s)-?\s*Căn cứ\b|(?<=[.;:])\s*Căn cứ\b|\s-\s*Căn cứ\b|-\s*Căn cứ\b"
    r"|\bĐiều \d+\.\s"
    r"|\bNơi nhận\b"
    r"|\b(?:TM\.|T/M|KT\.|K/T|TL\.|T/L)\s+[A-ZĐ]"
    r"|(?<=[.:;])\s*[IVX]{1,4}\.\s+[A-ZĐ]"
    r"|(?<=[.:;])\s*\d{1,2}\.\s+[A-ZĐ]"
    r"|(?<=[A-ZĐÀ-Ỹ]{2})\s+\d{1,2}\.\s+[A-ZĐ]"
    r"|(?<=\S)QUYẾT ĐỊNH:?|(?<=\s)(?:KẾ HOẠCH|QUY ĐỊNH|HƯỚNG DẪN|QUYẾT ĐỊNH)(?=[A-ZĐ]?[a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]|\s|$)"
    r")"
)
# Headings and numbered items run into one line ("… như sau: I. MỤC ĐÍCH … 1. Giáo dục …").
_RUN_ON = re.compile(r"[.:;]\s+(?:[IVX]{1,4}|\d{1,2})\.\s+[A-ZĐ]")
_TYPE_GLUE = re.compile(
    r"(QUYẾT ĐỊNH|KẾ HOẠCH|QUY ĐỊNH|HƯỚNG DẪN)(?=[A-ZĐ][a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ])"
)
_DASH_RUN = re.compile(r"\s*(?:-{3,}|_{3,})\s*")


def _clean(text: str) -> str:
    if not text.isprintable():
        text = text.translate(_CONTROL_TABLE)
    if "\\" in text:
        # " \r\n " between two items of a web page's header is a line break;
        # "Chương\r\ntrình" inside a wrapped sentence is only a soft wrap.
        text = _LITERAL_LINE.sub("\n", text)
        text = _LITERAL_BREAKS.sub(" ", text)
    if "**" in text or "__" in text:
        text = _BOLD.sub("", text)
    if "*" in text and text.strip() not in {"*", "**", "***"}:
        text = _ITALIC.sub(r"\1", text)
    return text


def _collapse(text: str) -> str:
    if "  " in text or "\t" in text or "\u00a0" in text or "\u2009" in text or "\u202f" in text:
        return _SPACES.sub(" ", text.replace("\t", " ")).strip()
    return text.strip()


def split_cells(text: str) -> list[str]:
    """A flattened table row "a | b |" → ["a", "b"]; other lines → [text]."""
    if "|" not in text:
        return [text]
    stripped = text.strip()
    if _TABLE_RULE.match(stripped):
        return [""]
    if stripped.startswith("|") or stripped.endswith("|") or " | " in stripped:
        return [c for c in stripped.strip("|").split("|") if c.strip()] or [""]
    return [text]


def _split_one_line_document(text: str) -> list[str]:
    text = _TYPE_GLUE.sub(r"\1\n", text)
    text = _ONE_LINE_CUTS.sub("\n", text)
    return text.split("\n")


def clean_lines(raw_lines: list[str]) -> list[Line]:
    """Clean every raw line; split table cells, wide gaps and run-on documents."""
    nonblank = [r for r in raw_lines if r.strip()]
    one_line_doc = len(nonblank) <= 8 and any(len(r) > 400 for r in nonblank)
    out: list[Line] = []
    for no, raw in enumerate(raw_lines, 1):
        if _plain(raw, one_line_doc):
            out.append(Line(no, raw.strip()))  # the common case: nothing to undo
            continue
        parts: list[str] = []
        for cell in (c for sub in _clean(raw).split("\n") for c in split_cells(sub)):
            cell = cell.strip()
            if ("    " in cell or "\t" in cell or "\u00a0" in cell) and _WIDE_GAP.search(cell):
                cell = "\n".join(split_wide_gaps(cell))
            if "---" in cell or "___" in cell:
                cell = _DASH_RUN.sub("\n---\n", cell)
            run_on = len(cell) > 250 and len(_RUN_ON.findall(cell)) >= 2
            pieces = (
                _split_one_line_document(cell)
                if (one_line_doc and len(cell) > 200) or run_on
                else [cell]
            )
            for piece in pieces:
                piece = _STAR_GLUE.sub(r"\n\1\n", piece) if "*" in piece else piece
                for sub in piece.split("\n"):
                    parts.append(sub)
        if len(parts) == 1:
            out.append(Line(no, _collapse(parts[0])))
        else:
            for part in parts:
                collapsed = _collapse(part)
                if collapsed:
                    out.append(Line(no, collapsed))
    return out


def _plain(raw: str, one_line_doc: bool) -> bool:
    """A line with no markup, table, gap or control character to undo."""
    if one_line_doc or not raw.isprintable():
        return False  # tabs and control characters are not printable
    if "*" in raw or "|" in raw or "  " in raw or "\\" in raw or "---" in raw or "___" in raw:
        return False
    if not raw.isascii() and (
        "\u00a0" in raw or "\u2009" in raw or "\u202f" in raw or "\u3000" in raw
    ):
        return False
    return len(raw) <= 250 or len(_RUN_ON.findall(raw)) < 2


def split_wide_gaps(text_raw: str) -> list[str]:
    """Both header columns on one line, separated by a long run of spaces or tabs.

    A draft's blank number ("Số:        /KH-UBND") is a gap inside one item, not two.
    """
    out: list[str] = []
    for part in (_collapse(x) for x in _WIDE_GAP.split(text_raw)):
        if not part:
            continue
        if (
            out
            and (_NUMBER_PREFIX.match(out[-1]) or _DATE_GAP.search(out[-1]))
            and part[:1] in "/-–tT0123456789"
        ):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


_NUMBER_PREFIX = re.compile(r"^S[ốôo]\s*:?$")
_DATE_GAP = re.compile(r"ng[àa]y\s*\d{0,2}$|th[áa]ng\s*\d{0,2}$")


# A line that starts a new structural unit and must never be glued to the one before.
# A chapter is "Chương I" / "CHƯƠNG 2": "Chương trình …" (a programme) is a plain word.
_STRUCTURAL = re.compile(
    r"^(?:[IVXLC]{1,6}\s*[.\-–/)]\s|[A-DĐ]\s*[.)]\s|\d{1,2}(?:\.\d{1,2}){0,3}\s*[.)\-/]?\s|[a-zđ]\)\s|[-–+•*]\s?|"
    r"Phần\b|PHẦN\b|(?:Chương|CHƯƠNG)\s+(?:[IVXLC]{1,6}|\d{1,3})\b|Mục\s+\d|Điều\s+\d|Nơi nhận|Căn cứ|Thực hiện|Trên đây|"
    r"T/M|TM\.|K/T|KT\.|T/L|TL\.|TUQ\.|\(Đã ký\)|\(đã ký\))",
)
_OPEN_END = re.compile(
    r"(?:,|\b(?:của|và|về|các|cho|với|tại|theo|để|trong|đến|từ|số|ngày|năm|tháng|là|được|những|"
    r"nhằm|thực hiện|trên|giai đoạn|đối với))$"
)
_NUMBERED = re.compile(r"^(?:[IVXLC]{1,6}|\d{1,2}(?:\.\d{1,2})*|[a-zđA-DĐ])\s*[.)\-]\s")
_SENTENCE_END = frozenset('.;:!?…)"”')


def join_paragraphs(lines: list[Line], source_format: str = "txt") -> list[Line]:
    """Rejoin paragraphs broken by page breaks or hard wrapping.

    A line is glued to the previous one when the previous ends without sentence
    punctuation and the next begins in lower case (a page break inside a sentence).
    How much more is joined depends on where the lines came from:

    - "pdf": the reader marks paragraph ends with a blank line, so consecutive lines are
      always one paragraph;
    - "docx", "doc", "html": lines are real paragraphs; nothing more is joined;
    - text: a long line followed by one that does not start a new unit was hard-wrapped.
    """
    out: list[Line] = []
    pending_blank = False
    for line in lines:
        text = line.text
        if not text:
            pending_blank = True
            continue
        if out:
            prev = out[-1]
            if (
                source_format == "pdf" and not pending_blank and not _new_unit(prev.text, text)
            ) or _should_join(
                prev.text, text, pending_blank, hard_wrap=source_format not in _REAL_PARAGRAPHS
            ):
                out[-1] = Line(prev.no, _glue(prev.text, text))
                pending_blank = False
                continue
        out.append(line)
        pending_blank = False
    return out


_REAL_PARAGRAPHS = frozenset({"docx", "doc", "html", "pdf"})


def _new_unit(prev: str, nxt: str) -> bool:
    """In a PDF a paragraph break can be missed; a finished sentence followed by the start
    of a new unit ("Căn cứ …", "Trên đây …", "- …", "2. …") is one."""
    return prev.rstrip()[-1:] in _SENTENCE_END and _STRUCTURAL.match(nxt) is not None


def _glue(a: str, b: str) -> str:
    if a.endswith("-") and not a.endswith(" -") and b[:1].islower():
        return a + b  # a word hyphenated at the line end
    if a.endswith(("/", "-")) and not a.endswith(" -") and b[:1].isdigit():
        return a + b  # a date or range cut at the line end: "22/" + "9/2023"
    return f"{a} {b}"


def _should_join(prev: str, nxt: str, blank_between: bool, *, hard_wrap: bool = True) -> bool:
    if prev.rstrip()[-1:] in _SENTENCE_END:
        return False
    first = nxt[0]
    if _STRUCTURAL.match(nxt):
        return False
    if first.islower():
        # "lịch" / "sử" across a page break; but a lower-case title after a type
        # line is handled before paragraphs are joined.
        return not _is_heading_like(prev)
    if blank_between or not hard_wrap:
        return False
    if _NUMBERED.match(prev) and len(prev) < 120:
        return False  # a numbered heading ("5. Kinh phí thực hiện") ends its line
    if _OPEN_END.search(prev[-20:]):
        return True
    # Hard-wrapped text (PDF, web copy): long previous line, next continues it.
    return len(prev) >= 55 and not _is_heading_like(prev)


def _is_heading_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    upper = sum(1 for c in letters if c.isupper())
    return upper / len(letters) > 0.8 and len(text) < 200
