"""The closing: recipients ("Nơi nhận") and the signature block."""

from __future__ import annotations

import re

from ..model import Recipient, Signer
from ..text import fold
from .lines import Line

__all__ = ["extract_recipients", "extract_signer", "find_recipients_start"]

_RECIPIENTS_HEAD = re.compile(
    r"^\s*(?:[-*]\s*)?N[ơo]i\s*nh[ậa]n\s*[:.]?\s*(?P<rest>.*)$", re.IGNORECASE
)
_AUTHORITY = re.compile(r"^(?P<a>(?:T/M|TM\.?|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+[A-ZĐÀ-Ỹ].*)$")
_SIGNED = re.compile(
    r"^[(\[]?\s*(?:đã ký|ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu|ký, đóng dấu|đã ký và đóng dấu)[^)\]]*[)\]]?$",
    re.IGNORECASE,
)
_SIGNED_INLINE = re.compile(r"\s*[(\[]\s*đã ký\s*[)\]]\s*", re.IGNORECASE)
_KNOWN_TITLES = (
    "PHÓ BÍ THƯ THƯỜNG TRỰC",
    "BÍ THƯ THƯỜNG TRỰC",
    "PHÓ BÍ THƯ",
    "BÍ THƯ",
    "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
    "PHÓ TRƯỞNG BAN",
    "TRƯỞNG BAN",
    "PHÓ GIÁM ĐỐC",
    "GIÁM ĐỐC",
    "PHÓ CHÁNH VĂN PHÒNG",
    "CHÁNH VĂN PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "TRƯỞNG PHÒNG",
    "PHÓ HIỆU TRƯỞNG",
    "HIỆU TRƯỞNG",
    "CHỦ NHIỆM",
    "PHÓ CHỦ NHIỆM",
    "THỦ TRƯỞNG",
    "TỔNG BIÊN TẬP",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
)
_PURPOSE_PAREN = re.compile(
    r"[;,]?\s*\((?P<pre>[^()]*?)\s*-?\s*(?P<p>(?:để|Để|đề)\s+[^()]+?)\)\s*[;,.]?\s*$"
)
_PURPOSE_BARE_PAREN = re.compile(
    r"[;,]?\s*\((?P<p>b/c|t/h|báo cáo|thực hiện|phối hợp|chỉ đạo|biết|theo dõi|p/h)\)\s*[;,.]?\s*$",
    re.IGNORECASE,
)
_PURPOSE_TAIL = re.compile(
    r"[;,]?\s+(?P<p>(?:để|Để)\s+(?:báo cáo|b/c|thực hiện|t/h|phối hợp|biết|chỉ đạo|theo dõi)[^;]*?)\s*[;,.]?\s*$"
)
_BULLET = re.compile(r"^\s*[-–+•]\s*")
_PAREN_PURPOSE_LINE = re.compile(r"^\(\s*(?:để|Để)\s[^()]*\)\s*[;,.]?$")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def _is_person(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or len(text) > 45 or re.search(r"[\d:;,()/]", text):
        return False
    return all(w[:1].isupper() and (len(w) == 1 or not w.isupper() or len(w) <= 2) for w in words)


def find_recipients_start(lines: list[Line]) -> int | None:
    for i, line in enumerate(lines):
        if _RECIPIENTS_HEAD.match(line.text) and len(line.text) < 400:
            # "Nơi nhận" must not be running text ("nơi nhận hồ sơ …").
            head = line.text.lstrip(" -*")
            if head[:1] == "N":
                return i
    return None


def _split_purpose(item: str) -> tuple[str, str | None]:
    m = _PURPOSE_PAREN.search(item)
    if m:
        pre = m.group("pre").strip(" -")
        name = item[: m.start()].strip(" ;,.")
        if pre:
            name = f"{name} ({pre})"
        return name, m.group("p").strip()
    m = _PURPOSE_BARE_PAREN.search(item)
    if m and m.start() > 3:
        return item[: m.start()].strip(" ;,."), m.group("p").strip()
    m = _PURPOSE_TAIL.search(item)
    if m and m.start() > 3:
        return item[: m.start()].strip(" ;,."), m.group("p").strip()
    return item.strip(" ;,."), None


def _is_signature_start(text: str) -> bool:
    if _AUTHORITY.match(text):
        return True
    return bool(_is_upper(text) and not text.startswith(("-", "+")) and len(text) < 70)


def _inline_items(text: str) -> list[str]:
    """ "- A; - B (để b/c); - Lưu: VT." on one line → ["A", "B (để b/c)", "Lưu: VT."]."""
    parts = re.split(r"(?:^|(?<=[;,.]))\s*[-–+•]\s+", text)
    return [p.strip() for p in parts if p.strip()]


def extract_recipients(
    lines: list[Line], start: int | None
) -> tuple[list[Recipient], int | None, list[Line]]:
    """Recipients from the "Nơi nhận" line on.

    Returns the recipients, the index just after the block, and the lines of a side
    column printed on the same rows (the signature block of a flattened two-column
    closing: "- Lưu VP. | Đỗ Quang Huy").
    """
    if start is None:
        return [], None, []
    out: list[Recipient] = []
    raw_items: list[str] = []  # each recipient as printed, to tell a finished item
    notes: dict[int, list[str]] = {}
    side: list[Line] = []

    def add(item: str, line_no: int) -> None:
        item, note = _split_side_note(item)
        if note:
            notes.setdefault(line_no, []).append(note)
        name, purpose = _split_purpose(item)
        if name:
            out.append(Recipient(name, purpose, line_no))
            raw_items.append(item.strip())

    row = lines[start].no
    head = _RECIPIENTS_HEAD.match(lines[start].text)
    rest = head.group("rest") if head else ""
    if rest:
        for item in _inline_items(rest):
            if _is_signature_start(item):
                break
            add(item, lines[start].no)
    i = start + 1
    blank_before = True
    while i < len(lines):
        text = lines[i].text
        if not text:
            blank_before = True
            i += 1
            continue
        if lines[i].no == row:
            # A later cell of the same printed row: the side column, not a recipient.
            if _is_side_note(text):
                notes.setdefault(lines[i].no, []).append(text)
            else:
                side.append(lines[i])
            i += 1
            continue
        row = lines[i].no
        if out and _PAREN_PURPOSE_LINE.match(text):
            if out[-1].purpose is None:  # "(để b/c)" printed on the line below its recipient
                out[-1].purpose = text.strip(" ;,.")[1:-1].strip()
            i += 1
            continue
        if raw_items and not blank_before and _continues(raw_items[-1], out[-1].purpose, text):
            # A recipient wrapped onto the next line ("- Các ban, ngành, MTTQ và các đoàn" /
            # "thể CT-XH Quận,").
            merged = f"{raw_items.pop()} {text}"
            line_no = out.pop().line or lines[i].no
            add(merged, line_no)
            i += 1
            continue
        blank_before = False
        if _BULLET.match(text):
            inline = ";" in text[:-1] and " - " in text
            for item in _inline_items(text) if inline else [_BULLET.sub("", text)]:
                add(item, lines[i].no)
            i += 1
            continue
        if text.endswith(":") and len(text) < 60:  # "Gửi bản điện tử:" — a label
            i += 1
            continue
        if _is_side_note(text):
            notes.setdefault(lines[i].no, []).append(text)
            i += 1
            continue
        if _is_signature_start(text) or _is_person(text) or _SIGNED.match(text):
            break
        if text[:1].isupper() and text.rstrip()[-1:] in {";", ",", "."} and len(text) < 120:
            add(text, lines[i].no)
            i += 1
            continue
        break
    _apply_side_notes(out, notes)
    return out, i, side


_SIDE_TAIL = re.compile(r"(?<=[;,.])\s+(?P<note>(?:[Đđ]ể|báo cáo|thực hiện|phối hợp)\b[^;]*)$")


def _split_side_note(item: str) -> tuple[str, str | None]:
    """ "Ban Tuyên giáo TU; Để" (a brace note run into the item) → item and note."""
    m = _SIDE_TAIL.search(item)
    if m and _is_side_note(m.group("note")):
        return item[: m.start()], m.group("note")
    return item, None


def _continues(raw: str, purpose: str | None, text: str) -> bool:
    """Is ``text`` (no blank line before it) the rest of the recipient ``raw``?"""
    if purpose is not None or _BULLET.match(text) or _is_side_note(text) or _AUTHORITY.match(text):
        return False
    if _is_person(text) or _SIGNED.match(text):
        return False
    if text.endswith(":") or len(text) >= 80 or len(raw) + len(text) >= 160:
        return False
    # After an unfinished item even a capitalised line continues it ("… TT" / "VHTT&TT;");
    # after a finished one, a line in capitals is the signature block.
    return not raw.endswith((";", ",", ".")) or not _is_signature_start(text)


def _is_side_note(text: str) -> bool:
    f = fold(text).strip(" ,.;")
    return bool(f) and (
        f.startswith("de ")
        or f == "de"
        or f in {"bao cao", "thuc hien", "phoi hop", "chi dao", "biet", "theo doi", "b/c", "t/h"}
    )


def _apply_side_notes(recipients: list[Recipient], notes: dict[int, list[str]]) -> None:
    """Brace-group notes flattened onto the ends of lines ("Để" / "báo cáo")."""
    if not notes:
        return
    groups: list[tuple[list[int], str]] = []
    current_lines: list[int] = []
    current: list[str] = []
    for no in sorted(notes):
        for note in notes[no]:
            if fold(note).startswith("de") and current:
                groups.append((current_lines, " ".join(current)))
                current_lines, current = [], []
            current.append(note)
            current_lines.append(no)
    if current:
        groups.append((current_lines, " ".join(current)))
    for line_nos, note in groups:
        purpose = re.sub(r"\s+", " ", note).strip(" ,.;")
        purpose = purpose[:1].lower() + purpose[1:]
        for no in line_nos:
            # The note's own row, else the nearest recipient above it (PDF rows differ).
            same = [r for r in recipients if r.line == no]
            above = [r for r in recipients if (r.line or 0) < no]
            for r in same or above[-1:]:
                if r.purpose is None:
                    r.purpose = purpose


def _leading_person(text: str) -> str | None:
    """The person's name at the start of ``text`` (a run-on line continues after it)."""
    words: list[str] = []
    for w in text.split():
        if w[:1].isupper() and not (w.isupper() and len(w) > 2) and not re.search(r"[\d:;,()/]", w):
            words.append(w)
            if len(words) == 5:
                break
        else:
            break
    candidate = " ".join(words)
    return candidate if _is_person(candidate) else None


def _split_title_name(text: str) -> tuple[str, str | None]:
    """ "CHỦ TỊCH Hoàng Quốc Khánh" → ("CHỦ TỊCH", "Hoàng Quốc Khánh")."""
    words = text.split()
    if len(text) > 90 or not words or not words[0].isupper():
        return text, None
    i = 0
    while i < len(words) and (words[i].isupper() or not any(c.isalpha() for c in words[i])):
        i += 1
    if 0 < i < len(words):
        tail = " ".join(words[i:])
        if _is_person(tail):
            return " ".join(words[:i]), tail
    return text, None


def _split_authority_title(text: str) -> tuple[str, str | None]:
    """ "TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀNBÍ THƯ THƯỜNG TRỰC" → authority and title."""
    for title in _KNOWN_TITLES:
        if text.endswith(title) and len(text) > len(title) + 4:
            head = text[: -len(title)].rstrip()
            if head.split()[-1:] and head.split()[-1] in {"T/M", "TM.", "K/T", "KT.", "T/L", "TL."}:
                continue
            return head, title
    return text, None


def extract_signer(
    lines: list[Line], recipients_start: int | None, recipients_end: int | None
) -> Signer | None:
    """The signature block near "Nơi nhận" (before or after it), or at the very end."""
    if recipients_start is not None:
        lo = max(0, recipients_start - 12)
        hi = min(len(lines), (recipients_end or recipients_start) + 14)
        candidates = list(range(recipients_end or recipients_start, hi)) + list(
            range(lo, recipients_start)
        )
    else:
        lo = max(0, len(lines) - 14)
        candidates = list(range(lo, len(lines)))
    authority = title = name = None
    line_no = None
    idx = None
    for i in candidates:
        text = lines[i].text
        if "ký" in text:
            text = _SIGNED_INLINE.sub(" | ", text)
        head = text.split(" | ")[0].strip()
        if _AUTHORITY.match(head):
            authority, glued_title = _split_authority_title(head)
            if glued_title:
                title = glued_title
            line_no = lines[i].no
            idx = i
            tail = text.split(" | ")[1].strip() if " | " in text else ""
            person = _leading_person(tail)
            if person:
                name = person
            break
    if idx is None:
        # No T/M, KT. … line: a bare office title such as "TRƯỞNG BAN".
        for i in candidates:
            text = lines[i].text
            if recipients_start is not None and recipients_start <= i < (
                recipients_end or recipients_start
            ):
                continue
            head, person = _split_title_name(text)
            if (
                _is_upper(head)
                and any(head.startswith(t) or head == t for t in _KNOWN_TITLES)
                and len(head) < 60
            ):
                title = head
                name = person
                idx = i
                line_no = lines[i].no
                break
        if idx is None:
            return None
    j = idx + 1
    limit = min(len(lines), idx + 8)
    while j < limit and (title is None or name is None):
        text = lines[j].text
        j += 1
        if not text or _SIGNED.match(text) or text in {"*", "***"}:
            continue
        if _RECIPIENTS_HEAD.match(text) or _BULLET.match(text):
            break
        if title is None and _is_upper(text):
            head, person = _split_title_name(text)
            title = head
            if person:
                name = person
            continue
        if name is None and _is_person(text.strip()):
            name = text.strip()
            break
    if authority is None and title is None and name is None:
        return None
    return Signer(authority, title, name, line_no)
