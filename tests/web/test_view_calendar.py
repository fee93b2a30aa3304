"""The calendar pages: the month, the secret link and the feed behind it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from conftest import client_for
from kehoach.web.models import AuditEntry, CalendarFeed
from support.work import make_obligation, make_task, mark_issued

PAGE = reverse("kehoach:calendar")
FEED_PAGE = reverse("kehoach:calendar-feed")


def ics(token: str) -> str:
    return reverse("kehoach:calendar-ics", args=[token])


@pytest.fixture
def work(cast, seed_plan):
    plan = mark_issued(seed_plan)
    bode, cukhoi = cast.unit("DU-P-BODE"), cast.unit("DU-P-CUKHOI")
    make_task(plan, bode, "Treo băng rôn chào mừng Đại hội.", due=dt.date(2016, 1, 7))
    make_task(plan, cukhoi, "Tọa đàm ở khu dân cư Cự Khối.", due=dt.date(2016, 1, 7))
    make_obligation(plan, bode, due=dt.date(2016, 6, 15))
    return plan


def create_feed(user, unit_code: str) -> CalendarFeed:
    answer = client_for(user).post(FEED_PAGE + f"?unit={unit_code}")
    assert answer.status_code == 302
    return CalendarFeed.objects.get(unit__code=unit_code)


# --- the month ----------------------------------------------------------------------------


def test_a_ward_reporter_opens_the_month_of_their_own_work(cast, work):
    answer = client_for(cast.binh).get(PAGE, {"month": "2016-01"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert answer.context["unit"].code == "DU-P-BODE"
    assert "Tháng 1/2016" in html
    assert "Treo băng rôn chào mừng Đại hội." in html
    assert "Cự Khối" not in html.split('id="calendar-month"')[1]
    # The grid for wide screens and the agenda for phones are both there.
    assert 'class="cal-grid"' in html and 'class="cal-agenda"' in html
    assert "Cao điểm các hoạt động thông tin - tuyên truyền" in html
    assert "calendar.css" in html


def test_each_kind_has_a_text_label_beside_its_colour(cast, work):
    html = client_for(cast.binh).get(PAGE, {"month": "2016-01"}).content.decode()
    for label in ("Ngày kỷ niệm", "Cao điểm", "Giai đoạn", "Hạn nhiệm vụ", "Kỳ báo cáo"):
        assert f'<span class="ev-kind">{label}</span>' in html


def test_prev_and_next_move_by_one_month(cast, work):
    answer = client_for(cast.binh).get(PAGE, {"month": "2016-01"})
    assert answer.context["prev_query"] == "?unit=DU-P-BODE&month=2015-12"
    assert answer.context["next_query"] == "?unit=DU-P-BODE&month=2016-02"
    june = client_for(cast.binh).get(PAGE, {"month": "2016-06"}).content.decode()
    assert "Hạn nộp báo cáo 6 tháng đầu năm 2016" in june


def test_an_htmx_request_gets_only_the_month(cast, work):
    answer = client_for(cast.binh).get(PAGE, {"month": "2016-02"}, headers={"HX-Request": "true"})
    html = answer.content.decode()
    assert "<html" not in html and "Tháng 2/2016" in html


def test_round_anniversaries_are_highlighted_and_listed_for_the_year(cast):
    answer = client_for(cast.hung).get(PAGE, {"month": "2025-09"})
    html = answer.content.decode()
    assert 'class="ev ev-commemoration anniv anniv-major holiday"' in html
    assert '<span class="ev-years">80 năm</span>' in html
    year = html[html.index("Kỷ niệm tròn năm trong năm 2025") :]
    assert "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)" in year
    assert "Kỷ niệm 50 năm Ngày Giải phóng miền Nam, thống nhất đất nước" in year
    assert 'class="anniv anniv-grand"' in year
    # 96 years of the Party (2026) is not round and is not in 2025's list anyway.
    assert "96 năm" not in year


def test_a_month_that_cannot_be_read_falls_back_to_this_month_with_a_message(cast):
    answer = client_for(cast.binh).get(PAGE, {"month": "2016-13"})
    today = timezone.localdate()
    assert answer.context["month"] == today.replace(day=1)
    assert "Tháng “2016-13” không hợp lệ" in answer.content.decode()


def test_the_unit_filter_offers_only_units_the_person_sees(cast):
    answer = client_for(cast.binh).get(PAGE)
    codes = {u.code for u in answer.context["units"]}
    assert "DU-P-BODE" in codes and "QU-LB" not in codes and "DU-P-CUKHOI" not in codes
    lan = client_for(cast.lan).get(PAGE)
    assert lan.context["unit"].code == "QU-LB"
    assert "DU-P-CUKHOI" in {u.code for u in lan.context["units"]}


def test_a_unit_out_of_reach_does_not_exist(cast, work):
    assert client_for(cast.tuan).get(PAGE, {"unit": "QU-LB"}).status_code == 404
    assert client_for(cast.binh).get(PAGE, {"unit": "DU-P-CUKHOI"}).status_code == 404
    own = client_for(cast.tuan).get(PAGE, {"month": "2016-01"})
    assert own.context["unit"].code == "LDLD-LB"
    assert "Cao điểm các hoạt động" not in own.content.decode()


def test_the_calendar_needs_a_sign_in(cast):
    answer = Client().get(PAGE)
    assert answer.status_code == 302 and reverse("kehoach:login") in answer["Location"]


# --- the secret link ------------------------------------------------------------------------


def test_a_reporter_creates_the_link_of_their_unit_and_sees_it(cast, work):
    page = client_for(cast.binh).get(FEED_PAGE).content.decode()
    assert 'value="create"' in page and 'id="feed-url"' not in page
    feed = create_feed(cast.binh, "DU-P-BODE")
    answer = client_for(cast.binh).get(FEED_PAGE)
    html = answer.content.decode()
    assert f"http://testserver{ics(feed.token)}" in html
    assert f"webcal://testserver{ics(feed.token)}" in html
    assert "Tạo liên kết mới" in html
    assert answer["Cache-Control"] == "no-store"
    assert feed.created_by == cast.binh


def test_the_feed_opens_without_signing_in_and_holds_the_units_events(cast, work):
    today = timezone.localdate()
    bode = cast.unit("DU-P-BODE")
    soon = make_obligation(
        work,
        bode,
        start=today.replace(day=1),
        end=today + dt.timedelta(days=20),
        due=today + dt.timedelta(days=10),
        label="Tháng này",
        frequency="monthly",
    )
    far = make_obligation(
        work,
        bode,
        start=today + dt.timedelta(days=390),
        end=today + dt.timedelta(days=420),
        due=today + dt.timedelta(days=400),
        label="Năm sau nữa",
        frequency="monthly",
    )
    make_task(work, cast.unit("DU-P-CUKHOI"), "Việc riêng của Cự Khối", due=today)
    feed = create_feed(cast.binh, "DU-P-BODE")
    answer = Client().get(ics(feed.token))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = Calendar.from_ical(answer.content)
    assert str(parsed["x-wr-calname"]) == "Lịch công tác — Đảng ủy phường Bồ Đề"
    uids = {str(e["uid"]) for e in parsed.walk("VEVENT")}
    assert f"obligation-{soon.pk}.DU-P-BODE@kehoach" in uids
    assert f"obligation-{far.pk}.DU-P-BODE@kehoach" not in uids  # beyond twelve months
    assert not any("Cự Khối" in str(e["summary"]) for e in parsed.walk("VEVENT"))
    days = [e.decoded("dtstart") for e in parsed.walk("VEVENT") if "commemoration" in str(e["uid"])]
    assert min(days) >= today - dt.timedelta(days=93)
    assert max(days) <= today + dt.timedelta(days=366)
    assert len(days) > 30


def test_two_fetches_of_the_feed_keep_every_uid(cast, work):
    feed = create_feed(cast.lan, "QU-LB")
    first = Calendar.from_ical(Client().get(ics(feed.token)).content)
    second = Calendar.from_ical(Client().get(ics(feed.token)).content)
    assert sorted(str(e["uid"]) for e in first.walk("VEVENT")) == sorted(
        str(e["uid"]) for e in second.walk("VEVENT")
    )


def test_a_wrong_token_finds_nothing(cast, work):
    create_feed(cast.binh, "DU-P-BODE")
    assert Client().get(ics("khong-phai-ma-nay")).status_code == 404
    assert Client().get("/lich/.ics").status_code == 404


def test_a_new_link_revokes_the_old_one(cast, work):
    old = create_feed(cast.binh, "DU-P-BODE").token
    answer = client_for(cast.binh).post(FEED_PAGE + "?unit=DU-P-BODE", follow=True)
    assert "liên kết cũ không còn dùng được" in answer.content.decode()
    new = CalendarFeed.objects.get(unit__code="DU-P-BODE").token
    assert new != old
    assert Client().get(ics(old)).status_code == 404
    assert Client().get(ics(new)).status_code == 200
    assert CalendarFeed.objects.filter(unit__code="DU-P-BODE").count() == 1
    assert AuditEntry.objects.filter(
        model="kehoach.CalendarFeed", action="update", actor=cast.binh
    ).exists()


def test_an_administrator_manages_the_link_of_a_ward_in_scope(cast, work):
    feed = create_feed(cast.lan, "DU-P-BODE")
    assert feed.created_by == cast.lan


def test_a_leader_and_a_viewer_read_the_link_but_cannot_make_one(cast, work):
    for person in (cast.hung, cast.mai):
        page = client_for(person).get(FEED_PAGE, {"unit": "QU-LB"})
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="action"' not in html
        assert "Đơn vị chưa có liên kết lịch." in html
        assert client_for(person).post(FEED_PAGE + "?unit=QU-LB").status_code == 404
    assert not CalendarFeed.objects.exists()
    feed = create_feed(cast.lan, "QU-LB")
    assert feed.token in client_for(cast.hung).get(FEED_PAGE).content.decode()
    assert client_for(cast.hung).post(FEED_PAGE + "?unit=QU-LB").status_code == 404
    assert CalendarFeed.objects.get(unit__code="QU-LB").token == feed.token


def test_nobody_outside_the_unit_sees_or_makes_its_link(cast, work):
    create_feed(cast.binh, "DU-P-BODE")
    assert client_for(cast.tuan).get(FEED_PAGE, {"unit": "DU-P-BODE"}).status_code == 404
    assert client_for(cast.tuan).post(FEED_PAGE + "?unit=DU-P-BODE").status_code == 404
    assert client_for(cast.binh).post(FEED_PAGE + "?unit=DU-P-CUKHOI").status_code == 404
    assert not CalendarFeed.objects.filter(unit__code="DU-P-CUKHOI").exists()


def test_making_a_link_needs_the_forms_csrf_token(cast, work):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.binh)
    assert strict.post(FEED_PAGE + "?unit=DU-P-BODE").status_code == 403
    assert not CalendarFeed.objects.exists()
    page = strict.get(FEED_PAGE)
    token = page.context["csrf_token"]
    assert (
        strict.post(FEED_PAGE + "?unit=DU-P-BODE", {"csrfmiddlewaretoken": token}).status_code
        == 302
    )
    assert CalendarFeed.objects.filter(unit__code="DU-P-BODE").exists()


def test_another_organisations_feed_holds_nothing_of_the_quan_uy(cast, work):
    feed = create_feed(cast.tuan, "LDLD-LB")
    parsed = Calendar.from_ical(Client().get(ics(feed.token)).content)
    assert {str(e["uid"]).split("-")[0] for e in parsed.walk("VEVENT")} == {"commemoration"}


def test_the_feed_reads_in_the_sites_language_whatever_the_calendar_program_asks(cast, work):
    feed = create_feed(cast.binh, "DU-P-BODE")
    answer = Client().get(ics(feed.token), headers={"Accept-Language": "en-US,en;q=0.9"})
    parsed = Calendar.from_ical(answer.content)
    assert str(parsed["x-wr-calname"]) == "Lịch công tác — Đảng ủy phường Bồ Đề"
    assert str(parsed["refresh-interval"].to_ical(), "ascii") == "PT6H"
