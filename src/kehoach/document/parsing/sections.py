"""The section tree (document-format.md §6): top levels, numbered items, roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Section
from ..text import fold, upper_share
from .lines import Line

__all__ = ["Node", "build_tree", "find_top_heading", "role_of"]

_ROMAN = re.compile(r"^(?P<label>[IVXL]{1,6})\s*[.\-–/:)]\s*(?P<h>\S.*)$")
_LETTER = re.compile(r"^(?P<label>[A-DĐ])\s*[.\-–)]\s*(?P<h>[A-ZĐ].*)$")
_PART = re.compile(
    r"^(?P<label>(?:Phần|PHẦN)\s+(?:thứ\s+|THỨ\s+)?(?:[IVX]{1,5}|\d{1,2}|nhất|hai|ba|tư|bốn|năm|sáu|NHẤT|HAI|BA|TƯ|BỐN|NĂM|SÁU)"
    r"|(?:Chương|CHƯƠNG)\s+(?:[IVX]{1,5}|\d{1,2}))\b\s*[.:\-–]?\s*(?P<h>.*)$"
)
_L2 = re.compile(r"^(?P<label>\d{1,2})\s*[.\-)]\s+(?P<t>\S.*)$")
_L3 = re.compile(r"^(?P<label>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(?P<t>\S.*)$")
_L4 = re.compile(r"^(?P<label>[a-zđ])\)\s+(?P<t>\S.*)$")

_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("organization", ("to chuc thuc hien", "phan cong", "trach nhiem", "to chuc trien khai")),
    ("slogans", ("khau hieu",)),
    ("budget", ("kinh phi",)),
    ("purpose", ("muc dich", "yeu cau", "muc tieu")),
    ("content", ("noi dung", "nhiem vu", "giai phap", "cac hoat dong", "hoat dong")),
    ("forms", ("hinh thuc", "phuong thuc", "cach lam", "cach thuc", "bien phap")),
    ("timeline", ("thoi gian", "tien do", "lo trinh", "giai doan", "thoi diem")),
)


def role_of(heading: str) -> tuple[str, list[str]]:
    """(primary role, all roles) of a heading; "THỜI GIAN, NỘI DUNG" is content + timeline."""
    key = fold(heading[:160])
    roles: list[tuple[int, str]] = []
    for role, words in _ROLE_WORDS:
        positions = [key.find(w) for w in words if w in key]
        if positions:
            roles.append((min(positions), role))
    if not roles:
        return "other", []
    names = [r for _, r in sorted(roles)]
    for role, _ in _ROLE_WORDS:  # the primary role by priority, not by position
        if role in names:
            return role, names
    return names[0], names


def _upper_ratio(text: str) -> float:
    return upper_share(text[:200])  # a heading's capitals show in its first words


_TOP_FIRST = frozenset("IVXLABCDĐPpCc")


def _split_heading(text: str) -> tuple[str, str]:
    """ "MỤC ĐÍCH, YÊU CẦU: Nhằm …" → ("MỤC ĐÍCH, YÊU CẦU", "Nhằm …")."""
    m = re.match(r"^(?P<h>[^:]{2,200}?)\s*:\s*(?P<rest>.*)$", text)
    if m and _upper_ratio(m.group("h")) >= 0.6:
        return m.group("h").strip(), m.group("rest").strip()
    # An upper-case heading glued to running text without a colon.
    words = text.split()
    cut = 0
    for i, w in enumerate(words):
        letters = [c for c in w if c.isalpha()]
        if letters and not all(c.isupper() for c in letters):
            # allow a lower-case connective inside the heading: "MỤC ĐÍCH và YÊU CẦU"
            if w in {"và", "của"} and i + 1 < len(words) and words[i + 1][:1].isupper():
                continue
            break
        cut = i + 1
    if 0 < cut < len(words) and cut >= 2:
        head = " ".join(words[:cut])
        if head[-1:] in {".", ":"} or len(words) - cut > 3:
            return head, " ".join(words[cut:])
    return text, ""


def _clean_heading(text: str) -> str:
    return re.sub(r"\s*[:.]+$", "", text).strip()


def find_top_heading(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) when ``text`` is a top-level heading."""
    first = text[:1]
    if first not in _TOP_FIRST:
        return None
    m = _ROMAN.match(text)
    if m and _upper_ratio(m.group("h").split(":")[0]) >= 0.6:
        return "roman", m.group("label"), m.group("h")
    m = _PART.match(text)
    if m:
        return "part", m.group("label"), m.group("h")
    m = _LETTER.match(text)
    if m and _upper_ratio(m.group("h").split(":")[0]) >= 0.8 and len(m.group("h")) > 3:
        return "letter", m.group("label"), m.group("h")
    return None


@dataclass
class Node:
    section: Section
    level: int
    lines: list[Line] = field(default_factory=list)  # the node's own lines (not children's)
    children: list[Node] = field(default_factory=list)
    head_line: Line | None = None
    inline: str = ""  # text after the heading on the same line

    def all_lines(self) -> list[Line]:
        out = list(self.lines)
        for child in self.children:
            if child.head_line is not None:
                out.append(child.head_line)
            out.extend(child.all_lines())
        out.sort(key=lambda ln: ln.no)
        return out

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


def _top_kind(lines: list[Line]) -> str | None:
    kinds = []
    for line in lines:
        found = find_top_heading(line.text)
        if found:
            kinds.append(found[0])
    if not kinds:
        return None
    # Letters are the top level only when they precede the Roman headings.
    if "letter" in kinds and "roman" in kinds:
        return "letter" if kinds.index("letter") < kinds.index("roman") else "roman"
    if "part" in kinds:
        return "part"
    if "roman" in kinds:
        return "roman"
    return "letter" if kinds.count("letter") >= 2 else None


def build_tree(lines: list[Line]) -> tuple[list[Node], list[Line]]:
    """Split body lines into top-level nodes; return (nodes, lines before the first one)."""
    top = _top_kind(lines)
    nodes: list[Node] = []
    preamble: list[Line] = []
    stack: list[Node] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        text = line.text
        found = find_top_heading(text)
        if found and found[0] == top:
            _, label, rest = found
            heading, inline = _split_heading(rest)
            # A heading split over two lines: the next line is capitals too.
            if not inline and i + 1 < len(lines):
                nxt = lines[i + 1].text
                if (
                    _upper_ratio(nxt) > 0.9
                    and not find_top_heading(nxt)
                    and not _L2.match(nxt)
                    and len(nxt) < 120
                    and not heading.endswith(":")
                    and (not heading or _upper_ratio(heading) > 0.9)
                ):
                    heading = f"{heading} {nxt}".strip()
                    i += 1
            if not heading and i + 1 < len(lines) and _upper_ratio(lines[i + 1].text) > 0.8:
                heading = lines[i + 1].text
                i += 1
            heading = _clean_heading(heading)
            role, roles = role_of(heading)
            node = Node(
                Section(label=label, heading=heading, role=role, roles=roles, line=line.no), 1
            )
            node.head_line = line
            node.inline = inline
            if inline:
                node.lines.append(Line(line.no, inline))
            nodes.append(node)
            stack = [node]
            i += 1
            continue
        if not stack:
            preamble.append(line)
            i += 1
            continue
        child = _child_item(text, line, stack, top)
        if child is not None:
            level = child.level
            while stack and stack[-1].level >= level:
                stack.pop()
            if not stack:
                stack = [nodes[-1]]
            stack[-1].children.append(child)
            stack[-1].section.children.append(child.section)
            stack.append(child)
        else:
            stack[-1].lines.append(line)
        i += 1
    for node in nodes:
        for n in node.walk():
            n.section.text = "\n".join(ln.text for ln in n.lines)
    return nodes, preamble


def _child_item(text: str, line: Line, stack: list[Node], top: str | None) -> Node | None:
    first = text[:1]
    if not (first.isdigit() or text[1:2] == ")" or (top == "letter" and first in "IVXL")):
        return None  # bullets and running text: the common case, decided without a regex
    level = 0
    label = ""
    rest = ""
    if top == "letter":
        m = _ROMAN.match(text)
        if m and _upper_ratio(m.group("h").split(":")[0]) >= 0.6:
            level, label, rest = 2, m.group("label"), m.group("h")
    if not level:
        m3 = _L3.match(text)
        m2 = _L2.match(text)
        m4 = _L4.match(text)
        if m3:
            level, label, rest = 4 if top == "letter" else 3, m3.group("label"), m3.group("t")
        elif m2 and not _looks_like_date_or_symbol(text):
            level, label, rest = 3 if top == "letter" else 2, m2.group("label"), m2.group("t")
        elif m4:
            level, label, rest = 5 if top == "letter" else 4, m4.group("label"), m4.group("t")
    if not level:
        return None
    heading, inline = _item_heading(rest)
    # A numbered sentence has no role; only a short heading ("2. Thời gian:") names one.
    role, roles = role_of(heading) if len(heading) <= 80 else ("other", [])
    node = Node(Section(label=label, heading=heading, role=role, roles=roles, line=line.no), level)
    node.head_line = line
    node.inline = inline
    if inline:
        node.lines.append(Line(line.no, inline))
    return node


def _looks_like_date_or_symbol(text: str) -> bool:
    return bool(re.match(r"^\d{1,2}\s*[-/]\s*\d{1,2}\b|^\d{1,4}\s*-\s*[A-ZĐ]{1,5}/", text))


def _item_heading(text: str) -> tuple[str, str]:
    """ "Trung tâm Chính trị huyện: Lựa chọn …" → ("Trung tâm Chính trị huyện", "Lựa chọn …")."""
    m = re.match(r"^(?P<h>[^:]{1,160}?)\s*:\s*(?P<rest>.*)$", text)
    if m and not re.search(r"\d$", m.group("h")):
        return m.group("h").strip().rstrip("."), m.group("rest").strip()
    return text.strip().rstrip(".").strip() if len(text) <= 200 else text.strip(), ""
