"""The back office: an operator (superuser) reads everything; the audit log cannot be changed;
plans are not edited as raw JSON; token keys are never shown."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from conftest import client_for
from kehoach.web.models import ApiToken, AuditEntry, Membership, Unit
from support.people import PASSWORD


@pytest.fixture
def operator(cast):
    return get_user_model().objects.create_superuser("vanhanh", password=PASSWORD)


@pytest.mark.parametrize(
    "page",
    [
        "/admin/",
        "/admin/kehoach/unit/",
        "/admin/kehoach/plan/",
        "/admin/kehoach/auditentry/",
        "/admin/kehoach/membership/",
        "/admin/kehoach/apitoken/",
        "/admin/auth/user/",
    ],
)
def test_the_operator_opens_every_back_office_list(operator, seed_plan, page):
    response = client_for(operator).get(page)
    assert response.status_code == 200
    assert "kehoach — quản trị" in response.content.decode()


def test_people_without_staff_rights_are_sent_to_the_admin_login(cast):
    for user in (cast.lan, cast.hung, cast.tuan):
        response = client_for(user).get("/admin/kehoach/plan/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert Client().get("/admin/kehoach/auditentry/").status_code == 302


def test_the_unit_list_is_the_tree_in_order_and_searches_without_accents(operator):
    client = client_for(operator)
    page = client.get("/admin/kehoach/unit/").content.decode()
    assert page.index("Quận ủy Long Biên") < page.index("Đảng ủy phường Bồ Đề")
    found = client.get("/admin/kehoach/unit/", {"q": "dang uy phuong bo de"}).content.decode()
    assert "DU-P-BODE" in found
    assert "DU-P-VIETHUNG" not in found
    by_alias = client.get("/admin/kehoach/unit/", {"q": "btg qu"}).content.decode()
    assert "BTG-QU-LB" in by_alias
    wards = client.get("/admin/kehoach/unit/", {"kind": "party_committee", "level": "commune"})
    assert wards.content.decode().count('class="field-code">DU-P-') == 14


def test_a_unit_added_in_the_admin_takes_its_kind_from_the_vocabulary_and_is_audited(operator):
    client = client_for(operator)
    form = {
        "code": "CB-TDP3-BODE",
        "name": "Chi bộ tổ dân phố số 3 phường Bồ Đề",
        "short_name": "",
        "kind": "party_cell",
        "level": "grassroots",
        "parent": Unit.objects.get(code="DU-P-BODE").pk,
        "symbol": "",
        "place": "Bồ Đề",
        "area": "",
        "aliases": "Chi bộ TDP 3\nChi bộ số 3",
        "signer_authority": "",
        "signer_title": "",
        "signer_name": "",
        "header_lines": "",
    }
    refused = client.post("/admin/kehoach/unit/add/", {**form, "kind": "spaceship"})
    assert refused.status_code == 200
    assert not Unit.objects.filter(code="CB-TDP3-BODE").exists()

    response = client.post("/admin/kehoach/unit/add/", form)
    assert response.status_code == 302, response.content.decode()[:2000]
    unit = Unit.objects.get(code="CB-TDP3-BODE")
    assert unit.aliases == ["Chi bộ TDP 3", "Chi bộ số 3"]
    assert Unit.objects.get(code="DU-P-BODE").contains(unit)
    entry = AuditEntry.objects.filter(model="kehoach.Unit", object_id=str(unit.pk)).get()
    assert entry.actor == operator
    assert entry.action == "create"


def test_the_audit_log_can_be_read_but_not_added_to_changed_or_deleted(operator, seed_plan):
    client = client_for(operator)
    entry = AuditEntry.objects.filter(model="kehoach.Plan").first()
    assert entry is not None
    url = f"/admin/kehoach/auditentry/{entry.pk}/change/"
    view = client.get(url)
    assert view.status_code == 200
    assert 'name="_save"' not in view.content.decode()
    assert client.post(url, {"actor_name": "ai đó", "action": "delete"}).status_code == 403
    assert client.get("/admin/kehoach/auditentry/add/").status_code == 403
    assert (
        client.post(f"/admin/kehoach/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    bulk = client.post(
        "/admin/kehoach/auditentry/",
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    entry.refresh_from_db()
    assert entry.actor_name != "ai đó"
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_plan_shows_its_structure_read_only_and_only_status_and_library_can_change(
    operator, seed_plan
):
    client = client_for(operator)
    page = client.get(f"/admin/kehoach/plan/{seed_plan.pk}/change/").content.decode()
    assert 'name="data"' not in page
    assert 'name="findings"' not in page
    assert 'name="source_text"' not in page
    assert 'name="title"' not in page
    assert 'name="status"' in page
    assert "ngày 29/12/2015" in client.get("/admin/kehoach/plan/").content.decode()
    assert client.get("/admin/kehoach/plan/add/").status_code == 403

    data_before = seed_plan.data
    response = client.post(
        f"/admin/kehoach/plan/{seed_plan.pk}/change/",
        {
            "owner": seed_plan.owner_id,
            "status": "saved",
            "data": "{}",
            "title": "đổi tên",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    seed_plan.refresh_from_db()
    assert seed_plan.status == "saved"
    assert seed_plan.data == data_before
    assert seed_plan.title != "đổi tên"


def test_plans_are_searched_in_the_admin_without_accents(operator, seed_plan):
    client = client_for(operator)
    found = client.get("/admin/kehoach/plan/", {"q": "dai hoi"}).content.decode()
    assert "17-KH/QU" in found
    missing = client.get("/admin/kehoach/plan/", {"q": "khong-co-tu-nay"}).content.decode()
    assert "17-KH/QU" not in missing


def test_an_api_token_is_shown_by_its_prefix_never_its_key(operator, cast):
    token, key = ApiToken.issue(cast.lan, name="máy chủ báo cáo")
    client = client_for(operator)
    listing = client.get("/admin/kehoach/apitoken/").content.decode()
    detail = client.get(f"/admin/kehoach/apitoken/{token.pk}/change/").content.decode()
    for page in (listing, detail):
        assert token.prefix in page
        assert key not in page
        assert token.key_hash not in page
    assert client.get("/admin/kehoach/apitoken/add/").status_code == 403


def test_a_persons_unit_and_role_are_edited_on_their_user_page(operator, cast):
    client = client_for(operator)
    page = client.get(f"/admin/auth/user/{cast.binh.pk}/change/").content.decode()
    assert "đơn vị và vai trò" in page.lower()
    assert "Đảng ủy phường Bồ Đề" in page
    listing = client.get("/admin/auth/user/").content.decode()
    assert "Báo cáo viên đơn vị — Đảng ủy phường Bồ Đề" in listing
    assert Membership.objects.get(user=cast.binh).role == "reporter"
