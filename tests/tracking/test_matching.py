"""Matching a plan's addressees to the unit tree: the real trees and the seeds' assignments."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from kehoach.document import parse_file
from kehoach.orgtree import OrgTree, OrgTreeError, load_tree, loads_yaml
from kehoach.tracking.matching import (
    FUZZY_THRESHOLD,
    METHODS,
    Match,
    match_assignee,
    match_assignments,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"
TWO_TIER_PARENT = ROOT / "tests" / "derive" / "parent_two_tier.txt"

WARD_COMMITTEES = (
    "DU-P-BODE",
    "DU-P-CUKHOI",
    "DU-P-DUCGIANG",
    "DU-P-GIATHUY",
    "DU-P-GIANGBIEN",
    "DU-P-LONGBIEN",
    "DU-P-NGOCLAM",
    "DU-P-NGOCTHUY",
    "DU-P-PHUCDONG",
    "DU-P-PHUCLOI",
    "DU-P-SAIDONG",
    "DU-P-THACHBAN",
    "DU-P-THUONGTHANH",
    "DU-P-VIETHUNG",
)
# Everything the Quận ủy has directly below it in the party: the 14 ward committees, the
# party committee of its own offices and a school's cell (longbien.yaml).
GRASSROOTS_LB = (*WARD_COMMITTEES, "DB-CQ-QU-LB", "CB-THCS-NGOCLAM")
# The Front and the socio-political organisations of the district, the LĐLĐ quận included
# although the tree files it under the city's LĐLĐ.
FRONT_AND_MASS_LB = ("MTTQ-LB", "QD-LB", "HPN-LB", "CCB-LB", "LDLD-LB")
PARTY_DEPARTMENTS_LB = ("BTG-QU-LB", "BTC-QU-LB", "BDV-QU-LB", "UBKT-QU-LB")


@pytest.fixture(scope="module")
def longbien() -> OrgTree:
    return load_tree("longbien")


@pytest.fixture(scope="module")
def two_tier() -> OrgTree:
    return load_tree("two_tier")


def seed_assignments(number: str) -> list[dict[str, Any]]:
    path = next(SEEDS.glob(f"{number}_*.txt"))
    assignments: list[dict[str, Any]] = parse_file(path).to_dict()["assignments"]
    return assignments


def by_name(matches: list[Match]) -> dict[str, Match]:
    return {m.name: m for m in matches}


# --------------------------------------------------------------------------- the seeds


def test_seed_001_addressees_go_to_the_quan_uy_units(longbien: OrgTree) -> None:
    matches = by_name(match_assignments(seed_assignments("001"), longbien, "QU-LB"))
    # "uỷ" (old tone placement) in the plan, "ủy" in the tree.
    assert matches["Ban Tuyên giáo Quận uỷ"] == Match(
        "Ban Tuyên giáo Quận uỷ", "exact", ("BTG-QU-LB",), 1.0, ()
    )
    assert matches["UBND Quận"].units == ("UBND-LB",)
    assert matches["UBND Quận"].method == "exact"
    grassroots = matches["Các tổ chức cơ sở Đảng thuộc Quận"]
    assert (grassroots.method, grassroots.units) == ("group", GRASSROOTS_LB)
    front = matches["Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội"]
    assert (front.method, front.units) == ("group", FRONT_AND_MASS_LB)
    departments = matches["Các ban xây dựng Đảng và Văn phòng Quận uỷ"]
    assert departments.units == (*PARTY_DEPARTMENTS_LB, "VP-QU-LB")
    assert not any(m.needs_confirmation for m in matches.values())


def test_seed_000_addressees_need_no_confirmation(longbien: OrgTree) -> None:
    matches = match_assignments(seed_assignments("000"), longbien, "QU-LB")
    assert [(m.method, m.units) for m in matches] == [
        ("exact", ("BTG-QU-LB",)),
        ("group", (*PARTY_DEPARTMENTS_LB, "VP-QU-LB")),
        ("exact", ("UBND-LB",)),
        ("group", FRONT_AND_MASS_LB),
        ("group", GRASSROOTS_LB),
    ]
    assert all(m.score == 1.0 and m.candidates == () for m in matches)


def test_a_department_issuing_for_its_committee_resolves_the_same_names(
    longbien: OrgTree,
) -> None:
    assignments = seed_assignments("000")
    by_committee = match_assignments(assignments, longbien, "QU-LB")
    by_department = match_assignments(assignments, longbien, "BTG-QU-LB")
    assert [m.units for m in by_department[2:]] == [m.units for m in by_committee[2:]]
    # The issuing department is not among "Các Ban xây dựng Đảng" it addresses …
    assert by_department[1].units == ("BTC-QU-LB", "BDV-QU-LB", "UBKT-QU-LB", "VP-QU-LB")
    # … but its own name still reaches it.
    assert by_department[0].units == ("BTG-QU-LB",)


def test_seed_002_the_district_union_and_its_grassroots_unions(longbien: OrgTree) -> None:
    matches = match_assignments(seed_assignments("002"), longbien, "LDLD-LB")
    assert (matches[0].method, matches[0].units) == ("alias", ("LDLD-LB",))
    assert matches[1].name.startswith("Đối với công đoàn các cơ quan")
    assert (matches[1].method, matches[1].units) == ("group", ("CD-CQ-LB", "CD-GD-LB", "CD-DN-LB"))


def test_seed_003_lists_of_offices_and_mixed_groups(longbien: OrgTree) -> None:
    # Seed 003 is Cầu Giấy's; its names read the same in Long Biên's tree.
    matches = match_assignments(seed_assignments("003"), longbien, "BTG-QU-LB")
    assert [m.method for m in matches] == ["exact", "group", "group", "group"]
    assert matches[1].units == ("BTC-QU-LB", "BDV-QU-LB", "UBKT-QU-LB", "VP-QU-LB", "TTBDCT-LB")
    assert matches[2].units == ("PVHTT-LB", "PNV-LB", "TTVHTT-LB")  # tree order
    assert matches[3].units == (*FRONT_AND_MASS_LB, *GRASSROOTS_LB)


def test_seed_004_names_of_another_district_are_proposed_or_left_open(
    longbien: OrgTree,
) -> None:
    matches = by_name(match_assignments(seed_assignments("004"), longbien, "QU-LB"))
    assert matches["Các chi, đảng bộ trực thuộc Huyện ủy"].units == GRASSROOTS_LB
    assert matches["Ủy ban Mặt trận Tổ quốc và các đoàn thể huyện"].units == FRONT_AND_MASS_LB
    # "huyện" is not Long Biên's own level word: a proposal, the district's UBND first.
    people = matches["Ủy ban nhân dân huyện"]
    assert (people.method, people.units, people.candidates[0]) == ("fuzzy", ("UBND-LB",), "UBND-LB")
    assert people.needs_confirmation
    centre = matches["Trung tâm Chính trị huyện"]
    assert (centre.method, centre.units, centre.score) == ("none", (), 0.0)
    assert centre.candidates[0] == "TTBDCT-LB"
    # A Huyện ủy's department is not the Quận ủy's: only listed.
    assert matches["Ban Tuyên giáo Huyện ủy"].method == "none"
    assert matches["Ban Tuyên giáo Huyện ủy"].candidates[0] == "BTG-QU-LB"


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("UBND quận Long Biên", "UBND-LB"),
        ("Ủy ban nhân dân Quận", "UBND-LB"),
        ("Quận đoàn", "QD-LB"),
        ("Hội Liên hiệp Phụ nữ Quận", "HPN-LB"),
        ("Ban Dân vận Quận uỷ Long Biên", "BDV-QU-LB"),
        ("Phòng Tài chính Kế hoạch", "PTCKH-LB"),
        ("Ủy ban MTTQ Việt Nam quận Long Biên", "MTTQ-LB"),
        ("Đảng ủy phường Long Biên", "DU-P-LONGBIEN"),  # the ward, not the district
        ("ĐẢNG ỦY PHƯỜNG BỒ ĐỀ", "DU-P-BODE"),
        ("Ban Tuyên giáo Thành ủy", "BTG-TU-HN"),  # above the issuer, a unique name
    ],
)
def test_a_name_with_the_place_abbreviated_or_spelt_out_is_exact(
    longbien: OrgTree, name: str, code: str
) -> None:
    match = match_assignee(name, longbien, "QU-LB")
    assert (match.method, match.units, match.score) == ("exact", (code,), 1.0)
    assert not match.needs_confirmation


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Liên đoàn Lao động Quận", "LDLD-LB"),
        ("Lãnh đạo UBND Quận", "UBND-LB"),
        ("Trung tâm BDCT quận", "TTBDCT-LB"),
        # The "misspelt" example is one of the tree's aliases ("hoá" = "hóa").
        ("Phòng Văn hoá Thông tin quận", "PVHTT-LB"),
    ],
)
def test_an_alias_of_the_tree_matches_as_an_alias(longbien: OrgTree, name: str, code: str) -> None:
    match = match_assignee(name, longbien, "QU-LB")
    assert (match.method, match.units) == ("alias", (code,))


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Phòng Văn hóa Thông tim quận", "PVHTT-LB"),
        ("Phòng Văn hoá Thông tin Truyền thông quận", "PVHTT-LB"),
        ("Trung tâm Văn hoá Thông tin Thể thao quận", "TTVHTT-LB"),
        ("Phòng Giáo dục - Đào tạo quận", "PGDDT-LB"),
    ],
)
def test_a_misspelt_unit_is_proposed_with_the_right_candidate_first(
    longbien: OrgTree, name: str, code: str
) -> None:
    match = match_assignee(name, longbien, "QU-LB")
    assert match.method == "fuzzy"
    assert match.needs_confirmation
    assert match.units == (code,)
    assert match.candidates[0] == code
    assert FUZZY_THRESHOLD <= match.score < 1.0
    assert 1 < len(match.candidates) <= 5


@pytest.mark.parametrize(
    "name",
    [
        "Công an quận",
        "Ban Chỉ huy Quân sự quận",
        "Viện Kiểm sát nhân dân quận",
        "Tòa án nhân dân quận",  # shares "nhân dân" with the UBND
        "Hội Chữ thập đỏ quận",
        "Chi cục Thuế quận",
        "Phòng Tư pháp quận",  # a Phòng, but not one the tree has
        "Hội Nông dân quận",  # an urban district has no farmers' union
        "Thanh tra quận",
    ],
)
def test_a_body_not_in_the_tree_is_none_with_candidates_to_choose_from(
    longbien: OrgTree, name: str
) -> None:
    match = match_assignee(name, longbien, "QU-LB")
    assert (match.method, match.units, match.score) == ("none", (), 0.0)
    assert match.needs_confirmation
    assert 0 < len(match.candidates) <= 5
    assert all(code in longbien for code in match.candidates)


def test_the_only_unit_of_the_named_kind_at_the_place_is_proposed(longbien: OrgTree) -> None:
    women = match_assignee("Hội Phụ nữ quận", longbien, "QU-LB")
    youth = match_assignee("Đoàn Thanh niên quận", longbien, "QU-LB")
    assert (women.method, women.units) == ("fuzzy", ("HPN-LB",))
    assert (youth.method, youth.units) == ("fuzzy", ("QD-LB",))


def test_a_city_office_is_not_proposed_for_a_district_one_however_alike(
    longbien: OrgTree,
) -> None:
    match = match_assignee("Văn phòng Thành ủy", longbien, "TU-HN")
    assert match.method == "none"
    assert "VP-QU-LB" in match.candidates


# --------------------------------------------------------------------------- groups


def test_ward_party_committees_are_the_wards_only(longbien: OrgTree) -> None:
    match = match_assignee("Đảng ủy các phường", longbien, "QU-LB")
    assert (match.method, match.units) == ("group", WARD_COMMITTEES)


def test_ward_peoples_committees_expand_to_every_ward(longbien: OrgTree) -> None:
    match = match_assignee("UBND các phường", longbien, "QU-LB")
    assert match.units == tuple(code.replace("DU-P-", "UBND-P-") for code in WARD_COMMITTEES)


def test_a_union_plan_names_its_grassroots_unions_and_districts(longbien: OrgTree) -> None:
    grassroots = match_assignee("Công đoàn cơ sở", longbien, "LDLD-HN")
    districts = match_assignee(
        "LĐLĐ các quận, huyện, thị xã, công đoàn ngành Thành phố", longbien, "LDLD-HN"
    )
    assert (grassroots.method, grassroots.units) == ("group", ("CD-CQ-LB", "CD-GD-LB", "CD-DN-LB"))
    assert (districts.method, districts.units) == ("group", ("LDLD-LB",))


def test_a_group_with_a_part_the_tree_lacks_asks_for_confirmation(longbien: OrgTree) -> None:
    # The sample tree has no city Front: the unions are found, the Front is left to choose.
    match = match_assignee(
        "Ủy ban Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội Thành phố",
        longbien,
        "TU-HN",
    )
    assert match.method == "fuzzy"
    assert match.units == ("LDLD-HN",)
    assert match.needs_confirmation
    assert match.candidates


def test_the_two_tier_ward_addresses_its_front_unions_and_cells(two_tier: OrgTree) -> None:
    def units(name: str) -> tuple[str, ...]:
        match = match_assignee(name, two_tier, "DU-P-BODE")
        assert not match.needs_confirmation, match
        return match.units

    assert units("MTTQ và các đoàn thể chính trị - xã hội phường") == (
        "MTTQ-P-BODE",
        "DTN-P-BODE",
        "HPN-P-BODE",
        "CCB-P-BODE",
    )
    cells = ("CB-TDP5-BODE", "CB-TDP7-BODE", "CB-THCS-BODE")
    assert units("Các chi bộ trực thuộc") == cells
    assert units("Các tổ chức cơ sở đảng") == cells
    assert units("UBND phường") == ("UBND-P-BODE",)
    assert units("Ban Xây dựng Đảng") == ("BXDD-P-BODE",)
    assert units("Phòng Văn hóa - Xã hội") == ("PVHXH-P-BODE",)


def test_the_two_tier_city_plan_reaches_wards_and_communes(two_tier: OrgTree) -> None:
    plan = parse_file(TWO_TIER_PARENT).to_dict()
    matches = match_assignments(plan["assignments"], two_tier, "BTGDV-TU-HN")
    assert [(m.method, m.units) for m in matches] == [
        ("exact", ("BTGDV-TU-HN",)),
        ("group", ("DU-P-BODE", "DU-P-VIETHUNG", "DU-X-BATTRANG")),
        ("exact", ("UBND-HN",)),
        # The sample tree has no city-level unions: the city's Front is found, and "các
        # đoàn thể" is left to confirm rather than taken from the wards.
        ("fuzzy", ("MTTQ-HN",)),
    ]
    assert matches[3].needs_confirmation
    wards = match_assignee("Đảng ủy các phường", two_tier, "TU-HN")
    communes = match_assignee("Đảng ủy các xã", two_tier, "TU-HN")
    assert wards.units == ("DU-P-BODE", "DU-P-VIETHUNG")
    assert communes.units == ("DU-X-BATTRANG",)


# --------------------------------------------------------------------------- contract


def test_matching_is_deterministic_and_per_assignment(longbien: OrgTree) -> None:
    assignments = seed_assignments("001")
    first = match_assignments(assignments, longbien, "QU-LB")
    again = match_assignments(list(reversed(assignments)), longbien, "QU-LB")
    assert first == list(reversed(again))
    assert first == [match_assignee(a["unit"], longbien, "QU-LB") for a in assignments]
    order = list(longbien.units)
    for match in first:
        assert match.method in METHODS
        assert list(match.units) == sorted(match.units, key=order.index)


def test_names_are_nfc_whatever_the_input(longbien: OrgTree) -> None:
    decomposed = unicodedata.normalize("NFD", "Ban Tuyên giáo Quận uỷ")
    match = match_assignee(f"  {decomposed}: ", longbien, "QU-LB")
    assert match.name == unicodedata.normalize("NFC", f"{decomposed}:")
    assert match.units == ("BTG-QU-LB",)


def test_an_empty_name_matches_nothing(longbien: OrgTree) -> None:
    assert match_assignee("  ", longbien, "QU-LB").method == "none"
    assert match_assignments([{"unit": None}], longbien, "QU-LB")[0].units == ()


def test_an_issuer_outside_the_tree_is_refused(longbien: OrgTree) -> None:
    with pytest.raises(OrgTreeError, match="XX-LB"):
        match_assignee("UBND Quận", longbien, "XX-LB")


def test_two_units_answering_to_one_name_are_offered_not_chosen(two_tier: OrgTree) -> None:
    # Both wards' party committees are short-named "Đảng ủy phường" in the two-tier tree.
    match = match_assignee("Đảng ủy phường", two_tier, "TU-HN")
    assert (match.method, match.units) == ("fuzzy", ("DU-P-BODE",))
    assert match.candidates == ("DU-P-BODE", "DU-P-VIETHUNG")
    assert match.needs_confirmation
    # In the ward's own plan the name is its own committee.
    assert match_assignee("Đảng ủy phường", two_tier, "DU-P-BODE").units == ("DU-P-BODE",)


def test_a_name_wins_over_another_units_alias() -> None:
    tree = loads_yaml(
        """
units:
  - {code: QU, name: Quận ủy X, kind: party_committee, level: district, place: X, area: quận X}
  - {code: P1, name: Phòng Văn hóa quận, kind: state_office, level: district, parent: QU,
     place: X, area: quận X, short_name: Phòng Văn hóa}
  - {code: P2, name: Phòng Văn hóa và Thể thao quận, kind: state_office, level: district,
     parent: QU, place: X, area: quận X, aliases: [Phòng Văn hóa, Phòng VH-TT]}
"""
    )
    assert match_assignee("Phòng Văn hóa", tree, "QU").units == ("P1",)
    assert match_assignee("Phòng VH-TT", tree, "QU").method == "alias"
