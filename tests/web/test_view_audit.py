"""The audit log page: administrators see their scope's changes, nobody else sees it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import client_for
from kehoach.web.audit import acting_as
from kehoach.web.models import AuditEntry

AUDIT = reverse("kehoach:audit-list")


def test_an_administrator_sees_who_changed_what_with_before_and_after(cast, seed_plan):
    with acting_as(cast.lan):
        seed_plan.title = "Tuyên truyền Đại hội (bản đã sửa)"
        seed_plan.save()
    html = client_for(cast.lan).get(AUDIT).content.decode()
    assert "lan" in html
    assert "Sửa" in html
    assert "trích yếu" in html  # the field's label, not its column name
    assert "Tuyên truyền Đại hội (bản đã sửa)" in html
    assert 'class="before"' in html and 'class="after"' in html
    assert "ngày " in html


def test_the_log_shows_only_changes_inside_the_administrators_scope(cast, seed_plan):
    with acting_as(cast.tuan):
        ldld = cast.unit("LDLD-LB")
        ldld.short_name = "LĐLĐ LB (sửa)"
        ldld.save()
    lan = client_for(cast.lan).get(AUDIT)
    assert "LĐLĐ LB (sửa)" not in lan.content.decode()
    assert all(e.unit.path.startswith(cast.unit("QU-LB").path) for e in lan.context["page"])

    tuan = client_for(cast.tuan).get(AUDIT)
    shown = list(tuan.context["page"])
    assert shown and all(e.unit.path.startswith(ldld.path) for e in shown)
    assert "LĐLĐ LB (sửa)" in tuan.content.decode()
    assert "17-KH/QU" not in tuan.content.decode()


def test_the_log_filters_by_kind_of_object_and_by_actor(cast, seed_plan):
    with acting_as(cast.lan):
        bode = cast.unit("DU-P-BODE")
        bode.place = "Bồ Đề, Long Biên"
        bode.save()
    client = client_for(cast.lan)
    units = client.get(AUDIT, {"model": "kehoach.Unit"}).context["page"]
    assert {e.model for e in units} == {"kehoach.Unit"}
    plans = client.get(AUDIT, {"model": "kehoach.Plan"}).context["page"]
    assert {e.model for e in plans} == {"kehoach.Plan"}
    mine = list(client.get(AUDIT, {"actor": "lan", "model": "kehoach.Unit"}).context["page"])
    assert [(e.object_repr, e.after) for e in mine] == [
        ("Đảng ủy phường Bồ Đề", {"place": "Bồ Đề, Long Biên"})
    ]


def test_the_log_pages_by_fifty(cast):
    with acting_as(cast.lan):
        bode = cast.unit("DU-P-BODE")
        for n in range(60):
            bode.area = f"phường Bồ Đề {n}"
            bode.save()
    client = client_for(cast.lan)
    first = client.get(AUDIT, {"actor": "lan"})
    assert len(first.context["page"].object_list) == 50
    assert "page=2" in first.content.decode()
    second = client.get(AUDIT, {"actor": "lan", "page": 2})
    assert len(second.context["page"].object_list) == 10
    assert AuditEntry.objects.filter(actor=cast.lan).count() == 60


def test_people_who_are_not_administrators_find_no_log(cast, seed_plan):
    for person in (cast.hung, cast.mai, cast.binh):
        assert client_for(person).get(AUDIT).status_code == 404
    assert client_for(cast.lan).post(AUDIT).status_code == 405


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    answer = Client().get(AUDIT)
    assert answer.status_code == 302
    assert answer["Location"].startswith(reverse("kehoach:login"))
