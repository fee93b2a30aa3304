"""The synthesis page: the department drafts, edits and downloads; leaders and viewers read;
other units find nothing."""

from __future__ import annotations

import io
import shutil

import docx
import lxml.html
import openpyxl
import pytest
from django.urls import reverse
from test_progress import build

from conftest import client_for
from kehoach.tracking.synthesis import edited_fields, get_field
from kehoach.web.models import AuditEntry, Synthesis

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def scene(cast, seed_plan):
    return build(cast, seed_plan)


def page(plan) -> str:
    return reverse("kehoach:plan-synthesis", args=[plan.pk])


def download(plan, fmt: str) -> str:
    return reverse("kehoach:plan-synthesis-download", args=[plan.pk, fmt])


def html(response) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(response.content.decode("utf-8"))


def form_data(response) -> dict[str, str]:
    """What the edit form would send as it stands."""
    form = html(response).get_element_by_id("synthesis-form")
    data = {}
    for field in form.xpath(".//input[@name] | .//textarea[@name]"):
        data[field.get("name")] = field.value or ""
    return data


# --- access -------------------------------------------------------------------------------------


def test_the_department_sees_a_preview_and_the_edit_form(cast, scene):
    response = client_for(cast.lan).get(page(scene.plan))
    assert response.status_code == 200
    doc = html(response)
    assert (
        doc.get_element_by_id("synthesis-title")
        .text_content()
        .startswith("Kết quả thực hiện Kế hoạch số 17-KH/QU")
    )
    assert "chưa lưu" in doc.get_element_by_id("synthesis-status").text_content()
    assert doc.xpath('//form[@id="synthesis-form"]//input[@name="csrfmiddlewaretoken"]')
    assert not Synthesis.objects.filter(plan=scene.plan).exists(), "looking stores nothing"


def test_leaders_and_viewers_read_without_a_form_and_cannot_write(cast, scene):
    for person in (cast.hung, cast.mai):
        client = client_for(person)
        doc = html(client.get(page(scene.plan)))
        assert doc.xpath('//*[@id="synthesis-form"]') == []
        assert doc.xpath('//*[@id="synthesis-redraft"]') == []
        assert (
            "Thực hiện Kế hoạch số 17-KH/QU"
            in doc.get_element_by_id("text-deployment").text_content()
        )
        assert client.post(page(scene.plan), {"action": "redraft"}).status_code == 404
        assert client.post(page(scene.plan), {"number": "9"}).status_code == 404
        assert client.get(download(scene.plan, "docx")).status_code == 200
    assert not Synthesis.objects.filter(plan=scene.plan).exists()


def test_a_ward_reporter_and_another_unit_get_not_found(cast, scene):
    for person in (cast.binh, cast.tuan):
        client = client_for(person)
        assert client.get(page(scene.plan)).status_code == 404
        assert client.post(page(scene.plan), {"action": "redraft"}).status_code == 404
        for fmt in ("docx", "xlsx"):
            assert client.get(download(scene.plan, fmt)).status_code == 404
    assert not Synthesis.objects.filter(plan=scene.plan).exists()


# --- drafting and editing ---------------------------------------------------------------------------


def test_drafting_stores_the_document(cast, scene):
    client = client_for(cast.lan)
    response = client.post(page(scene.plan), {"action": "redraft"})
    assert response.status_code == 302
    row = Synthesis.objects.get(plan=scene.plan)
    assert row.updated_by == cast.lan
    assert len(row.data["table"]["rows"]) == 4
    doc = html(client.get(page(scene.plan)))
    assert "Dự thảo soạn từ các báo cáo" in doc.get_element_by_id("synthesis-status").text_content()


def test_an_edit_made_in_the_form_persists_and_is_audited(cast, scene):
    client = client_for(cast.lan)
    client.post(page(scene.plan), {"action": "redraft"})
    data = form_data(client.get(page(scene.plan)))
    data.update(
        number="25",
        date="05/07/2016",
        section_assessment="Các đơn vị triển khai nghiêm túc, sáng tạo.",
        recipients="- Thành ủy Hà Nội (để báo cáo);\n- Lưu VP.",
    )
    response = client.post(page(scene.plan), data)
    assert response.status_code == 302
    row = Synthesis.objects.get(plan=scene.plan)
    assert row.data["number"] == "25"
    assert row.data["date"] == "2016-07-05"
    assert (
        get_field(row.data, "sections.assessment") == "Các đơn vị triển khai nghiêm túc, sáng tạo."
    )
    assert row.data["recipients"] == [
        {"name": "Thành ủy Hà Nội", "purpose": "để báo cáo"},
        {"name": "Lưu VP", "purpose": None},
    ]
    assert edited_fields(row.data) == ["number", "date", "sections.assessment", "recipients"]
    entry = AuditEntry.objects.filter(model="kehoach.Synthesis", action="update").latest("id")
    assert entry.actor == cast.lan
    assert entry.after["data"]["number"] == "25"
    doc = html(client.get(page(scene.plan)))
    marks = doc.xpath('//*[@id="field-assessment"]//*[@class="edited-mark"]')
    assert [m.text_content() for m in marks] == ["đã sửa"]


def test_a_redraft_keeps_the_edit_and_a_reset_drops_it(cast, scene):
    client = client_for(cast.lan)
    client.post(page(scene.plan), {"action": "redraft"})
    data = form_data(client.get(page(scene.plan)))
    data["section_proposals"] = "Kiến nghị của Ban."
    client.post(page(scene.plan), data)
    client.post(page(scene.plan), {"action": "redraft"})
    row = Synthesis.objects.get(plan=scene.plan)
    assert get_field(row.data, "sections.proposals") == "Kiến nghị của Ban."
    client.post(page(scene.plan), {"action": "reset"})
    row.refresh_from_db()
    assert get_field(row.data, "sections.proposals") != "Kiến nghị của Ban."


def test_a_bad_date_is_refused_in_vietnamese_and_nothing_changes(cast, scene):
    client = client_for(cast.lan)
    client.post(page(scene.plan), {"action": "redraft"})
    before = Synthesis.objects.get(plan=scene.plan).data
    data = form_data(client.get(page(scene.plan)))
    data.update(number="25", date="31/02/2016", section_late="Sửa mục III.")
    response = client.post(page(scene.plan), data)
    assert response.status_code == 400
    doc = html(response)
    assert (
        "Ngày báo cáo không hợp lệ: “31/02/2016”"
        in doc.get_element_by_id("synthesis-error").text_content()
    )
    assert doc.get_element_by_id("f-late").value == "Sửa mục III.", "what was typed stays"
    assert Synthesis.objects.get(plan=scene.plan).data == before


# --- downloads ---------------------------------------------------------------------------------------


def test_the_docx_download_is_the_official_report(cast, scene):
    response = client_for(cast.lan).get(download(scene.plan, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert 'filename="bao-cao-ket-qua-17-KH-QU.docx"' in response["Content-Disposition"]
    d = docx.Document(io.BytesIO(response.content))
    assert "QUẬN ỦY LONG BIÊN" in d.tables[0].cell(0, 0).text
    assert "Dự thảo" in d.tables[0].cell(1, 0).text
    rows = [[c.text for c in r.cells] for r in d.tables[1].rows]
    assert rows[-1] == ["", "Tổng cộng", "2", "4", "2", "150"]


def test_the_excel_download_reads_back(cast, scene):
    response = client_for(cast.hung).get(download(scene.plan, "xlsx"))
    assert response["Content-Type"].endswith("spreadsheetml.sheet")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    totals = list(book["Theo hình thức"].iter_rows(min_row=2, values_only=True))
    assert (
        "Hội nghị, hội thảo, hội nghị báo cáo viên",
        "Lượt người dự",
        150,
        "lượt người",
    ) in totals


def test_an_unknown_format_is_not_found(cast, scene):
    assert client_for(cast.lan).get(download(scene.plan, "odt")).status_code == 404


def test_without_libreoffice_the_pdf_explains_in_vietnamese(cast, scene, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    response = client_for(cast.lan).get(download(scene.plan, "pdf"))
    assert response.status_code == 503
    message = html(response).get_element_by_id("download-error").text_content()
    assert "chưa cài LibreOffice" in message


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_pdf_download_is_made_by_libreoffice(cast, scene):
    response = client_for(cast.lan).get(download(scene.plan, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_a_plan_without_reports_yet_gets_a_draft_saying_so(cast, seed_plan):
    doc = html(client_for(cast.lan).get(page(seed_plan)))
    assert "chưa có kỳ báo cáo nào đến hạn" in doc.get_element_by_id("f-deployment").value
    assert "Chưa có số liệu" in doc.get_element_by_id("synthesis-table").text_content()
    response = client_for(cast.lan).get(download(seed_plan, "docx"))
    assert response.status_code == 200
    assert len(docx.Document(io.BytesIO(response.content)).tables) == 2, "header, closing"
