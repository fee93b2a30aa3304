"""The unit pages: the tree, one unit, import and export."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import client_for
from kehoach.orgtree import loads_csv, loads_yaml
from kehoach.web.models import AuditEntry, Unit

LIST = reverse("kehoach:unit-list")
IMPORT = reverse("kehoach:unit-import")


def detail(unit: Unit) -> str:
    return reverse("kehoach:unit-detail", args=[unit.pk])


def export(fmt: str) -> str:
    return reverse("kehoach:unit-export", args=[fmt])


def tree_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def snapshot() -> list[tuple]:
    return list(Unit.objects.order_by("pk").values_list("code", "name", "parent_id", "path"))


def test_the_tree_nests_units_under_their_parents_with_kind_and_symbol(cast):
    answer = client_for(cast.hung).get(LIST)
    html = answer.content.decode()
    [root] = answer.context["roots"]
    assert root.code == "QU-LB"
    bode = next(u for u in root.kids if u.code == "DU-P-BODE")
    assert {u.code for u in bode.kids} == {u.code for u in Unit.objects.filter(parent=bode)}
    assert "UBND-P-BODE" in {u.code for u in bode.kids}
    # The ward's People's Committee is drawn inside the ward committee's branch.
    branch = html[html.index(f'href="{detail(bode)}"') :]
    branch = branch[: branch.index("</li>")]
    assert "<ul>" in branch and f'href="{detail(bode.kids[0])}"' in branch
    assert "Cấp ủy đảng" in html and "Ban của cấp ủy" in html
    assert ">ĐU<" in html
    assert "LĐLĐ" not in html and "Liên đoàn Lao động quận" not in html


def test_someone_in_another_unit_sees_only_their_own_branch(cast):
    html = client_for(cast.tuan).get(LIST).content.decode()
    assert f'href="{detail(cast.unit("LDLD-LB"))}"' in html
    assert f'href="{detail(cast.unit("QU-LB"))}"' not in html


def test_the_unit_search_ignores_accents_and_case(cast):
    answer = client_for(cast.mai).get(LIST, {"q": "dang uy phuong bo de"})
    html = answer.content.decode()
    assert f'href="{detail(cast.unit("DU-P-BODE"))}"' in html
    assert f'href="{detail(cast.unit("DU-P-CUKHOI"))}"' not in html
    nothing = client_for(cast.mai).get(LIST, {"q": "không-có-đơn-vị-này"}).content.decode()
    assert "Không có đơn vị nào khớp" in nothing


def test_a_unit_page_shows_its_fields_children_and_plans(cast, seed_plan):
    qu = cast.unit("QU-LB")
    html = client_for(cast.hung).get(detail(qu)).content.decode()
    assert qu.name in html and qu.code in html
    assert f'href="{detail(cast.unit("DU-P-BODE"))}"' in html
    assert reverse("kehoach:plan-detail", args=[seed_plan.pk]) in html
    assert "17-KH/QU" in html


def test_only_administrators_see_the_people_of_a_unit(cast):
    btg = cast.unit("BTG-QU-LB")
    admin = client_for(cast.lan).get(detail(btg)).content.decode()
    assert "Nguyễn Thị Lan" in admin and "Quản trị (phòng, ban)" in admin
    leader = client_for(cast.hung).get(detail(btg)).content.decode()
    assert "Người dùng" not in leader
    assert ">lan<" not in leader


def test_a_unit_outside_ones_scope_does_not_exist(cast):
    qu = cast.unit("QU-LB")
    assert client_for(cast.tuan).get(detail(qu)).status_code == 404
    # A reporter sees their own unit only, not the committee above it.
    assert client_for(cast.binh).get(detail(qu)).status_code == 404
    assert client_for(cast.binh).get(detail(cast.unit("DU-P-BODE"))).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(cast):
    login = reverse("kehoach:login")
    for url in (LIST, detail(cast.unit("QU-LB")), IMPORT, export("yaml")):
        answer = Client().get(url)
        assert answer.status_code == 302
        assert answer["Location"].startswith(login)


def test_only_administrators_may_import_units(cast):
    before = snapshot()
    text = "code,name,kind,level,parent\nCB-MOI,Chi bộ mới,party_cell,grassroots,QU-LB\n"
    for person in (cast.hung, cast.mai, cast.binh):
        client = client_for(person)
        assert client.get(IMPORT).status_code == 404
        assert client.post(IMPORT, {"file": tree_file("t.csv", text)}).status_code == 404
    assert snapshot() == before


def test_an_administrator_adds_a_unit_under_their_scope_from_a_csv(cast):
    text = (
        "code,name,kind,level,parent\n"
        "DU-P-BODE,Đảng ủy phường Bồ Đề,party_committee,commune,\n"
        "CB-TDP1,Chi bộ tổ dân phố số 1,party_cell,grassroots,DU-P-BODE\n"
    )
    bode = cast.unit("DU-P-BODE")
    answer = client_for(cast.lan).post(IMPORT, {"file": tree_file("t.csv", text)}, follow=True)
    html = answer.content.decode()
    assert "1 đơn vị mới" in html
    cell = Unit.objects.get(code="CB-TDP1")
    assert cell.parent == bode
    # The ward committee kept its place under the district committee.
    assert Unit.objects.get(code="DU-P-BODE").parent == cast.unit("QU-LB")
    entry = AuditEntry.objects.get(model="kehoach.Unit", object_id=str(cell.pk))
    assert (entry.action, entry.actor) == ("create", cast.lan)


def test_a_bad_csv_changes_nothing_and_says_why(cast):
    before = snapshot()
    audits = AuditEntry.objects.count()
    text = (
        "code,name,kind,level,parent\n"
        "DU-P-BODE,Tên mới cho Bồ Đề,party_committee,commune,QU-LB\n"
        "QU-LB,Quận ủy Long Biên,party_committee,district,\n"
        "CB-X,Chi bộ X,khong-co-loai-nay,grassroots,DU-P-BODE\n"
    )
    answer = client_for(cast.lan).post(IMPORT, {"file": tree_file("t.csv", text)})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "Không nhập được cây đơn vị" in html
    assert "khong-co-loai-nay" in html
    assert snapshot() == before
    assert AuditEntry.objects.count() == audits


def test_a_file_that_moves_a_unit_under_its_own_child_changes_nothing(cast):
    before = snapshot()
    text = (
        "code,name,kind,level,parent\n"
        "DU-P-BODE,Đảng ủy phường Bồ Đề,party_committee,commune,\n"
        "QU-LB,Quận ủy Long Biên,party_committee,district,DU-P-BODE\n"
    )
    answer = client_for(cast.lan).post(IMPORT, {"file": tree_file("t.csv", text)})
    assert answer.status_code == 400
    assert "Không nhập được cây đơn vị" in answer.content.decode()
    assert snapshot() == before


def test_units_outside_the_administrators_scope_are_refused(cast):
    before = snapshot()
    # Tuấn administers the district trade union; the district committee is not his.
    text = (
        "units:\n"
        "  - {code: QU-LB, name: Quận ủy bị đổi tên, kind: party_committee, level: district}\n"
        "  - {code: LDLD-LB, name: LĐLĐ quận Long Biên, kind: trade_union, level: district}\n"
        "  - {code: CD-MOI, name: Công đoàn mới, kind: trade_union, level: grassroots,"
        " parent: QU-LB}\n"
    )
    answer = client_for(cast.tuan).post(IMPORT, {"file": tree_file("t.yaml", text)})
    assert answer.status_code == 400
    assert "QU-LB nằm ngoài phạm vi" in answer.content.decode()
    assert snapshot() == before

    orphan = (
        "units:\n  - {code: CB-MO-COI, name: Chi bộ mồ côi, kind: party_cell, level: grassroots}\n"
    )
    answer = client_for(cast.lan).post(IMPORT, {"file": tree_file("t.yaml", orphan)})
    assert answer.status_code == 400
    assert "CB-MO-COI phải thuộc một đơn vị trong phạm vi" in answer.content.decode()
    assert snapshot() == before


def test_the_export_holds_the_visible_subtree_only(cast):
    answer = client_for(cast.tuan).get(export("yaml"))
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="don-vi.yaml"'
    tree = loads_yaml(answer.content.decode("utf-8"))
    assert "LDLD-LB" in tree and "QU-LB" not in tree
    assert tree.get("LDLD-LB").parent is None

    csv = client_for(cast.binh).get(export("csv"))
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    tree = loads_csv(csv.content.decode("utf-8-sig"))
    bode = cast.unit("DU-P-BODE")
    assert {u.code for u in tree} == {u.code for u in bode.subtree()}
    assert {"DU-P-BODE", "UBND-P-BODE"} <= {u.code for u in tree}
    assert "QU-LB" not in tree
    assert client_for(cast.binh).get(export("xml")).status_code == 404


def test_an_export_imports_back_unchanged_and_carries_an_edit(cast):
    client = client_for(cast.lan)
    before = snapshot()
    for fmt in ("yaml", "csv"):
        exported = client.get(export(fmt)).content
        answer = client.post(
            IMPORT, {"file": SimpleUploadedFile(f"u.{fmt}", exported)}, follow=True
        )
        assert "0 đơn vị mới, 0 đơn vị được cập nhật" in answer.content.decode()
        assert snapshot() == before

    text = client.get(export("yaml")).content.decode()
    edited = text.replace("name: Đảng ủy phường Bồ Đề", "name: Đảng ủy phường Bồ Đề (mới)")
    assert edited != text
    answer = client.post(IMPORT, {"file": tree_file("u.yaml", edited)}, follow=True)
    assert "0 đơn vị mới, 1 đơn vị được cập nhật" in answer.content.decode()
    assert cast.unit("DU-P-BODE").name == "Đảng ủy phường Bồ Đề (mới)"
    # The committee at the top of the export stays under the city committee.
    assert cast.unit("QU-LB").parent == cast.unit("TU-HN")
    assert [row for row in snapshot() if row[0] != "DU-P-BODE"] == [
        row for row in before if row[0] != "DU-P-BODE"
    ]
