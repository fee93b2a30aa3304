"""The HTTP API: token authentication, the pages' access rules, the library's operations."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from django.test import Client
from docx import Document

from conftest import SEEDS, client_for, run_worker, upload_file
from kehoach.document import parse_bytes
from kehoach.document.rendering import render_docx
from kehoach.web.models import ApiToken, AuditEntry, Plan, PlanLink, SourceFile, Upload
from support.bad_files import BAD_UPLOADS

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class Api:
    """A test client that speaks to /api/ with one person's bearer token."""

    def __init__(self, user: object | None = None, key: str | None = None) -> None:
        self.client = Client()
        self.key = key if key is not None else (ApiToken.issue(user)[1] if user else None)

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def get(self, path: str, **params: object):
        return self.client.get("/api" + path, params, headers=self._headers())

    def post_file(self, path: str, name: str, data: bytes):
        upload = io.BytesIO(data)
        upload.name = name
        return self.client.post("/api" + path, {"file": upload}, headers=self._headers())

    def patch(self, path: str, body: dict[str, object]):
        return self.client.patch(
            "/api" + path,
            json.dumps(body),
            content_type="application/json",
            headers=self._headers(),
        )

    def delete(self, path: str):
        return self.client.delete("/api" + path, headers=self._headers())


def seed_bytes(number: str) -> tuple[str, bytes]:
    path = sorted(SEEDS.glob(f"{number}_*.txt"))[0]
    return path.name, path.read_bytes()


# --- authentication ---------------------------------------------------------------------


def test_a_request_without_a_token_is_refused_with_a_vietnamese_message(cast):
    response = Api().get("/plans")
    assert response.status_code == 401
    assert "mã truy cập" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_made_up_token_is_refused(cast):
    assert Api(key="kh_khong-phai-ma-that").get("/plans").status_code == 401
    assert (
        Api(key="").client.get("/api/plans", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg==").status_code
        == 401
    )


def test_a_token_of_a_deactivated_account_is_refused(cast):
    api = Api(cast.lan)
    cast.lan.is_active = False
    cast.lan.save()
    assert api.get("/plans").status_code == 401


def test_a_browser_session_is_not_an_api_credential(cast, seed_plan):
    response = client_for(cast.lan).get(f"/api/plans/{seed_plan.pk}")
    assert response.status_code == 401


def test_a_used_token_records_when_it_was_last_used(cast):
    token, key = ApiToken.issue(cast.hung)
    assert token.last_used_at is None
    assert Api(key=key).get("/units").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


# --- units ------------------------------------------------------------------------------


def test_units_are_those_in_the_callers_scope(cast):
    lan_codes = {u["code"] for u in Api(cast.lan).get("/units").json()}
    assert {"QU-LB", "BTG-QU-LB", "DU-P-BODE"} <= lan_codes
    assert "LDLD-LB" not in lan_codes
    binh_codes = {u["code"] for u in Api(cast.binh).get("/units").json()}
    assert "DU-P-BODE" in binh_codes
    assert "QU-LB" not in binh_codes


def test_a_unit_is_described_with_its_parent_and_vietnamese_kind(cast):
    unit = Api(cast.lan).get("/units/DU-P-BODE").json()
    assert unit["code"] == "DU-P-BODE"
    assert unit["parent"] == "QU-LB"
    assert unit["kind"] == "party_committee"
    assert unit["kind_label"] and unit["kind_label"] != "party_committee"


def test_a_unit_outside_the_scope_does_not_exist(cast):
    response = Api(cast.lan).get("/units/LDLD-LB")
    assert response.status_code == 404
    assert response.json() == {"detail": "Không tìm thấy."}
    assert Api(cast.tuan).get("/units/LDLD-LB").status_code == 200


# --- listing and search -----------------------------------------------------------------


def test_an_accent_free_search_finds_the_seed_plan(cast, seed_plan):
    page = Api(cast.lan).get("/plans", q="dai hoi dang").json()
    assert page["count"] == 1
    [item] = page["items"]
    assert item["id"] == seed_plan.pk
    assert item["reference"] == "17-KH/QU"
    assert item["owner"] == "QU-LB"
    assert item["date"].startswith("2015-")
    assert Api(cast.lan).get("/plans", q="quan uỷ long bien").json()["count"] == 1
    assert Api(cast.lan).get("/plans", q="dai hoi khong-co-tu-nay").json()["count"] == 0


def test_the_list_filters_by_year_status_type_and_issuer(cast, seed_plan):
    api = Api(cast.hung)
    assert api.get("/plans", year=2015).json()["count"] == 1
    assert api.get("/plans", year=2016).json()["count"] == 0
    assert api.get("/plans", status="review").json()["count"] == 1
    assert api.get("/plans", status="saved").json()["count"] == 0
    assert api.get("/plans", type=seed_plan.doc_type).json()["count"] == 1
    assert api.get("/plans", type="QUYẾT ĐỊNH").json()["count"] == 0
    assert api.get("/plans", issuer="quan uy long bien").json()["count"] == 1


def test_the_list_is_paginated_with_a_total_count(cast, seed_plan):
    for number in ("000", "003"):
        upload_file(cast.lan, cast.unit("QU-LB"), *seed_bytes(number))
    api = Api(cast.lan)
    first = api.get("/plans", page_size=2).json()
    second = api.get("/plans", page_size=2, page=2).json()
    assert first["count"] == second["count"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    ids = {i["id"] for i in first["items"] + second["items"]}
    assert len(ids) == 3


def test_a_bad_query_parameter_gets_a_vietnamese_422(cast):
    response = Api(cast.lan).get("/plans", year="hai-nghin")
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Dữ liệu gửi lên không hợp lệ")
    assert "year" in response.json()["detail"]
    assert Api(cast.lan).get("/plans", page_size=1000).status_code == 422


def test_people_outside_the_quan_uy_see_none_of_its_plans(cast, seed_plan):
    assert Api(cast.tuan).get("/plans").json() == {
        "count": 0,
        "page": 1,
        "page_size": 20,
        "items": [],
    }
    assert Api(cast.binh).get("/plans", q="dai hoi").json()["count"] == 0


# --- one plan ---------------------------------------------------------------------------


def test_a_plan_comes_with_its_structured_json(cast, seed_plan):
    plan = Api(cast.mai).get(f"/plans/{seed_plan.pk}").json()
    assert plan["id"] == seed_plan.pk
    assert plan["number"] == "17"
    assert plan["plan"]["number"] == "17"
    assert plan["plan"]["sections"], "the structured plan carries its sections"
    assert plan["links"] == {"implements": [], "implemented_by": []}
    assert plan["status"] == "review"


def test_a_plan_of_another_unit_does_not_exist_for_them(cast, seed_plan):
    for person in (cast.tuan, cast.binh):
        api = Api(person)
        for path in (
            f"/plans/{seed_plan.pk}",
            f"/plans/{seed_plan.pk}/findings",
            f"/plans/{seed_plan.pk}/download/docx",
            f"/plans/{seed_plan.pk}/download/json",
            f"/plans/{seed_plan.pk}/source",
        ):
            response = api.get(path)
            assert response.status_code == 404, (person, path)
            assert response.json() == {"detail": "Không tìm thấy."}
    assert Api(cast.lan).get("/plans/999999").status_code == 404


def test_citations_link_plans_both_ways(cast, seed_plan):
    parent_text = (
        "THÀNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\n*\nSố 02-KH/BTGTU\n"
        "Hà Nội, ngày 24 tháng 12 năm 2015\nKẾ HOẠCH\n"
        "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XII của Đảng\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Tuyên truyền sâu rộng.\n"
    ).encode()
    parent = upload_file(cast.lan, cast.unit("QU-LB"), "kh02.txt", parent_text)
    api = Api(cast.lan)
    assert api.get(f"/plans/{seed_plan.pk}").json()["links"]["implements"] == [parent.pk]
    assert api.get(f"/plans/{parent.pk}").json()["links"]["implemented_by"] == [seed_plan.pk]


def test_findings_list_the_checkers_findings_and_the_parsers_warnings(cast, seed_plan):
    body = Api(cast.hung).get(f"/plans/{seed_plan.pk}/findings").json()
    assert [f["rule"] for f in body["findings"]] == [f["rule"] for f in seed_plan.findings]
    assert body["findings"], "seed 001 has findings"
    first = body["findings"][0]
    assert set(first) >= {"rule", "severity", "line", "text", "message", "suggestion"}
    assert body["warnings"] == seed_plan.data.get("warnings", [])


# --- downloads --------------------------------------------------------------------------


def test_the_docx_download_opens_in_a_word_processor(cast, seed_plan):
    response = Api(cast.mai).get(f"/plans/{seed_plan.pk}/download/docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert ".docx" in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "KẾ HOẠCH" in text
    assert "17-KH/QU" in text.replace(" ", "")


def test_the_json_download_is_the_structured_plan(cast, seed_plan):
    response = Api(cast.lan).get(f"/plans/{seed_plan.pk}/download/json")
    assert response.status_code == 200
    assert json.loads(response.content.decode("utf-8")) == seed_plan.data


def test_the_source_download_is_the_file_as_uploaded(cast, seed_plan):
    response = Api(cast.lan).get(f"/plans/{seed_plan.pk}/source")
    assert response.status_code == 200
    assert response.content == bytes(SourceFile.objects.get(plan=seed_plan).content)
    assert response.content == seed_bytes("001")[1]


def test_an_unknown_download_format_is_refused(cast, seed_plan):
    assert Api(cast.lan).get(f"/plans/{seed_plan.pk}/download/exe").status_code == 422


def test_a_pdf_without_libreoffice_is_a_503_with_a_message(cast, seed_plan, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    response = Api(cast.lan).get(f"/plans/{seed_plan.pk}/download/pdf")
    assert response.status_code == 503
    assert "LibreOffice" in response.json()["detail"]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_pdf_download_is_a_pdf(cast, seed_plan):
    response = Api(cast.lan).get(f"/plans/{seed_plan.pk}/download/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# --- uploads ----------------------------------------------------------------------------


def test_an_uploaded_docx_is_read_in_the_background_into_a_plan_awaiting_review(cast):
    name, text = seed_bytes("000")
    docx = render_docx(parse_bytes(text, name=name))
    api = Api(cast.lan)
    response = api.post_file("/plans", "Kế hoạch 193.docx", docx)
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "queued"
    assert body["status_url"] == f"/api/uploads/{body['upload_id']}"
    assert api.get(f"/uploads/{body['upload_id']}").json()["task_status"] == "READY"

    run_worker()

    status = api.get(f"/uploads/{body['upload_id']}").json()
    assert status["status"] == "done", status
    assert status["task_status"] == "SUCCESSFUL"
    assert status["error"] == ""
    plan = Plan.objects.get(pk=status["plan_id"])
    assert plan.owner.code == "QU-LB"
    assert plan.status == "review"
    assert plan.number == "193"
    assert plan.source_format == "docx"
    assert api.get(f"/plans/{plan.pk}").json()["plan"]["number"] == "193"


def test_an_upload_is_visible_only_to_whoever_made_it(cast):
    response = Api(cast.lan).post_file("/plans", *seed_bytes("002"))
    assert response.status_code == 202
    url = response.json()["status_url"].removeprefix("/api")
    assert Api(cast.hung).get(url).status_code == 404
    assert Api(cast.lan).get(url).status_code == 200
    assert Api(cast.lan).get("/uploads/not-a-uuid").status_code in (404, 422)


BAD = [pytest.param(bad, id=bad.id) for bad in BAD_UPLOADS]


@pytest.mark.parametrize("bad", BAD)
def test_a_bad_upload_is_refused_with_its_message_and_leaves_nothing_behind(cast, bad):
    response = Api(cast.lan).post_file("/plans", bad.name, bad.build())
    assert response.status_code in (400, 422)
    assert bad.message in response.json()["detail"]
    assert Upload.objects.count() == 0
    assert Plan.objects.count() == 0


def test_an_oversized_upload_is_refused_with_its_size(cast, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    data = seed_bytes("002")[1] * (1024 * 1024 // len(seed_bytes("002")[1]) + 2)
    response = Api(cast.lan).post_file("/plans", "lon.txt", data)
    assert response.status_code == 400
    assert "quá lớn" in response.json()["detail"]
    assert Upload.objects.count() == 0


def test_only_administrators_upload(cast):
    for person in (cast.mai, cast.hung, cast.binh):
        response = Api(person).post_file("/plans", *seed_bytes("002"))
        assert response.status_code == 403
        assert "quản trị" in response.json()["detail"]
    assert Upload.objects.count() == 0


def test_a_plan_uploaded_by_another_units_administrator_goes_to_their_library(cast, seed_plan):
    response = Api(cast.tuan).post_file("/plans", *seed_bytes("002"))
    assert response.status_code == 202
    run_worker()
    plan_id = (
        Api(cast.tuan).get(response.json()["status_url"].removeprefix("/api")).json()["plan_id"]
    )
    assert Plan.objects.get(pk=plan_id).owner.code == "LDLD-LB"
    assert Api(cast.lan).get(f"/plans/{plan_id}").status_code == 404
    assert [i["id"] for i in Api(cast.tuan).get("/plans").json()["items"]] == [plan_id]


# --- corrections and deletion -----------------------------------------------------------


def test_an_administrator_corrects_the_title_and_saves_and_the_audit_names_them(cast, seed_plan):
    response = Api(cast.lan).patch(
        f"/plans/{seed_plan.pk}",
        {"title": "Tuyên truyền Đại hội Đảng (đã sửa)", "status": "saved"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Tuyên truyền Đại hội Đảng (đã sửa)"
    assert response.json()["plan"]["title"] == "Tuyên truyền Đại hội Đảng (đã sửa)"
    seed_plan.refresh_from_db()
    assert seed_plan.title == "Tuyên truyền Đại hội Đảng (đã sửa)"
    assert seed_plan.data["title"] == seed_plan.title
    assert seed_plan.status == "saved"
    assert seed_plan.number == "17", "fields not sent are left alone"
    entry = AuditEntry.objects.filter(model="kehoach.Plan", action="update").get()
    assert entry.actor == cast.lan
    assert entry.after["title"] == "Tuyên truyền Đại hội Đảng (đã sửa)"
    assert entry.after["status"] == "saved"
    # The corrected title is what search finds now.
    assert Api(cast.lan).get("/plans", q="da sua").json()["count"] == 1


def test_a_corrected_date_moves_the_plan_to_its_year(cast, seed_plan):
    response = Api(cast.lan).patch(f"/plans/{seed_plan.pk}", {"date": "2016-01-05"})
    assert response.status_code == 200
    seed_plan.refresh_from_db()
    assert seed_plan.date.isoformat() == "2016-01-05"
    assert seed_plan.year == 2016
    assert seed_plan.data["date"] == "2016-01-05"


def test_an_impossible_date_is_refused_and_nothing_changes(cast, seed_plan):
    before = Plan.objects.get(pk=seed_plan.pk)
    response = Api(cast.lan).patch(
        f"/plans/{seed_plan.pk}", {"title": "Không được lưu", "date": "2015-02-30"}
    )
    assert response.status_code == 422
    assert "Ngày ban hành không hợp lệ" in response.json()["detail"]
    after = Plan.objects.get(pk=seed_plan.pk)
    assert (after.title, after.date, after.data) == (before.title, before.date, before.data)
    assert not AuditEntry.objects.filter(model="kehoach.Plan", action="update").exists()


def test_an_unknown_status_is_refused(cast, seed_plan):
    response = Api(cast.lan).patch(f"/plans/{seed_plan.pk}", {"status": "published"})
    assert response.status_code == 422
    seed_plan.refresh_from_db()
    assert seed_plan.status == "review"


def test_corrections_keep_the_parsers_warnings(cast, seed_plan):
    warnings = seed_plan.data.get("warnings")
    Api(cast.lan).patch(f"/plans/{seed_plan.pk}", {"place": "Long Biên"})
    seed_plan.refresh_from_db()
    assert seed_plan.data.get("warnings") == warnings


def test_readers_cannot_change_or_delete_a_plan(cast, seed_plan):
    for person in (cast.mai, cast.hung, cast.binh, cast.tuan):
        api = Api(person)
        patched = api.patch(f"/plans/{seed_plan.pk}", {"title": "Sửa trái phép"})
        assert patched.status_code == 404, person
        assert api.delete(f"/plans/{seed_plan.pk}").status_code == 404, person
    seed_plan.refresh_from_db()
    assert seed_plan.title != "Sửa trái phép"
    assert not AuditEntry.objects.filter(model="kehoach.Plan", action__in=["update", "delete"])


def test_an_administrator_deletes_a_plan_with_its_source_and_links(cast, seed_plan):
    parent = upload_file(
        cast.lan,
        cast.unit("QU-LB"),
        "kh02.txt",
        "THÀNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\n*\nSố 02-KH/BTGTU\nHà Nội, ngày 24 tháng 12 năm 2015\n"
        "KẾ HOẠCH\nTuyên truyền Đại hội\nI. MỤC ĐÍCH, YÊU CẦU\n1. Tuyên truyền.\n".encode(),
    )
    assert PlanLink.objects.count() == 1
    response = Api(cast.lan).delete(f"/plans/{parent.pk}")
    assert response.status_code == 204
    assert not Plan.objects.filter(pk=parent.pk).exists()
    assert not SourceFile.objects.filter(plan_id=parent.pk).exists()
    assert PlanLink.objects.count() == 0
    entry = AuditEntry.objects.get(model="kehoach.Plan", action="delete")
    assert (entry.actor, entry.object_id) == (cast.lan, str(parent.pk))
    assert Api(cast.lan).get(f"/plans/{parent.pk}").status_code == 404


# --- the OpenAPI document ---------------------------------------------------------------


def test_the_openapi_document_lists_every_endpoint(db):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    paths = document["paths"]
    expected = {
        "/api/units": {"get"},
        "/api/units/{code}": {"get"},
        "/api/plans": {"get", "post"},
        "/api/plans/{plan_id}": {"get", "patch", "delete"},
        "/api/plans/{plan_id}/findings": {"get"},
        "/api/plans/{plan_id}/download/{fmt}": {"get"},
        "/api/plans/{plan_id}/source": {"get"},
        "/api/uploads/{upload_id}": {"get"},
    }
    for path, methods in expected.items():
        assert path in paths, path
        assert set(paths[path]) >= methods, path
    schemes = document["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_there_is_no_docs_page_that_would_load_from_a_cdn(db):
    assert Client().get("/api/docs").status_code == 404
