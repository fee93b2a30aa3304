"""The unit inbox (viec/) and one task (viec/nhiem-vu/<pk>/): what each person sees, in
what order and colour, marking a task done and reopening it, and the page on a phone."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from conftest import client_for
from kehoach.web.models import (
    AuditEntry,
    Membership,
    ObligationState,
    Plan,
    PlanStatus,
    ReportState,
    Role,
    Task,
    TaskState,
    Unit,
)
from kehoach.web.views.inbox import inbox_items, inbox_units
from support.people import password_hash
from support.work import make_obligation, make_report, make_task, mark_issued

INBOX = reverse("kehoach:inbox")
STATIC = Path(__file__).resolve().parents[2] / "src" / "kehoach" / "web" / "static" / "kehoach"
TODAY = dt.date(2016, 6, 10)


def another_reporter(code: str = "DU-P-CUKHOI", username: str = "cuong") -> object:
    user = get_user_model()(username=username, first_name="Cường", last_name="Vũ Văn")
    user.password = password_hash()
    user.save()
    unit = Unit.objects.get(code=code)
    Membership.objects.create(user=user, unit=unit, scope=unit, role=Role.REPORTER)
    return user


def task_url(task: Task) -> str:
    return reverse("kehoach:task-detail", args=[task.pk])


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


@pytest.fixture
def plan(seed_plan):
    return mark_issued(seed_plan)


@pytest.fixture
def bode(cast):
    return cast.unit("DU-P-BODE")


@pytest.fixture
def board(cast, plan, bode):
    """Bồ Đề's work in every state, due around TODAY."""
    rows = {
        "undated": make_task(plan, bode, "Treo băng rôn trên các tuyến phố.", index=1),
        "late_task": make_task(plan, bode, "Quán triệt kế hoạch.", due=dt.date(2016, 6, 1)),
        "soon_task": make_task(plan, bode, "Tổ chức tọa đàm.", due=dt.date(2016, 6, 14)),
        "later_task": make_task(plan, bode, "Tổng kết.", due=dt.date(2016, 12, 20)),
        "done_task": make_task(plan, bode, "Đã làm xong.", due=dt.date(2016, 5, 1)),
        "late_duty": make_obligation(plan, bode, due=dt.date(2016, 6, 5), label="Tháng 5/2016"),
        "submitted": make_obligation(
            plan, bode, start=dt.date(2016, 2, 1), due=dt.date(2016, 6, 8), label="Quý I/2016"
        ),
        "returned": make_obligation(
            plan, bode, start=dt.date(2016, 3, 1), due=dt.date(2016, 6, 9), label="Quý II/2016"
        ),
        "accepted": make_obligation(
            plan, bode, start=dt.date(2015, 7, 1), due=dt.date(2016, 1, 15), label="Năm 2015"
        ),
    }
    Task.objects.filter(pk=rows["done_task"].pk).update(state=TaskState.DONE)
    make_report(rows["submitted"], cast.binh, state=ReportState.SUBMITTED)
    make_report(rows["returned"], cast.binh, state=ReportState.RETURNED)
    make_report(rows["accepted"], cast.binh, state=ReportState.ACCEPTED)
    for row in rows.values():
        row.refresh_from_db()
    return rows


def keys(items) -> list[tuple[str, int]]:
    return [(item.kind, item.row.pk) for item in items]


def test_the_inbox_orders_by_due_date_undated_last_and_colours_each_state(cast, bode, board):
    items = inbox_items(cast.binh, bode, today=TODAY, show="all")
    expected = [
        ("obligation", board["accepted"].pk),
        ("task", board["done_task"].pk),
        ("task", board["late_task"].pk),
        ("obligation", board["late_duty"].pk),
        ("obligation", board["submitted"].pk),
        ("obligation", board["returned"].pk),
        ("task", board["soon_task"].pk),
        ("task", board["later_task"].pk),
        ("task", board["undated"].pk),
    ]
    assert keys(items) == expected
    status = {(i.kind, i.row.pk): (i.status.key, i.status.label) for i in items}
    assert status[("task", board["late_task"].pk)] == ("overdue", "Quá hạn 9 ngày")
    assert status[("obligation", board["late_duty"].pk)] == ("overdue", "Quá hạn 5 ngày")
    assert status[("task", board["soon_task"].pk)] == ("due-soon", "Còn 4 ngày")
    assert status[("task", board["later_task"].pk)] == ("open", "Đang thực hiện")
    assert status[("task", board["done_task"].pk)] == ("done", "Đã hoàn thành")
    assert status[("obligation", board["submitted"].pk)] == ("submitted", "Đã nộp, chờ duyệt")
    assert status[("obligation", board["returned"].pk)] == ("returned", "Bị trả lại, cần sửa")
    assert status[("obligation", board["accepted"].pk)] == ("accepted", "Đã được chấp nhận")


def test_open_shows_what_is_left_to_do_and_done_the_rest(cast, bode, board):
    still = keys(inbox_items(cast.binh, bode, today=TODAY))
    assert still == [
        ("task", board["late_task"].pk),
        ("obligation", board["late_duty"].pk),
        ("obligation", board["returned"].pk),
        ("task", board["soon_task"].pk),
        ("task", board["later_task"].pk),
        ("task", board["undated"].pk),
    ]
    done = keys(inbox_items(cast.binh, bode, today=TODAY, show="done"))
    assert done == [
        ("obligation", board["accepted"].pk),
        ("task", board["done_task"].pk),
        ("obligation", board["submitted"].pk),
    ]


def test_work_of_plans_not_issued_stays_out_of_the_inbox(cast, bode, seed_plan):
    make_task(seed_plan, bode, "Chưa ban hành.", due=dt.date(2016, 6, 1))
    assert Plan.objects.get(pk=seed_plan.pk).status != PlanStatus.ISSUED
    assert inbox_items(cast.binh, bode, today=TODAY, show="all") == []


def test_binhs_inbox_page_shows_cards_with_colour_and_words_soonest_first(cast, plan, bode):
    late = make_task(plan, bode, "Quán triệt kế hoạch đến đảng viên.", due=days(-3))
    soon = make_obligation(plan, bode, due=days(2), label="6 tháng đầu năm 2016")
    later = make_task(plan, bode, "Tổng kết.", due=days(30))
    response = client_for(cast.binh).get(INBOX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đảng ủy phường Bồ Đề" in html
    cards = re.findall(r'<li class="work-card state-([\w-]+)" data-kind="(\w+)"', html)
    assert cards == [("overdue", "task"), ("due-soon", "obligation"), ("open", "task")]
    assert "Quá hạn 3 ngày" in html and "Còn 2 ngày" in html
    assert (
        html.index(task_url(late))
        < html.index(reverse("kehoach:report-edit", args=[soon.pk]))
        < html.index(task_url(later))
    )
    assert "Báo cáo 6 tháng đầu năm 2016" in html
    assert f"Hạn {days(-3):%d/%m/%Y}" in html
    assert "17-KH/QU" in html
    assert "<table" not in html  # cards, not a wide table
    assert "kehoach/work.css" in html


def test_the_filter_links_switch_between_open_done_and_all(cast, plan, bode):
    make_task(plan, bode, "Việc còn mở.", due=days(5))
    done = make_task(plan, bode, "Việc đã xong.", due=days(-5))
    Task.objects.filter(pk=done.pk).update(state=TaskState.DONE)
    client = client_for(cast.binh)
    assert "Việc đã xong." not in client.get(INBOX).content.decode()
    done_page = client.get(INBOX, {"show": "done"}).content.decode()
    assert "Việc đã xong." in done_page and "Việc còn mở." not in done_page
    both = client.get(INBOX, {"show": "all", "unit": "DU-P-BODE"}).content.decode()
    assert "Việc đã xong." in both and "Việc còn mở." in both
    assert 'aria-current="page">Tất cả<' in both
    assert client.get(INBOX, {"show": "bogus"}).status_code == 200


def test_a_draft_is_flagged_to_the_unit_but_never_to_the_department(cast, plan, bode):
    duty = make_obligation(plan, bode, due=days(10))
    make_report(duty, cast.binh, state=ReportState.DRAFT)
    assert "Có bản nháp" in client_for(cast.binh).get(INBOX).content.decode()
    lan_page = client_for(cast.lan).get(INBOX, {"unit": "DU-P-BODE"}).content.decode()
    assert reverse("kehoach:report-edit", args=[duty.pk]) in lan_page
    assert "Có bản nháp" not in lan_page


def test_another_wards_reporter_and_another_unit_never_see_bo_des_inbox(cast, plan, bode):
    make_task(plan, bode, "Việc riêng của Bồ Đề.", due=days(3))
    cuong = another_reporter()
    for person in (cuong, cast.tuan):
        client = client_for(person)
        assert client.get(INBOX, {"unit": "DU-P-BODE"}).status_code == 404
        assert "Việc riêng của Bồ Đề." not in client.get(INBOX).content.decode()
    assert "Cự Khối" in client_for(cuong).get(INBOX).content.decode()


def test_the_department_chooses_among_visible_units_with_work(cast, plan, bode):
    make_task(plan, bode, "Việc của Bồ Đề.", due=days(3))
    make_task(plan, cast.unit("DU-P-CUKHOI"), "Việc của Cự Khối.", due=days(4))
    assert {u.code for u in inbox_units(cast.lan)} == {"BTG-QU-LB", "DU-P-BODE", "DU-P-CUKHOI"}
    page = client_for(cast.lan).get(INBOX).content.decode()
    assert 'id="unit-chooser"' in page
    assert '<option value="DU-P-BODE"' in page and '<option value="LDLD-LB"' not in page
    chosen = client_for(cast.lan).get(INBOX, {"unit": "DU-P-CUKHOI"}).content.decode()
    assert "Việc của Cự Khối." in chosen and "Việc của Bồ Đề." not in chosen
    assert {u.code for u in inbox_units(cast.tuan)} == {"LDLD-LB"}
    # A reporter with one unit of work gets no chooser.
    assert 'id="unit-chooser"' not in client_for(cast.binh).get(INBOX).content.decode()


def test_a_person_without_a_unit_is_told_so(cast, db):
    user = get_user_model().objects.create(username="khach")
    page = client_for(user).get(INBOX)
    assert page.status_code == 200
    assert "Bạn chưa thuộc đơn vị nào có việc được giao." in page.content.decode()


def test_the_inbox_needs_a_login(cast):
    from django.test import Client

    response = Client().get(INBOX)
    assert response.status_code == 302 and "dang-nhap" in response["Location"]


# --- one task -----------------------------------------------------------------------------


@pytest.fixture
def duty(plan, bode):
    line = next(
        n
        for n, text in enumerate(plan.source_text.split("\n"), start=1)
        if "báo cáo kết quả về Quận" in text
    )
    task = make_task(
        plan, bode, "Xây dựng và tổ chức thực hiện công tác tuyên truyền.", due=days(6)
    )
    Task.objects.filter(pk=task.pk).update(source_line=line)
    task.refresh_from_db()
    return task


def test_a_task_shows_its_duty_plan_and_the_source_line_quoted(cast, duty):
    page = client_for(cast.binh).get(task_url(duty)).content.decode()
    assert "Xây dựng và tổ chức thực hiện công tác tuyên truyền." in page
    assert "Kế hoạch số 17-KH/QU" in page
    assert 'id="task-source"' in page and "báo cáo kết quả về Quận" in page
    assert f"Dòng {duty.source_line} của văn bản gốc" in page
    # Binh cannot open the Quận ủy's library: the plan is named, not linked.
    assert reverse("kehoach:plan-detail", args=[duty.plan_id]) not in page
    assert "Đánh dấu đã hoàn thành" in page


def test_the_department_follows_the_source_line_to_the_plans_text(cast, duty):
    page = client_for(cast.lan).get(task_url(duty)).content.decode()
    anchor = f"{reverse('kehoach:plan-review', args=[duty.plan_id])}#L{duty.source_line}"
    assert anchor in page
    assert f'href="{reverse("kehoach:plan-detail", args=[duty.plan_id])}"' in page
    review = client_for(cast.lan).get(reverse("kehoach:plan-review", args=[duty.plan_id]))
    assert f'id="L{duty.source_line}"' in review.content.decode()
    assert "Đánh dấu đã hoàn thành" not in page  # lan reviews; the ward does the work


def test_binh_marks_the_task_done_with_a_note_then_reopens_it(cast, duty):
    client = client_for(cast.binh)
    response = client.post(
        task_url(duty), {"action": "done", "note": "Đã quán triệt tại 12 chi bộ."}, follow=True
    )
    assert response.redirect_chain[-1][0] == task_url(duty)
    html = response.content.decode()
    assert "Đã đánh dấu nhiệm vụ hoàn thành." in html
    assert "Đã quán triệt tại 12 chi bộ." in html and "Mở lại nhiệm vụ" in html
    duty.refresh_from_db()
    assert (duty.state, duty.done_by, duty.note) == (
        TaskState.DONE,
        cast.binh,
        "Đã quán triệt tại 12 chi bộ.",
    )
    assert client.post(task_url(duty), {"action": "done"}).status_code == 400
    client.post(task_url(duty), {"action": "reopen", "note": "Còn 2 chi bộ."})
    duty.refresh_from_db()
    assert (duty.state, duty.note, duty.done_at) == (TaskState.OPEN, "Còn 2 chi bộ.", None)
    assert AuditEntry.objects.filter(model="kehoach.Task", actor=cast.binh).count() == 2


def test_readers_see_a_task_but_cannot_mark_it(cast, duty):
    for person in (cast.hung, cast.mai, cast.lan):
        client = client_for(person)
        page = client.get(task_url(duty))
        assert page.status_code == 200
        assert "Đánh dấu đã hoàn thành" not in page.content.decode()
        assert client.post(task_url(duty), {"action": "done"}).status_code == 404
    duty.refresh_from_db()
    assert duty.state == TaskState.OPEN
    assert not AuditEntry.objects.filter(model="kehoach.Task", action="update").exists()


def test_a_task_of_another_ward_does_not_exist_for_its_neighbour(cast, duty):
    cuong = another_reporter()
    assert client_for(cuong).get(task_url(duty)).status_code == 404
    assert client_for(cuong).post(task_url(duty), {"action": "done"}).status_code == 404
    assert client_for(cast.tuan).get(task_url(duty)).status_code == 404
    assert Task.objects.get(pk=duty.pk).state == TaskState.OPEN


def test_obligation_states_are_the_inboxs_words_too(cast, bode, board):
    page = client_for(cast.binh).get(INBOX, {"show": "all"}).content.decode()
    for label in ("Bị trả lại, cần sửa", "Đã nộp, chờ duyệt", "Đã được chấp nhận"):
        assert label in page
    assert 'class="work-card state-returned"' in page
    assert board["returned"].state == ObligationState.RETURNED


# --- on a phone ---------------------------------------------------------------------------


CHROMIUM = Path("/usr/bin/chromium")


def fits_a_phone(html: str) -> tuple[int, int]:
    """The page's width in Debian's chromium at 375 px, with the site's stylesheets inlined
    (the page is rendered by Django; no server is needed to lay it out)."""
    from playwright.sync_api import sync_playwright

    styles = "".join(
        f"<style>{(STATIC / name).read_text(encoding='utf-8')}</style>"
        for name in ("site.css", "work.css")
    )
    html = re.sub(r'<link rel="stylesheet"[^>]*>', "", html).replace("</head>", styles + "</head>")
    html = re.sub(r"<script[^>]*></script>", "", html)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page(viewport={"width": 375, "height": 800}, is_mobile=True)
            page.set_content(html)
            return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        finally:
            browser.close()


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_the_inbox_and_a_task_fit_a_375_pixel_phone(cast, plan, bode, monkeypatch, duty):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    make_task(plan, bode, "Tuyên truyền " + "rất-dài-không-có-chỗ-xuống-dòng" * 8, due=days(-1))
    make_obligation(plan, bode, due=days(3), label="6 tháng đầu năm 2016")
    client = client_for(cast.lan)
    for url in (INBOX + "?unit=DU-P-BODE&show=all", task_url(duty)):
        html = client.get(url).content.decode()
        scroll_width, inner_width = fits_a_phone(html)
        assert inner_width == 375
        assert scroll_width <= inner_width, url
