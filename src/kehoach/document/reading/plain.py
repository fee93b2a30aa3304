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
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le", errors="replace"), "utf-16-le"
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be", errors="replace"), "utf-16-be"
    sample = data[:65536]
    if b"\x00" in sample:
        half = max(1, len(sample) // 2)
        zeros_odd = sample[1::2].count(0)
        zeros_even = sample[0::2].count(0)
        if max(zeros_odd, zeros_even) > 0.3 * half:
            # UTF-16 without BOM: ASCII and Vietnamese letters (U+00xx, U+01xx, U+1Exx)
            # leave the high byte of most code units small or zero.
            enc = "utf-16-le" if zeros_odd >= zeros_even else "utf-16-be"
            body = data if len(data) % 2 == 0 else data[:-1]
            return body.decode(enc, errors="replace"), enc
        data = data.replace(b"\x00", b"")  # stray NULs in 8-bit text
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and data[: exc.start].decode("utf-8", "ignore"):
            # A file cut in the middle of its last character.
            return data.decode("utf-8", errors="replace"), "utf-8"
        if _mostly_utf8(data):
            return data.decode("utf-8", errors="replace"), "utf-8"
    # 8-bit legacy text: Windows-1258 if it carries its combining tone marks, else bytes
    # map 1:1 to characters (cp1252, Latin-1 for its holes) and the legacy converter
    # decides whether it is TCVN3 or VNI.
    return data.decode("latin-1").translate(_CP1252), "cp1252"


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged bytes (more than 95% of the multi-byte runs are valid)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return good >= 20 and bad <= 0.05 * good


def _cp1258_score(data: bytes) -> int:
    """How many Windows-1258 tone marks (0xCC 0xEC 0xDE 0xD2 0xF2) follow a letter."""
    count = 0
    for i in range(1, min(len(data), 200_000)):
        if data[i] in (0xCC, 0xEC, 0xDE, 0xD2, 0xF2):
            prev = data[i - 1]
            if 0x41 <= prev <= 0x5A or 0x61 <= prev <= 0x7A or prev in _CP1258_VOWELS:
                count += 1
    return count


# Windows-1258 bytes of â ê ô ă ơ ư (both cases), which carry tone marks.
_CP1258_VOWELS = frozenset(b"\xc2\xe2\xca\xea\xd4\xf4\xc3\xe3\xd5\xf5\xdd\xfd")
_CP1252 = {b: ch for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", errors="ignore"))}


def split_lines(text: str) -> list[str]:
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n")
    )
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
    elif encoding == "cp1252" and _cp1258_score(data) >= 3:
        text = data.decode("cp1258", errors="replace")
        warnings.append(
            ParseWarning(None, "legacy-encoding", "đã đọc văn bản mã Windows-1258 sang Unicode")
        )
    lines = [nfc(line) for line in split_lines(text)]
    if not any(line.strip() for line in lines):
        raise EmptyDocument("tệp không có nội dung chữ")
    return SourceText(tuple(lines), "txt", None, tuple(warnings))
