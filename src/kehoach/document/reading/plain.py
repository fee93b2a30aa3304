"""Plain text and Markdown: UTF-8 or UTF-16, with or without BOM, any line ends."""

from __future__ import annotations

from ..errors import EmptyDocument
from ..model import ParseWarning, SourceText
from ..text import nfc
from .legacy import convert_legacy_text

__all__ = ["decode_text", "read_plain", "split_lines"]


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes to str; return (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:65536]
    if b"\x00" in sample:
        le = sample[1::2].count(0) >= sample[0::2].count(0)
        enc = "utf-16-le" if le else "utf-16-be"
        return data.decode(enc, errors="replace"), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # 8-bit legacy text: bytes map 1:1 to characters; the legacy converter decides.
    return data.decode("cp1252", errors="replace"), "cp1252"


def split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\x0b", "\n").replace("\x0c", "\n")
    return text.split("\n")


def read_plain(data: bytes) -> SourceText:
    text, encoding = decode_text(data)
    warnings: list[ParseWarning] = []
    converted, legacy = convert_legacy_text(text)
    if legacy:
        warnings.append(
            ParseWarning(None, "legacy-encoding", f"đã chuyển văn bản mã {legacy} sang Unicode")
        )
        text = converted
    lines = [nfc(line) for line in split_lines(text)]
    if not any(line.strip() for line in lines):
        raise EmptyDocument("tệp không có nội dung chữ")
    return SourceText(tuple(lines), "txt", None, tuple(warnings))
