"""Which kinds of unit a name in a plan stands for ("UBND Quận", "Các tổ chức cơ sở Đảng").

Plans name their addressees loosely: one unit ("Ban Tuyên giáo Quận ủy"), a class of
units ("Các quận ủy, huyện ủy, thị ủy"), or several joined by "và" and commas. A name
the tree knows gives that unit's kind; otherwise each part is classified by its words,
the most specific words first ("Ban Tuyên giáo Quận ủy" is a department, not a committee).
"""

from __future__ import annotations

import re
from typing import Final

from ...orgtree import OrgTree
from ..text import fold

__all__ = ["MASS_KINDS", "PARTY_KINDS", "is_grassroots", "name_kinds"]

PARTY_KINDS: Final = frozenset(
    {"party_committee", "party_cell", "party_department", "party_office"}
)
MASS_KINDS: Final = frozenset(
    {"youth_union", "women_union", "veterans", "farmers_union", "trade_union"}
)

# (folded words, kinds): the first entry whose words occur in a part decides it.
_WORDS: Final[tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = (
    (("mat tran", "mttq"), frozenset({"fatherland_front"})),
    (("doan the",), MASS_KINDS - {"trade_union"}),
    (("cong doan", "lien doan lao dong", "ldld"), frozenset({"trade_union"})),
    (
        ("doan thanh nien", "quan doan", "huyen doan", "thanh doan", "tinh doan"),
        frozenset({"youth_union"}),
    ),
    (("phu nu",), frozenset({"women_union"})),
    (("cuu chien binh", "ccb"), frozenset({"veterans"})),
    (("nong dan",), frozenset({"farmers_union"})),
    (("van phong",), frozenset({"party_office"})),
    (
        (
            "ban tuyen giao",
            "ban dan van",
            "ban to chuc",
            "uy ban kiem tra",
            "ubkt",
            "cac ban",
            "ban xay dung dang",
            "btg",
        ),
        frozenset({"party_department"}),
    ),
    (("ubnd", "uy ban nhan dan"), frozenset({"peoples_committee"})),
    (("so ", "phong ", "trung tam", "dai phat thanh"), frozenset({"state_office"})),
    (("truong hoc", "truong "), frozenset({"school"})),
    (("chi bo",), frozenset({"party_cell"})),
    (
        (
            "to chuc co so dang",
            "tccs dang",
            "dang bo",
            "quan uy",
            "huyen uy",
            "thi uy",
            "tinh uy",
            "thanh uy",
            "dang uy",
            "cap uy",
            "chi, dang bo",
        ),
        frozenset({"party_committee"}),
    ),
)
_SPLIT: Final = re.compile(r",|;|\bvà\b")
_GRASSROOTS: Final = ("co so", "tccs")


# "cơ sở đảng" holds "sở ", the word of a provincial department: the grassroots party
# organisations are recognised before the state offices are.
_GRASSROOTS_PARTY: Final = ("to chuc co so dang", "tccs dang", "co so dang")


def _part_kinds(part: str) -> frozenset[str]:
    folded = f" {fold(part)} "
    if any(w in folded for w in _GRASSROOTS_PARTY):
        return frozenset({"party_committee"})
    for words, kinds in _WORDS:
        if any(w in folded for w in words):
            return kinds
    return frozenset()


def name_kinds(name: str, tree: OrgTree | None = None) -> frozenset[str]:
    """The kinds of unit ``name`` addresses: the tree's unit when it knows the name,
    else the kinds its parts' words name (a committee's own department stays a department:
    the whole name is tried before its parts)."""
    if tree is not None:
        unit = tree.find(name.rstrip(" .:;"))
        if unit is not None:
            return frozenset({unit.kind})
    whole = _part_kinds(name)
    if whole & {"party_department", "party_office", "fatherland_front"} and " và " not in name:
        return whole
    out: set[str] = set()
    for part in _SPLIT.split(name):
        out |= _part_kinds(part)
    return frozenset(out or whole)


def is_grassroots(name: str) -> bool:
    """Does ``name`` address the grassroots ("cơ sở") rather than a body?"""
    folded = fold(name)
    return any(w in folded for w in _GRASSROOTS)
