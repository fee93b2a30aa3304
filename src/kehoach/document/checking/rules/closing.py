"""Rules on the closing: end of content (END), "Nơi nhận" (RCV), signature block (SIG).

document-format.md §3.7 (end of content), §3.8 and §4.1.7 (signature), §3.10 and §4.1.9
("Nơi nhận"), §7.2–7.4. The parser's ``Analysis`` gives the block boundaries; the rules
re-read the cleaned lines of the closing themselves because punctuation matters here and
the parser's ``Recipient`` names have it stripped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from ...parsing.lines import Line
from ...text import fold, tone_variants, unify_tone_placement
from ..context import CheckContext
from ..model import Hit, Severity, rule

HD05_START = date(2026, 5, 27)

SRC_END = "HD05 §6.2 (Đảng: kết thúc bằng dấu chấm); NĐ30 PL III Mẫu 1.4 (nhà nước: ./.)"
SRC_RCV = "HD05 §9.2.5 (Đảng); NĐ30 PL I §II.9 (nhà nước)"
SRC_SIG = "HD05 §7.1 (Đảng); NĐ30 PL I §II.7 (nhà nước)"

# ---------------------------------------------------------------- shared helpers


def _upper_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def _is_upper_line(text: str) -> bool:
    return _upper_ratio(text) >= 0.9


def _column(
    ctx: CheckContext, line_no: int | None, needle: str, *, last: bool = False
) -> int | None:
    """1-based column of ``needle`` in the printed source line (None when not found)."""
    raw = ctx.line(line_no)
    pos = raw.rfind(needle) if last else raw.find(needle)
    return pos + 1 if pos >= 0 else None


def _tail(text: str, words: int = 6) -> str:
    parts = text.split()
    return text if len(parts) <= words else "… " + " ".join(parts[-words:])


def _main_end(ctx: CheckContext) -> Line | None:
    """The last non-blank line of the content (the body without the closing)."""
    main = [ln for ln in ctx.analysis.main if ln.text]
    return main[-1] if main else None


def _recipient_block(ctx: CheckContext) -> list[Line]:
    """Cleaned lines of the "Nơi nhận" block after its head line (cells kept apart)."""
    a = ctx.analysis
    if a.recipients_start is None:
        return []
    end = a.recipients_end if a.recipients_end is not None else len(a.body)
    return list(a.body[a.recipients_start + 1 : end])


def _closing_zone(ctx: CheckContext) -> list[Line]:
    """Non-blank lines after the content that are not part of "Nơi nhận": the signature."""
    a = ctx.analysis
    end = _main_end(ctx)
    last = end.no if end else 0
    skip: set[int] = set()
    if a.recipients_start is not None:
        # The first cell of each row of the block is a receiver (or the head line); a
        # later cell of the same row is the side column of a flattened two-column
        # closing, i.e. the signature, unless it is a brace note ("Để báo cáo").
        stop = a.recipients_end if a.recipients_end is not None else len(a.body)
        rows: set[int] = set()
        for i in range(a.recipients_start, stop):
            ln = a.body[i]
            if not ln.text:
                continue
            if ln.no not in rows or _is_side_note(ln.text):
                skip.add(i)
            rows.add(ln.no)
    return [ln for i, ln in enumerate(a.body) if ln.text and ln.no > last and i not in skip]


# ---------------------------------------------------------------- END


@rule(
    "END-001",
    Severity.WARNING,
    title="Nội dung văn bản có dấu kết thúc",
    message="Nội dung văn bản chưa có dấu kết thúc.",
    suggestion="Kết thúc đoạn cuối bằng dấu chấm (.) (văn bản Đảng) hoặc ./. (văn bản hành chính).",
    source=SRC_END,
)
def content_ends(ctx: CheckContext) -> Iterator[Hit]:
    last = _main_end(ctx)
    if last is None or last.text.endswith("."):
        return
    raw = ctx.line(last.no).rstrip()
    yield Hit(last.no, _tail(last.text), column=len(raw) + 1 if raw else None)


@rule(
    "END-002",
    Severity.INFO,
    regimes=("party",),
    title="Văn bản Đảng kết thúc nội dung bằng dấu chấm",
    message="Văn bản của Đảng kết thúc nội dung bằng dấu chấm (.), không dùng ./.",
    suggestion="Thay ./. ở cuối nội dung bằng một dấu chấm.",
    source="HD05 §6.2",
    applies_from=HD05_START,
)
def party_ends_with_full_stop(ctx: CheckContext) -> Iterator[Hit]:
    last = _main_end(ctx)
    if last is not None and last.text.rstrip().endswith("./."):
        yield Hit(last.no, "./.", column=_column(ctx, last.no, "./.", last=True))


# ---------------------------------------------------------------- RCV

_HEAD = re.compile(r"^\s*(?:[-*]\s*)?(?P<phrase>N[ơo]i\s*nh[ậa]n)(?P<after>.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[-–+•]\s*")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_TAIL_NOTE = re.compile(r"(?<=[;,.])\s+(?:[Đđ]ể)\b.*$")
_SIDE_NOTES = frozenset(
    {"bao cao", "thuc hien", "phoi hop", "chi dao", "biet", "theo doi", "b/c", "t/h", "de"}
)
_DRAFTER = re.compile(r"^[A-ZĐ]{1,6}\s*\(\s*\d+\s*(?:b|bản)\s*\)\.?$")


@dataclass
class _Item:
    """One receiver as printed: first and last source line, text joined across wraps."""

    first: int
    last: int
    text: str
    parts: list[str] = field(default_factory=list)

    @property
    def is_archive(self) -> bool:
        return fold(_BULLET.sub("", self.text)).startswith("luu")


def _is_side_note(text: str) -> bool:
    f = fold(text).strip(" ,.;")
    return bool(f) and (f in _SIDE_NOTES or f.startswith("de "))


def _items(ctx: CheckContext) -> list[_Item]:
    items: list[_Item] = []
    a = ctx.analysis
    # The head row is taken: "Nơi nhận: | T/M ĐẢNG ỦY" has the signature as its side cell.
    seen_rows = {a.body[a.recipients_start].no} if a.recipients_start is not None else set()
    for ln in _recipient_block(ctx):
        text = ln.text
        if not text or ln.no in seen_rows:
            continue  # a later cell of the same row: a brace note or the side column
        seen_rows.add(ln.no)
        if text.endswith(":") and len(text) < 60 and not _BULLET.match(text):
            continue  # a label such as "Gửi bản điện tử:"
        if _is_side_note(text) or (text.startswith("(") and text.endswith((")", ");", ").", "),"))):
            continue  # "(để b/c)" or "Để báo cáo" printed on a row of its own
        if items and text.startswith("+") and items[-1].text.endswith(":"):
            items.pop()  # "- Các ban Đảng:" heads a group of "+ …;" receivers
        if items and not _BULLET.match(text) and text[:1].islower():
            prev = items[-1]
            prev.text = f"{prev.text} {text}"
            prev.last = ln.no
            prev.parts.append(text)
            continue
        items.append(_Item(ln.no, ln.no, text, [text]))
    return items


@rule(
    "RCV-001",
    Severity.ERROR,
    title="Có phần Nơi nhận",
    message="Văn bản không có phần Nơi nhận.",
    suggestion="Thêm phần Nơi nhận ở cuối văn bản, bên trái, dưới nội dung (Nơi nhận: - …; - Lưu …).",
    source="HD05 §9 (Đảng); NĐ30 PL I §II.9 (nhà nước)",
)
def recipients_exist(ctx: CheckContext) -> Iterator[Hit]:
    if ctx.analysis.recipients_start is None:
        yield Hit(None)


@rule(
    "RCV-002",
    Severity.WARNING,
    title="Sau cụm từ Nơi nhận có dấu hai chấm",
    message="Sau cụm từ Nơi nhận phải có dấu hai chấm.",
    suggestion="Viết: Nơi nhận:",
    source=SRC_RCV,
)
def recipients_colon(ctx: CheckContext) -> Iterator[Hit]:
    a = ctx.analysis
    if a.recipients_start is None:
        return
    head = a.body[a.recipients_start]
    m = _HEAD.match(head.text)
    if m and not m.group("after").lstrip().startswith(":"):
        phrase = m.group("phrase")
        col = _column(ctx, head.no, phrase)
        yield Hit(head.no, phrase, column=col + len(phrase) if col else None)


def _final_mark(item: _Item) -> tuple[str, str]:
    """(the item without a trailing purpose note, its last character)."""
    core = _TAIL_NOTE.sub("", item.text.rstrip())
    if core.endswith(")"):
        stripped = _TRAILING_NOTE.sub("", core)
        if stripped and stripped[-1:] in ";.":
            core = stripped  # "- Ban Tuyên giáo; (để b/c)": the note follows the mark
    return core, core[-1:]


@rule(
    "RCV-003",
    Severity.WARNING,
    title="Mỗi nơi nhận bắt đầu bằng gạch đầu dòng, kết thúc bằng dấu chấm phẩy",
    message="Mỗi nơi nhận kết thúc bằng dấu chấm phẩy (;), dòng lưu kết thúc bằng dấu chấm (.).",
    suggestion="Mỗi dòng: - <nơi nhận>; dòng cuối: - Lưu ….",
    source=SRC_RCV,
)
def recipient_punctuation(ctx: CheckContext) -> Iterator[Hit]:
    items = _items(ctx)
    has_archive = any(it.is_archive for it in items)
    for i, item in enumerate(items):
        if _DRAFTER.match(item.text):
            continue
        if not _BULLET.match(item.text):
            yield Hit(
                item.first,
                item.text,
                column=_column(ctx, item.first, item.parts[0][:1]),
                message="Mỗi nơi nhận bắt đầu bằng gạch đầu dòng (- ).",
                suggestion=f"- {item.text}",
            )
        core, mark = _final_mark(item)
        if item.is_archive:
            wanted = {"."}
        elif i == len(items) - 1 and not has_archive:
            wanted = {";", "."}
        else:
            wanted = {";"}
        if mark in wanted:
            continue
        last_part = item.parts[-1]
        col = _column(ctx, item.last, last_part)
        end_col = col + len(_TAIL_NOTE.sub("", last_part.rstrip())) - 1 if col else None
        base = core[:-1].rstrip() if mark in {",", ";", ".", ":"} else core
        fixed = f"{base}{'.' if item.is_archive else ';'}"
        yield Hit(
            item.last,
            item.text,
            column=end_col,
            message=(
                "Dòng lưu kết thúc bằng dấu chấm (.)."
                if item.is_archive
                else "Mỗi nơi nhận kết thúc bằng dấu chấm phẩy (;)."
                + (f" Dòng này kết thúc bằng “{mark}”." if mark in {",", ".", ":"} else "")
            ),
            suggestion=f"Viết: {fixed}",
        )


_STATE_ARCHIVE = re.compile(r"^Lưu\s*:\s*VT\b")


@rule(
    "RCV-004",
    Severity.WARNING,
    title="Dòng cuối của Nơi nhận là dòng lưu",
    message="Dòng cuối của phần Nơi nhận phải là dòng lưu (- Lưu …).",
    suggestion="Thêm dòng lưu ở cuối: - Lưu Văn phòng … (Đảng) hoặc - Lưu: VT, … (hành chính).",
    source="HD05 PL2 (ví dụ Lưu Văn phòng Tỉnh ủy); NĐ30 PL I §II.9, PL III Mẫu 1.4",
)
def archive_line_last(ctx: CheckContext) -> Iterator[Hit]:
    items = [it for it in _items(ctx) if not _DRAFTER.match(it.text)]
    if not items:
        return
    archives = [it for it in items if it.is_archive]
    if not archives:
        yield Hit(items[-1].last, items[-1].text)
        return
    archive = archives[-1]
    if archive is not items[-1]:
        yield Hit(
            archive.first,
            archive.text,
            message="Dòng lưu phải là dòng cuối cùng của phần Nơi nhận.",
            suggestion="Chuyển dòng lưu xuống cuối phần Nơi nhận.",
        )
    if ctx.regime == "state" and not _STATE_ARCHIVE.match(_BULLET.sub("", archive.text)):
        yield Hit(
            archive.first,
            archive.text,
            message="Văn bản hành chính ghi dòng lưu theo mẫu: - Lưu: VT, <đơn vị soạn thảo>.",
            suggestion="Viết: - Lưu: VT, <viết tắt đơn vị soạn thảo> (<số bản>).",
        )


@rule(
    "RCV-005",
    Severity.INFO,
    title="Dòng lưu ghi nơi lưu văn bản",
    message="Dòng lưu chưa ghi đơn vị lưu văn bản.",
    suggestion="Ghi rõ nơi lưu, ví dụ: - Lưu Văn phòng Quận ủy. hoặc - Lưu: VT, VP.",
    source="HD05 PL2 (ví dụ Lưu Văn phòng Tỉnh ủy); NĐ30 PL I §II.9",
)
def archive_names_office(ctx: CheckContext) -> Iterator[Hit]:
    archives = [it for it in _items(ctx) if it.is_archive]
    if not archives:
        return
    archive = archives[-1]
    rest = fold(_BULLET.sub("", archive.text))[3:]
    rest = re.sub(r"[^a-z0-9&]+", " ", rest).strip()
    if rest in {"", "ho so", "hs"}:
        word = _BULLET.sub("", archive.parts[0])[:3]
        yield Hit(archive.first, archive.text, column=_column(ctx, archive.first, word))


# ---------------------------------------------------------------- SIG

_NOTATION = re.compile(
    r"^(?P<n>T\s*/\s*[MLU]|K\s*/\s*T|TUQ\.?|TM\.?|KT\.?|TL\.?|Q\.)\s+(?P<rest>\S.*)$"
)
_PARTY_NOTATIONS = frozenset({"T/M", "K/T", "T/L", "Q."})
_STATE_NOTATIONS = frozenset({"TM.", "KT.", "TL.", "TUQ.", "Q."})
_TO_PARTY = {"TM": "T/M", "KT": "K/T", "TL": "T/L", "TU": "T/L", "TUQ": "T/L", "Q": "Q."}
_TO_STATE = {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TU": "TUQ.", "TUQ": "TUQ.", "Q": "Q."}
_SIGNED = re.compile(r"[(\[]\s*đã\s+ký[^)\]]{0,40}[)\]]", re.IGNORECASE)

# Collectives a Party document signs for with T/M (§3.8), by kind of allowed title.
_PARTY_COMMITTEES = (
    "BAN THƯỜNG VỤ",
    "BAN CHẤP HÀNH",
    "THƯỜNG TRỰC",
    "ĐẢNG ỦY",
    "ĐẢNG ĐOÀN",
    "BAN CÁN SỰ ĐẢNG",
    "CHI BỘ",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "QUẬN ỦY",
    "HUYỆN ỦY",
    "THỊ ỦY",
    "BỘ CHÍNH TRỊ",
    "BAN BÍ THƯ",
)
_PARTY_INSPECTION = ("ỦY BAN KIỂM TRA",)
_PARTY_COUNCILS = ("HỘI ĐỒNG",)
_PARTY_CONGRESS = ("ĐẠI HỘI", "ĐOÀN CHỦ TỊCH", "ĐOÀN ĐẠI BIỂU", "BAN TỔ CHỨC", "BAN THẨM TRA")
_ALLOWED = {
    "committee": ("BÍ THƯ", "PHÓ BÍ THƯ", "TỔNG BÍ THƯ"),
    "inspection": ("CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
    "council": ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    "congress": ("TRƯỞNG ĐOÀN", "TRƯỞNG BAN", "CHỦ TỊCH"),
}
_STRICT = {  # HD05 §7.1.2b: only the post, nothing appended
    "committee": ("BÍ THƯ", "PHÓ BÍ THƯ"),
    "inspection": ("CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
    "council": ("CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
}
_COLLECTIVE_WORDS = (
    *_PARTY_COMMITTEES,
    *_PARTY_INSPECTION,
    *_PARTY_COUNCILS,
    *_PARTY_CONGRESS,
    "ỦY BAN",
    "BAN ",
    "HỘI ",
    "CHÍNH PHỦ",
    "LIÊN ĐOÀN",
    "CÔNG ĐOÀN",
)
_HEAD_TITLES = (
    "BÍ THƯ",
    "CHỦ TỊCH",
    "TRƯỞNG BAN",
    "TRƯỞNG PHÒNG",
    "TRƯỞNG ĐOÀN",
    "CHÁNH VĂN PHÒNG",
    "GIÁM ĐỐC",
    "CHỦ NHIỆM",
    "HIỆU TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỦ TRƯỞNG",
    "THỦ TƯỚNG",
    "TỔNG BIÊN TẬP",
    "VIỆN TRƯỞNG",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
)
_TITLE_WORDS = frozenset(
    [
        "BÍ",
        "THƯ",
        "CHỦ",
        "TỊCH",
        "TRƯỞNG",
        "PHÓ",
        "GIÁM",
        "ĐỐC",
        "CHÁNH",
        "PHÒNG",
        "NHIỆM",
        "BAN",
        "ỦY",
        "VỤ",
        "TRỰC",
        "HỘI",
        "ĐOÀN",
        "KIÊM",
        "HIỆU",
        "TỔNG",
        "THỦ",
        "TƯỚNG",
        "BỘ",
        "THỨ",
        "QUYỀN",
        "ĐẢNG",
        "CHI",
        "BIÊN",
        "TẬP",
        "VIỆN",
        "CỤC",
        "THƯỜNG",
    ]
)


def _key(text: str) -> str:
    return unify_tone_placement(" ".join(text.split())).upper()


def _notation_kind(notation: str) -> str:
    return re.sub(r"[\s./]", "", notation)


@dataclass
class _Block:
    notation: str | None = None  # spaces removed: "T/M", "TM."
    notation_line: Line | None = None
    authority: str = ""  # what follows the notation: "BAN THƯỜNG VỤ"
    titles: list[Line] = field(default_factory=list)
    name: Line | None = None
    name_in_caps: bool = False


def _signature_lines(ctx: CheckContext) -> list[Line]:
    """Where the signature block is: after the content, or where the parser found it.

    A decision with its plan attached has the signature between the two; the parser's
    signer line points at it.
    """
    zone = _closing_zone(ctx)
    signer = ctx.plan.signer
    if signer is None or signer.line is None or any(ln.no == signer.line for ln in zone):
        return zone
    body = ctx.analysis.body
    start = next((i for i, ln in enumerate(body) if ln.no == signer.line), None)
    if start is None:
        return zone
    return [ln for ln in body[start : start + 12] if ln.text]


def _signature_block(ctx: CheckContext) -> _Block | None:
    zone = [
        ln
        for ln in _signature_lines(ctx)
        if ln.text not in {"*", "**", "***"} and not _SIGNED.fullmatch(ln.text.strip())
    ]
    start = None
    block = _Block()
    for i, ln in enumerate(zone):
        m = _NOTATION.match(ln.text)
        if m and _upper_ratio(m.group("rest")) >= 0.8:
            block.notation = re.sub(r"\s+", "", m.group("n"))
            block.notation_line = ln
            block.authority = m.group("rest").strip()
            start = i + 1
            break
    if start is None:
        for i, ln in enumerate(zone):
            if _is_upper_line(ln.text) and len(ln.text) < 70 and not ln.text.startswith("-"):
                block.titles.append(ln)
                start = i + 1
                break
    if start is None:
        return None
    for ln in zone[start:]:
        if _is_upper_line(ln.text):
            if len(block.titles) < 3:
                block.titles.append(ln)
                continue
            break
        block.name = ln
        break
    if block.name is None and len(block.titles) >= 2:
        # A name printed in capitals ("NGUYỄN VĂN AN") is the last capitals line.
        last = block.titles[-1]
        words = last.text.split()
        if 2 <= len(words) <= 6 and not set(_key(last.text).split()) & _TITLE_WORDS:
            block.titles.pop()
            block.name = last
            block.name_in_caps = True
    return block


@rule(
    "SIG-001",
    Severity.ERROR,
    title="Có khối chữ ký: quyền hạn, chức vụ, họ tên người ký",
    message="Không thấy khối chữ ký (quyền hạn, chức vụ và họ tên người ký).",
    suggestion="Thêm khối chữ ký bên phải, dưới nội dung: T/M BAN THƯỜNG VỤ / BÍ THƯ / họ tên (Đảng) hoặc TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / họ tên (hành chính).",
    source=SRC_SIG,
)
def signature_exists(ctx: CheckContext) -> Iterator[Hit]:
    block = _signature_block(ctx)
    if block is None:
        yield Hit(None)
        return
    if block.name is None:
        last = block.titles[-1] if block.titles else block.notation_line
        yield Hit(
            last.no if last else None,
            last.text if last else "",
            message="Khối chữ ký thiếu họ tên người ký.",
            suggestion="Ghi đầy đủ họ tên người ký dưới chữ ký, ví dụ: Nguyễn Văn An.",
        )


@rule(
    "SIG-002",
    Severity.ERROR,
    title="Ký hiệu quyền hạn ký đúng loại văn bản",
    message="Ký hiệu quyền hạn ký không đúng: văn bản Đảng dùng T/M, K/T, T/L; văn bản nhà nước dùng TM., KT., TL., TUQ.",
    suggestion="Văn bản Đảng: T/M, K/T, T/L, Q.; văn bản nhà nước, công đoàn: TM., KT., TL., TUQ., Q.",
    source="HD05 §7.1.1 (Đảng); NĐ30 PL I §II.7 (nhà nước)",
)
def signing_notation(ctx: CheckContext) -> Iterator[Hit]:
    for ln in _signature_lines(ctx):
        m = _NOTATION.match(ln.text)
        if not m or _upper_ratio(m.group("rest")) < 0.8:
            continue
        notation = re.sub(r"\s+", "", m.group("n"))
        kind = _notation_kind(notation)
        party = ctx.regime == "party"
        allowed = _PARTY_NOTATIONS if party else _STATE_NOTATIONS
        if notation in allowed:
            continue
        wanted = (_TO_PARTY if party else _TO_STATE).get(kind, "")
        if party and kind == "TU":
            message = "Văn bản Đảng không dùng T/U; người được ủy quyền ký thừa lệnh (T/L)."
        elif party:
            message = f"Văn bản Đảng dùng ký hiệu {wanted}, không dùng {notation}."
        else:
            message = f"Văn bản hành chính, công đoàn dùng ký hiệu {wanted}, không dùng {notation}."
        yield Hit(
            ln.no,
            ln.text,
            column=_column(ctx, ln.no, m.group("n")),
            message=message,
            suggestion=f"Viết: {wanted} {m.group('rest').strip()}",
        )


def _collective_kind(authority: str) -> str | None:
    key = _key(authority)
    for kind, names in (
        ("committee", _PARTY_COMMITTEES),
        ("inspection", _PARTY_INSPECTION),
        ("council", _PARTY_COUNCILS),
        ("congress", _PARTY_CONGRESS),
    ):
        if any(key.startswith(_key(n)) for n in names):
            return kind
    return None


def _is_collective(authority: str) -> bool:
    key = _key(authority)
    return any(key.startswith(_key(w)) for w in _COLLECTIVE_WORDS)


def _is_head_title(text: str) -> bool:
    key = _key(text)
    return any(key.startswith(_key(t)) for t in _HEAD_TITLES)


def _is_deputy_title(text: str) -> bool:
    key = _key(text)
    return key.startswith("PHÓ ") or key.startswith("THỨ TRƯỞNG")


@rule(
    "SIG-003",
    Severity.WARNING,
    title="Quyền hạn ký phù hợp với tập thể, người đứng đầu và chức vụ người ký",
    message="Quyền hạn ký và chức vụ người ký không phù hợp.",
    suggestion="T/M (TM.) + tên tập thể + chức vụ; K/T (KT.) + chức vụ người đứng đầu + chức vụ cấp phó.",
    source="HD05 §7.1.1–7.1.2, §7.1.4 (Đảng); NĐ30 PL I §II.7 (nhà nước)",
)
def signing_authority_fits(ctx: CheckContext) -> Iterator[Hit]:
    block = _signature_block(ctx)
    if block is None or block.notation is None or block.notation_line is None:
        return
    line = block.notation_line
    kind = _notation_kind(block.notation)
    party = ctx.regime == "party"
    shown = block.notation
    title = block.titles[0] if block.titles else None
    if kind == "TM":
        if _is_head_title(block.authority) and not _is_collective(block.authority):
            yield Hit(
                line.no,
                line.text,
                message=f"{shown} (thay mặt) đứng trước tên tập thể, không đứng trước chức vụ {block.authority}.",
                suggestion=(
                    f"Người đứng đầu ký trực tiếp: {block.authority}; cấp phó ký thay: "
                    f"{'K/T' if party else 'KT.'} {block.authority}."
                ),
            )
            return
        if title is None:
            if party and _collective_kind(block.authority) == "congress":
                return  # congress bodies may sign without a title (§3.8)
            yield Hit(
                line.no,
                line.text,
                message=f"Thiếu chức vụ người ký dưới dòng {line.text}.",
                suggestion="Ghi chức vụ dưới dòng quyền hạn, ví dụ: BÍ THƯ, PHÓ BÍ THƯ, CHỦ TỊCH.",
            )
            return
        title_m = _NOTATION.match(title.text)
        if title_m:
            inner = _notation_kind(title_m.group("n"))
            if party and inner == "KT":
                yield Hit(
                    title.no,
                    title.text,
                    message="Cấp ủy là tập thể: cấp phó ký T/M tập thể, không ký K/T.",
                    suggestion=f"Viết: {line.text} / PHÓ BÍ THƯ.",
                )
            return  # State "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
        if not party:
            return
        collective = _collective_kind(block.authority)
        if collective is None:
            return
        allowed = _ALLOWED[collective]
        key = _key(title.text)
        if not any(key == a or key.startswith(a + " ") for a in allowed):
            yield Hit(
                title.no,
                title.text,
                message=f"Dưới {line.text} chức vụ người ký phải là {' hoặc '.join(allowed[:2])}.",
                suggestion=f"Viết: {line.text} / {allowed[0]} (hoặc {allowed[1]}).",
            )
    elif kind == "KT":
        if _is_collective(block.authority):
            yield Hit(
                line.no,
                line.text,
                message=(
                    f"{shown} (ký thay) đứng trước chức vụ người đứng đầu, không đứng trước tập thể"
                    + ("; cấp phó của cấp ủy ký T/M tập thể." if party else ".")
                ),
                suggestion=(
                    f"Viết: T/M {block.authority} / PHÓ BÍ THƯ."
                    if party
                    else f"Viết: TM. {block.authority} / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."
                ),
            )
            return
        if title is None or not _is_deputy_title(title.text):
            where = title or line
            yield Hit(
                where.no,
                where.text,
                message=f"Dưới {line.text} phải là chức vụ cấp phó ký thay (PHÓ …).",
                suggestion=f"Viết: {line.text} / PHÓ {block.authority}.",
            )
    elif kind in {"TL", "TU", "TUQ"} and title is None:
        yield Hit(
            line.no,
            line.text,
            message=f"Thiếu chức vụ người ký dưới dòng {line.text}.",
            suggestion="Ghi chức vụ người được giao ký, ví dụ: CHÁNH VĂN PHÒNG.",
        )


_ACADEMIC = re.compile(
    r"^(?:(?:GS|PGS|TS|TSKH|ThS|Ths|BS|BSCKI{1,2}|KS|CN|LS|NGƯT|NGND|NSƯT|NSND|TTƯT|TTND)"
    r"\s*[.,]\s*|(?:Giáo sư|Phó Giáo sư|Tiến sĩ|Thạc sĩ|Bác sĩ|Kỹ sư|Cử nhân|Luật sư|"
    r"(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Nhà giáo\s+\w+\s+\w+|Nghệ sĩ\s+\w+\s+\w+|"
    r"Anh hùng\s+\w+\s+\w+)\s+)",
    re.IGNORECASE,
)
_SYLLABLE = re.compile(r"^[^\W\d_][^\W\d_A-ZĐ]*$")


def _syllables_ok(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 6:
        return False
    for word in words:
        for part in word.split("-"):
            part = part.replace("'", "").replace("’", "")
            if not part or not part[0].isupper() or not _SYLLABLE.match(part):
                return False
            if any(c.isupper() for c in part[1:]):
                return False
    return True


@rule(
    "SIG-004",
    Severity.WARNING,
    title="Họ tên người ký đầy đủ, không kèm học hàm, học vị, cấp bậc",
    message="Họ tên người ký phải đầy đủ (2–6 âm tiết, viết hoa chữ cái đầu mỗi âm tiết), không ghi học hàm, học vị, quân hàm trước họ tên.",
    suggestion="Chỉ ghi họ và tên, ví dụ: Nguyễn Văn An.",
    source="HD05 §7.1.3 (Đảng); NĐ30 PL I §II.7 (nhà nước)",
)
def signer_name_form(ctx: CheckContext) -> Iterator[Hit]:
    block = _signature_block(ctx)
    if block is None or block.name is None:
        return
    ln = block.name
    name = ln.text.strip()
    m = _ACADEMIC.match(name)
    if m:
        rest = name[m.end() :].strip()
        yield Hit(
            ln.no,
            name,
            column=_column(ctx, ln.no, m.group(0).strip()),
            message=f"Không ghi học hàm, học vị, cấp bậc trước họ tên người ký ({m.group(0).strip()}).",
            suggestion=f"Viết: {rest}" if rest else "Chỉ ghi họ và tên người ký.",
        )
    elif block.name_in_caps:
        yield Hit(
            ln.no,
            name,
            message="Họ tên người ký viết chữ thường, viết hoa chữ cái đầu mỗi âm tiết, không viết in hoa toàn bộ.",
            suggestion=f"Viết: {name.title()}",
        )
    elif not _syllables_ok(name):
        yield Hit(ln.no, name)


_SUBJECT = (
    "Ban Thường vụ",
    "Thường trực",
    "Ban Chấp hành",
    "Đảng ủy",
    "Đảng đoàn",
    "Ban Cán sự đảng",
    "Chi bộ",
    "Ủy ban Kiểm tra",
    "Đoàn Chủ tịch",
    "Ủy ban nhân dân",
)
_SUBJECT_RE = re.compile(
    r"(?<!\w)(?P<subj>"
    + "|".join(
        r"\s+".join(
            "(?:" + "|".join(re.escape(v) for v in sorted(tone_variants(w))) + ")"
            for w in s.split()
        )
        for s in _SUBJECT
    )
    + r")(?P<body>(?:\s+[^\s,.;:()]+){0,5}?)\s+(?P<verb>xây dựng|ban hành|triển khai|yêu cầu)"
    r"(?P<after>(?:\s+[^\s,.;:]+){0,3})",
    re.IGNORECASE,
)
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?:tham mưu|giúp|giao|báo cáo|cho|của|với|về|qua|đề nghị|trình)\s*(?:cho\s+)?$",
    re.IGNORECASE,
)


@rule(
    "SIG-005",
    Severity.WARNING,
    title="Chủ thể ban hành trong nội dung khớp với quyền hạn ký",
    message="Chủ thể ban hành trong nội dung không khớp với quyền hạn ký.",
    suggestion="Thống nhất chủ thể ban hành kế hoạch trong nội dung với dòng quyền hạn ký (T/M …).",
    source="HD05 §7.1.1 (thẩm quyền ký); thực tiễn",
)
def subject_matches_authority(ctx: CheckContext) -> Iterator[Hit]:
    block = _signature_block(ctx)
    if block is None or block.notation is None or _notation_kind(block.notation) != "TM":
        return
    signed = _key(block.authority)
    signed_collective = next((s for s in _SUBJECT if signed.startswith(_key(s))), None)
    if signed_collective is None:
        return
    a = ctx.analysis
    paragraphs = list(a.opening)
    if a.paragraphs:
        closing = [p for p in a.paragraphs if fold(p.text).startswith("tren day")]
        for p in [*closing, a.paragraphs[-1]]:
            if p not in paragraphs:
                paragraphs.append(p)
    for p in paragraphs:
        for m in _SUBJECT_RE.finditer(p.text):
            verb = fold(m.group("verb"))
            if verb != "yeu cau" and "ke hoach" not in fold(m.group("after")):
                continue
            if _NOT_SUBJECT_BEFORE.search(p.text[: m.start()]):
                continue
            subj = m.group("subj")
            if not subj[:1].isupper() or _key(subj) == _key(signed_collective):
                continue
            shown = f"{subj}{m.group('body')}".strip()
            wanted = f"{_title_case(block.authority)}{m.group('body')}".strip()
            yield Hit(
                p.no,
                shown,
                column=_column(ctx, p.no, subj),
                message=(
                    f"Chủ thể ban hành trong nội dung ({shown}) không khớp với quyền hạn ký "
                    f"({block.notation} {block.authority})."
                ),
                suggestion=(
                    f"Sửa chủ thể trong nội dung thành {wanted}"
                    f" hoặc sửa dòng quyền hạn ký cho đúng tập thể ban hành."
                ),
            )


def _title_case(authority: str) -> str:
    """ "BAN THƯỜNG VỤ" → "Ban Thường vụ" (the form used in running text)."""
    key = _key(authority)
    for s in _SUBJECT:
        if key.startswith(_key(s)):
            rest = authority[len(s) :].strip()
            return f"{s} {rest.title()}".strip() if rest else s
    return authority.capitalize()


@rule(
    "SIG-006",
    Severity.INFO,
    regimes=("party",),
    title="Dưới T/M cấp ủy chỉ ghi BÍ THƯ hoặc PHÓ BÍ THƯ",
    message="Khi ký thay mặt cấp ủy, ủy ban kiểm tra, hội đồng chỉ ghi chức vụ bí thư, phó bí thư, chủ nhiệm, phó chủ nhiệm, chủ tịch, phó chủ tịch.",
    suggestion="Viết: PHÓ BÍ THƯ (không thêm THƯỜNG TRỰC hay tên cơ quan).",
    source="HD05 §7.1.2b",
    applies_from=HD05_START,
)
def strict_committee_title(ctx: CheckContext) -> Iterator[Hit]:
    block = _signature_block(ctx)
    if block is None or block.notation is None or _notation_kind(block.notation) != "TM":
        return
    collective = _collective_kind(block.authority)
    if collective not in _STRICT or not block.titles:
        return
    title = block.titles[0]
    if _NOTATION.match(title.text):
        return
    allowed = _STRICT[collective]
    key = _key(title.text)
    if key in allowed:
        return
    best = next((a for a in sorted(allowed, key=len, reverse=True) if key.startswith(a)), None)
    yield Hit(
        title.no,
        title.text,
        column=_column(ctx, title.no, title.text),
        suggestion=f"Viết: {best}" if best else f"Viết: {allowed[0]} hoặc {allowed[1]}",
    )


@rule(
    "SIG-007",
    Severity.INFO,
    title="Văn bản là bản gốc có chữ ký, không phải bản chép lại",
    message="Có dấu hiệu chép lại văn bản: (Đã ký) thay cho chữ ký; đây là bản sao, không phải bản gốc.",
    suggestion="Dùng bản gốc có chữ ký, dấu; bản sao phải theo thể thức bản sao (SY, TrS, SL).",
    source="thực tiễn",
)
def transcription_marker(ctx: CheckContext) -> Iterator[Hit]:
    for ln in _signature_lines(ctx):
        for m in _SIGNED.finditer(ln.text):
            yield Hit(ln.no, m.group(0), column=_column(ctx, ln.no, m.group(0)))
