"""``load_units`` and ``export_units``: the unit tree in and out as YAML and CSV."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from kehoach.orgtree import load_tree, loads_csv, loads_yaml, sample_tree_path
from kehoach.web.models import AuditEntry, Unit


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def snapshot() -> dict[str, tuple[str, str | None, str]]:
    return {
        u.code: (u.name, u.parent.code if u.parent else None, u.path)
        for u in Unit.objects.select_related("parent")
    }


def test_load_units_creates_a_sample_tree_then_updates_nothing_the_second_time(db):
    first = run("load_units", str(sample_tree_path("longbien")))
    assert "60 đơn vị mới, 0 đơn vị cập nhật" in first
    assert Unit.objects.get(code="DU-P-BODE").parent == Unit.objects.get(code="QU-LB")
    second = run("load_units", str(sample_tree_path("longbien")))
    assert "0 đơn vị mới, 0 đơn vị cập nhật" in second


def test_a_bad_tree_file_is_refused_with_its_reason_and_changes_nothing(db, tmp_path):
    run("load_units", str(sample_tree_path("longbien")))
    before = snapshot()
    audit_before = AuditEntry.objects.count()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "units:\n"
        "  - {code: QU-LB, name: Quận ủy đổi tên, kind: party_committee, level: district}\n"
        "  - {code: X-NEW, name: Đơn vị lạ, kind: spaceship, level: district, parent: QU-LB}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        run("load_units", str(bad))
    assert "spaceship" in str(error.value)
    assert snapshot() == before
    assert AuditEntry.objects.count() == audit_before


def test_a_missing_or_misnamed_file_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="không tìm thấy"):
        run("load_units", str(tmp_path / "khong-co.yaml"))
    text = tmp_path / "cay.txt"
    text.write_text("units: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"\.yaml, \.yml hoặc \.csv"):
        run("load_units", str(text))
    assert not Unit.objects.exists()


@pytest.mark.parametrize("fmt", ["yaml", "csv"])
def test_an_exported_tree_loads_back_to_the_same_units(db, tmp_path, fmt):
    sample = load_tree(sample_tree_path("longbien"))
    run("load_units", str(sample_tree_path("longbien")))
    target = tmp_path / f"cay.{fmt}"
    run("export_units", "-o", str(target))
    exported = load_tree(target)
    assert {u.code: u.to_dict() for u in exported} == {u.code: u.to_dict() for u in sample}

    # Someone renames a ward in the admin; loading the export puts the name back.
    Unit.objects.filter(code="DU-P-BODE").update(name="Tên tạm")
    before = snapshot()
    assert "0 đơn vị mới, 1 đơn vị cập nhật" in run("load_units", str(target))
    assert Unit.objects.get(code="DU-P-BODE").name == "Đảng ủy phường Bồ Đề"
    after = snapshot()
    assert {k: v for k, v in after.items() if k != "DU-P-BODE"} == {
        k: v for k, v in before.items() if k != "DU-P-BODE"
    }


def test_export_of_a_branch_has_only_that_branch_with_its_root_at_the_top(db):
    run("load_units", str(sample_tree_path("longbien")))
    tree = loads_csv(run("export_units", "--format", "csv", "--root", "DU-P-BODE"))
    assert {u.code for u in tree} == {
        "DU-P-BODE",
        "UBND-P-BODE",
        "CB-TDP1-BODE",
        "CB-TDP2-BODE",
    }
    assert [u.code for u in tree.roots()] == ["DU-P-BODE"]
    yaml_tree = loads_yaml(run("export_units", "--root", "QU-LB"))
    assert "LDLD-LB" not in yaml_tree
    assert yaml_tree.get("DU-P-VIETHUNG").parent == "QU-LB"


def test_export_of_an_unknown_root_is_a_command_error(db):
    with pytest.raises(CommandError, match="KHONG-CO"):
        run("export_units", "--root", "KHONG-CO")
