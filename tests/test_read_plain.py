"""Plain text in every encoding a clerk's computer produces, read through ``read_bytes``."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from kehoach.document.errors import EmptyDocument, UnsupportedFormat
from kehoach.document.reading import read_bytes
from kehoach.document.reading.sniff import sniff

PLAN = "QUẬN ỦY LONG BIÊN\nSố 193-KH/QU\nKẾ HOẠCH\ntuyên truyền cuốn sách\nNơi nhận:\n- Lưu."
LINES = PLAN.split("\n")


def _lines(data: bytes) -> list[str]:
    source = read_bytes(data)
    assert source.format == "txt"
    return list(source.lines)


def test_utf8_without_bom_reads_line_by_line() -> None:
    assert _lines(PLAN.encode("utf-8")) == LINES


def test_utf8_with_bom_drops_the_bom() -> None:
    lines = _lines(b"\xef\xbb\xbf" + PLAN.encode("utf-8"))
    assert lines == LINES
    assert not lines[0].startswith("\ufeff")


def test_utf16_le_with_bom_is_decoded() -> None:
    assert _lines(PLAN.encode("utf-16")) == LINES  # Python writes a BOM, LE here
    assert _lines(b"\xff\xfe" + PLAN.encode("utf-16-le")) == LINES


def test_utf16_be_with_bom_is_decoded() -> None:
    assert _lines(b"\xfe\xff" + PLAN.encode("utf-16-be")) == LINES


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised_by_its_zero_bytes(encoding: str) -> None:
    assert sniff(PLAN.encode(encoding)) == "text"
    assert _lines(PLAN.encode(encoding)) == LINES


def test_crlf_and_lone_cr_line_ends_split_the_same_way() -> None:
    assert _lines(PLAN.replace("\n", "\r\n").encode("utf-8")) == LINES
    assert _lines(PLAN.replace("\n", "\r").encode("utf-8")) == LINES


def test_decomposed_input_comes_out_composed() -> None:
    nfd = unicodedata.normalize("NFD", PLAN)
    assert nfd != PLAN
    lines = _lines(nfd.encode("utf-8"))
    assert lines == LINES
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)


def test_empty_file_is_an_empty_document() -> None:
    with pytest.raises(EmptyDocument):
        read_bytes(b"")
    with pytest.raises(EmptyDocument):
        read_bytes(b"  \r\n\t\n")


def test_bom_alone_is_an_empty_document() -> None:
    with pytest.raises(EmptyDocument):
        read_bytes(b"\xef\xbb\xbf\n")
    with pytest.raises(EmptyDocument):
        read_bytes(b"\xff\xfe" + "\n \n".encode("utf-16-le"))


def test_binary_garbage_is_unsupported() -> None:
    garbage = bytes((i * 131 + 7) % 256 for i in range(8192))
    with pytest.raises(UnsupportedFormat) as info:
        read_bytes(garbage)
    assert "định dạng" in info.value.message


def test_a_zip_that_is_not_a_word_document_is_unsupported() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormat):
        read_bytes(buf.getvalue())


def test_a_pdf_signature_is_sniffed_as_pdf_and_markup_as_html() -> None:
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff("<!DOCTYPE html><html><body><p>KẾ HOẠCH</p></body></html>".encode()) == "html"
    assert sniff("<html><body><p>x</p></body></html>".encode("utf-16-le")) == "html"


def test_markdown_markers_are_kept_for_the_parser() -> None:
    assert _lines("**KẾ HOẠCH**\n# I. MỤC ĐÍCH".encode()) == ["**KẾ HOẠCH**", "# I. MỤC ĐÍCH"]
