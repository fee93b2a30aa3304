"""The structure rules of the form checker: sections (PLN), numbering (NUMB), dates in the
body (BDT) and citations (REF), document-format.md §6 and §7.2."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kehoach.document.checking import Finding, Severity, check_path, check_source
from kehoach.document.model import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
FAMILIES = ("PLN", "NUMB", "BDT", "REF")

HEADER = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Long Biên, ngày 03 tháng 11 năm 2023",
    "*",
    "Số 193-KH/QU",
    "",
    "KẾ HOẠCH",
    "tuyên truyền kỷ niệm ngày thành lập Quận",
    "-----",
    "",
]
OPENING = [
    "Thực hiện Kế hoạch số 104-KH/TU, ngày 03/10/2018 của Ban Thường vụ Thành ủy về "
    "tuyên truyền lịch sử Đảng, Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:",
]
PURPOSE = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "- Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân.",
    "2. Yêu cầu",
    "- Tuyên truyền sâu rộng, thiết thực, hiệu quả.",
]
CONTENT = [
    "II. NỘI DUNG TUYÊN TRUYỀN",
    "1. Lịch sử Đảng bộ Quận giai đoạn 2013-2023.",
    "2. Các công trình chào mừng 20 năm thành lập Quận (06/11/2003 - 06/11/2023).",
]
ORGANIZATION = [
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Ban Tuyên giáo Quận ủy",
    "- Tham mưu, hướng dẫn triển khai; báo cáo kết quả trước ngày 15/12/2023.",
    "2. Các tổ chức cơ sở đảng",
    "- Triển khai thực hiện nghiêm túc, hiệu quả.",
]
CLOSING = [
    "Trên đây là Kế hoạch tuyên truyền, đề nghị các đơn vị thực hiện nghiêm túc./.",
    "",
    "Nơi nhận:",
    "- Ban Tuyên giáo Thành ủy;",
    "- Lưu Văn phòng Quận ủy.",
    "",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "",
    "Nguyễn Văn An",
]


def plan(
    *,
    opening: list[str] = OPENING,
    purpose: list[str] = PURPOSE,
    content: list[str] = CONTENT,
    organization: list[str] = ORGANIZATION,
    extra: list[str] | None = None,
    header: list[str] = HEADER,
) -> list[str]:
    return [*header, *opening, *purpose, *content, *organization, *(extra or []), *CLOSING]


def findings(
    lines: list[str], prefix: str | tuple[str, ...] = FAMILIES, **kw: object
) -> list[Finding]:
    report = check_source(SourceText(tuple(lines)), **kw)  # type: ignore[arg-type]
    prefixes = (prefix,) if isinstance(prefix, str) else prefix
    return [f for f in report.findings if f.rule.startswith(prefixes)]


def line_of(lines: list[str], text: str) -> int:
    return next(i for i, ln in enumerate(lines, 1) if text in ln)


def only(lines: list[str], rule_id: str, **kw: object) -> Finding:
    found = [f for f in findings(lines, rule_id, **kw) if f.rule == rule_id]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- a well-formed plan


def test_a_well_formed_plan_gives_no_structure_finding() -> None:
    assert findings(plan()) == []


def test_a_well_formed_state_plan_gives_no_structure_finding() -> None:
    header = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 15/KH-UBND",
        "Hà Nội, ngày 10 tháng 3 năm 2023",
        "",
        "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính năm 2023",
        "",
    ]
    opening = [
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; "
        "Ủy ban nhân dân quận ban hành Kế hoạch như sau:"
    ]
    assert findings(plan(header=header, opening=opening)) == []


# ---------------------------------------------------------------- PLN


def test_pln_001_fires_when_no_opening_paragraph_precedes_section_one() -> None:
    lines = plan(opening=[])
    f = only(lines, "PLN-001")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "I. MỤC ĐÍCH")
    assert f.text == "I. MỤC ĐÍCH, YÊU CẦU"


def test_pln_001_is_silent_when_the_opening_starts_with_can_cu() -> None:
    opening = ["Căn cứ tình hình thực tế, Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:"]
    assert findings(plan(opening=opening), "PLN-001") == []


def test_pln_002_fires_when_the_purpose_section_is_missing() -> None:
    lines = plan(purpose=[])
    f = only(lines, "PLN-002")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "II. NỘI DUNG")
    assert "MỤC ĐÍCH, YÊU CẦU" in f.message


def test_pln_002_fires_when_the_purpose_section_is_not_first() -> None:
    purpose = ["IV. MỤC ĐÍCH, YÊU CẦU", "- Nâng cao nhận thức."]
    lines = plan(purpose=[], extra=purpose)
    found = [f for f in findings(lines, "PLN-002")]
    assert [f.line for f in found] == [line_of(lines, "IV. MỤC ĐÍCH")]
    assert "phần đầu tiên" in found[0].message


def test_pln_002_is_silent_when_a_basis_section_comes_before_the_purpose() -> None:
    basis = ["I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "- Kế hoạch số 104-KH/TU của Thành ủy."]
    purpose = ["II. MỤC ĐÍCH, YÊU CẦU", "- Nâng cao nhận thức."]
    content = ["III. NỘI DUNG", "- Tuyên truyền lịch sử."]
    organization = ["IV. TỔ CHỨC THỰC HIỆN", "- Các đơn vị thực hiện."]
    lines = plan(purpose=basis + purpose, content=content, organization=organization)
    assert findings(lines, "PLN") == []


def test_pln_003_fires_when_there_is_no_content_section() -> None:
    organization = ["II. TỔ CHỨC THỰC HIỆN", "- Các đơn vị thực hiện."]
    lines = plan(content=[], organization=organization)
    f = only(lines, "PLN-003")
    assert f.severity is Severity.WARNING
    assert f.line is None
    assert "NỘI DUNG" in f.message


def test_pln_003_is_silent_with_a_forms_section_only() -> None:
    content = ["II. HÌNH THỨC TUYÊN TRUYỀN", "- Trên Cổng thông tin điện tử Quận."]
    assert findings(plan(content=content), "PLN-003") == []


def test_pln_004_fires_when_the_organization_section_is_missing() -> None:
    lines = plan(organization=[])
    f = only(lines, "PLN-004")
    assert f.severity is Severity.WARNING
    assert f.line is None
    assert "TỔ CHỨC THỰC HIỆN" in f.message


def test_pln_004_fires_when_a_section_follows_the_organization() -> None:
    extra = ["IV. HÌNH THỨC TUYÊN TRUYỀN", "- Trên Cổng thông tin điện tử Quận."]
    lines = plan(extra=extra)
    f = only(lines, "PLN-004")
    assert f.line == line_of(lines, "IV. HÌNH THỨC")
    assert f.text == "IV. HÌNH THỨC TUYÊN TRUYỀN"
    assert "phần cuối" in f.message


def test_pln_004_is_silent_when_only_the_budget_follows_the_organization() -> None:
    extra = ["IV. KINH PHÍ", "- Từ nguồn kinh phí hoạt động thường xuyên."]
    assert findings(plan(extra=extra), "PLN-004") == []


def test_pln_rules_do_not_judge_a_document_that_is_not_a_plan() -> None:
    header = [line.replace("KẾ HOẠCH", "HƯỚNG DẪN") for line in HEADER]
    assert findings(plan(header=header, opening=[], purpose=[]), "PLN") == []


# ---------------------------------------------------------------- NUMB


def test_numb_001_fires_on_a_gap_in_the_roman_numerals() -> None:
    organization = [ORGANIZATION[0].replace("III.", "IV."), *ORGANIZATION[1:]]
    lines = plan(organization=organization)
    f = only(lines, "NUMB-001")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, "IV. TỔ CHỨC")
    assert f.text == "IV. TỔ CHỨC THỰC HIỆN"
    assert f.message == "Đánh số không liên tục: sau mục II là mục IV (thiếu mục III)."


def test_numb_001_fires_on_a_repeated_roman_numeral() -> None:
    organization = [ORGANIZATION[0].replace("III.", "II."), *ORGANIZATION[1:]]
    f = only(plan(organization=organization), "NUMB-001")
    assert f.message == "Đánh số không liên tục: mục II bị lặp lại."


def test_numb_001_is_silent_on_i_ii_iii() -> None:
    assert findings(plan(), "NUMB-001") == []


def test_numb_002_fires_when_an_arabic_item_is_skipped() -> None:
    organization = [*ORGANIZATION[:3], "3. Các tổ chức cơ sở đảng", ORGANIZATION[4]]
    lines = plan(organization=organization)
    f = only(lines, "NUMB-002")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, "3. Các tổ chức")
    assert f.text == "3. Các tổ chức cơ sở đảng"
    assert f.message == "Đánh số không liên tục: sau mục 1 là mục 3 (thiếu mục 2)."


def test_numb_002_fires_when_a_section_does_not_restart_at_one() -> None:
    content = ["II. NỘI DUNG TUYÊN TRUYỀN", "3. Lịch sử Đảng bộ Quận.", "4. Các công trình."]
    lines = plan(content=content)
    f = only(lines, "NUMB-002")
    assert f.line == line_of(lines, "3. Lịch sử")
    assert "phải bắt đầu từ mục 1" in f.message


def test_numb_002_counts_slogan_lists_and_ignores_dates_ranges_and_symbols() -> None:
    slogans = [
        "IV. KHẨU HIỆU TUYÊN TRUYỀN",
        "1. Nhiệt liệt chào mừng Đại hội!",
        "2/9 là ngày Quốc khánh.",
        "2013-2023: mười năm xây dựng và phát triển.",
        "20-CT/TW là chỉ thị về lịch sử Đảng.",
        "2. Đảng Cộng sản Việt Nam quang vinh muôn năm!",
        "4. Chủ tịch Hồ Chí Minh vĩ đại sống mãi!",
    ]
    lines = plan(extra=slogans)
    found = findings(lines, "NUMB")
    assert [(f.rule, f.line) for f in found] == [("NUMB-002", line_of(lines, "4. Chủ tịch"))]
    assert "thiếu mục 3" in found[0].message


def test_numb_002_accepts_a_numbered_list_restarting_inside_an_item() -> None:
    content = [
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Lịch sử Đảng bộ Quận.",
        "2. Khẩu hiệu:",
        "1. Nhiệt liệt chào mừng Đại hội!",
        "2. Đảng Cộng sản Việt Nam quang vinh muôn năm!",
        "3. Các công trình chào mừng.",
    ]
    assert findings(plan(content=content), "NUMB") == []


def test_numb_003_fires_when_a_decimal_item_names_the_wrong_parent() -> None:
    content = [
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Lịch sử Đảng bộ Quận.",
        "2. Tổ chức sinh hoạt chính trị",
        "2.1. Nội dung sinh hoạt.",
        "3.2. Hình thức sinh hoạt.",
    ]
    lines = plan(content=content)
    f = only(lines, "NUMB-003")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, "3.2.")
    assert f.text == "3.2. Hình thức sinh hoạt."
    assert "nằm dưới mục 2" in f.message


def test_numb_003_fires_on_a_gap_in_decimal_items() -> None:
    content = [
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Tổ chức sinh hoạt chính trị",
        "1.1. Nội dung sinh hoạt.",
        "1.3. Đối tượng.",
    ]
    f = only(plan(content=content), "NUMB-003")
    assert f.message == "Đánh số không liên tục: sau mục 1.1 là mục 1.3 (thiếu mục 1.2)."


def test_numb_003_is_silent_on_consecutive_decimal_items() -> None:
    content = [
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Lịch sử Đảng bộ Quận.",
        "2. Tổ chức sinh hoạt chính trị",
        "2.1. Nội dung sinh hoạt.",
        "2.2. Hình thức sinh hoạt.",
        "2.3. Thời gian: từ tháng 8 đến hết tháng 9 năm 2023.",
    ]
    assert findings(plan(content=content), "NUMB") == []


def test_numb_004_fires_when_the_letter_d_with_stroke_is_skipped() -> None:
    content = [
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Các nội dung chính",
        "a) Lịch sử Đảng bộ.",
        "b) Truyền thống cách mạng.",
        "c) Thành tựu đổi mới.",
        "d) Gương người tốt, việc tốt.",
        "e) Bài học kinh nghiệm.",
    ]
    lines = plan(content=content)
    f = only(lines, "NUMB-004")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, "e) Bài học")
    assert f.text == "e) Bài học kinh nghiệm."
    assert "thiếu điểm đ)" in f.message


def test_numb_004_fires_on_a_letter_outside_the_vietnamese_alphabet() -> None:
    content = ["II. NỘI DUNG", "1. Nội dung", "a) Một.", "f) Hai."]
    f = only(plan(content=content), "NUMB-004")
    assert "bảng chữ cái tiếng Việt" in f.message


def test_numb_004_is_silent_on_letters_in_vietnamese_order() -> None:
    content = [
        "II. NỘI DUNG TUYÊN TRUYỀN",
        "1. Các nội dung chính",
        "a) Lịch sử Đảng bộ.",
        "b) Truyền thống cách mạng.",
        "c) Thành tựu đổi mới.",
        "d) Gương người tốt, việc tốt.",
        "đ) Bài học kinh nghiệm.",
        "2. Hình thức",
        "a) Trên báo chí.",
    ]
    assert findings(plan(content=content), "NUMB") == []


def test_numb_005_fires_on_a_top_level_heading_not_in_capitals() -> None:
    content = ["II. Nội dung tuyên truyền", *CONTENT[1:]]
    lines = plan(content=content)
    f = only(lines, "NUMB-005")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "II. Nội dung")
    assert f.text == "II. Nội dung tuyên truyền"


def test_numb_005_is_silent_on_roman_items_under_lettered_parts() -> None:
    purpose = ["A. MỤC ĐÍCH, YÊU CẦU", "I. Mục đích", "- Nâng cao nhận thức.", "II. Yêu cầu"]
    content = ["B. NỘI DUNG", "I. Công tác tuyên truyền", "- Trên báo chí."]
    organization = ["C. TỔ CHỨC THỰC HIỆN", "- Các đơn vị thực hiện."]
    lines = plan(purpose=purpose, content=content, organization=organization)
    assert findings(lines, "NUMB") == []


def test_numb_006_fires_on_a_top_level_heading_ending_with_a_colon() -> None:
    purpose = ["I. MỤC ĐÍCH, YÊU CẦU:", *PURPOSE[1:]]
    lines = plan(purpose=purpose)
    f = only(lines, "NUMB-006")
    assert f.severity is Severity.INFO
    assert f.line == line_of(lines, "I. MỤC ĐÍCH")
    assert f.text == "I. MỤC ĐÍCH, YÊU CẦU:"
    assert "dấu hai chấm" in f.message


def test_numb_006_fires_on_a_top_level_heading_ending_with_a_full_stop() -> None:
    organization = ["III. TỔ CHỨC THỰC HIỆN.", *ORGANIZATION[1:]]
    f = only(plan(organization=organization), "NUMB-006")
    assert f.text == "III. TỔ CHỨC THỰC HIỆN."
    assert "dấu chấm (.)" in f.message


def test_numb_006_is_silent_on_headings_without_final_punctuation() -> None:
    assert findings(plan(), "NUMB-006") == []


def test_numb_007_fires_when_roman_delimiters_are_mixed() -> None:
    content = ["II- NỘI DUNG TUYÊN TRUYỀN", *CONTENT[1:]]
    lines = plan(content=content)
    f = only(lines, "NUMB-007")
    assert f.severity is Severity.INFO
    assert f.line == line_of(lines, "II- NỘI DUNG")
    assert f.text == "II- NỘI DUNG TUYÊN TRUYỀN"
    assert "„I-“" in f.message and "„I.“" in f.message


def test_numb_007_is_silent_when_every_level_keeps_one_delimiter() -> None:
    def dash(block: list[str]) -> list[str]:
        return [ln.replace(". ", "- ", 1) if ln[:1] in "I123" else ln for ln in block]

    lines = plan(purpose=dash(PURPOSE), content=dash(CONTENT), organization=dash(ORGANIZATION))
    assert findings(lines, "NUMB") == []


# ---------------------------------------------------------------- BDT


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("ngày 12/76/2023", "tháng 76"),
        ("ngày 31/02/2023", "tháng 2 không có ngày 31"),
        ("trong tháng 13/2023", "tháng 13"),
        ("ngày 31 tháng 4 năm 2023", "tháng 4 không có ngày 31"),
        ("từ ngày 30/02 đến ngày 10/3/2024", "tháng 2 không có ngày 30"),
    ],
)
def test_bdt_001_fires_on_an_impossible_date_in_the_body(written: str, reason: str) -> None:
    sentence = f"- Tổ chức hội nghị {written} tại hội trường Quận ủy."
    lines = plan(extra=["IV. KINH PHÍ", sentence])
    f = only(lines, "BDT-001")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, sentence)
    assert f.text in written
    assert reason in f.message


def test_bdt_001_ignores_a_bare_day_month_outside_a_date_context() -> None:
    sentence = "- Có ít nhất 1/3 chữ ký, 2/15 đơn vị đạt chuẩn, kỷ niệm 2/9 và quý 4/2023."
    assert findings(plan(extra=["IV. KINH PHÍ", sentence]), "BDT") == []


def test_bdt_001_accepts_real_dates_in_every_form() -> None:
    sentence = (
        "- Các ngày lễ: ngày lập Đảng (03/02), sinh nhật Bác (19/5), ngày 29/02/2024, "
        "ngày 01-10-1997, ngày 24 tháng 7 năm 2023, tháng 12/2015, từ ngày 20/01 đến ngày "
        "28/01/2016, (22/9/1943 - 22/9/2023), giai đoạn 2013-2023."
    )
    assert findings(plan(extra=["IV. KINH PHÍ", sentence]), "BDT") == []


def test_bdt_002_fires_when_a_range_starts_after_it_ends() -> None:
    sentence = "- Cao điểm từ ngày 20/3/2024 đến ngày 10/3/2024."
    lines = plan(extra=["IV. KINH PHÍ", sentence])
    f = only(lines, "BDT-002")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, sentence)
    assert f.text == "20/3/2024 đến ngày 10/3/2024"


def test_bdt_002_fires_on_a_reversed_year_range() -> None:
    lines = plan(extra=["IV. KINH PHÍ", "- Nhiệm kỳ (2025 - 2020)."])
    f = only(lines, "BDT-002")
    assert f.text == "2025 - 2020"


def test_bdt_002_accepts_a_range_across_the_new_year() -> None:
    sentence = "- Từ ngày 20/12 đến ngày 10/01/2024; nhiệm kỳ 2020 - 2025."
    assert findings(plan(extra=["IV. KINH PHÍ", sentence]), "BDT") == []


def test_bdt_003_fires_when_a_deadline_is_before_the_issue_date() -> None:
    organization = [
        *ORGANIZATION[:2],
        "- Báo cáo kết quả trước ngày 15/10/2023.",
        *ORGANIZATION[3:],
    ]
    lines = plan(organization=organization)
    f = only(lines, "BDT-003")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "trước ngày 15/10/2023")
    assert f.text == "trước ngày 15/10/2023"
    assert "03/11/2023" in f.message


def test_bdt_003_is_silent_on_a_deadline_after_the_issue_date_and_on_history() -> None:
    sentence = "- Như trước ngày 30/4/1975, hoàn thành trước ngày 20/11/2023."
    assert findings(plan(extra=["IV. KINH PHÍ", sentence]), "BDT") == []


# ---------------------------------------------------------------- REF


def test_ref_001_fires_when_the_type_code_does_not_match_the_type_word() -> None:
    opening = [
        "Thực hiện Chỉ thị số 20-KH/TW, ngày 18/01/2018 của Ban Bí thư về lịch sử Đảng,"
        " Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:"
    ]
    lines = plan(opening=opening)
    f = only(lines, "REF-001")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, "Chỉ thị số 20-KH/TW")
    assert f.text == "Chỉ thị số 20-KH/TW, ngày 18/01/2018"
    assert "KH" in f.message and "Chỉ thị" in f.message


def test_ref_001_fires_on_a_symbol_of_neither_party_nor_state_form() -> None:
    opening = [
        "Thực hiện Kế hoạch số 15/KH/UBND ngày 05/3/2023 của UBND Quận về cải cách,"
        " Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:"
    ]
    f = only(plan(opening=opening), "REF-001")
    assert f.severity is Severity.ERROR
    assert "sai quy cách" in f.message


def test_ref_001_is_silent_on_party_state_and_legal_symbols() -> None:
    opening = [
        "Thực hiện Chỉ thị số 20-CT/TW, ngày 18/01/2018 của Ban Bí thư về lịch sử Đảng; "
        "Quy định số 08-QĐi/TW, ngày 25/10/2018 của Ban Chấp hành Trung ương về nêu gương; "
        "Kế hoạch số 15/KH-UBND, ngày 05/3/2023 của UBND Quận về cải cách; "
        "Nghị định số 30/2020/NĐ-CP, ngày 05/3/2020 của Chính phủ về công tác văn thư; "
        "Luật số 80/2015/QH13, ngày 22/6/2015 của Quốc hội về ban hành văn bản, "
        "Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:"
    ]
    assert findings(plan(opening=opening), "REF") == []


def test_ref_002_fires_when_the_first_citation_has_no_number_word_and_no_date() -> None:
    purpose = [
        *PURPOSE[:2],
        "- Thực hiện Chỉ thị 05-CT/TW của Bộ Chính trị (khóa XII) về học tập.",
        *PURPOSE[3:],
    ]
    lines = plan(purpose=purpose)
    f = only(lines, "REF-002")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "Chỉ thị 05-CT/TW")
    assert f.text == "Chỉ thị 05-CT/TW"
    assert "chữ “số”" in f.message and "ngày ban hành" in f.message


def test_ref_002_fires_when_the_first_citation_has_no_issuer() -> None:
    opening = [
        "Thực hiện Hướng dẫn số 12-HD/BTGQU, ngày 27/11/2020 về công tác tuyên truyền,"
        " Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:"
    ]
    f = only(plan(opening=opening), "REF-002")
    assert f.text == "Hướng dẫn số 12-HD/BTGQU, ngày 27/11/2020"
    assert "cơ quan ban hành" in f.message


def test_ref_002_accepts_a_short_repeat_of_a_document_cited_in_full_before() -> None:
    content = [*CONTENT, "3. Kết quả thực hiện Kế hoạch số 104-KH/TU."]
    assert findings(plan(content=content), "REF") == []


def test_ref_003_fires_when_one_document_is_cited_with_two_dates() -> None:
    content = [
        *CONTENT,
        "3. Bám sát Kế hoạch số 104-KH/TU, ngày 13/10/2018 của Ban Thường vụ Thành ủy.",
    ]
    lines = plan(content=content)
    f = only(lines, "REF-003")
    assert f.severity is Severity.ERROR
    assert f.line == line_of(lines, "ngày 13/10/2018")
    assert f.text == "Kế hoạch số 104-KH/TU, ngày 13/10/2018"
    assert "03/10/2018" in f.message and "13/10/2018" in f.message


def test_ref_003_treats_the_same_date_in_other_forms_as_equal() -> None:
    content = [*CONTENT, "3. Bám sát Kế hoạch số 104-KH/TU, ngày 3/10/2018 của Thành ủy."]
    assert findings(plan(content=content), "REF-003") == []


def test_ref_004_fires_on_a_lower_case_type_word_naming_a_document() -> None:
    opening = [
        "Thực hiện kế hoạch số 60/KH-LĐLĐ, ngày 08/12/2020 của LĐLĐ Thành phố về tuyên truyền,"
        " Ban Thường vụ Quận ủy xây dựng kế hoạch như sau:"
    ]
    lines = plan(opening=opening)
    f = only(lines, "REF-004")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "kế hoạch số 60")
    assert f.text == "kế hoạch số 60/KH-LĐLĐ, ngày 08/12/2020"
    assert "Kế hoạch số 60/KH-LĐLĐ" in f.message


def test_ref_004_is_silent_on_a_capitalised_type_word_and_on_van_ban() -> None:
    content = [
        *CONTENT,
        "3. Trả lời văn bản số 644/BTTTT-TTCS ngày 26/7/2023 của Bộ về tuyên truyền.",
    ]
    assert findings(plan(content=content), "REF-004") == []


def test_ref_005_fires_on_a_party_citation_without_a_comma_before_ngay() -> None:
    opening = [OPENING[0].replace("104-KH/TU, ngày", "104-KH/TU ngày")]
    lines = plan(opening=opening)
    f = only(lines, "REF-005")
    assert f.severity is Severity.INFO
    assert f.line == line_of(lines, "104-KH/TU ngày")
    assert f.text == "Kế hoạch số 104-KH/TU ngày 03/10/2018"


def test_ref_005_does_not_apply_to_state_documents() -> None:
    opening = [OPENING[0].replace("104-KH/TU, ngày", "104-KH/TU ngày")]
    assert findings(plan(opening=opening), "REF-005", regime="state") == []


def test_ref_006_fires_when_a_cited_document_is_dated_after_the_plan() -> None:
    opening = [OPENING[0].replace("03/10/2018", "03/12/2023")]
    lines = plan(opening=opening)
    f = only(lines, "REF-006")
    assert f.severity is Severity.WARNING
    assert f.line == line_of(lines, "03/12/2023")
    assert f.text == "Kế hoạch số 104-KH/TU, ngày 03/12/2023"
    assert "03/11/2023" in f.message


def test_ref_006_is_silent_when_the_cited_document_is_older() -> None:
    assert findings(plan(), "REF-006", as_of=date(2023, 11, 3)) == []


# ---------------------------------------------------------------- the five seeds

# The seed columns of document-format.md §7.2 for the PLN, NUMB, BDT and REF rules, as
# verified on the seed texts: (rule, line, quoted text).
SEED_FINDINGS: dict[str, list[tuple[str, int, str]]] = {
    "000": [],
    "001": [("NUMB-002", 80, "3. Các ban xây dựng Đảng và Văn phòng Quận uỷ")],
    "002": [
        ("REF-002", 11, "hướng dẫn số 12-HD/BTGQU ngày 27/11/2020"),
        ("REF-004", 11, "hướng dẫn số 12-HD/BTGQU ngày 27/11/2020"),
        ("REF-004", 11, "kế hoạch số 60/KH-LĐLĐ ngày 08/12/2020"),
        ("NUMB-006", 13, "I. MỤC ĐÍCH - YÊU CẦU:"),
        ("NUMB-006", 23, "II. THỜI GIAN, NỘI DUNG TUYÊN TRUYỀN:"),
        ("NUMB-006", 63, "III. HÌNH THỨC TUYÊN TRUYỀN."),
        ("NUMB-006", 71, "IV. KHẨU HIỆU TUYÊN TRUYỀN."),
        ("NUMB-006", 95, "V. TỔ CHỨC THỰC HIỆN."),
    ],
    "003": [
        ("REF-005", 14, "Kế hoạch số 127-KH/BTGTU ngày 19/11/2018"),
        ("REF-002", 19, "Chỉ thị 05-CT/TW"),
    ],
    "004": [
        ("REF-005", 27, "Hướng dẫn số 17-HD/BTGHU ngày 12/7/2023"),
        ("BDT-001", 31, "12/76/2023"),
        ("REF-003", 31, "Hướng dẫn số 17-HD/BTGHU, ngày 12/76/2023"),
    ],
}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_each_seed_gives_exactly_the_seed_column_findings(seed: str) -> None:
    path = next(SEEDS.glob(f"{seed}_*.txt"))
    report = check_path(path)
    got = sorted(
        (f.rule, f.line or 0, f.text) for f in report.findings if f.rule.startswith(FAMILIES)
    )
    assert got == sorted(SEED_FINDINGS[seed])


def test_seed_severities_and_messages_follow_the_catalogue() -> None:
    by_seed = {
        p.name[:3]: check_path(p)
        for p in sorted(SEEDS.glob("*.txt"))
        if p.name[:3] in {"001", "004"}
    }
    numb = next(f for f in by_seed["001"].findings if f.rule == "NUMB-002")
    assert numb.severity is Severity.ERROR
    assert numb.message == "Đánh số không liên tục: sau mục 1 là mục 3 (thiếu mục 2)."
    found = {f.rule: f for f in by_seed["004"].findings}
    assert found["BDT-001"].message == "Ngày không hợp lệ: 12/76/2023 (tháng 76)."
    assert found["BDT-001"].severity is Severity.ERROR
    assert found["REF-003"].severity is Severity.ERROR
    assert "17-HD/BTGHU" in found["REF-003"].message
    assert "12/7/2023" in found["REF-003"].message and "12/76/2023" in found["REF-003"].message
    assert found["REF-005"].severity is Severity.INFO


def test_every_structure_rule_is_registered_with_a_source_and_vietnamese_texts() -> None:
    from kehoach.document.checking import all_rules

    ids = {
        *(f"PLN-00{i}" for i in range(1, 5)),
        *(f"NUMB-00{i}" for i in range(1, 8)),
        *(f"BDT-00{i}" for i in range(1, 4)),
        *(f"REF-00{i}" for i in range(1, 7)),
    }
    rules = {r.id: r for r in all_rules() if r.id in ids}
    assert set(rules) == ids
    for r in rules.values():
        assert r.source and r.message and r.suggestion and r.title
    assert rules["REF-005"].regimes == frozenset({"party"})
    assert all(
        rules[i].regimes == frozenset({"party", "state", "union"}) for i in ids - {"REF-005"}
    )
