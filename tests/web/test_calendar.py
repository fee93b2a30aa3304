"""A unit's calendar: which events it holds, who may see them, and its iCalendar feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from icalendar import Calendar

from kehoach.web import calendar as cal
from kehoach.web.models import Plan, ReportState
from support.work import make_obligation, make_report, make_task, mark_issued

JAN = (dt.date(2016, 1, 1), dt.date(2016, 1, 31))
HALF = (dt.date(2016, 1, 1), dt.date(2016, 6, 30))


@pytest.fixture
def work(cast, seed_plan):
    """Seed 17-KH/QU issued, with work for two wards: Bồ Đề (Bình's) and Cự Khối."""
    plan = mark_issued(seed_plan)
    bode, cukhoi = cast.unit("DU-P-BODE"), cast.unit("DU-P-CUKHOI")
    return {
        "plan": plan,
        "bode": bode,
        "cukhoi": cukhoi,
        "bode_task": make_task(
            plan, bode, "Treo băng rôn, khẩu hiệu chào mừng Đại hội.", due=dt.date(2016, 1, 7)
        ),
        "cukhoi_task": make_task(
            plan, cukhoi, "Tổ chức tọa đàm ở khu dân cư Cự Khối.", due=dt.date(2016, 1, 7)
        ),
        "bode_report": make_obligation(plan, bode, due=dt.date(2016, 6, 15)),
        "cukhoi_report": make_obligation(plan, cukhoi, due=dt.date(2016, 6, 15)),
    }


def uids(events: list[cal.Event]) -> set[str]:
    return {e.uid for e in events}


def test_a_wards_calendar_holds_its_own_deadlines_and_not_another_wards(cast, work):
    events = cal.events(cast.binh, work["bode"], *HALF)
    titles = " | ".join(e.title for e in events)
    assert f"task-{work['bode_task'].pk}.DU-P-BODE@kehoach" in uids(events)
    assert f"obligation-{work['bode_report'].pk}.DU-P-BODE@kehoach" in uids(events)
    due = next(e for e in events if e.kind == "obligation")
    assert due.start == dt.date(2016, 6, 15)
    assert due.title == "Hạn nộp báo cáo 6 tháng đầu năm 2016"
    assert due.state_label == "Chưa nộp"
    assert "Treo băng rôn" in titles
    assert "Cự Khối" not in titles
    assert not any(str(work["cukhoi_report"].pk) in e.uid and "obligation" in e.uid for e in events)


def test_the_phases_of_a_plan_assigned_to_the_ward_appear_with_the_peak_marked(cast, work):
    events = cal.events(cast.binh, work["bode"], *JAN)
    peaks = [e for e in events if e.kind == "peak"]
    assert [(p.title, p.start, p.end) for p in peaks] == [
        (
            "Cao điểm các hoạt động thông tin - tuyên truyền",
            dt.date(2016, 1, 7),
            dt.date(2016, 1, 28),
        )
    ]
    phases = [e for e in events if e.kind == "phase"]
    assert any(p.start == dt.date(2016, 1, 20) and p.end == dt.date(2016, 1, 28) for p in phases)
    assert all("17-KH/QU" in p.detail for p in phases + peaks)


def test_the_report_period_is_a_span_ending_at_the_periods_last_day(cast, work):
    events = cal.events(cast.binh, work["bode"], *JAN)
    (period,) = [e for e in events if e.kind == "period"]
    assert (period.start, period.end) == (dt.date(2016, 1, 1), dt.date(2016, 6, 30))
    assert period.multi_day and "hạn nộp 15/06/2016" in period.detail


def test_a_plan_that_is_not_issued_puts_nothing_of_its_own_on_the_calendar(cast, seed_plan):
    make_task(seed_plan, cast.unit("DU-P-BODE"), due=dt.date(2016, 1, 7))
    events = cal.events(cast.binh, cast.unit("DU-P-BODE"), *JAN)
    assert {e.kind for e in events} == {"commemoration"}


def test_the_department_sees_when_its_units_owe_reports_gathered_per_date(cast, work):
    make_report(work["bode_report"], cast.binh, state=ReportState.ACCEPTED)
    events = cal.events(cast.lan, cast.unit("QU-LB"), *HALF)
    (reports,) = [e for e in events if e.kind == "collect" and "báo cáo" in e.title]
    assert reports.title == "Hạn 2 đơn vị nộp báo cáo 6 tháng đầu năm 2016"
    assert reports.start == dt.date(2016, 6, 15)
    assert "đã nộp 1/2" in reports.detail
    (tasks,) = [e for e in events if e.kind == "collect" and "nhiệm vụ" in e.title]
    assert tasks.title == "Hạn nhiệm vụ của 2 đơn vị" and tasks.start == dt.date(2016, 1, 7)
    # The plan's own stated deadlines are the issuer's too.
    deadlines = [e for e in events if e.kind == "deadline"]
    assert {d.start for d in deadlines} == {dt.date(2016, 1, 7), dt.date(2016, 2, 4)}


def test_commemorative_days_come_with_their_round_anniversaries(cast, work):
    events = cal.events(cast.binh, work["bode"], dt.date(2025, 8, 1), dt.date(2025, 9, 30))
    days = {e.day_key: e for e in events if e.kind == "commemoration"}
    national = days["quoc-khanh"]
    assert national.title == "Kỷ niệm 80 năm Ngày Quốc khánh (02/9/1945 – 02/9/2025)"
    assert (national.years, national.level, national.holiday) == (80, "major", True)
    assert "Nghị định số 145/2013/NĐ-CP" in national.detail
    assert days["cach-mang-thang-tam"].title.startswith("Kỷ niệm 80 năm Cách mạng Tháng Tám")
    assert national.uid == "commemoration-quoc-khanh-2025.DU-P-BODE@kehoach"


def test_a_plan_titled_for_an_anniversary_is_tied_to_that_day(cast, work):
    Plan.objects.filter(pk=work["plan"].pk).update(
        title="Tuyên truyền kỷ niệm 86 năm Ngày thành lập Đảng Cộng sản Việt Nam "
        "(03/02/1930 - 03/02/2016)"
    )
    events = cal.events(cast.lan, cast.unit("QU-LB"), dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    (party,) = [e for e in events if e.day_key == "dang"]
    assert party.plans == ("17-KH/QU",)
    assert "Kế hoạch gắn với ngày này: 17-KH/QU" in party.detail
    # The ward that received work from the plan sees the tie as well.
    ward = cal.events(cast.binh, work["bode"], dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert next(e for e in ward if e.day_key == "dang").plans == ("17-KH/QU",)


def test_links_go_to_the_plan_only_for_people_who_can_open_it(cast, work):
    plan_page = reverse("kehoach:plan-detail", args=[work["plan"].pk])
    department = cal.events(cast.lan, cast.unit("DU-P-BODE"), *JAN)
    assert next(e for e in department if e.kind == "task").url == plan_page
    ward = cal.events(cast.binh, work["bode"], *JAN)
    task = next(e for e in ward if e.kind == "task")
    assert task.url.startswith(reverse("kehoach:calendar")) and "unit=DU-P-BODE" in task.url


def test_another_organisation_sees_nothing_of_the_quan_uys_work(cast, work):
    with pytest.raises(Http404):
        cal.events(cast.tuan, cast.unit("QU-LB"), *HALF)
    with pytest.raises(Http404):
        cal.events(cast.tuan, work["bode"], *HALF)
    own = cal.events(cast.tuan, cast.unit("LDLD-LB"), *HALF)
    assert {e.kind for e in own} == {"commemoration"}


def test_a_leader_reads_the_calendar_of_the_quan_uy(cast, work):
    events = cal.events(cast.hung, cast.unit("QU-LB"), *JAN)
    assert any(e.kind == "peak" for e in events)
    assert any(e.kind == "collect" for e in events)


def test_a_reporter_cannot_read_the_calendar_of_the_unit_above(cast, work):
    with pytest.raises(Http404):
        cal.events(cast.binh, cast.unit("QU-LB"), *JAN)


def test_a_range_that_is_backwards_or_too_long_is_refused(cast, work):
    with pytest.raises(ValueError, match="sau ngày bắt đầu"):
        cal.events(cast.binh, work["bode"], dt.date(2016, 2, 1), dt.date(2016, 1, 1))
    with pytest.raises(ValueError, match="tối đa 400 ngày"):
        cal.events(cast.binh, work["bode"], dt.date(2016, 1, 1), dt.date(2017, 6, 1))


# --- iCalendar ----------------------------------------------------------------------------


def parse(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def test_the_feed_parses_back_as_all_day_events_in_vietnamese(cast, work):
    body = cal.ical(work["bode"], *HALF)
    feed = parse(body)
    assert str(feed["prodid"]).startswith("-//kehoach//")
    assert str(feed["x-wr-calname"]) == "Lịch công tác — Đảng ủy phường Bồ Đề"
    events = feed.walk("VEVENT")
    assert events
    for event in events:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date
        assert end > start
    summaries = [str(e["summary"]) for e in events]
    assert "Hạn nhiệm vụ: Treo băng rôn, khẩu hiệu chào mừng Đại hội." in summaries
    assert "Hạn báo cáo: Hạn nộp báo cáo 6 tháng đầu năm 2016" in summaries
    assert "Kỷ niệm 86 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2016)" in (
        summaries
    )
    peak = next(e for e in events if str(e["summary"]).startswith("Cao điểm:"))
    assert peak.decoded("dtstart") == dt.date(2016, 1, 7)
    assert peak.decoded("dtend") == dt.date(2016, 1, 29)  # exclusive: the 28th is included
    assert not any("Cự Khối" in s for s in summaries)
    # Report periods stay on the web page, not on the phone.
    assert not any(s.startswith("Kỳ báo cáo") for s in summaries)


def test_feed_descriptions_name_the_plan_and_link_back_to_the_site(cast, work, settings):
    settings.KEHOACH_SITE_URL = "https://kehoach.longbien.example.vn"
    feed = parse(cal.ical(work["bode"], *JAN))
    task = next(e for e in feed.walk("VEVENT") if "task-" in str(e["uid"]))
    description = str(task["description"])
    assert "Kế hoạch 17-KH/QU" in description
    assert "Trạng thái: Đang thực hiện" in description
    assert "https://kehoach.longbien.example.vn/lich/?unit=DU-P-BODE&month=2016-01" in description


def test_the_same_event_keeps_its_uid_across_fetches(cast, work):
    first = parse(cal.ical(work["bode"], *HALF, now=dt.datetime(2016, 1, 2, tzinfo=dt.UTC)))
    second = parse(cal.ical(work["bode"], *HALF, now=dt.datetime(2016, 3, 9, tzinfo=dt.UTC)))
    one = sorted(str(e["uid"]) for e in first.walk("VEVENT"))
    two = sorted(str(e["uid"]) for e in second.walk("VEVENT"))
    assert one == two and len(set(one)) == len(one)
    assert f"task-{work['bode_task'].pk}.DU-P-BODE@kehoach" in one


def test_the_feed_window_is_three_months_back_and_twelve_ahead():
    assert cal.feed_window(dt.date(2025, 5, 31)) == (dt.date(2025, 2, 28), dt.date(2026, 5, 31))
    assert cal.feed_window(dt.date(2024, 1, 15)) == (dt.date(2023, 10, 15), dt.date(2025, 1, 15))


def test_the_site_url_setting_has_a_default():
    assert settings.KEHOACH_SITE_URL.startswith("http")
