"""Files a clerk may try to upload that cannot become a plan, built in memory.

Each builder gives the bytes of one kind of bad upload; ``BAD_UPLOADS`` names them with
the file name they arrive under and the words of the Vietnamese message the library
must answer with. Nothing here needs LibreOffice or the network.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from support.docx_builder import replace_part, simple_docx
from support.pdf_builder import Run, image_only_pdf, raw_pdf

__all__ = [
    "BAD_UPLOADS",
    "BadUpload",
    "corrupt_docx",
    "empty_file",
    "encrypted_pdf",
    "exe_renamed_docx",
    "garbage_zip_docx",
    "scanned_pdf",
    "small_docx",
]


def small_docx() -> bytes:
    """A real, readable DOCX with a few lines of a plan."""
    return simple_docx(
        [
            "QUẬN ỦY LONG BIÊN",
            "Số 21-KH/QU",
            "KẾ HOẠCH",
            "Tuyên truyền kỷ niệm ngày thành lập Đảng",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Tuyên truyền sâu rộng trong cán bộ, đảng viên.",
        ]
    )


def corrupt_docx() -> bytes:
    """A genuine DOCX whose main part was cut off half-way (an interrupted copy)."""
    good = simple_docx(["Kế hoạch tuyên truyền", "I. MỤC ĐÍCH, YÊU CẦU"] * 20)
    return replace_part(good, "word/document.xml", b'<?xml version="1.0"?><w:document xmlns:w')


def garbage_zip_docx() -> bytes:
    """A zip that names its main part right but holds random bytes there."""
    good = simple_docx(["Kế hoạch"])
    noise = b"".join(hashlib.sha256(bytes([i])).digest() for i in range(64))
    return replace_part(good, "word/document.xml", noise)


def encrypted_pdf() -> bytes:
    """A PDF under the standard security handler whose user password is not empty.

    The /U entry is 32 bytes that no empty password produces, so a reader must refuse it
    as password-protected rather than as broken.
    """
    plain = raw_pdf([[Run(72, 760, "Ke hoach tuyen truyen")]])
    owner = hashlib.sha256(b"owner").hexdigest()
    user = hashlib.sha256(b"user").hexdigest()
    file_id = hashlib.md5(b"kehoach", usedforsecurity=False).hexdigest()
    encrypt = (
        f"/Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
        f"/O <{owner}> /U <{user}> >> /ID [<{file_id}> <{file_id}>] "
    ).encode()
    # The trailer follows the cross-reference table, so growing it moves no offset.
    assert plain.count(b"/Root 1 0 R ") == 1
    return plain.replace(b"/Root 1 0 R ", b"/Root 1 0 R " + encrypt)


def scanned_pdf() -> bytes:
    """A scan: one page that is a single picture, no text layer."""
    return image_only_pdf(1)


def exe_renamed_docx() -> bytes:
    """The start of a Windows program (MZ header, DOS stub, PE signature)."""
    dos = bytearray(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00")
    dos += b"\xb8" + b"\x00" * 7 + b"\x40" + b"\x00" * 35
    dos += (0x80).to_bytes(4, "little")
    dos += b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21"
    dos += b"This program cannot be run in DOS mode.\r\r\n$"
    dos = dos.ljust(0x80, b"\x00")
    dos += b"PE\x00\x00\x4c\x01\x03\x00" + b"\x00" * 4000
    return bytes(dos)


def empty_file() -> bytes:
    return b""


@dataclass(frozen=True)
class BadUpload:
    """One bad upload: an id for the test, its name, its bytes, the message it gets."""

    id: str
    name: str
    build: Callable[[], bytes]
    message: str  # a distinctive part of the Vietnamese message shown to the user


BAD_UPLOADS = [
    BadUpload("corrupt-docx", "ke-hoach-hong.docx", corrupt_docx, "Tệp DOCX bị hỏng"),
    BadUpload("garbage-docx", "ke-hoach-rac.docx", garbage_zip_docx, "Tệp DOCX bị hỏng"),
    BadUpload("encrypted-pdf", "ke-hoach-mat-khau.pdf", encrypted_pdf, "bảo vệ bằng mật khẩu"),
    BadUpload("scanned-pdf", "ban-quet.pdf", scanned_pdf, "không có lớp chữ (bản quét)"),
    BadUpload("exe-as-docx", "ke-hoach.docx", exe_renamed_docx, "Không nhận loại tệp này"),
    BadUpload("empty-file", "trong.docx", empty_file, "Tệp rỗng"),
]
