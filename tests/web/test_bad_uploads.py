"""Bad uploads: each is refused with its own Vietnamese message and leaves nothing behind.

The upload page reads the file in the request (``library.accept_upload``), so a corrupt,
encrypted, scanned, disguised, oversized or empty file is answered at once with status 400
and the reason in ``#upload-error``; no Upload, Plan or SourceFile row is written.
"""

from __future__ import annotations

import unicodedata

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from conftest import client_for
from kehoach.web.library import UploadRejected, create_upload
from kehoach.web.models import Plan, SourceFile, Upload
from support.bad_files import BAD_UPLOADS, BadUpload, small_docx

UPLOAD_URL = reverse("kehoach:plan-upload")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def nothing_stored() -> bool:
    return Upload.objects.count() == Plan.objects.count() == SourceFile.objects.count() == 0


def upload_error(html: bytes) -> str:
    """The text of the page's ``#upload-error`` element ("" when there is none)."""
    found = lxml.html.fromstring(html.decode("utf-8")).xpath('//*[@id="upload-error"]')
    return " ".join(found[0].text_content().split()) if found else ""


def post_file(client, name: str, data: bytes):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("bad", BAD_UPLOADS, ids=[b.id for b in BAD_UPLOADS])
def test_a_bad_upload_shows_its_message_and_stores_nothing(cast, bad: BadUpload):
    response = post_file(client_for(cast.lan), bad.name, bad.build())
    assert response.status_code == 400
    assert bad.message in upload_error(response.content)
    assert nothing_stored()


def test_the_library_refuses_every_bad_upload_before_writing_a_row(cast):
    refused = {}
    for bad in BAD_UPLOADS:
        try:
            create_upload(data=bad.build(), name=bad.name, owner=cast.unit("QU-LB"), user=cast.lan)
        except UploadRejected as exc:
            refused[bad.id] = exc.message
    assert {bad.id: bad.message in refused.get(bad.id, "") for bad in BAD_UPLOADS} == {
        bad.id: True for bad in BAD_UPLOADS
    }, refused
    assert nothing_stored()


@override_settings(MAX_UPLOAD_BYTES=1024 * 1024)
def test_an_oversized_file_is_refused_with_the_limit_in_the_message(cast):
    big = small_docx() + b"\x00" * (1024 * 1024)
    response = post_file(client_for(cast.lan), "ke-hoach-lon.docx", big)
    assert response.status_code == 400
    message = upload_error(response.content)
    assert "Tệp quá lớn" in message
    assert "giới hạn là 1 MB" in message
    assert nothing_stored()


def test_a_viewer_posting_any_bad_file_gets_not_found_and_nothing_is_stored(cast):
    viewer = client_for(cast.mai)
    statuses = {bad.id: post_file(viewer, bad.name, bad.build()).status_code for bad in BAD_UPLOADS}
    assert statuses == {bad.id: 404 for bad in BAD_UPLOADS}
    assert nothing_stored()


def test_a_viewer_posting_a_good_file_gets_not_found_and_nothing_is_stored(cast):
    response = post_file(client_for(cast.mai), "ke-hoach.docx", small_docx())
    assert response.status_code == 404
    assert nothing_stored()


def test_a_docx_named_txt_is_accepted_as_the_docx_its_content_is(cast):
    response = post_file(client_for(cast.lan), "ke-hoach.txt", small_docx())
    assert response.status_code in (302, 303)
    upload = Upload.objects.get()
    assert upload.filename == "ke-hoach.docx"
    assert upload.content_type == DOCX_TYPE
    assert upload.created_by == cast.lan
    assert upload.owner == cast.unit("QU-LB")


def _multipart(field: str, filename: str, data: bytes) -> tuple[bytes, str]:
    """A form body whose file name reaches the server exactly as given (the test client
    would drop the directories itself)."""
    boundary = "----kehoach-bad-upload"
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode() + data
    body += f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_filename_with_directories_is_stored_as_its_last_part_in_nfc(cast):
    decomposed = unicodedata.normalize("NFD", "../../etc/ke hoạch.docx")
    body, content_type = _multipart("file", decomposed, small_docx())
    response = client_for(cast.lan).generic("POST", UPLOAD_URL, body, content_type=content_type)
    assert response.status_code in (302, 303)
    name = Upload.objects.get().filename
    assert name == unicodedata.normalize("NFC", "ke hoạch.docx")
    assert unicodedata.is_normalized("NFC", name)


def test_the_library_itself_strips_directories_and_composes_the_name(cast):
    decomposed = unicodedata.normalize("NFD", "..\\..\\etc/ke hoạch.txt")
    upload = create_upload(
        data=small_docx(), name=decomposed, owner=cast.unit("QU-LB"), user=cast.lan
    )
    assert upload.filename == unicodedata.normalize("NFC", "ke hoạch.docx")
