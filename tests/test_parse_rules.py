"""The parser's rules, one behaviour per test, on small plans written for the purpose."""

from __future__ import annotations

import pytest

from kehoach.document import Plan, parse_text

BODY = """
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của cán bộ, đảng viên.
II. NỘI DUNG, THỜI GIAN
1. Tuyên truyền trên Cổng thông tin điện tử và đài truyền thanh các phường.
2. Thời gian: từ nay đến cuối năm 2023; cao điểm từ ngày 01/9/2023 đến ngày 15/9/2023.
III. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Quận ủy
- Hướng dẫn, đôn đốc thực hiện kế hoạch.
- Tổng hợp báo cáo kết quả về Thường trực Quận ủy trước ngày 20/12/2023.
2. Trung tâm Chính trị quận: Lựa chọn nội dung đưa vào chương trình bồi dưỡng.
3. Các chi, đảng bộ cơ sở
Định kỳ hàng quý, năm báo cáo kết quả về Quận ủy (qua Ban Tuyên giáo).
4. Kinh phí
Từ nguồn kinh phí thường xuyên.
Nơi nhận:
- Ban Tuyên giáo Thành ủy (để báo cáo),
- Thường trực Quận ủy,
- Các chi, đảng bộ cơ sở; (để t/h)
- Lưu VP.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
(Đã ký)
Nguyễn Văn An
"""

PARTY_HEADER = """QUẬN ỦY HOÀNG MAI
*
Số 45-KH/QU
ĐẢNG CỘNG SẢN VIỆT NAM
Hoàng Mai, ngày 04 tháng 8 năm 2023
KẾ HOẠCH
tuyên truyền kỷ niệm 78 năm Cách mạng tháng Tám
và Quốc khánh 2/9
Thực hiện Kế hoạch số 12-KH/BTGTU, ngày 20/7/2023 của Ban Tuyên giáo Thành ủy về tuyên truyền các ngày lễ lớn; Hướng dẫn số 05-HD/BTGTW ngày 01/7/2023, Ban Thường vụ Quận ủy ban hành kế hoạch như sau:
"""


def plan(header: str = PARTY_HEADER, body: str = BODY) -> Plan:
    return parse_text(header + body)


def test_party_number_line_splits_into_number_and_symbol() -> None:
    p = plan()
    assert (p.number, p.symbol) == ("45", "KH/QU")


@pytest.mark.parametrize(
    ("line", "number", "symbol"),
    [
        ("Số 193 -KH/QU", "193", "KH/QU"),
        ("Số: 43/KH-LĐLĐ", "43", "KH-LĐLĐ"),
        ("Số  08 - KH/BTG", "08", "KH/BTG"),
        ("Số: 367 - QĐ/TWĐTN-VP", "367", "QĐ/TWĐTN-VP"),
        ("Số: 123/2015/NĐ-CP", "123", "2015/NĐ-CP"),
        ("1911/BVHTTDL-VHCS", "1911", "BVHTTDL-VHCS"),
        ("Số -KH/HU", None, "KH/HU"),
        ("Số:        /KH-UBND", None, "KH-UBND"),
    ],
)
def test_number_line_forms_are_read(line: str, number: str | None, symbol: str) -> None:
    header = PARTY_HEADER.replace("Số 45-KH/QU", line)
    p = plan(header)
    assert (p.number, p.symbol) == (number, symbol)


def test_blank_number_is_null_with_a_warning_at_its_line() -> None:
    p = plan(PARTY_HEADER.replace("Số 45-KH/QU", "Số -KH/QU"))
    assert p.number is None
    assert any(w.code == "number-blank" and w.line == 3 for w in p.warnings)


def test_header_lines_in_any_order_give_the_same_header() -> None:
    shuffled = """ĐẢNG CỘNG SẢN VIỆT NAM
Hoàng Mai, ngày 04 tháng 8 năm 2023
*
Số 45-KH/QU
QUẬN ỦY HOÀNG MAI
KẾ HOẠCH
tuyên truyền kỷ niệm 78 năm Cách mạng tháng Tám
và Quốc khánh 2/9
Thực hiện Kế hoạch số 12-KH/BTGTU, ngày 20/7/2023 của Ban Tuyên giáo Thành ủy về tuyên truyền các ngày lễ lớn; Hướng dẫn số 05-HD/BTGTW ngày 01/7/2023, Ban Thường vụ Quận ủy ban hành kế hoạch như sau:
"""
    a, b = plan(), plan(shuffled)
    for field in ("number", "symbol", "place", "date", "title", "issuer", "doc_type"):
        assert getattr(a, field) == getattr(b, field), field


def test_both_header_columns_on_one_line_are_split() -> None:
    header = PARTY_HEADER.replace(
        "Số 45-KH/QU\nĐẢNG CỘNG SẢN VIỆT NAM\nHoàng Mai, ngày 04 tháng 8 năm 2023",
        "Số 45-KH/QU                         Hoàng Mai, ngày 04 tháng 8 năm 2023",
    )
    p = plan(header)
    assert (p.number, p.place, p.date) == ("45", "Hoàng Mai", "2023-08-04")


def test_flattened_table_rows_are_read_as_cells() -> None:
    header = """| QUẬN ỦY HOÀNG MAI | ĐẢNG CỘNG SẢN VIỆT NAM |
|---|---|
| Số 45-KH/QU | Hoàng Mai, ngày 04 tháng 8 năm 2023 |
KẾ HOẠCH
tuyên truyền kỷ niệm 78 năm Cách mạng tháng Tám
Thực hiện Kế hoạch số 12-KH/BTGTU, ngày 20/7/2023 của Ban Tuyên giáo Thành ủy, Ban Thường vụ Quận ủy ban hành kế hoạch như sau:
"""
    p = plan(header)
    assert (p.number, p.symbol, p.date, p.place) == ("45", "KH/QU", "2023-08-04", "Hoàng Mai")


def test_blank_day_of_a_draft_gives_null_date_with_a_warning() -> None:
    p = plan(PARTY_HEADER.replace("ngày 04 tháng 8", "ngày      tháng 8"))
    assert p.date is None
    assert p.place == "Hoàng Mai"
    assert any(w.code == "date-incomplete" for w in p.warnings)


def test_impossible_issue_date_is_not_invented() -> None:
    p = plan(PARTY_HEADER.replace("ngày 04 tháng 8", "ngày 31 tháng 2"))
    assert p.date is None
    assert any(w.code == "date-invalid" and "31/2/2023" in w.message for w in p.warnings)


def test_accent_stripped_date_line_is_read() -> None:
    p = plan(
        PARTY_HEADER.replace(
            "Hoàng Mai, ngày 04 tháng 8 năm 2023", "Hoàng Mai, ngay 04 thang 8 nam 2023"
        )
    )
    assert p.date == "2023-08-04"


def test_date_split_over_two_lines_is_joined() -> None:
    p = plan(PARTY_HEADER.replace("ngày 04 tháng 8 năm 2023", "ngày 04\ntháng 8 năm 2023"))
    assert p.date == "2023-08-04"


def test_title_of_two_lines_is_joined_with_a_space() -> None:
    assert plan().title == "tuyên truyền kỷ niệm 78 năm Cách mạng tháng Tám và Quốc khánh 2/9"


def test_title_on_the_type_line_is_split_from_the_type() -> None:
    header = PARTY_HEADER.replace(
        "KẾ HOẠCH\ntuyên truyền kỷ niệm 78 năm Cách mạng tháng Tám\nvà Quốc khánh 2/9",
        "KẾ HOẠCH TỔ CHỨC KỶ NIỆM 78 NĂM CÁCH MẠNG THÁNG TÁM",
    )
    p = plan(header)
    assert p.doc_type == "KẾ HOẠCH"
    assert p.title == "TỔ CHỨC KỶ NIỆM 78 NĂM CÁCH MẠNG THÁNG TÁM"


def test_issuer_refines_the_header_organ_with_the_opening_subject() -> None:
    assert plan().issuer == "Ban Thường vụ Quận ủy Hoàng Mai"


def test_issuer_is_completed_from_the_place_and_flagged_when_the_header_has_no_organ() -> None:
    p = plan(PARTY_HEADER.replace("QUẬN ỦY HOÀNG MAI\n", ""))
    assert p.issuer == "Ban Thường vụ Quận ủy Hoàng Mai"
    assert any(w.code == "issuer-inferred" for w in p.warnings)


def test_several_citations_in_one_sentence_are_separate_grounds() -> None:
    basis = plan().basis
    assert [(c.kind, c.number, c.symbol, c.date) for c in basis] == [
        ("Kế hoạch", "12", "KH/BTGTU", "2023-07-20"),
        ("Hướng dẫn", "05", "HD/BTGTW", "2023-07-01"),
    ]
    assert basis[0].issuer == "Ban Tuyên giáo Thành ủy"
    assert basis[1].issuer is None


def test_a_document_named_inside_a_citation_is_not_a_ground() -> None:
    header = PARTY_HEADER.replace(
        "về tuyên truyền các ngày lễ lớn",
        "về triển khai thực hiện Chỉ thị số 20-CT/TW của Ban Bí thư",
    )
    assert "Chỉ thị" not in [c.kind for c in plan(header).basis]


def test_sections_carry_roles_from_their_headings() -> None:
    sections = plan().sections
    assert [(s.label, s.role) for s in sections] == [
        ("I", "purpose"),
        ("II", "content"),
        ("III", "organization"),
    ]
    assert set(sections[1].roles) == {"content", "timeline"}


def test_units_include_inline_units_and_skip_the_budget_item() -> None:
    units = [a.unit for a in plan().assignments]
    assert units == ["Ban Tuyên giáo Quận ủy", "Trung tâm Chính trị quận", "Các chi, đảng bộ cơ sở"]


def test_duties_are_the_bullets_or_text_under_a_unit() -> None:
    first, inline = plan().assignments[:2]
    assert first.duties[0] == "Hướng dẫn, đôn đốc thực hiện kế hoạch."
    assert inline.duties == ["Lựa chọn nội dung đưa vào chương trình bồi dưỡng."]


def test_deadline_is_tied_to_the_unit_it_is_written_under() -> None:
    (deadline,) = plan().deadlines
    assert deadline.date == "2023-12-20"
    assert deadline.unit == "Ban Tuyên giáo Quận ủy"


def test_recurring_reports_follow_the_stated_periods() -> None:
    assert plan().recurring_reports == ["quarterly", "yearly"]


def test_relative_phase_runs_from_the_issue_date_and_peaks_are_marked() -> None:
    phases = {(p.start, p.end, p.peak) for p in plan().phases}
    assert ("2023-08-04", "2023-12-31", False) in phases
    assert ("2023-09-01", "2023-09-15", True) in phases


def test_channels_come_from_the_vocabulary_in_its_order() -> None:
    assert plan().channels == ["portal", "radio"]


def test_a_word_inside_another_word_is_no_channel() -> None:
    # "Đại hội Thi đua" is no contest, "ngân sách" no publication, "báo cáo" no press.
    body = BODY.replace(
        "Từ nguồn kinh phí thường xuyên.", "Từ ngân sách; báo cáo Đại hội Thi đua yêu nước."
    )
    assert plan(body=body).channels == ["portal", "radio"]


def test_recipients_keep_their_purpose_apart() -> None:
    recipients = [(r.name, r.purpose) for r in plan().recipients]
    assert recipients == [
        ("Ban Tuyên giáo Thành ủy", "để báo cáo"),
        ("Thường trực Quận ủy", None),
        ("Các chi, đảng bộ cơ sở", "để t/h"),
        ("Lưu VP", None),
    ]


def test_signer_skips_the_signed_mark() -> None:
    signer = plan().signer
    assert signer is not None
    assert (signer.authority, signer.title, signer.name) == (
        "T/M BAN THƯỜNG VỤ",
        "PHÓ BÍ THƯ",
        "Nguyễn Văn An",
    )


def test_state_double_office_lines_split_into_authority_and_title() -> None:
    body = BODY.replace("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    signer = plan(body=body).signer
    assert signer is not None
    assert (signer.authority, signer.title) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def test_page_break_inside_a_sentence_is_rejoined() -> None:
    body = BODY.replace(
        "Nâng cao nhận thức của cán bộ, đảng viên.",
        "Nâng cao nhận thức của cán bộ,\n\n\nđảng viên.",
    )
    purpose = plan(body=body).sections[0]
    assert purpose.text == "Nâng cao nhận thức của cán bộ, đảng viên."


def test_markdown_emphasis_is_removed_but_the_star_is_kept() -> None:
    header = PARTY_HEADER.replace("KẾ HOẠCH\n", "**KẾ HOẠCH**\n")
    p = plan(
        header, BODY.replace("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ", "**T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ**")
    )
    assert p.doc_type == "KẾ HOẠCH"
    assert p.signer is not None and p.signer.title == "PHÓ BÍ THƯ"


def test_missing_parts_are_reported_not_invented() -> None:
    p = parse_text("Một đoạn văn bản không phải kế hoạch.")
    assert p.number is None and p.date is None and p.issuer is None and p.sections == []
    codes = {w.code for w in p.warnings}
    assert {"number-missing", "date-missing", "sections-missing", "signer-missing"} <= codes


def test_parse_is_deterministic() -> None:
    assert plan().to_dict() == plan().to_dict()


def test_a_plan_survives_its_own_json() -> None:
    import json

    data = plan().to_dict()
    again = Plan.from_dict(json.loads(json.dumps(data))).to_dict()
    data.pop("warnings")
    again.pop("warnings")
    assert again == data


def test_a_plan_json_of_the_wrong_shape_is_refused_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="không đúng cấu trúc"):
        Plan.from_dict({"sections": [{"heading": "no label"}]})


def test_two_unnumbered_programmes_in_one_sentence_are_two_grounds() -> None:
    header = PARTY_HEADER.replace(
        "Thực hiện Kế hoạch số 12-KH/BTGTU",
        "Thực hiện chương trình công tác năm 2023 của Huyện ủy, chương trình phối hợp năm 2023; Kế hoạch số 12-KH/BTGTU",
    )
    titles = [c.title for c in plan(header).basis if c.number is None]
    assert titles == ["chương trình công tác năm 2023", "chương trình phối hợp năm 2023"]


def test_a_regulation_issued_with_a_decision_is_that_decision_s_title() -> None:
    header = PARTY_HEADER.replace(
        "Thực hiện Kế hoạch số 12-KH/BTGTU, ngày 20/7/2023 của Ban Tuyên giáo Thành ủy về tuyên truyền các ngày lễ lớn; ",
        "Căn cứ Quy chế làm việc của Ban Chấp hành ban hành kèm theo Quyết định số 05-QĐ/QU ngày 10/01/2021; ",
    )
    basis = plan(header).basis
    assert [(c.kind, c.number) for c in basis][:1] == [("Quyết định", "05")]
    assert basis[0].title == "Quy chế làm việc của Ban Chấp hành"


def test_a_printed_line_starting_with_chuong_trinh_continues_the_sentence_before() -> None:
    # In a PDF a missed paragraph break is caught by a new unit after a finished sentence;
    # "Chương trình" (a programme) is a plain word there, "Chương I" a chapter.
    from kehoach.document.parsing.lines import Line, join_paragraphs

    lines = [
        "Thực hiện Hướng dẫn số 161-HD/BTGTW về học tập Nghị quyết Đại hội XII của Đảng;",
        "Chương trình hành động của Thành uỷ, Ban Thường vụ Thành ủy xây dựng",
        "Kế hoạch như sau:",
        "Chương I. MỤC ĐÍCH, YÊU CẦU",
    ]
    joined = join_paragraphs([Line(i, t) for i, t in enumerate(lines, 1)], "pdf")
    assert [line.text for line in joined] == [" ".join(lines[:3]), lines[3]]
