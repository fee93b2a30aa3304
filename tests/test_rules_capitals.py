"""The capitalisation rules of NĐ30 Phụ lục II (CAP-1, 2, 4, 7 … 15; CAP-3, 5, 6 are in text)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kehoach.document.checking import Finding, Severity, check_path, check_source
from kehoach.document.checking.runner import Report
from kehoach.document.model import SourceText

REPO = Path(__file__).resolve().parent.parent
CAP_RULES = tuple(f"CAP-{n}" for n in (1, 2, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15))

HEADER = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "HUYỆN ỦY BẠCH THÔNG",
    "*",
    "Số 05-KH/HU",
    "Bạch Thông, ngày 15 tháng 8 năm 2023",
    "",
    "KẾ HOẠCH",
    "tuyên truyền kỷ niệm ngày thành lập Đảng bộ huyện",
    "-----",
    "",
    "Thực hiện Hướng dẫn số 41-HD/BTGTU, ngày 24/7/2023 của Ban Tuyên giáo Tỉnh ủy, "
    "Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:",
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "",
    "Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân.",
    "",
    "II. NỘI DUNG",
    "",
]
CLOSING = [
    "",
    "III. TỔ CHỨC THỰC HIỆN",
    "",
    "Các chi, đảng bộ trực thuộc tổ chức thực hiện.",
    "",
    "Nơi nhận:",
    "- Ban Tuyên giáo Tỉnh ủy (để báo cáo);",
    "- Lưu Văn phòng Huyện ủy.",
    "",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "",
]


def plan(*content: str, signer: str = "Nguyễn Văn An") -> list[str]:
    """A well-formed Party plan whose section II holds ``content`` (one line each)."""
    return [*HEADER, *content, *CLOSING, signer]


def check(lines: Sequence[str]) -> Report:
    return check_source(SourceText(tuple(lines)))


def hits(lines: Sequence[str], rule: str) -> list[Finding]:
    return [f for f in check(lines).findings if f.rule == rule]


# (rule, bad line, quoted text, corrected spelling in the suggestion)
BAD = [
    ("CAP-1", "- Tổ chức tuyên truyền. các chi bộ thực hiện.", "truyền. các", "truyền. Các"),
    ("CAP-2", "- Giao đồng chí nguyễn Văn An phụ trách.", "nguyễn Văn An", "Nguyễn Văn An"),
    ("CAP-2", "- Giao đồng chí Trần thị Hoa phụ trách.", "Trần thị Hoa", "Trần Thị Hoa"),
    ("CAP-4", "- Tham quan di tích ven sông hồng.", "sông hồng", "sông Hồng"),
    ("CAP-4", "- Tổ chức hội thảo tại vùng Tây bắc.", "Tây bắc", "Tây Bắc"),
    ("CAP-4", "- Tham quan di tích ven Sông Hồng.", "Sông Hồng", "sông Hồng"),
    ("CAP-7", "- Đón nhận Huân chương lao động.", "Huân chương lao động", "Huân chương Lao động"),
    ("CAP-7", "- Đón nhận Huân chương Lao động hạng ba.", "hạng ba", "hạng Ba"),
    ("CAP-7", "- Giao lưu với Nghệ sĩ nhân dân của tỉnh.", "Nghệ sĩ nhân dân", "Nghệ sĩ Nhân dân"),
    (
        "CAP-8",
        "- Học tập tư tưởng của chủ tịch Hồ Chí Minh.",
        "chủ tịch Hồ Chí Minh",
        "Chủ tịch Hồ Chí Minh",
    ),
    ("CAP-9", "- Học tập và làm theo lời bác Hồ.", "bác Hồ", "Bác Hồ"),
    (
        "CAP-9",
        "- Tuyên truyền về đảng Cộng sản Việt Nam.",
        "đảng Cộng sản Việt Nam",
        "Đảng Cộng sản Việt Nam",
    ),
    ("CAP-10", "- Kỷ niệm ngày quốc khánh 2/9.", "quốc khánh", "Quốc khánh"),
    ("CAP-10", "- Kỷ niệm ngày Quốc tế lao động 1/5.", "Quốc tế lao động", "Quốc tế Lao động"),
    ("CAP-11", "- Tuyên truyền luật Tổ chức Quốc hội.", "luật Tổ chức", "Luật Tổ chức"),
    ("CAP-11", "- Tuyên truyền Bộ Luật hình sự năm 2015.", "Bộ Luật hình sự", "Bộ luật Hình sự"),
    ("CAP-12", "- Thực hiện theo Khoản 2 điều 5 của Quy định.", "Khoản 2 điều 5", "khoản 2 Điều 5"),
    ("CAP-13", "- Đón xuân giáp thìn vui tươi.", "giáp thìn", "Giáp Thìn"),
    ("CAP-13", "- Tổ chức vui tết nguyên đán.", "tết nguyên đán", "tết Nguyên đán"),
    ("CAP-13", "- Giao ban vào thứ hai hằng tuần.", "thứ hai", "thứ Hai"),
    ("CAP-13", "- Tổ chức trong tháng tám năm 2023.", "tháng tám", "tháng Tám"),
    ("CAP-14", "- Kỷ niệm cách mạng tháng Tám.", "cách mạng tháng Tám", "Cách mạng tháng Tám"),
    ("CAP-14", "- Tìm hiểu di sản thời triều Trần.", "triều Trần", "Triều Trần"),
    (
        "CAP-15",
        "- Giới thiệu bài viết trên tạp chí cộng sản.",
        "tạp chí cộng sản",
        "tạp chí Cộng sản",
    ),
]

# (rule, lines the rule must leave alone, separated by "\n")
GOOD = [
    (
        "CAP-1",
        "- Hoạt động văn hóa, văn nghệ... các hình thức khác; TP. Hồ Chí Minh, v.v. và 1. mục.",
    ),
    (
        "CAP-1",
        "- Câu bị ngắt trang\n\ntiếp tục ở trang sau; các mục:\na) nội dung một;\nb) nội dung hai.",
    ),
    ("CAP-2", "- Giao đồng chí Nguyễn Văn An làm Trưởng ban; đồng chí Bí thư Huyện ủy chỉ đạo."),
    ("CAP-4", "- Tham quan sông Hồng, vịnh Hạ Long, vùng Tây Bắc; gió mùa hướng tây bắc."),
    ("CAP-4", "- Phối hợp với Tổng công ty Sông Đà; quận Cầu Giấy, thị xã Cửa Lò."),
    ("CAP-7", "- Đón nhận Huân chương Lao động hạng Ba; Nghệ sĩ Nhân dân; Anh hùng Lao động."),
    ("CAP-8", "- Đồng chí Bí thư Huyện ủy; Chủ tịch Hồ Chí Minh; bí thư chi bộ các thôn."),
    ("CAP-9", "- Học tập Bác Hồ; Đảng Cộng sản Việt Nam; các đảng cộng sản và công nhân."),
    ("CAP-10", "- Kỷ niệm ngày Quốc khánh 2/9; tặng quà gia đình thương binh, liệt sĩ."),
    ("CAP-10", "- Thăm đồng chí Hoàng Quốc Khánh."),
    ("CAP-11", "- Chấp hành pháp luật Việt Nam, kỷ luật Đảng; Luật Tổ chức Quốc hội; luật sư."),
    ("CAP-12", "- Theo điểm a khoản 2 Điều 5; bảo đảm điều kiện; thực hiện 3 điều."),
    ("CAP-13", "- Xuân Giáp Thìn; tết Nguyên đán; Đại hội lần thứ hai, ngày 12/5/2023."),
    ("CAP-13", "- Mỗi tháng hai lần; Cách mạng tháng Tám; tháng 8 năm 2023."),
    ("CAP-14", "- Kỷ niệm Cách mạng tháng Tám; Chiến dịch Điện Biên Phủ; Triều Trần."),
    ("CAP-15", "- Bài đăng trên báo Nhân dân, tạp chí Cộng sản; thông báo nhân dân biết."),
]


@pytest.mark.parametrize(("rule", "bad", "quoted", "fixed"), BAD)
def test_a_mis_capitalised_phrase_is_reported_with_the_corrected_spelling(
    rule: str, bad: str, quoted: str, fixed: str
) -> None:
    lines = plan(bad)
    found = hits(lines, rule)
    assert len(found) == 1, found
    finding = found[0]
    assert finding.severity is (Severity.WARNING if rule == "CAP-11" else Severity.INFO)
    assert finding.line == lines.index(bad) + 1
    assert finding.text == quoted
    assert finding.column == bad.index(quoted) + 1
    assert fixed in finding.suggestion


@pytest.mark.parametrize(("rule", "good"), GOOD)
def test_correctly_capitalised_lines_give_no_finding(rule: str, good: str) -> None:
    assert hits(plan(*good.split("\n")), rule) == []


@pytest.mark.parametrize("rule", CAP_RULES)
def test_a_well_formed_plan_gives_no_capitalisation_finding(rule: str) -> None:
    assert hits(plan("- Tổ chức tuyên truyền trên các phương tiện thông tin."), rule) == []


def test_a_lower_case_signer_name_is_reported_at_its_line() -> None:
    lines = plan("- Tổ chức tuyên truyền.", signer="Nguyễn văn An")
    found = hits(lines, "CAP-2")
    assert len(found) == 1, found
    assert found[0].line == len(lines)
    assert found[0].text == "Nguyễn văn An"
    assert "Nguyễn Văn An" in found[0].suggestion


def test_headings_in_capitals_are_not_judged() -> None:
    lines = plan("1. TUYÊN TRUYỀN VỀ CÁCH MẠNG THÁNG TÁM VÀ QUỐC KHÁNH")
    assert [f for f in check(lines).findings if f.rule in CAP_RULES] == []


@pytest.mark.parametrize("path", sorted((REPO / "tests" / "clean").glob("*.txt")), ids=str)
def test_the_clean_plans_give_no_capitalisation_finding(path: Path) -> None:
    assert [f for f in check_path(path).findings if f.rule in CAP_RULES] == []


@pytest.mark.parametrize("path", sorted((REPO / "corpus" / "seeds").glob("*.txt")), ids=str)
def test_the_seeds_give_no_finding_from_these_rules(path: Path) -> None:
    assert [f for f in check_path(path).findings if f.rule in CAP_RULES] == []
