"""Units and their duties under "TỔ CHỨC THỰC HIỆN" (or "PHÂN CÔNG NHIỆM VỤ")."""

from __future__ import annotations

import re

from ..model import Assignment
from ..text import fold
from .lines import Line
from .sections import Node

__all__ = ["extract_assignments"]

# Items of the implementation section that are not units.
_NOT_UNITS = (
    "kinh phi",
    "che do bao cao",
    "che do thong tin",
    "qua trinh",
    "trong qua trinh",
    "de nghi",
    "yeu cau",
    "can cu",
    "tren day",
    "thoi gian",
    "tien do",
    "khen thuong",
    "bao cao",
    "luu y",
    "hieu luc",
    "to chuc thuc hien",
    "phan cong",
    "dieu khoan",
    "cac noi dung khac",
    "ke hoach nay",
    "nguon kinh phi",
    "trach nhiem thi hanh",
)
# Verbs that end an inline unit name ("Thủ trưởng các sở … căn cứ chức năng …").
_VERB_CUT = re.compile(
    r"\s(?:căn cứ|có trách nhiệm|chịu trách nhiệm|chủ trì|phối hợp|chỉ đạo|tham mưu|thực hiện|"
    r"triển khai|xây dựng kế hoạch|hướng dẫn|tiếp tục|đẩy mạnh|tăng cường|theo dõi|kiểm tra|"
    r"lựa chọn|là cơ quan|cần|phải|quán triệt|tuyên truyền|nghiên cứu)\b"
)
_BULLET = re.compile(r"^[-–+•]\s*")
_GROUPING = re.compile(r"^(?:cấp|đối với cấp|các cơ quan cấp|khối)\b", re.IGNORECASE)


def _unit_name(heading: str, inline: str, definite: bool = False) -> str | None:
    name = heading.strip().rstrip(".;,:").strip()
    name = re.sub(r"^(?:\*+|-)\s*", "", name)
    if len(name) > 60 and not (definite and len(name) <= 100):
        # An inline unit without a colon: the name ends where its first duty's verb starts.
        cut = _VERB_CUT.search(name)
        if cut and cut.start() > 3:
            name = name[: cut.start()].rstrip(" ,;")
        elif len(name) > 160:
            return None
    if not name or not name[0].isupper():
        return None
    key = fold(name)
    if any(key.startswith(word) for word in _NOT_UNITS) or name.startswith(("Giao ", "giao ")):
        return None  # "Giao Công an tỉnh chủ trì …" assigns; "Giáo viên …" is a unit
    return name


def _duties(node: Node) -> list[str]:
    lines: list[Line] = node.all_lines()
    duties: list[str] = []
    for line in lines:
        text = _BULLET.sub("", line.text).strip()
        if text:
            duties.append(text)
    return duties


def extract_assignments(nodes: list[Node]) -> list[Assignment]:
    out: list[Assignment] = []
    for top in nodes:
        if top.section.role != "organization":
            continue
        for item in top.children:
            _collect(item, out)
    return out


def _collect(item: Node, out: list[Assignment]) -> None:
    heading = item.section.heading
    sub_units = [c for c in item.children if _unit_name(c.section.heading, c.inline)]
    # A heading that only groups numbered sub-units ("1. Cấp tỉnh") gives the sub-units.
    if (
        sub_units
        and (not item.lines or _GROUPING.match(heading))
        and len(sub_units) == len(item.children)
    ):
        for child in item.children:
            _collect(child, out)
        return
    definite = item.head_line is not None and f"{heading}:" in item.head_line.text.replace(
        " :", ":"
    )
    name = _unit_name(heading, item.inline, definite)
    if name is None:
        return
    out.append(Assignment(unit=name, duties=_duties(item), line=item.section.line))
