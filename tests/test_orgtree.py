"""The organisation tree: sample trees, YAML/CSV round trips, lookups and bad files."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from kehoach.document import KehoachError
from kehoach.orgtree import (
    KINDS,
    LEVELS,
    OrgTree,
    OrgTreeError,
    OrgUnit,
    dumps_csv,
    dumps_yaml,
    load_tree,
    loads_csv,
    loads_yaml,
    sample_tree_path,
)

SAMPLES = ("longbien", "two_tier")
LONG_BIEN_WARDS = (
    "Bồ Đề Cự Khối Đức Giang Gia Thụy Giang Biên Long Biên Ngọc Lâm Ngọc Thụy "
    "Phúc Đồng Phúc Lợi Sài Đồng Thạch Bàn Thượng Thanh Việt Hưng"
)


@pytest.fixture(scope="module")
def longbien() -> OrgTree:
    return load_tree(sample_tree_path("longbien"))


@pytest.mark.parametrize("name", SAMPLES)
def test_the_sample_trees_load_and_use_only_known_kinds_and_levels(name: str) -> None:
    tree = load_tree(sample_tree_path(name))
    assert len(tree) > 20
    for unit in tree:
        assert unit.kind in KINDS and unit.level in LEVELS
        assert unit.code.isascii()
        assert unicodedata.is_normalized("NFC", unit.name)


@pytest.mark.parametrize("name", SAMPLES)
def test_yaml_round_trips_a_sample_tree_exactly(name: str) -> None:
    tree = load_tree(sample_tree_path(name))
    again = loads_yaml(dumps_yaml(tree))
    assert list(again.units.values()) == list(tree.units.values())
    assert dumps_yaml(again) == dumps_yaml(tree)


@pytest.mark.parametrize("name", SAMPLES)
def test_csv_round_trips_a_sample_tree_exactly(name: str, tmp_path: Path) -> None:
    tree = load_tree(sample_tree_path(name))
    text = dumps_csv(tree)
    assert text.splitlines()[0].startswith("code,name,kind,level,parent")
    target = tmp_path / "tree.csv"
    target.write_text(text, encoding="utf-8")
    again = load_tree(target)
    assert list(again.units.values()) == list(tree.units.values())
    assert dumps_csv(loads_csv(text)) == text


def test_a_sample_name_is_accepted_in_place_of_a_path() -> None:
    assert load_tree("two_tier").get("BTGDV-TU-HN").name == "Ban Tuyên giáo và Dân vận Thành ủy"


def test_longbien_has_fourteen_ward_party_committees_each_with_a_peoples_committee(
    longbien: OrgTree,
) -> None:
    wards = [u for u in longbien.children("QU-LB") if u.name.startswith("Đảng ủy phường")]
    assert len(wards) == 14
    assert {u.area.removeprefix("phường ") for u in wards} == {
        w for w in _split_wards(LONG_BIEN_WARDS)
    }
    for ward in wards:
        assert [u.kind for u in longbien.children(ward.code)].count("peoples_committee") == 1


def _split_wards(text: str) -> set[str]:
    words = text.split()
    return {" ".join(words[i : i + 2]) for i in range(0, len(words), 2)}


def test_find_ignores_tone_placement_case_and_nfd(longbien: OrgTree) -> None:
    decomposed = unicodedata.normalize("NFD", "BAN TUYÊN GIÁO QUẬN UỶ")
    unit = longbien.find(decomposed)
    assert unit is not None and unit.code == "BTG-QU-LB"
    assert longbien.find("ban tuyên giáo quận ủy") is unit


def test_find_uses_short_names_and_aliases(longbien: OrgTree) -> None:
    assert longbien.find("BTG Quận ủy") is longbien.get("BTG-QU-LB")
    assert longbien.find("LĐLĐ Thành phố Hà Nội") is longbien.get("LDLD-HN")
    assert longbien.find("Phòng VH-TT") is longbien.get("PVHTT-LB")
    assert longbien.find("Ban Tuyên giáo Quận ủy Cầu Giấy") is None


def test_find_is_accent_sensitive(longbien: OrgTree) -> None:
    assert longbien.find("Quan uy Long Bien") is None


def test_ancestors_come_nearest_first(longbien: OrgTree) -> None:
    assert [u.code for u in longbien.ancestors("UBND-P-BODE")] == ["DU-P-BODE", "QU-LB", "TU-HN"]
    assert longbien.ancestors("TU-HN") == []


def test_descendants_cover_the_whole_subtree(longbien: OrgTree) -> None:
    below = {u.code for u in longbien.descendants("DU-P-BODE")}
    assert below == {"UBND-P-BODE", "CB-TDP1-BODE", "CB-TDP2-BODE"}
    assert "TH-THCS-NGOCLAM" in {u.code for u in longbien.descendants("QU-LB")}


def test_the_trade_union_line_has_its_own_root(longbien: OrgTree) -> None:
    assert {u.code for u in longbien.roots()} == {"TU-HN", "LDLD-HN"}
    assert longbien.get("LDLD-LB").parent == "LDLD-HN"


def test_by_kind_filters_within_a_subtree(longbien: OrgTree) -> None:
    offices = longbien.by_kind("state_office", under="UBND-LB")
    assert "Phòng Văn hóa và Thông tin quận" in [u.name for u in offices]
    assert all(u.kind == "state_office" for u in offices)
    assert len(longbien.by_kind("party_committee", under="QU-LB")) == 15


def test_get_of_an_unknown_code_names_it(longbien: OrgTree) -> None:
    with pytest.raises(OrgTreeError, match="XYZ"):
        longbien.get("XYZ")


def _unit(code: str, parent: str | None = None, kind: str = "other") -> OrgUnit:
    return OrgUnit(code=code, name=f"Đơn vị {code}", kind=kind, level="commune", parent=parent)


def test_a_duplicate_code_is_refused_by_name() -> None:
    with pytest.raises(OrgTreeError, match=r"trùng.*A1"):
        OrgTree([_unit("A1"), _unit("A1")])


def test_an_unknown_parent_is_refused_naming_the_unit_and_the_parent() -> None:
    with pytest.raises(OrgTreeError, match=r"B2.*NOPE"):
        OrgTree([_unit("A1"), _unit("B2", parent="NOPE")])


def test_a_cycle_is_refused_showing_the_loop() -> None:
    with pytest.raises(OrgTreeError, match=r"vòng lặp.*A1.*B2"):
        OrgTree([_unit("A1", parent="B2"), _unit("B2", parent="A1"), _unit("C3", parent="A1")])


def test_an_unknown_kind_is_refused_naming_the_unit() -> None:
    with pytest.raises(OrgTreeError, match=r"A1.*ministry"):
        OrgTree([_unit("A1", kind="ministry")])


def test_malformed_yaml_is_refused_with_its_line() -> None:
    with pytest.raises(OrgTreeError, match="dòng 3"):
        loads_yaml("units:\n  - code: A\n    name: B: C\n")


def test_a_yaml_file_without_a_units_list_is_refused() -> None:
    with pytest.raises(OrgTreeError, match="units"):
        loads_yaml("- code: A\n")


def test_a_unit_missing_a_required_field_is_named() -> None:
    with pytest.raises(OrgTreeError, match=r"A1.*kind"):
        loads_yaml("units:\n  - {code: A1, name: X, level: commune}\n")


def test_yaml_tags_are_not_executed() -> None:
    with pytest.raises(OrgTreeError):
        loads_yaml("units: !!python/object/apply:os.system ['true']\n")


def test_nfd_input_is_stored_nfc() -> None:
    text = unicodedata.normalize(
        "NFD",
        "units:\n  - {code: A1, name: Đảng ủy phường Bồ Đề, kind: party_committee, "
        "level: commune}\n",
    )
    unit = loads_yaml(text).get("A1")
    assert unit.name == unicodedata.normalize("NFC", "Đảng ủy phường Bồ Đề")


def test_a_missing_or_wrongly_named_file_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OrgTreeError, match="không tìm thấy"):
        load_tree(tmp_path / "none.yaml")
    (tmp_path / "tree.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OrgTreeError, match=r"\.yaml"):
        load_tree(tmp_path / "tree.txt")


def test_a_csv_row_with_a_bad_parent_names_the_unit(tmp_path: Path) -> None:
    target = tmp_path / "tree.csv"
    target.write_text("code,name,kind,level,parent\nA1,X,other,commune,ZZ\n", encoding="utf-8")
    with pytest.raises(OrgTreeError, match=r"A1.*ZZ"):
        load_tree(target)


def test_tree_errors_are_core_errors() -> None:
    assert issubclass(OrgTreeError, KehoachError)
