"""Header rules of the form checker: NUM, DAT, HDR, TYP, TTL (document-format.md §7.2).

Each rule fires on a minimal bad example and stays silent on well-formed Party, State and
Union plans; the five seeds give exactly the findings of the §7.2 seed columns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kehoach.document.checking import (
    RULES,
    Finding,
    Report,
    Severity,
    check_bytes,
    check_path,
    check_source,
)
from kehoach.document.model import SourceText
from support.docx_builder import simple_docx

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"

HEADER_RULES = (
    *(f"NUM-00{i}" for i in range(1, 9)),
    *(f"DAT-00{i}" for i in range(1, 7)),
    *(f"HDR-00{i}" for i in range(1, 6)),
    "TYP-001",
    *(f"TTL-00{i}" for i in range(1, 5)),
)

PARTY = """ĐẢNG BỘ THÀNH PHỐ HÀ NỘI
ĐẢNG ỦY PHƯỜNG BA ĐÌNH
*
Số 05-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Ba Đình, ngày 03 tháng 6 năm 2026

KẾ HOẠCH
tuyên truyền kỷ niệm 80 năm Ngày thành lập Đảng bộ phường
-----

Thực hiện Kế hoạch số 31-KH/TU, ngày 15/5/2026 của Ban Thường vụ Thành ủy về công tác \
tuyên truyền năm 2026, Ban Thường vụ Đảng ủy phường xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về truyền thống của Đảng bộ.
II. NỘI DUNG
1. Tuyên truyền trên trang thông tin điện tử của phường.
III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đảng ủy theo dõi, đôn đốc thực hiện kế hoạch.

Nơi nhận:
- Ban Thường vụ Thành ủy;
- Lưu Văn phòng Đảng ủy.
T/M BAN THƯỜNG VỤ
BÍ THƯ
Nguyễn Văn An"""

STATE = """ỦY BAN NHÂN DÂN
TỈNH THANH HÓA
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 238/KH-UBND
Thanh Hóa, ngày 04 tháng 02 năm 2025

KẾ HOẠCH
Thực hiện công tác văn thư, lưu trữ năm 2025

Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;
Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao hiệu quả quản lý nhà nước về văn thư, lưu trữ.
II. NHIỆM VỤ
1. Số hóa tài liệu lưu trữ của các cơ quan, đơn vị.
III. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch này./.

Nơi nhận:
- Bộ Nội vụ;
- Lưu: VT, NC.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Văn Bình"""

UNION = """LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI
LIÊN ĐOÀN LAO ĐỘNG QUẬN LONG BIÊN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 43/KH-LĐLĐ
Long Biên, ngày 10 tháng 12 năm 2020

KẾ HOẠCH
Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIII của Đảng

Thực hiện Kế hoạch số 60/KH-LĐLĐ ngày 08/12/2020 của Liên đoàn Lao động Thành phố Hà Nội, \
Ban Thường vụ Liên đoàn Lao động quận xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao nhận thức của đoàn viên, người lao động về Đại hội.
II. NỘI DUNG
1. Tuyên truyền trên bản tin công đoàn và mạng xã hội.
III. TỔ CHỨC THỰC HIỆN
1. Các công đoàn cơ sở triển khai thực hiện kế hoạch./.

Nơi nhận:
- LĐLĐ Thành phố;
- Lưu VP, TG.
TM. BAN THƯỜNG VỤ
CHỦ TỊCH
Trần Thị Cúc"""

# A Party plan of a body inside a district committee, before the district level ended.
BTG = """QUẬN ỦY CẦU GIẤY
BAN TUYÊN GIÁO
*
Số 08-KH/BTGQU
ĐẢNG CỘNG SẢN VIỆT NAM
Cầu Giấy, ngày 10 tháng 12 năm 2018

KẾ HOẠCH
tuyên truyền điển hình tiêu biểu trong học tập và làm theo tư tưởng Hồ Chí Minh
-----

Thực hiện Kế hoạch số 127-KH/BTGTU, ngày 19/11/2018 của Ban Tuyên giáo Thành ủy Hà Nội, \
Ban Tuyên giáo Quận ủy xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Nhân rộng các điển hình tiêu biểu.
II. NỘI DUNG
1. Tuyên truyền trên trang thông tin điện tử của quận.
III. TỔ CHỨC THỰC HIỆN
1. Các chi, đảng bộ triển khai thực hiện kế hoạch.

Nơi nhận:
- Ban Tuyên giáo Thành ủy;
- Lưu Văn phòng.
K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN
Phạm Thị Dung"""


def report(text: str, *, as_of: date | None = None, regime: str | None = None) -> Report:
    return check_source(SourceText(tuple(text.split("\n"))), as_of=as_of, regime=regime)


def found(
    text: str, rule_id: str, *, as_of: date | None = None, regime: str | None = None
) -> list[Finding]:
    return [f for f in report(text, as_of=as_of, regime=regime).findings if f.rule == rule_id]


def only(
    text: str, rule_id: str, *, as_of: date | None = None, regime: str | None = None
) -> Finding:
    hits = found(text, rule_id, as_of=as_of, regime=regime)
    assert len(hits) == 1, hits
    return hits[0]


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- the rules are registered as the catalogue says ----------------------------------------


def test_every_header_rule_is_registered_with_its_severity_and_regimes() -> None:
    report(PARTY)  # loads the rule modules
    expected = {
        "NUM-001": (Severity.ERROR, {"party", "state", "union"}),
        "NUM-002": (Severity.ERROR, {"party", "state", "union"}),
        "NUM-003": (Severity.WARNING, {"party", "state", "union"}),
        "NUM-004": (Severity.WARNING, {"party", "state", "union"}),
        "NUM-005": (Severity.ERROR, {"party", "state", "union"}),
        "NUM-006": (Severity.WARNING, {"party", "state", "union"}),
        "NUM-007": (Severity.WARNING, {"party"}),
        "NUM-008": (Severity.INFO, {"party", "state", "union"}),
        "DAT-001": (Severity.ERROR, {"party", "state", "union"}),
        "DAT-002": (Severity.ERROR, {"party", "state", "union"}),
        "DAT-003": (Severity.ERROR, {"party", "state", "union"}),
        "DAT-004": (Severity.WARNING, {"party", "state", "union"}),
        "DAT-005": (Severity.INFO, {"party", "state", "union"}),
        "DAT-006": (Severity.WARNING, {"party", "state", "union"}),
        "HDR-001": (Severity.WARNING, {"party"}),
        "HDR-002": (Severity.WARNING, {"party", "state", "union"}),
        "HDR-003": (Severity.WARNING, {"party"}),
        "HDR-004": (Severity.WARNING, {"state", "union"}),
        "HDR-005": (Severity.ERROR, {"party", "state", "union"}),
        "TYP-001": (Severity.ERROR, {"party", "state", "union"}),
        "TTL-001": (Severity.ERROR, {"party", "state", "union"}),
        "TTL-002": (Severity.WARNING, {"party", "state", "union"}),
        "TTL-003": (Severity.INFO, {"party"}),
        "TTL-004": (Severity.INFO, {"party"}),
    }
    for rule_id, (severity, regimes) in expected.items():
        registered = RULES[rule_id]
        assert registered.severity is severity, rule_id
        assert registered.regimes == regimes, rule_id
        assert registered.source and registered.message and registered.suggestion, rule_id
    assert RULES["TTL-003"].applies_from == date(2026, 5, 27)
    assert {r for r in RULES if RULES[r].header_presence} >= {"HDR-001", "HDR-002", "HDR-004"}


# --- well-formed plans produce nothing -----------------------------------------------------


@pytest.mark.parametrize("rule_id", HEADER_RULES)
@pytest.mark.parametrize("plan", [PARTY, STATE, UNION, BTG], ids=["party", "state", "union", "btg"])
def test_each_header_rule_stays_silent_on_a_well_formed_plan(plan: str, rule_id: str) -> None:
    assert found(plan, rule_id) == []


def test_the_well_formed_plans_are_judged_in_their_own_regime() -> None:
    assert report(PARTY).regime == "party"
    assert report(STATE).regime == "state"
    assert report(UNION).regime == "union"
    assert report(BTG).regime == "party"


# --- NUM: number and symbol ---------------------------------------------------------------


def test_num_001_reports_a_plan_without_a_number_line() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU\n", ""), "NUM-001")
    assert finding.severity is Severity.ERROR
    assert finding.line is None


def test_num_002_reports_a_blank_number_on_its_line() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số -KH/ĐU"), "NUM-002")
    assert (finding.severity, finding.line, finding.text) == (Severity.ERROR, 4, "Số -KH/ĐU")
    assert "05-KH/ĐU" in finding.suggestion


def test_num_002_is_only_a_warning_on_a_draft() -> None:
    draft = edit(edit(PARTY, "Số 05-KH/ĐU", "Số -KH/ĐU"), "*\n", "*\nDự thảo lần 2\n")
    assert only(draft, "NUM-002").severity is Severity.WARNING


def test_num_003_reports_spaces_around_the_hyphen_with_the_printed_text() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số 05 -KH/ĐU"), "NUM-003")
    assert (finding.severity, finding.line, finding.text) == (Severity.WARNING, 4, "Số 05 -KH/ĐU")
    assert finding.column == 6
    assert finding.suggestion == "Viết: Số 05-KH/ĐU"


def test_num_003_reports_a_double_space_after_so_and_spaces_around_the_slash() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số  05-KH / ĐU"), "NUM-003")
    assert finding.text == "Số  05-KH / ĐU"
    assert "thừa dấu cách sau chữ “Số”" in finding.message
    assert finding.column == 3


def test_num_003_reports_spaces_in_a_state_symbol() -> None:
    finding = only(edit(STATE, "Số: 238/KH-UBND", "Số: 238/KH - UBND"), "NUM-003")
    assert (finding.line, finding.text) == (5, "Số: 238/KH - UBND")
    assert finding.suggestion == "Viết: Số: 238/KH-UBND"


def test_num_003_reads_the_number_cell_of_a_flattened_header_row() -> None:
    row = "Số: 238/KH-UBND                    Thanh Hóa, ngày 04 tháng 02 năm 2025"
    text = edit(STATE, "Số: 238/KH-UBND\nThanh Hóa, ngày 04 tháng 02 năm 2025", row)
    assert found(text, "NUM-003") == []
    assert found(text, "DAT-005") == []


def test_num_004_reports_a_number_below_ten_without_its_leading_zero() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số 5-KH/ĐU"), "NUM-004")
    assert (finding.severity, finding.line, finding.text) == (Severity.WARNING, 4, "Số 5-KH/ĐU")
    assert finding.column == 4
    assert "Số 05-KH/ĐU" in finding.suggestion


def test_num_004_accepts_numbers_of_ten_and_more() -> None:
    assert found(edit(PARTY, "Số 05-KH/ĐU", "Số 193-KH/ĐU"), "NUM-004") == []


def test_num_005_reports_separators_in_neither_order() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số 05/KH/ĐU"), "NUM-005")
    assert (finding.severity, finding.line, finding.text) == (Severity.ERROR, 4, "Số 05/KH/ĐU")
    assert finding.suggestion == "Viết: Số 05-KH/ĐU"


def test_num_005_reports_a_state_number_in_a_document_judged_as_party() -> None:
    text = edit(edit(PARTY, "Số 05-KH/ĐU", "Số 05/KH-ĐU"), "ĐẢNG CỘNG SẢN VIỆT NAM\n", "")
    finding = only(text, "NUM-005", regime="party")
    assert finding.text == "Số 05/KH-ĐU"
    assert "văn bản Đảng" in finding.message


def test_num_006_reports_a_type_code_that_does_not_match_the_type_name() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số 05-HD/ĐU"), "NUM-006")
    assert (finding.severity, finding.line, finding.text) == (Severity.WARNING, 4, "Số 05-HD/ĐU")
    assert finding.column == 7
    assert "KH" in finding.suggestion


def test_num_006_knows_that_the_state_writes_quy_dinh_as_qyd() -> None:
    text = edit(edit(STATE, "KẾ HOẠCH", "QUY ĐỊNH"), "238/KH-UBND", "238/QyĐ-UBND")
    assert found(text, "NUM-006") == []
    assert len(found(edit(text, "QyĐ", "QĐ"), "NUM-006")) == 1


def test_num_007_reports_an_advisory_body_code_without_its_committee_suffix() -> None:
    finding = only(edit(BTG, "Số 08-KH/BTGQU", "Số 08-KH/BTG"), "NUM-007")
    assert (finding.severity, finding.line, finding.text) == (Severity.WARNING, 4, "KH/BTG")
    assert "BTGQU" in finding.suggestion


def test_num_007_reports_a_body_code_of_another_committee() -> None:
    finding = only(edit(BTG, "Số 08-KH/BTGQU", "Số 08-KH/BTGTU"), "NUM-007")
    assert "BTGTU" in finding.message
    assert "BTGQU" in finding.suggestion


def test_num_007_reports_a_district_code_after_the_district_level_ended() -> None:
    text = edit(BTG, "ngày 10 tháng 12 năm 2018", "ngày 10 tháng 12 năm 2025")
    finding = only(text, "NUM-007")
    assert "01/7/2025" in finding.message


def test_num_007_does_not_apply_to_state_documents() -> None:
    assert found(edit(STATE, "KH-UBND", "KH-ubnd"), "NUM-007") == []


def test_num_008_reports_a_colon_after_so_in_a_party_document() -> None:
    finding = only(edit(PARTY, "Số 05-KH/ĐU", "Số: 05-KH/ĐU"), "NUM-008")
    assert (finding.severity, finding.line, finding.text) == (Severity.INFO, 4, "Số: 05-KH/ĐU")
    assert finding.column == 3


def test_num_008_reports_a_missing_colon_in_a_state_document() -> None:
    finding = only(edit(STATE, "Số: 238/KH-UBND", "Số 238/KH-UBND"), "NUM-008")
    assert (finding.line, finding.text) == (5, "Số 238/KH-UBND")
    assert finding.suggestion == "Viết: Số: 238/KH-UBND"


# --- DAT: place and date ------------------------------------------------------------------


def test_dat_001_reports_a_plan_without_a_date_line() -> None:
    finding = only(edit(PARTY, "Ba Đình, ngày 03 tháng 6 năm 2026\n", ""), "DAT-001")
    assert (finding.severity, finding.line) == (Severity.ERROR, None)


def test_dat_002_reports_a_blank_day() -> None:
    text = edit(PARTY, "ngày 03 tháng 6", "ngày tháng 6")
    finding = only(text, "DAT-002")
    assert (finding.severity, finding.line) == (Severity.ERROR, 6)
    assert finding.text == "Ba Đình, ngày tháng 6 năm 2026"


def test_dat_002_reports_a_missing_year_instead_of_a_missing_date_line() -> None:
    text = edit(PARTY, "ngày 03 tháng 6 năm 2026", "ngày 03 tháng 6 năm")
    finding = only(text, "DAT-002")
    assert (finding.line, finding.text) == (6, "Ba Đình, ngày 03 tháng 6 năm")
    assert found(text, "DAT-001") == []


def test_dat_003_reports_a_day_the_month_does_not_have() -> None:
    finding = only(edit(PARTY, "ngày 03 tháng 6", "ngày 31 tháng 6"), "DAT-003")
    assert (finding.severity, finding.line) == (Severity.ERROR, 6)
    assert finding.text == "Ba Đình, ngày 31 tháng 6 năm 2026"
    assert "30 ngày" in finding.message


def test_dat_003_reports_a_thirteenth_month() -> None:
    # as_of: the context cannot yet take its date from a header whose month is 13.
    text = edit(PARTY, "tháng 6 năm 2026", "tháng 13 năm 2026")
    finding = only(text, "DAT-003", as_of=date(2026, 6, 3))
    assert "tháng 13" in finding.message


def test_dat_004_reports_a_missing_comma_after_the_place() -> None:
    finding = only(edit(PARTY, "Ba Đình, ngày", "Ba Đình ngày"), "DAT-004")
    assert (finding.severity, finding.line) == (Severity.WARNING, 6)
    assert finding.text == "Ba Đình ngày 03 tháng 6 năm 2026"
    assert "dấu phẩy" in finding.message
    assert finding.suggestion == "Viết: Ba Đình, ngày 03 tháng 6 năm 2026"


def test_dat_004_reports_a_day_and_a_january_without_leading_zeros() -> None:
    finding = only(edit(PARTY, "ngày 03 tháng 6", "ngày 3 tháng 1"), "DAT-004")
    assert "ngày 3 phải viết 03" in finding.message
    assert "tháng 1 phải viết 01" in finding.message
    assert finding.column == 15
    assert finding.suggestion == "Viết: Ba Đình, ngày 03 tháng 01 năm 2026"


def test_dat_004_reports_a_leading_zero_on_a_month_from_march() -> None:
    finding = only(edit(PARTY, "tháng 6 năm", "tháng 06 năm"), "DAT-004")
    assert "tháng 06" in finding.message


def test_dat_004_reports_a_date_in_figures_instead_of_words() -> None:
    text = edit(PARTY, "Ba Đình, ngày 03 tháng 6 năm 2026", "Ba Đình, 03/6/2026")
    finding = only(text, "DAT-004")
    assert (finding.line, finding.text) == (6, "Ba Đình, 03/6/2026")
    assert found(text, "DAT-001") == []


def test_dat_005_reports_repeated_spaces_in_the_date_line() -> None:
    finding = only(edit(PARTY, "ngày 03 tháng 6", "ngày 03  tháng 6"), "DAT-005")
    assert (finding.severity, finding.line) == (Severity.INFO, 6)
    assert finding.text == "Ba Đình, ngày 03  tháng 6 năm 2026"
    assert finding.column == 17


def test_dat_005_ignores_the_blank_left_for_the_day_of_a_draft() -> None:
    assert found(edit(PARTY, "ngày 03 tháng 6", "ngày      tháng 6"), "DAT-005") == []


def test_dat_006_reports_an_issue_date_before_the_date_of_a_cited_basis() -> None:
    text = edit(PARTY, "ngày 15/5/2026", "ngày 15/7/2026")
    finding = only(text, "DAT-006")
    assert (finding.severity, finding.line) == (Severity.WARNING, 6)
    assert finding.text == "Ba Đình, ngày 03 tháng 6 năm 2026"
    assert "15/07/2026" in finding.message and "31-KH/TU" in finding.message


def test_dat_006_reports_an_issue_date_in_the_future() -> None:
    text = edit(PARTY, "năm 2026\n", "năm 2099\n")
    finding = only(text, "DAT-006")
    assert "tương lai" in finding.message


# --- HDR: header parts --------------------------------------------------------------------


def test_hdr_001_reports_a_party_plan_without_its_title_as_a_warning_on_text() -> None:
    finding = only(edit(PARTY, "ĐẢNG CỘNG SẢN VIỆT NAM\n", ""), "HDR-001")
    assert (finding.severity, finding.line) == (Severity.WARNING, None)
    assert "có thể do mất khi trích xuất" in finding.message


def test_hdr_001_is_an_error_on_docx() -> None:
    data = simple_docx(edit(PARTY, "ĐẢNG CỘNG SẢN VIỆT NAM\n", "").split("\n"))
    hits = [f for f in check_bytes(data, name="ke-hoach.docx").findings if f.rule == "HDR-001"]
    assert [(f.severity, f.message) for f in hits] == [
        (Severity.ERROR, "Thiếu tiêu đề ĐẢNG CỘNG SẢN VIỆT NAM.")
    ]


def test_hdr_001_stays_silent_on_a_state_plan() -> None:
    assert found(STATE, "HDR-001") == []


def test_hdr_002_reports_a_header_without_the_issuing_body() -> None:
    text = edit(PARTY, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nĐẢNG ỦY PHƯỜNG BA ĐÌNH\n", "")
    finding = only(text, "HDR-002")
    assert (finding.severity, finding.line) == (Severity.WARNING, None)


def test_hdr_002_reports_a_ward_committee_without_its_superior_body() -> None:
    finding = only(edit(PARTY, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\n", ""), "HDR-002")
    assert (finding.severity, finding.line) == (Severity.WARNING, 1)
    assert finding.text == "ĐẢNG ỦY PHƯỜNG BA ĐÌNH"
    assert "cấp trên" in finding.message


def test_hdr_002_only_suggests_the_superior_body_before_hd05() -> None:
    text = edit(BTG, "QUẬN ỦY CẦU GIẤY\nBAN TUYÊN GIÁO\n", "QUẬN ỦY CẦU GIẤY\n")
    finding = only(text, "HDR-002")
    assert (finding.severity, finding.line, finding.text) == (Severity.INFO, 1, "QUẬN ỦY CẦU GIẤY")


def test_hdr_003_reports_a_party_header_without_the_star() -> None:
    finding = only(edit(PARTY, "*\n", ""), "HDR-003")
    assert (finding.severity, finding.line) == (Severity.WARNING, None)


def test_hdr_004_reports_a_state_plan_without_national_title_and_motto() -> None:
    text = edit(STATE, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n", "")
    finding = only(text, "HDR-004")
    assert (finding.severity, finding.line) == (Severity.WARNING, None)


def test_hdr_004_names_the_motto_when_only_the_motto_is_missing() -> None:
    finding = only(edit(UNION, "Độc lập - Tự do - Hạnh phúc\n", ""), "HDR-004")
    assert "Tiêu ngữ" in finding.message
    assert finding.line == 3


def test_hdr_005_reports_a_party_title_over_a_state_number_line() -> None:
    text = edit(PARTY, "Số 05-KH/ĐU", "Số: 05/KH-ĐU")
    finding = only(text, "HDR-005")
    assert (finding.severity, finding.line, finding.text) == (Severity.ERROR, 4, "Số: 05/KH-ĐU")
    assert found(text, "NUM-005") == []
    assert found(text, "NUM-008") == []


def test_hdr_005_reports_a_header_with_both_titles() -> None:
    text = edit(
        STATE,
        "Độc lập - Tự do - Hạnh phúc\n",
        "Độc lập - Tự do - Hạnh phúc\nĐẢNG CỘNG SẢN VIỆT NAM\n",
    )
    finding = only(text, "HDR-005")
    assert (finding.line, finding.text) == (5, "ĐẢNG CỘNG SẢN VIỆT NAM")


# --- TYP and TTL: type name and trích yếu ---------------------------------------------------


def test_typ_001_reports_a_plan_without_a_type_line() -> None:
    finding = only(edit(PARTY, "KẾ HOẠCH\n", ""), "TYP-001")
    assert (finding.severity, finding.line) == (Severity.ERROR, None)


def test_typ_001_reports_a_type_name_not_in_capitals() -> None:
    finding = only(edit(PARTY, "KẾ HOẠCH\n", "Kế hoạch\n"), "TYP-001")
    assert (finding.line, finding.text) == (8, "Kế hoạch")
    assert "KẾ HOẠCH" in finding.message


def test_typ_001_warns_when_the_title_shares_the_type_line() -> None:
    text = edit(STATE, "KẾ HOẠCH\nThực hiện", "KẾ HOẠCH Thực hiện")
    finding = only(text, "TYP-001")
    assert (finding.severity, finding.line) == (Severity.WARNING, 8)
    assert finding.text.startswith("KẾ HOẠCH Thực hiện")


def test_ttl_001_reports_a_type_line_without_a_title() -> None:
    text = edit(PARTY, "tuyên truyền kỷ niệm 80 năm Ngày thành lập Đảng bộ phường\n", "")
    finding = only(text, "TTL-001")
    assert (finding.severity, finding.line, finding.text) == (Severity.ERROR, 8, "KẾ HOẠCH")


def test_ttl_002_reports_a_title_ending_with_a_full_stop() -> None:
    text = edit(UNION, "lần thứ XIII của Đảng\n\nThực hiện", "lần thứ XIII của Đảng.\n\nThực hiện")
    finding = only(text, "TTL-002")
    assert (finding.severity, finding.line) == (Severity.WARNING, 9)
    assert finding.text == "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIII của Đảng."
    assert finding.column == len(finding.text)


def test_ttl_002_reports_a_title_ending_with_a_colon_on_its_last_line() -> None:
    text = edit(PARTY, "Đảng bộ phường\n-----", "Đảng bộ\nphường:\n-----")
    finding = only(text, "TTL-002")
    assert (finding.line, finding.text) == (10, "phường:")


def test_ttl_003_reports_a_capitalised_party_title_under_hd05() -> None:
    text = edit(PARTY, "tuyên truyền kỷ niệm", "Tuyên truyền kỷ niệm")
    finding = only(text, "TTL-003")
    assert (finding.severity, finding.line, finding.column) == (Severity.INFO, 9, 1)
    assert finding.text.startswith("Tuyên truyền kỷ niệm")
    assert finding.suggestion.startswith("Viết: tuyên truyền kỷ niệm")


def test_ttl_003_is_not_in_force_before_hd05() -> None:
    text = edit(PARTY, "tuyên truyền kỷ niệm", "Tuyên truyền kỷ niệm")
    assert found(text, "TTL-003", as_of=date(2026, 5, 26)) == []


def test_ttl_003_leaves_a_title_that_starts_with_a_proper_name() -> None:
    text = edit(PARTY, "tuyên truyền kỷ niệm 80 năm", "Đại hội đại biểu Đảng bộ phường lần thứ I")
    assert found(text, "TTL-003") == []


def test_ttl_004_reports_a_separator_that_is_not_five_hyphens() -> None:
    finding = only(edit(PARTY, "-----\n", "---------------\n"), "TTL-004")
    assert (finding.severity, finding.line, finding.text) == (Severity.INFO, 10, "---------------")
    assert finding.column == 1


def test_ttl_004_accepts_a_title_without_a_separator_in_the_text() -> None:
    assert found(edit(PARTY, "-----\n", ""), "TTL-004") == []


# --- the five seeds -----------------------------------------------------------------------

# §7.2 seed columns for the header rules, as verified against the seed texts.
SEED_FINDINGS: dict[str, set[tuple[str, int | None, str]]] = {
    "000": {
        ("NUM-003", 6, "Số 193 -KH/QU"),
        ("HDR-001", None, ""),
        ("HDR-002", None, ""),
    },
    "001": {
        ("NUM-003", 6, "Số 17 -KH/QU"),
        ("HDR-001", None, ""),
        ("HDR-002", None, ""),
    },
    "002": {
        ("HDR-002", None, ""),
        ("HDR-004", None, ""),
        (
            "TTL-002",
            9,
            "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XIII của Đảng trong CNVCLĐ quận Long Biên.",
        ),
    },
    "003": {
        ("NUM-003", 1, "Số  08 - KH/BTG"),
        ("NUM-007", 1, "KH/BTG"),
        ("HDR-002", None, ""),
        ("HDR-003", None, ""),
        ("DAT-005", 5, "Cầu Giấy, ngày 10  tháng 12  năm 2018"),
        ("TTL-004", 12, "---------------"),
    },
    "004": {
        ("NUM-002", 4, "Số -KH/HU"),
        ("DAT-002", 6, "Bạch Thông, ngày tháng 8 năm 2023"),
        ("HDR-001", None, ""),
        ("HDR-002", None, ""),
    },
}


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _header_findings(path: Path, as_of: date | None = None) -> set[tuple[str, int | None, str]]:
    findings = check_path(path, as_of=as_of).findings
    return {(f.rule, f.line, f.text) for f in findings if f.rule in HEADER_RULES}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_each_seed_gives_exactly_the_header_findings_of_the_catalogue(seed: str) -> None:
    assert _header_findings(_seed(seed)) == SEED_FINDINGS[seed]


def test_seed_severities_follow_the_catalogue_on_plain_text() -> None:
    severities = {
        (f.rule, f.severity) for f in check_path(_seed("004")).findings if f.rule in HEADER_RULES
    }
    assert severities == {
        ("NUM-002", Severity.ERROR),
        ("DAT-002", Severity.ERROR),
        ("HDR-001", Severity.WARNING),
        ("HDR-002", Severity.WARNING),
    }


def test_seed_titles_starting_with_a_capital_are_reported_only_under_hd05() -> None:
    as_of = date(2026, 6, 1)
    for seed, line, start in (("001", 10, "Triển khai"), ("003", 10, "Tuyên truyền")):
        extra = _header_findings(_seed(seed), as_of=as_of) - SEED_FINDINGS[seed]
        assert {(rule, ln) for rule, ln, _ in extra} == {("TTL-003", line)}
        assert next(text for _, _, text in extra).startswith(start)
    for seed in ("000", "002", "004"):
        assert _header_findings(_seed(seed), as_of=as_of) == SEED_FINDINGS[seed]
