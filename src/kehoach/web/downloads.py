"""A plan as a file: the formats, their names and the response that carries them.

Pages and the API hand out the same bytes under the same names; each maps the errors to its
own answer (an error page, a JSON detail).
"""

from __future__ import annotations

import json
import unicodedata
from urllib.parse import quote

from django.http import HttpResponse

from kehoach.document.rendering import render_docx
from kehoach.document.rendering.pdf import docx_to_pdf

from . import library
from .models import Plan

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json; charset=utf-8",
}


def as_json(row: Plan) -> bytes:
    return json.dumps(row.data, ensure_ascii=False, indent=2).encode("utf-8")


def as_docx(row: Plan) -> bytes:
    """The plan in the official layout. Raises ``KehoachError`` or ``ValueError``."""
    return render_docx(library.core_plan(row))


def as_pdf(docx: bytes) -> bytes:
    """Raises ``ConverterMissing`` without LibreOffice, ``KehoachError`` when it fails."""
    return docx_to_pdf([docx])[0]


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch in "-_."))


def filename(row: Plan, fmt: str) -> str:
    """``ke-hoach-17-KH-QU.docx``: the plan's number and symbol, as a file name."""
    parts = "-".join(p for p in (row.number, row.symbol) if p)
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in unicodedata.normalize("NFC", parts))
    cleaned = "-".join(p for p in cleaned.split("-") if p)
    return f"ke-hoach-{cleaned or row.pk}.{fmt}"


def attachment(name: str) -> str:
    """A Content-Disposition value readable by every browser (RFC 6266 / RFC 5987)."""
    stem, dot, ext = name.rpartition(".")
    fallback = _ascii(stem if dot else name) or "tep"
    if dot:
        fallback += "." + (_ascii(ext) or "bin")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = attachment(name)
    response["Content-Length"] = str(len(data))
    response["X-Content-Type-Options"] = "nosniff"
    return response
