"""Downloads: the plan as DOCX, PDF and JSON, and its original file; the same access rules."""

from __future__ import annotations

import io
import json
import shutil

import docx
import lxml.html
import pytest
from django.urls import reverse

from conftest import SEEDS, client_for, upload_file
from kehoach.document import Plan as CorePlan

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def url(plan, fmt: str) -> str:
    return reverse("kehoach:plan-download", args=[plan.pk, fmt])


def test_the_docx_opens_in_word_and_holds_the_title(cast, seed_plan):
    response = client_for(cast.mai).get(url(seed_plan, "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="ke-hoach-17-KH-QU.docx"')
    assert "filename*=UTF-8''ke-hoach-17-KH-QU.docx" in disposition
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "phục vụ Đại hội đại biểu toàn quốc lần thứ XII của Đảng" in " ".join(text.split())


def test_the_json_round_trips_through_the_core_plan(cast, seed_plan):
    response = client_for(cast.lan).get(url(seed_plan, "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Đại hội".encode() in response.content, "written as UTF-8, not \\u escapes"
    data = json.loads(response.content)
    assert data == seed_plan.data
    plan = CorePlan.from_dict(data)
    assert (plan.number, plan.symbol, plan.date) == ("17", "KH/QU", "2015-12-29")
    assert [p.to_dict() for p in plan.phases] == data["phases"]


def test_a_vietnamese_symbol_gets_an_ascii_name_and_an_rfc5987_name(cast):
    seed = sorted(SEEDS.glob("002_*.txt"))[0]
    plan = upload_file(cast.tuan, cast.unit("LDLD-LB"), seed.name, seed.read_bytes())
    disposition = client_for(cast.tuan).get(url(plan, "json"))["Content-Disposition"]
    assert 'filename="ke-hoach-43-KH-LDLD.json"' in disposition
    assert "filename*=UTF-8''ke-hoach-43-KH-L%C4%90L%C4%90.json" in disposition


def test_the_original_file_comes_back_byte_for_byte(cast, seed_plan):
    seed = sorted(SEEDS.glob("001_*.txt"))[0]
    response = client_for(cast.hung).get(reverse("kehoach:plan-source", args=[seed_plan.pk]))
    assert response.status_code == 200
    assert response.content == seed.read_bytes()
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment;")
    assert seed.name in response["Content-Disposition"]


def test_an_unknown_format_is_not_found(cast, seed_plan):
    assert client_for(cast.lan).get(url(seed_plan, "exe")).status_code == 404


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_pdf_is_made_by_libreoffice(cast, seed_plan):
    response = client_for(cast.lan).get(url(seed_plan, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="ke-hoach-17-KH-QU.pdf"' in response["Content-Disposition"]


def test_without_libreoffice_the_pdf_link_explains_in_vietnamese(
    cast, seed_plan, monkeypatch, tmp_path
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice anywhere on PATH
    response = client_for(cast.lan).get(url(seed_plan, "pdf"))
    assert response.status_code == 503
    doc = lxml.html.fromstring(response.content.decode("utf-8"))
    message = doc.get_element_by_id("download-error").text_content()
    assert "chưa cài LibreOffice" in message
    assert "Traceback" not in response.content.decode("utf-8")


def test_another_units_people_get_not_found(cast, seed_plan):
    source = reverse("kehoach:plan-source", args=[seed_plan.pk])
    for person in (cast.tuan, cast.binh):
        client = client_for(person)
        for fmt in ("docx", "json"):
            assert client.get(url(seed_plan, fmt)).status_code == 404
        assert client.get(source).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(cast, seed_plan, client):
    for target in (url(seed_plan, "json"), reverse("kehoach:plan-source", args=[seed_plan.pk])):
        response = client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("kehoach:login"))


def test_downloads_are_reads_and_refuse_posts(cast, seed_plan):
    assert client_for(cast.lan).post(url(seed_plan, "json")).status_code == 405
