"""The commemorative days dataset, anniversaries and finding the days in plan titles."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from kehoach.tracking.commemorations import (
    DATASET,
    KINDS,
    CommemorationError,
    anniversaries,
    by_key,
    find_in_text,
    load,
    official_date,
)

# The days the issue names, with the year each is counted from.
NAMED_DAYS = [
    (2, 3, 1930, "thành lập Đảng Cộng sản Việt Nam"),
    (5, 19, 1890, "Ngày sinh Chủ tịch Hồ Chí Minh"),
    (9, 2, 1945, "Quốc khánh"),
    (10, 10, 1954, "Giải phóng Thủ đô"),
    (12, 22, 1944, "Quân đội nhân dân Việt Nam"),
    (4, 30, 1975, "Giải phóng miền Nam"),
    (3, 26, 1931, "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    (10, 20, 1930, "Hội Liên hiệp Phụ nữ Việt Nam"),
    (7, 28, 1929, "Công đoàn Việt Nam"),
    (11, 18, 1930, "Mặt trận"),
    (5, 7, 1954, "Điện Biên Phủ"),
    (7, 27, 1947, "Thương binh - Liệt sĩ"),
]


def _on(year: int, month: int, day: int) -> list[str]:
    return [a.label for a in anniversaries(dt.date(year, month, day), dt.date(year, month, day))]


def test_the_dataset_loads_and_every_day_names_its_source() -> None:
    days = load()
    assert len(days) >= 30
    for day in days:
        assert day.source.strip(), day.key
        assert day.kind in KINDS
        assert day.name == unicodedata.normalize("NFC", day.name)
        assert day.source == unicodedata.normalize("NFC", day.source)
    assert len({d.key for d in days}) == len(days)


@pytest.mark.parametrize(("month", "day", "year", "words"), NAMED_DAYS)
def test_each_named_day_is_present_with_its_founding_year(
    month: int, day: int, year: int, words: str
) -> None:
    matches = [
        d
        for d in load()
        if not d.lunar and (d.month, d.day) == (month, day) and words.lower() in d.name.lower()
    ]
    assert len(matches) == 1, [d.name for d in load() if (d.month, d.day) == (month, day)]
    assert matches[0].year == year


def test_lunar_days_are_kept_apart_and_never_given_a_solar_date() -> None:
    lunar = [d for d in load() if d.lunar]
    assert {d.key for d in lunar} == {"tet-nguyen-dan", "gio-to-hung-vuong"}
    assert all(d.on(2025) is None and d.founded is None for d in lunar)
    # 10/3 of the solar calendar is not Giỗ Tổ Hùng Vương.
    keys = {a.commemoration.key for a in anniversaries(dt.date(2025, 3, 10), dt.date(2025, 3, 10))}
    assert "gio-to-hung-vuong" not in keys


def test_2025_counts_95_years_of_the_party_and_80_of_national_day() -> None:
    assert _on(2025, 2, 3) == [
        "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)"
    ]
    assert _on(2025, 9, 2) == ["Kỷ niệm 80 năm Ngày Quốc khánh (02/9/1945 – 02/9/2025)"]
    party, national = (
        anniversaries(dt.date(2025, 2, 3), dt.date(2025, 2, 3))[0],
        anniversaries(dt.date(2025, 9, 2), dt.date(2025, 9, 2))[0],
    )
    assert (party.years, party.round, party.major, party.level) == (95, True, False, "round")
    assert (national.years, national.round, national.major, national.level) == (
        80,
        True,
        True,
        "major",
    )


def test_2030_is_the_hundredth_year_of_the_party_a_grand_major_anniversary() -> None:
    party = anniversaries(dt.date(2030, 2, 3), dt.date(2030, 2, 3))[0]
    assert party.years == 100
    assert party.major and party.grand and party.level == "grand"
    assert party.years_label == "100 năm"


def test_an_ordinary_year_is_not_round() -> None:
    party = anniversaries(dt.date(2026, 2, 3), dt.date(2026, 2, 3))[0]
    assert (party.years, party.round, party.level) == (96, False, "")


def test_days_sharing_a_date_each_have_their_own_anniversary() -> None:
    labels = _on(2025, 8, 19)
    assert labels == [
        "Kỷ niệm 80 năm Cách mạng Tháng Tám (19/8/1945 – 19/8/2025)",
        "Kỷ niệm 80 năm Ngày truyền thống Công an nhân dân (19/8/1945 – 19/8/2025)",
        "Kỷ niệm 20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 – 19/8/2025)",
    ]


def test_a_day_is_not_counted_before_its_first_anniversary() -> None:
    assert _on(2004, 10, 13) == []
    assert _on(2005, 10, 13) == ["Kỷ niệm 1 năm Ngày Doanh nhân Việt Nam (13/10/2004 – 13/10/2005)"]


def test_a_day_whose_years_are_not_counted_appears_under_its_name() -> None:
    (law_day,) = anniversaries(dt.date(2025, 11, 9), dt.date(2025, 11, 9))
    assert law_day.years is None and not law_day.round
    assert law_day.label == "Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam"


def test_anniversaries_of_a_range_come_in_date_order_and_span_years() -> None:
    days = anniversaries(dt.date(2024, 12, 1), dt.date(2025, 2, 28))
    dates = [a.date for a in days]
    assert dates == sorted(dates)
    assert {a.commemoration.key for a in days} >= {
        "quan-doi",
        "toan-quoc-khang-chien",
        "tong-tuyen-cu",
        "dang",
    }
    assert anniversaries(dt.date(2025, 2, 28), dt.date(2025, 1, 1)) == []


def test_official_dates_pad_the_day_and_the_first_two_months() -> None:
    assert official_date(dt.date(1945, 9, 2)) == "02/9/1945"
    assert official_date(dt.date(1930, 2, 3)) == "03/02/1930"
    assert official_date(dt.date(1944, 12, 22)) == "22/12/1944"


def test_find_in_text_ties_a_real_title_to_the_party_founding() -> None:
    title = (
        "Kế hoạch tổ chức các hoạt động kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt "
        "Nam (03/02/1930 - 03/02/2025)"
    )
    (mention,) = find_in_text(title)
    assert mention.commemoration.key == "dang"
    assert (mention.years, mention.year) == (95, 2025)
    assert mention.anniversary is not None and mention.anniversary.date == dt.date(2025, 2, 3)


def test_find_in_text_ignores_accents_case_and_tone_placement() -> None:
    (mention,) = find_in_text("KY NIEM 95 NAM NGAY THANH LAP DANG CONG SAN VIET NAM")
    assert (mention.commemoration.key, mention.year) == ("dang", 2025)
    (mention,) = find_in_text("tuyên truyền kỷ niệm 70 năm Ngày Giải phóng Thủ đô")
    assert (mention.commemoration.key, mention.years, mention.year) == (
        "giai-phong-thu-do",
        70,
        2024,
    )


def test_find_in_text_reads_two_days_in_one_title() -> None:
    title = (
        "Tuyên truyền kỷ niệm 80 năm Cách mạng Tháng Tám (19/8/1945 - 19/8/2025) và Quốc "
        "khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2025)"
    )
    assert [(m.commemoration.key, m.years) for m in find_in_text(title)] == [
        ("cach-mang-thang-tam", 80),
        ("quoc-khanh", 80),
    ]


def test_find_in_text_uses_the_wording_to_choose_among_days_of_one_date() -> None:
    found = find_in_text("Kỷ niệm 80 năm Ngày truyền thống CAND (19/8/1945 - 19/8/2025)")
    assert [m.commemoration.key for m in found] == ["cong-an"]
    army = (
        "Tổ chức các hoạt động kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam "
        "(22/12/1944 - 22/12/2024) và 35 năm Ngày hội Quốc phòng toàn dân (22/12/1989 - "
        "22/12/2024)"
    )
    assert [(m.commemoration.key, m.years) for m in find_in_text(army)] == [
        ("quan-doi", 80),
        ("quoc-phong-toan-dan", 35),
    ]


def test_find_in_text_reads_a_range_of_years() -> None:
    (mention,) = find_in_text("Tuyên truyền kỷ niệm 90 năm Ngày thành lập Đảng (1930 - 2020)")
    assert (mention.commemoration.key, mention.year) == ("dang", 2020)


def test_find_in_text_does_not_mistake_other_bodies_for_the_day() -> None:
    assert find_in_text("Kỷ niệm 20 năm Ngày thành lập Đảng bộ quận Long Biên") == []
    assert find_in_text("Kế hoạch thành lập Đoàn kiểm tra việc thực hiện Chỉ thị 05") == []
    # Seed 004: a party cell's anniversary is not in the national dataset.
    chi_kien = (
        "triển khai đợt sinh hoạt chính trị, tư tưởng Kỷ niệm 80 năm Ngày thành lập Chi bộ "
        "Chí Kiên (22/9/1943 - 22/9/2023)"
    )
    assert find_in_text(chi_kien) == []


def test_find_in_text_finds_a_day_named_without_its_years() -> None:
    (mention,) = find_in_text("Kế hoạch tuyên truyền kỷ niệm Ngày Quốc tế Phụ nữ 8/3")
    assert mention.commemoration.key == "quoc-te-phu-nu"
    assert mention.year is None and mention.anniversary is None


def test_by_key_returns_the_day_and_refuses_an_unknown_key() -> None:
    assert by_key("quoc-khanh").short == "Ngày Quốc khánh"
    with pytest.raises(KeyError):
        by_key("khong-co")


def test_a_malformed_dataset_is_refused_with_a_precise_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "solar:\n  - key: x\n    month: 2\n    day: 30\n    year: 1930\n"
        "    name: Ngày X\n    kind: party\n    source: Y\n",
        encoding="utf-8",
    )
    with pytest.raises(CommemorationError, match="30/2 không có thật"):
        load(bad)
    no_source = tmp_path / "no_source.yaml"
    no_source.write_text(
        "solar:\n  - key: x\n    month: 2\n    day: 3\n    year: 1930\n"
        "    name: Ngày X\n    kind: party\n",
        encoding="utf-8",
    )
    with pytest.raises(CommemorationError, match="thiếu trường «source»"):
        load(no_source)


def test_the_shipped_dataset_sits_where_the_package_data_is() -> None:
    assert DATASET.name == "commemorations.yaml"
    assert DATASET.parent.name == "data" and DATASET.exists()
