"""Who an issued plan's addressees are: each assignment's unit name matched to the unit tree.

Plans name their addressees relative to the issuer: "UBND Quận" in a plan of the Quận ủy
Long Biên is the UBND quận Long Biên; "Các tổ chức cơ sở đảng" are the party committees and
cells directly under that Quận ủy. So names are resolved among the issuer's *reach*:

* the *body* — the issuer, or the first unit above it that is a party committee, people's
  committee, front or trade union (a department issues for its committee);
* the units at the body's place and level — in the Long Biên tree the district's UBND,
  MTTQ and mass organisations sit under the Quận ủy, but the LĐLĐ quận sits under the city's
  LĐLĐ: both are "at the place" because they share the body's level and area;
* everything below those.

A name is tried, in order: exactly (name or short name; "ủy"/"uỷ" and case do not matter),
as an alias, then with the place abbreviated ("UBND Quận", "Liên đoàn Lao động Quận": a
bare "Quận"/"quận"/"Huyện" stands for the issuer's own area), then as a group ("Các …",
lists joined by commas and "và", "đoàn thể"), then fuzzily. A fuzzy match is only proposed:
``needs_confirmation`` tells the issuing page to ask.

Group decisions (documented because plans leave them implicit):

* grassroots party organisations ("Các tổ chức cơ sở đảng", "Các chi, đảng bộ trực thuộc",
  "TCCS Đảng") = the party committees and cells *directly* under the party committee;
  "Các cấp ủy" = the committees directly under it; "Đảng ủy các phường" = those committees
  whose area is a ward ("xã" for communes);
* "Các ban xây dựng Đảng" = the committee's departments;
* "đoàn thể" and "(tổ chức) chính trị - xã hội" = youth, women, veterans, farmers *and the
  trade union* at the body's place: the Vietnamese socio-political organisations are the
  Front's five member organisations including the Công đoàn (Constitution 2013, art. 9–10),
  so "MTTQ và các đoàn thể chính trị - xã hội Quận" includes the LĐLĐ quận. (The deriving
  core's ``name_kinds`` leaves the union out of "đoàn thể" because it derives along the
  union's own line; here the question is who receives the duty.) A place whose Front or
  unions the tree lacks leaves that part to be confirmed; it never reaches down to the
  wards' unions instead;
* "X các Y" ("công đoàn các cơ quan, …", "UBND các phường", "LĐLĐ các quận, huyện") = units
  of X's kind *below* the place (at the ward/commune or district level when Y says so),
  not the place's own X; "công đoàn cơ sở" = the grassroots unions;
* the issuer and its body never receive a group's duty (a committee does not assign to
  itself); an explicit name of the issuer still matches.

Output is deterministic: units in tree (file) order.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..document.deriving.units import MASS_KINDS, is_grassroots, name_kinds
from ..document.text import collapse_spaces, fold, match_key, nfc
from ..orgtree import OrgTree, OrgUnit

__all__ = [
    "BODY_KINDS",
    "FUZZY_THRESHOLD",
    "METHODS",
    "Match",
    "match_assignee",
    "match_assignments",
]

METHODS: Final = ("exact", "alias", "group", "fuzzy", "none")

# The bodies a plan is issued for: a department or office issues in its committee's name.
BODY_KINDS: Final = frozenset(
    {"party_committee", "peoples_committee", "fatherland_front", "trade_union"}
)

# A fuzzy proposal needs this similarity (``_similarity`` of the canonical names). Measured
# on the Long Biên tree (tests/tracking/test_matching.py): a typo, a dropped "và" or one
# word too many or wrong scores 0.81–0.96 against the right unit; bodies that are not in
# the tree score at most 0.65 against their nearest unit ("Tòa án nhân dân quận" vs the
# UBND), most under 0.6. The threshold sits in that gap. A unit of another kind than the
# name's words say ("Hội Nông dân" vs "Hội Cựu chiến binh") is never proposed, only listed.
FUZZY_THRESHOLD: Final = 0.75
_MAX_CANDIDATES: Final = 5

_PARTY_KINDS: Final = frozenset(
    {"party_committee", "party_cell", "party_department", "party_office"}
)
_SOCIO_POLITICAL: Final = MASS_KINDS  # youth, women, veterans, farmers and the trade union
_FRONT_AND_MASS: Final = MASS_KINDS | {"fatherland_front"}

_LEVEL_WORDS: Final = frozenset(
    {"quan", "huyen", "phuong", "xa", "thi xa", "thi tran", "tinh", "thanh pho", "thu do", "tp"}
)
# Hà Nội's area is "Thủ đô Hà Nội" but its plans say "Thành phố".
_LEVEL_SYNONYMS: Final = {"thu do": ("thu do", "thanh pho"), "thanh pho": ("thanh pho", "thu do")}
# Abbreviations expanded before comparing (folded, whole words).
_ABBREVIATIONS: Final = (
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("mttq", "mat tran to quoc"),
    ("ldld", "lien doan lao dong"),
    ("lhpn", "lien hiep phu nu"),
    ("ccb", "cuu chien binh"),
    ("btg", "ban tuyen giao"),
    ("ubkt", "uy ban kiem tra"),
    ("tccs", "to chuc co so"),
    ("bdct", "boi duong chinh tri"),
    ("gd va dt", "giao duc va dao tao"),
    ("tp", "thanh pho"),
)
_ABBREVIATION_RE: Final = re.compile(
    r"\b(" + "|".join(re.escape(a) for a, _ in _ABBREVIATIONS) + r")\b"
)
_ABBREVIATION_MAP: Final = dict(_ABBREVIATIONS)

# Group signals in folded text: plural and class words, lists.
_PLURAL: Final = re.compile(r"\b(?:cac|nhung)\b")
_CLASS_WORDS: Final = re.compile(r"\b(?:doan the|co so|tccs|chinh tri -? ?xa hoi)\b")
_SOCIO_POLITICAL_WORDS: Final = ("doan the", "chinh tri - xa hoi", "chinh tri xa hoi")
_LIST_SPLIT: Final = re.compile(r"\s*[,;]\s*")
_AND_SPLIT: Final = re.compile(r"\s+và\s+", re.IGNORECASE)
# "Các chi, đảng bộ": one class written with a shared noun; keep it whole before splitting.
_CHI_DANG_BO: Final = re.compile(r"\bchi\s*,\s*(?=đảng\s+bộ)", re.IGNORECASE)
# "X các Y": the head X is the kind, "các Y" says whose ("công đoàn các cơ quan, …").
_HEAD_OF: Final = re.compile(r"^(?P<head>[^,;]+?)\s+các\s+(?P<rest>.+)$", re.IGNORECASE)
_LEADING: Final = re.compile(r"^(?:đối với|đề nghị|giao)\s+", re.IGNORECASE)
_WARD: Final = re.compile(r"\bphuong\b")
_COMMUNE: Final = re.compile(r"(?<!thi )\bxa\b(?!\s*-?\s*hoi)")
# The words that say which level a name's unit sits at ("quận", "Thành ủy", "phường").
_LEVEL_MARKS: Final = re.compile(
    r"\b(?:(?<!co )quan|huyen|phuong|tinh|thanh pho|thanh uy|thi uy|thi xa|thi tran|thu do|"
    r"(?<!thi )xa(?! hoi))\b"
)
# "Các quận, huyện": the district level below a city ("Các quận ủy", "LĐLĐ các quận").
_DISTRICTS: Final = re.compile(r"(?:^|\bcac )(?:quan|huyen|thi xa)\b")


@dataclass(frozen=True)
class Match:
    """An addressee of a plan and the units its duties go to."""

    name: str  # the addressee as printed, NFC
    method: str  # "exact" | "alias" | "group" | "fuzzy" | "none"
    units: tuple[str, ...]  # unit codes the duties go to (proposed, for fuzzy)
    score: float  # 1.0 for exact/alias/group; similarity for fuzzy; 0 for none
    candidates: tuple[str, ...] = ()  # for fuzzy/none: up to 5 unit codes to choose from

    @property
    def needs_confirmation(self) -> bool:
        """A proposal (fuzzy) or nothing found (none): a person must choose."""
        return self.method in ("fuzzy", "none")


@dataclass(frozen=True)
class _Key:
    unit: OrgUnit
    alias: bool  # an alias rather than the name or short name


@dataclass
class _Context:
    """What an issuer can address, with its lookup keys, computed once per plan."""

    tree: OrgTree
    issuer: OrgUnit
    body: OrgUnit
    level_word: str
    place: str
    order: dict[str, int]
    local: list[OrgUnit]  # the units at the body's place and level, tree order
    reach: list[OrgUnit]  # local units and everything below them, tree order
    literal: dict[str, list[_Key]] = field(default_factory=dict)
    canonical: dict[str, list[_Key]] = field(default_factory=dict)
    fuzzy_keys: list[tuple[str, OrgUnit]] = field(default_factory=list)
    _global: dict[str, list[_Key]] | None = None

    def global_literal(self) -> dict[str, list[_Key]]:
        if self._global is None:
            self._global = {}
            for unit in self.tree:
                for text, alias in _names_of(unit):
                    self._global.setdefault(match_key(text), []).append(_Key(unit, alias))
        return self._global

    def canon(self, text: str) -> str:
        return _canon(text, self.level_word, self.place)

    def sort(self, units: Iterable[OrgUnit]) -> tuple[str, ...]:
        codes = {u.code for u in units}
        return tuple(sorted(codes, key=self.order.__getitem__))


# --------------------------------------------------------------------------- public API


def match_assignee(name: str, tree: OrgTree, issuer: str) -> Match:
    """The units the addressee ``name`` of a plan issued by ``issuer`` (a unit code: the
    committee or its department) stands for. Raises ``OrgTreeError`` when ``issuer`` is
    not in ``tree``."""
    return _match(name, _context(tree, issuer))


def match_assignments(
    assignments: Sequence[Mapping[str, Any]], tree: OrgTree, issuer: str
) -> list[Match]:
    """``match_assignee`` for each assignment of a plan JSON (``{"unit": …}``), in order."""
    ctx = _context(tree, issuer)
    return [_match(str(a.get("unit") or ""), ctx) for a in assignments]


# --------------------------------------------------------------------------- the reach


def _names_of(unit: OrgUnit) -> Iterable[tuple[str, bool]]:
    if unit.name:
        yield unit.name, False
    if unit.short_name:
        yield unit.short_name, False
    for alias in unit.aliases:
        yield alias, True


def _body_of(tree: OrgTree, issuer: OrgUnit) -> OrgUnit:
    for unit in [issuer, *tree.ancestors(issuer.code)]:
        if unit.kind in BODY_KINDS:
            return unit
    return issuer


def _same_place(unit: OrgUnit, body: OrgUnit) -> bool:
    """At the body's level and place: the same area, or no area but the same place name
    (a tree may give the area only to the bodies that sign documents)."""
    if unit.level != body.level:
        return False
    if unit.area:
        return bool(body.area) and unit.area == body.area
    return bool(unit.place) and unit.place == body.place


def _locality(body: OrgUnit) -> tuple[str, str]:
    """The body's level word and place name, folded: ("quan", "long bien")."""
    area = fold(body.area)
    place = fold(body.place)
    if place and area.endswith(place):
        level = area[: -len(place)].strip()
    else:
        level = area.split(" ")[0] if area else ""
    return level, place


def _context(tree: OrgTree, issuer_code: str) -> _Context:
    issuer = tree.get(issuer_code)
    body = _body_of(tree, issuer)
    order = {code: i for i, code in enumerate(tree.units)}
    local = [u for u in tree if u is body or _same_place(u, body)]
    seen: set[str] = set()
    for unit in [body, *local]:
        seen.add(unit.code)
        seen.update(d.code for d in tree.descendants(unit.code))
    reach = [u for u in tree if u.code in seen]
    level_word, place = _locality(body)
    ctx = _Context(tree, issuer, body, level_word, place, order, local, reach)
    for unit in reach:
        for text, alias in _names_of(unit):
            key = _Key(unit, alias)
            ctx.literal.setdefault(match_key(text), []).append(key)
            canon = ctx.canon(text)
            if canon:
                ctx.canonical.setdefault(canon, []).append(key)
                ctx.fuzzy_keys.append((canon, unit))
    return ctx


def _canon(text: str, level_word: str, place: str) -> str:
    """A comparison key: folded, punctuation dropped, abbreviations expanded and the
    issuer's own place removed ("UBND quận Long Biên", "UBND Quận" → "uy ban nhan dan")."""
    folded = fold(nfc(text)).replace("&", " va ")
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    text = _ABBREVIATION_RE.sub(lambda m: _ABBREVIATION_MAP[m.group(1)], " ".join(words))
    text = text.replace("to quoc viet nam", "to quoc")
    if level_word:
        lw = (
            "(?:"
            + "|".join(re.escape(w) for w in _LEVEL_SYNONYMS.get(level_word, (level_word,)))
            + ")"
        )
        if place:
            pl = re.escape(place)
            # "quận Long Biên" → ""; "Quận ủy Long Biên" → "quận ủy" (the place after any
            # word but another level: "phường Long Biên" is a ward, not the district).
            text = re.sub(rf"(?<!\bco )\b{lw} {pl}\b", " ", text)
            levels = "|".join(sorted(_LEVEL_WORDS, key=len, reverse=True))
            text = re.sub(rf"(?<!\S)(?!(?:{levels}) {pl}\b)(\S+) {pl}\b", r"\1", text)
            text = re.sub(rf"^{pl}\b", " ", text)
        # A bare trailing "Quận" stands for the issuer's area.
        # ("cơ quan" is an agency, not the district.)
        text = re.sub(rf"(?<!\bco)(?:\s+(?:thuoc|tren dia ban|cua))?\s+{lw}$", "", text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- matching


def _clean(name: str) -> str:
    return collapse_spaces(nfc(name)).strip(" .:;-–")


def _match(name: str, ctx: _Context) -> Match:
    printed = collapse_spaces(nfc(name))
    text = _LEADING.sub("", _clean(name))
    if not text:
        return Match(printed, "none", (), 0.0, ())
    single = _single(text, ctx)
    if single is not None and single.method in ("exact", "alias"):
        return _renamed(single, printed)
    if _is_group(text):
        group = _group(text, ctx)
        if group is not None:
            return _renamed(group, printed)
    return _renamed(single or _fuzzy(text, ctx), printed)


def _renamed(match: Match, printed: str) -> Match:
    return Match(printed, match.method, match.units, match.score, match.candidates)


def _single(text: str, ctx: _Context) -> Match | None:
    """One unit by name, short name or alias (a name or short name wins over somebody
    else's alias, as in ``OrgTree.find``); two units answering alike become a proposal."""
    for keys in (
        ctx.literal.get(match_key(text)),
        ctx.canonical.get(ctx.canon(text)),
        ctx.global_literal().get(match_key(text)),
    ):
        if not keys:
            continue
        named = {k.unit.code for k in keys if not k.alias}
        aliased = {k.unit.code for k in keys if k.alias}
        if len(named) == 1:
            return Match(text, "exact", tuple(named), 1.0, ())
        if not named and len(aliased) == 1:
            return Match(text, "alias", tuple(aliased), 1.0, ())
        # Two units answer to one name: the first in tree order is proposed, both offered.
        codes = ctx.sort(ctx.tree.get(code) for code in (named or aliased))
        return Match(text, "fuzzy", codes[:1], 1.0, codes[:_MAX_CANDIDATES])
    return None


def _is_group(text: str) -> bool:
    folded = fold(text)
    return bool(
        _PLURAL.search(folded)
        or _LIST_SPLIT.search(text)
        or _AND_SPLIT.search(text)
        or _CLASS_WORDS.search(folded)
    )


def _group(text: str, ctx: _Context) -> Match | None:
    """Units of a group subject; None when no part of it names anything."""
    parts: list[Match] = []
    # A leading "Các" distributes over the list: "Các chi, đảng bộ", "Các cấp ủy, TCCS …".
    plural = bool(_PLURAL.match(fold(text)))
    head = _HEAD_OF.match(text)
    if head and not _AND_SPLIT.search(f"{head['head']} ") and _kinds(head["head"], head["head"]):
        members = _class_units(head["head"], head["rest"], ctx, below=True)
        if members:
            parts.append(Match(text, "group", ctx.sort(members), 1.0, ()))
    if not parts:
        for piece in _LIST_SPLIT.split(_CHI_DANG_BO.sub("chi bộ, ", text)):
            parts.extend(_part(piece, ctx, plural=plural))
    if not any(p.units for p in parts):
        return None
    units = ctx.sort(ctx.tree.get(code) for p in parts for code in p.units)  # distinct
    unsure = [p for p in parts if p.needs_confirmation]
    if not unsure:
        return Match(text, "group", units, 1.0, ())
    score = min(p.score for p in unsure)
    candidates = tuple(dict.fromkeys(c for p in unsure for c in p.candidates))
    return Match(text, "fuzzy", units, score, candidates[:_MAX_CANDIDATES])


def _part(piece: str, ctx: _Context, *, plural: bool) -> list[Match]:
    """One comma-separated piece of a group: a unit, "A và B", or a class."""
    piece = _clean(piece)
    if not piece:
        return []
    single = _single(piece, ctx)
    if single is not None and single.method in ("exact", "alias"):
        return [single]
    # "A và B" is two addressees only when both halves name something: "Ủy ban MTTQ và các
    # đoàn thể", not "Phòng Văn hóa và Thông tin".
    halves = _AND_SPLIT.split(piece)
    if len(halves) > 1 and all(_names_something(h) for h in halves):
        return [m for half in halves for m in _part(half, ctx, plural=plural)]
    folded = fold(piece)
    if plural or _PLURAL.search(folded) or _CLASS_WORDS.search(folded):
        units = _class_units(piece, piece, ctx, below=False)
        if units:
            return [Match(piece, "group", ctx.sort(units), 1.0, ())]
    return [single or _fuzzy(piece, ctx)]


def _names_something(text: str) -> bool:
    return bool(_PLURAL.search(fold(text)) or _kinds(text, text))


def _kinds(head: str, whole: str) -> set[str]:
    """The kinds a class phrase names (``name_kinds``), with the readings of this module:
    grassroots party words first (``name_kinds`` reads the "sở" of "cơ sở" as a Sở, a
    state office), the trade union among the socio-political organisations, cells
    among the grassroots organisations."""
    folded_head = fold(head)
    folded = fold(whole)
    if is_grassroots(head) and re.search(r"\bdang\b|tccs", folded_head):
        return {"party_committee", "party_cell"}
    kinds = set(name_kinds(head))
    if any(w in folded_head for w in _SOCIO_POLITICAL_WORDS):
        kinds |= _SOCIO_POLITICAL
    if "party_committee" in kinds and ("chi bo" in folded_head or "truc thuoc" in folded):
        kinds.add("party_cell")
    return kinds


def _class_units(head: str, rest: str, ctx: _Context, *, below: bool) -> list[OrgUnit]:
    """The units a class phrase names: ``head`` gives the kinds, ``rest`` the filters."""
    kinds = _kinds(head, f"{head} {rest}")
    if not kinds:
        return []
    # "phường" names the wards, except as the issuer's own place ("… xã hội phường" in a
    # ward's plan): the place is taken out first.
    place_free = ctx.canon(rest)
    wards = bool(_WARD.search(place_free))
    communes = bool(_COMMUNE.search(place_free))
    districts = bool(_DISTRICTS.search(place_free)) and not (wards or communes)
    grassroots = is_grassroots(rest)
    excluded = {ctx.issuer.code, ctx.body.code}
    out: list[OrgUnit] = []
    party = kinds & _PARTY_KINDS
    if party:
        root = _party_root(ctx)
        if root is not None:
            out += [u for u in ctx.tree.children(root.code) if u.kind in party]
    others = kinds - _PARTY_KINDS
    if others:
        pool = [u for u in ctx.reach if u.kind in others and u.code not in excluded]
        local_codes = {u.code for u in ctx.local}
        here = [u for u in pool if u.code in local_codes]
        there = [u for u in pool if u.code not in local_codes]
        if grassroots:  # "công đoàn cơ sở": the grassroots level, not the federations
            there = [u for u in there if u.level == "grassroots"]
        if below or wards or communes or districts or grassroots:
            out += there
        elif others <= _FRONT_AND_MASS:
            # "các đoàn thể" of a city's plan are the city's: a tree without them leaves
            # the phrase to be confirmed rather than reaching down to the wards' unions.
            out += here
        else:
            out += here or there  # "Các trường học": found below the place
    if wards or communes:
        out = [u for u in out if u.level == "commune" and _area_matches(u, wards, communes)]
    elif districts:
        out = [u for u in out if u.level == "district"]
    return [u for u in out if u.code not in excluded]


def _area_matches(unit: OrgUnit, wards: bool, communes: bool) -> bool:
    area = fold(unit.area or unit.name)
    return (wards and "phuong" in area) or (communes and bool(_COMMUNE.search(area)))


def _party_root(ctx: _Context) -> OrgUnit | None:
    """The party committee whose organisations a party class means: the body, else the
    committee at the body's place (a union's plan speaking of "các chi bộ")."""
    if ctx.body.kind == "party_committee":
        return ctx.body
    return next((u for u in ctx.local if u.kind == "party_committee"), None)


def _similarity(a: str, b: str) -> float:
    """The mean of the character ratio (typos, a dropped "và") and the word overlap (a
    wrong or extra word): either alone ranks "Tòa án nhân dân" near "Ủy ban nhân dân"."""
    chars = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
    wa, wb = Counter(a.split()), Counter(b.split())
    total = sum(wa.values()) + sum(wb.values())
    words = 2 * sum((wa & wb).values()) / total if total else 0.0
    return (chars + words) / 2


def _fuzzy(text: str, ctx: _Context) -> Match:
    """The most similar units of the reach: a proposal when similar enough, or when the
    name's words point at the only unit of their kind at the place ("Hội Phụ nữ quận");
    else none, with the most similar units as candidates.

    A proposal must name the same level as the name: with the issuer's own place taken
    out, "Văn phòng Thành ủy" (a city office) is not the "Văn phòng Quận ủy" however alike
    the words, and "Ủy ban MTTQ" in a city's plan is not the "Ủy ban MTTQ quận"."""
    target = ctx.canon(text)
    marks = set(_LEVEL_MARKS.findall(target))
    kinds = name_kinds(text)
    best: dict[str, float] = {}
    proposable: dict[str, float] = {}
    for key, unit in ctx.fuzzy_keys:
        score = _similarity(target, key)
        best[unit.code] = max(score, best.get(unit.code, 0.0))
        if set(_LEVEL_MARKS.findall(key)) == marks and (not kinds or unit.kind in kinds):
            proposable[unit.code] = max(score, proposable.get(unit.code, 0.0))
    ranked = [c for c in sorted(best, key=lambda c: (-best[c], ctx.order[c])) if best[c] > 0]
    proposal = next(
        (
            c
            for c in sorted(proposable, key=lambda c: (-proposable[c], ctx.order[c]))
            if proposable[c] >= FUZZY_THRESHOLD
        ),
        None,
    )
    if proposal is None and kinds:
        excluded = {ctx.issuer.code, ctx.body.code}
        of_kind = [u.code for u in ctx.local if u.kind in kinds and u.code not in excluded]
        if len(of_kind) == 1:
            proposal = of_kind[0]
    if proposal is None:
        return Match(text, "none", (), 0.0, tuple(ranked[:_MAX_CANDIDATES]))
    candidates = tuple(dict.fromkeys([proposal, *ranked]))[:_MAX_CANDIDATES]
    return Match(text, "fuzzy", (proposal,), round(best.get(proposal, 0.0), 3), candidates)
