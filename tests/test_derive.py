"""Deriving the implementing plan of a unit from its parent (issue 7), as a library."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from kehoach.document import Plan, parse_bytes, parse_file, read_bytes
from kehoach.document.checking import Severity, check_bytes, check_source
from kehoach.document.deriving import (
    Derivation,
    DeriveError,
    derive_plan,
    name_kinds,
    working_days_before,
)
from kehoach.document.rendering import render_docx
from kehoach.document.rendering.text import render_markdown
from kehoach.orgtree import OrgTree, load_tree

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "derive"
SEEDS = ROOT / "corpus" / "seeds"
BTGTU = DATA / "parent_02-KH-BTGTU.txt"
LDLD = DATA / "parent_60-KH-LDLD.txt"
TWO_TIER = DATA / "parent_two_tier.txt"

# (parent, tree, unit, the draft's date, the real seed plan the unit issued or None)
CHAINS = [
    (BTGTU, "longbien", "QU-LB", date(2015, 12, 29), "001_9c839cf0b1a48e8e.txt"),
    (LDLD, "longbien", "LDLD-LB", date(2020, 12, 10), "002_664c6f2570863bfa.txt"),
    (TWO_TIER, "two_tier", "DU-P-BODE", date(2025, 12, 12), None),
]


@pytest.fixture(scope="module")
def trees() -> dict[str, OrgTree]:
    return {name: load_tree(name) for name in ("longbien", "two_tier")}


def derived(
    chain: tuple[Path, str, str, date, str | None], trees: dict[str, OrgTree]
) -> Derivation:
    parent, tree, unit, as_of, _ = chain
    return derive_plan(parse_file(parent), trees[tree], unit, as_of=as_of)


def errors_of(findings: list) -> list[tuple[str, int | None, str]]:  # type: ignore[type-arg]
    return [(f.rule, f.line, f.message) for f in findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("chain", CHAINS, ids=lambda c: f"{c[2]}")
def test_a_derived_draft_rendered_to_docx_passes_the_checker(
    chain: tuple[Path, str, str, date, str | None], trees: dict[str, OrgTree]
) -> None:
    draft = derived(chain, trees)
    report = check_bytes(render_docx(draft.plan), name="du-thao.docx")
    assert report.regime == draft.regime
    assert errors_of(report.findings) == []


@pytest.mark.parametrize("chain", CHAINS, ids=lambda c: f"{c[2]}")
def test_a_derived_draft_as_text_passes_the_checker(
    chain: tuple[Path, str, str, date, str | None], trees: dict[str, OrgTree]
) -> None:
    draft = derived(chain, trees)
    # A clerk's plain-text copy: the Markdown rendering without its markup, and the
    # "Dự thảo" mark the DOCX prints under a blank number.
    lines = [
        re.sub(r"^#+ |\*+|\\", "", line).rstrip()
        for line in render_markdown(draft.plan).splitlines()
    ]
    number = next(i for i, line in enumerate(lines) if line.startswith("Số"))
    text = "\n".join([*lines[: number + 1], "Dự thảo", *lines[number + 1 :]])
    source = read_bytes(text.encode("utf-8"), name="du-thao.txt")
    assert errors_of(check_source(source).findings) == []


def _structure(plan: Plan, tree: OrgTree) -> dict[str, object]:
    kinds: set[str] = set()
    for a in plan.assignments:
        kinds |= name_kinds(a.unit, tree)
    known = {u.code for a in plan.assignments if (u := tree.find(a.unit)) is not None}
    return {
        "roles": [s.role for s in plan.sections],
        "phases": sorted((p.start or "", p.end or "", p.peak) for p in plan.phases),
        "kinds": kinds,
        "units": known,
    }


@pytest.mark.parametrize("chain", CHAINS[:2], ids=lambda c: f"{c[2]}")
def test_the_draft_covers_the_sections_phases_and_units_of_the_real_plan(
    chain: tuple[Path, str, str, date, str | None], trees: dict[str, OrgTree]
) -> None:
    tree = trees[chain[1]]
    draft = derived(chain, trees)
    assert chain[4] is not None
    real = parse_file(SEEDS / chain[4])
    # The rendered draft, read back, has the same structure as the draft itself.
    back = parse_bytes(render_docx(draft.plan), name="x.docx")
    assert _structure(back, tree) == _structure(draft.plan, tree)
    assert _structure(draft.plan, tree) == _structure(real, tree)


def test_the_district_draft_localises_header_number_date_and_signer(
    trees: dict[str, OrgTree],
) -> None:
    plan = derived(CHAINS[0], trees).plan
    assert plan.organ_lines == ["ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "QUẬN ỦY LONG BIÊN"]
    assert (plan.number, plan.symbol, plan.place, plan.date) == (
        None,
        "KH/QU",
        "Long Biên",
        "2015-12-29",
    )
    assert plan.signer is not None
    assert (plan.signer.authority, plan.signer.name) == ("T/M BAN THƯỜNG VỤ", "Nguyễn Huy Thắng")
    back = parse_bytes(render_docx(plan), name="x.docx")
    assert back.number is None and back.symbol == "KH/QU"


def test_the_opening_cites_the_parent_in_full_and_keeps_its_central_basis(
    trees: dict[str, OrgTree],
) -> None:
    plan = derived(CHAINS[2], trees).plan
    opening = plan.opening[0]
    assert opening.startswith("Thực hiện Kế hoạch số 38-KH/TU, ngày 05/12/2025 của ")
    assert "về tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIV của Đảng" in opening
    assert "Kết luận số 195-KL/TW" in opening
    assert opening.endswith("trên địa bàn phường Bồ Đề như sau:")
    back = parse_bytes(render_docx(plan), name="x.docx")
    assert [(c.number, c.symbol) for c in back.basis][:2] == [("38", "KH/TU"), ("195", "KL/TW")]


def test_sibling_plans_the_parent_cites_are_not_carried(trees: dict[str, OrgTree]) -> None:
    opening = derived(CHAINS[1], trees).plan.opening[0]
    assert "155-HD/BTGTU" not in opening
    assert "60/KH-LĐLĐ, ngày 08/12/2020" in opening


def test_area_words_move_to_the_units_area_and_channels_are_localised(
    trees: dict[str, OrgTree],
) -> None:
    plan = derived(CHAINS[0], trees).plan
    forms = next(s for s in plan.sections if s.role == "forms")
    texts = [c.heading for c in forms.children]
    assert any("Đài truyền thanh 14 phường" in t for t in texts)
    assert any("Cổng giao tiếp điện tử quận" in t for t in texts)
    content = next(s for s in plan.sections if s.role == "content")
    assert "trên địa bàn quận hoàn thành" in content.text
    # Events of the parent's own level keep their name.
    assert "Đảng bộ Thành phố lần thứ XVI" in content.children[0].text


def test_the_parents_duties_for_the_derivers_kind_become_the_spine(
    trees: dict[str, OrgTree],
) -> None:
    plan = derived(CHAINS[0], trees).plan
    spine = plan.assignments[0]
    assert spine.unit == "Ban Tuyên giáo Quận ủy"
    assert any("thông báo nhanh kết quả Đại hội" in d for d in spine.duties)
    people = next(a for a in plan.assignments if a.unit == "UBND quận Long Biên")
    assert any("trên địa bàn toàn quận" in d for d in people.duties)


def test_grassroots_report_before_the_parents_deadline_by_the_lead(
    trees: dict[str, OrgTree],
) -> None:
    tree = trees["longbien"]
    parent = parse_file(BTGTU)  # reports due to the city on 15/02/2016, a Monday
    draft = derive_plan(parent, tree, "QU-LB", as_of=date(2015, 12, 29))
    assert draft.report_deadline == "2016-02-08"
    grassroots = draft.plan.assignments[-1]
    assert "trước ngày 08/02/2016" in grassroots.duties[-1]
    later = derive_plan(parent, tree, "QU-LB", as_of=date(2015, 12, 29), lead_days=0)
    assert later.report_deadline == "2016-02-15"


def test_working_days_skip_weekends() -> None:
    monday = date(2016, 2, 15)
    assert working_days_before(monday, 1) == date(2016, 2, 12)  # the Friday before
    assert working_days_before(monday, 5) == date(2016, 2, 8)
    assert working_days_before(date(2016, 2, 14), 0) == date(2016, 2, 12)  # a Sunday


def test_recipients_come_from_the_tree(trees: dict[str, OrgTree]) -> None:
    plan = derived(CHAINS[2], trees).plan
    lines = [(r.name, r.purpose) for r in plan.recipients]
    assert lines[0] == ("Thành ủy Hà Nội", "để báo cáo")
    assert ("UBND phường Bồ Đề", "để thực hiện") in lines
    assert lines[-1] == ("Lưu VP", None)
    assert not any("quận" in name for name, _ in lines)  # no district any more


def test_every_carried_clause_links_back_to_the_parent(trees: dict[str, OrgTree]) -> None:
    parent = parse_file(BTGTU)
    draft = derive_plan(parent, trees["longbien"], "QU-LB", as_of=date(2015, 12, 29))
    by_target = {link.target_path: link for link in draft.links}
    first_purpose = parent.sections[0].children[0]
    assert by_target["sections/I/1"].source_line == first_purpose.line
    assert by_target["phases/2"].source_line == parent.phases[2].line
    carried = [t for t in by_target if t.startswith("assignments/0/duties/")]
    assert carried and all(by_target[t].source_path == "sections/IV/2" for t in carried)
    data = json.loads(json.dumps(draft.to_dict(), ensure_ascii=False))
    assert data["derived_for"] == "QU-LB"
    assert {"target_path", "source_line", "source_path"} <= set(data["links"][0])
    assert Plan.from_dict(data).title == draft.plan.title


def test_a_unit_can_be_named_instead_of_coded(trees: dict[str, OrgTree]) -> None:
    parent = parse_file(LDLD)
    draft = derive_plan(parent, trees["longbien"], "LĐLĐ quận Long Biên", as_of=date(2020, 12, 10))
    assert draft.unit.code == "LDLD-LB" and draft.regime == "union"
    assert draft.plan.symbol == "KH-LĐLĐ"


def test_an_unknown_unit_is_refused_in_vietnamese(trees: dict[str, OrgTree]) -> None:
    with pytest.raises(DeriveError, match="Không tìm thấy đơn vị «Quận ủy Ba Đình»"):
        derive_plan(parse_file(BTGTU), trees["longbien"], "Quận ủy Ba Đình", as_of=date.today())


def test_deriving_is_deterministic_and_nfc(trees: dict[str, OrgTree]) -> None:
    first = derived(CHAINS[0], trees).to_dict()
    again = derived(CHAINS[0], trees).to_dict()
    assert first == again
    text = json.dumps(first, ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", text)


def test_grassroots_party_organisations_are_committees_not_state_offices() -> None:
    # "cơ sở" folds to "co so", which holds the "so " of a Sở (a provincial department).
    assert name_kinds("Các tổ chức cơ sở đảng") == {"party_committee"}
    assert name_kinds("Các tổ chức cơ sở Đảng thuộc Quận") == {"party_committee"}
    assert name_kinds("Sở Văn hóa và Thể thao") == {"state_office"}
