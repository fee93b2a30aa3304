"""The text rules: punctuation and spelling style (TXT) and capitalisation (CAP)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kehoach.document.checking import Finding, Severity, check_path, check_source
from kehoach.document.checking.runner import Report
from kehoach.document.model import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
TEXT_RULES = (
    "TXT-001",
    "TXT-002",
    "TXT-003",
    "TXT-004",
    "TXT-005",
    "TXT-006",
    "CAP-3",
    "CAP-5",
    "CAP-6",
)

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
]
OPENING = (
    "Thực hiện Hướng dẫn số 41-HD/BTGTU, ngày 24/7/2023 của Ban Tuyên giáo Tỉnh ủy, "
    "Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:"
)
CLOSING = [
    "",
    "Nơi nhận:",
    "- Ban Tuyên giáo Tỉnh ủy (để báo cáo);",
    "- Ủy ban nhân dân huyện;",
    "- Lưu Văn phòng Huyện ủy.",
    "",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "",
    "Nguyễn Văn An",
]


def plan(*content: str, recipients: Sequence[str] | None = None) -> list[str]:
    """A well-formed Party plan whose section II holds ``content`` (one line each)."""
    closing = CLOSING if recipients is None else ["", "Nơi nhận:", *recipients, *CLOSING[5:]]
    return [
        *HEADER,
        OPENING,
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "",
        "Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân.",
        "",
        "II. NỘI DUNG",
        "",
        *content,
        "",
        "III. TỔ CHỨC THỰC HIỆN",
        "",
        "Các chi, đảng bộ trực thuộc tổ chức thực hiện.",
        *closing,
    ]


def check(lines: Sequence[str]) -> Report:
    return check_source(SourceText(tuple(lines)))


def hits(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def line_of(lines: Sequence[str], text: str) -> int:
    return list(lines).index(text) + 1


def one(lines: Sequence[str], rule: str) -> Finding:
    found = hits(check(lines), rule)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- good document

GOOD = plan(
    "- Tuyên truyền chủ đề “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”.",
    "- Tổ chức hội thi (cấp huyện và cấp cơ sở) về lịch sử Đảng bộ huyện Bạch Thông.",
    "- Phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam (MTTQ) huyện; MTTQ các xã vận động.",
    "- Đại hội XIII của Đảng; Chỉ thị số 05-CT/TW của Bộ Chính trị; khẩu hiệu ĐẢNG CỘNG SẢN VIỆT NAM QUANG VINH.",
    "- Tổ chức văn hóa, văn nghệ, thể dục thể thao; các hoạt động hòa nhạc...",
    "- Các phòng y tế trường học, cán bộ chính trị và Ban Thường vụ Huyện ủy; Phòng Văn hóa và Thông tin huyện.",
    "- Công an nhân dân, Quân đội nhân dân, Ủy ban nhân dân các xã và Nhân dân trên địa bàn.",
    "- Đảng bộ tỉnh Bắc Kạn, huyện Ngân Sơn, Quận 1, Phường Điện Biên Phủ; Quận ủy, Huyện Đoàn.",
    "a) Nội dung thứ nhất;",
    "b) Nội dung thứ hai.",
)


@pytest.mark.parametrize("rule", TEXT_RULES)
def test_a_clean_plan_gives_no_text_finding(rule: str) -> None:
    assert hits(check(GOOD), rule) == []


# ---------------------------------------------------------------- TXT-001


def test_unclosed_curly_quote_is_reported_at_its_line() -> None:
    bad = "- Tuyên truyền chủ đề “Học tập và làm theo tư tưởng Hồ Chí Minh."
    lines = plan(bad)
    finding = one(lines, "TXT-001")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, bad)
    assert "“Học tập" in finding.text
    assert finding.column == bad.index("“") + 1


def test_closing_quote_without_an_opening_one_is_reported() -> None:
    bad = "- Tuyên truyền chủ đề Học tập và làm theo tư tưởng Hồ Chí Minh”."
    lines = plan(bad)
    finding = one(lines, "TXT-001")
    assert finding.line == line_of(lines, bad)
    assert "mở ngoặc kép" in finding.message


def test_odd_number_of_straight_quotes_is_reported() -> None:
    bad = '- Tuyên truyền cuốn sách "Lịch sử Đảng bộ huyện.'
    lines = plan(bad)
    finding = one(lines, "TXT-001")
    assert finding.line == line_of(lines, bad)
    assert finding.text == bad


def test_quotes_spanning_two_lines_are_balanced() -> None:
    lines = plan("- Khẩu hiệu “Đảng Cộng sản Việt Nam", "quang vinh muôn năm!”.")
    assert hits(check(lines), "TXT-001") == []


# ---------------------------------------------------------------- TXT-002


def test_unclosed_parenthesis_is_reported_at_the_line_it_opens() -> None:
    bad = "- Tuyên truyền (theo Hướng dẫn số 17-HD/BTGHU ngày 12/7/2023 về kỷ niệm (1943-2023)."
    lines = plan(bad)
    finding = one(lines, "TXT-002")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, bad)
    assert finding.text.startswith("(theo Hướng dẫn")
    assert finding.column == bad.index("(") + 1
    assert f"dòng {finding.line}" in finding.message


def test_stray_closing_parenthesis_is_reported() -> None:
    bad = "- Tuyên truyền theo Hướng dẫn số 17-HD/BTGHU của Ban Tuyên giáo Huyện ủy) về kỷ niệm."
    lines = plan(bad)
    finding = one(lines, "TXT-002")
    assert finding.line == line_of(lines, bad)
    assert ")" in finding.text


def test_parentheses_may_span_lines_and_list_markers_are_not_brackets() -> None:
    lines = plan(
        "- Các hoạt động (hội thi, tọa đàm,", "giao lưu) tại cơ sở.", "1) Mục một; 2) mục hai."
    )
    assert hits(check(lines), "TXT-002") == []


# ---------------------------------------------------------------- TXT-003


def test_mixed_quote_styles_are_reported_at_the_less_used_style() -> None:
    straight = '- Tuyên truyền cuốn sách "Lịch sử Đảng bộ huyện".'
    curly = "- Hưởng ứng cuộc vận động “Uống nước nhớ nguồn”."
    lines = plan(straight, '- Phát hành sách "Truyền thống".', curly)
    finding = one(lines, "TXT-003")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, curly)
    assert "“Uống nước" in finding.text


def test_one_quote_style_passes() -> None:
    lines = plan('- Sách "Lịch sử".', '- Phong trào "Uống nước nhớ nguồn".')
    assert hits(check(lines), "TXT-003") == []


# ---------------------------------------------------------------- TXT-004


def test_repeated_spaces_are_reported_with_their_column() -> None:
    bad = "- Tuyên truyền  về truyền thống của Đảng bộ."
    lines = plan(bad)
    finding = one(lines, "TXT-004")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, bad)
    assert finding.text == "truyền  về"
    assert finding.column == bad.index("  ") + 1


def test_space_before_punctuation_is_reported() -> None:
    bad = "- Quyết tâm thực hiện thắng lợi Nghị quyết Đại hội XIII của Đảng !"
    lines = plan(bad)
    finding = one(lines, "TXT-004")
    assert finding.line == line_of(lines, bad)
    assert finding.text == "Đảng !"
    assert finding.suggestion == "Viết: Đảng!"


def test_ellipsis_after_a_space_and_flattened_table_rows_pass() -> None:
    lines = plan("- Tổ chức văn hóa, văn nghệ, ...")
    lines = [*lines[:-4], "- Ban Tuyên giáo TU;         Để báo cáo", *lines[-4:]]
    assert hits(check(lines), "TXT-004") == []


# ---------------------------------------------------------------- TXT-005


def test_mixed_tone_placement_is_reported_once_at_the_minority_style() -> None:
    bad = "- Tổ chức các hoạt động văn hoá tại cơ sở."
    lines = plan("- Tổ chức văn hóa, văn nghệ.", bad)
    finding = one(lines, "TXT-005")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, bad)
    assert finding.text == "hoá"
    assert "hóa" in finding.message


def test_qu_words_are_not_tone_placement_variants() -> None:
    lines = plan("- Kinh nghiệm quý, tùy theo điều kiện, hòa nhạc và quý vị.")
    assert hits(check(lines), "TXT-005") == []


# ---------------------------------------------------------------- TXT-006


def test_abbreviation_not_spelled_out_at_first_use_is_reported() -> None:
    bad = "- Đề nghị UBND huyện chỉ đạo các xã."
    lines = plan(bad, "- UBND các xã tổ chức thực hiện.")
    finding = one(lines, "TXT-006")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, bad)
    assert finding.text == "UBND"
    assert finding.column == bad.index("UBND") + 1


def test_hyphenated_abbreviation_is_one_abbreviation() -> None:
    bad = "- Các tổ chức CT-XH huyện phối hợp."
    finding = one(plan(bad), "TXT-006")
    assert finding.text == "CT-XH"


def test_abbreviations_in_recipients_and_citations_are_not_reported() -> None:
    lines = plan(
        "- Thực hiện Kế hoạch số 60/KH-LĐLĐ và Chỉ thị số 05-CT/TW.",
        recipients=["- UBND huyện;", "- MTTQ và các đoàn thể CT-XH;", "- Lưu VP."],
    )
    assert hits(check(lines), "TXT-006") == []


# ---------------------------------------------------------------- CAP-3


def test_capitalised_administrative_generic_word_mid_sentence_is_reported() -> None:
    bad = "1. Đảng bộ, Nhân dân Quận Long Biên thi đua lập thành tích."
    lines = plan(bad)
    finding = one(lines, "CAP-3")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, bad)
    assert finding.text == "Quận Long Biên"
    assert finding.suggestion == "Viết: quận Long Biên"
    assert finding.column == bad.index("Quận") + 1


def test_administrative_unit_at_the_start_of_a_sentence_passes() -> None:
    lines = plan("- Huyện Bạch Thông tổ chức lễ kỷ niệm. Tỉnh Bắc Kạn chỉ đạo.")
    assert hits(check(lines), "CAP-3") == []


# ---------------------------------------------------------------- CAP-5


@pytest.mark.parametrize(
    ("bad", "quoted", "canonical"),
    [
        ("- Theo chỉ đạo của Ban tuyên giáo Thành ủy.", "Ban tuyên giáo", "Ban Tuyên giáo"),
        ("- Ban thường vụ Huyện ủy chỉ đạo.", "Ban thường vụ", "Ban Thường vụ"),
        (
            "- Phối hợp với phòng Văn hóa và Thông tin huyện.",
            "phòng Văn hóa và Thông tin",
            "Phòng Văn hóa và Thông tin",
        ),
        ("- Các cấp ủy, Mặt trận tổ quốc và các đoàn thể.", "Mặt trận tổ quốc", "Mặt trận Tổ quốc"),
        ("- Báo cáo ban thường vụ huyện ủy.", "ban thường vụ", "Ban Thường vụ"),
    ],
)
def test_known_organisation_names_cased_wrongly_are_reported(
    bad: str, quoted: str, canonical: str
) -> None:
    lines = plan(bad)
    finding = one(lines, "CAP-5")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, bad)
    assert finding.text == quoted
    assert finding.suggestion == f"Viết: {canonical}"


def test_organisation_names_in_recipients_are_checked() -> None:
    lines = plan(
        "- Nội dung.", recipients=["- Ban thường vụ Huyện ủy;", "- Lưu Văn phòng Huyện ủy."]
    )
    finding = one(lines, "CAP-5")
    assert finding.line == line_of(lines, "- Ban thường vụ Huyện ủy;")


def test_old_tone_placement_in_an_organisation_name_is_not_a_case_error() -> None:
    lines = plan("- Phối hợp với Phòng Văn hoá và Thông tin, Ban Tuyên giáo Thành uỷ.")
    assert hits(check(lines), "CAP-5") == []


# ---------------------------------------------------------------- CAP-6


def test_lower_case_nhan_dan_meaning_the_people_is_reported() -> None:
    bad = "- Tuyên truyền sâu rộng trong các tầng lớp nhân dân trên địa bàn."
    lines = plan(bad)
    finding = one(lines, "CAP-6")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, bad)
    assert finding.text == "nhân dân"
    assert finding.column == bad.index("nhân dân") + 1


def test_lower_case_nha_nuoc_after_dang_is_reported() -> None:
    bad = "- Chủ trương của Đảng, nhà nước về công tác dân tộc."
    finding = one(plan(bad), "CAP-6")
    assert finding.text == "nhà nước"
    assert finding.suggestion == "Viết: Đảng, Nhà nước"


def test_nhan_dan_inside_names_and_fixed_phrases_passes() -> None:
    lines = plan(
        "- Hội đồng nhân dân, Tòa án nhân dân, lực lượng vũ trang nhân dân, "
        "nền an ninh nhân dân, dân chủ nhân dân và doanh nghiệp nhà nước."
    )
    assert hits(check(lines), "CAP-6") == []


# ---------------------------------------------------------------- seeds (§7.2)

SEED_FINDINGS: dict[str, dict[str, list[int]]] = {
    "000": {"TXT-003": [34], "TXT-005": [84], "TXT-006": [98, 108], "CAP-6": [110, 114]},
    "001": {
        "TXT-005": [66],
        "TXT-006": [28, 32, 65, 84, 86, 86],
        "CAP-5": [74, 108],
        "CAP-6": [16, 16, 18, 18, 40, 58, 67, 76, 98],
    },
    "002": {
        "TXT-004": [73, 77],
        "TXT-006": [11, 11, 25, 25],
        "CAP-3": [73, 77],
        "CAP-5": [11],
    },
    "003": {
        "TXT-001": [11],
        "TXT-004": [1, 5, 50],
        "TXT-006": [18, 29, 47, 66, 66],
        # L52 "Phòng nội vụ" is not in the spec's table; NĐ30 PL II §IV makes it a finding.
        "CAP-5": [50, 52, 56],
        "CAP-6": [19],
    },
    "004": {"TXT-002": [27]},
}
SEED_ABBREVIATIONS = {
    "000": {"UBND", "MTTQ"},
    "001": {"BCH", "MTTQ", "TDTT", "TTĐT", "UBND", "VH-TT"},
    "002": {"CNVCLĐ", "LĐLĐ", "TDTT", "VHVN"},
    "003": {"BDCT", "CT-XH", "MTTQ", "TCCS", "UBND"},
    "004": set(),
}


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seeds_give_the_text_findings_of_the_spec(seed: str) -> None:
    report = check_path(_seed(seed))
    found: dict[str, list[int]] = {}
    for f in report.findings:
        if f.rule in TEXT_RULES:
            found.setdefault(f.rule, []).append(f.line or 0)
    assert {rule: sorted(lines) for rule, lines in found.items()} == SEED_FINDINGS[seed]


@pytest.mark.parametrize("seed", sorted(SEED_ABBREVIATIONS))
def test_seeds_report_the_abbreviations_of_the_spec(seed: str) -> None:
    report = check_path(_seed(seed))
    assert {f.text for f in hits(report, "TXT-006")} == SEED_ABBREVIATIONS[seed]


def test_seed_quotes_name_the_offending_text() -> None:
    assert [f.text for f in hits(check_path(_seed("002")), "CAP-3")] == ["Quận Long Biên"] * 2
    assert [f.text for f in hits(check_path(_seed("002")), "TXT-004")] == ["Đảng !"] * 2
    assert [f.text for f in hits(check_path(_seed("001")), "CAP-5")] == [
        "Ban tuyên giáo",
        "Ban thường vụ",
    ]
    assert [f.text for f in hits(check_path(_seed("003")), "CAP-5")] == [
        "phòng Văn hóa và Thông tin",
        "Phòng nội vụ",
        "Mặt trận tổ quốc",
    ]
    (quote,) = hits(check_path(_seed("003")), "TXT-001")
    assert quote.text.endswith("Hồ Chí Minh”")
    (paren,) = hits(check_path(_seed("004")), "TXT-002")
    assert paren.text.startswith("(theo Hướng dẫn số 17-HD/BTGHU")


def test_markdown_emphasis_in_seeds_gives_no_finding() -> None:
    # Seed 001 wraps dates in "**…**" and quotes in "“*…*”"; none of it is a finding.
    report = check_path(_seed("001"))
    assert all("*" not in f.text for f in report.findings if f.rule in TEXT_RULES)
    assert hits(report, "TXT-001") == []
    assert hits(report, "TXT-004") == []
