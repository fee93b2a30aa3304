"""Rules on the plan's structure (document-format.md §6, §7.2).

PLN: the sections of a plan (opening, MỤC ĐÍCH YÊU CẦU, content, TỔ CHỨC THỰC HIỆN).
NUMB: numbering levels (I., 1., 1.1., a)) — read from every numbered line of the body, not
only from the parser's tree, so that slogan lists and items the tree does not nest count.
BDT: dates written in the body (§6.3). REF: citations of other documents (§3.7, §4.5).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from ...model import Citation
from ...parsing.basis import find_citations
from ...parsing.sections import Node
from ...text import fold, upper_share
from ..context import CheckContext, per_context
from ..model import Hit, Severity, rule

SRC_PLAN = "thực tiễn (§6)"
SRC_NUMBERING = "thực tiễn (§6.2); phù hợp NĐ30 PL I §V mục 6b và HD05 Phần II §6.2"
SRC_LETTERS = "HD05 Phần II §6.2 (điểm: chữ cái tiếng Việt a, b, c …); thực tiễn (§6.2)"
SRC_DATES = "thực tiễn (§6.3)"
SRC_CITE = "HD05 Phần II §I.6.1 (viện dẫn văn bản)"
SRC_SYMBOL = "HD05 Phần II §I.6.1; HD36/HD05 §3.4 (Đảng); NĐ30 PL I §II.3 (nhà nước)"
SRC_CAPITAL = "NĐ30 PL II §V.6 (viết hoa tên loại văn bản khi viện dẫn)"

_VN_LETTERS = "abcdđeghiklmnopqrstuvxy"  # no f, j, w, z (§6.2)


# ---------------------------------------------------------------- text with source lines


@dataclass(frozen=True)
class _Para:
    """A rejoined paragraph and where each of its source lines starts inside it."""

    no: int
    text: str
    starts: tuple[tuple[int, int], ...]  # (offset in text, source line number)

    def line_at(self, offset: int) -> int:
        no = self.no
        for start, line_no in self.starts:
            if start > offset:
                break
            no = line_no
        return no


@per_context
def _paragraphs(ctx: CheckContext) -> list[_Para]:
    """The body's paragraphs (opening to closing sentence) with their source lines."""
    a = ctx.analysis
    paras = a.paragraphs
    lines = [ln for ln in a.main if ln.text]
    out: list[_Para] = []
    j = 0
    for i, p in enumerate(paras):
        nxt = paras[i + 1].no if i + 1 < len(paras) else 10**9
        while j < len(lines) and lines[j].no < p.no:
            j += 1
        starts: list[tuple[int, int]] = []
        pos = 0
        while (
            j < len(lines) and lines[j].no < nxt
        ):  # one pass over the lines, not one per paragraph
            starts.append((pos, lines[j].no))
            pos += len(lines[j].text) + 1
            j += 1
        out.append(_Para(p.no, p.text, tuple(starts) or ((0, p.no),)))
    return out


@per_context
def _title_lines(ctx: CheckContext) -> list[_Para]:
    """The trích yếu (lines between the type line and the body), for REF-003."""
    title = ctx.plan.title_line
    body = ctx.analysis.body
    first = body[0].no if body else None
    if title is None or first is None:
        return []
    return [
        _Para(ln.no, ln.text, ((0, ln.no),))
        for ln in ctx.analysis.cleaned
        if ln.text and title < ln.no < first
    ]


@per_context
def _issue_bounds(ctx: CheckContext) -> tuple[date, date] | None:
    """(earliest, latest) possible issue date: a day, or a month when the day is blank."""
    plan = ctx.plan
    if plan.date:
        d = date.fromisoformat(plan.date)
        return d, d
    partial = ctx.analysis.header.partial_date
    if partial is None or partial.year is None:
        return None
    if partial.month is None or not 1 <= partial.month <= 12:
        return date(partial.year, 1, 1), date(partial.year, 12, 31)
    last = calendar.monthrange(partial.year, partial.month)[1]
    return date(partial.year, partial.month, 1), date(partial.year, partial.month, last)


def _vn(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


# ---------------------------------------------------------------- PLN: sections

_OPENING_START = re.compile(
    r"^[-–]?\s*(?:Thực hiện|Căn cứ|Để|Nhằm|Theo|Triển khai|Trên cơ sở|Nhân dịp|Hưởng ứng|"
    r"Chấp hành|Quán triệt|Tiếp tục|Xuất phát|Qua|Năm|Chào mừng|Kỷ niệm|Ngày)\b"
)
_SELF_REFERENCE = re.compile(r"(?:xây dựng|ban hành|triển khai).{0,80}kế hoạch|như sau\s*:?\s*$")
_BEFORE_PURPOSE = (  # sections a plan may put before MỤC ĐÍCH, YÊU CẦU
    "can cu",
    "su can thiet",
    "danh gia",
    "ket qua",
    "thuc trang",
    "tinh hinh",
    "boi canh",
    "dac diem",
)
_AFTER_ORGANIZATION = (  # sections that may follow TỔ CHỨC THỰC HIỆN
    "kinh phi",
    "bao cao",
    "che do thong tin",
    "kiem tra",
    "giam sat",
    "so ket",
    "tong ket",
    "khen thuong",
    "hieu luc",
    "dieu khoan",
)


def _not_a_plan(ctx: CheckContext) -> bool:
    """The PLN rules judge plans; a decision or a guidance has other parts."""
    doc_type = ctx.plan.doc_type
    return doc_type is not None and fold(doc_type) != "ke hoach"


def _roles(node: Node) -> set[str]:
    return set(node.section.roles) or {node.section.role}


def _heading_has(node: Node, words: tuple[str, ...]) -> bool:
    key = fold(node.section.heading)
    return any(w in key for w in words)


def _head_text(ctx: CheckContext, node: Node) -> str:
    return ctx.line(node.section.line).strip() or f"{node.section.label}. {node.section.heading}"


@rule(
    "PLN-001",
    Severity.WARNING,
    title="Có đoạn mở đầu trước phần I",
    message="Kế hoạch thiếu đoạn mở đầu (Thực hiện …/Căn cứ …/Để …) trước phần I.",
    suggestion=(
        "Thêm đoạn mở đầu nêu văn bản được thực hiện và chủ thể ban hành, ví dụ: "
        "Thực hiện Kế hoạch số …, Ban Thường vụ … xây dựng kế hoạch … như sau:"
    ),
    source=SRC_PLAN,
)
def opening_paragraph(ctx: CheckContext) -> Iterator[Hit]:
    if _not_a_plan(ctx):
        return
    nodes = ctx.analysis.nodes
    if not nodes:
        return
    for line in ctx.analysis.opening:
        text = line.text.strip()
        if _OPENING_START.match(text) or _SELF_REFERENCE.search(text.lower()):
            return
    yield Hit(nodes[0].section.line, _head_text(ctx, nodes[0]))


@rule(
    "PLN-002",
    Severity.WARNING,
    title="Phần đầu tiên là MỤC ĐÍCH, YÊU CẦU",
    message="Kế hoạch thiếu phần MỤC ĐÍCH, YÊU CẦU.",
    suggestion="Mở đầu nội dung bằng phần I. MỤC ĐÍCH, YÊU CẦU.",
    source=SRC_PLAN,
)
def purpose_first(ctx: CheckContext) -> Iterator[Hit]:
    if _not_a_plan(ctx):
        return
    nodes = ctx.analysis.nodes
    if not nodes:
        if not _heading_role_anywhere(ctx, "purpose"):
            yield Hit(None)
        return
    position = next((i for i, n in enumerate(nodes) if "purpose" in _roles(n)), None)
    if position is None:
        yield Hit(nodes[0].section.line, _head_text(ctx, nodes[0]))
        return
    before = nodes[:position]
    if all(_heading_has(n, _BEFORE_PURPOSE) for n in before):
        return
    first = next(n for n in before if not _heading_has(n, _BEFORE_PURPOSE))
    yield Hit(
        nodes[position].section.line,
        _head_text(ctx, nodes[position]),
        message=(
            "Phần MỤC ĐÍCH, YÊU CẦU phải là phần đầu tiên của kế hoạch "
            f"(đang đứng sau phần {first.section.label}. {first.section.heading})."
        ),
        suggestion="Chuyển phần MỤC ĐÍCH, YÊU CẦU lên làm phần I.",
    )


_CONTENT_ROLES = {"content", "forms", "timeline", "slogans"}


@rule(
    "PLN-003",
    Severity.WARNING,
    title="Có phần nội dung (nội dung, hình thức hoặc thời gian)",
    message="Kế hoạch thiếu phần NỘI DUNG (nội dung, hình thức, thời gian thực hiện).",
    suggestion="Thêm phần NỘI DUNG (hoặc HÌNH THỨC, THỜI GIAN) giữa MỤC ĐÍCH, YÊU CẦU và TỔ CHỨC THỰC HIỆN.",
    source=SRC_PLAN,
)
def content_exists(ctx: CheckContext) -> Iterator[Hit]:
    if _not_a_plan(ctx):
        return
    nodes = ctx.analysis.nodes
    if not nodes:
        if not any(_heading_role_anywhere(ctx, r) for r in _CONTENT_ROLES):
            yield Hit(None)
        return
    for node in nodes:
        roles = _roles(node)
        if roles & _CONTENT_ROLES:
            return
        # A section of its own between the purpose and the organisation is the content,
        # whatever its heading ("II. CÁC CUỘC THI").
        if roles == {"other"} and not _heading_has(node, _BEFORE_PURPOSE + _AFTER_ORGANIZATION):
            return
    yield Hit(None)


@rule(
    "PLN-004",
    Severity.WARNING,
    title="Có phần TỔ CHỨC THỰC HIỆN và là phần cuối",
    message="Kế hoạch thiếu phần TỔ CHỨC THỰC HIỆN.",
    suggestion=(
        "Thêm phần TỔ CHỨC THỰC HIỆN (phân công từng đơn vị) làm phần cuối; "
        "chỉ KINH PHÍ hoặc chế độ báo cáo có thể đứng sau."
    ),
    source=SRC_PLAN,
)
def organization_last(ctx: CheckContext) -> Iterator[Hit]:
    if _not_a_plan(ctx):
        return
    nodes = ctx.analysis.nodes
    if not nodes:
        if not _heading_role_anywhere(ctx, "organization"):
            yield Hit(None)
        return
    last_org = None
    for i, node in enumerate(nodes):
        if "organization" in _roles(node):
            last_org = i
    if last_org is None:
        yield Hit(None)
        return
    for node in nodes[last_org + 1 :]:
        if "budget" in _roles(node) or _heading_has(node, _AFTER_ORGANIZATION):
            continue
        org = nodes[last_org].section
        yield Hit(
            node.section.line,
            _head_text(ctx, node),
            message=(
                f"Phần TỔ CHỨC THỰC HIỆN ({org.label}) phải là phần cuối của kế hoạch; "
                f"sau đó còn phần {node.section.label}. {node.section.heading}."
            ),
            suggestion=(
                "Chuyển phần này lên trước TỔ CHỨC THỰC HIỆN; chỉ KINH PHÍ hoặc chế độ "
                "báo cáo có thể đứng sau."
            ),
        )
        return


def _heading_role_anywhere(ctx: CheckContext, role: str) -> bool:
    """Without Roman sections: does any numbered heading line carry the role?"""
    from ...parsing.sections import role_of

    for item in _numbered_items(ctx):
        if len(item.rest) <= 80:
            _, roles = role_of(item.rest)
            if role in roles:
                return True
    return False


# ---------------------------------------------------------------- NUMB: numbering

_ROMAN_ITEM = re.compile(r"^(?P<n>[IVX]{1,6})\s*(?P<d>[.\-–])\s+(?P<t>\S.*)$")
_ARABIC_ITEM = re.compile(r"^(?P<n>\d{1,2})\s*(?P<d>[.)]|\s-|-)\s+(?P<t>\S.*)$")
_DECIMAL_ITEM = re.compile(r"^(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})(?P<d>\.?)\s+(?P<t>\S.*)$")
_LETTER_ITEM = re.compile(r"^(?P<n>[a-zđ])\)\s+(?P<t>\S.*)$")
_LETTER_TOP = re.compile(r"^(?P<n>[A-DĐ])\s*[.)]\s+(?P<t>\S.*)$")
_PART_HEAD = re.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG)\s+(?:thứ\s+|THỨ\s+)?\S+")
_DATE_OR_SYMBOL = re.compile(r"^\d{1,2}\s*[-/.]\s*\d|^\d{1,4}\s*-\s*[A-ZĐ]{1,6}/")
_INITIALS = re.compile(r"^[A-ZĐ]\.\s?[A-ZĐ]")  # "V. I. Lênin", not section V


def _roman_value(text: str) -> int | None:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for i, ch in enumerate(text):
        v = values[ch]
        if i + 1 < len(text) and values[text[i + 1]] > v:
            total -= v
        else:
            total += v
    canonical = _to_roman(total)
    return total if canonical == text else None


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


@dataclass(frozen=True)
class _Item:
    kind: str  # roman, arabic, decimal, letter, reset
    label: str
    numbers: tuple[int, ...]
    delimiter: str
    line: int
    text: str  # the printed source line
    rest: str  # text after the number
    top: bool = True  # a Roman heading is top level (not under "A. …" letter parts)


def _classify(text: str) -> tuple[str, str, tuple[int, ...], str, str] | None:
    first = text[:1]
    if not first or not (first.isdigit() or first in "IVXABCDĐPCpc" or text[1:2] == ")"):
        return None
    m = _ROMAN_ITEM.match(text)
    if m and not _INITIALS.match(m.group("t")):
        value = _roman_value(m.group("n"))
        if value and m.group("t")[:1].isupper():
            delim = "-" if m.group("d") in "-–" else "."
            return "roman", m.group("n"), (value,), delim, m.group("t")
    if _PART_HEAD.match(text):
        return "reset", "", (), "", text
    m = _LETTER_TOP.match(text)
    if m and upper_share(m.group("t").split(":")[0]) >= 0.8 and len(m.group("t")) > 3:
        return "reset", m.group("n"), (), "", m.group("t")
    if first.isdigit():
        if _DATE_OR_SYMBOL.match(text) and not _DECIMAL_ITEM.match(text):
            return None
        m = _DECIMAL_ITEM.match(text)
        if m and m.group("t")[:1].isupper():
            nums = tuple(int(x) for x in m.group("n").split("."))
            return "decimal", m.group("n"), nums, m.group("d") or "none", m.group("t")
        m = _ARABIC_ITEM.match(text)
        if m and not m.group("t")[:1].isdigit() and not _DATE_OR_SYMBOL.match(text):
            delim = m.group("d").strip()
            return "arabic", m.group("n"), (int(m.group("n")),), delim, m.group("t")
        return None
    m = _LETTER_ITEM.match(text)
    if m:
        return "letter", m.group("n"), (), ")", m.group("t")
    return None


@per_context
def _numbered_items(ctx: CheckContext) -> list[_Item]:
    """Every numbered line of the body (opening to closing), in order."""
    out: list[_Item] = []
    under_letter = False
    for para in ctx.analysis.paragraphs:
        found = _classify(para.text.strip())
        if found is None:
            continue
        kind, label, numbers, delim, rest = found
        if kind == "reset":
            under_letter = bool(label)
        printed = ctx.line(para.no).strip()
        out.append(_Item(kind, label, numbers, delim, para.no, printed, rest, not under_letter))
    return out


def _gap_message(prev: str | None, cur: str, missing: list[str], word: str) -> str:
    if prev is None:
        return (
            f"Đánh số không liên tục: {word} đầu tiên là {word} {cur} "
            f"(phải bắt đầu từ {word} {missing[0] if missing else cur})."
        )
    if prev == cur:
        return f"Đánh số không liên tục: {word} {cur} bị lặp lại."
    if missing:
        gap = ", ".join(f"{word} {m}" for m in missing)
        return f"Đánh số không liên tục: sau {word} {prev} là {word} {cur} (thiếu {gap})."
    return f"Đánh số không liên tục: sau {word} {prev} là {word} {cur}."


@dataclass
class _Numbering:
    roman: list[Hit]
    arabic: list[Hit]
    decimal: list[Hit]
    letter: list[Hit]


def _check_numbering(items: list[_Item]) -> _Numbering:
    result = _Numbering([], [], [], [])
    roman_last: int | None = None
    arabic_stack: list[int] = []  # last number of each open Arabic list (nested restarts)
    path: list[int] = []  # the current Arabic item and its decimal sub-items
    decimal_last: dict[tuple[int, ...], int] = {}
    letter_parent: tuple[int, ...] | None = None
    letter_last: str | None = None
    for item in items:
        if item.kind == "reset":
            roman_last = None
            arabic_stack, path, decimal_last = [], [], {}
            letter_parent, letter_last = None, None
        elif item.kind == "roman":
            value = item.numbers[0]
            expected = (roman_last or 0) + 1
            if value != expected:
                prev = _to_roman(roman_last) if roman_last else None
                missing = [_to_roman(v) for v in range(expected, value)] if value > expected else []
                if prev is None and not missing:
                    missing = ["I"]
                result.roman.append(
                    Hit(
                        item.line, item.text, message=_gap_message(prev, item.label, missing, "mục")
                    )
                )
            roman_last = value
            arabic_stack, path, decimal_last = [], [], {}
            letter_parent, letter_last = None, None
        elif item.kind == "arabic":
            n = item.numbers[0]
            if not arabic_stack:
                if n != 1:
                    result.arabic.append(
                        Hit(item.line, item.text, message=_gap_message(None, str(n), ["1"], "mục"))
                    )
                arabic_stack = [n]
            elif n == arabic_stack[-1] + 1:
                arabic_stack[-1] = n
            elif n == 1:
                arabic_stack.append(1)  # a numbered list inside an item (slogans …)
            else:
                outer = next(
                    (k for k in range(len(arabic_stack) - 2, -1, -1) if n == arabic_stack[k] + 1),
                    None,
                )
                if outer is not None:
                    del arabic_stack[outer + 1 :]
                    arabic_stack[-1] = n
                else:
                    last_n = arabic_stack[-1]
                    missing = [str(v) for v in range(last_n + 1, n)]
                    result.arabic.append(
                        Hit(
                            item.line,
                            item.text,
                            message=_gap_message(str(last_n), str(n), missing, "mục"),
                        )
                    )
                    arabic_stack[-1] = n
            path = [n]
            letter_parent, letter_last = None, None
        elif item.kind == "decimal":
            nums = item.numbers
            parent, n = nums[:-1], nums[-1]
            expected_parent = tuple(path[: len(parent)]) if len(path) >= len(parent) else None
            if expected_parent is not None and parent != expected_parent:
                exp = ".".join(map(str, expected_parent))
                result.decimal.append(
                    Hit(
                        item.line,
                        item.text,
                        message=(
                            f"Đánh số không liên tục: mục {item.label} nằm dưới mục {exp} "
                            f"(phải là {exp}.{decimal_last.get(expected_parent, 0) + 1})."
                        ),
                    )
                )
            else:
                last = decimal_last.get(parent, 0)
                if n != last + 1:
                    base = ".".join(map(str, parent))
                    prev = f"{base}.{last}" if last else None
                    missing = [f"{base}.{v}" for v in range(last + 1, n)]
                    result.decimal.append(
                        Hit(
                            item.line,
                            item.text,
                            message=_gap_message(prev, item.label, missing, "mục"),
                        )
                    )
            decimal_last[parent] = n
            path = list(nums)
            letter_parent, letter_last = None, None
        elif item.kind == "letter":
            letter = item.label
            here = tuple(path)
            if letter_parent != here:
                letter_parent, letter_last = here, None
            if letter not in _VN_LETTERS:
                result.letter.append(
                    Hit(
                        item.line,
                        item.text,
                        message=(
                            f"Điểm {letter}) không theo bảng chữ cái tiếng Việt "
                            "(a, b, c, d, đ, e, g, h, i, k …; không có f, j, w, z)."
                        ),
                    )
                )
                letter_last = letter
                continue
            if letter_last is None or letter_last not in _VN_LETTERS:
                expected_letter = "a" if letter_last is None else None
            else:
                index = _VN_LETTERS.index(letter_last) + 1
                expected_letter = _VN_LETTERS[index] if index < len(_VN_LETTERS) else None
            if expected_letter is not None and letter != expected_letter and letter != "a":
                prev = f"{letter_last})" if letter_last else None
                start = _VN_LETTERS.index(expected_letter)
                end = _VN_LETTERS.index(letter)
                missing = [f"{c})" for c in _VN_LETTERS[start:end]] if end > start else []
                if prev is None and not missing:
                    missing = ["a)"]
                result.letter.append(
                    Hit(
                        item.line,
                        item.text,
                        message=_gap_message(prev, f"{letter})", missing, "điểm"),
                    )
                )
            letter_last = letter
    return result


_NUMB_SUGGESTION = "Đánh số liên tục theo thứ tự; mỗi cấp bắt đầu lại từ số (chữ) đầu tiên."


@rule(
    "NUMB-001",
    Severity.ERROR,
    title="Số La Mã của các phần liên tục (I, II, III …)",
    message="Đánh số không liên tục ở các phần I, II, III …",
    suggestion=_NUMB_SUGGESTION,
    source=SRC_NUMBERING,
)
def roman_sequence(ctx: CheckContext) -> Iterator[Hit]:
    yield from _check_numbering(_numbered_items(ctx)).roman


@rule(
    "NUMB-002",
    Severity.ERROR,
    title="Các mục 1, 2, 3 … trong mỗi phần bắt đầu từ 1 và liên tục",
    message="Đánh số không liên tục ở các mục 1, 2, 3 …",
    suggestion=_NUMB_SUGGESTION,
    source=SRC_NUMBERING,
)
def arabic_sequence(ctx: CheckContext) -> Iterator[Hit]:
    yield from _check_numbering(_numbered_items(ctx)).arabic


@rule(
    "NUMB-003",
    Severity.ERROR,
    title="Các mục 1.1, 1.2 … đúng mục cha và liên tục",
    message="Đánh số không liên tục ở các mục 1.1, 1.2 …",
    suggestion="Số đầu của mục k.n phải là số của mục cha k; n bắt đầu từ 1 và tăng dần.",
    source=SRC_NUMBERING,
)
def decimal_sequence(ctx: CheckContext) -> Iterator[Hit]:
    yield from _check_numbering(_numbered_items(ctx)).decimal


@rule(
    "NUMB-004",
    Severity.ERROR,
    title="Các điểm a), b), c) … theo thứ tự chữ cái tiếng Việt",
    message="Các điểm không theo thứ tự chữ cái tiếng Việt.",
    suggestion="Đánh điểm theo thứ tự a), b), c), d), đ), e), g), h) … bắt đầu từ a).",
    source=SRC_LETTERS,
)
def letter_sequence(ctx: CheckContext) -> Iterator[Hit]:
    yield from _check_numbering(_numbered_items(ctx)).letter


def _heading_part(rest: str) -> str:
    head = rest.split(":", 1)[0] if ":" in rest[:160] else rest
    if len(head) > 160:
        head = head.split()[0] if head.split() else head
    return head


@rule(
    "NUMB-005",
    Severity.WARNING,
    title="Đề mục các phần I, II, III viết in hoa",
    message="Đề mục của phần (I, II, III …) phải viết in hoa.",
    suggestion="Viết in hoa toàn bộ đề mục, ví dụ II. NỘI DUNG TUYÊN TRUYỀN.",
    source=SRC_NUMBERING,
)
def roman_heading_upper(ctx: CheckContext) -> Iterator[Hit]:
    for item in _numbered_items(ctx):
        if item.kind == "roman" and item.top and upper_share(_heading_part(item.rest)) < 0.8:
            yield Hit(item.line, item.text)


@rule(
    "NUMB-006",
    Severity.INFO,
    title="Đề mục các phần không kết thúc bằng dấu hai chấm hoặc dấu chấm",
    message="Đề mục của phần không kết thúc bằng dấu hai chấm (:) hoặc dấu chấm (.).",
    suggestion="Bỏ dấu câu ở cuối đề mục, ví dụ I. MỤC ĐÍCH, YÊU CẦU.",
    source=SRC_NUMBERING,
)
def roman_heading_end(ctx: CheckContext) -> Iterator[Hit]:
    paras = ctx.analysis.paragraphs
    top = {it.line for it in _numbered_items(ctx) if it.kind == "roman" and it.top}
    for i, para in enumerate(paras):
        found = _classify(para.text.strip())
        if found is None or found[0] != "roman" or para.no not in top:
            continue
        rest = found[4]
        if upper_share(rest) < 0.8:
            continue  # a heading with run-in text, or not in capitals (NUMB-005)
        end_line, end_text = para.no, para.text.strip()
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if (
            nxt is not None
            and rest[-1:] not in ":."
            and upper_share(nxt.text) > 0.9
            and len(nxt.text) < 120
            and _classify(nxt.text.strip()) is None
        ):
            end_line, end_text = nxt.no, nxt.text.strip()  # heading on two lines
        mark = end_text[-1:]
        if mark in {":", "."} and not end_text.endswith(".."):
            name = "dấu hai chấm (:)" if mark == ":" else "dấu chấm (.)"
            yield Hit(
                end_line,
                ctx.line(end_line).strip(),
                message=f"Đề mục của phần kết thúc bằng {name}; đề mục không đặt dấu câu ở cuối.",
            )


_LEVEL_NAMES = {"roman": "I, II, III", "arabic": "1, 2, 3", "decimal": "1.1, 1.2"}


def _style(kind: str, delim: str) -> str:
    if kind == "roman":
        return "I" + delim
    if kind == "arabic":
        return "1" + delim
    return "1.1." if delim == "." else "1.1"


@rule(
    "NUMB-007",
    Severity.INFO,
    title="Mỗi cấp đề mục dùng một kiểu dấu sau số",
    message="Các đề mục cùng cấp dùng lẫn nhiều kiểu dấu sau số.",
    suggestion="Thống nhất một kiểu cho mỗi cấp, ví dụ I. II. III. và 1. 2. 3.",
    source=SRC_NUMBERING,
)
def one_delimiter_per_level(ctx: CheckContext) -> Iterator[Hit]:
    items = _numbered_items(ctx)
    for kind in ("roman", "arabic", "decimal"):
        level = [it for it in items if it.kind == kind]
        counts: dict[str, int] = {}
        for it in level:
            counts[it.delimiter] = counts.get(it.delimiter, 0) + 1
        if len(counts) < 2:
            continue
        main = max(
            counts,
            key=lambda d: (counts[d], -next(i for i, it in enumerate(level) if it.delimiter == d)),
        )
        odd = next(it for it in level if it.delimiter != main)
        yield Hit(
            odd.line,
            odd.text,
            message=(
                f"Các đề mục cấp {_LEVEL_NAMES[kind]} dùng lẫn kiểu „{_style(kind, odd.delimiter)}“ "
                f"và „{_style(kind, main)}“ ({counts[main]} lần)."
            ),
            suggestion=f"Dùng thống nhất kiểu „{_style(kind, main)}“ cho cấp này.",
        )


# ---------------------------------------------------------------- BDT: dates in the body

_FULL_NUMERIC = re.compile(
    r"(?<![\d/.\-])(?P<d>\d{1,2})\s?(?P<s>[/.\-])\s?(?P<m>\d{1,2})(?P=s)\s?(?P<y>\d{4})(?![\d/])"
)
_FULL_WORDS = re.compile(
    r"ngày\s*(?P<d>\d{1,2})\s*,?\s*tháng\s*(?P<m>\d{1,2})\s*,?\s*năm\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_MONTH_YEAR_WORDS = re.compile(
    r"(?<!ngày\s)(?<!\d\s)tháng\s*(?P<m>\d{1,2})\s*(?:/\s*|năm\s*)(?P<y>\d{4})(?![\d/])",
    re.IGNORECASE,
)
_MONTH_YEAR_BARE = re.compile(
    r"(?P<ctx>\b(?:từ|đến|tới|trước|sau|cuối|đầu|giữa|hết|trong|vào)\s+|\(\s*)"
    r"(?<![\d/.])(?P<m>\d{1,2})\s?/\s?(?P<y>\d{4})(?![\d/])",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(r"(?<![\d/.\-])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])")
_DAY_MONTH_BEFORE = re.compile(r"(?:\b(?:ngày|từ|đến|tới|trước|sau)\s*|\(\s*)$", re.IGNORECASE)
_DAY_MONTH_AFTER = re.compile(r"^\s*(?:\)|[-–]\s*\d|(?:đến|tới)\s+(?:ngày\s+)?\d)")


@dataclass(frozen=True)
class _DatePoint:
    start: int
    end: int
    text: str
    day: int | None
    month: int
    year: int | None
    granularity: str  # day, month, year


_DIGIT = re.compile(r"\d")


def _date_points(text: str) -> list[_DatePoint]:
    """Dates written in ``text`` (valid or not), with their spans, left to right."""
    points: list[_DatePoint] = []
    if _DIGIT.search(text) is None:
        return points
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(p: _DatePoint) -> None:
        taken.append((p.start, p.end))
        points.append(p)

    for m in _FULL_WORDS.finditer(text):
        add(
            _DatePoint(m.start(), m.end(), m.group(0), int(m["d"]), int(m["m"]), int(m["y"]), "day")
        )
    for m in _FULL_NUMERIC.finditer(text):
        if free(m.start(), m.end()):
            d, mo, y = int(m["d"]), int(m["m"]), int(m["y"])
            add(_DatePoint(m.start(), m.end(), m.group(0), d, mo, y, "day"))
    for m in _MONTH_YEAR_WORDS.finditer(text):
        if free(m.start(), m.end()):
            add(_DatePoint(m.start(), m.end(), m.group(0), None, int(m["m"]), int(m["y"]), "month"))
    for m in _MONTH_YEAR_BARE.finditer(text):
        s = m.start("m")
        if free(s, m.end()):
            add(_DatePoint(s, m.end(), text[s : m.end()], None, int(m["m"]), int(m["y"]), "month"))
    for m in _DAY_MONTH.finditer(text):
        if not free(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 12) : m.start()]
        after = text[m.end() : m.end() + 20]
        in_context = bool(_DAY_MONTH_BEFORE.search(before)) and (
            not before.rstrip().endswith("(") or after.lstrip().startswith((")", "-", "–"))
        )
        if in_context or (
            _DAY_MONTH_AFTER.match(after) and before.rstrip().endswith(("(", "ngày"))
        ):
            add(_DatePoint(m.start(), m.end(), m.group(0), int(m["d"]), int(m["m"]), None, "day"))
    points.sort(key=lambda p: p.start)
    return points


@per_context
def _points(ctx: CheckContext, text: str) -> list[_DatePoint]:
    return _date_points(text)


def _invalid_reason(p: _DatePoint) -> str | None:
    if not 1 <= p.month <= 12:
        return f"tháng {p.month}"
    if p.day is None:
        return None
    days = calendar.monthrange(p.year, p.month)[1] if p.year else (29 if p.month == 2 else 0)
    if not days:
        days = calendar.monthrange(2000, p.month)[1]
    if not 1 <= p.day <= days:
        return f"tháng {p.month} không có ngày {p.day}"
    return None


@rule(
    "BDT-001",
    Severity.ERROR,
    title="Mọi ngày tháng trong nội dung là ngày có thật",
    message="Ngày không hợp lệ trong nội dung văn bản.",
    suggestion="Kiểm tra và sửa lại ngày, tháng (tháng từ 1 đến 12; ngày có trong tháng).",
    source=SRC_DATES,
)
def body_dates_valid(ctx: CheckContext) -> Iterator[Hit]:
    for para in _paragraphs(ctx):
        for p in _points(ctx, para.text):
            reason = _invalid_reason(p)
            if reason:
                yield Hit(
                    para.line_at(p.start),
                    p.text,
                    message=f"Ngày không hợp lệ: {p.text} ({reason}).",
                )


_RANGE_BETWEEN = re.compile(r"^\s*\)?\s*(?:-|–|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?$", re.IGNORECASE)
_YEAR_RANGE = re.compile(
    r"(?<![\d/.\-])(?P<a>(?:19|20)\d{2})\s*[-–]\s*(?P<b>(?:19|20)\d{2})(?![\d/.\-])"
)


def _as_date(p: _DatePoint, year: int | None, end: bool) -> date | None:
    y = p.year or year
    if y is None or _invalid_reason(p):
        return None
    if p.day is not None:
        try:
            return date(y, p.month, p.day)
        except ValueError:
            return None
    day = calendar.monthrange(y, p.month)[1] if end else 1
    return date(y, p.month, day)


@rule(
    "BDT-002",
    Severity.WARNING,
    title="Khoảng thời gian có ngày bắt đầu không sau ngày kết thúc",
    message="Khoảng thời gian không hợp lệ: thời điểm bắt đầu sau thời điểm kết thúc.",
    suggestion="Kiểm tra lại ngày bắt đầu và ngày kết thúc của khoảng thời gian.",
    source=SRC_DATES,
)
def ranges_ordered(ctx: CheckContext) -> Iterator[Hit]:
    for para in _paragraphs(ctx):
        text = para.text
        points = _points(ctx, text)
        for a, b in itertools.pairwise(points):
            if not _RANGE_BETWEEN.match(text[a.end : b.start]):
                continue
            end = _as_date(b, None, True)
            start = _as_date(a, b.year, False)
            if start is None or end is None or start <= end:
                continue
            if a.year is None and a.month > b.month:
                continue  # "từ 20/12 đến 10/01/2024": the start is in the year before
            yield Hit(
                para.line_at(a.start),
                text[a.start : b.end],
                message=(
                    f"Khoảng thời gian không hợp lệ: bắt đầu ({a.text}) sau kết thúc ({b.text})."
                ),
            )
        for m in _YEAR_RANGE.finditer(text):
            if int(m["a"]) > int(m["b"]):
                yield Hit(
                    para.line_at(m.start()),
                    m.group(0),
                    message=(
                        f"Khoảng thời gian không hợp lệ: năm bắt đầu {m['a']} sau năm kết thúc {m['b']}."
                    ),
                )


_DEADLINE = re.compile(
    r"(?:hoàn\s+thành\s+)?(?:trước|chậm\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|không\s+quá)"
    r"\s*(?:ngày\s*)?(?=\d)",
    re.IGNORECASE,
)


@rule(
    "BDT-003",
    Severity.WARNING,
    title="Thời hạn không sớm hơn ngày ban hành",
    message="Thời hạn trong kế hoạch sớm hơn ngày ban hành kế hoạch.",
    suggestion="Kiểm tra lại thời hạn (ngày, tháng, năm) hoặc ngày ban hành.",
    source=SRC_DATES,
)
def deadlines_after_issue(ctx: CheckContext) -> Iterator[Hit]:
    bounds = _issue_bounds(ctx)
    if bounds is None:
        return
    earliest = bounds[0]
    for para in _paragraphs(ctx):
        text = para.text
        low = text.lower()
        if "trước" not in low and "chậm" not in low and "hạn" not in low and "không quá" not in low:
            continue
        points = {p.start: p for p in _points(ctx, text)}
        for m in _DEADLINE.finditer(text):
            p = points.get(m.end())
            if p is None or p.year is None or p.granularity != "day":
                continue
            due = _as_date(p, None, False)
            # A date years before the plan is history ("trước ngày 30/4/1975"), not a deadline.
            if due is None or not (earliest.replace(year=earliest.year - 2) <= due < earliest):
                continue
            issued = (
                _vn(earliest)
                if bounds[0] == bounds[1]
                else f"tháng {earliest.month:02d}/{earliest.year}"
            )
            yield Hit(
                para.line_at(m.start()),
                text[m.start() : p.end],
                message=f"Thời hạn {p.text} sớm hơn ngày ban hành kế hoạch ({issued}).",
            )


# ---------------------------------------------------------------- REF: citations

_CODES: dict[str, tuple[str, ...]] = {
    "Kế hoạch": ("KH",),
    "Hướng dẫn": ("HD",),
    "Chỉ thị": ("CT",),
    "Nghị quyết": ("NQ",),
    "Quyết định": ("QĐ",),
    "Quy định": ("QĐ", "QD"),
    "Kết luận": ("KL",),
    "Thông báo": ("TB",),
    "Thông tri": ("TT",),
    "Chương trình": ("CTR", "CT"),
    "Báo cáo": ("BC",),
    "Đề án": ("ĐA",),
    "Tờ trình": ("TTR",),
    "Thông tư": ("TT",),
    "Nghị định": ("NĐ",),
    "Quy chế": ("QC", "QCH"),
    "Công điện": ("CĐ",),
}
_PARTY_SYMBOL = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ][A-ZĐ0-9]*)*$")
_STATE_SYMBOL = re.compile(
    r"^(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ]*-[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*$"
)
_LAW_SYMBOL = re.compile(r"^\d{4}/QH\d{1,2}$")
_PARTY_BODY = re.compile(r"(?:TW|TƯ|TU|HU|QU|ĐU)$")
_STATE_BODY = re.compile(r"^(?:UBND|CP|TTG|LĐLĐ|TLĐ)$", re.IGNORECASE)
_DATE_IN_SPAN = re.compile(
    r"ng[àa]y\s*(?:(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s*th[áa]ng\s*(?P<m2>\d{1,2})\s*n[ăa]m\s*(?P<y2>\d{4}))",
    re.IGNORECASE,
)
_ISSUER_WORD = re.compile(r"^\s*,?\s*(?:của|do|giữa)\s+\S")
_KIND_START = re.compile(
    r"^\s*,?\s*(?:Kế hoạch|Chỉ thị|Nghị quyết|Hướng dẫn|Kết luận|Quyết định|Chương trình|"
    r"Công văn|Thông báo|Tờ trình|Thông tư|Nghị định|Luật|Đề án|Quy định|Quy chế|Thông tri|Báo cáo)\b"
)


@dataclass(frozen=True)
class _Cite:
    citation: Citation
    kind_text: str  # the type word as printed
    text: str  # the citation as printed (type, number, symbol, date)
    line: int
    para: _Para
    start: int
    end: int
    sep: str  # what stands between the number and the symbol
    has_so: bool
    raw_date: tuple[int, int, int] | None
    raw_date_text: str | None
    comma_before_date: bool
    nested: bool  # inside the description of the citation before it

    @property
    def key(self) -> str:
        return f"{self.citation.number}{self.sep.strip() or '-'}{self.symbol}"

    @property
    def symbol(self) -> str:
        return (self.citation.symbol or "").upper()

    @property
    def printed_symbol(self) -> str:
        return f"{self.citation.number}{self.sep.strip()}{self.citation.symbol or ''}"


_QUOTED_ABOUT = re.compile(r"\b(?:về|V/v|Về việc|về việc)\s*[“\"][^”\"]*[”\"]")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")


def _nested(text: str, prev_end: int, start: int) -> bool:
    between = text[prev_end:start]
    if re.search(r";|\.\s|\b(?:Thực hiện|Căn cứ|Theo đề nghị|căn cứ)\b", between):
        return False
    between = _QUOTED.sub(" ", _QUOTED_ABOUT.sub(" ", between))
    if between.count("“") > between.count("”") or between.count('"') % 2 == 1:
        return True
    return bool(re.search(r"\b(?:về|V/v|Về việc|về việc|triển khai|thực hiện)\b", between))


@per_context
def _citations(ctx: CheckContext, *, with_title: bool = False) -> list[_Cite]:
    body = _cites_in(ctx, tuple(_paragraphs(ctx)))
    return (_cites_in(ctx, tuple(_title_lines(ctx))) + body) if with_title else body


@per_context
def _cites_in(ctx: CheckContext, paras: tuple[_Para, ...]) -> list[_Cite]:
    own = (ctx.plan.number or "", (ctx.plan.symbol or "").upper())
    out: list[_Cite] = []
    for para in paras:
        text = para.text
        if _DIGIT.search(text) is None:
            continue  # every numbered citation has a number
        prev_end = -1
        for citation, start, end in find_citations(text, para.no):
            if citation.number is None or not citation.symbol:
                continue
            span = text[start:end]
            nested = prev_end >= 0 and _nested(text, prev_end, start)
            prev_end = max(prev_end, end)
            if (citation.number.lstrip("0"), citation.symbol.upper()) == (
                own[0].lstrip("0"),
                own[1],
            ):
                continue  # the plan naming itself ("Kế hoạch số 193-KH/QU")
            num_at = re.search(rf"(?<!\d){re.escape(citation.number)}(?!\d)", span)
            after_num = span[num_at.end() :] if num_at else ""
            sep_m = re.match(r"\s*[-/–]\s*|\s+", after_num)
            sep = sep_m.group(0) if sep_m else ""
            kind_m = re.match(r"\S+(?:\s+\S+)?", span)
            kind_text = kind_m.group(0) if kind_m else span
            dm = _DATE_IN_SPAN.search(span)
            raw: tuple[int, int, int] | None = None
            raw_text = None
            comma = False
            if dm:
                if dm.group("d"):
                    raw = (int(dm["y"]), int(dm["m"]), int(dm["d"]))
                    raw_text = f"{dm['d']}{dm['s']}{dm['m']}{dm['s']}{dm['y']}"
                else:
                    raw = (int(dm["y2"]), int(dm["m2"]), int(dm["d2"]))
                    raw_text = f"ngày {dm['d2']} tháng {dm['m2']} năm {dm['y2']}"
                comma = "," in span[: dm.start()][-4:]
            out.append(
                _Cite(
                    citation=citation,
                    kind_text=kind_text,
                    text=span.strip(),
                    line=para.line_at(start),
                    para=para,
                    start=start,
                    end=end,
                    sep=sep,
                    has_so=re.search(r"\b[Ss]ố\b", span[: num_at.start() if num_at else None])
                    is not None,
                    raw_date=raw,
                    raw_date_text=raw_text,
                    comma_before_date=comma,
                    nested=nested,
                )
            )
    return out


def _type_code(cite: _Cite) -> str | None:
    sym = cite.symbol
    if cite.sep.strip() == "-":
        return sym.split("/")[0]
    sym = re.sub(r"^\d{4}/", "", sym)
    return re.split(r"[-/]", sym)[0]


def _body_code(cite: _Cite) -> str:
    sym = re.sub(r"^\d{4}/", "", cite.symbol)
    parts = re.split(r"[-/]", sym, maxsplit=1)
    return parts[1] if len(parts) > 1 else sym


def _symbol_problem(cite: _Cite) -> tuple[str, Severity | None] | None:
    """(what is wrong, severity override) with the number-symbol of a citation."""
    sep = cite.sep
    sym = cite.citation.symbol or ""
    if sep != sep.strip() or "–" in sep or re.search(r"\s|–", sym):
        return (
            f"Số, ký hiệu {cite.printed_symbol} có dấu cách hoặc dấu gạch dài quanh dấu - và /.",
            Severity.WARNING,
        )
    if not sep.strip():
        return f"Số, ký hiệu {cite.printed_symbol} thiếu dấu nối giữa số và ký hiệu.", None
    if sep == "-":
        if not _PARTY_SYMBOL.match(sym):
            return (
                f"Số, ký hiệu {cite.printed_symbol} sai quy cách văn bản Đảng "
                "(số-tên loại/cơ quan, ví dụ 20-CT/TW).",
                None,
            )
        body = sym.split("/", 1)[1]
        if _STATE_BODY.match(body.split("-")[0]):
            return (
                f"Số, ký hiệu {cite.printed_symbol}: cơ quan nhà nước, công đoàn ghi "
                "số/tên loại-cơ quan (ví dụ 15/KH-UBND).",
                None,
            )
    else:
        if _LAW_SYMBOL.match(sym):
            return None
        if not _STATE_SYMBOL.match(sym):
            return (
                f"Số, ký hiệu {cite.printed_symbol} sai quy cách văn bản hành chính "
                "(số/tên loại-cơ quan, ví dụ 15/KH-UBND).",
                None,
            )
        body = re.sub(r"^\d{4}/", "", sym).split("-", 1)[1]
        if _PARTY_BODY.search(body) and not re.search(r"\d{4}/", sym):
            return (
                f"Số, ký hiệu {cite.printed_symbol}: văn bản của cơ quan Đảng ghi "
                "số-tên loại/cơ quan (ví dụ 20-CT/TW).",
                None,
            )
    kind = cite.citation.kind or ""
    codes = _CODES.get(kind)
    code = (_type_code(cite) or "").upper()
    if codes and code and not any(code.startswith(c) for c in codes):
        return (
            f"Ký hiệu tên loại {code} trong {cite.printed_symbol} không khớp với tên loại "
            f"{kind} ({codes[0]}).",
            None,
        )
    return None


@rule(
    "REF-001",
    Severity.ERROR,
    title="Số, ký hiệu văn bản được viện dẫn đúng quy cách và khớp tên loại",
    message="Số, ký hiệu của văn bản được viện dẫn sai quy cách hoặc không khớp tên loại.",
    suggestion=(
        "Ghi đúng số, ký hiệu: Đảng 20-CT/TW, 104-KH/TU; nhà nước 15/KH-UBND, 30/2020/NĐ-CP; "
        "ký hiệu tên loại khớp tên loại (Kế hoạch → KH, Hướng dẫn → HD, Chỉ thị → CT)."
    ),
    source=SRC_SYMBOL,
)
def cited_symbol_well_formed(ctx: CheckContext) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for cite in _citations(ctx):
        key = (cite.citation.kind or "", cite.printed_symbol)
        if key in seen:
            continue
        seen.add(key)
        problem = _symbol_problem(cite)
        if problem:
            message, severity = problem
            yield Hit(cite.line, cite.text, message=message, severity=severity)


@rule(
    "REF-002",
    Severity.WARNING,
    title="Lần viện dẫn đầu tiên ghi đủ thông tin văn bản",
    message=(
        "Lần đầu viện dẫn phải ghi đủ tên loại, số, ký hiệu, ngày tháng năm, "
        "cơ quan ban hành và trích yếu."
    ),
    suggestion=(
        "Ví dụ: Kế hoạch số 104-KH/TU, ngày 03/10/2018 của Ban Thường vụ Thành ủy về …; "
        "các lần sau chỉ ghi tên loại và số, ký hiệu."
    ),
    source=SRC_CITE,
)
def first_citation_complete(ctx: CheckContext) -> Iterator[Hit]:
    seen: set[str] = set()
    issuers: set[str] = set()  # body codes of documents whose issuer has been named
    cites = _citations(ctx)
    for i, cite in enumerate(cites):
        if cite.key in seen:
            continue
        seen.add(cite.key)
        if cite.citation.issuer:
            issuers.add(_body_code(cite))
        if cite.nested:
            continue  # named inside another document's title: that title is quoted as is
        text = cite.para.text
        nxt = next((c.start for c in cites[i + 1 :] if c.para is cite.para), len(text))
        stop = re.search(r";|\.\s|\.$", text[cite.end : nxt])
        segment = text[cite.end : cite.end + stop.start()] if stop else text[cite.end : nxt]
        missing: list[str] = []
        if not cite.has_so:
            missing.append("chữ “số”")
        if cite.raw_date is None:
            missing.append("ngày ban hành")
        if not (
            cite.citation.issuer
            or _ISSUER_WORD.match(segment)
            or (re.match(r"^\s*,?\s*[A-ZĐ]", segment) and not _KIND_START.match(segment))
            or _body_code(cite)
            in issuers  # "… của Ban Tuyên giáo Trung ương; Kế hoạch số 09-KH/BTGTW …"
        ):
            missing.append("cơ quan ban hành")
        if cite.citation.issuer:
            issuers.add(_body_code(cite))
        if missing:
            name = f"{cite.citation.kind or cite.kind_text} số {cite.printed_symbol}"
            yield Hit(
                cite.line,
                cite.text,
                message=f"Lần đầu viện dẫn {name} chưa ghi {', '.join(missing)}.",
            )


@rule(
    "REF-003",
    Severity.ERROR,
    title="Một văn bản không được ghi hai ngày ban hành khác nhau",
    message="Cùng một văn bản được ghi hai ngày ban hành khác nhau.",
    suggestion="Đối chiếu văn bản gốc và ghi thống nhất một ngày ban hành.",
    source=SRC_CITE,
)
def same_document_same_date(ctx: CheckContext) -> Iterator[Hit]:
    first: dict[str, _Cite] = {}
    reported: set[tuple[str, tuple[int, int, int]]] = set()
    for cite in _citations(ctx, with_title=True):
        if cite.raw_date is None:
            continue
        key = f"{cite.citation.number.lstrip('0') if cite.citation.number else ''}|{cite.symbol}"
        earlier = first.get(key)
        if earlier is None:
            first[key] = cite
            continue
        if earlier.raw_date == cite.raw_date or (key, cite.raw_date) in reported:
            continue
        reported.add((key, cite.raw_date))
        yield Hit(
            cite.line,
            cite.text,
            message=(
                f"Cùng văn bản {cite.printed_symbol} được ghi hai ngày ban hành khác nhau "
                f"({_short(earlier.raw_date_text)} ở dòng {earlier.line} và "
                f"{_short(cite.raw_date_text)} ở dòng {cite.line})."
            ),
        )


def _short(text: str | None) -> str:
    return text or ""


@rule(
    "REF-004",
    Severity.WARNING,
    title="Viết hoa tên loại khi viện dẫn văn bản cụ thể",
    message="Viết hoa chữ cái đầu tên loại khi viện dẫn văn bản cụ thể: Kế hoạch số …",
    suggestion="Viết hoa chữ cái đầu của tên loại, ví dụ Kế hoạch số 60/KH-LĐLĐ, Hướng dẫn số 12-HD/BTGQU.",
    source=SRC_CAPITAL,
)
def cited_type_capitalised(ctx: CheckContext) -> Iterator[Hit]:
    for cite in _citations(ctx):
        first = cite.kind_text[:1]
        if first.islower() and not fold(cite.kind_text).startswith("van ban"):
            proper = cite.kind_text[:1].upper() + cite.kind_text[1:]
            yield Hit(
                cite.line,
                cite.text,
                message=(
                    "Viết hoa chữ cái đầu tên loại khi viện dẫn văn bản cụ thể: "
                    f"{proper} số {cite.printed_symbol}."
                ),
            )


@rule(
    "REF-005",
    Severity.INFO,
    regimes=("party",),
    title="Văn bản Đảng: có dấu phẩy trước “ngày” khi viện dẫn",
    message="Khi viện dẫn văn bản, đặt dấu phẩy trước chữ “ngày”.",
    suggestion="Ví dụ: Kế hoạch số 104-KH/TU, ngày 03/10/2018 của Ban Thường vụ Thành ủy.",
    source="HD05 Phần II §I.6.1 (mẫu viện dẫn); thực tiễn",
)
def comma_before_date(ctx: CheckContext) -> Iterator[Hit]:
    for cite in _citations(ctx):
        if cite.raw_date is not None and not cite.comma_before_date:
            yield Hit(
                cite.line,
                cite.text,
                message=(
                    f"Khi viện dẫn văn bản, đặt dấu phẩy trước chữ “ngày”: "
                    f"{cite.printed_symbol}, ngày …"
                ),
            )


@rule(
    "REF-006",
    Severity.WARNING,
    title="Văn bản được viện dẫn không ban hành sau kế hoạch",
    message="Ngày của văn bản được viện dẫn muộn hơn ngày ban hành kế hoạch.",
    suggestion="Kiểm tra lại ngày của văn bản được viện dẫn hoặc ngày ban hành kế hoạch.",
    source="HD05 Phần II §I.6.1; thực tiễn",
)
def cited_not_after_issue(ctx: CheckContext) -> Iterator[Hit]:
    bounds = _issue_bounds(ctx)
    if bounds is None:
        return
    latest = bounds[1]
    seen: set[tuple[str, tuple[int, int, int]]] = set()
    for cite in _citations(ctx):
        if cite.citation.date is None or cite.raw_date is None:
            continue
        cited = date.fromisoformat(cite.citation.date)
        if cited <= latest or (cite.key, cite.raw_date) in seen:
            continue
        seen.add((cite.key, cite.raw_date))
        issued = (
            _vn(latest) if bounds[0] == bounds[1] else f"tháng {latest.month:02d}/{latest.year}"
        )
        yield Hit(
            cite.line,
            cite.text,
            message=(
                f"{cite.citation.kind or cite.kind_text} {cite.printed_symbol} ghi ngày "
                f"{_vn(cited)}, muộn hơn ngày ban hành kế hoạch ({issued})."
            ),
        )
