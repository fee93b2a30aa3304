"""OLE2 inputs: legacy Word .doc through LibreOffice, and encrypted DOCX refused early."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

from kehoach.document.errors import (
    ConverterMissing,
    CorruptDocument,
    EncryptedDocument,
    UnsupportedFormat,
)
from kehoach.document.reading import read_bytes
from kehoach.document.reading.doc import read_doc
from kehoach.document.reading.docx import read_docx
from support.docx_builder import plan_docx
from support.pdf_builder import docx_to_doc, encrypted_docx, ole2_file

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))

libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice is not installed"
)


def word_like(docx_bytes: bytes) -> bytes:
    """End the document with an empty paragraph after the closing table, as Word always does.

    (A .doc cannot end in a table; without it LibreOffice merges the last cell into the
    paragraph before when it writes the .doc.)
    """
    document = docx.Document(io.BytesIO(docx_bytes))
    document.add_paragraph()
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


@pytest.fixture(scope="session")
def seed_docs() -> list[tuple[bytes, bytes]]:
    """(DOCX, the same saved as .doc by LibreOffice) for the first three seeds, one soffice run."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    docxs = [word_like(plan_docx(p.read_text(encoding="utf-8"))) for p in SEEDS[:3]]
    return list(zip(docxs, docx_to_doc(docxs), strict=True))


def _non_blank(lines: tuple[str, ...]) -> list[str]:
    return [line for line in lines if line.strip()]


@pytest.mark.libreoffice
@libreoffice
def test_a_real_doc_reads_back_to_the_same_lines_as_its_docx(
    seed_docs: list[tuple[bytes, bytes]],
) -> None:
    for docx_bytes, doc_bytes in seed_docs:
        assert doc_bytes.startswith(b"\xd0\xcf\x11\xe0")
        source = read_doc(doc_bytes)
        assert source.format == "doc"
        assert _non_blank(source.lines) == _non_blank(read_docx(docx_bytes).lines)


@pytest.mark.libreoffice
@libreoffice
def test_read_bytes_sends_an_ole2_word_file_to_the_doc_reader(
    seed_docs: list[tuple[bytes, bytes]],
) -> None:
    source = read_bytes(seed_docs[0][1], name="ke-hoach.docx")
    assert source.format == "doc"
    assert "KẾ HOẠCH" in source.lines
    assert "Ngô Mạnh Điềm" in source.lines


@pytest.mark.libreoffice
@libreoffice
def test_a_damaged_doc_is_a_corrupt_document(seed_docs: list[tuple[bytes, bytes]]) -> None:
    damaged = seed_docs[0][1][:6000] + b"\x00" * 2048
    with pytest.raises(CorruptDocument):
        read_doc(damaged)


def test_an_encrypted_docx_is_refused_before_any_conversion(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")  # would be ConverterMissing if it got that far
    with pytest.raises(EncryptedDocument) as info:
        read_bytes(encrypted_docx(), name="ke-hoach.docx")
    assert "mật khẩu" in info.value.message


def test_missing_libreoffice_is_a_converter_missing_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    word = ole2_file({"WordDocument": b"\xec\xa5" + b"\x00" * 5000, "1Table": b"\x00" * 4200})
    with pytest.raises(ConverterMissing) as info:
        read_doc(word)
    assert "LibreOffice" in info.value.message


def test_an_ole2_spreadsheet_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat):
        read_doc(ole2_file({"Workbook": b"\x09\x08" + b"\x00" * 5000}))
