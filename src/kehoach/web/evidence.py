"""Evidence attached to a report: links, photos and files, checked by what they contain.

A file is kept only when its bytes are a JPEG, PNG or WebP photo, a PDF, a Word (DOCX) or an
Excel (XLSX) document, whatever its name says; the name is cleaned (NFC, no path or control
characters) and given the extension the content really has. Downloads always come as an
attachment with ``nosniff``, so nothing a unit uploads runs in another person's browser.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext as _

from kehoach.document.reading.sniff import sniff
from kehoach.document.text import nfc

from . import downloads
from .audit import acting_as
from .models import Evidence, EvidenceKind, Report
from .reporting import check_writer, ensure_editable, lock_report

# Photos of a banner or a hall are a few megabytes; a report's annex a few more. Ten
# megabytes each (or the site's upload cap, if smaller) keeps a ward's report light.
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REPORT = 30
MAX_URL = 1000

KINDS = {
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "webp": ("image/webp", ".webp"),
    "pdf": ("application/pdf", ".pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


def max_bytes() -> int:
    return min(EVIDENCE_MAX_BYTES, settings.MAX_UPLOAD_BYTES)


def _invalid(message: str) -> ValidationError:
    return ValidationError(message, code="invalid")


def _refused(message: str) -> ValidationError:
    return ValidationError(message, code="state")


def kind_of(data: bytes) -> str | None:
    """What the bytes are, from their signature: a key of KINDS, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    # The document reader's sniffer knows PDFs (with their junk before %PDF-); its other
    # answers (text, HTML, DOC) are not evidence we accept.
    return "pdf" if sniff(data) == "pdf" else None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def safe_name(name: str, kind: str) -> str:
    """The last path component, NFC, without control or path characters, with the
    extension the content really has."""
    base = PurePath(nfc(name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = re.sub(r'[<>:"/|?*]+', "_", base).strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem.strip(" .")[:120] or "bang-chung") + KINDS[kind][1]


def check_file(data: bytes, name: str) -> tuple[str, str]:
    """(kind, clean name) of an acceptable file; ValidationError in Vietnamese otherwise."""
    limit = max_bytes()
    if len(data) > limit:
        raise _invalid(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB); giới hạn là %(limit)d MB.")
            % {"name": nfc(name), "size": len(data) / 1048576, "limit": limit // 1048576}
        )
    if not data:
        raise _invalid(_("Tệp “%(name)s” rỗng.") % {"name": nfc(name)})
    kind = kind_of(data)
    if kind is None:
        raise _invalid(
            _(
                "Không nhận tệp “%(name)s”: nội dung không phải ảnh JPEG, PNG, WebP hay tài "
                "liệu PDF, DOCX, XLSX (kiểm tra theo nội dung tệp, không theo tên)."
            )
            % {"name": nfc(name)}
        )
    return kind, safe_name(name, kind)


def check_url(url: str) -> str:
    url = nfc(url or "").strip()
    if len(url) > MAX_URL:
        raise _invalid(_("Đường dẫn quá dài (tối đa %(max)d ký tự).") % {"max": MAX_URL})
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise _invalid(
            _(
                "Đường dẫn “%(url)s” không hợp lệ: cần một địa chỉ bắt đầu bằng http:// hoặc https://."
            )
            % {"url": url[:200]}
        ) from None
    return url


def _editable(report: Report, user: Any) -> Report:
    check_writer(user, report.unit)
    report = lock_report(report)
    ensure_editable(report)
    return report


def add_link(report: Report, user: Any, url: str, title: str = "") -> Evidence:
    """Attach a web address (an article on the ward's portal, a post, a video)."""
    clean = check_url(url)
    name = nfc(title or "").strip()[:255]
    with acting_as(user), transaction.atomic():
        report = _editable(report, user)
        return Evidence.objects.create(
            report=report, kind=EvidenceKind.LINK, url=clean, name=name or clean[:255]
        )


def add_file(report: Report, user: Any, data: bytes, name: str) -> Evidence:
    """Attach a photo or a document, in the database with the report."""
    kind, clean = check_file(data, name)
    with acting_as(user), transaction.atomic():
        report = _editable(report, user)
        if report.evidence.filter(kind=EvidenceKind.FILE).count() >= MAX_FILES_PER_REPORT:
            raise _invalid(_("Một báo cáo kèm tối đa %(max)d tệp.") % {"max": MAX_FILES_PER_REPORT})
        return Evidence.objects.create(
            report=report,
            kind=EvidenceKind.FILE,
            name=clean,
            content_type=KINDS[kind][0],
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
        )


def add_upload(report: Report, user: Any, sent: UploadedFile) -> Evidence:
    """A file from a form or the API; one declared over the cap is refused unread."""
    if (sent.size or 0) > max_bytes():
        raise _invalid(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB); giới hạn là %(limit)d MB.")
            % {
                "name": nfc(sent.name or ""),
                "size": (sent.size or 0) / 1048576,
                "limit": max_bytes() // 1048576,
            }
        )
    return add_file(report, user, sent.read(), sent.name or "")


def remove(evidence: Evidence, user: Any) -> None:
    with acting_as(user), transaction.atomic():
        report = _editable(evidence.report, user)
        row = Evidence.objects.filter(pk=evidence.pk, report=report).first()
        if row is None:
            raise _refused(_("Bằng chứng này không còn trong báo cáo."))
        row.delete()


def response(evidence: Evidence) -> HttpResponse:
    """The file as a download: always an attachment, never sniffed into something else."""
    return downloads.file_response(
        bytes(evidence.content), evidence.content_type or "application/octet-stream", evidence.name
    )
