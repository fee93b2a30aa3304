"""End to end in a real browser: a ward reports on an issued plan and the department accepts.

The Quận ủy issues seed 001 (Kế hoạch 17-KH/QU) today with its report due from every
grassroots Party organisation in three days. Bình, the reporter of Đảng ủy phường Bồ Đề,
logs in, opens "Việc", sees the report due soon, writes it (a narrative and counts), saves
a draft, then submits it. Lan, in the department, goes from the plan to its reports, reads
Bồ Đề's counts and accepts it; the plan's progress then shows Bồ Đề accepted on time and
counts its attendees, and Bình sees it accepted. A second test checks the pages of this
loop at a phone's width of 375 px.

As in test_browser.py, the server is pytest-django's ``live_server`` and the browser is
Debian's chromium driven by Playwright; on in-memory SQLite the tests run in a child pytest
on a file database (the last test).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from browser_support import (
    CHROMIUM,
    NO_CHROMIUM,
    chromium,
    in_memory_sqlite,
    run_on_a_file_database,
)
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from kehoach.web import issuing
from kehoach.web.models import (
    Obligation,
    ObligationState,
    Plan,
    PlanStatus,
    Report,
    ReportCount,
    ReportState,
)
from support.people import PASSWORD

BODE = "Đảng ủy phường Bồ Đề"
DUE_IN_DAYS = 3
NARRATIVE = (
    "Đảng ủy phường đã tổ chức 02 hội nghị quán triệt Kế hoạch với 150 lượt cán bộ, "
    "đảng viên tham dự; Cổng thông tin điện tử phường đăng 03 tin, bài tuyên truyền."
)
CONFERENCE = "Hội nghị, hội thảo, hội nghị báo cáo viên"
PORTAL = "Cổng/Trang thông tin điện tử"
PHONE = {"width": 375, "height": 812}
WAIT_MS = 60_000

IN_MEMORY = in_memory_sqlite()

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]
# The live server's threads and the test share the database; on in-memory SQLite the tests
# run in a child pytest on a file database (last test), as test_browser.py's do.
shared_database = pytest.mark.skipif(
    IN_MEMORY, reason="run by test_the_work_browser_tests_pass_on_a_file_sqlite_database"
)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    # Playwright's event loop would make Django refuse the test's own (synchronous) ORM
    # calls; the flag is scoped to the test by monkeypatch.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as launched:
        yield launched


@pytest.fixture
def issued(cast, seed_plan) -> Obligation:
    """Seed 001 issued today, its report to the Quận due in three days; Bồ Đề's obligation.

    The seed's own deadline (04/02/2016) is moved to three days from today, the way a plan
    issued this week reads, so the report shows as due soon whatever day the test runs.
    """
    today = timezone.localdate()
    data = dict(seed_plan.data)
    deadlines = [dict(d) for d in data["deadlines"]]
    report_deadline = next(d for d in deadlines if "báo cáo kết quả" in d["what"])
    report_deadline["date"] = (today + dt.timedelta(days=DUE_IN_DAYS)).isoformat()
    data["deadlines"] = deadlines
    Plan.objects.filter(pk=seed_plan.pk).update(data=data)
    seed_plan.refresh_from_db()
    issuing.issue_plan(
        seed_plan, cast.lan, issued_on=today, runs_until=today + dt.timedelta(days=30)
    )
    assert seed_plan.status == PlanStatus.ISSUED
    return Obligation.objects.select_related("plan").get(
        plan=seed_plan, unit__code="DU-P-BODE", due_date=today + dt.timedelta(days=DUE_IN_DAYS)
    )


def url(live_server: LiveServer, name: str, **kwargs: object) -> str:
    return f"{live_server.url}{reverse(name, kwargs=kwargs or None)}"


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    """Through the log-in form, as a person does."""
    page.goto(url(live_server, "kehoach:login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.wait_for_url(url(live_server, "kehoach:plan-list"))


def menu(page: Page, name: str) -> None:
    """Follow a link of the main menu (the header's navigation)."""
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name=name, exact=True
    ).click()


def figure(page: Page, name: str) -> Locator:
    """One of the progress page's headline figures, by its term."""
    term = page.get_by_role("term").filter(has_text=re.compile(f"^{re.escape(name)}$"))
    return page.locator("#progress-figures > div").filter(has=term).get_by_role("definition")


def ngay(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def page_fits(page: Page, address: str) -> None:
    page.goto(address)
    scroll_width, client_width = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert scroll_width <= client_width, f"{address} scrolls sideways on a phone"


@shared_database
@pytest.mark.django_db(transaction=True)
def test_a_ward_reporter_submits_a_report_and_the_department_accepts_it(
    cast, issued, live_server, browser, tmp_path
):
    obligation = issued
    plan = obligation.plan
    period = obligation.label  # "Kết quả thực hiện (dd/mm/yyyy–dd/mm/yyyy)"

    # --- Bình, reporter of Đảng ủy phường Bồ Đề ---------------------------------------
    binh = browser.new_context(locale="vi-VN").new_page()
    binh.set_default_timeout(WAIT_MS)
    log_in(binh, live_server, "binh")

    # Issuing told him; his unit's work is under "Việc".
    expect(binh.get_by_role("link", name="Thông báo")).to_contain_text("1")
    menu(binh, "Việc")
    expect(binh.get_by_role("heading", level=1)).to_have_text(f"Việc của đơn vị: {BODE}")

    # The report is there, due in three days, coloured and labelled as due soon.
    card = binh.get_by_role("listitem").filter(has=binh.get_by_role("link", name=period))
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-state", "due-soon")
    expect(card).to_contain_text(f"Còn {DUE_IN_DAYS} ngày")
    expect(card).to_contain_text(f"Hạn {ngay(obligation.due_date)}")
    card.get_by_role("link", name=period).click()
    binh.wait_for_url(url(live_server, "kehoach:report-edit", pk=obligation.pk))
    expect(binh.get_by_role("heading", level=1)).to_contain_text(period)

    # He writes the report and saves a draft first.
    binh.get_by_label("Kết quả thực hiện (nội dung báo cáo)").fill(NARRATIVE)
    conference = binh.get_by_role("group", name=CONFERENCE)
    conference.get_by_label("Số hội nghị").fill("2")
    conference.get_by_label("Lượt người dự").fill("150")
    binh.get_by_role("group", name=PORTAL).get_by_label("Số tin, bài").fill("3")
    binh.get_by_role("button", name="Lưu bản nháp").click()
    expect(binh.get_by_role("status")).to_contain_text("Đã lưu bản nháp.")
    expect(conference.get_by_label("Lượt người dự")).to_have_value("150")
    draft = Report.objects.get(obligation=obligation)
    assert draft.state == ReportState.DRAFT
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.PENDING, "a draft is not sent yet"

    # Back in the inbox the draft is marked; he returns to it and submits.
    menu(binh, "Việc")
    expect(card).to_contain_text("Có bản nháp")
    card.get_by_role("link", name=period).click()
    expect(binh.get_by_label("Kết quả thực hiện (nội dung báo cáo)")).to_have_value(NARRATIVE)
    binh.get_by_role("button", name="Nộp báo cáo").click()
    binh.wait_for_url(url(live_server, "kehoach:report-detail", pk=draft.pk))
    expect(binh.get_by_role("status")).to_contain_text("Đã nộp báo cáo.")
    expect(binh.locator("#report-state")).to_have_text("Đã nộp")
    binh.screenshot(path=str(tmp_path / "submitted.png"), full_page=True)
    menu(binh, "Việc")
    expect(card).to_have_count(0)  # nothing left to do on it: it waits for the department

    # --- Lan, the department -------------------------------------------------------------
    lan = browser.new_context(locale="vi-VN").new_page()
    lan.set_default_timeout(WAIT_MS)
    log_in(lan, live_server, "lan")
    lan.get_by_role("link", name=plan.title).click()
    lan.wait_for_url(url(live_server, "kehoach:plan-detail", pk=plan.pk))
    reports_button = lan.get_by_role("link", name="Báo cáo của đơn vị")
    expect(reports_button).to_contain_text("1 chờ duyệt")
    reports_button.click()
    lan.wait_for_url(url(live_server, "kehoach:plan-reports", pk=plan.pk))
    expect(lan.get_by_role("link", name="Chờ duyệt (1)")).to_have_attribute("aria-current", "page")
    waiting = lan.get_by_role("link", name=f"{BODE} — {period}")
    expect(waiting).to_have_count(1)
    waiting.click()
    lan.wait_for_url(url(live_server, "kehoach:report-detail", pk=draft.pk))

    # She reads what Bồ Đề did, then accepts.
    expect(lan.get_by_text(NARRATIVE)).to_be_visible()
    expect(lan.get_by_role("row").filter(has_text="Số hội nghị")).to_contain_text("2")
    expect(lan.get_by_role("row").filter(has_text="Lượt người dự")).to_contain_text("150")
    expect(lan.get_by_role("row").filter(has_text="Số tin, bài")).to_contain_text("3")
    expect(lan.locator("#report-state")).to_have_text("Đã nộp")
    lan.get_by_role("button", name="Chấp nhận", exact=True).click()
    expect(lan.get_by_role("status")).to_contain_text("Đã chấp nhận báo cáo.")
    expect(lan.locator("#report-state")).to_have_text("Đã chấp nhận")
    expect(lan.get_by_role("button", name="Chấp nhận", exact=True)).to_have_count(0)
    lan.screenshot(path=str(tmp_path / "accepted.png"), full_page=True)

    # What the pages did is in the database.
    report = Report.objects.get(pk=draft.pk)
    assert (report.state, report.version, report.current) == (ReportState.ACCEPTED, 1, True)
    assert report.narrative == NARRATIVE
    assert (report.submitted_by, report.reviewed_by) == (cast.binh, cast.lan)
    counts = ReportCount.objects.filter(report=report).values_list("channel", "measure", "value")
    assert {(c, m): v for c, m, v in counts} == {
        ("conference", "held"): 2,
        ("conference", "attendees"): 150,
        ("portal", "articles"): 3,
    }
    obligation.refresh_from_db()
    assert obligation.state == ObligationState.ACCEPTED
    assert obligation.on_time is True
    assert obligation.accepted_at is not None

    # The plan's progress: Bồ Đề accepted and on time, its attendees in the totals.
    lan.get_by_role("link", name="Báo cáo của kế hoạch").click()
    lan.wait_for_url(re.compile(re.escape(reverse("kehoach:plan-reports", args=[plan.pk]))))
    expect(lan.get_by_role("link", name="Chờ duyệt (0)")).to_be_visible()
    expect(lan.get_by_role("link", name="Đã chấp nhận (1)")).to_be_visible()
    lan.get_by_role("link", name=f"Kế hoạch số {plan.reference}").click()
    lan.get_by_role("link", name="Tiến độ các đơn vị").click()
    lan.wait_for_url(url(live_server, "kehoach:plan-progress", pk=plan.pk))
    expect(figure(lan, "Đúng hạn")).to_have_text("1")
    expect(figure(lan, "Đã chấp nhận")).to_have_text("1")
    expect(figure(lan, "Chậm hạn")).to_have_text("0")
    bode_row = lan.get_by_role("row").filter(has=lan.get_by_role("rowheader", name=BODE))
    matrix_row = lan.locator("#matrix").get_by_role("row").filter(has_text=BODE)
    expect(matrix_row).to_contain_text("Đã chấp nhận")
    attendees = lan.locator("#totals-table").get_by_role("row").filter(has_text="Lượt người dự")
    expect(attendees).to_contain_text("150")
    expect(bode_row.filter(has_text="150")).to_have_count(1)

    # Bình sees it accepted among his unit's finished work.
    menu(binh, "Việc")
    binh.get_by_role("link", name="Đã xong, đã nộp").click()
    expect(card).to_contain_text("Đã được chấp nhận")
    expect(card).to_have_attribute("data-state", "accepted")


@shared_database
@pytest.mark.django_db(transaction=True)
def test_the_inbox_and_the_report_pages_fit_a_phone_screen(
    cast, issued, live_server, browser, tmp_path
):
    obligation = issued
    phone = dict(viewport=PHONE, device_scale_factor=2, is_mobile=True, locale="vi-VN")
    binh = browser.new_context(**phone).new_page()
    log_in(binh, live_server, "binh")
    page_fits(binh, url(live_server, "kehoach:inbox"))
    expect(binh.get_by_role("link", name=obligation.label)).to_be_visible()
    binh.screenshot(path=str(tmp_path / "inbox-phone.png"), full_page=True)
    page_fits(binh, url(live_server, "kehoach:report-edit", pk=obligation.pk))
    expect(binh.get_by_role("button", name="Nộp báo cáo")).to_be_visible()
    binh.screenshot(path=str(tmp_path / "report-form-phone.png"), full_page=True)
    # Submitted, with its counts: the report's own page, for him and for the department.
    binh.get_by_label("Kết quả thực hiện (nội dung báo cáo)").fill(NARRATIVE)
    binh.get_by_role("group", name=CONFERENCE).get_by_label("Lượt người dự").fill("150")
    binh.get_by_role("button", name="Nộp báo cáo").click()
    expect(binh.locator("#report-state")).to_have_text("Đã nộp")
    report = Report.objects.get(obligation=obligation)
    page_fits(binh, url(live_server, "kehoach:report-detail", pk=report.pk))

    lan = browser.new_context(**phone).new_page()
    log_in(lan, live_server, "lan")
    page_fits(lan, url(live_server, "kehoach:plan-reports", pk=obligation.plan_id))
    page_fits(lan, url(live_server, "kehoach:report-detail", pk=report.pk))
    expect(lan.get_by_role("button", name="Chấp nhận", exact=True)).to_be_visible()
    lan.screenshot(path=str(tmp_path / "review-phone.png"), full_page=True)
    page_fits(lan, url(live_server, "kehoach:plan-progress", pk=obligation.plan_id))
    lan.screenshot(path=str(tmp_path / "progress-phone.png"), full_page=True)
    assert (tmp_path / "review-phone.png").stat().st_size > 1000


@pytest.mark.skipif(not IN_MEMORY, reason="the test database is already shared between threads")
def test_the_work_browser_tests_pass_on_a_file_sqlite_database(tmp_path):
    run_on_a_file_database(__file__, tmp_path, passed=2)
