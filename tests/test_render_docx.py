"""A plan rendered as DOCX: the official layout, read back as the same plan, checked clean.

The layout is asserted on the output, opened with python-docx (sizes in points, styles,
alignment, indents, page setup, header parts), not on the renderer's tables. The round
trip reads the rendered bytes through the public reader and parser; the checker judges
the rendered document with its layout rules.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from kehoach.document import Plan, parse_bytes, parse_file
from kehoach.document.checking import Severity, check_bytes, check_path
from kehoach.document.rendering import choose_regime, render_docx
from kehoach.document.rendering.docx import header_organ_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
CLEAN = sorted((ROOT / "tests" / "clean").glob("*.txt"))
OWN = sorted((ROOT / "tests" / "corpus").glob("*.txt"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Keys of the plan a rendered DOCX cannot give back, and why.
ROUND_TRIP_EXCEPTIONS: dict[str, dict[str, str]] = {
    # The web page has no date line; the rendered header prints the year of the plan's
    # first phase (a date line needs a year), which reads back as a partial date.
    "09_mttq_binhdinh_2023_web": {
        "date_partial": "an undated plan is printed with the year of its first phase",
    },
}


@cache
def plan_of(path: Path) -> Plan:
    return parse_file(path)


@cache
def rendered(path: Path) -> bytes:
    return render_docx(plan_of(path))


def opened(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def comparable(plan: Plan) -> dict[str, Any]:
    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "line"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    data: dict[str, Any] = strip(plan.to_dict())
    data.pop("warnings")
    return data


def paragraph(document: Any, text: str) -> Paragraph:
    """The body paragraph (outside tables) whose text starts with ``text``."""
    found = [p for p in document.paragraphs if p.text.startswith(text)]
    assert found, f"no paragraph starting {text!r}"
    return found[0]


def index(document: Any, p: Paragraph) -> int:
    return [q._p for q in document.paragraphs].index(p._p)


def cell_paragraph(table: Table, row: int, col: int, text: str) -> Paragraph:
    found = [p for p in table.cell(row, col).paragraphs if p.text.startswith(text)]
    assert found, f"no paragraph starting {text!r} in cell ({row}, {col})"
    return found[0]


def style(p: Paragraph) -> tuple[float, bool, bool, bool]:
    """(size in pt, bold, italic, underlined) of the paragraph's text, one for all runs."""
    runs = [r for r in p.runs if r.text.strip()]
    assert runs, p.text
    looks = {(r.font.size.pt, bool(r.bold), bool(r.italic), bool(r.underline)) for r in runs}
    assert len(looks) == 1, (p.text, looks)
    return looks.pop()


# --- page, fonts, header parts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "margins_mm"),
    [
        ("party_hd05_dangUyxa", (20, 20, 30, 15)),
        ("party_hd36_huyenuy", (20, 20, 30, 15)),
        ("state_nd30_ubndxa", (20, 20, 30, 15)),
        ("union_qd933_ldld", (20, 20, 30, 15)),
    ],
)
def test_the_page_is_a4_portrait_with_the_regimes_margins(
    name: str, margins_mm: tuple[int, int, int, int]
) -> None:
    section = opened(rendered(ROOT / "tests" / "clean" / f"{name}.txt")).sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)  # A4
    got = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in got] == list(margins_mm)
    assert round(section.header_distance.mm) == 10


def test_a_party_plan_of_the_hd11_era_gets_the_older_wider_margins() -> None:
    section = opened(rendered(SEEDS[1])).sections[0]  # 29/12/2015
    got = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in got] == [25, 25, 35, 15]


def test_times_new_roman_and_vietnamese_are_the_document_defaults() -> None:
    document = opened(rendered(CLEAN[0]))
    defaults = document.styles.element.find(f"{W}docDefaults")
    fonts = defaults.find(f"{W}rPrDefault/{W}rPr/{W}rFonts")
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        assert fonts.get(f"{W}{script}") == "Times New Roman"
    lang = defaults.find(f"{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "vi-VN"
    assert all(r.font.name is None for p in document.paragraphs for r in p.runs)


def test_page_numbers_are_a_centred_page_field_in_the_header_from_page_two() -> None:
    data = rendered(CLEAN[0])
    section = opened(data).sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    assert section.first_page_header.paragraphs[0].text == ""
    number = section.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(el.text or "" for el in number._p.iter(f"{W}instrText"))
    assert {r.font.size for r in number.runs} == {Pt(14)}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "word/header2.xml" in z.namelist()


# --- the header table ---------------------------------------------------------------------


def test_the_party_header_is_a_borderless_two_column_table_with_number_and_date_level() -> None:
    document = opened(rendered(ROOT / "tests" / "clean" / "party_hd05_dangUyxa.txt"))
    table = document.tables[0]
    assert len(table.columns) == 2 and len(table.rows) == 2
    borders = table._tbl.tblPr.find(f"{W}tblBorders")
    assert {b.get(f"{W}val") for b in borders} == {"nil"}
    left = [p.text for p in table.cell(0, 0).paragraphs]
    assert left == ["ĐẢNG BỘ TỈNH NINH BÌNH", "ĐẢNG ỦY XÃ GIA VIỄN", "*"]
    assert style(cell_paragraph(table, 0, 0, "ĐẢNG BỘ")) == (14, False, False, False)
    assert style(cell_paragraph(table, 0, 0, "ĐẢNG ỦY")) == (14, True, False, False)
    title = cell_paragraph(table, 0, 1, "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert style(title) == (15, True, False, True)  # underlined: a line as long as it
    number = cell_paragraph(table, 1, 0, "Số")
    assert number.text == "Số 08-KH/ĐU"
    assert style(number) == (14, False, False, False)
    when = cell_paragraph(table, 1, 1, "Gia Viễn")
    assert when.text == "Gia Viễn, ngày 15 tháng 6 năm 2026"
    assert style(when) == (14, False, True, False)
    for row in (0, 1):
        for col in (0, 1):
            assert all(
                p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in table.cell(row, col).paragraphs
            )


def test_the_state_header_has_the_national_title_and_the_colon_number_form() -> None:
    document = opened(rendered(ROOT / "tests" / "clean" / "state_nd30_ubndxa.txt"))
    table = document.tables[0]
    assert style(cell_paragraph(table, 0, 0, "ỦY BAN NHÂN DÂN")) == (12, True, False, False)
    assert style(cell_paragraph(table, 0, 1, "CỘNG HÒA XÃ HỘI")) == (12, True, False, False)
    motto = cell_paragraph(table, 0, 1, "Độc lập - Tự do - Hạnh phúc")
    assert style(motto) == (13, True, False, True)
    assert "*" not in [p.text for p in table.cell(0, 0).paragraphs]
    # The short line under the issuer: an empty paragraph with a bottom border.
    ruled = [p for p in table.cell(0, 0).paragraphs if p._p.find(f"{W}pPr/{W}pBdr") is not None]
    assert len(ruled) == 1 and ruled[0].text == ""
    assert cell_paragraph(table, 1, 0, "Số").text == "Số: 35/KH-UBND"
    assert style(cell_paragraph(table, 1, 0, "Số")) == (13, False, False, False)
    assert style(cell_paragraph(table, 1, 1, "Văn Lâm, ngày")) == (14, False, True, False)


def test_a_party_issuer_without_header_lines_is_printed_as_its_committee() -> None:
    plan = Plan(issuer="Ban Thường vụ Quận ủy Long Biên", symbol="KH/QU", number="193")
    assert header_organ_lines(plan, "party") == [("QUẬN ỦY LONG BIÊN", True)]
    plan = Plan(issuer="Ban Tuyên giáo Quận ủy Cầu Giấy", symbol="KH/BTG", number="08")
    assert header_organ_lines(plan, "party") == [
        ("QUẬN ỦY CẦU GIẤY", False),
        ("BAN TUYÊN GIÁO", True),
    ]
    table = opened(render_docx(plan)).tables[0]
    assert [p.text for p in table.cell(0, 0).paragraphs] == [
        "QUẬN ỦY CẦU GIẤY",
        "BAN TUYÊN GIÁO",
        "*",
    ]


def test_a_draft_with_a_blank_number_gets_the_draft_marker_under_its_number() -> None:
    plan = plan_of(ROOT / "tests" / "clean" / "party_hd36_huyenuy.txt")
    draft = Plan.from_dict({**plan.to_dict(), "number": None, "date": None})
    data = render_docx(draft, as_of=date(2024, 3, 1))
    table = opened(data).tables[0]
    left = [p.text for p in table.cell(1, 0).paragraphs]
    assert left == ["Số        -KH/HU", "Dự thảo"]
    assert style(cell_paragraph(table, 1, 0, "Dự thảo")) == (14, False, True, False)
    assert cell_paragraph(table, 1, 1, "Đông Anh").text == "Đông Anh, ngày      tháng      năm 2024"
    back = parse_bytes(data, name="x.docx")
    assert (back.number, back.symbol, back.place, back.date) == (None, "KH/HU", "Đông Anh", None)
    assert back.organ_lines == plan.organ_lines and back.title == plan.title
    found = {f.rule: f.severity for f in check_bytes(data, name="x.docx").findings}
    assert found["NUM-002"] is Severity.WARNING  # a draft's blank number is no error


def test_an_undated_draft_is_dated_in_the_year_of_its_first_phase() -> None:
    plan = plan_of(SEEDS[4])  # "ngày … tháng 8 năm 2023"
    table = opened(render_docx(plan)).tables[0]
    assert cell_paragraph(table, 1, 1, "Bạch Thông").text.endswith("năm 2023")


# --- title and body -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "type_pt", "line", "rule"),
    [
        ("party_hd05_dangUyxa", 16, Pt(18), WD_LINE_SPACING.EXACTLY),
        ("state_nd30_ubndxa", 14, 1.2, WD_LINE_SPACING.MULTIPLE),
        ("union_qd933_ldld", 14, 1.2, WD_LINE_SPACING.MULTIPLE),
    ],
)
def test_type_title_headings_and_body_follow_the_regimes_typography(
    name: str, type_pt: int, line: object, rule: WD_LINE_SPACING
) -> None:
    path = ROOT / "tests" / "clean" / f"{name}.txt"
    plan, document = plan_of(path), opened(rendered(path))
    kind = paragraph(document, "KẾ HOẠCH")
    assert kind.text == "KẾ HOẠCH" and kind.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert style(kind) == (type_pt, True, False, False)
    title = paragraph(document, plan.title or "?")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert style(title) == (14, True, False, False)
    after = document.paragraphs[index(document, title) + 1]
    if name.startswith("party"):
        assert after.text == "-----"
    else:  # a short solid line: an empty paragraph with a bottom border
        assert after.text == "" and after._p.find(f"{W}pPr/{W}pBdr") is not None
    heading = paragraph(document, "I. ")
    assert heading.text.upper() == heading.text
    assert style(heading) == (14, True, False, False)
    assert heading.paragraph_format.keep_with_next
    opening = paragraph(document, plan.opening[0][:40])
    assert style(opening) == (14, False, False, False)
    fmt = opening.paragraph_format
    assert opening.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert fmt.first_line_indent.twips == 567  # 10 mm
    assert fmt.space_before == Pt(6)
    assert (fmt.line_spacing, fmt.line_spacing_rule) == (line, rule)
    for section in plan.sections:
        for child in section.children:
            numbered = paragraph(document, f"{child.label}. {child.heading}")
            # A short heading over its own text is bold; a list item is running text.
            heading = len(child.heading) <= 80 and bool(child.text or child.children)
            assert bool(numbered.runs[0].bold) is heading, numbered.text


def test_every_body_paragraph_is_times_14_and_justified() -> None:
    document = opened(rendered(SEEDS[0]))
    start = index(document, paragraph(document, "Thực hiện Chỉ thị"))
    for p in document.paragraphs[start:]:
        if p.text:
            assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, p.text
            assert {r.font.size for r in p.runs} == {Pt(14)}, p.text


def test_a_run_in_heading_keeps_its_level_style_and_its_sentence_is_regular() -> None:
    document = opened(rendered(SEEDS[4]))
    p = paragraph(document, "2.4. Thời gian tổ chức:")  # a third-level heading: italic
    assert [(bool(r.bold), bool(r.italic)) for r in p.runs] == [(False, True), (False, False)]
    assert p.runs[1].text.startswith("Việc triển khai")
    p = paragraph(document, "1. Đẩy mạnh công tác tuyên truyền:")  # second level: bold
    assert bool(p.runs[0].bold)


# --- closing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "receiver_pt", "title_bold"),
    [
        ("party_hd05_dangUyxa", (14, False, False, True), 12, False),
        ("state_nd30_ubndxa", (12, True, True, False), 11, True),
        ("union_qd933_ldld", (12, True, True, False), 11, True),
    ],
)
def test_the_closing_table_has_receivers_left_and_the_signature_right(
    name: str, head: tuple[float, bool, bool, bool], receiver_pt: int, title_bold: bool
) -> None:
    path = ROOT / "tests" / "clean" / f"{name}.txt"
    plan, document = plan_of(path), opened(rendered(path))
    table = document.tables[-1]
    assert len(table.columns) == 2 and len(table.rows) == 1
    assert table.rows[0]._tr.find(f"{W}trPr/{W}cantSplit") is not None
    heading = cell_paragraph(table, 0, 0, "Nơi nhận")
    assert heading.text == "Nơi nhận:"
    size, bold, italic, underline = head
    runs = heading.runs
    assert (runs[0].font.size.pt, bool(runs[0].bold), bool(runs[0].italic)) == (size, bold, italic)
    assert bool(runs[0].underline) is underline
    lines = [p.text for p in table.cell(0, 0).paragraphs[1:]]
    assert len(lines) == len(plan.recipients)
    assert all(ln.startswith("- ") and ln.endswith(";") for ln in lines[:-1])
    assert lines[-1].endswith(".")
    for p in table.cell(0, 0).paragraphs[1:]:
        assert style(p)[0] == receiver_pt
    signer = plan.signer
    assert signer is not None and signer.authority and signer.title and signer.name
    right = table.cell(0, 1).paragraphs
    texts = [p.text for p in right]
    assert texts[0] == signer.authority and texts[1] == signer.title
    assert texts[-1] == signer.name and texts[2:-1] == ["", "", "", ""]
    assert style(right[0]) == (14, True, False, False)
    assert style(right[1]) == (14, title_bold, False, False)
    assert style(right[-1]) == (14, True, False, False)
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER for p in right)
    last_body = document.paragraphs[-1]
    assert last_body.paragraph_format.keep_with_next


# --- regime -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "regime"),
    [
        (SEEDS[0], "party"),
        (SEEDS[2], "union"),
        (SEEDS[3], "party"),
        (ROOT / "tests" / "clean" / "state_nd30_ubndxa.txt", "state"),
        (ROOT / "tests" / "clean" / "union_qd933_ldld.txt", "union"),
    ],
)
def test_the_regime_is_chosen_from_the_plan_and_the_checker_agrees(path: Path, regime: str) -> None:
    assert choose_regime(plan_of(path)) == regime
    assert check_bytes(rendered(path), name="x.docx").regime == regime


def test_the_regime_comes_from_issuer_words_and_signing_when_there_is_no_symbol() -> None:
    assert choose_regime(Plan(issuer="Chi bộ Thôn Đông Lý")) == "party"
    assert choose_regime(Plan(issuer="Ban Tuyên giáo Tỉnh ủy Nam Định")) == "party"
    assert choose_regime(Plan(issuer="Liên đoàn Lao động huyện Ý Yên")) == "union"
    assert choose_regime(Plan(issuer="Công đoàn ngành Giáo dục")) == "union"
    assert choose_regime(Plan(issuer="Ủy ban nhân dân xã Văn Lâm")) == "state"
    assert choose_regime(Plan(issuer="Sở Tư pháp", symbol="KH/QU")) == "party"


def test_a_regime_can_be_forced_and_an_unknown_one_is_refused() -> None:
    plan = plan_of(SEEDS[0])
    document = opened(render_docx(plan, regime="state"))
    right = [p.text for p in document.tables[0].cell(0, 1).paragraphs]
    assert right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    with pytest.raises(ValueError, match="kiểu văn bản"):
        render_docx(plan, regime="church")


# --- round trip and checker ---------------------------------------------------------------

ALL = [*SEEDS, *CLEAN, *OWN]


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.stem)
def test_reading_the_rendered_docx_gives_back_the_same_plan(path: Path) -> None:
    plan = plan_of(path)
    want = comparable(plan)
    if not plan.organ_lines:  # the renderer prints the issuer's lines; they are read back
        want["organ_lines"] = [ln for ln, _ in header_organ_lines(plan, choose_regime(plan))]
    got = comparable(parse_bytes(rendered(path), name="x.docx"))
    skipped = ROUND_TRIP_EXCEPTIONS.get(path.stem, {})
    differing = {
        k: (want[k], got.get(k)) for k in want if k not in skipped and got.get(k) != want[k]
    }
    assert not differing, json.dumps(differing, ensure_ascii=False)[:2000]


def test_a_plan_from_json_renders_like_the_parsed_plan() -> None:
    plan = plan_of(CLEAN[0])
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict(), ensure_ascii=False)))
    assert comparable(parse_bytes(render_docx(again), name="x.docx")) == comparable(plan)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_a_clean_plan_renders_with_no_finding_at_all(path: Path) -> None:
    report = check_bytes(rendered(path), name="x.docx")
    assert [(f.rule, f.line, f.message) for f in report.findings] == []


@pytest.mark.parametrize("path", [*SEEDS, *OWN], ids=lambda p: p.stem)
def test_the_checker_finds_only_what_the_plans_own_content_causes(path: Path) -> None:
    plan = plan_of(path)
    # What the text already has, and the blanks the renderer must leave for a plan
    # without a number, a date or a place.
    allowed = {f.rule for f in check_path(path).findings}
    allowed |= {"NUM-002"} if plan.number is None else set()
    allowed |= {"DAT-002"} if plan.date is None else set()
    allowed |= {"DAT-004"} if plan.place is None else set()
    report = check_bytes(rendered(path), name="x.docx")
    serious = [f for f in report.findings if f.severity is not Severity.INFO]
    assert [(f.rule, f.line, f.message) for f in serious if f.rule not in allowed] == []
    assert not [f.rule for f in report.findings if f.rule.startswith("LAY-")]
