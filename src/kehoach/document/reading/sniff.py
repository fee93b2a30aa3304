"""Decide a document's type from its bytes."""

from __future__ import annotations

import io
import zipfile

__all__ = ["sniff"]

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Windows (MZ), Linux (ELF) and macOS (Mach-O) programs: never a document, whatever the name.
_EXECUTABLES = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xcf")


def sniff(data: bytes, name: str | None = None) -> str:
    """Return "docx", "pdf", "doc", "html", "text" or "unknown".

    An encrypted DOCX is an OLE2 container too; the DOC reader tells the two apart.
    """
    head = data[:2048]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            # A damaged zip that claims a Word name is a corrupt DOCX, not "unsupported".
            return "docx" if (name or "").lower().endswith(".docx") else "unknown"
        if "word/document.xml" in names:
            return "docx"
        # An OOXML package whose main part is elsewhere but still under word/ (rare
        # generators); a spreadsheet, a presentation or any other zip is unsupported.
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
        return "unknown"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        return "doc"
    if _looks_like_html(head) or _looks_like_html(_utf16_nobom_ascii(head)):
        return "html"
    if _looks_like_text(data):
        return "text"
    return "unknown"


def _looks_like_html(head: bytes) -> bool:
    lowered = head.lower()
    for enc_head in (lowered, _utf16_ascii(lowered)):
        stripped = enc_head.lstrip(b"\xef\xbb\xbf \t\r\n")
        if stripped.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in enc_head:
            return True
        if stripped.startswith(b"<") and (
            b"<body" in enc_head or b"<div" in enc_head or b"<p" in enc_head
        ):
            return True
    return False


def _utf16_ascii(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[2:].replace(b"\x00", b"")
    return b""


def _utf16_nobom_ascii(data: bytes) -> bytes:
    """ASCII view of UTF-16 text without a BOM (every other byte zero), else b""."""
    sample = data[:2048]
    if len(sample) < 8 or b"\x00" not in sample:
        return b""
    half = len(sample) // 2
    if sample[1::2].count(0) > 0.6 * half:
        return sample[0::2]
    if sample[0::2].count(0) > 0.6 * half:
        return sample[1::2]
    return b""


def _looks_like_text(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:65536]
    if sample.startswith(_EXECUTABLES):
        return False
    if b"\x00" in sample:
        # UTF-16 without BOM: every other byte is zero in Vietnamese/ASCII text, and the
        # other bytes almost never are. Binary files have zeros at both parities.
        zeros_odd = sample[1::2].count(0)
        zeros_even = sample[0::2].count(0)
        half = max(1, len(sample) // 2)
        return (zeros_odd > 0.3 * half and zeros_even < 0.05 * half) or (
            zeros_even > 0.3 * half and zeros_odd < 0.05 * half
        )
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start > len(sample) - 4:  # a character cut by the sample's end
            return True
    # Legacy 8-bit text (TCVN3 / VNI / Windows-1258): few control characters.
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls < len(sample) * 0.01
