"""Rules on the running text: punctuation and spelling style (TXT) and capitalisation (CAP).

document-format.md §3.7 (abbreviations), §4.5 (NĐ30 Phụ lục II, the testable subset),
§7.2–7.4. Rules read the parser's cleaned lines (Markdown emphasis already removed) and
go back to the printed line only where spaces matter (TXT-004) and to give a column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from ...parsing.lines import Line
from ...text import fold, tone_variants
from ..context import CheckContext
from ..model import Hit, Severity, rule

SRC_STYLE = "HD05 §6.1 (tiếng Việt phổ thông, đúng chính tả); thực tiễn"

# ---------------------------------------------------------------- shared helpers


@lru_cache(maxsize=4096)
def _heading_like(text: str) -> bool:
    """A line in capitals (section heading, signature title): not running text."""
    if text.islower():
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= 4 and sum(map(str.isupper, text)) >= 0.8 * letters


def _content(ctx: CheckContext) -> list[Line]:
    """The body without header, title and closing (cleaned lines, not joined)."""
    return [ln for ln in ctx.analysis.main if ln.text]


def _recipients(ctx: CheckContext) -> list[Line]:
    a = ctx.analysis
    if a.recipients_start is None:
        return []
    end = a.recipients_end if a.recipients_end is not None else len(a.body)
    return [ln for ln in a.body[a.recipients_start : end] if ln.text]


def _document(ctx: CheckContext) -> list[Line]:
    return [ln for ln in ctx.analysis.cleaned if ln.text]


class _Columns:
    """Columns in the printed line of the n-th occurrence of a string on that line.

    Cleaned lines collapse spaces and drop markup, so a column found in them is not the
    printed one; counting occurrences per source line and finding the same occurrence in
    the printed line is.
    """

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx
        self.seen: dict[tuple[int, str], int] = {}

    def next(self, no: int, needle: str) -> int | None:
        k = self.seen.get((no, needle), 0)
        self.seen[(no, needle)] = k + 1
        raw = self.ctx.line(no)
        pos = -1
        for _ in range(k + 1):
            pos = raw.find(needle, pos + 1)
            if pos < 0:
                return None
        return pos + 1


def _snippet(text: str, start: int, end: int, words: int = 2) -> str:
    """The words around text[start:end], for quoting a finding."""
    left = text[:start].split()
    right = text[end:].split()
    head = " ".join(left[-words:])
    tail = " ".join(right[:words])
    core = text[start:end]
    out = f"{head} {core}" if head and not core.startswith(" ") else f"{head}{core}"
    if tail:
        out = f"{out} {tail}" if not core.endswith(" ") else f"{out}{tail}"
    return out.strip()


# ---------------------------------------------------------------- TXT-001 … TXT-005


@rule(
    "TXT-001",
    Severity.WARNING,
    title="Dấu ngoặc kép cân đối",
    message="Dấu ngoặc kép không cân đối.",
    suggestion="Kiểm tra và bổ sung dấu mở hoặc đóng ngoặc kép cho đủ cặp.",
    source=SRC_STYLE,
)
def quotes_balanced(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    straight: list[tuple[Line, int]] = []
    opened: list[tuple[Line, int | None]] = []
    for ln in _document(ctx):
        count = ln.text.count('"')
        if count:
            straight.append((ln, count))
        for ch in ln.text:
            if ch == "“":
                opened.append((ln, cols.next(ln.no, ch)))
            elif ch == "”":
                col = cols.next(ln.no, ch)
                if opened:
                    opened.pop()
                else:
                    yield Hit(
                        ln.no,
                        _quote_context(ln.text, "”"),
                        column=col,
                        message="Dấu ngoặc kép không cân đối: có dấu đóng ngoặc kép (”) nhưng không có dấu mở ngoặc kép (“) trước nó.",
                        suggestion="Thêm dấu mở ngoặc kép (“) ở đầu đoạn được trích dẫn.",
                    )
    for ln, col in opened:
        yield Hit(
            ln.no,
            _quote_context(ln.text, "“"),
            column=col,
            message="Dấu ngoặc kép không cân đối: mở ngoặc kép (“) nhưng không đóng.",
            suggestion="Thêm dấu đóng ngoặc kép (”) ở cuối đoạn được trích dẫn.",
        )
    if sum(c for _, c in straight) % 2:
        ln = next(ln for ln, c in straight if c % 2)
        yield Hit(
            ln.no,
            _quote_context(ln.text, '"'),
            column=_Columns(ctx).next(ln.no, '"'),
            message='Dấu ngoặc kép không cân đối: số dấu ngoặc kép (") là số lẻ.',
            suggestion="Thêm dấu ngoặc kép còn thiếu để đủ cặp.",
        )


def _quote_context(text: str, mark: str) -> str:
    i = text.find(mark) if mark != "”" else text.rfind(mark)
    if i < 0 or len(text) <= 60:
        return text
    return (
        ("… " if i > 30 else "")
        + text[max(0, i - 30) : i + 30].strip()
        + (" …" if i + 30 < len(text) else "")
    )


_BRACKETS = re.compile(r"[()]")
_LIST_MARK_BEFORE = re.compile(r"(?:^|[\s,;:])(?:[a-zđA-ZĐ]|\d{1,2})$")


@rule(
    "TXT-002",
    Severity.WARNING,
    title="Dấu ngoặc đơn cân đối",
    message="Dấu ngoặc đơn không cân đối.",
    suggestion="Thêm dấu đóng hoặc mở ngoặc đơn còn thiếu.",
    source=SRC_STYLE,
)
def parentheses_balanced(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    stack: list[tuple[Line, int | None, int]] = []
    for ln in _document(ctx):
        text = ln.text
        if "(" not in text and ")" not in text:
            continue
        for bracket in _BRACKETS.finditer(text):
            i, ch = bracket.start(), bracket.group(0)
            if ch == "(":
                stack.append((ln, cols.next(ln.no, ch), i))
            elif ch == ")":
                col = cols.next(ln.no, ch)
                if stack:
                    stack.pop()
                elif _LIST_MARK_BEFORE.search(text[:i]):
                    continue  # "a) …", "1) …": a list marker, not a bracket
                else:
                    yield Hit(
                        ln.no,
                        _snippet(text, i, i + 1, 4),
                        column=col,
                        message=f"Dấu ngoặc đơn không cân đối: đóng ngoặc ở dòng {ln.no} nhưng không có dấu mở ngoặc.",
                        suggestion="Thêm dấu mở ngoặc “(” hoặc bỏ dấu đóng ngoặc thừa.",
                    )
    for ln, col, i in stack:
        tail = ln.text[i:]
        quoted = tail if len(tail) <= 50 else tail[:50].rsplit(" ", 1)[0] + " …"
        yield Hit(
            ln.no,
            quoted,
            column=col,
            message=f"Dấu ngoặc đơn không cân đối: mở ngoặc ở dòng {ln.no} nhưng không đóng.",
            suggestion="Thêm dấu đóng ngoặc “)” ở cuối phần chú thích.",
        )


@rule(
    "TXT-003",
    Severity.INFO,
    title="Một kiểu dấu ngoặc kép trong văn bản",
    message='Dùng lẫn hai kiểu dấu ngoặc kép (thẳng "…" và cong “…”) trong một văn bản.',
    suggestion="Thống nhất một kiểu dấu ngoặc kép trong toàn văn bản.",
    source="thực tiễn",
)
def one_quote_style(ctx: CheckContext) -> Iterator[Hit]:
    straight = [ln for ln in _document(ctx) if '"' in ln.text]
    curly = [ln for ln in _document(ctx) if "“" in ln.text or "”" in ln.text]
    if not straight or not curly:
        return
    # Point at the style used less (on a tie, the one that appears second).
    if len(curly) < len(straight) or (len(curly) == len(straight) and curly[0].no > straight[0].no):
        ln, mark, other = curly[0], "“" if "“" in curly[0].text else "”", "thẳng"
        first_other = straight[0]
    else:
        ln, mark, other = straight[0], '"', "cong"
        first_other = curly[0]
    yield Hit(
        ln.no,
        _quote_context(ln.text, mark),
        column=_Columns(ctx).next(ln.no, mark),
        message=(
            'Dùng lẫn hai kiểu dấu ngoặc kép (thẳng "…" và cong “…”): '
            f"{len(straight)} dòng dùng ngoặc thẳng, {len(curly)} dòng dùng ngoặc cong "
            f"(ngoặc {other} từ dòng {first_other.no})."
        ),
        suggestion=f"Thống nhất một kiểu; sửa dấu ngoặc ở dòng {ln.no} theo kiểu ngoặc {other}.",
    )


_REPEATED = re.compile(r"(?<=\S) {2,}(?=\S)")
_BEFORE_PUNCT = re.compile(r"(?<=\S)[ \t]+(?P<p>[,;:!?]|\.(?!\.))")
_TABLE_GAP = re.compile(r"\S(?:\t| {4,})\S")
_SPACE_BEFORE_MARK = re.compile(r"[ \t][,;:!?.]")


@rule(
    "TXT-004",
    Severity.INFO,
    title="Không thừa dấu cách, không có dấu cách trước dấu câu",
    message="Thừa dấu cách hoặc có dấu cách trước dấu câu.",
    suggestion="Chỉ dùng một dấu cách giữa hai từ; viết dấu câu liền sau từ đứng trước.",
    source=SRC_STYLE,
)
def spacing(ctx: CheckContext) -> Iterator[Hit]:
    for no, raw in enumerate(ctx.source.lines, 1):
        text = raw.strip()
        if (
            not text
            or text.startswith("|")
            or (("\t" in text or "    " in text) and _TABLE_GAP.search(text))
        ):
            continue  # a flattened table row: its gaps are column borders
        if "  " not in text and not _SPACE_BEFORE_MARK.search(text):
            continue  # the common case, decided by one cheap scan
        offset = len(raw) - len(raw.lstrip())
        found: list[tuple[int, int, str]] = []
        for m in _REPEATED.finditer(text):
            found.append((m.start(), m.end(), "thừa dấu cách"))
        for m in _BEFORE_PUNCT.finditer(text):
            found.append((m.start(), m.end(), f"dấu cách trước dấu “{m.group('p')}”"))
        if not found:
            continue
        found.sort()
        start, end, _ = found[0]
        kinds = sorted({k for _, _, k in found}, key=lambda k: k != "thừa dấu cách")
        yield Hit(
            no,
            _snippet(text, start, end, 1),
            column=offset + start + 1,
            message=f"Thừa dấu cách hoặc có dấu cách trước dấu câu ({', '.join(kinds)}).",
            suggestion="Viết: " + _fix_spaces(_snippet(text, start, end, 1)),
        )


def _fix_spaces(text: str) -> str:
    text = re.sub(r" {2,}", " ", text)
    return re.sub(r"\s+([,;:!?]|\.(?!\.))", r"\1", text)


_OLD = re.compile(
    r"(?:[oO][àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?!\w)"
)  # not after q: see _after_q
_NEW = re.compile(r"(?:[òóỏõọÒÓỎÕỌ][aAeE]|[ùúủũụÙÚỦŨỤ][yY])(?!\w)")
_WORD_AT = re.compile(r"\w+$")


def _word_ending(text: str, end: int) -> str:
    m = _WORD_AT.search(text[:end])
    return m.group(0) if m else text[:end]


@rule(
    "TXT-005",
    Severity.INFO,
    title="Một kiểu đặt dấu thanh trong văn bản",
    message="Dùng lẫn hai kiểu đặt dấu thanh (uỷ/ủy, hoá/hóa).",
    suggestion="Thống nhất một kiểu đặt dấu thanh trong toàn văn bản (kiểu mới: hóa, hòa, ủy).",
    source="thực tiễn",
)
def one_tone_style(ctx: CheckContext) -> Iterator[Hit]:
    old: list[tuple[Line, str]] = []
    new: list[tuple[Line, str]] = []
    for ln in _document(ctx):
        for m in _OLD.finditer(ln.text):
            if m.start() and ln.text[m.start() - 1] in "qQ":
                continue  # "quý": the u belongs to the consonant
            old.append((ln, _word_ending(ln.text, m.end())))
        for m in _NEW.finditer(ln.text):
            new.append((ln, _word_ending(ln.text, m.end())))
    if not old or not new:
        return
    minority = old if len(old) <= len(new) else new
    ln, word = minority[0]
    examples_old = _examples(old)
    examples_new = _examples(new)
    yield Hit(
        ln.no,
        word,
        column=_Columns(ctx).next(ln.no, word),
        message=(
            "Dùng lẫn hai kiểu đặt dấu thanh: kiểu cũ "
            f"({examples_old}; {len(old)} lần) và kiểu mới ({examples_new}; {len(new)} lần)."
        ),
        suggestion=(
            "Thống nhất một kiểu đặt dấu thanh, ví dụ kiểu "
            + ("mới: hóa, hòa, ủy." if minority is old else "cũ: hoá, hoà, uỷ.")
        ),
    )


def _examples(found: list[tuple[Line, str]]) -> str:
    words: list[str] = []
    for ln, word in found:
        shown = f"{word} (dòng {ln.no})"
        if not any(w.startswith(f"{word} ") for w in words):
            words.append(shown)
        if len(words) == 3:
            break
    return ", ".join(words)


# ---------------------------------------------------------------- TXT-006

_ABBR = re.compile(r"(?<![\w/&-])[A-ZĐ]{2,}(?:[-&][A-ZĐ]{1,})*(?![\w/&-])")
_ROMAN = re.compile(r"^(?=[IVXLC]+$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_CHUNK = re.compile(r"\S+")
_TWO_CAPS = re.compile(r"[A-ZĐ]{2}")
_CAPS_WORD = re.compile(r"[^\W\d_]+")
# Capital letters of Vietnamese words that never occur in an abbreviation: a word in
# capitals with one of them ("KẾ", "HOẠCH") is text written in capitals, not an acronym.
_VIET_CAPS = frozenset("ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ")


def _in_caps_phrase(text: str, start: int, end: int) -> bool:
    """Is text[start:end] part of a phrase written in capitals ("HỒ CHÍ MINH")?

    The run of words in capitals around it counts as text in capitals when one of them
    has a Vietnamese vowel mark ("ĐẢNG CỘNG SẢN VIỆT NAM QUANG VINH").
    """

    def caps(word: str) -> str | None:
        letters = "".join(_CAPS_WORD.findall(word))
        return letters if len(letters) >= 2 and letters.isupper() else None

    run: list[str] = []
    for words in (reversed(text[:start].split()), text[end:].split()):
        for w in words:
            letters = caps(w)
            if letters is None:
                break
            run.append(letters)
    return any(set(w) & _VIET_CAPS for w in run)


@rule(
    "TXT-006",
    Severity.INFO,
    title="Chữ viết tắt được giải thích ở lần dùng đầu tiên",
    message="Chữ viết tắt chưa được giải thích ở lần dùng đầu tiên.",
    suggestion="Lần đầu viết đầy đủ cụm từ, chữ viết tắt đặt trong ngoặc đơn ngay sau, ví dụ: Mặt trận Tổ quốc (MTTQ).",
    source="HD05 §6.1.3",
)
def abbreviations_explained(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    first: dict[str, tuple[Line, int | None, bool]] = {}
    for ln in _content(ctx):
        text = ln.text
        if _heading_like(text):
            continue
        if _TWO_CAPS.search(text) is None:
            continue  # no run of capitals: nothing to look at (most lines)
        for chunk in _CHUNK.finditer(text):
            word = chunk.group(0)
            if _TWO_CAPS.search(word) is None:
                continue
            if "/" in word or any(c.isdigit() for c in word):
                continue  # a number-symbol ("20-CT/TW", "60/KH-LĐLĐ") or "Covid-19"
            for m in _ABBR.finditer(word):
                abbr = m.group(0)
                if _ROMAN.match(abbr) or abbr in first:
                    continue
                start = chunk.start() + m.start()
                end = chunk.start() + m.end()
                if _in_caps_phrase(text, start, end):
                    continue
                defined = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
                defined = defined or bool(
                    re.search(r"\((?:[^()]*\s)?(?:gọi tắt là|viết tắt là)\s*$", text[:start])
                )
                first[abbr] = (ln, cols.next(ln.no, abbr), defined)
    for abbr, (ln, col, defined) in first.items():
        if not defined:
            yield Hit(
                ln.no,
                abbr,
                column=col,
                message=f"Chữ viết tắt chưa được giải thích ở lần dùng đầu tiên: {abbr}.",
                suggestion=f"Lần đầu viết đầy đủ cụm từ rồi đặt ({abbr}) ngay sau, hoặc không viết tắt.",
            )


# ---------------------------------------------------------------- CAP


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Case- and tone-placement-insensitive pattern for a phrase ("Văn hóa" ≈ "văn hoá")."""
    parts: list[str] = []
    for word in phrase.split():
        if word in {"-", "–"}:
            parts.append(r"\s*[-–]\s*")
            continue
        alt = "|".join(re.escape(v) for v in sorted(tone_variants(word), key=len, reverse=True))
        if parts and not parts[-1].endswith(r"\s*"):
            parts.append(r"\s+")
        parts.append(f"(?:{alt})")
    return re.compile(r"(?<!\w)" + "".join(parts) + r"(?!\w)", re.IGNORECASE)


@cache
def _folded_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in fold(name).split() if w != "-")


def _case_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-–]+", text) if w]


# Canonical names (NĐ30 PL II §IV: capitalise the words naming the type and function of
# the body). ``True``: the name is specific enough to report even when written all in
# lower case ("ban thường vụ"); ``False``: only when some word is already capitalised
# ("phòng Y tế"), because the lower-case phrase is also a common noun ("phòng y tế").
_ORG_NAMES: tuple[tuple[str, bool], ...] = (
    ("Ban Tuyên giáo và Dân vận", True),
    ("Ban Tuyên giáo", True),
    ("Ban Dân vận", True),
    ("Ban Thường vụ", True),
    ("Ban Chấp hành", True),
    ("Ban Bí thư", True),
    ("Bộ Chính trị", True),
    ("Ban Tổ chức", False),
    ("Ban Nội chính", True),
    ("Ủy ban Kiểm tra", True),
    ("Mặt trận Tổ quốc", True),
    ("Liên đoàn Lao động", True),
    ("Văn phòng Trung ương Đảng", True),
    ("Văn phòng Tỉnh ủy", True),
    ("Văn phòng Thành ủy", True),
    ("Văn phòng Quận ủy", True),
    ("Văn phòng Huyện ủy", True),
    ("Văn phòng Thị ủy", True),
    ("Văn phòng Đảng ủy", True),
    ("Phòng Văn hóa và Thông tin", True),
    ("Phòng Văn hóa - Thông tin", True),
    ("Phòng Văn hóa Thông tin", True),
    ("Phòng Nội vụ", True),
    ("Phòng Giáo dục và Đào tạo", True),
    ("Phòng Tư pháp", True),
    ("Phòng Tài chính - Kế hoạch", True),
    ("Phòng Tài nguyên và Môi trường", True),
    ("Phòng Lao động - Thương binh và Xã hội", True),
    ("Phòng Y tế", False),
    ("Phòng Kinh tế", False),
)
_ORG_FIRST_WORDS = (
    "ban ",
    "bộ ",
    "ủy ban",
    "uỷ ban",
    "mặt trận",
    "liên đoàn",
    "văn phòng",
    "phòng ",
)
_ORG_BY_KEY = {fold(name): (name, strict) for name, strict in _ORG_NAMES}
_ANY_ORG = re.compile("|".join(re.escape(k) for k in sorted(_ORG_BY_KEY, key=len, reverse=True)))
# A lower-case first word glued to the word before it is a different word ("cán bộ
# chính trị", "quốc phòng"), and "các phòng nội vụ" is the common noun.
_COMPOUND_BEFORE = frozenset({"can", "dong", "van", "quoc", "du", "de", "bien", "co", "tru"})
_GENERIC_BEFORE = frozenset({"cac", "nhung", "moi", "tung", "nhieu"})


def _word_before(text: str, start: int) -> str:
    m = re.search(r"(\w+)\W*$", text[:start])
    return fold(m.group(1)) if m else ""


@rule(
    "CAP-5",
    Severity.INFO,
    title="Tên cơ quan, tổ chức viết hoa đúng",
    message="Tên cơ quan, tổ chức viết hoa chưa đúng.",
    suggestion="Viết hoa chữ cái đầu các từ chỉ loại hình và chức năng của cơ quan, tổ chức.",
    source="NĐ30 PL II §IV (viết hoa tên cơ quan, tổ chức)",
)
def organisation_names(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in [*_content(ctx), *_recipients(ctx)]:
        text = ln.text
        if _heading_like(text):
            continue
        low = text.lower()
        if not any(word in low for word in _ORG_FIRST_WORDS):
            continue
        key = fold(text)
        present = {_ORG_BY_KEY[m.group(0)] for m in _ANY_ORG.finditer(key)}
        if not present:
            continue  # no organisation name on this line (most lines): one search, not thirty
        taken: list[tuple[int, int]] = []
        for name, strict in _ORG_NAMES:
            if (name, strict) not in present:
                continue  # only the names the folded line holds get the exact (slower) pattern
            for m in _phrase_pattern(name).finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                found = m.group(0)
                got = _case_words(found)
                want = _case_words(name)
                if len(got) != len(want) or all(w.isupper() for w in got):
                    continue
                if [w[0].isupper() for w in got] == [w[0].isupper() for w in want]:
                    continue
                if not any(w[0].isupper() for w in got):
                    before = _word_before(text, m.start())
                    if not strict or before in _COMPOUND_BEFORE or before in _GENERIC_BEFORE:
                        continue
                yield Hit(
                    ln.no,
                    found,
                    column=cols.next(ln.no, found),
                    message=f"Tên cơ quan, tổ chức viết hoa chưa đúng: {found}.",
                    suggestion=f"Viết: {name}",
                )


_GENERIC_UNITS = ("Thị xã", "Thị trấn", "Tỉnh", "Huyện", "Quận", "Xã", "Phường")
_UNIT_RE = re.compile(
    r"(?<!\w)(?P<g>"
    + "|".join(_GENERIC_UNITS)
    + r")(?P<sp>\s+)(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){0,3})"
)
_BOUNDARY = frozenset('.!?:;“"(-–•+')
# Words after "Quận", "Huyện" … that make an organisation, not a place ("Quận Ủy", "Huyện Đoàn").
_NOT_PLACE = frozenset({"uy", "doan", "doi", "hoi", "ban", "dang", "cong", "chi", "uy ban"})
# Places named after a person or an event keep the capital (NĐ30 PL II §III.1).
_PERSON_OR_EVENT = frozenset(
    {
        "dien bien phu",
        "hai ba trung",
        "quang trung",
        "le loi",
        "tran hung dao",
        "hoang van thu",
        "nguyen trai",
        "ngo quyen",
        "le chan",
        "ly thuong kiet",
        "phan chu trinh",
        "phan boi chau",
        "nguyen du",
    }
)
_SURNAMES = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "dinh",
        "trinh",
    ]
)


def _mid_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    before = re.sub(
        r"^(?:[-–+•]|[IVXLC]+\s*[.\-]|\d{1,2}(?:\.\d{1,2})*\.?|[a-zđ]\))\s*", "", before
    )
    return bool(before) and before[-1] not in _BOUNDARY


@rule(
    "CAP-3",
    Severity.INFO,
    title="Tên đơn vị hành chính: danh từ chung viết thường, tên riêng viết hoa",
    message="Danh từ chung chỉ đơn vị hành chính đứng trước tên riêng viết thường.",
    suggestion="Viết thường danh từ chung, viết hoa tên riêng: quận Long Biên, tỉnh Nam Định.",
    source="NĐ30 PL II §III.1 (tên đơn vị hành chính)",
)
def administrative_units(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _content(ctx):
        text = ln.text
        if _heading_like(text):
            continue
        for m in _UNIT_RE.finditer(text):
            words: list[str] = []
            for w in m.group("name").split():
                if not w[0].isupper() or (len(w) > 1 and w.isupper()):
                    break
                words.append(w)
            if not words or fold(words[0]) in _NOT_PLACE:
                continue
            name = " ".join(words)
            key = fold(name)
            if key in _PERSON_OR_EVENT or (len(words) >= 2 and fold(words[0]) in _SURNAMES):
                continue  # possibly named after a person: "Phường Hoàng Văn Thụ"
            if not _mid_sentence(text, m.start()):
                continue
            generic = m.group("g")
            found = f"{generic}{m.group('sp')}{name}"
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Danh từ chung chỉ đơn vị hành chính viết thường trước tên riêng: {found}.",
                suggestion=f"Viết: {generic.lower()} {name}",
            )


_PEOPLE = re.compile(r"(?<!\w)nhân dân(?!\w)")
_STATE = re.compile(r"(?<!\w)(?P<before>Đảng\s*(?:,|và)\s*)nhà nước(?!\w)")
# "nhân dân" as part of a name or an adjective stays lower case (§4.5 CAP-6).
_PEOPLE_EXCEPTIONS = (
    "uy ban",
    "hoi dong",
    "cong an",
    "quan doi",
    "toa an",
    "vien kiem sat",
    "nghe si",
    "nha giao",
    "thay thuoc",
    "nghe nhan",
    "vu trang",
    "chien tranh",
    "an ninh",
    "dan chu",
    "bao",
    "dai bieu",
    "cong hoa",
    "hdnd",
    "ubnd",
)


def _people_exception(text: str, start: int, end: int) -> bool:
    before = fold(text[:start]).rstrip()
    after = fold(text[end:]).lstrip()
    return (
        any(
            before.endswith(e) and (len(before) == len(e) or before[-len(e) - 1] == " ")
            for e in _PEOPLE_EXCEPTIONS
        )
        or re.match(r"te\b", after) is not None
    )


@rule(
    "CAP-6",
    Severity.INFO,
    title="Viết hoa Nhân dân (chỉ nhân dân nói chung), Nhà nước",
    message="Viết hoa chữ cái đầu của Nhân dân khi dùng với nghĩa nhân dân nói chung.",
    suggestion="Viết: Nhân dân",
    source="NĐ30 PL II §V (danh từ đặc biệt: Nhân dân, Nhà nước)",
)
def people_capitalised(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _content(ctx):
        text = ln.text
        if _heading_like(text):
            continue
        for m in _PEOPLE.finditer(text) if "nhân dân" in text else ():
            col = cols.next(ln.no, "nhân dân")
            if _people_exception(text, m.start(), m.end()):
                continue
            yield Hit(
                ln.no,
                m.group(0),
                column=col,
                message="Viết hoa chữ cái đầu của Nhân dân khi dùng với nghĩa nhân dân nói chung.",
            )
        for m in _STATE.finditer(text) if "nhà nước" in text else ():
            yield Hit(
                ln.no,
                "nhà nước",
                column=cols.next(ln.no, "nhà nước"),
                message="Viết hoa chữ cái đầu của Nhà nước khi chỉ Nhà nước Việt Nam.",
                suggestion=f"Viết: {m.group('before')}Nhà nước",
            )
