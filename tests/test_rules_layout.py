"""Layout rules (LAY-001…013): each fires on a DOCX with the defect and is silent on a
well-formed one; none runs on plain text."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import date

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from kehoach.document.checking.context import build_context
from kehoach.document.checking.model import RULES, Finding, Severity
from kehoach.document.checking.rules.layout import layout_of
from kehoach.document.checking.runner import check_bytes, rules_for
from kehoach.document.reading import read_bytes
from support.docx_builder import plan_docx

HD05 = date(2026, 6, 1)  # a date on which HD05 (fixed Party values) is in force

BODY = (
    "Thực hiện Kế hoạch số 104-KH/TU, ngày 03/10/2018 của Ban Thường vụ Thành ủy về "
    "tuyên truyền lịch sử Đảng, Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
    "{paragraphs}"
    "II. TỔ CHỨC THỰC HIỆN\n"
    "Ban Tuyên giáo Quận ủy chủ trì, hướng dẫn và theo dõi việc thực hiện kế hoạch.\n"
)
FILLER = (
    "- Giúp cán bộ, đảng viên và Nhân dân nhận thức sâu sắc hơn về lịch sử Đảng bộ, "
    "khơi dậy tinh thần tự hào và củng cố niềm tin vững chắc đối với Đảng, Nhà nước, "
    "cùng chung sức xây dựng quê hương phát triển bền vững, văn minh, hiện đại.\n"
)

PARTY = (
    "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\n"
    "QUẬN ỦY LONG BIÊN\n"
    "*\n"
    "Số 193-KH/QU\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Long Biên, ngày 03 tháng 11 năm 2023\n"
    "\n"
    "KẾ HOẠCH\n"
    "tuyên truyền cuốn sách lịch sử Đảng bộ quận\n"
    "\n"
    "{body}"
    "\n"
    "Nơi nhận:\n"
    "- Thành ủy Hà Nội (để báo cáo);\n"
    "- Các chi, đảng bộ cơ sở;\n"
    "- Lưu Văn phòng Quận ủy.\n"
    "T/M BAN THƯỜNG VỤ\n"
    "PHÓ BÍ THƯ\n"
    "\n"
    "Ngô Mạnh Điềm\n"
)

STATE = (
    "UBND TỈNH THANH HÓA\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\n"
    "Số: 15/KH-UBND\n"
    "Thanh Hóa, ngày 15 tháng 3 năm 2024\n"
    "\n"
    "KẾ HOẠCH\n"
    "Về công tác tuyên truyền cải cách hành chính năm 2024\n"
    "\n"
    "{body}"
    "\n"
    "Nơi nhận:\n"
    "- Bộ Nội vụ (để b/c);\n"
    "- Lưu: VT, NC.\n"
    "TM. ỦY BAN NHÂN DÂN\n"
    "CHỦ TỊCH\n"
    "\n"
    "Lê Đức Thuận\n"
)

# The typography each regime asks for, applied to the builder's output.
PARTY_STYLES = {
    "KẾ HOẠCH": {"size": 15, "bold": True},
    "PHÓ BÍ THƯ": {"bold": False},
    "Ngô Mạnh Điềm": {"bold": True},
    "Nơi nhận:": {"underline": True},
}
STATE_STYLES = {
    "Lê Đức Thuận": {"bold": True},
    "Nơi nhận:": {"size": 12, "bold": True, "italic": True},
}


def plan_text(template: str, paragraphs: int = 30) -> str:
    return template.format(body=BODY.format(paragraphs=FILLER * paragraphs))


def _paragraphs(document: docx.document.Document) -> Iterator[docx.text.paragraph.Paragraph]:
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _format(paragraph: docx.text.paragraph.Paragraph, **props: object) -> None:
    for run in paragraph.runs:
        if "size" in props:
            run.font.size = Pt(float(props["size"]))  # type: ignore[arg-type]
        for name in ("bold", "italic", "underline"):
            if name in props:
                setattr(run.font, name, props[name])


def _add_page_number(
    section: docx.section.Section, *, footer: bool = False, size: float = 14
) -> None:
    part = section.footer if footer else section.header
    paragraph = part.paragraphs[0]
    paragraph._p.append(
        parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr>'
            f'<w:sz w:val="{round(size * 2)}"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'
        )
    )


def edit(data: bytes, change: Callable[[docx.document.Document], None]) -> bytes:
    document = docx.Document(io.BytesIO(data))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def well_formed(template: str, *, paragraphs: int = 30, page_numbers: bool = True) -> bytes:
    """The builder's DOCX with each component in the regime's typography and page numbers
    from page 2 (``different first page``)."""
    party = template is PARTY
    styles = PARTY_STYLES if party else STATE_STYLES
    receivers = 12 if party else 11

    def polish(document: docx.document.Document) -> None:
        in_recipients = False
        for paragraph in _paragraphs(document):
            text = paragraph.text.strip()
            if text in styles:
                _format(paragraph, **styles[text])
            if text.startswith("Nơi nhận"):
                in_recipients = True
            elif in_recipients and text.startswith("-"):
                _format(paragraph, size=receivers)
        section = document.sections[0]
        if page_numbers:
            section.different_first_page_header_footer = True
            _add_page_number(section)

    return edit(plan_docx(plan_text(template, paragraphs)), polish)


def layout_findings(data: bytes, rule_id: str, *, on: date | None = None) -> list[Finding]:
    others = [r for r in RULES if r != rule_id]
    report = check_bytes(data, name="plan.docx", as_of=on, ignore=others)
    return [f for f in report.findings if f.rule == rule_id]


def all_layout_findings(data: bytes, *, on: date | None = None) -> list[Finding]:
    check_bytes(b"x", name="x.txt")  # loads the rule modules
    others = [r for r in RULES if not r.startswith("LAY-")]
    return check_bytes(data, name="plan.docx", as_of=on, ignore=others).findings


@pytest.fixture(scope="module")
def party_docx() -> bytes:
    return well_formed(PARTY)


@pytest.fixture(scope="module")
def state_docx() -> bytes:
    return well_formed(STATE)


# --- well-formed documents -----------------------------------------------------------------


def test_a_well_formed_party_plan_has_no_layout_findings(party_docx: bytes) -> None:
    assert all_layout_findings(party_docx) == []


def test_a_well_formed_party_plan_passes_the_fixed_hd05_values(party_docx: bytes) -> None:
    assert all_layout_findings(party_docx, on=HD05) == []


def test_a_well_formed_state_plan_has_no_layout_findings(state_docx: bytes) -> None:
    assert all_layout_findings(state_docx) == []


def test_layout_rules_do_not_run_on_plain_text() -> None:
    report = check_bytes(plan_text(PARTY).encode("utf-8"), name="plan.txt")
    assert not [r for r in report.rules_run if r.startswith("LAY-")]
    assert not [f for f in report.findings if f.rule.startswith("LAY-")]


def test_layout_rules_run_on_docx(party_docx: bytes) -> None:
    source = read_bytes(party_docx, name="plan.docx")
    ctx = build_context(source, docx=party_docx)
    ids = {r.id for r in rules_for(ctx)}
    assert {f"LAY-{n:03d}" for n in range(1, 14)} <= ids


def test_every_layout_rule_names_its_id_in_its_title_and_a_source() -> None:
    check_bytes(b"x", name="x.txt")
    layout = [r for r in RULES.values() if r.layout]
    assert len(layout) >= 13
    for r in layout:
        assert r.title.startswith(f"{r.id}: ")
        assert "HD05" in r.source and "NĐ30" in r.source


def test_the_layout_is_read_once_per_check(party_docx: bytes) -> None:
    source = read_bytes(party_docx, name="plan.docx")
    ctx = build_context(source, docx=party_docx)
    assert layout_of(ctx) is layout_of(ctx)
    other = build_context(source, docx=party_docx)
    assert layout_of(other) is not layout_of(ctx)


def test_an_unreadable_package_makes_the_layout_rules_silent(party_docx: bytes) -> None:
    source = read_bytes(party_docx, name="plan.docx")
    ctx = build_context(source, docx=b"PK\x03\x04 not really a zip")
    assert layout_of(ctx) is None
    for r in RULES.values():
        if r.layout:
            assert list(r.check(ctx)) == []


# --- LAY-001 paper ---------------------------------------------------------------------------


def test_lay001_fires_on_letter_paper(party_docx: bytes) -> None:
    def letter(document: docx.document.Document) -> None:
        document.sections[0].page_width = Mm(215.9)
        document.sections[0].page_height = Mm(279.4)

    [finding] = layout_findings(edit(party_docx, letter), "LAY-001")
    assert finding.severity is Severity.ERROR
    assert finding.line is None
    assert "215,9 × 279,4 mm (Letter)" in finding.message


def test_lay001_fires_on_a_landscape_first_page(party_docx: bytes) -> None:
    def landscape(document: docx.document.Document) -> None:
        document.sections[0].page_width = Mm(297)
        document.sections[0].page_height = Mm(210)

    [finding] = layout_findings(edit(party_docx, landscape), "LAY-001")
    assert "khổ ngang" in finding.message


def test_lay001_is_silent_on_a4_portrait(party_docx: bytes) -> None:
    assert layout_findings(party_docx, "LAY-001") == []


# --- LAY-002 margins -------------------------------------------------------------------------


def _left_margin(mm: float) -> Callable[[docx.document.Document], None]:
    def change(document: docx.document.Document) -> None:
        document.sections[0].left_margin = Mm(mm)

    return change


def test_lay002_fires_on_a_party_left_margin_of_25_mm_under_hd05(party_docx: bytes) -> None:
    [finding] = layout_findings(edit(party_docx, _left_margin(25)), "LAY-002", on=HD05)
    assert finding.severity is Severity.WARNING
    assert finding.text == "lề trái 25 mm"
    assert finding.message == "Lề trái 25 mm; văn bản Đảng phải 30 mm."
    assert finding.suggestion == "Đặt lề trái 30 mm (Page Setup > Margins)."


def test_lay002_allows_a_small_tolerance_on_the_fixed_party_margins(party_docx: bytes) -> None:
    assert layout_findings(edit(party_docx, _left_margin(30.5)), "LAY-002", on=HD05) == []


def test_lay002_is_info_for_party_documents_before_hd05(party_docx: bytes) -> None:
    [finding] = layout_findings(edit(party_docx, _left_margin(25)), "LAY-002")
    assert finding.severity is Severity.INFO


def test_lay002_fires_on_a_state_left_margin_of_25_mm(state_docx: bytes) -> None:
    [finding] = layout_findings(edit(state_docx, _left_margin(25)), "LAY-002")
    assert finding.severity is Severity.WARNING
    assert finding.message == "Lề trái 25 mm; văn bản hành chính phải 30–35 mm."


def test_lay002_accepts_any_state_margin_inside_the_range(state_docx: bytes) -> None:
    assert layout_findings(edit(state_docx, _left_margin(35)), "LAY-002") == []


def test_lay002_fires_on_a_narrow_top_margin(state_docx: bytes) -> None:
    def top(document: docx.document.Document) -> None:
        document.sections[0].top_margin = Mm(12.7)

    [finding] = layout_findings(edit(state_docx, top), "LAY-002")
    assert finding.text == "lề trên 12,7 mm"


# --- LAY-003 font ----------------------------------------------------------------------------


def _normal_font(name: str) -> Callable[[docx.document.Document], None]:
    def change(document: docx.document.Document) -> None:
        document.styles["Normal"].font.name = name

    return change


def test_lay003_fires_on_arial(party_docx: bytes) -> None:
    [finding] = layout_findings(edit(party_docx, _normal_font("Arial")), "LAY-003")
    assert finding.severity is Severity.WARNING
    assert finding.text == "phông Arial"
    assert "Times New Roman" in finding.message


def test_lay003_accepts_a_metric_compatible_font(party_docx: bytes) -> None:
    assert layout_findings(edit(party_docx, _normal_font("Liberation Serif")), "LAY-003") == []


def test_lay003_names_a_legacy_tcvn3_font() -> None:
    data = plan_docx(plan_text(PARTY, 2), legacy_font=".VnTime")
    findings = layout_findings(data, "LAY-003")
    assert findings
    assert all("không phải Unicode" in f.message for f in findings)


def test_lay003_points_at_the_first_paragraph_in_the_font(party_docx: bytes) -> None:
    def one_run(document: docx.document.Document) -> None:
        for paragraph in _paragraphs(document):
            if paragraph.text.startswith("II. TỔ CHỨC"):
                paragraph.runs[0].font.name = "Arial"

    [finding] = layout_findings(edit(party_docx, one_run), "LAY-003")
    assert finding.line is not None
    source = read_bytes(edit(party_docx, one_run), name="plan.docx")
    assert source.lines[finding.line - 1].startswith("II. TỔ CHỨC")


# --- LAY-004 body size -----------------------------------------------------------------------


def _normal_size(points: float) -> Callable[[docx.document.Document], None]:
    def change(document: docx.document.Document) -> None:
        document.styles["Normal"].font.size = Pt(points)

    return change


def test_lay004_fires_on_a_party_body_in_13(party_docx: bytes) -> None:
    [finding] = layout_findings(edit(party_docx, _normal_size(13)), "LAY-004")
    assert finding.severity is Severity.WARNING
    assert finding.text == "cỡ 13"
    assert finding.message == "Cỡ chữ phần nội dung 13; văn bản Đảng dùng cỡ 14–15."


def test_lay004_accepts_a_state_body_in_13(state_docx: bytes) -> None:
    assert layout_findings(edit(state_docx, _normal_size(13)), "LAY-004") == []


def test_lay004_fires_on_a_state_body_in_12(state_docx: bytes) -> None:
    [finding] = layout_findings(edit(state_docx, _normal_size(12)), "LAY-004")
    assert "13–14" in finding.message


def test_lay004_reports_a_few_paragraphs_in_another_size(party_docx: bytes) -> None:
    def small(document: docx.document.Document) -> None:
        for paragraph in _paragraphs(document):
            if paragraph.text.startswith("Ban Tuyên giáo Quận ủy chủ trì"):
                _format(paragraph, size=12)

    [finding] = layout_findings(edit(party_docx, small), "LAY-004")
    assert finding.message.startswith("1 đoạn nội dung cỡ 12")


# --- LAY-005 … LAY-009 components --------------------------------------------------------


def _restyle(text: str, **props: object) -> Callable[[docx.document.Document], None]:
    def change(document: docx.document.Document) -> None:
        for paragraph in _paragraphs(document):
            if paragraph.text.strip() == text:
                _format(paragraph, **props)

    return change


def test_lay005_fires_on_a_party_type_name_in_14(party_docx: bytes) -> None:
    data = edit(party_docx, _restyle("KẾ HOẠCH", size=14))
    [finding] = layout_findings(data, "LAY-005")
    assert finding.severity is Severity.WARNING
    assert finding.text == "KẾ HOẠCH"
    assert finding.message == (
        "Tên loại văn bản cỡ 14; văn bản Đảng quy định chữ in hoa, đậm, cỡ 15–16."
    )
    assert finding.line == read_bytes(data, name="p.docx").lines.index("KẾ HOẠCH") + 1


def test_lay005_fires_on_a_type_name_not_bold(state_docx: bytes) -> None:
    [finding] = layout_findings(edit(state_docx, _restyle("KẾ HOẠCH", bold=False)), "LAY-005")
    assert "không đậm" in finding.message


def test_lay006_fires_on_a_title_not_bold(party_docx: bytes) -> None:
    title = "tuyên truyền cuốn sách lịch sử Đảng bộ quận"
    [finding] = layout_findings(edit(party_docx, _restyle(title, bold=False)), "LAY-006")
    assert finding.text == title
    assert finding.message.startswith("Trích yếu không đậm;")


def test_lay006_fires_on_a_title_too_large(state_docx: bytes) -> None:
    title = "Về công tác tuyên truyền cải cách hành chính năm 2024"
    [finding] = layout_findings(edit(state_docx, _restyle(title, size=16)), "LAY-006")
    assert "cỡ 16" in finding.message


def test_lay007_fires_on_a_bold_party_signer_title(party_docx: bytes) -> None:
    data = edit(party_docx, _restyle("PHÓ BÍ THƯ", bold=True))
    [finding] = layout_findings(data, "LAY-007")
    assert finding.text == "PHÓ BÍ THƯ"
    assert finding.message == "Chức vụ người ký đậm; văn bản Đảng quy định không đậm, cỡ 14."
    assert finding.severity is Severity.INFO  # HD36: the signer's styles were not verified
    [hd05] = layout_findings(data, "LAY-007", on=HD05)
    assert hd05.severity is Severity.WARNING


def test_lay007_fires_on_a_state_signer_name_not_bold(state_docx: bytes) -> None:
    [finding] = layout_findings(edit(state_docx, _restyle("Lê Đức Thuận", bold=False)), "LAY-007")
    assert finding.text == "Lê Đức Thuận"
    assert finding.severity is Severity.WARNING


def test_lay008_fires_on_a_party_noi_nhan_not_underlined(party_docx: bytes) -> None:
    data = edit(party_docx, _restyle("Nơi nhận:", underline=False))
    [finding] = layout_findings(data, "LAY-008", on=HD05)
    assert finding.text == "Nơi nhận:"
    assert "không gạch chân" in finding.message


def test_lay008_fires_on_a_state_noi_nhan_in_14_upright(state_docx: bytes) -> None:
    data = edit(state_docx, _restyle("Nơi nhận:", size=14, italic=False))
    [finding] = layout_findings(data, "LAY-008")
    assert finding.message == (
        "Chữ «Nơi nhận:» cỡ 14, không nghiêng; văn bản hành chính quy định đậm, nghiêng, cỡ 12."
    )


def test_lay009_fires_on_receivers_in_14(party_docx: bytes) -> None:
    data = edit(party_docx, _restyle("- Các chi, đảng bộ cơ sở;", size=14))
    [finding] = layout_findings(data, "LAY-009", on=HD05)
    assert finding.text == "- Các chi, đảng bộ cơ sở;"
    assert finding.message == "1 dòng nơi nhận cỡ 14; văn bản Đảng quy định cỡ 12."


def test_lay009_fires_on_state_receivers_in_12(state_docx: bytes) -> None:
    data = edit(state_docx, _restyle("- Bộ Nội vụ (để b/c);", size=12))
    [finding] = layout_findings(data, "LAY-009")
    assert "cỡ 11" in finding.message


@pytest.mark.parametrize("rule_id", ["LAY-005", "LAY-006", "LAY-007", "LAY-008", "LAY-009"])
def test_component_rules_are_silent_on_the_well_formed_plans(
    rule_id: str, party_docx: bytes, state_docx: bytes
) -> None:
    assert layout_findings(party_docx, rule_id, on=HD05) == []
    assert layout_findings(state_docx, rule_id) == []


# --- LAY-010 header table --------------------------------------------------------------------


def test_lay010_fires_when_the_header_is_not_a_table(party_docx: bytes) -> None:
    def flatten(document: docx.document.Document) -> None:
        table = document.tables[0]
        lines = [p.text for cell in table.rows[0].cells for p in cell.paragraphs]
        anchor = table._tbl
        for text in lines:
            paragraph = document.add_paragraph(text)
            anchor.addprevious(paragraph._p)
        anchor.getparent().remove(anchor)

    [finding] = layout_findings(edit(party_docx, flatten), "LAY-010")
    assert finding.severity is Severity.WARNING
    assert finding.text == "Số 193-KH/QU"


def test_lay010_fires_when_the_columns_are_swapped(party_docx: bytes) -> None:
    def swap(document: docx.document.Document) -> None:
        row = document.tables[0].rows[0]._tr
        left, right = row.tc_lst
        row.remove(left)
        right.addnext(left)

    [finding] = layout_findings(edit(party_docx, swap), "LAY-010")
    assert "cột trái" in finding.message


def test_lay010_is_silent_on_the_two_column_header(party_docx: bytes, state_docx: bytes) -> None:
    assert layout_findings(party_docx, "LAY-010") == []
    assert layout_findings(state_docx, "LAY-010") == []


# --- LAY-011 … LAY-013 page numbers -------------------------------------------------------


def test_lay011_fires_on_a_long_plan_without_page_numbers() -> None:
    data = well_formed(PARTY, page_numbers=False)
    [finding] = layout_findings(data, "LAY-011")
    assert finding.severity is Severity.WARNING
    assert finding.line is None


def test_lay011_is_silent_on_a_one_page_plan_without_page_numbers() -> None:
    data = well_formed(PARTY, paragraphs=2, page_numbers=False)
    assert layout_findings(data, "LAY-011") == []


def test_lay011_is_silent_when_pages_are_numbered(party_docx: bytes) -> None:
    assert layout_findings(party_docx, "LAY-011") == []


def test_lay012_fires_when_page_one_shows_its_number() -> None:
    def numbered_everywhere(document: docx.document.Document) -> None:
        _add_page_number(document.sections[0])

    data = edit(well_formed(PARTY, page_numbers=False), numbered_everywhere)
    [finding] = layout_findings(data, "LAY-012")
    assert finding.severity is Severity.INFO
    assert layout_findings(data, "LAY-011") == []


def test_lay012_is_silent_with_a_different_first_page(party_docx: bytes) -> None:
    assert layout_findings(party_docx, "LAY-012") == []


def test_lay013_fires_on_page_numbers_in_the_footer() -> None:
    def footer(document: docx.document.Document) -> None:
        document.sections[0].different_first_page_header_footer = True
        _add_page_number(document.sections[0], footer=True)

    data = edit(well_formed(PARTY, page_numbers=False), footer)
    [finding] = layout_findings(data, "LAY-013")
    assert "chân trang" in finding.message
    assert layout_findings(data, "LAY-011") == []


def test_lay013_fires_on_page_numbers_in_12() -> None:
    def small(document: docx.document.Document) -> None:
        document.sections[0].different_first_page_header_footer = True
        _add_page_number(document.sections[0], size=12)

    data = edit(well_formed(STATE, page_numbers=False), small)
    [finding] = layout_findings(data, "LAY-013")
    assert finding.message == "Số trang cỡ 12; văn bản hành chính dùng cỡ 13–14."


def test_lay013_is_silent_on_centred_header_numbers(party_docx: bytes, state_docx: bytes) -> None:
    assert layout_findings(party_docx, "LAY-013") == []
    assert layout_findings(state_docx, "LAY-013") == []
