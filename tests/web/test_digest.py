"""The weekly digest to the issuing department: late units, reports to review, what falls
due next week — once a week, caught up if Monday was missed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from kehoach.web.digest import LIST_LIMIT, send_digests, week_start
from kehoach.web.models import Digest, Notification, Plan, PlanStatus, ReportState
from support.work import make_obligation, make_report, make_task, mark_issued

MONDAY = dt.date(2016, 6, 13)


@pytest.fixture
def people(cast):
    for name in ("lan", "hung", "mai", "binh", "tuan"):
        user = getattr(cast, name)
        user.email = f"{name}@longbien.example.vn"
        user.save()
    return cast


@pytest.fixture
def issued(seed_plan):
    return mark_issued(seed_plan)


@pytest.fixture
def work(people, issued):
    """Bồ Đề is late, Ngọc Lâm's report waits for review, Cự Khối's falls due on Thursday,
    Gia Thụy has a task due next Sunday; Đức Giang's report was accepted (not in the digest)."""
    make_obligation(issued, people.unit("DU-P-BODE"), due=dt.date(2016, 6, 10), label="Quý II")
    waiting = make_obligation(issued, people.unit("DU-P-NGOCLAM"), label="Quý II")
    make_report(waiting, people.binh, submitted_at=dt.datetime(2016, 6, 11, 8, tzinfo=dt.UTC))
    make_obligation(issued, people.unit("DU-P-CUKHOI"), due=dt.date(2016, 6, 16), label="Quý II")
    make_task(issued, people.unit("DU-P-GIATHUY"), "Treo băng rôn.", due=dt.date(2016, 6, 19))
    done = make_obligation(issued, people.unit("DU-P-DUCGIANG"), label="Quý II")
    make_report(done, people.binh, state=ReportState.ACCEPTED)
    return issued


def run(today, capture, **kwargs):
    with capture(execute=True):
        return send_digests(today, **kwargs)


def test_the_department_and_its_leaders_get_one_digest_listing_late_review_and_coming_work(
    people, work, mailoutbox, django_capture_on_commit_callbacks
):
    summary = run(MONDAY, django_capture_on_commit_callbacks)
    assert len(summary.sent) == 1
    assert sorted(m.to[0] for m in mailoutbox) == [
        "hung@longbien.example.vn",
        "lan@longbien.example.vn",
    ]
    mail = mailoutbox[0]
    assert mail.subject == "Tổng hợp tuần 13/06/2016 – 19/06/2016: kế hoạch của Quận ủy Long Biên"
    body = mail.body
    assert body.startswith(
        "Tổng hợp tuần 13/06/2016 – 19/06/2016, kế hoạch của Quận ủy Long Biên: 1 việc quá "
        "hạn, 1 báo cáo chờ duyệt, 2 việc đến hạn trong 7 ngày tới."
    )
    assert "Kế hoạch số 17-KH/QU — " in body
    assert (
        "Quá hạn (1):\n  - Đảng ủy phường Bồ Đề: báo cáo “Quý II”, hạn 10/06/2016, quá 3 ngày"
        in (body)
    )
    assert "Chờ duyệt (1):\n  - Đảng ủy phường Ngọc Lâm: báo cáo “Quý II”, nộp 11/06/2016" in body
    assert (
        "Đến hạn trong 7 ngày tới (2):\n"
        "  - Đảng ủy phường Cự Khối: báo cáo “Quý II”, hạn 16/06/2016\n"
        "  - Đảng ủy phường Gia Thụy: nhiệm vụ “Treo băng rôn.”, hạn 19/06/2016"
    ) in body
    assert "Đức Giang" not in body
    plan_url = reverse("kehoach:plan-detail", args=[work.pk])
    assert body.endswith(f"\n\nhttp://127.0.0.1:8000{plan_url}\n")
    notice = Notification.objects.get(user=people.lan)
    assert notice.text == body.split("\n\nhttp")[0] and notice.url == plan_url
    assert not Notification.objects.filter(user__username__in=["binh", "mai", "tuan"]).exists()


def test_the_digest_goes_out_once_a_week_however_often_it_runs(
    people, work, mailoutbox, django_capture_on_commit_callbacks
):
    for offset in range(7):
        run(MONDAY + dt.timedelta(days=offset), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2  # one e-mail each for Lan and Hùng
    assert list(Digest.objects.values_list("week_start", "recipients")) == [(MONDAY, 2)]

    next_week = run(MONDAY + dt.timedelta(days=7), django_capture_on_commit_callbacks)
    assert len(next_week.sent) == 1 and len(mailoutbox) == 4
    again = run(MONDAY + dt.timedelta(days=8), django_capture_on_commit_callbacks)
    assert again.sent == [] and again.already_sent == 1


def test_a_missed_monday_is_caught_up_later_in_the_same_week(
    people, work, mailoutbox, django_capture_on_commit_callbacks
):
    wednesday = MONDAY + dt.timedelta(days=2)
    assert week_start(wednesday) == MONDAY
    summary = run(wednesday, django_capture_on_commit_callbacks)
    assert len(summary.sent) == 1 and summary.week_start == MONDAY
    assert "Tình hình đến ngày 15/06/2016." in mailoutbox[0].body
    assert run(MONDAY + dt.timedelta(days=6), django_capture_on_commit_callbacks).sent == []


def test_a_week_with_nothing_to_report_sends_nothing(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    accepted = make_obligation(issued, people.unit("DU-P-BODE"))
    make_report(accepted, people.binh, state=ReportState.ACCEPTED)
    make_obligation(
        issued,
        people.unit("DU-P-BODE"),
        start=dt.date(2016, 7, 1),
        end=dt.date(2016, 12, 31),
        due=dt.date(2016, 12, 15),
        label="6 tháng cuối năm 2016",
    )
    summary = run(MONDAY, django_capture_on_commit_callbacks)
    assert summary.sent == [] and summary.quiet == 1
    assert mailoutbox == [] and not Notification.objects.exists()


def test_plans_not_issued_have_no_digest(
    people, seed_plan, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(seed_plan, people.unit("DU-P-BODE"), due=dt.date(2016, 6, 10))
    summary = run(MONDAY, django_capture_on_commit_callbacks)
    assert summary.sent == [] and summary.quiet == 0
    assert mailoutbox == [] and not Digest.objects.exists()


def test_a_long_list_is_cut_with_a_count_of_the_rest(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    bode = people.unit("DU-P-BODE")
    for month in range(1, LIST_LIMIT + 4):
        start = dt.date(2015, 1, 1) + dt.timedelta(days=20 * (month - 1))
        due = start + dt.timedelta(days=5)
        make_obligation(issued, bode, start=start, end=start, due=due, label=f"Kỳ {month}")
    run(MONDAY, django_capture_on_commit_callbacks)
    body = mailoutbox[0].body
    assert f"Quá hạn ({LIST_LIMIT + 3}):" in body
    assert body.count("  - Đảng ủy phường Bồ Đề") == LIST_LIMIT
    assert "… và 3 mục khác" in body
    assert "“Kỳ 1”" in body and f"“Kỳ {LIST_LIMIT + 3}”" not in body  # oldest first


def test_a_dry_run_shows_the_digest_and_records_nothing(
    people, work, mailoutbox, django_capture_on_commit_callbacks
):
    summary = run(MONDAY, django_capture_on_commit_callbacks, dry_run=True)
    assert len(summary.sent) == 1 and "Quá hạn (1)" in summary.sent[0].text
    assert mailoutbox == [] and not Digest.objects.exists()


def test_the_remind_command_sends_the_weeks_digest_once(
    people, work, mailoutbox, django_capture_on_commit_callbacks
):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2016-06-13", stdout=out)
    assert "Đã gửi: Tổng hợp tuần 13/06/2016 – 19/06/2016" in out.getvalue()
    assert "Tổng hợp tuần từ 13/06/2016: 1 đã gửi, 0 đã gửi trước đó" in out.getvalue()
    again = io.StringIO()
    call_command("remind", "--date", "2016-06-14", stdout=again)
    assert "Tổng hợp tuần từ 13/06/2016: 0 đã gửi, 1 đã gửi trước đó" in again.getvalue()


def test_a_department_with_two_plans_gets_one_digest_with_a_part_and_a_link_for_each(
    people, work, mailoutbox, django_capture_on_commit_callbacks
):
    second = Plan.objects.create(
        owner=people.unit("QU-LB"),
        status=PlanStatus.ISSUED,
        number="21",
        symbol="KH/QU",
        title="Tuyên truyền bầu cử đại biểu Quốc hội khóa XIV",
        date=dt.date(2016, 2, 1),
    )
    make_obligation(second, people.unit("DU-P-BODE"), due=dt.date(2016, 6, 1), label="Quý II")
    run(MONDAY, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "hung@longbien.example.vn",
        "lan@longbien.example.vn",
    ]
    body = mailoutbox[0].body
    assert body.startswith(
        "Tổng hợp tuần 13/06/2016 – 19/06/2016, kế hoạch của Quận ủy Long Biên: 2 việc quá hạn"
    )
    assert "Kế hoạch số 21-KH/QU — Tuyên truyền bầu cử" in body
    assert "Kế hoạch số 17-KH/QU — " in body
    for plan in (work, second):
        url = reverse("kehoach:plan-detail", args=[plan.pk])
        assert f"Xem: http://127.0.0.1:8000{url}" in body
    assert Notification.objects.get(user=people.lan).url == reverse("kehoach:plan-list")
