"""Uploading a plan: the drop zone, the refusal of bad files, then the status page that
follows the background read and opens the review when it is done."""

from __future__ import annotations

import unicodedata

import lxml.html
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import SEEDS, client_for, run_worker
from kehoach.web.models import Plan, Upload
from support.bad_files import exe_renamed_docx

UPLOAD_URL = reverse("kehoach:plan-upload")


def seed_bytes() -> bytes:
    return sorted(SEEDS.glob("001_*.txt"))[0].read_bytes()


def post(client, name: str, data: bytes):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data)})


def status_url(upload: Upload) -> str:
    return reverse("kehoach:upload-status", args=[upload.pk])


def html(response):
    return lxml.html.fromstring(response.content.decode("utf-8"))


def test_the_upload_page_has_a_drop_zone_and_a_file_picker(cast):
    response = client_for(cast.lan).get(UPLOAD_URL)
    assert response.status_code == 200
    doc = html(response)
    picker = doc.get_element_by_id("upload-file")
    assert (picker.get("type"), picker.get("name")) == ("file", "file")
    assert picker.get("accept") == ".docx,.doc,.pdf,.txt,.md,.html"
    assert doc.get_element_by_id("dropzone") is not None
    assert doc.xpath('//form[@id="upload-form"]')[0].get("enctype") == "multipart/form-data"
    assert "dataTransfer" in response.content.decode("utf-8")


def test_an_upload_is_queued_then_read_then_opens_the_review(cast):
    client = client_for(cast.lan)
    response = post(client, "ke-hoach-17.txt", seed_bytes())
    upload = Upload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == status_url(upload)
    assert upload.owner == cast.unit("QU-LB")
    assert upload.task_id

    waiting = client.get(status_url(upload))
    assert waiting.status_code == 200
    doc = html(waiting)
    block = doc.get_element_by_id("upload-status")
    assert block.get("hx-get") == status_url(upload)
    assert block.get("hx-trigger") == "every 1s"
    assert "ke-hoach-17.txt" in block.text_content()
    assert doc.get_element_by_id("upload-state").text_content() == "Đang chờ"
    assert doc.get_element_by_id("task-status").get("data-status") == "READY"

    run_worker()
    plan = Plan.objects.get()
    review = reverse("kehoach:plan-review", args=[plan.pk])
    done = client.get(status_url(upload))
    assert done.status_code == 302
    assert done["Location"] == review
    polled = client.get(status_url(upload), HTTP_HX_REQUEST="true")
    assert polled.status_code == 200
    assert polled["HX-Redirect"] == review


def test_a_poll_while_waiting_returns_only_the_status_block(cast):
    client = client_for(cast.lan)
    post(client, "ke-hoach-17.txt", seed_bytes())
    upload = Upload.objects.get()
    polled = client.get(status_url(upload), HTTP_HX_REQUEST="true")
    body = polled.content.decode("utf-8")
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="upload-status"')
    assert 'hx-trigger="every 1s"' in body


def test_a_failed_read_shows_its_message_stops_polling_and_offers_another_upload(cast):
    client = client_for(cast.lan)
    post(client, "ke-hoach.txt", b"Chi mot dong chu\n")
    upload = Upload.objects.get()
    Upload.objects.filter(pk=upload.pk).update(content=b"\x00PK not a plan")
    run_worker()
    response = client.get(status_url(upload))
    assert response.status_code == 200
    doc = html(response)
    assert "Không đọc được" in doc.get_element_by_id("upload-error").text_content()
    block = doc.get_element_by_id("upload-status")
    assert block.get("hx-trigger") is None
    assert [a.get("href") for a in block.xpath(".//a")] == [UPLOAD_URL]
    assert doc.get_element_by_id("task-status").get("data-status") == "SUCCESSFUL"
    assert not Plan.objects.exists()


def test_the_file_name_is_kept_in_nfc_without_its_path(cast):
    decomposed = unicodedata.normalize("NFD", "Kế hoạch tuyên truyền.txt")
    post(client_for(cast.lan), "../../" + decomposed, seed_bytes())
    assert Upload.objects.get().filename == "Kế hoạch tuyên truyền.txt"


def test_a_renamed_program_is_refused_and_nothing_is_stored(cast):
    response = post(client_for(cast.lan), "ke-hoach.docx", exe_renamed_docx())
    assert response.status_code == 400
    assert "Không nhận loại tệp này" in html(response).get_element_by_id("upload-error").text
    assert not Upload.objects.exists()


def test_posting_without_a_file_says_so(cast):
    response = client_for(cast.lan).post(UPLOAD_URL, {})
    assert response.status_code == 400
    assert html(response).get_element_by_id("upload-error").text == "Chưa chọn tệp."


def test_readers_cannot_upload(cast):
    for person in (cast.hung, cast.mai, cast.binh):
        assert post(client_for(person), "ke-hoach.txt", seed_bytes()).status_code == 404
    assert not Upload.objects.exists()
    doc = html(client_for(cast.mai).get(UPLOAD_URL))
    assert not doc.xpath('//input[@id="upload-file"]')


def test_an_upload_goes_into_the_uploaders_own_library_and_is_theirs_alone(cast):
    post(client_for(cast.tuan), "ke-hoach.txt", seed_bytes())
    upload = Upload.objects.get()
    assert upload.owner == cast.unit("LDLD-LB")
    assert client_for(cast.lan).get(status_url(upload)).status_code == 404
    assert client_for(cast.tuan).get(status_url(upload)).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    for response in (client.get(UPLOAD_URL), post(client, "a.txt", b"abc")):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("kehoach:login"))
    assert not Upload.objects.exists()
