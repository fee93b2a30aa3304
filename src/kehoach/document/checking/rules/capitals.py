"""Capitalisation rules of NĐ30 Phụ lục II that a checker can test (document-format.md §4.5).

CAP-3, CAP-5 and CAP-6 live in ``text.py``; this module holds the others. Every rule
prefers precision to recall: it reports only patterns it is sure about, found with small
curated dictionaries (medals, holidays, historical events, terrain words, lunar years …),
and stays silent on anything that could be a common noun or a sentence written in
capitals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ...parsing.lines import Line
from ...text import fold
from ..context import CheckContext, per_context
from ..model import Hit, Severity, rule
from .text import (
    _SURNAMES,
    _VIET_CAPS,
    _case_words,
    _Columns,
    _content,
    _heading_like,
    _mid_sentence,
    _phrase_pattern,
    _word_before,
)

SRC = "NĐ30 PL II"
_CAPS = "".join(sorted(_VIET_CAPS))
_UP = f"[A-ZĐ{_CAPS}]"  # a capital letter (À-Ỹ as a range would take lower case too)
_LO = f"[a-zđ{_CAPS.lower()}]"

# ---------------------------------------------------------------- shared helpers


@per_context
def _running_text(ctx: CheckContext) -> list[Line]:
    """Body lines that are running text (not headings or lines in capitals)."""
    return [ln for ln in _content(ctx) if not _heading_like(ln.text)]


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _initials(words: Iterable[str]) -> list[bool]:
    return [w[:1].isupper() for w in words]


@dataclass(frozen=True)
class _Name:
    """A canonical name from a dictionary.

    ``strict``: report it even when written wholly in lower case (the lower-case phrase
    is not also a common noun). ``after``: folded words one of which must come right
    before the name ("ngày" before "Nhà giáo Việt Nam").
    """

    canonical: str
    strict: bool = True
    after: frozenset[str] = frozenset()


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """fold() of a line, shared by the dictionary rules that look at the same lines."""
    return fold(text)


@lru_cache(maxsize=64)
def _finder(names: tuple[_Name, ...]) -> tuple[re.Pattern[str], dict[str, _Name]]:
    """One pattern for the folded forms of a whole dictionary (longest first)."""
    by_key = {fold(n.canonical): n for n in names}
    pattern = "|".join(re.escape(k) for k in sorted(by_key, key=len, reverse=True))
    return re.compile(pattern), by_key


def _dictionary_hits(
    ctx: CheckContext, names: tuple[_Name, ...], *, skip_first: bool = False
) -> Iterator[tuple[Line, str, str, int | None]]:
    """(line, found, the found text recased, column) for each mis-cased dictionary name.

    At the start of a sentence the first word may be capitalised whatever the canonical
    form says. ``skip_first``: the first word is not judged at all (another check does).
    A name right after a capitalised word is part of a longer name ("Hoàng Quốc Khánh").
    """
    cols = _Columns(ctx)
    finder, by_key = _finder(names)
    for ln in _running_text(ctx):
        text = ln.text
        key = _folded(text)
        present = {by_key[m.group(0)] for m in finder.finditer(key)}
        if not present:
            continue  # one search of the folded line instead of one test per name
        taken: list[tuple[int, int]] = []
        for name in names:
            if name not in present:
                continue
            for m in _phrase_pattern(name.canonical).finditer(text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                found = m.group(0)
                col = cols.next(ln.no, found)
                got = _case_words(found)
                want = _case_words(name.canonical)
                if len(got) != len(want) or all(w.isupper() for w in got):
                    continue
                if name.after and _word_before(text, m.start()) not in name.after:
                    continue
                have = _initials(got)
                need = _initials(want)
                free = not _mid_sentence(text, m.start()) or skip_first
                if free:
                    have[0] = need[0]  # sentence start: the first letter is free
                before = re.search(r"(\w+)\W*$", text[: m.start()])
                if (
                    before
                    and before.group(1)[:1].isupper()
                    and _mid_sentence(text, m.start())
                    and text[before.end(1) : m.start()].strip() == ""
                ):
                    continue  # glued to a capitalised word: part of another name
                if have == need:
                    continue
                if not any(have) and not name.strict:
                    continue
                fixed = _recase(found, name.canonical)
                yield ln, found, found[:1] + fixed[1:] if free else fixed, col


def _recase(found: str, canonical: str) -> str:
    """The found text with the initials of the canonical form (keeps the tone style)."""
    want = _initials(_case_words(canonical))
    out: list[str] = []
    i = 0
    for part in re.split(r"([\s\-–]+)", found):
        if not part or re.fullmatch(r"[\s\-–]+", part):
            out.append(part)
            continue
        first = part[:1].upper() if i < len(want) and want[i] else part[:1].lower()
        out.append(first + part[1:])
        i += 1
    return "".join(out)


# ---------------------------------------------------------------- CAP-1

# A sentence ends with a word of at least two letters and ".", "?" or "!" (not "...",
# "…", "TP.", "1.", "v.v."); the next word starting with a lower-case letter is wrong.
_SENTENCE_END = re.compile(r"(?<![\w.])(?P<word>[^\W\d_]{2,})[.?!]\s+(?P<next>[^\W\d_]+)")
_ABBREVIATIONS = frozenset(
    {"tp", "tr", "ths", "ts", "pgs", "gs", "cn", "bs", "ks", "ds", "th", "tt", "st", "vd", "vs"}
)
_ITEM_MARK = re.compile(r"^(?:[-–+•]\s*|[a-zđ]\)\s*|\d{1,2}(?:\.\d{1,2})*[.)]\s*)?")
_TERMINAL = re.compile(r"(?<![.…])[.?!][”\")]?$")


@rule(
    "CAP-1",
    Severity.INFO,
    title="Viết hoa chữ cái đầu câu",
    message="Chữ cái đầu câu chưa viết hoa.",
    suggestion="Viết hoa chữ cái đầu câu: sau dấu chấm, dấu chấm hỏi, dấu chấm than và đầu đoạn.",
    source=f"{SRC} §I (viết hoa vì phép đặt câu)",
)
def sentence_start(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    previous = ""
    for ln in _running_text(ctx):
        text = ln.text
        # A new paragraph after a finished sentence: "- kết quả …" after "… năm 2023."
        if _TERMINAL.search(previous):
            mark = _ITEM_MARK.match(text)
            rest = text[mark.end() if mark else 0 :]
            word = re.match(r"[^\W\d_]+", rest)
            if word and word.group(0)[0].islower():
                found = word.group(0)
                yield Hit(
                    ln.no,
                    _first_words(rest),
                    column=cols.next(ln.no, found),
                    message=f"Chữ cái đầu đoạn chưa viết hoa: {found}.",
                    suggestion=f"Viết: {_cap(found)}",
                )
        previous = text
        for m in _SENTENCE_END.finditer(text):
            if fold(m.group("word")) in _ABBREVIATIONS or m.group("word").isupper():
                continue
            nxt = m.group("next")
            if not nxt[0].islower():
                continue
            found = text[m.start("word") : m.end("next")]
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Chữ cái đầu câu chưa viết hoa: {nxt} (sau dấu “{text[m.end('word')]}”).",
                suggestion=f"Viết: {found[: m.start('next') - m.start('word')]}{_cap(nxt)}",
            )


def _first_words(text: str, n: int = 4) -> str:
    return " ".join(text.split()[:n])


# ---------------------------------------------------------------- CAP-2

_COMRADE = re.compile(
    r"(?<!\w)(?:đồng chí|Đồng chí|đ/c|Đ/c)\s+(?P<name>[^\W\d_]+(?:[ \t]+[^\W\d_]+){1,3})"
)


# Middle names common enough that a lower-case one between capitalised words of a name
# is surely a slip ("Nguyễn văn An"); any other lower-case word ends the name.
_MIDDLE_NAMES = frozenset(
    {"van", "thi", "duc", "huu", "minh", "quoc", "thanh", "xuan", "ngoc", "dinh", "cong"}
    | {"quang", "hong", "kim", "ba", "duy", "trong", "the", "tien", "manh", "anh", "thu"}
)


def _name_fix(words: list[str]) -> tuple[str, str] | None:
    """(found, fixed) when ``words`` start with a surname and are a mis-cased name."""
    if not words or fold(words[0]) not in _SURNAMES:
        return None
    name = [words[0]]
    for w in words[1:]:
        if not w[:1].isupper() and fold(w) not in _MIDDLE_NAMES:
            break
        name.append(w)
    # The name ends with its last capitalised word; a lower-case tail is running text.
    while len(name) > 1 and not name[-1][:1].isupper():
        name.pop()
    if len(name) < 2:
        return None
    if all(w[:1].isupper() for w in name) or any(w.isupper() and len(w) > 1 for w in name):
        return None
    fixed = ["-".join(_cap(p) for p in w.split("-")) for w in name]
    return " ".join(name), " ".join(fixed)


@rule(
    "CAP-2",
    Severity.INFO,
    title="Tên người viết hoa chữ cái đầu tất cả các âm tiết",
    message="Tên người chưa viết hoa chữ cái đầu tất cả các âm tiết.",
    suggestion="Viết hoa chữ cái đầu của tất cả các âm tiết trong tên người, ví dụ Nguyễn Văn An.",
    source=f"{SRC} §II.1 (tên người Việt Nam)",
)
def personal_names(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        for m in _COMRADE.finditer(ln.text):
            fix = _name_fix(m.group("name").split())
            if fix is None:
                continue
            found, fixed = fix
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Tên người chưa viết hoa chữ cái đầu tất cả các âm tiết: {found}.",
                suggestion=f"Viết: {fixed}",
            )
    signer = ctx.plan.signer
    if signer is None or signer.line is None:
        return
    for ln in ctx.closing_lines:
        if ln.no <= signer.line or ln.no > signer.line + 8:
            continue
        text = ln.text.strip()
        words = text.split()
        if not 2 <= len(words) <= 5 or re.search(r"[\d:;,()/]", text):
            continue
        fix = _name_fix(words)
        if fix is None or fix[0] != text:
            continue
        yield Hit(
            ln.no,
            text,
            column=cols.next(ln.no, text),
            message=f"Tên người ký chưa viết hoa chữ cái đầu tất cả các âm tiết: {text}.",
            suggestion=f"Viết: {fix[1]}",
        )


# ---------------------------------------------------------------- CAP-4

# Rivers, mountains, bays and passes whose name is certain after the generic word.
_TERRAIN_NAMES: tuple[_Name, ...] = tuple(
    _Name(n)
    for n in (
        "sông Hồng",
        "sông Đà",
        "sông Mã",
        "sông Hương",
        "sông Hàn",
        "sông Cửu Long",
        "sông Đuống",
        "sông Bạch Đằng",
        "sông Gianh",
        "sông Bến Hải",
        "sông Thạch Hãn",
        "sông Sài Gòn",
        "sông Đồng Nai",
        "sông Lô",
        "sông Gâm",
        "núi Ba Vì",
        "núi Ngự Bình",
        "núi Tản Viên",
        "vịnh Hạ Long",
        "đèo Hải Vân",
        "đèo Pha Đin",
    )
)
# Regions named from compass words: every syllable capitalised.
_REGIONS = ("Tây Bắc", "Đông Bắc", "Tây Nam Bộ", "Đông Nam Bộ", "Bắc Bộ", "Trung Bộ", "Nam Bộ")
_REGION_RE = re.compile(
    r"(?<!\w)(?P<r>"
    + "|".join(sorted((re.escape(r) for r in _REGIONS), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_TERRAIN_GENERIC = re.compile(rf"(?<!\w)(?P<g>Sông|Núi|Vịnh|Đèo)\s+(?={_UP})")
# Words before a terrain name that make it a place, not an organisation ("Công ty Sông Đà").
_LOCATIVE = frozenset({"tren", "doc", "ven", "bo", "qua", "vuot", "chan", "dinh", "luu", "vung"})


@rule(
    "CAP-4",
    Severity.INFO,
    title="Tên địa lý: danh từ chung viết thường, tên riêng và tên vùng viết hoa",
    message="Tên địa lý viết hoa chưa đúng.",
    suggestion="Viết thường danh từ chung chỉ địa hình, viết hoa tên riêng: sông Hồng, vịnh Hạ Long; tên vùng viết hoa tất cả các âm tiết: Tây Bắc, Nam Bộ.",
    source=f"{SRC} §III.2 (tên địa lý)",
)
def geographical_names(ctx: CheckContext) -> Iterator[Hit]:
    # The generic word in capitals is judged below (only after a locative word).
    for ln, found, fixed, col in _dictionary_hits(ctx, _TERRAIN_NAMES, skip_first=True):
        yield Hit(
            ln.no,
            found,
            column=col,
            message=f"Tên địa lý viết hoa chưa đúng: {found}.",
            suggestion=f"Viết: {fixed}",
        )
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        for m in _REGION_RE.finditer(text):
            found = m.group("r")
            words = found.split()
            # Only a half-capitalised region is certain ("Tây bắc"); "phía tây bắc" is
            # a direction and stays lower case.
            if not words[0][0].isupper() or all(w[0].isupper() for w in words):
                continue
            if not _mid_sentence(text, m.start()) and len(words) == 2 and fold(words[1]) != "bo":
                continue  # "Tây bắc" at a sentence start may be a direction
            fixed = " ".join(_cap(w) for w in words)
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Tên vùng, miền viết hoa tất cả các âm tiết: {found}.",
                suggestion=f"Viết: {fixed}",
            )
        for m in _TERRAIN_GENERIC.finditer(text):
            if not _mid_sentence(text, m.start()):
                continue
            if _word_before(text, m.start()) not in _LOCATIVE:
                continue
            name = re.match(rf"[^\W\d_]+(?:\s+{_UP}[^\W\d_]*){{0,2}}", text[m.end() :])
            if name is None:
                continue
            generic = m.group("g")
            found = f"{generic} {name.group(0)}"
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Danh từ chung chỉ địa hình viết thường: {found}.",
                suggestion=f"Viết: {generic.lower()} {name.group(0)}",
            )


# ---------------------------------------------------------------- CAP-7

_HONOURS: tuple[_Name, ...] = (
    _Name("Huân chương Sao vàng"),
    _Name("Huân chương Hồ Chí Minh"),
    _Name("Huân chương Độc lập"),
    _Name("Huân chương Quân công"),
    _Name("Huân chương Lao động"),
    _Name("Huân chương Chiến công"),
    _Name("Huân chương Bảo vệ Tổ quốc"),
    _Name("Huân chương Kháng chiến"),
    _Name("Huân chương Dũng cảm"),
    _Name("Huân chương Hữu nghị"),
    _Name("Huân chương Đại đoàn kết dân tộc"),
    _Name("Huy chương Chiến sĩ vẻ vang"),
    _Name("Huy chương Quân kỳ quyết thắng"),
    _Name("Huy chương Hữu nghị"),
    _Name("Anh hùng Lực lượng vũ trang nhân dân", strict=False),
    _Name("Anh hùng Lao động", strict=False),
    _Name("Bà mẹ Việt Nam Anh hùng"),
    _Name("Nghệ sĩ Nhân dân"),
    _Name("Nghệ sĩ Ưu tú"),
    _Name("Nhà giáo Nhân dân"),
    _Name("Nhà giáo Ưu tú"),
    _Name("Thầy thuốc Nhân dân"),
    _Name("Thầy thuốc Ưu tú"),
    _Name("Nghệ nhân Nhân dân"),
    _Name("Nghệ nhân Ưu tú"),
    _Name("Giải thưởng Hồ Chí Minh"),
    _Name("Giải thưởng Nhà nước"),
)
_MEDALS = tuple(n for n in _HONOURS if n.canonical.startswith(("Huân", "Huy")))
_RANK = re.compile(r"\s+(?P<h>[Hh]ạng)\s+(?P<r>[Nn]hất|[Nn]hì|[Bb]a)(?!\w)")


@rule(
    "CAP-7",
    Severity.INFO,
    title="Tên huân chương, huy chương, danh hiệu vinh dự viết hoa đúng",
    message="Tên huân chương, huy chương, danh hiệu vinh dự viết hoa chưa đúng.",
    suggestion="Viết hoa chữ cái đầu các âm tiết của tên riêng và từ chỉ hạng: Huân chương Lao động hạng Ba, Anh hùng Lao động, Nghệ sĩ Nhân dân.",
    source=f"{SRC} §V.2 (huân chương, huy chương, danh hiệu vinh dự)",
)
def honours(ctx: CheckContext) -> Iterator[Hit]:
    reported: set[tuple[int, str]] = set()
    for ln, found, fixed, col in _dictionary_hits(ctx, _HONOURS):
        reported.add((ln.no, found))
        yield Hit(
            ln.no,
            found,
            column=col,
            message=f"Tên huân chương, danh hiệu viết hoa chưa đúng: {found}.",
            suggestion=f"Viết: {fixed}",
        )
    # The rank: "hạng Ba", not "hạng ba" or "Hạng Ba".
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        if "chương" not in text.lower():
            continue
        for name in _MEDALS:
            for m in _phrase_pattern(name.canonical).finditer(text):
                r = _RANK.match(text, m.end())
                if r is None:
                    continue
                if r.group("h") == "hạng" and r.group("r")[0].isupper():
                    continue
                found = r.group(0).strip()
                yield Hit(
                    ln.no,
                    found,
                    column=cols.next(ln.no, found),
                    message=f"Từ chỉ hạng của huân chương viết chưa đúng: {found}.",
                    suggestion=f"Viết: hạng {_cap(r.group('r').lower())}",
                )


# ---------------------------------------------------------------- CAP-8

_TITLES = (
    "Tổng Bí thư",
    "Phó Bí thư",
    "Bí thư",
    "Phó Chủ tịch",
    "Chủ tịch",
    "Phó Thủ tướng",
    "Thủ tướng",
    "Bộ trưởng",
    "Phó Giáo sư",
    "Giáo sư",
    "Tiến sĩ",
    "Đại tướng",
)
_TITLE_RE = re.compile(
    r"(?<!\w)(?P<t>(?i:"
    + "|".join(re.escape(t) for t in _TITLES)
    + rf"))\s+(?P<name>{_UP}[^\W\d_]*(?:\s+{_UP}[^\W\d_]*){{1,3}})"
)
_TITLE_BY_KEY = {fold(t): t for t in _TITLES}


@rule(
    "CAP-8",
    Severity.INFO,
    title="Chức vụ, học hàm đi liền với tên người viết hoa",
    message="Chức vụ, học hàm, học vị đi liền với tên người chưa viết hoa.",
    suggestion="Viết hoa chức vụ, học hàm đi liền với tên người: Chủ tịch Hồ Chí Minh, Giáo sư Tôn Thất Tùng.",
    source=f"{SRC} §V.3 (chức vụ, học hàm, học vị)",
)
def titles_before_names(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        for m in _TITLE_RE.finditer(text):
            title = m.group("t")
            name = m.group("name").split()
            if fold(name[0]) not in _SURNAMES or name[0][:1] != name[0][:1].upper():
                continue
            if any(w.isupper() and len(w) > 1 for w in name):
                continue
            canonical = _TITLE_BY_KEY[fold(title)]
            have = _initials(title.split())
            need = _initials(canonical.split())
            if not _mid_sentence(text, m.start()):
                have[0] = need[0]
            if have == need:
                continue
            fixed = _recase(title, canonical)
            found = f"{title} {' '.join(name)}"
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Chức vụ, học hàm đi liền với tên người chưa viết hoa: {found}.",
                suggestion=f"Viết: {fixed} {' '.join(name)}",
            )


# ---------------------------------------------------------------- CAP-9

_UNCLE_HO = re.compile(rf"(?<!\w)bác Hồ(?!\w)(?!\s+{_UP})")
_PARTY = re.compile(r"(?<!\w)(?P<p>[Đđ]ảng [Cc]ộng sản) Việt Nam(?!\w)")


@rule(
    "CAP-9",
    Severity.INFO,
    title="Danh từ chung dùng thay danh từ riêng để tôn kính viết hoa (chỉ các trường hợp rõ: Bác Hồ, Đảng Cộng sản Việt Nam)",
    message="Danh từ dùng với nghĩa tôn kính chưa viết hoa.",
    suggestion="Viết: Bác Hồ; Đảng Cộng sản Việt Nam.",
    source=f"{SRC} §V.4 (danh từ chung đã riêng hóa)",
)
def reverential_nouns(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        for m in _UNCLE_HO.finditer(text):
            yield Hit(
                ln.no,
                m.group(0),
                column=cols.next(ln.no, m.group(0)),
                message="Viết hoa chữ Bác khi dùng để chỉ Chủ tịch Hồ Chí Minh: bác Hồ.",
                suggestion="Viết: Bác Hồ",
            )
        for m in _PARTY.finditer(text):
            if m.group("p") == "Đảng Cộng sản":
                continue
            found = m.group(0)
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Tên Đảng viết hoa chưa đúng: {found}.",
                suggestion="Viết: Đảng Cộng sản Việt Nam",
            )


# ---------------------------------------------------------------- CAP-10

_DAY = frozenset({"ngay", "le", "dip"})
_HOLIDAYS: tuple[_Name, ...] = (
    _Name("Quốc khánh"),
    _Name("Quốc tế Lao động"),
    _Name("Quốc tế Phụ nữ"),
    _Name("Quốc tế Thiếu nhi"),
    _Name("Thương binh - Liệt sĩ", after=_DAY),
    _Name("Thương binh Liệt sĩ", after=_DAY),
    _Name("Nhà giáo Việt Nam", after=_DAY),
    _Name("Thầy thuốc Việt Nam", after=_DAY),
    _Name("Doanh nhân Việt Nam", after=_DAY),
    _Name("Gia đình Việt Nam", after=_DAY),
    _Name("Phụ nữ Việt Nam", after=_DAY),
    _Name("Báo chí Cách mạng Việt Nam", after=_DAY),
    _Name("Giải phóng miền Nam", after=_DAY),
)


@rule(
    "CAP-10",
    Severity.INFO,
    title="Tên ngày lễ, ngày kỷ niệm viết hoa chữ cái đầu của tên",
    message="Tên ngày lễ, ngày kỷ niệm viết hoa chưa đúng.",
    suggestion="Viết hoa chữ cái đầu của âm tiết tạo thành tên ngày lễ: ngày Quốc khánh 2-9, ngày Quốc tế Lao động 1-5.",
    source=f"{SRC} §V.5 (ngày lễ, ngày kỷ niệm)",
)
def holidays(ctx: CheckContext) -> Iterator[Hit]:
    for ln, found, fixed, col in _dictionary_hits(ctx, _HOLIDAYS):
        yield Hit(
            ln.no,
            found,
            column=col,
            message=f"Tên ngày lễ viết hoa chưa đúng: {found}.",
            suggestion=f"Viết: {fixed}",
        )


# ---------------------------------------------------------------- CAP-11

# REF-004 reports a type word in lower case before a number-symbol ("kế hoạch số 60/KH-…").
# Laws and codes are cited by name, without a number: "luật Tổ chức Quốc hội".
_LAW_LOWER = re.compile(
    rf"(?<!\w)(?P<kind>bộ luật|Bộ Luật|luật)\s+(?P<name>{_UP}[^\W\d_]*(?:\s+[^\W\d_]+)?)"
)
_LAW_NAME_WORDS = frozenset(
    {
        "to chuc",
        "dat dai",
        "bao chi",
        "giao duc",
        "an ninh mang",
        "can bo",
        "thi dua",
        "ngan sach",
        "doanh nghiep",
        "dau tu",
        "xay dung",
        "hinh su",
        "dan su",
        "lao dong",
        "cong doan",
        "thanh nien",
        "tre em",
        "bau cu",
        "ban hanh",
        "quoc phong",
        "dan quan",
        "giao thong",
        "bao hiem",
        "hon nhan",
        "tin nguong",
        "tiep can",
        "thuc hien dan chu",
        "phong",
        "bao ve",
        "cong an",
        "thu do",
        "to tung",
    }
)
_LAW_UPPER = re.compile(
    rf"(?<!\w)(?P<kind>Bộ [Ll]uật|Luật)\s+(?P<rest>{_LO}[^\W\d_]*(?:\s+[^\W\d_]+){{0,2}})"
)
_LAW_COMPOUND = frozenset({"phap", "quy", "ky", "dinh", "nhat", "tu"})


def _law_name_start(rest: str) -> str | None:
    words = rest.split()
    for n in (3, 2, 1):
        head = " ".join(words[:n])
        if len(words) >= n and fold(head) in _LAW_NAME_WORDS:
            return head
    return None


@rule(
    "CAP-11",
    Severity.WARNING,
    title="Viết hoa tên loại và chữ cái đầu tên luật, bộ luật (Luật Tổ chức Quốc hội, Bộ luật Hình sự); văn bản có số, ký hiệu: xem REF-004",
    message="Tên luật, bộ luật viết hoa chưa đúng.",
    suggestion="Viết hoa chữ cái đầu của tên loại và của tên riêng: Luật Tổ chức Quốc hội, Bộ luật Hình sự.",
    source=f"{SRC} §V.7 (tên loại văn bản)",
)
def law_names(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        if "luật" not in text.lower():
            continue
        for m in _LAW_LOWER.finditer(text):
            if _word_before(text, m.start()) in _LAW_COMPOUND:
                continue  # "pháp luật Việt Nam", "kỷ luật Đảng"
            kind = m.group("kind")
            if kind == "luật" and not _mid_sentence(text, m.start()):
                continue
            first = m.group("name")
            if fold(first.split()[0]) in {"viet", "dang", "nha"}:
                continue  # "luật Việt Nam" is the law of a country, not a named law
            found = f"{kind} {first}"
            fixed_kind = "Bộ luật" if fold(kind) == "bo luat" else "Luật"
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Viết hoa chữ cái đầu tên loại khi viện dẫn luật, bộ luật cụ thể: {found}.",
                suggestion=f"Viết: {fixed_kind} {first}",
            )
        for m in _LAW_UPPER.finditer(text):
            if _word_before(text, m.start()) in _LAW_COMPOUND:
                continue
            head = _law_name_start(m.group("rest"))
            if head is None:
                continue
            found = f"{m.group('kind')} {head}"
            kind = "Bộ luật" if fold(m.group("kind")) == "bo luat" else "Luật"
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Viết hoa chữ cái đầu tên riêng của luật, bộ luật: {found}.",
                suggestion=f"Viết: {kind} {_cap(head)}",
            )


# ---------------------------------------------------------------- CAP-12

_PART_WORDS = "điểm|khoản|điều|mục|tiểu mục|chương|phần"
_CITED_CHAIN = re.compile(
    r"(?<!\w)(?P<chain>"
    r"(?:(?:[Đđ]iểm)\s+[a-zđ](?:,\s*[a-zđ])*,?\s+)?"
    r"(?:(?:[Kk]hoản)\s+\d+(?:,\s*\d+)*,?\s+)?"
    r"[Đđ]iều\s+\d+[a-z]?"
    r"(?:,?\s+(?:[Tt]iểu mục|[Mm]ục)\s+\d+)?"
    r"(?:,?\s+[Cc]hương\s+[IVXLC]+)?"
    r"(?:,?\s+[Pp]hần\s+(?:[IVXLC]+|\d+))?"
    r")(?!\w)"
)
_CITE_BEFORE = frozenset({"tai", "theo", "cua", "va", "dinh"})
_CAPITALISED_PART = {"dieu": True, "muc": True, "tieu": True, "chuong": True, "phan": True}


@rule(
    "CAP-12",
    Severity.INFO,
    title="Viện dẫn phần, chương, mục, điều viết hoa; khoản, điểm viết thường",
    message="Viện dẫn các phần của văn bản viết hoa chưa đúng.",
    suggestion="Viết hoa Phần, Chương, Mục, Tiểu mục, Điều; viết thường khoản, điểm: điểm a khoản 2 Điều 103 Mục 5 Chương XII Phần I.",
    source=f"{SRC} §V.8 (viện dẫn phần, chương, mục, điều, khoản, điểm)",
)
def cited_parts(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        if "iều" not in text:
            continue
        for m in _CITED_CHAIN.finditer(text):
            chain = m.group("chain")
            words = re.findall(rf"(?<!\w)(?:{_PART_WORDS})(?!\w)", chain, re.IGNORECASE)
            if len(words) < 2 and _word_before(text, m.start()) not in _CITE_BEFORE:
                continue  # a lone "điều 3" is sure only after "tại", "theo" …
            fixed = chain
            wrong = False
            for i, part in enumerate(
                re.finditer(rf"(?<!\w)(?:{_PART_WORDS})(?!\w)", chain, re.IGNORECASE)
            ):
                word = part.group(0)
                upper = _CAPITALISED_PART.get(fold(word).split()[0], False)
                ok = word[0].isupper() == upper
                if i == 0 and not _mid_sentence(text, m.start()) and word[0].isupper():
                    ok = True  # sentence start
                if not ok:
                    wrong = True
                    new = _cap(word) if upper else word.lower()
                    if fold(word) == "tieu muc":
                        new = "Tiểu mục"
                    fixed = fixed[: part.start()] + new + fixed[part.end() :]
            if not wrong:
                continue
            yield Hit(
                ln.no,
                chain,
                column=cols.next(ln.no, chain),
                message=f"Viện dẫn phần, chương, mục, điều, khoản, điểm viết hoa chưa đúng: {chain}.",
                suggestion=f"Viết: {fixed}",
            )


# ---------------------------------------------------------------- CAP-13

_CAN = "giáp|ất|bính|đinh|mậu|kỷ|kỉ|canh|tân|nhâm|quý|quí"
_CHI = "tý|tí|sửu|dần|mão|mẹo|thìn|tỵ|tị|ngọ|mùi|thân|dậu|tuất|hợi"
_LUNAR = re.compile(rf"(?<!\w)(?P<y>(?:{_CAN})\s+(?:{_CHI}))(?!\w)", re.IGNORECASE)
_FESTIVALS = {
    "nguyen dan": "Nguyên đán",
    "trung thu": "Trung thu",
    "doan ngo": "Đoan ngọ",
    "han thuc": "Hàn thực",
    "thanh minh": "Thanh minh",
}
_FESTIVAL = re.compile(
    r"(?<!\w)(?P<t>[Tt]ết)\s+(?P<n>nguyên\s+đán|trung\s+thu|đoan\s+ngọ|hàn\s+thực|thanh\s+minh)(?!\w)",
    re.IGNORECASE,
)
_TET_ALONE = re.compile(
    r"(?<!\w)(?P<before>đón|dịp|chúc|vui|ăn)\s+(?P<t>tết)(?=\s*(?:[,.;:)]|$|cổ truyền|âm lịch))"
)
_WEEKDAY = re.compile(r"(?<!\w)(?P<d>thứ\s+(?:hai|ba|tư|năm|sáu|bảy))(?!\w)")
# "thứ hai" is also an ordinal ("lần thứ hai"): a weekday only after a word of time, or
# before a date or "hằng tuần" when the word before is not a noun counted in order.
_WEEKDAY_BEFORE = frozenset({"vao", "sang", "chieu", "toi", "trua", "hom", "moi"})
_WEEKDAY_AFTER = re.compile(
    r"\s*(?:,\s*|\()?(?:ngày\s+)?\d{1,2}\s*[/-]\s*\d{1,2}|\s+(?:hằng|hàng)\s+tuần"
)
_ORDINAL_NOUNS = frozenset(
    {"lan", "dot", "ky", "phien", "khoa", "buoc", "doan", "nghi", "hoi", "nam", "vong", "lop"}
    | {"phan", "muc", "chuong", "dieu", "giai", "nguoi", "cap", "hang", "thu"}
)
_MONTH = re.compile(
    r"(?<!\w)(?P<m>tháng\s+(?P<w>giêng|chạp|hai|ba|tư|sáu|bảy|tám|chín|mười))(?!\w)"
)
# "mỗi tháng hai lần": a month only before a date-like word, a year or the end of a clause.
_MONTH_AFTER = re.compile(r"\s*(?:[,.;:)]|$|năm\b|này\b|tới\b|âm lịch|\d)")
_MONTH_NOT = re.compile(r"(?:cách mạng|mỗi|hằng|hàng|các|mấy)\s*$", re.IGNORECASE)


def _lunar_fix(year: str) -> str:
    return " ".join(_cap(w.lower()) for w in year.split())


@rule(
    "CAP-13",
    Severity.INFO,
    title="Năm âm lịch, tết, ngày trong tuần và tháng viết bằng chữ viết hoa đúng",
    message="Năm âm lịch, tên tết, thứ hoặc tháng viết bằng chữ viết hoa chưa đúng.",
    suggestion="Viết: Mậu Tuất; tết Nguyên đán, Tết; thứ Hai; tháng Tám, tháng Giêng.",
    source=f"{SRC} §V.9 (năm âm lịch, ngày tiết, ngày trong tuần, tháng)",
)
def calendar_words(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        low = text.lower()
        for m in _LUNAR.finditer(text):
            year = m.group("y")
            fixed = _lunar_fix(year)
            if year == fixed or year.isupper():
                continue
            yield Hit(
                ln.no,
                year,
                column=cols.next(ln.no, year),
                message=f"Tên năm âm lịch viết hoa tất cả các âm tiết: {year}.",
                suggestion=f"Viết: {fixed}",
            )
        if "tết" in low:
            for m in _FESTIVAL.finditer(text):
                name = m.group("n")
                want = _FESTIVALS[fold(name)]
                if name == want or name.isupper():
                    continue
                found = m.group(0)
                yield Hit(
                    ln.no,
                    found,
                    column=cols.next(ln.no, found),
                    message=f"Tên tết viết hoa chữ cái đầu của tên: {found}.",
                    suggestion=f"Viết: {m.group('t')} {want}",
                )
            for m in _TET_ALONE.finditer(text):
                found = m.group(0)
                yield Hit(
                    ln.no,
                    found,
                    column=cols.next(ln.no, found),
                    message="Viết hoa chữ Tết khi dùng thay cho tết Nguyên đán.",
                    suggestion=f"Viết: {m.group('before')} Tết",
                )
        if "thứ" in low:
            for m in _WEEKDAY.finditer(text):
                before = _word_before(text, m.start())
                if before not in _WEEKDAY_BEFORE and (
                    before in _ORDINAL_NOUNS or not _WEEKDAY_AFTER.match(text, m.end())
                ):
                    continue
                day = m.group("d")
                first, second = day.split(maxsplit=1)
                fixed = f"{first} {_cap(second)}"
                yield Hit(
                    ln.no,
                    day,
                    column=cols.next(ln.no, day),
                    message=f"Viết hoa chữ cái đầu tên ngày trong tuần: {day}.",
                    suggestion=f"Viết: {fixed}",
                )
        if "tháng" in low:
            for m in _MONTH.finditer(text):
                word = m.group("w")
                if _MONTH_NOT.search(text[: m.start()]):
                    continue
                if word not in {"giêng", "chạp"} and not _MONTH_AFTER.match(text, m.end()):
                    continue
                month = m.group("m")
                found = f"tháng {word}"
                yield Hit(
                    ln.no,
                    month,
                    column=cols.next(ln.no, month),
                    message=f"Viết hoa chữ cái đầu tên tháng viết bằng chữ: {found}.",
                    suggestion=f"Viết: tháng {_cap(word)}",
                )


# ---------------------------------------------------------------- CAP-14

_EVENTS: tuple[_Name, ...] = (
    _Name("Cách mạng tháng Tám"),
    _Name("Cách mạng tháng Mười Nga"),
    _Name("Chiến dịch Điện Biên Phủ"),
    _Name("Chiến dịch Hồ Chí Minh"),
    _Name("Phong trào Xô viết Nghệ Tĩnh"),
    _Name("Xô viết Nghệ Tĩnh"),
    _Name("Phong trào Cần vương"),
    _Name("Phong trào Duy tân"),
    _Name("Tổng tiến công và nổi dậy Tết Mậu Thân"),
)
_DYNASTY = re.compile(
    r"(?<!\w)(?P<t>triều)\s+(?P<n>Tiền Lê|Hậu Lê|Lý|Trần|Lê|Nguyễn|Hồ|Đinh|Mạc|Tây Sơn|Ngô)(?!\w)"
)


@rule(
    "CAP-14",
    Severity.INFO,
    title="Tên sự kiện lịch sử, triều đại viết hoa đúng",
    message="Tên sự kiện lịch sử, triều đại viết hoa chưa đúng.",
    suggestion="Viết: Cách mạng tháng Tám, Chiến dịch Điện Biên Phủ, Triều Trần.",
    source=f"{SRC} §V.6 (sự kiện lịch sử, triều đại)",
)
def historical_events(ctx: CheckContext) -> Iterator[Hit]:
    for ln, found, fixed, col in _dictionary_hits(ctx, _EVENTS):
        yield Hit(
            ln.no,
            found,
            column=col,
            message=f"Tên sự kiện lịch sử viết hoa chưa đúng: {found}.",
            suggestion=f"Viết: {fixed}",
        )
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        for m in _DYNASTY.finditer(text):
            if _word_before(text, m.start()) in {"vuong", "thuy", "trieu"}:
                continue  # "vương triều", "thủy triều"
            found = m.group(0)
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Tên triều đại viết hoa chữ Triều: {found}.",
                suggestion=f"Viết: Triều {m.group('n')}",
            )


# ---------------------------------------------------------------- CAP-15

# Only a well-known title written wholly in lower case after "báo", "tạp chí" is sure.
_PUBLICATIONS = {
    "nhan dan": "Nhân dân",
    "quan doi nhan dan": "Quân đội nhân dân",
    "cong san": "Cộng sản",
    "tuyen giao": "Tuyên giáo",
    "xay dung dang": "Xây dựng Đảng",
    "ha noi moi": "Hà Nội mới",
}
_PUBLICATION = re.compile(
    r"(?<!\w)(?P<g>báo|tạp chí)\s+(?P<n>quân đội nhân dân|nhân dân|cộng sản|tuyên giáo"
    r"|xây dựng đảng|hà nội mới)(?!\w)"
)
_NOT_NEWSPAPER = frozenset({"thong", "canh", "to", "khai", "du", "phan", "trinh", "bao"})


@rule(
    "CAP-15",
    Severity.INFO,
    title="Tên báo, tạp chí viết hoa chữ cái đầu (chỉ các tên quen thuộc viết thường toàn bộ)",
    message="Tên báo, tạp chí chưa viết hoa chữ cái đầu.",
    suggestion="Viết hoa chữ cái đầu tên báo, tạp chí: báo Nhân dân, tạp chí Cộng sản.",
    source=f"{SRC} §V.10 (tên tác phẩm, sách báo, tạp chí)",
)
def publications(ctx: CheckContext) -> Iterator[Hit]:
    cols = _Columns(ctx)
    for ln in _running_text(ctx):
        text = ln.text
        for m in _PUBLICATION.finditer(text):
            generic = m.group("g")
            if generic == "báo" and _word_before(text, m.start()) in _NOT_NEWSPAPER:
                continue  # "thông báo nhân dân"
            found = m.group(0)
            yield Hit(
                ln.no,
                found,
                column=cols.next(ln.no, found),
                message=f"Tên báo, tạp chí chưa viết hoa chữ cái đầu: {found}.",
                suggestion=f"Viết: {generic} {_PUBLICATIONS[fold(m.group('n'))]}",
            )
