"""OLE2 inputs: a legacy Word 97-2003 ``.doc`` (converted by LibreOffice), or an encrypted DOCX.

Word saves a password-protected ``.docx`` as an OLE2 container holding an
``EncryptionInfo`` and an ``EncryptedPackage`` stream, so it looks like a ``.doc`` by its
first bytes; the directory entry names tell the two apart. A real ``.doc`` is converted
to DOCX by ``soffice --headless --convert-to docx`` (with a private, throw-away profile
so that it neither touches nor waits for the user's LibreOffice) and read by the DOCX
reader.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import ConverterMissing, CorruptDocument, EncryptedDocument, UnsupportedFormat
from ..libreoffice import find_soffice, run_soffice
from ..model import SourceText

__all__ = ["CONVERT_TIMEOUT", "convert_doc_to_docx", "read_doc"]

CONVERT_TIMEOUT = 60.0

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_WORD_DOCUMENT = "WordDocument".encode("utf-16-le")
# Root streams of the other OLE2 formats: Excel, PowerPoint, Outlook messages, Visio.
_OTHER_OLE2 = tuple(
    name.encode("utf-16-le")
    for name in (
        "Workbook",
        "Book",
        "PowerPoint Document",
        "__properties_version1.0",
        "VisioDocument",
    )
)


def read_doc(data: bytes) -> SourceText:
    """Read a legacy ``.doc`` (or refuse an encrypted DOCX) from its bytes."""
    if not data.startswith(_OLE2):
        raise CorruptDocument("tệp .doc bị hỏng (không phải tệp OLE2)")
    if _has_entry(data, _ENCRYPTED_PACKAGE) or _has_entry(data, _ENCRYPTION_INFO):
        raise EncryptedDocument("tệp Word được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi tải lại")
    if not _has_entry(data, _WORD_DOCUMENT) and any(_has_entry(data, n) for n in _OTHER_OLE2):
        raise UnsupportedFormat(
            "tệp OLE2 này không phải văn bản Word (có thể là Excel hoặc PowerPoint cũ)"
        )
    docx_bytes = convert_doc_to_docx(data)
    from .docx import read_docx

    source = read_docx(docx_bytes)
    return SourceText(source.lines, "doc", None, source.warnings)


def _has_entry(data: bytes, name: bytes) -> bool:
    """Is there a directory entry with this UTF-16LE name? Entries are 128-byte aligned."""
    needle = name + b"\x00\x00"
    at = data.find(needle)
    while at != -1:
        if at % 128 == 0:
            return True
        at = data.find(needle, at + 1)
    return False


def convert_doc_to_docx(data: bytes, *, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """Convert ``.doc`` bytes to ``.docx`` bytes with LibreOffice headless."""
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissing(
            "tệp .doc cần LibreOffice để chuyển đổi; hãy cài LibreOffice hoặc lưu tệp thành .docx"
        )
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
        work = Path(tmp)
        src = work / "input.doc"
        src.write_bytes(data)
        outdir = work / "out"
        outdir.mkdir()
        code = run_soffice(
            soffice,
            [src],
            convert_to="docx",
            outdir=outdir,
            work=work,
            timeout=timeout,
            missing_message="không chạy được LibreOffice để chuyển tệp .doc; hãy lưu tệp thành .docx",
            timeout_message="LibreOffice chuyển tệp .doc quá lâu; tệp có thể bị hỏng",
        )
        out = outdir / "input.docx"
        if code != 0 or not out.is_file() or out.stat().st_size == 0:
            raise CorruptDocument(
                "tệp .doc bị hỏng hoặc có mật khẩu; LibreOffice không chuyển được"
            )
        return out.read_bytes()
