"""Reminders before a due date and while overdue: the right days, the right people, never
twice — not on a second run, not after a restart, not after a crash."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from conftest import run_worker
from kehoach import cli
from kehoach.web.models import Notification, Reminder, ReportState, TaskState
from kehoach.web.reminders import reminder_days, send_reminders
from kehoach.web.serve import NoticeScheduler
from kehoach.web.tasks import enqueue_due_notices, send_due_notices
from support.work import make_obligation, make_report, make_task, mark_issued

DUE = dt.date(2016, 6, 15)
LABEL = "6 tháng đầu năm 2016"


def day(offset: int) -> dt.date:
    """``offset`` days from the due date (−3: three days before)."""
    return DUE + dt.timedelta(days=offset)


@pytest.fixture
def people(cast):
    """The cast with e-mail addresses, and one more reporter in another ward."""
    for name in ("lan", "hung", "mai", "binh", "tuan"):
        user = getattr(cast, name)
        user.email = f"{name}@longbien.example.vn"
        user.save()
    return cast


@pytest.fixture
def issued(seed_plan):
    return mark_issued(seed_plan)


def run(today: dt.date, capture, **kwargs):
    """One run of the reminders with the e-mails that follow its commits."""
    with capture(execute=True):
        return send_reminders(today, **kwargs)


def texts(mailoutbox) -> list[str]:
    return [m.body.split("\n")[0] for m in mailoutbox]


def test_a_unit_is_reminded_seven_three_and_one_days_before_its_report_is_due(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    bode = people.unit("DU-P-BODE")
    make_obligation(issued, bode, due=DUE, label=LABEL)
    sent_on = {}
    for offset in range(-10, 1):
        before = len(mailoutbox)
        run(day(offset), django_capture_on_commit_callbacks)
        if len(mailoutbox) > before:
            sent_on[offset] = mailoutbox[-1].body.split("\n")[0]
    assert sent_on == {
        -7: f"Còn 7 ngày đến hạn báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU",
        -3: f"Còn 3 ngày đến hạn báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU",
        -1: f"Còn 1 ngày đến hạn báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU",
    }
    assert {tuple(m.to) for m in mailoutbox} == {("binh@longbien.example.vn",)}
    notices = list(Notification.objects.filter(user=people.binh).order_by("id"))
    assert [n.text for n in notices] == list(sent_on.values())


def test_a_report_reminder_links_to_the_units_report_for_that_obligation(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    obligation = make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    run(day(-3), django_capture_on_commit_callbacks)
    url = reverse("kehoach:report-edit", args=[obligation.pk])
    assert Notification.objects.get(user=people.binh).url == url
    assert f"http://127.0.0.1:8000{url}" in mailoutbox[0].body


def test_an_open_task_is_reminded_before_its_due_date_and_links_to_the_task(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    task = make_task(issued, people.unit("DU-P-BODE"), "Treo băng rôn, khẩu hiệu.", due=DUE)
    make_task(issued, people.unit("DU-P-BODE"), "Việc không có hạn.", due=None, index=1)
    run(day(-7), django_capture_on_commit_callbacks)
    notice = Notification.objects.get(user=people.binh)
    assert notice.text == (
        "Còn 7 ngày đến hạn nhiệm vụ “Treo băng rôn, khẩu hiệu.” — Kế hoạch số 17-KH/QU"
    )
    assert notice.url == reverse("kehoach:task-detail", args=[task.pk])
    assert len(mailoutbox) == 1


def test_overdue_work_is_announced_the_day_after_and_then_weekly_four_times(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE, label=LABEL)
    overdue_on = []
    for offset in range(0, 40):
        before = len(mailoutbox)
        run(day(offset), django_capture_on_commit_callbacks)
        if len(mailoutbox) > before and "Quá hạn" in mailoutbox[-1].body:
            overdue_on.append(offset)
    assert overdue_on == [1, 8, 15, 22]
    assert texts(mailoutbox)[-4] == (
        f"Quá hạn 1 ngày (hạn 15/06/2016): báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU"
    )
    kinds = list(Reminder.objects.order_by("id").values_list("kind", "days"))
    assert kinds[-4:] == [("overdue", 1), ("overdue", 8), ("overdue", 15), ("overdue", 22)]


def test_submitted_accepted_and_done_work_gets_no_reminder_but_a_returned_report_does(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    submitted = make_obligation(issued, people.unit("DU-P-BODE"), due=DUE, label="Quý I")
    make_report(submitted, people.binh, state=ReportState.SUBMITTED)
    accepted = make_obligation(issued, people.unit("DU-P-CUKHOI"), due=DUE, label="Quý II")
    make_report(accepted, people.binh, state=ReportState.ACCEPTED)
    returned = make_obligation(issued, people.unit("DU-P-NGOCLAM"), due=DUE, label="Quý III")
    make_report(returned, people.binh, state=ReportState.RETURNED)
    done = make_task(issued, people.unit("DU-P-GIATHUY"), "Việc đã xong.", due=DUE)
    done.state = TaskState.DONE
    done.save()

    summary = run(day(-3), django_capture_on_commit_callbacks)
    assert [s.key for s in summary.sent] == [f"obligation:{returned.pk}:2016-06-15:before-3"]
    summary = run(day(2), django_capture_on_commit_callbacks)
    assert [s.key for s in summary.sent] == [f"obligation:{returned.pk}:2016-06-15:overdue-1"]


def test_work_of_a_plan_that_is_not_issued_gets_no_reminder(
    people, seed_plan, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(seed_plan, people.unit("DU-P-BODE"), due=DUE)
    make_task(seed_plan, people.unit("DU-P-BODE"), due=DUE)
    for offset in (-7, -3, -1, 1):
        assert run(day(offset), django_capture_on_commit_callbacks).sent == []
    assert mailoutbox == []
    assert not Reminder.objects.exists() and not Notification.objects.exists()


def test_reminders_go_to_the_units_reporters_and_administrators_and_nobody_else(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    make_obligation(issued, people.unit("QU-LB"), due=DUE)
    run(day(-1), django_capture_on_commit_callbacks)
    # Bồ Đề's reporter for Bồ Đề; the department officer (scope: the Quận ủy) for the Quận
    # ủy's own report; never the leader, the viewer or another organisation's administrator.
    assert sorted(tuple(m.to) for m in mailoutbox) == [
        ("binh@longbien.example.vn",),
        ("lan@longbien.example.vn",),
    ]
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"binh", "lan"}


def test_running_twice_the_same_day_sends_nothing_twice(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    make_task(issued, people.unit("DU-P-BODE"), due=DUE)
    first = run(day(-3), django_capture_on_commit_callbacks)
    again = run(day(-3), django_capture_on_commit_callbacks)
    later = run(day(-2), django_capture_on_commit_callbacks)
    assert len(first.sent) == 2 and first.already_sent == 0
    assert again.sent == [] and again.already_sent == 2
    assert later.sent == [] and later.already_sent == 2
    assert len(mailoutbox) == 2
    assert Notification.objects.filter(user=people.binh).count() == 2


def test_a_rolled_back_run_sends_nothing_and_the_next_run_sends_everything_once(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    make_obligation(issued, people.unit("QU-LB"), due=DUE)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_reminders(day(-1))
        raise RuntimeError("the worker died before committing")
    assert mailoutbox == []
    assert not Reminder.objects.exists() and not Notification.objects.exists()

    assert len(run(day(-1), django_capture_on_commit_callbacks).sent) == 2
    assert len(run(day(-1), django_capture_on_commit_callbacks).sent) == 0
    assert len(mailoutbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_crashes_mid_run_never_sends_a_reminder_twice(people, issued, mailoutbox):
    """Real commits: the reminders sent before the crash stay sent; the next run sends the
    rest, each once."""
    for code in ("DU-P-BODE", "QU-LB", "DU-P-NGOCLAM"):
        make_obligation(issued, people.unit(code), due=DUE)

    def crash_after_the_first(sent):
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        send_reminders(day(-3), on_sent=crash_after_the_first)
    assert Reminder.objects.count() == 1
    assert len(mailoutbox) == 1

    restarted = send_reminders(day(-3))
    assert len(restarted.sent) == 2 and restarted.already_sent == 1
    assert send_reminders(day(-3)).sent == []
    assert Reminder.objects.count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == [
        "binh@longbien.example.vn",
        "lan@longbien.example.vn",
    ]
    assert Notification.objects.filter(user=people.binh).count() == 1
    assert Notification.objects.filter(user=people.lan).count() == 1


def test_after_downtime_only_the_most_urgent_missed_reminder_is_sent(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE, label=LABEL)
    # The worker was down from day −9 to day −3 and comes back on day −2.
    for offset in range(-2, 1):
        run(day(offset), django_capture_on_commit_callbacks)
    assert texts(mailoutbox) == [
        f"Còn 2 ngày đến hạn báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU",
        f"Còn 1 ngày đến hạn báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU",
    ]
    keys = set(Reminder.objects.values_list("key", flat=True))
    assert not any(key.endswith("before-7") for key in keys)


def test_a_worker_back_on_the_due_day_sends_the_missed_last_reminder_once(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE, label=LABEL)
    run(day(0), django_capture_on_commit_callbacks)
    run(day(0), django_capture_on_commit_callbacks)
    assert texts(mailoutbox) == [f"Hôm nay là hạn báo cáo “{LABEL}” — Kế hoạch số 17-KH/QU"]


def test_a_worker_back_after_ten_days_overdue_sends_one_overdue_notice_not_two(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    for offset in (10, 11, 14):
        run(day(offset), django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert texts(mailoutbox)[0].startswith("Quá hạn 10 ngày (hạn 15/06/2016)")


def test_work_long_overdue_when_its_plan_is_issued_sends_no_flood(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    assert run(day(60), django_capture_on_commit_callbacks).sent == []


def test_moving_a_due_date_rearms_the_reminders_for_the_new_date(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    obligation = make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    run(day(-3), django_capture_on_commit_callbacks)
    obligation.due_date = day(10)
    obligation.save()
    run(day(7), django_capture_on_commit_callbacks)  # three days before the new date
    assert len(mailoutbox) == 2
    assert mailoutbox[1].body.startswith("Còn 3 ngày")


def test_the_reminder_days_come_from_the_settings(
    people, issued, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.KEHOACH_REMINDER_DAYS = "5, 2"
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    sent_on = []
    for offset in range(-8, 1):
        if run(day(offset), django_capture_on_commit_callbacks).sent:
            sent_on.append(offset)
    assert sent_on == [-5, -2]


def test_a_malformed_reminder_days_setting_stops_with_a_clear_message():
    assert reminder_days("7,3,1") == [7, 3, 1]
    assert reminder_days([1, 14, 3]) == [14, 3, 1]
    with pytest.raises(ImproperlyConfigured, match="KEHOACH_REMINDER_DAYS"):
        reminder_days("7,ba,1")
    with pytest.raises(ImproperlyConfigured, match="KEHOACH_REMINDER_DAYS"):
        reminder_days("-3")


def test_a_dry_run_lists_what_would_be_sent_and_sends_nothing(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    summary = run(day(-1), django_capture_on_commit_callbacks, dry_run=True)
    assert [s.recipients for s in summary.sent] == [1]
    assert mailoutbox == [] and not Reminder.objects.exists()
    assert len(run(day(-1), django_capture_on_commit_callbacks).sent) == 1


def test_the_remind_command_prints_what_it_sent_and_sends_nothing_again(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE, label=LABEL)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", "2016-06-12", "--no-digest", stdout=out)
    printed = out.getvalue()
    assert f"Đã gửi: Còn 3 ngày đến hạn báo cáo “{LABEL}”" in printed
    assert "Đảng ủy phường Bồ Đề (1 người)" in printed
    assert "Nhắc hạn ngày 12/06/2016: 1 đã gửi, 0 đã gửi trước đó." in printed
    assert len(mailoutbox) == 1

    again = io.StringIO()
    call_command("remind", "--date", "2016-06-12", "--no-digest", stdout=again)
    assert "Nhắc hạn ngày 12/06/2016: 0 đã gửi, 1 đã gửi trước đó." in again.getvalue()


def test_the_remind_command_dry_run_sends_nothing(people, issued, mailoutbox):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    out = io.StringIO()
    call_command("remind", "--date", "2016-06-14", "--dry-run", stdout=out)
    assert "Sẽ gửi: Còn 1 ngày" in out.getvalue()
    assert not Reminder.objects.exists()


def test_kehoach_remind_on_the_command_line_sends_and_rejects_a_bad_date(
    people, issued, mailoutbox, capsys, django_capture_on_commit_callbacks
):
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    with django_capture_on_commit_callbacks(execute=True):
        assert cli.main(["remind", "--date", "2016-06-08"]) == 0
    assert "Đã gửi: Còn 7 ngày" in capsys.readouterr().out
    assert [m.to for m in mailoutbox if m.body.startswith("Còn")] == [["binh@longbien.example.vn"]]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["remind", "--date", "08/06/2016"])
    assert exit_.value.code == 2
    assert "ngày không hợp lệ" in capsys.readouterr().err


def test_the_task_worker_sends_todays_reminders_once_however_often_it_is_queued(
    people, issued, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    today = timezone.localdate()
    make_obligation(issued, people.unit("DU-P-BODE"), due=today + dt.timedelta(days=3))
    assert enqueue_due_notices() is True
    assert enqueue_due_notices() is False  # one run waiting is enough
    assert DBTaskResult.objects.ready().filter(task_path=send_due_notices.module_path).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    assert enqueue_due_notices() is True
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    results = DBTaskResult.objects.filter(task_path=send_due_notices.module_path)
    assert sorted(r.return_value["reminders"] for r in results) == [0, 1]
    reminders = [m for m in mailoutbox if m.to == ["binh@longbien.example.vn"]]
    assert [m.body.split("\n")[0][:10] for m in reminders] == ["Còn 3 ngày"]


@pytest.mark.django_db(transaction=True)
def test_kehoach_serve_queues_the_notices_at_start_and_never_piles_them_up(cast):
    scheduler = NoticeScheduler(interval=3600)
    scheduler.start()
    scheduler.stop()  # the first round runs before the thread looks at the stop signal
    waiting = DBTaskResult.objects.ready().filter(task_path=send_due_notices.module_path)
    assert waiting.count() == 1
    scheduler.tick()  # an hour later, with the worker still down
    assert waiting.count() == 1


def test_kehoach_remind_with_a_malformed_days_setting_says_so_and_sends_nothing(
    people, issued, settings, mailoutbox, capsys
):
    settings.KEHOACH_REMINDER_DAYS = "bảy"
    make_obligation(issued, people.unit("DU-P-BODE"), due=DUE)
    assert cli.main(["remind", "--date", "2016-06-08"]) == 2
    assert "KEHOACH_REMINDER_DAYS='bảy'" in capsys.readouterr().err
    assert mailoutbox == [] and not Reminder.objects.exists()
