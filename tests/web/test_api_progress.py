"""The API of progress and synthesis: the pages' rules, JSON the programs can read."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from test_progress import build

from kehoach.web.models import AuditEntry, Synthesis
from support.api import Api

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def scene(cast, seed_plan):
    return build(cast, seed_plan)


def test_progress_gives_the_matrix_and_the_totals(cast, scene):
    response = Api(cast.hung).get(f"/plans/{scene.plan.pk}/progress")
    assert response.status_code == 200
    data = response.json()
    assert [c["label"] for c in data["columns"]] == ["6 tháng đầu năm 2016", "Năm 2016"]
    rows = {r["unit"]: r for r in data["rows"]}
    assert list(rows) == ["DU-P-BODE", "DU-P-CUKHOI", "DU-P-DUCGIANG", "DU-P-GIATHUY"]
    late = rows["DU-P-CUKHOI"]["cells"][0]
    assert (late["kind"], late["label"], late["submitted_on"]) == (
        "late",
        "Nộp chậm 3 ngày · đã chấp nhận",
        "2016-06-18",
    )
    assert rows["DU-P-BODE"]["cells"][0]["report_id"] == scene.bode_h1.pk
    assert data["columns"][0]["summary"]["late"] == 1
    assert {(t["channel"], t["measure"]): t["total"] for t in data["totals"]} == {
        ("press", "articles"): 4,
        ("conference", "held"): 2,
        ("conference", "attendees"): 150,
    }
    assert "Hội nghị" in response.content.decode("utf-8"), "readable UTF-8, not \\u escapes"


def test_progress_filters_and_pages_by_unit(cast, scene):
    data = Api(cast.lan).get(f"/plans/{scene.plan.pk}/progress", only="late").json()
    assert [r["unit"] for r in data["rows"]] == ["DU-P-CUKHOI"]
    page = Api(cast.lan).get(f"/plans/{scene.plan.pk}/progress", offset=2, limit=1).json()
    assert ([r["unit"] for r in page["rows"]], page["units"]) == (["DU-P-DUCGIANG"], 4)
    assert Api(cast.lan).get(f"/plans/{scene.plan.pk}/progress", limit=0).status_code == 422


def test_a_ward_reporter_and_another_unit_get_not_found(cast, scene):
    for person in (cast.binh, cast.tuan):
        api = Api(person)
        for path in ("progress", "synthesis", "synthesis.docx"):
            response = api.get(f"/plans/{scene.plan.pk}/{path}")
            assert response.status_code == 404, (person, path)
            assert response.json() == {"detail": "Không tìm thấy."}
        assert api.put(f"/plans/{scene.plan.pk}/synthesis", {"number": "1"}).status_code == 404
        assert api.post(f"/plans/{scene.plan.pk}/synthesis/draft").status_code == 404
    assert not Synthesis.objects.exists()


def test_the_synthesis_is_a_preview_until_drafted(cast, scene):
    api = Api(cast.lan)
    preview = api.get(f"/plans/{scene.plan.pk}/synthesis").json()
    assert preview["stored"] is False
    assert preview["document"]["symbol"] == "BC/QU"
    assert not Synthesis.objects.exists()
    drafted = api.post(f"/plans/{scene.plan.pk}/synthesis/draft", {"keep_edits": True})
    assert drafted.status_code == 200
    assert drafted.json()["stored"] is True
    assert Synthesis.objects.filter(plan=scene.plan).exists()


def test_edits_persist_are_audited_and_survive_a_redraft(cast, scene):
    api = Api(cast.lan)
    response = api.put(
        f"/plans/{scene.plan.pk}/synthesis",
        {
            "number": "25",
            "sections": {"assessment": "Nhận xét của Ban."},
            "signer": {"authority": "T/M BAN THƯỜNG VỤ", "title": "BÍ THƯ", "name": "Trần B"},
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["edited"] == ["number", "sections.assessment", "signer"]
    again = api.post(f"/plans/{scene.plan.pk}/synthesis/draft").json()
    assert again["document"]["number"] == "25"
    assert again["edited"] == ["number", "sections.assessment", "signer"]
    fresh = api.post(f"/plans/{scene.plan.pk}/synthesis/draft", {"keep_edits": False}).json()
    assert fresh["edited"] == [] and fresh["document"]["number"] == ""
    entries = AuditEntry.objects.filter(model="kehoach.Synthesis")
    # Created by the edit; the redraft changed nothing (same reports, same day): no entry;
    # the reset changed the edited fields back.
    assert list(entries.order_by("id").values_list("action", "actor")) == [
        ("create", cast.lan.pk),
        ("update", cast.lan.pk),
    ]


def test_a_bad_edit_is_a_422_in_vietnamese_and_nothing_is_written(cast, scene):
    api = Api(cast.lan)
    api.post(f"/plans/{scene.plan.pk}/synthesis/draft")
    before = Synthesis.objects.get(plan=scene.plan).data
    response = api.put(
        f"/plans/{scene.plan.pk}/synthesis", {"number": "26", "sections": {"epilogue": "x"}}
    )
    assert response.status_code == 422
    assert response.json()["detail"] == "Không có mục “epilogue” trong báo cáo."
    assert Synthesis.objects.get(plan=scene.plan).data == before


def test_leaders_read_but_cannot_write(cast, scene):
    api = Api(cast.hung)
    assert api.get(f"/plans/{scene.plan.pk}/synthesis").status_code == 200
    assert api.put(f"/plans/{scene.plan.pk}/synthesis", {"number": "1"}).status_code == 404
    assert api.post(f"/plans/{scene.plan.pk}/synthesis/draft").status_code == 404
    assert not Synthesis.objects.exists()


def test_the_docx_comes_from_the_api(cast, scene):
    response = Api(cast.mai).get(f"/plans/{scene.plan.pk}/synthesis.docx")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    rows = [
        [c.text for c in r.cells]
        for r in docx.Document(io.BytesIO(response.content)).tables[1].rows
    ]
    assert rows[2][:2] == ["1", "Đảng ủy phường Bồ Đề"]


def test_the_pdf_without_libreoffice_is_a_503(cast, scene, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    response = Api(cast.lan).get(f"/plans/{scene.plan.pk}/synthesis.pdf")
    assert response.status_code == 503
    assert "LibreOffice" in response.json()["detail"]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_pdf_comes_from_the_api(cast, scene):
    response = Api(cast.lan).get(f"/plans/{scene.plan.pk}/synthesis.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_the_endpoints_are_in_the_openapi_document(cast):
    paths = Api(cast.lan).get("/openapi.json").json()["paths"]
    assert "get" in paths["/api/plans/{plan_id}/progress"]
    assert {"get", "put"} <= set(paths["/api/plans/{plan_id}/synthesis"])
    assert "post" in paths["/api/plans/{plan_id}/synthesis/draft"]
    assert "get" in paths["/api/plans/{plan_id}/synthesis.{fmt}"]
