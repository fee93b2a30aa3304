"""The PDF reader on real LibreOffice PDFs of the seed plans and on hand-made edge cases."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from kehoach.document.errors import CorruptDocument, EncryptedDocument, NoTextLayer
from kehoach.document.reading import read_bytes
from kehoach.document.reading.pdf import read_pdf
from support.docx_builder import layout_plan, plan_docx
from support.pdf_builder import Run, docx_to_encrypted_pdf, docx_to_pdf, image_only_pdf, raw_pdf

SEEDS = sorted((Path(__file__).resolve().parent.parent / "corpus" / "seeds").glob("*.txt"))

needs_soffice = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]


def paragraphs(lines: tuple[str, ...] | list[str]) -> list[str]:
    """Rejoin the printed lines of each paragraph (paragraphs are blank-separated)."""
    out: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            out.append(" ".join(" ".join(current).split()))
            current = []
    return out


def expected_paragraphs(text: str) -> list[str]:
    """The seed's lines in the order a reader of its DOCX layout meets them."""
    lay = layout_plan(text)
    lines = [
        *lay.header_left,
        *lay.header_right,
        *([lay.type_line] if lay.type_line else []),
        *lay.title,
        *lay.body,
        *lay.recipients,
        *lay.signature,
    ]
    return [" ".join(line.split()) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def seed_pdfs() -> dict[str, bytes]:
    """Every seed as a realistic DOCX turned into PDF, all in one LibreOffice run."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    pdfs = docx_to_pdf([plan_docx(t) for t in texts])
    return {p.name: pdf for p, pdf in zip(SEEDS, pdfs, strict=True)}


@pytest.fixture(scope="session")
def seed_sources(seed_pdfs: dict[str, bytes]) -> dict[str, tuple[str, ...]]:
    return {name: read_pdf(pdf).lines for name, pdf in seed_pdfs.items()}


# --------------------------------------------------------------------------- seeds


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_seed_pdf_reads_back_paragraph_for_paragraph(
    seed: str, seed_sources: dict[str, tuple[str, ...]]
) -> None:
    text = (SEEDS[0].parent / seed).read_text(encoding="utf-8")
    assert paragraphs(seed_sources[seed]) == expected_paragraphs(text)


@pytest.mark.parametrize("seed", [p.name for p in SEEDS])
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_printed_line_is_a_whole_line_of_the_pdf_in_nfc(
    seed: str, seed_sources: dict[str, tuple[str, ...]]
) -> None:
    lines = seed_sources[seed]
    assert all(unicodedata.is_normalized("NFC", line) for line in lines)
    assert all(line == line.rstrip() for line in lines)
    assert lines[0].strip() and lines[-1].strip()
    assert "" in lines  # paragraphs are separated


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_header_columns_come_out_left_then_right(seed_sources: dict[str, tuple[str, ...]]) -> None:
    paras = paragraphs(seed_sources[SEEDS[0].name])
    number = paras.index("Số 193 -KH/QU")
    party = paras.index("ĐẢNG CỘNG SẢN VIỆT NAM")
    date = paras.index("Long Biên, ngày 03 tháng 11 năm 2023")
    plan = paras.index("KẾ HOẠCH")
    assert paras.index("*") < number < party < date < plan


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_number_date_type_and_signer_each_stand_on_their_own_line(
    seed_sources: dict[str, tuple[str, ...]],
) -> None:
    lines = seed_sources[SEEDS[3].name]  # 003: Cầu Giấy, "TRƯỞNG BAN", "Lê Thị Thủy"
    paras = paragraphs(lines)
    for wanted in ("Số 08 - KH/BTG", "Cầu Giấy, ngày 10 tháng 12 năm 2018", "KẾ HOẠCH"):
        assert wanted in paras
    assert "Lê Thị Thủy" in lines
    assert paras[-3:] == ["TRƯỞNG BAN", "(Đã ký)", "Lê Thị Thủy"]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_recipients_come_before_the_signature_block(
    seed_sources: dict[str, tuple[str, ...]],
) -> None:
    paras = paragraphs(seed_sources[SEEDS[0].name])
    closing = paras[paras.index("Nơi nhận:") :]
    assert closing[1] == "- Ban Tuyên giáo TU (để báo cáo),"
    assert closing[closing.index("- Lưu.") + 1 :] == [
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ THƯỜNG TRỰC",
        "Ngô Mạnh Điềm",
    ]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_read_bytes_dispatches_a_pdf_by_its_content(seed_pdfs: dict[str, bytes]) -> None:
    source = read_bytes(seed_pdfs[SEEDS[1].name], name="ke-hoach.txt")
    assert source.format == "pdf"
    assert "KẾ HOẠCH" in source.lines


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_password_protected_pdf_is_an_encrypted_document() -> None:
    (pdf,) = docx_to_encrypted_pdf([plan_docx(SEEDS[0].read_text(encoding="utf-8"))])
    with pytest.raises(EncryptedDocument) as info:
        read_pdf(pdf)
    assert "mật khẩu" in info.value.message


# --------------------------------------------------------------------------- crafted


def test_letter_spaced_heading_is_joined_without_gluing_words() -> None:
    pdf = raw_pdf(
        [
            [
                Run(220, 760, "KE HOACH", size=16, char_spacing=4),
                Run(300, 700, "KT. CHU TICH", size=13, char_spacing=2.5),
                Run(72, 650, "Ordinary words stay apart."),
            ]
        ]
    )
    assert paragraphs(read_pdf(pdf).lines) == [
        "KE HOACH",
        "KT. CHU TICH",
        "Ordinary words stay apart.",
    ]


def test_header_columns_of_a_crafted_pdf_come_out_left_then_right() -> None:
    pdf = raw_pdf(
        [
            [
                Run(80, 780, "QUAN UY LONG BIEN"),
                Run(340, 780, "DANG CONG SAN VIET NAM"),
                Run(130, 765, "*"),
                Run(330, 765, "Long Bien, ngay 03 thang 11 nam 2023"),
                Run(95, 750, "So 193-KH/QU"),
                Run(270, 710, "KE HOACH", size=14),
                Run(72, 690, "Thuc hien Chi thi so 20-CT/TW ngay 18/01/2018 cua Ban Bi thu ve"),
                Run(72, 676, "tiep tuc tang cuong."),
            ]
        ]
    )
    assert paragraphs(read_pdf(pdf).lines) == [
        "QUAN UY LONG BIEN",
        "*",
        "So 193-KH/QU",
        "DANG CONG SAN VIET NAM",
        "Long Bien, ngay 03 thang 11 nam 2023",
        "KE HOACH",
        "Thuc hien Chi thi so 20-CT/TW ngay 18/01/2018 cua Ban Bi thu ve tiep tuc tang cuong.",
    ]


def test_closing_columns_give_recipients_then_signature() -> None:
    pdf = raw_pdf(
        [
            [
                Run(72, 700, "Tren day la Ke hoach tuyen truyen, de nghi cac don vi thuc hien./."),
                Run(72, 660, "Noi nhan:"),
                Run(350, 660, "T/M BAN THUONG VU"),
                Run(72, 646, "- Ban Tuyen giao TU,"),
                Run(370, 646, "PHO\u0301 BI\u0301 THU\u031b"),
                Run(72, 632, "- Luu."),
                Run(360, 580, "Ngo Manh Diem"),
            ]
        ]
    )
    assert paragraphs(read_pdf(pdf).lines) == [
        "Tren day la Ke hoach tuyen truyen, de nghi cac don vi thuc hien./.",
        "Noi nhan:",
        "- Ban Tuyen giao TU,",
        "- Luu.",
        "T/M BAN THUONG VU",
        "PHÓ BÍ THƯ",
        "Ngo Manh Diem",
    ]


def test_lone_page_numbers_are_dropped() -> None:
    pdf = raw_pdf(
        [
            [Run(72, 700, "First page text."), Run(290, 40, "1")],
            [Run(290, 800, "2"), Run(72, 700, "Second page text.")],
            [Run(72, 700, "Third page text."), Run(280, 40, "- 3 -")],
        ]
    )
    text = read_pdf(pdf).text
    assert "First page text." in text and "Third page text." in text
    for number in ("1", "2", "- 3 -"):
        assert number not in read_pdf(pdf).lines


def test_a_number_inside_the_body_is_not_taken_for_a_page_number() -> None:
    pdf = raw_pdf([[Run(72, 700, "Muc tieu:"), Run(72, 686, "2023"), Run(72, 672, "Het.")]])
    assert "2023" in read_pdf(pdf).lines


def test_decomposed_marks_are_composed_onto_their_letters() -> None:
    pdf = raw_pdf([[Run(72, 700, "Ke\u0302\u0301 hoa\u0323ch tuye\u0302\u0309n")]])
    lines = read_pdf(pdf).lines
    assert lines == ("Kế hoạch tuyển",)


def test_scanned_pdf_without_text_is_refused_with_no_text_layer() -> None:
    with pytest.raises(NoTextLayer) as info:
        read_pdf(image_only_pdf(pages=2))
    assert "OCR" in info.value.message


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\n" + bytes(range(256)) * 16,
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R",
        b"%PDF-",
    ],
    ids=["garbage", "cut-short", "signature-only"],
)
def test_broken_pdf_is_a_corrupt_document(data: bytes) -> None:
    with pytest.raises(CorruptDocument):
        read_pdf(data)


def test_truncated_real_pdf_never_raises_anything_but_ours() -> None:
    pdf = raw_pdf([[Run(72, 700, "Some text on the page.")]])
    for cut in range(0, len(pdf), 37):
        try:
            read_pdf(pdf[:cut])
        except (CorruptDocument, NoTextLayer):
            pass
        except Exception as exc:  # pragma: no cover - the failure being tested for
            from kehoach.document.errors import UnreadableDocument

            assert isinstance(exc, UnreadableDocument), f"cut at {cut}: {exc!r}"


def _width(text: str, size: float) -> float:
    """The width of ``text`` in Helvetica as pdfminer measures ``raw_pdf``'s glyphs."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths[c] for c in text) * size / 1000


def justified(x: float, y: float, text: str, right: float = 523, size: float = 12) -> list[Run]:
    """A printed line from ``x`` to the right margin, its word spaces stretched to fit."""
    words = text.split()
    gap = (right - x - sum(_width(w, size) for w in words)) / (len(words) - 1)
    assert 3 < gap < 8, f"{text!r} does not fill the line naturally (gap {gap:.1f})"
    runs = []
    for word in words:
        runs.append(Run(x, y, word, size=size))
        x += _width(word, size) + gap
    return runs


def test_a_line_wrapped_before_a_dash_at_the_right_margin_continues_its_paragraph() -> None:
    # Justified text with first-line indents: the wrap before "- xa hoi" leaves the
    # previous line at the right margin and the dash at the left one; a real item is
    # indented like every paragraph's first line.
    first = "Thuc hien Ke hoach so 104-KH/TU cua Ban Thuong vu Quan uy ve viec"
    full = "tuyen truyen trong cac buoi sinh hoat chi bo cua cac doan the va to chuc chinh tri"
    wrapped = "- xa hoi, hoat dong ngoai khoa, van hoa, van nghe."
    item = "- Tuyen truyen tren mang xa hoi, trang/nhom cua co so cac tin bai ve"
    pdf = raw_pdf(
        [
            [
                *justified(100, 700, first),
                *justified(72, 686, full),
                Run(72, 672, wrapped),
                *justified(100, 658, item),
                Run(72, 644, "noi dung cuon sach lich su Dang bo Quan."),
            ]
        ]
    )
    lines = read_pdf(pdf).lines
    assert lines.index(item) == lines.index(wrapped) + 2 and lines[lines.index(item) - 1] == ""
    assert paragraphs(lines) == [
        f"{first} {full} {wrapped}",
        f"{item} noi dung cuon sach lich su Dang bo Quan.",
    ]


def test_a_dash_line_after_a_long_line_is_an_item_when_the_margin_is_not_known() -> None:
    # Ragged text: the longest line on the page is not a margin, so "- " starts an item.
    pdf = raw_pdf(
        [
            [
                Run(72, 700, "- Tuyen truyen tren mang xa hoi cac tin bai ve noi dung;"),
                Run(72, 686, "- Luu."),
            ]
        ]
    )
    assert paragraphs(read_pdf(pdf).lines) == [
        "- Tuyen truyen tren mang xa hoi cac tin bai ve noi dung;",
        "- Luu.",
    ]


def test_a_word_split_after_its_hyphen_at_the_right_margin_is_put_back_together() -> None:
    pdf = raw_pdf(
        [
            [
                *justified(
                    100, 700, "Thuc hien Ke hoach so 104-KH/TU cua Ban Thuong vu Quan uy ve viec"
                ),
                *justified(
                    72,
                    686,
                    "trien khai Chi thi so 20-CT/TW, Ke hoach so 88-KH/TU va Huong dan so 21/HD-",
                ),
                *justified(
                    72,
                    672,
                    "DCT ngay 15/10/2021 cua Doan Chu tich Trung uong Hoi LHPN Viet Nam ve to",
                ),
                Run(72, 658, "chuc dai hoi - xa hoi."),
            ]
        ]
    )
    (paragraph,) = paragraphs(read_pdf(pdf).lines)
    assert "Huong dan so 21/HD-DCT ngay 15/10/2021" in paragraph
    assert paragraph.endswith("to chuc dai hoi - xa hoi.")
