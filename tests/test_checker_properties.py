"""The checker never raises: any text gives a report, whatever the rules meet."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kehoach.document.checking import Report, check_source
from kehoach.document.model import SourceText

PIECES = st.sampled_from(
    [
        "KẾ HOẠCH",
        "Số 193 -KH/QU",
        "Số:  /KH-UBND",
        "Số 0-KH/",
        "*",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Long Biên, ngày",
        " 31 tháng 13 năm 2023",
        " tháng năm 0000",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "IV.",
        "1. ",
        "1.1. ",
        "a) ",
        "đ) ",
        "- ",
        "Nơi nhận",
        ":",
        "T/M BAN THƯỜNG VỤ",
        "KT. CHỦ TỊCH",
        "Thực hiện Kế hoạch số 02-KH/BTGTU, ngày 24/12/2015 của ",
        "Căn cứ Luật ",
        "từ ngày 20/01 đến ngày 28/01/2016",
        "trước ngày 31/02/2016",
        "12/76/2023",
        "(",
        ")",
        "“",
        "”",
        '"',
        "UBND",
        "nhân dân",
        "sông hồng",
        "huân chương lao động hạng ba",
        "Điều 5",
        "khoản 2 điều 3",
        "đồng chí nguyễn văn an",
        "./.",
        "(Đã ký)",
        "|",
        "\n",
        "\n\n",
        "  ",
        "\t",
    ]
)
PLANLIKE = st.lists(st.one_of(PIECES, st.text(max_size=10)), max_size=60).map("".join)


def check_text(text: str) -> Report:
    lines = tuple(unicodedata.normalize("NFC", line) for line in text.split("\n"))
    return check_source(SourceText(lines))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PLANLIKE)
def test_checking_never_raises_on_plan_like_text(text: str) -> None:
    report = check_text(text)
    assert all(f.rule and f.message for f in report.findings)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_checking_never_raises_on_any_text(text: str) -> None:
    assert isinstance(check_text(text), Report)


def test_a_failing_rule_is_reported_and_the_other_rules_still_run() -> None:
    from kehoach.document.checking.model import RULES, Rule

    def broken(ctx: object) -> list[object]:
        raise ValueError("boom")

    original = RULES["TXT-003"]
    RULES["TXT-003"] = Rule(**{**original.__dict__, "check": broken})
    try:
        report = check_text("Số -KH/HU\nKẾ HOẠCH\ntuyên truyền")
    finally:
        RULES["TXT-003"] = original
    rules = {f.rule for f in report.findings}
    assert "TXT-003" in rules and "NUM-002" in rules
    (internal,) = [f for f in report.findings if f.rule == "TXT-003"]
    assert "ValueError" in internal.message
