"""The closing rules: end of content (END), "Nơi nhận" (RCV), signature block (SIG)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from kehoach.document.checking import Finding, Severity, check_path, check_source
from kehoach.document.checking.runner import Report
from kehoach.document.model import SourceText

SEEDS = Path(__file__).resolve().parent.parent / "corpus" / "seeds"
HD05_DAY = date(2026, 6, 1)  # a day under Hướng dẫn 05-HD/VPTW
CLOSING_RULES = (
    "END-001",
    "END-002",
    "RCV-001",
    "RCV-002",
    "RCV-003",
    "RCV-004",
    "RCV-005",
    "SIG-001",
    "SIG-002",
    "SIG-003",
    "SIG-004",
    "SIG-005",
    "SIG-006",
    "SIG-007",
)

PARTY_HEADER = [
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
PARTY_BODY = [
    "Thực hiện Hướng dẫn số 41-HD/BTGTU, ngày 24/7/2023 của Ban Tuyên giáo Tỉnh ủy, "
    "Ban Thường vụ Huyện ủy xây dựng kế hoạch như sau:",
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "",
    "Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân.",
    "",
    "II. NỘI DUNG",
    "",
    "Tuyên truyền về truyền thống của Đảng bộ huyện.",
    "",
    "III. TỔ CHỨC THỰC HIỆN",
    "",
    "Các chi, đảng bộ trực thuộc tổ chức thực hiện./.",
    "",
]
RECIPIENTS = [
    "Nơi nhận:",
    "- Ban Tuyên giáo Tỉnh ủy (để báo cáo);",
    "- Các chi, đảng bộ trực thuộc;",
    "- Lưu Văn phòng Huyện ủy.",
    "",
]
SIGNATURE = ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "Nguyễn Văn An"]

STATE_HEADER = [
    "ỦY BAN NHÂN DÂN",
    "QUẬN LONG BIÊN",
    "Số: 05/KH-UBND",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Long Biên, ngày 15 tháng 8 năm 2023",
    "",
    "KẾ HOẠCH",
    "Tuyên truyền phòng, chống dịch bệnh",
    "",
]
STATE_BODY = [
    "Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007; Ủy ban nhân dân quận ban hành "
    "kế hoạch như sau:",
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "",
    "Nâng cao nhận thức của Nhân dân.",
    "",
    "II. NỘI DUNG",
    "",
    "Tuyên truyền trên các phương tiện thông tin đại chúng.",
    "",
    "III. TỔ CHỨC THỰC HIỆN",
    "",
    "Các phòng, ban, đơn vị thuộc quận thực hiện./.",
    "",
]
STATE_RECIPIENTS = [
    "Nơi nhận:",
    "- Ủy ban nhân dân Thành phố;",
    "- Các phòng, ban, đơn vị;",
    "- Lưu: VT, VP.",
    "",
]
STATE_SIGNATURE = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Văn Bình"]


def party_lines(
    body: Sequence[str] = PARTY_BODY,
    recipients: Sequence[str] = RECIPIENTS,
    signature: Sequence[str] = SIGNATURE,
) -> list[str]:
    return [*PARTY_HEADER, *body, *recipients, *signature]


def state_lines(
    body: Sequence[str] = STATE_BODY,
    recipients: Sequence[str] = STATE_RECIPIENTS,
    signature: Sequence[str] = STATE_SIGNATURE,
) -> list[str]:
    return [*STATE_HEADER, *body, *recipients, *signature]


def check(lines: Sequence[str], *, as_of: date | None = None) -> Report:
    return check_source(SourceText(tuple(lines)), as_of=as_of)


def hits(report: Report, rule: str) -> list[Finding]:
    return [f for f in report.findings if f.rule == rule]


def line_of(lines: Sequence[str], text: str) -> int:
    return list(lines).index(text) + 1


def with_signature(*signature: str) -> list[str]:
    return party_lines(signature=list(signature))


# ---------------------------------------------------------------- good documents


@pytest.mark.parametrize("rule", CLOSING_RULES)
@pytest.mark.parametrize(
    ("lines", "as_of"),
    [
        (party_lines(), None),
        (
            party_lines(
                body=[*PARTY_BODY[:-2], "Các chi, đảng bộ trực thuộc tổ chức thực hiện.", ""]
            ),
            HD05_DAY,
        ),
        (state_lines(), None),
    ],
    ids=["party-2023", "party-HD05-full-stop", "state"],
)
def test_well_formed_closings_give_no_finding(
    rule: str, lines: list[str], as_of: date | None
) -> None:
    report = check(lines, as_of=as_of)
    assert hits(report, rule) == []


# ---------------------------------------------------------------- END


def test_content_without_a_final_mark_is_reported_at_its_last_line() -> None:
    body = [*PARTY_BODY[:-2], "Các chi, đảng bộ trực thuộc tổ chức thực hiện", ""]
    lines = party_lines(body=body)
    (finding,) = hits(check(lines), "END-001")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, "Các chi, đảng bộ trực thuộc tổ chức thực hiện")
    assert finding.text.endswith("tổ chức thực hiện")
    assert finding.column == len("Các chi, đảng bộ trực thuộc tổ chức thực hiện") + 1


def test_content_ending_with_a_full_stop_or_slash_passes() -> None:
    for last in ("Các chi thực hiện.", "Các chi thực hiện./."):
        lines = party_lines(body=[*PARTY_BODY[:-2], last, ""])
        assert hits(check(lines), "END-001") == []


def test_party_content_ending_with_slash_is_reported_under_hd05() -> None:
    lines = party_lines()
    (finding,) = hits(check(lines, as_of=HD05_DAY), "END-002")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, "Các chi, đảng bộ trực thuộc tổ chức thực hiện./.")
    assert finding.text == "./."


def test_party_slash_ending_is_accepted_before_hd05() -> None:
    report = check(party_lines(), as_of=date(2026, 5, 26))
    assert "END-002" not in report.rules_run
    assert hits(report, "END-002") == []


def test_state_slash_ending_is_never_an_end_002_finding() -> None:
    assert hits(check(state_lines(), as_of=HD05_DAY), "END-002") == []


# ---------------------------------------------------------------- RCV


def test_missing_recipients_block_is_an_error_without_a_line() -> None:
    (finding,) = hits(check(party_lines(recipients=[])), "RCV-001")
    assert finding.severity is Severity.ERROR
    assert finding.line is None


def test_recipients_head_without_colon_is_reported() -> None:
    lines = party_lines(recipients=["Nơi nhận", *RECIPIENTS[1:]])
    (finding,) = hits(check(lines), "RCV-002")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, "Nơi nhận")
    assert finding.text == "Nơi nhận"
    assert finding.column == len("Nơi nhận") + 1


def test_receiver_ending_with_a_comma_is_reported_with_the_fix() -> None:
    recipients = ["Nơi nhận:", "- Thường trực Huyện ủy,", "- Các chi, đảng bộ;", "- Lưu VP."]
    lines = party_lines(recipients=recipients)
    (finding,) = hits(check(lines), "RCV-003")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, "- Thường trực Huyện ủy,")
    assert finding.text == "- Thường trực Huyện ủy,"
    assert finding.column == len("- Thường trực Huyện ủy,")
    assert "- Thường trực Huyện ủy;" in finding.suggestion


def test_archive_line_ending_with_a_semicolon_is_reported() -> None:
    recipients = ["Nơi nhận:", "- Các chi, đảng bộ;", "- Lưu VP;"]
    lines = party_lines(recipients=recipients)
    (finding,) = hits(check(lines), "RCV-003")
    assert finding.line == line_of(lines, "- Lưu VP;")
    assert "dấu chấm" in finding.message
    assert finding.suggestion == "Viết: - Lưu VP."


def test_receiver_without_a_leading_dash_is_reported() -> None:
    recipients = ["Nơi nhận:", "- Các chi, đảng bộ;", "Ban Tuyên giáo Tỉnh ủy;", "- Lưu VP."]
    lines = party_lines(recipients=recipients)
    found = hits(check(lines), "RCV-003")
    assert [(f.line, f.text) for f in found] == [
        (line_of(lines, "Ban Tuyên giáo Tỉnh ủy;"), "Ban Tuyên giáo Tỉnh ủy;")
    ]
    assert "gạch đầu dòng" in found[0].message


def test_purpose_notes_labels_wrapped_receivers_and_groups_are_accepted() -> None:
    recipients = [
        "Nơi nhận:",
        "Gửi bản điện tử:",
        "- Thành ủy Hà Nội; (để b/c)",
        "- Ban Tuyên giáo Thành ủy (để báo cáo);",
        "- Các ban, ngành, Mặt trận Tổ quốc và các đoàn",
        "thể chính trị - xã hội quận;",
        "- Các ban Đảng Quận ủy:",
        "+ Ban Tổ chức;",
        "+ Ban Dân vận;",
        "- Lưu Văn phòng Quận ủy.",
    ]
    assert hits(check(party_lines(recipients=recipients)), "RCV-003") == []


def test_recipients_without_an_archive_line_are_reported_at_the_last_receiver() -> None:
    recipients = ["Nơi nhận:", "- Ban Tuyên giáo Tỉnh ủy;", "- Các chi, đảng bộ trực thuộc."]
    lines = party_lines(recipients=recipients)
    (finding,) = hits(check(lines), "RCV-004")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, "- Các chi, đảng bộ trực thuộc.")
    assert finding.text == "- Các chi, đảng bộ trực thuộc."


def test_archive_line_must_be_last() -> None:
    recipients = ["Nơi nhận:", "- Lưu VP;", "- Các chi, đảng bộ trực thuộc."]
    lines = party_lines(recipients=recipients)
    (finding,) = hits(check(lines), "RCV-004")
    assert finding.line == line_of(lines, "- Lưu VP;")
    assert "cuối cùng" in finding.message


def test_state_archive_line_follows_the_nd30_form() -> None:
    recipients = ["Nơi nhận:", "- Các phòng, ban;", "- Lưu VP."]
    lines = state_lines(recipients=recipients)
    (finding,) = hits(check(lines), "RCV-004")
    assert finding.line == line_of(lines, "- Lưu VP.")
    assert "Lưu: VT" in finding.message


def test_bare_archive_line_is_reported_as_info() -> None:
    recipients = ["Nơi nhận:", "- Các chi, đảng bộ trực thuộc;", "- Lưu."]
    lines = party_lines(recipients=recipients)
    (finding,) = hits(check(lines), "RCV-005")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, "- Lưu.")
    assert finding.text == "- Lưu."


def test_archive_line_naming_the_office_passes() -> None:
    for archive in ("- Lưu VP.", "- Lưu Văn phòng Huyện ủy.", "- Lưu: VT, TCCB."):
        recipients = ["Nơi nhận:", "- Các chi, đảng bộ;", archive]
        assert hits(check(party_lines(recipients=recipients)), "RCV-005") == []


# ---------------------------------------------------------------- SIG


def test_missing_signature_block_is_an_error() -> None:
    (finding,) = hits(check(party_lines(signature=[])), "SIG-001")
    assert finding.severity is Severity.ERROR
    assert finding.line is None


def test_signature_without_a_name_is_an_error_at_the_title() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ")
    (finding,) = hits(check(lines), "SIG-001")
    assert finding.line == line_of(lines, "BÍ THƯ")
    assert finding.text == "BÍ THƯ"
    assert "họ tên" in finding.message


def test_state_notation_in_a_party_document_is_an_error() -> None:
    lines = with_signature("TM. BAN THƯỜNG VỤ", "BÍ THƯ", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-002")
    assert finding.severity is Severity.ERROR
    assert finding.line == line_of(lines, "TM. BAN THƯỜNG VỤ")
    assert finding.text == "TM. BAN THƯỜNG VỤ"
    assert finding.suggestion == "Viết: T/M BAN THƯỜNG VỤ"


def test_t_slash_u_is_never_valid_in_a_party_document() -> None:
    lines = with_signature("T/U BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-002")
    assert finding.line == line_of(lines, "T/U BAN THƯỜNG VỤ")
    assert "T/L" in finding.message
    assert finding.suggestion == "Viết: T/L BAN THƯỜNG VỤ"


def test_party_notation_in_a_state_document_is_an_error() -> None:
    lines = state_lines(signature=["T/M ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Văn Bình"])
    (finding,) = hits(check(lines), "SIG-002")
    assert finding.line == line_of(lines, "T/M ỦY BAN NHÂN DÂN")
    assert finding.suggestion == "Viết: TM. ỦY BAN NHÂN DÂN"


def test_head_title_under_a_committee_is_reported() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "TRƯỞNG BAN", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-003")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, "TRƯỞNG BAN")
    assert finding.text == "TRƯỞNG BAN"


def test_k_slash_t_before_a_party_committee_is_reported() -> None:
    lines = with_signature("K/T BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-003")
    assert finding.line == line_of(lines, "K/T BAN THƯỜNG VỤ")
    assert "T/M BAN THƯỜNG VỤ" in finding.suggestion


def test_k_slash_t_needs_a_deputy_title() -> None:
    lines = with_signature("K/T TRƯỞNG BAN", "ỦY VIÊN", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-003")
    assert finding.line == line_of(lines, "ỦY VIÊN")


def test_t_slash_m_before_a_head_title_is_reported() -> None:
    lines = with_signature("T/M TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-003")
    assert finding.line == line_of(lines, "T/M TRƯỞNG BAN")


def test_collective_signature_without_a_title_is_reported() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-003")
    assert finding.line == line_of(lines, "T/M BAN THƯỜNG VỤ")
    assert "Thiếu chức vụ" in finding.message


@pytest.mark.parametrize(
    "signature",
    [
        ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "", "Nguyễn Văn An"],
        ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Nguyễn Văn An"],
        ["T/M ỦY BAN KIỂM TRA", "PHÓ CHỦ NHIỆM", "", "Nguyễn Văn An"],
        ["T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG", "", "Nguyễn Văn An"],
        ["TRƯỞNG BAN", "", "Nguyễn Văn An"],
    ],
)
def test_valid_party_signing_forms_pass(signature: list[str]) -> None:
    report = check(with_signature(*signature))
    assert hits(report, "SIG-002") == []
    assert hits(report, "SIG-003") == []


def test_state_deputy_signing_for_a_collective_passes() -> None:
    signature = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Văn Bình"]
    report = check(state_lines(signature=signature))
    assert hits(report, "SIG-002") == []
    assert hits(report, "SIG-003") == []


def test_academic_title_before_the_signer_name_is_reported() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "TS. Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-004")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, "TS. Nguyễn Văn An")
    assert finding.text == "TS. Nguyễn Văn An"
    assert finding.suggestion == "Viết: Nguyễn Văn An"


def test_signer_name_with_lower_case_syllables_is_reported() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "Nguyễn văn an")
    (finding,) = hits(check(lines), "SIG-004")
    assert finding.line == line_of(lines, "Nguyễn văn an")


def test_signer_name_in_capitals_is_reported() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "NGUYỄN VĂN AN")
    report = check(lines)
    (finding,) = hits(report, "SIG-004")
    assert finding.line == line_of(lines, "NGUYỄN VĂN AN")
    assert finding.suggestion == "Viết: Nguyễn Văn An"
    assert hits(report, "SIG-001") == []


def test_body_subject_other_than_the_signing_collective_is_reported() -> None:
    opening = (
        "Thực hiện Hướng dẫn số 41-HD/BTGTU, ngày 24/7/2023 của Ban Tuyên giáo Tỉnh ủy, "
        "Thường trực Huyện ủy xây dựng kế hoạch như sau:"
    )
    lines = party_lines(body=[opening, *PARTY_BODY[1:]])
    (finding,) = hits(check(lines), "SIG-005")
    assert finding.severity is Severity.WARNING
    assert finding.line == line_of(lines, opening)
    assert finding.text == "Thường trực Huyện ủy"
    assert "T/M BAN THƯỜNG VỤ" in finding.message
    assert "Ban Thường vụ Huyện ủy" in finding.suggestion


def test_collective_named_as_an_object_is_not_a_subject() -> None:
    opening = (
        "Ban Tuyên giáo tham mưu Thường trực Huyện ủy triển khai kế hoạch tuyên truyền như sau:"
    )
    lines = party_lines(body=[opening, *PARTY_BODY[1:]])
    assert hits(check(lines), "SIG-005") == []


def test_extra_words_after_a_committee_title_are_reported_under_hd05() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Nguyễn Văn An")
    (finding,) = hits(check(lines, as_of=HD05_DAY), "SIG-006")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, "PHÓ BÍ THƯ THƯỜNG TRỰC")
    assert finding.text == "PHÓ BÍ THƯ THƯỜNG TRỰC"
    assert finding.suggestion == "Viết: PHÓ BÍ THƯ"


def test_extra_words_after_a_committee_title_pass_before_hd05() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "", "Nguyễn Văn An")
    assert hits(check(lines), "SIG-006") == []


def test_transcription_marker_is_reported() -> None:
    lines = with_signature("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)", "Nguyễn Văn An")
    (finding,) = hits(check(lines), "SIG-007")
    assert finding.severity is Severity.INFO
    assert finding.line == line_of(lines, "(Đã ký)")
    assert finding.text == "(Đã ký)"
    report = check(lines)
    assert hits(report, "SIG-001") == []  # the marker is not the signer's name


# ---------------------------------------------------------------- seeds (§7.2)

SEED_FINDINGS: dict[str, dict[str, list[int]]] = {
    "000": {"RCV-003": [122, 123, 124, 125, 126, 127], "RCV-005": [128]},
    "001": {"RCV-005": [112]},
    "002": {"END-001": [107], "RCV-002": [109]},
    "003": {"RCV-003": [75], "SIG-007": [84]},
    "004": {"SIG-005": [13, 81], "RCV-003": [87, 88, 89, 90, 91, 92, 93, 94, 95]},
}
SEED_FINDINGS_HD05: dict[str, dict[str, list[int]]] = {
    "000": {"END-002": [118], "SIG-006": [131]},
    "001": {"END-002": [102], "SIG-006": [115]},
    "002": {},
    "003": {"END-002": [66]},
    "004": {},
}


def _seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def _by_rule(report: Report, rules: Sequence[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for f in report.findings:
        if f.rule in rules:
            out.setdefault(f.rule, []).append(f.line or 0)
    return {rule: sorted(lines) for rule, lines in out.items()}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seeds_give_the_closing_findings_of_the_spec(seed: str) -> None:
    report = check_path(_seed(seed))
    assert _by_rule(report, CLOSING_RULES) == SEED_FINDINGS[seed]


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS_HD05))
def test_seeds_judged_under_hd05_add_the_dated_findings(seed: str) -> None:
    report = check_path(_seed(seed), as_of=HD05_DAY)
    dated = _by_rule(report, ("END-002", "SIG-006"))
    assert dated == SEED_FINDINGS_HD05[seed]


def test_seed_004_subject_mismatch_quotes_both_sides() -> None:
    found = hits(check_path(_seed("004")), "SIG-005")
    assert {f.text for f in found} == {"Thường trực Huyện ủy"}
    assert all("T/M BAN THƯỜNG VỤ" in f.message for f in found)


def test_seed_002_missing_end_mark_quotes_the_last_words() -> None:
    (finding,) = hits(check_path(_seed("002")), "END-001")
    assert finding.text.endswith("trong kế hoạch")
