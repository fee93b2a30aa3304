"""Readers: any supported input → ``SourceText`` (numbered NFC lines).

The type is decided by content, never by the file name alone: a ``.docx`` is a zip with
``word/document.xml``, a PDF starts with ``%PDF-``, a legacy ``.doc`` is an OLE2 file,
HTML has markup, and text is what decodes cleanly. Every failure is an
``UnreadableDocument`` with a Vietnamese message.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DocumentTooLarge, EmptyDocument, FileMissing, UnsupportedFormat
from ..model import SourceText
from .sniff import sniff

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_SUFFIXES", "read_bytes", "read_path"]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
SUPPORTED_SUFFIXES = (".docx", ".pdf", ".txt", ".md", ".html", ".htm", ".doc")


def read_path(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read a file from disk; raises ``UnreadableDocument`` subclasses on bad input."""
    p = Path(path)
    if not p.is_file():
        raise FileMissing("không tìm thấy tệp")
    size = p.stat().st_size
    if size > max_bytes:
        raise DocumentTooLarge(f"tệp quá lớn ({_mb(size)} MB; giới hạn {_mb(max_bytes)} MB)")
    data = p.read_bytes()
    source = read_bytes(data, name=p.name, max_bytes=max_bytes)
    return SourceText(source.lines, source.format, str(p), source.warnings)


def read_bytes(
    data: bytes, *, name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> SourceText:
    """Read an in-memory document (an upload); ``name`` is only a hint."""
    if len(data) > max_bytes:
        raise DocumentTooLarge(f"tệp quá lớn ({_mb(len(data))} MB; giới hạn {_mb(max_bytes)} MB)")
    if not data.strip():
        raise EmptyDocument("tệp rỗng, không có nội dung")
    kind = sniff(data, name)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if kind == "doc":
        from .doc import read_doc

        return read_doc(data)
    if kind == "html":
        from .html import read_html

        return read_html(data)
    if kind == "text":
        from .plain import read_plain

        return read_plain(data)
    raise UnsupportedFormat("định dạng không được hỗ trợ (chỉ đọc DOCX, DOC, PDF, TXT, MD, HTML)")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")
