"""Derive the implementing plan ("kế hoạch triển khai thực hiện") of one unit from its parent.

How each part is decided (docs/deriving.md says the same for clerks):

* header, number and signature come from the deriving unit in the tree: its header
  lines, its symbol in the regime's form (Party ``KH/QU``, State/Union ``KH-UBND``),
  a blank number (the renderer prints "Dự thảo" under it), the ``as_of`` date and the
  unit's place, its configured signer;
* the title is the parent's, with the parent's area words moved to the unit's area;
* the opening cites the parent in full and keeps the parent's own central bases
  (Chỉ thị, Nghị quyết, Kết luận … of the Central Committee): the higher sibling plans a
  parent cites are the parent's business, not the deriver's;
* purposes, content, forms, slogans and phases are carried over, area words adapted;
* "Tổ chức thực hiện" is rebuilt from the tree: the parent's duties for units of the
  deriver's kind become the duties of the deriver's lead unit (the "spine"), other
  parent duties go to the deriver's units of the matching kind, and every own unit group
  gets a duty, the grassroots a report deadline ``lead_days`` working days before the
  parent's;
* recipients: the level above "để báo cáo", own unit groups "để thực hiện", the archive.

Every carried clause keeps a ``Link`` to where it came from in the parent.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from ...orgtree import OrgTree, OrgTreeError, OrgUnit
from ..errors import KehoachError
from ..model import Assignment, Citation, Deadline, Phase, Plan, Recipient, Section, Signer
from ..text import fold
from .units import MASS_KINDS, PARTY_KINDS, is_grassroots, name_kinds
from .workdays import working_days_before

__all__ = ["Derivation", "DeriveError", "Link", "derive_plan"]


class DeriveError(KehoachError):
    """The plan cannot be derived for that unit (unknown unit, bad lead time)."""

    code = "derive"


@dataclass(frozen=True)
class Link:
    """A clause of the draft and the clause of the parent it was carried from.

    ``target_path`` and ``source_path`` are slash paths into the plans' JSON
    ("sections/II/1", "assignments/0/duties/2", "phases/1"); ``source_line`` is the
    parent's 1-based source line when the parent was parsed from a document.
    """

    target_path: str
    source_line: int | None
    source_path: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "target_path": self.target_path,
            "source_line": self.source_line,
            "source_path": self.source_path,
        }


@dataclass
class Derivation:
    """The draft, the unit it is for, and where each carried clause came from."""

    plan: Plan
    unit: OrgUnit
    regime: str
    links: list[Link] = field(default_factory=list)
    report_deadline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The draft's plan JSON plus ``derived_for``, ``regime`` and ``links`` (extra keys
        a plan JSON may carry: ``kehoach render`` reads this output as it is)."""
        return {
            **self.plan.to_dict(),
            "derived_for": self.unit.code,
            "regime": self.regime,
            "report_deadline": self.report_deadline,
            "links": [link.to_dict() for link in self.links],
        }


def regime_of(unit: OrgUnit) -> str:
    if unit.kind in PARTY_KINDS:
        return "party"
    return "union" if unit.kind == "trade_union" else "state"


_ROMAN: Final = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def _dmy(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _iso_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


# --- the area words -----------------------------------------------------------------


def _noun(area: str) -> str:
    """ "quận Long Biên" → "quận"; "Thành phố Hà Nội" → "Thành phố"; "xã Bát Tràng" → "xã"."""
    words = area.split()
    if not words:
        return ""
    if fold(" ".join(words[:2])) in ("thanh pho", "thi xa", "dac khu", "thu do"):
        return " ".join(words[:2])
    return words[0]


_CONTEXT: Final = (
    r"trên địa bàn toàn |trên địa bàn |toàn |cấp |CNVCLĐ |đoàn viên, CNVCLĐ |"
    r"cán bộ, đảng viên và Nhân dân |cán bộ, đảng viên và nhân dân |"
    r"(?:Cổng|Trang) (?:thông tin|giao tiếp) điện tử |Bản tin (?:nội bộ )?"
)


@dataclass(frozen=True)
class _Areas:
    unit_area: str
    unit_noun: str
    sub_noun: str  # what the unit's own areas are called: "phường", "tổ dân phố"
    sub_count: int
    parent_terms: tuple[str, ...]  # longest first
    parent_noun: str

    def adapt(self, text: str) -> str:
        """Move the parent's implementing-area words to the unit's area."""
        if not text:
            return text
        text = _RADIO.sub(lambda m: self.radio(), text)
        text = _PARENT_SUBUNITS.sub(f"các {self.sub_noun}", text)
        if not self.parent_terms or not self.unit_area:
            return text
        terms = "|".join(re.escape(t) for t in self.parent_terms)
        pattern = re.compile(f"({_CONTEXT})({terms})(?![\\w])", re.IGNORECASE)

        def swap(m: re.Match[str]) -> str:
            context, term = m.group(1), m.group(2)
            bare = fold(term) == fold(self.parent_noun) or fold(context).strip() in (
                "toan",
                "cap",
                "tren dia ban toan",
            )
            return context + (self.unit_noun if bare else self.unit_area)

        return pattern.sub(swap, text)

    def radio(self) -> str:
        if self.sub_count > 1 and self.sub_noun in ("phường", "xã", "phường, xã"):
            return f"Đài truyền thanh {self.sub_count} {self.sub_noun}"
        return f"Đài truyền thanh {self.unit_noun}".strip()


_RADIO: Final = re.compile(
    r"[Đđ]ài truyền thanh (?:cơ sở|cấp xã|các (?:quận, huyện, thị xã|xã, phường(?:, đặc khu)?|"
    r"phường, xã(?:, thị trấn)?|phường|xã))",
)
_PARENT_SUBUNITS: Final = re.compile(
    r"các (?:quận, huyện, thị xã|xã, phường(?:, đặc khu)?|phường, xã(?:, thị trấn)?)"
)


def _areas(tree: OrgTree, unit: OrgUnit, parent_unit: OrgUnit | None) -> _Areas:
    communes = {
        u.area or u.name
        for u in _own_units(tree, unit)
        if u.level == "commune"
        and u.kind in ("party_committee", "peoples_committee", "ward")
        and (u.area or u.name) != unit.area
    }
    if communes:
        nouns = sorted({_noun(a) for a in communes})
        sub_noun = ", ".join(nouns) if len(nouns) > 1 else nouns[0]
    else:
        sub_noun = "tổ dân phố" if _noun(unit.area) == "phường" else "thôn, tổ dân phố"
    terms: list[str] = []
    parent_noun = ""
    if parent_unit is not None and parent_unit.area:
        parent_noun = _noun(parent_unit.area)
        terms = [parent_unit.area, parent_noun]
        if "Hà Nội" in parent_unit.area:
            terms.append("Thủ đô")
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    return _Areas(
        unit_area=unit.area or unit.name,
        unit_noun=_noun(unit.area) or unit.short_name,
        sub_noun=sub_noun,
        sub_count=len(communes),
        parent_terms=tuple(terms),
        parent_noun=parent_noun,
    )


# --- the unit's own units -----------------------------------------------------------


def _own_units(tree: OrgTree, unit: OrgUnit) -> list[OrgUnit]:
    """The units the deriver gives duties to: its subtree, plus bodies of the same area
    that sit in another line (a district trade union belongs to the city union, yet the
    district Party committee directs it)."""
    below = tree.descendants(unit.code)
    seen = {u.code for u in below}
    if unit.kind == "party_committee" and unit.area:
        above = {u.code for u in tree.ancestors(unit.code)}
        for other in tree:
            if (
                other.area == unit.area
                and other.code != unit.code
                and other.code not in seen
                and other.code not in above
            ):
                below.append(other)
                seen.add(other.code)
    return below


@dataclass
class _Group:
    """One numbered item of the draft's "Tổ chức thực hiện"."""

    heading: str
    kinds: frozenset[str]
    members: list[OrgUnit]
    grassroots: bool = False
    spine: bool = False
    intro: str = ""
    duties: list[tuple[str, Link | None]] = field(default_factory=list)


def _label(u: OrgUnit) -> str:
    # Full names in the text: a short name is an abbreviation the checker wants explained.
    return u.name


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _groups(tree: OrgTree, unit: OrgUnit, areas: _Areas) -> list[_Group]:
    own = _own_units(tree, unit)
    same_level = [u for u in own if u.level == unit.level]
    lower = [u for u in own if u.level != unit.level]
    groups: list[_Group] = []
    if unit.kind == "party_committee":
        departments = [u for u in same_level if u.kind == "party_department"]
        propaganda = [u for u in departments if "tuyen giao" in fold(u.name)]
        # The propaganda department leads a campaign; a commune committee without one
        # has its office do it.
        offices_first = [u for u in same_level if u.kind == "party_office"]
        spine_unit = (propaganda or offices_first or [unit])[0]
        groups.append(
            _Group(
                spine_unit.name if spine_unit is not unit else unit.name,
                frozenset({spine_unit.kind}),
                [spine_unit],
                spine=True,
            )
        )
        others = [u for u in departments if u is not spine_unit]
        offices = [u for u in offices_first if u is not spine_unit]
        if others or offices:
            committee = unit.short_name or unit.name
            if len(others) > 1:
                heading = (
                    f"Các ban xây dựng Đảng và Văn phòng {committee}"
                    if offices
                    else (f"Các ban xây dựng Đảng {committee}")
                )
            else:
                heading = _join([_label(u) for u in [*others, *offices]])
            kinds = frozenset(u.kind for u in [*others, *offices])
            groups.append(_Group(heading, kinds, [*others, *offices]))
        committees = [u for u in same_level if u.kind == "peoples_committee"]
        for pc in committees:
            offices_below = [u for u in tree.descendants(pc.code) if u.kind == "state_office"]
            names = [_label(u) for u in offices_below[:4]]
            intro = "Chỉ đạo " + ", ".join([*names, "các đơn vị có liên quan"])
            if areas.sub_count:
                intro += f" và các {areas.sub_noun}"
            groups.append(
                _Group(
                    _label(pc),
                    frozenset({"peoples_committee", "state_office"}),
                    [pc, *offices_below],
                    intro=intro + ":",
                )
            )
        front = [u for u in same_level if u.kind == "fatherland_front" or u.kind in MASS_KINDS]
        front += [u for u in lower if u.kind in MASS_KINDS and u.parent in {f.code for f in front}]
        if front:
            heading = (
                "Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội " + areas.unit_noun
            )
            groups.append(
                _Group(heading.strip(), frozenset({"fatherland_front"}) | MASS_KINDS, front)
            )
        cells = [u for u in lower if u.kind in ("party_committee", "party_cell")]
        if cells:
            if all(u.kind == "party_cell" for u in cells):
                heading = f"Các chi bộ trực thuộc {unit.short_name or unit.name}"
            else:
                heading = f"Các tổ chức cơ sở Đảng thuộc {unit.short_name or unit.name}"
            groups.append(
                _Group(
                    heading, frozenset({"party_committee", "party_cell"}), cells, grassroots=True
                )
            )
        return groups
    if unit.kind == "trade_union":
        groups.append(_Group(unit.name, frozenset({"trade_union"}), [unit], spine=True))
        unions = [u for u in lower if u.kind == "trade_union"]
        if unions:
            heading = (
                "Công đoàn các cơ quan, đơn vị, doanh nghiệp, trường học trên địa bàn "
                + areas.unit_noun
            )
            groups.append(
                _Group(
                    heading.strip(), frozenset({"trade_union", "school"}), unions, grassroots=True
                )
            )
        return groups
    # A People's Committee, the Front, a mass organisation, a school: the unit leads
    # and each kind of unit below it forms one group.
    groups.append(_Group(unit.name, frozenset({unit.kind}), [unit], spine=True))
    by_kind: dict[str, list[OrgUnit]] = {}
    for u in own:
        by_kind.setdefault(u.kind, []).append(u)
    for kind, members in by_kind.items():
        heading = (
            _join([_label(u) for u in members])
            if len(members) <= 3
            else (f"Các đơn vị trực thuộc {unit.short_name or unit.name}")
        )
        groups.append(
            _Group(
                heading,
                frozenset({kind}),
                members,
                grassroots=all(u.level == "grassroots" for u in members),
            )
        )
    return groups


# --- sections -----------------------------------------------------------------------


def _section_paths(sections: list[Section]) -> dict[int, str]:
    """id(section) → "sections/II/1" for every node of the parent's tree."""
    out: dict[int, str] = {}

    def walk(node: Section, prefix: str) -> None:
        path = f"{prefix}/{node.label}"
        out[id(node)] = path
        for child in node.children:
            walk(child, path)

    for top in sections:
        walk(top, "sections")
    return out


def _carry(
    node: Section,
    prefix: str,
    adapt: Callable[[str], str],
    paths: dict[int, str],
    links: list[Link],
) -> Section:
    path = f"{prefix}/{node.label}"
    links.append(Link(path, node.line, paths.get(id(node))))
    return Section(
        label=node.label,
        heading=adapt(node.heading),
        role=node.role,
        roles=list(node.roles),
        children=[_carry(c, path, adapt, paths, links) for c in node.children],
        text=adapt(node.text),
    )


def _duty_lines(text: str) -> list[str]:
    return [ln.strip().lstrip("-–•+ ").strip() for ln in text.split("\n") if ln.strip()]


# --- the parent's report deadline ---------------------------------------------------


def _parent_deadline(parent: Plan) -> str | None:
    reports = [d for d in parent.deadlines if "bao cao" in fold(d.what) and _iso_or_none(d.date)]
    pool = reports or [d for d in parent.deadlines if _iso_or_none(d.date)]
    if pool:
        return max(d.date for d in pool)
    ends = [p.end for p in parent.phases if _iso_or_none(p.end)]
    return max(e for e in ends if e) if ends else None


# --- the opening --------------------------------------------------------------------


_CENTRAL_KINDS: Final = ("Chỉ thị", "Nghị quyết", "Kết luận", "Quy định", "Luật", "Nghị định")


def _number_symbol(number: str | None, symbol: str | None) -> str:
    if not number:
        return symbol or ""
    if not symbol:
        return number
    # Party symbols are joined with a hyphen (02-KH/BTGTU), State/Union with a slash.
    return f"{number}-{symbol}" if "/" in symbol and "-" not in symbol else f"{number}/{symbol}"


def _subject(title: str) -> str:
    title = title.strip().rstrip(".")
    if len(title) > 1 and not title[:2].isupper():
        title = title[0].lower() + title[1:]
    return title if fold(title).startswith("ve ") else f"về {title}"


def _cite(c: Citation) -> str:
    parts = [c.kind or "Văn bản"]
    ns = _number_symbol(c.number, c.symbol)
    if ns:
        parts.append(f" số {ns}")
    if c.date and _iso_or_none(c.date):
        # Party citation style puts a comma before the date (HD05): "02-KH/BTGTU, ngày …".
        parts.append(f"{',' if ns else ''} ngày {_dmy(c.date)}")
    if c.issuer:
        parts.append(f" của {c.issuer}")
    if c.title:
        parts.append(" " + _subject(c.title))
    return "".join(parts)


def _actor(unit: OrgUnit) -> str:
    authority = fold(unit.signer_authority)
    name = unit.short_name or unit.name
    if "ban thuong vu" in authority:
        return f"Ban Thường vụ {name}"
    if "thuong truc" in authority:
        return f"Thường trực {name}"
    return unit.name


# --- the derivation -----------------------------------------------------------------

_COLLECTIVES: Final = ("Ban Thường vụ ", "Thường trực ", "Ban Chấp hành ", "Ban Thường trực ")


def _find_issuer(tree: OrgTree, issuer: str | None) -> OrgUnit | None:
    """The parent's issuer in the tree; "Ban Thường vụ Quận ủy X" is issued by Quận ủy X."""
    if not issuer:
        return None
    found = tree.find(issuer)
    for prefix in _COLLECTIVES:
        if found is None and fold(issuer).startswith(fold(prefix)):
            found = tree.find(issuer[len(prefix) :])
    return found


def derive_plan(
    parent: Plan, tree: OrgTree, unit_code: str, *, as_of: date, lead_days: int = 5
) -> Derivation:
    """The draft plan of ``unit_code`` implementing ``parent``.

    ``unit_code`` may also be a unit's name or alias. ``as_of`` is the draft's date;
    ``lead_days`` how many working days (Mon–Fri, holidays ignored) before the parent's
    report deadline the deriver's own units must report. Raises ``DeriveError``.
    """
    if lead_days < 0:
        raise DeriveError("số ngày làm việc báo cáo trước (--lead-days) phải không âm")
    try:
        unit = tree.get(unit_code)
    except OrgTreeError:
        found = tree.find(unit_code)
        if found is None:
            raise DeriveError(f"Không tìm thấy đơn vị «{unit_code}» trong cây tổ chức") from None
        unit = found
    regime = regime_of(unit)
    parent_unit = _find_issuer(tree, parent.issuer)
    if parent_unit is None:
        ancestors = tree.ancestors(unit.code)
        parent_unit = ancestors[0] if ancestors else None
    areas = _areas(tree, unit, parent_unit)
    adapt = areas.adapt
    links: list[Link] = []
    paths = _section_paths(parent.sections)

    plan = Plan(doc_type=(parent.doc_type or "KẾ HOẠCH").upper())
    plan.issuer = unit.name
    plan.organ_lines = list(unit.header_lines)
    if unit.symbol:
        plan.symbol = f"KH/{unit.symbol}" if regime == "party" else f"KH-{unit.symbol}"
    plan.number = None
    plan.date = as_of.isoformat()
    plan.place = unit.place or None
    if parent.title:
        plan.title = adapt(parent.title)
        links.append(Link("title", parent.title_line, "title"))

    # Opening and bases.
    parent_cite = Citation(
        kind=(parent.doc_type or "Kế hoạch").capitalize(),
        number=parent.number,
        symbol=parent.symbol,
        date=parent.date,
        issuer=parent.issuer,
        title=parent.title,
    )
    kept = [c for c in parent.basis if c.kind in _CENTRAL_KINDS or "TW" in (c.symbol or "")]
    plan.basis = [parent_cite, *(copy.copy(c) for c in kept)]
    cites = "; ".join(_cite(c) for c in plan.basis)
    where = f" trên địa bàn {areas.unit_area}" if areas.unit_area else ""
    plan.opening = [
        f"Thực hiện {cites}, {_actor(unit)} ban hành kế hoạch triển khai thực hiện{where} như sau:"
    ]
    links.append(Link("basis/0", parent.number_line, None))
    for index, c in enumerate(kept, 1):
        links.append(Link(f"basis/{index}", c.line, f"basis/{parent.basis.index(c)}"))

    # Sections: carried, except "Tổ chức thực hiện" which is rebuilt.
    groups = _groups(tree, unit, areas)
    parent_deadline = _parent_deadline(parent)
    own_deadline = (
        working_days_before(date.fromisoformat(parent_deadline), lead_days).isoformat()
        if parent_deadline
        else None
    )
    organization: Section | None = None
    for top in parent.sections:
        if top.role == "organization" and organization is None:
            organization = top
            plan.sections.append(
                Section(
                    label=top.label,
                    heading=adapt(top.heading),
                    role=top.role,
                    roles=list(top.roles),
                )
            )
            links.append(Link(f"sections/{top.label}", top.line, paths.get(id(top))))
            continue
        plan.sections.append(_carry(top, "sections", adapt, paths, links))
    if organization is None:
        label = _ROMAN[len(plan.sections)] if len(plan.sections) < len(_ROMAN) else "X"
        plan.sections.append(
            Section(
                label=label,
                heading="TỔ CHỨC THỰC HIỆN",
                role="organization",
                roles=["organization"],
            )
        )
    org_section = next(s for s in plan.sections if s.role == "organization")

    _route_duties(parent, tree, unit, groups, adapt, paths, parent_deadline, own_deadline)
    _finish_groups(unit, parent, groups, areas, parent_deadline, own_deadline)
    for index, group in enumerate(groups):
        label = str(index + 1)
        lines = [group.intro] if group.intro else []
        duties = [d for d, _ in group.duties]
        lines += [f"- {d}" for d in duties] if len(duties) > 1 or group.intro else duties
        org_section.children.append(
            Section(
                label=label,
                heading=group.heading,
                role="organization",
                roles=["organization"],
                text="\n".join(lines),
            )
        )
        plan.assignments.append(Assignment(group.heading, duties))
        for d_index, (_, link) in enumerate(group.duties):
            if link is not None:
                links.append(
                    Link(
                        f"assignments/{index}/duties/{d_index}", link.source_line, link.source_path
                    )
                )

    # Phases, channels, slogans, reports.
    for index, phase in enumerate(parent.phases):
        plan.phases.append(Phase(adapt(phase.label), phase.start, phase.end, phase.peak))
        links.append(Link(f"phases/{index}", phase.line, f"phases/{index}"))
    plan.channels = list(parent.channels)
    if areas.sub_count > 1 and "radio" not in plan.channels and unit.kind == "party_committee":
        plan.channels.append("radio")
    for index, slogan in enumerate(parent.slogans):
        plan.slogans.append(adapt(slogan))
        links.append(Link(f"slogans/{index}", None, f"slogans/{index}"))
    plan.recurring_reports = list(parent.recurring_reports)
    spine = groups[0]
    if parent_deadline:
        plan.deadlines.append(
            Deadline(
                parent_deadline, f"Báo cáo kết quả về {parent.issuer or 'cấp trên'}", spine.heading
            )
        )
    if own_deadline:
        for group in groups:
            if group.grassroots:
                plan.deadlines.append(
                    Deadline(
                        own_deadline,
                        f"Báo cáo kết quả về {unit.short_name or unit.name}",
                        group.heading,
                    )
                )

    plan.recipients = _recipients(tree, unit, parent, parent_unit, groups, regime)
    plan.signer = Signer(
        unit.signer_authority or None, unit.signer_title or None, unit.signer_name or None
    )
    return Derivation(
        plan=plan, unit=unit, regime=regime, links=links, report_deadline=own_deadline
    )


def _route_duties(
    parent: Plan,
    tree: OrgTree,
    unit: OrgUnit,
    groups: list[_Group],
    adapt: Callable[[str], str],
    paths: dict[int, str],
    parent_deadline: str | None,
    own_deadline: str | None,
) -> None:
    """Give each duty of the parent's implementation section to the matching own group."""
    org = next((s for s in parent.sections if s.role == "organization"), None)
    by_heading = {fold(c.heading): c for c in (org.children if org else [])}
    issuer = _find_issuer(tree, parent.issuer)
    parent_own = {issuer.code} if issuer is not None else set()
    spine = groups[0]
    old_date = _dmy(parent_deadline) if parent_deadline else None
    new_date = _dmy(own_deadline) if own_deadline else None
    for assignment in parent.assignments:
        found = tree.find(assignment.unit)
        if (
            found is not None
            and found.code != unit.code
            and (found.code in parent_own or found.level != unit.level)
        ):
            continue  # the parent's own departments keep their duties at the parent's level
        kinds = name_kinds(assignment.unit, tree)
        grassroots = is_grassroots(assignment.unit)
        target: _Group | None = None
        leads = unit.kind in kinds or (found is None and "tuyen giao" in fold(assignment.unit))
        if not grassroots and leads:
            target = spine
        else:
            candidates = [g for g in groups[1:] if g.kinds & kinds]
            candidates.sort(key=lambda g: g.grassroots != grassroots)
            target = candidates[0] if candidates else None
        if target is None:
            continue
        node = by_heading.get(fold(assignment.unit))
        source_path = paths.get(id(node)) if node is not None else None
        link = Link("", assignment.line, source_path)
        for duty in assignment.duties:
            if target is spine and fold(duty).startswith("bao cao"):
                continue  # the spine's report line is written afresh, to both addressees
            text = adapt(duty)
            if target is not spine and old_date and new_date:
                text = text.replace(old_date, new_date)
            target.duties.append((text, link))


def _finish_groups(
    unit: OrgUnit,
    parent: Plan,
    groups: list[_Group],
    areas: _Areas,
    parent_deadline: str | None,
    own_deadline: str | None,
) -> None:
    """Duties every group needs whatever the parent said: follow-up and reports."""
    name = unit.short_name or unit.name
    spine = groups[0]
    upward = parent.issuer or "cấp trên"
    if unit.kind == "party_committee":
        upward += f" và Thường trực {name}"
    when = f" trước ngày {_dmy(parent_deadline)}" if parent_deadline else " theo quy định"
    if not spine.duties:
        spine.duties.append(
            (
                f"Tham mưu {_actor(unit)} chỉ đạo, hướng dẫn triển khai thực hiện Kế hoạch "
                f"trên địa bàn {areas.unit_area}.",
                None,
            )
        )
    spine.duties.append(
        (
            f"Theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp kết quả, "
            f"báo cáo {upward}{when}.",
            None,
        )
    )
    lead = spine.members[0]
    via = f" (qua {_label(lead)})" if lead is not unit else ""
    own_when = f" trước ngày {_dmy(own_deadline)}" if own_deadline else " theo quy định"
    for group in groups[1:]:
        if group.grassroots:
            group.duties.append(
                (
                    "Căn cứ nội dung Kế hoạch, trên cơ sở điều kiện thực tế của địa phương, "
                    "cơ quan, đơn vị, xây dựng và tổ chức thực hiện có hiệu quả; báo cáo kết quả "
                    f"về {name}{via}{own_when}.",
                    None,
                )
            )
        elif not group.duties:
            if "fatherland_front" in group.kinds:
                text = (
                    "Chỉ đạo các đơn vị cơ sở trong hệ thống triển khai công tác thông tin, "
                    "tuyên truyền sâu rộng đến đoàn viên, hội viên và Nhân dân bằng nhiều hình "
                    "thức thiết thực, phù hợp."
                )
            elif "peoples_committee" in group.kinds:
                text = (
                    "Xây dựng kế hoạch thông tin, tuyên truyền, cổ động trực quan và tổ chức các "
                    f"hoạt động văn hóa, thể thao trên địa bàn {areas.unit_area}; chỉ đạo tuyên "
                    f"truyền trên {areas.radio()}."
                )
            else:
                text = (
                    "Phối hợp chỉ đạo thực hiện tốt công tác thông tin, tuyên truyền theo chức "
                    "năng, nhiệm vụ của từng đơn vị."
                )
            group.duties.append((text, None))


def _recipients(
    tree: OrgTree,
    unit: OrgUnit,
    parent: Plan,
    parent_unit: OrgUnit | None,
    groups: list[_Group],
    regime: str,
) -> list[Recipient]:
    out: list[Recipient] = []
    seen: set[str] = set()

    def add(name: str, purpose: str | None) -> None:
        key = fold(name)
        if name and key not in seen:
            seen.add(key)
            out.append(Recipient(name, purpose))

    above = tree.ancestors(unit.code)
    if above and above[0] is not parent_unit:
        add(above[0].name, "để báo cáo")
    if parent_unit is not None:
        add(parent_unit.name, "để báo cáo")
    elif parent.issuer:
        add(parent.issuer, "để báo cáo")
    for group in groups:
        if group.members == [unit]:
            continue
        add(group.heading, "để thực hiện")
    add("Lưu: VT" if regime == "state" else "Lưu VP", None)
    return out
