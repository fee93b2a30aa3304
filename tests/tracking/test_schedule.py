"""Report periods, the plan's end, duty deadlines and who owes the recurring reports."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kehoach.document import parse_file
from kehoach.tracking.schedule import (
    FREQUENCIES,
    Period,
    ReportDeadline,
    duty_due_dates,
    plan_end,
    recurring_reporters,
    report_deadlines,
    report_periods,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "corpus" / "seeds"
TWO_TIER_PARENT = ROOT / "tests" / "derive" / "parent_two_tier.txt"


def seed(number: str) -> dict[str, Any]:
    plan: dict[str, Any] = parse_file(next(SEEDS.glob(f"{number}_*.txt"))).to_dict()
    return plan


def labels(periods: list[Period]) -> list[str]:
    return [p.label for p in periods]


# --------------------------------------------------------------------------- periods


def test_a_week_is_labelled_by_its_iso_number_and_due_on_its_friday() -> None:
    [week] = report_periods("weekly", date(2024, 3, 18), date(2024, 3, 24))
    assert week == Period(
        "weekly",
        "Tuần 12/2024 (18/3–24/3)",
        date(2024, 3, 18),
        date(2024, 3, 24),
        date(2024, 3, 22),
    )


def test_the_week_across_new_year_belongs_to_the_iso_year() -> None:
    [week] = report_periods("weekly", date(2024, 12, 31), date(2025, 1, 2))
    assert week.label == "Tuần 1/2025 (30/12–5/1)"
    assert (week.start, week.end, week.due) == (
        date(2024, 12, 30),
        date(2025, 1, 5),
        date(2025, 1, 3),
    )


def test_a_plan_issued_after_friday_owes_nothing_for_that_week() -> None:
    saturday = date(2024, 3, 23)
    periods = report_periods("weekly", saturday, date(2024, 4, 5))
    assert labels(periods) == ["Tuần 13/2024 (25/3–31/3)", "Tuần 14/2024 (1/4–7/4)"]
    # Issued on the Friday itself: that week is still owed, due the same day.
    friday = report_periods("weekly", date(2024, 3, 22), date(2024, 3, 24))
    assert [(p.label, p.due) for p in friday] == [("Tuần 12/2024 (18/3–24/3)", date(2024, 3, 22))]


def test_months_are_due_on_the_due_day_clamped_to_the_month() -> None:
    periods = report_periods("monthly", date(2024, 1, 1), date(2024, 4, 30), due_day=31)
    assert [(p.label, p.due) for p in periods] == [
        ("Tháng 1/2024", date(2024, 1, 31)),
        ("Tháng 2/2024", date(2024, 2, 29)),  # leap year
        ("Tháng 3/2024", date(2024, 3, 31)),
        ("Tháng 4/2024", date(2024, 4, 30)),
    ]
    [february] = report_periods("monthly", date(2023, 2, 1), date(2023, 2, 28), due_day=30)
    assert (february.end, february.due) == (date(2023, 2, 28), date(2023, 2, 28))


def test_quarters_have_roman_numerals_and_cross_into_the_next_year() -> None:
    periods = report_periods("quarterly", date(2024, 11, 20), date(2025, 8, 1))
    assert [(p.label, p.start, p.end, p.due) for p in periods] == [
        ("Quý IV/2024", date(2024, 10, 1), date(2024, 12, 31), date(2024, 12, 15)),
        ("Quý I/2025", date(2025, 1, 1), date(2025, 3, 31), date(2025, 3, 15)),
        ("Quý II/2025", date(2025, 4, 1), date(2025, 6, 30), date(2025, 6, 15)),
        ("Quý III/2025", date(2025, 7, 1), date(2025, 9, 30), date(2025, 9, 15)),
    ]


@pytest.mark.parametrize(
    ("issued", "first"),
    [
        (date(2024, 3, 10), "Quý I/2024"),  # due 15/3, after the issue: kept
        (date(2024, 3, 15), "Quý I/2024"),  # due the very day: kept
        (date(2024, 3, 16), "Quý II/2024"),  # already due: dropped
    ],
)
def test_a_plan_issued_mid_period_keeps_the_period_only_if_still_due(
    issued: date, first: str
) -> None:
    assert report_periods("quarterly", issued, date(2024, 12, 31))[0].label == first


def test_half_years_and_years_are_labelled_in_vietnamese() -> None:
    halves = report_periods("6-month", date(2024, 1, 1), date(2025, 1, 1))
    assert [(p.label, p.end, p.due) for p in halves] == [
        ("6 tháng đầu năm 2024", date(2024, 6, 30), date(2024, 6, 15)),
        ("6 tháng cuối năm 2024", date(2024, 12, 31), date(2024, 12, 15)),
        ("6 tháng đầu năm 2025", date(2025, 6, 30), date(2025, 6, 15)),
    ]
    years = report_periods("yearly", date(2023, 11, 3), date(2025, 2, 1), due_day=20)
    assert [(p.label, p.start, p.due) for p in years] == [
        ("Năm 2023", date(2023, 1, 1), date(2023, 12, 20)),
        ("Năm 2024", date(2024, 1, 1), date(2024, 12, 20)),
        ("Năm 2025", date(2025, 1, 1), date(2025, 12, 20)),
    ]


def test_a_plan_issued_after_the_yearly_due_day_owes_nothing_that_year() -> None:
    assert report_periods("yearly", date(2024, 12, 20), date(2024, 12, 31)) == []


def test_a_one_off_report_is_due_on_the_deadline() -> None:
    [once] = report_periods("once", date(2015, 12, 29), date(2016, 2, 4), due_day=1)
    assert once == Period(
        "once",
        "Kết quả thực hiện (29/12/2015–04/02/2016)",
        date(2015, 12, 29),
        date(2016, 2, 4),
        date(2016, 2, 4),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("daily", date(2024, 1, 1), date(2024, 2, 1)), "tần suất báo cáo «daily» không hợp lệ"),
        (("monthly", date(2024, 2, 1), date(2024, 1, 31)), "01/2024 trước ngày bắt đầu 01/02/2024"),
    ],
)
def test_a_bad_frequency_or_span_is_refused_in_vietnamese(
    args: tuple[str, date, date], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        report_periods(*args)


@pytest.mark.parametrize("due_day", [0, 32])
def test_a_due_day_outside_the_month_is_refused(due_day: int) -> None:
    with pytest.raises(ValueError, match="từ 1 đến 31"):
        report_periods("monthly", date(2024, 1, 1), date(2024, 3, 1), due_day=due_day)


@settings(max_examples=300, deadline=None)
@given(
    frequency=st.sampled_from([f for f in FREQUENCIES if f != "once"]),
    start=st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=800),
    due_day=st.integers(min_value=1, max_value=31),
)
def test_periods_tile_the_span_and_are_due_inside_them(
    frequency: str, start: date, days: int, due_day: int
) -> None:
    end = start + timedelta(days=days)
    periods = report_periods(frequency, start, end, due_day=due_day)
    for period in periods:
        assert period.frequency == frequency
        assert period.start <= end and period.end >= start  # overlaps the span
        assert period.start <= period.due <= period.end
        assert period.due >= start  # nothing owed before the plan exists
        if frequency != "weekly":
            assert period.start.day == 1
            assert period.due.month == period.end.month
            assert period.due.day == min(due_day, period.end.day)
    for before, after in pairwise(periods):
        assert after.start == before.end + timedelta(days=1)  # no gap, no overlap
    assert len({p.label for p in periods}) == len(periods)
    if periods:
        assert periods[-1].end >= end
    if periods and periods[0].start > start:
        # Only the period holding ``start`` may be dropped, and only when its due date has
        # passed: the start lies after the due day of that period's last month (a week's
        # Friday), so within a month (two days) of the next period.
        assert (periods[0].start - start).days <= (2 if frequency == "weekly" else 31)


# --------------------------------------------------------------------------- the plan


def test_the_plan_runs_to_its_last_phase_or_deadline() -> None:
    assert plan_end(seed("001"), date(2015, 12, 29)) == date(2016, 2, 4)
    two_tier = parse_file(TWO_TIER_PARENT).to_dict()
    assert plan_end(two_tier, date(2025, 12, 5)) == date(2026, 3, 6)  # the report deadline
    assert plan_end(seed("004"), date(2023, 8, 1)) == date(2023, 12, 31)


def test_a_plan_without_an_end_runs_to_the_end_of_its_year() -> None:
    assert plan_end(seed("000"), date(2023, 11, 3)) == date(2023, 12, 31)
    assert plan_end(seed("003"), date(2018, 12, 10)) == date(2018, 12, 31)
    # Dates that are all past when the plan is issued do not end it.
    assert plan_end(seed("001"), date(2016, 3, 1)) == date(2016, 12, 31)


def test_an_open_last_phase_runs_to_the_end_of_its_year() -> None:
    # Seed 002: "Sau khi bế mạc Đại hội" from 01/02/2021, no end; issued 10/12/2020.
    plan = seed("002")
    assert plan["phases"][-1] == {
        "label": "Sau khi bế mạc Đại hội XIII của Đảng",
        "start": "2021-02-01",
        "end": None,
        "peak": False,
    }
    assert plan_end(plan, date(2020, 12, 10)) == date(2021, 12, 31)


def test_a_deadline_belongs_to_the_duty_that_states_it() -> None:
    assert duty_due_dates(seed("001")) == {(4, 0): date(2016, 2, 4)}
    two_tier = parse_file(TWO_TIER_PARENT).to_dict()
    assert duty_due_dates(two_tier) == {(1, 1): date(2026, 3, 6)}
    for number in ("000", "002", "003", "004"):
        assert duty_due_dates(seed(number)) == {}


def test_a_deadline_found_by_its_unit_and_line_goes_to_the_duty_printing_its_date() -> None:
    plan = copy.deepcopy(parse_file(TWO_TIER_PARENT).to_dict())
    # A clause the parser cut differently from the duty's text: found by unit and line.
    plan["deadlines"][0]["what"] = "Gửi kết quả về Ban"
    assert duty_due_dates(plan) == {(1, 1): date(2026, 3, 6)}
    # No duty prints the date: every duty of that assignment gets it.
    plan["deadlines"][0]["date"] = "2026-03-09"
    assert duty_due_dates(plan) == {(1, 0): date(2026, 3, 9), (1, 1): date(2026, 3, 9)}
    # A line outside the assignment ties it to nothing.
    plan["deadlines"][0]["line"] = 10
    assert duty_due_dates(plan) == {}


def test_a_duty_with_two_deadlines_is_due_at_the_earlier() -> None:
    plan = copy.deepcopy(seed("001"))
    duty = plan["assignments"][4]["duties"][0]
    plan["deadlines"].append({"date": "2016-01-25", "what": duty[:60], "unit": None, "line": 100})
    assert duty_due_dates(plan)[(4, 0)] == date(2016, 1, 25)


def test_report_deadlines_are_the_deadlines_asking_for_a_report() -> None:
    [report] = report_deadlines(seed("001"))
    assert report == ReportDeadline(date(2016, 2, 4), report.what, 102, 4)
    assert "báo cáo kết quả về Quận" in report.what
    # The 07/01/2016 decoration deadline of the same plan is not a report.
    assert [d["date"] for d in seed("001")["deadlines"]] == ["2016-01-07", "2016-02-04"]
    two_tier = parse_file(TWO_TIER_PARENT).to_dict()
    assert report_deadlines(two_tier) == [
        ReportDeadline(
            date(2026, 3, 6), "Báo cáo kết quả về Ban Tuyên giáo và Dân vận Thành ủy", 44, 1
        )
    ]


def test_a_conference_of_reporters_is_not_a_report() -> None:
    plan = {
        "assignments": [{"unit": "Ban Tuyên giáo", "duties": ["x"], "line": 5}],
        "deadlines": [
            {
                "date": "2024-05-10",
                "what": "Tổ chức hội nghị báo cáo viên",
                "unit": None,
                "line": 3,
            },
            {"date": "2024-06-30", "what": "Gửi báo cáo sơ kết", "unit": None, "line": 40},
        ],
    }
    assert report_deadlines(plan) == [
        ReportDeadline(date(2024, 6, 30), "Gửi báo cáo sơ kết", 40, None)
    ]


def test_recurring_reports_are_owed_by_the_assignment_that_states_them() -> None:
    assert recurring_reporters(seed("000")) == {"6-month": [4], "yearly": [4]}
    # Seed 003: "hàng quý, năm tổng hợp báo cáo kết quả" is the department's own duty.
    assert recurring_reporters(seed("003")) == {"quarterly": [0], "yearly": [0]}
    assert recurring_reporters(seed("001")) == {}


def test_a_recurring_report_stated_outside_the_assignments_binds_every_unit() -> None:
    plan = {
        "recurring_reports": ["monthly", "yearly"],
        "assignments": [
            # "hàng năm" as a work rhythm, not a report: not a reporter.
            {"unit": "UBND Quận", "duties": ["Xây dựng kế hoạch công tác hàng năm."]},
            {"unit": "Các tổ chức cơ sở đảng", "duties": ["Hằng tháng báo cáo kết quả."]},
            {"unit": "MTTQ", "duties": ["Mỗi tháng, gửi báo cáo về Quận ủy."]},
        ],
    }
    assert recurring_reporters(plan) == {"monthly": [1, 2], "yearly": None}
