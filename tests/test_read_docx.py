"""The DOCX reader, on real files built with python-docx (tests/support/docx_builder.py)."""

from __future__ import annotations

import io
import time
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from kehoach.document.errors import CorruptDocument, DocumentTooLarge, EmptyDocument
from kehoach.document.reading import read_path
from kehoach.document.reading.docx import read_docx
from kehoach.document.text import collapse_spaces
from support.docx_builder import (
    PARTY_TITLE,
    layout_plan,
    nested_table_docx,
    plan_docx,
    replace_part,
    simple_docx,
    strip_markdown,
    text_box_docx,
    tracked_changes_docx,
)

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))
SEED_IDS = [p.stem for p in SEEDS]


def nonblank(lines: list[str] | tuple[str, ...]) -> list[str]:
    return [collapse_spaces(line) for line in lines if line.strip()]


def expected_lines(text: str) -> list[str]:
    return nonblank([strip_markdown(line) for line in text.split("\n")])


def split_at_type_line(lines: list[str], type_line: str) -> tuple[list[str], list[str]]:
    at = lines.index(type_line)
    return lines[:at], lines[at:]


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_every_seed_built_as_docx_reads_back_to_its_own_lines(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    layout = layout_plan(text)
    assert layout.type_line
    got = nonblank(read_docx(plan_docx(text)).lines)
    want = expected_lines(text)
    if layout.added_party_title:
        want.insert(0, PARTY_TITLE)
    got_header, got_rest = split_at_type_line(got, layout.type_line)
    want_header, want_rest = split_at_type_line(want, layout.type_line)
    # The header is a two-column table read left cell then right cell, while the seed
    # texts (extracted from other layouts) list the same lines in another order; so
    # only the header is compared as a multiset. Everything after is compared in order.
    assert Counter(got_header) == Counter(want_header)
    assert got_rest == want_rest


def test_header_table_cells_come_out_left_then_right() -> None:
    text = "\nLong Biên, ngày 03 tháng 11 năm 2023\n*\nSố 193 -KH/QU\n\nKẾ HOẠCH\n\nTiêu đề\n\nNội dung."
    lines = nonblank(read_docx(plan_docx(text)).lines)
    assert lines[:4] == ["*", "Số 193 -KH/QU", PARTY_TITLE, "Long Biên, ngày 03 tháng 11 năm 2023"]
    assert lines[4:] == ["KẾ HOẠCH", "Tiêu đề", "Nội dung."]


def test_recipients_cell_comes_before_signature_cell() -> None:
    seed = next(p for p in SEEDS if p.name.startswith("000_"))
    lines = nonblank(read_docx(plan_docx(seed.read_text(encoding="utf-8"))).lines)
    at = lines.index("Nơi nhận:")
    assert lines[at + 1] == "- Ban Tuyên giáo TU (để báo cáo),"
    assert lines[at + 7] == "- Lưu."
    assert lines[at + 8 :] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Ngô Mạnh Điềm"]


@pytest.mark.parametrize("seed", SEEDS, ids=SEED_IDS)
def test_automatic_numbering_gives_the_same_lines_as_literal_labels(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    literal = nonblank(read_docx(plan_docx(text)).lines)
    numbered_docx = plan_docx(text, auto_numbering=True)
    assert b"<w:numPr>" in zipfile.ZipFile(io.BytesIO(numbered_docx)).read("word/document.xml")
    assert nonblank(read_docx(numbered_docx).lines) == literal


NUMBERED_PLAN = """KẾ HOẠCH

Thử đánh số

I. MỤC ĐÍCH

1. Mục đích một

- Gạch đầu dòng một

- Gạch đầu dòng hai

2. Mục đích hai

a) Ý thứ nhất

b) Ý thứ hai

3. Mục đích ba

a) Ý mới sau mục ba

II. NỘI DUNG

1. Nội dung một

2. Nội dung hai
"""


def test_numbering_labels_continue_restart_and_reset_deeper_levels() -> None:
    data = plan_docx(NUMBERED_PLAN, auto_numbering=True)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # The labels are not in the text: only numbering.xml can give them back.
    assert "1. Mục" not in xml and "a) Ý" not in xml and "- Gạch" not in xml
    lines = nonblank(read_docx(data).lines)
    assert lines == nonblank(NUMBERED_PLAN.split("\n"))


def test_any_bullet_glyph_is_read_as_a_dash() -> None:
    text = "KẾ HOẠCH\n\nTiêu đề\n\n- một\n- hai\n"
    for glyph in ("•", "\uf0b7", "–", "o"):
        lines = nonblank(read_docx(plan_docx(text, auto_numbering=True, bullet_glyph=glyph)).lines)
        assert lines[-2:] == ["- một", "- hai"], glyph


@pytest.mark.parametrize("via_style", [False, True], ids=["run-fonts", "normal-style"])
@pytest.mark.parametrize("seed", SEEDS[:3], ids=SEED_IDS[:3])
def test_tcvn3_docx_reads_as_the_original_unicode(seed: Path, via_style: bool) -> None:
    text = unicodedata.normalize("NFC", seed.read_text(encoding="utf-8"))
    data = plan_docx(text, legacy_font=".VnTime", legacy_via_style=via_style)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "Kế hoạch" not in xml and "KẾ HOẠCH" not in xml  # really encoded
    source = read_docx(data)
    assert nonblank(source.lines) == nonblank(read_docx(plan_docx(text)).lines)
    assert [w.code for w in source.warnings] == ["legacy-encoding"]
    assert "TCVN3" in source.warnings[0].message


def test_vni_docx_reads_as_the_original_unicode() -> None:
    text = unicodedata.normalize("NFC", SEEDS[0].read_text(encoding="utf-8"))
    source = read_docx(plan_docx(text, legacy_font="VNI-Times"))
    assert nonblank(source.lines) == nonblank(read_docx(plan_docx(text)).lines)
    assert "VNI" in source.warnings[0].message


def test_unicode_docx_has_no_legacy_warning() -> None:
    assert read_docx(plan_docx(SEEDS[0].read_text(encoding="utf-8"))).warnings == ()


def test_tracked_changes_are_accepted() -> None:
    lines = nonblank(read_docx(tracked_changes_docx()).lines)
    assert lines == ["Giữ nguyên phần thêm vào.", "Đoạn có nội dung chuyển đến.", "Đoạn cuối."]
    assert not any("XÓA" in line for line in lines)


def test_text_box_text_appears_once_after_its_anchoring_paragraph() -> None:
    data = text_box_docx("Đoạn neo", ["Hộp chữ dòng một", "Hộp chữ dòng hai"], "Đoạn sau")
    lines = nonblank(read_docx(data).lines)
    assert lines == ["Đoạn neo", "Hộp chữ dòng một", "Hộp chữ dòng hai", "Đoạn sau"]


def test_nested_table_text_is_read_in_cell_order() -> None:
    lines = nonblank(read_docx(nested_table_docx()).lines)
    assert lines == [
        "Trước bảng",
        "Ô 1",
        "Ô 2 trên",
        "Trong A",
        "Trong B",
        "Ô 2 dưới",
        "Ô 3",
        "Ô 4",
        "Sau bảng",
    ]


def test_nfd_text_in_the_docx_comes_out_nfc() -> None:
    text = "KẾ HOẠCH\n\nTuyên truyền Đại hội Đảng bộ quận\n\nNội dung: hòa, ủy, người."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    lines = read_docx(plan_docx(nfd)).lines
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    assert nonblank(lines) == nonblank(text.split("\n"))


def test_tabs_and_line_breaks_inside_a_paragraph() -> None:
    import docx as python_docx

    document = python_docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("Trái\tPhải")
    run.add_break()
    paragraph.add_run("Dòng hai")
    buf = io.BytesIO()
    document.save(buf)
    assert read_docx(buf.getvalue()).lines == ("Trái\tPhải", "Dòng hai")


def test_reading_a_docx_from_disk_reports_the_docx_format(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(simple_docx(["KẾ HOẠCH", "Nội dung"]))
    source = read_path(path)
    assert source.format == "docx"
    assert source.lines == ("KẾ HOẠCH", "Nội dung")


# --- bad input ------------------------------------------------------------------------------


def test_truncated_zip_is_corrupt() -> None:
    data = simple_docx(["Nội dung"])
    with pytest.raises(CorruptDocument) as info:
        read_docx(data[: len(data) // 2])
    assert "DOCX" in info.value.message


def test_zip_without_document_xml_is_corrupt() -> None:
    data = replace_part(simple_docx(["Nội dung"]), "word/document.xml", None)
    with pytest.raises(CorruptDocument, match=r"word/document\.xml"):
        read_docx(data)


def test_malformed_document_xml_is_corrupt() -> None:
    data = replace_part(simple_docx(["Nội dung"]), "word/document.xml", b"<w:document><w:body>")
    with pytest.raises(CorruptDocument, match="XML"):
        read_docx(data)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_entity_expansion_bomb_is_refused_quickly() -> None:
    entities = '<!ENTITY a0 "hahahahahahahahahaha">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&a9;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    data = replace_part(simple_docx(["x"]), "word/document.xml", xml)
    started = time.perf_counter()
    with pytest.raises(CorruptDocument):
        read_docx(data)
    assert time.perf_counter() - started < 1.0


def test_external_entity_is_never_fetched() -> None:
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">'
        '<!ENTITY y SYSTEM "file:///etc/passwd">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&x;&y;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    data = replace_part(simple_docx(["x"]), "word/document.xml", xml)
    with pytest.raises(CorruptDocument, match="DOCTYPE"):
        read_docx(data)


def test_zip_bomb_is_refused_quickly_without_inflating_it() -> None:
    # 200 MB of a repeated paragraph deflates to a few hundred kilobytes.
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f"<w:document {W}><w:body>".encode())
            chunk = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30_000
            for _ in range(200 * 1024 * 1024 // len(chunk)):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    started = time.perf_counter()
    with pytest.raises((CorruptDocument, DocumentTooLarge)):
        read_docx(out.getvalue())
    assert time.perf_counter() - started < 1.0


def test_highly_compressed_part_under_the_size_cap_is_refused_as_a_bomb() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        body = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 300_000  # ~10 MB, ratio ≫ 150
        zf.writestr(
            "word/document.xml",
            f"<w:document {W}><w:body>".encode() + body + b"</w:body></w:document>",
        )
    with pytest.raises(CorruptDocument, match="nén"):
        read_docx(out.getvalue())


def test_too_many_zip_entries_is_corrupt() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for i in range(2001):
            zf.writestr(f"x/{i}", b"")
    with pytest.raises(CorruptDocument):
        read_docx(out.getvalue())


def test_document_without_any_text_is_empty() -> None:
    with pytest.raises(EmptyDocument):
        read_docx(simple_docx(["", "   "]))
