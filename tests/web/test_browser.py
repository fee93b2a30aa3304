"""End to end in a real browser: what a new clerk does on their first day.

Lan logs in, uploads a seed plan as DOCX, waits while the worker reads it, sees the parsed
number and the checker's findings at their lines, corrects the title, saves, finds the
plan again by typing without accents, and downloads it as DOCX with her correction in it.

The server is pytest-django's ``live_server``; the task worker is the real database
worker loop in a thread (``browser_support.task_worker``); the browser is Debian's
chromium driven by Playwright.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM,
    NO_CHROMIUM,
    chromium,
    docx_text,
    in_memory_sqlite,
    run_on_a_file_database,
    task_worker,
)
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kehoach.web.models import Plan
from support.docx_builder import plan_docx
from support.people import PASSWORD

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"
SEED_001 = sorted(SEEDS.glob("001_*.txt"))[0]
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CORRECTED_TITLE = (
    "Triển khai công tác thông tin, tuyên truyền phục vụ Đại hội đại biểu toàn quốc "
    "lần thứ XII của Đảng trên địa bàn quận Long Biên"
)
WAIT_MS = 60_000

IN_MEMORY = in_memory_sqlite()

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not CHROMIUM.exists(), reason=NO_CHROMIUM)]
# The tests proper need a database that the live server, the worker thread and the test
# share; on in-memory SQLite they run in a child pytest on a file database (last test).
shared_database = pytest.mark.skipif(
    IN_MEMORY, reason="run by test_the_browser_tests_pass_on_a_file_sqlite_database"
)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[Browser]:
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # see browser_support.chromium
    with chromium() as launched:
        yield launched


@pytest.fixture
def worker(live_server: LiveServer) -> Iterator[None]:
    with task_worker():
        yield


def url(live_server: LiveServer, name: str, **kwargs: object) -> str:
    return f"{live_server.url}{reverse(name, kwargs=kwargs or None)}"


def log_in(page: Page, live_server: LiveServer, username: str) -> None:
    page.goto(url(live_server, "kehoach:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    # The header has forms of its own (language, sign-out): press the log-in form's button.
    page.click(f'form[action="{reverse("kehoach:login")}"] button[type=submit]')
    page.wait_for_url(url(live_server, "kehoach:plan-list"))


@shared_database
@pytest.mark.django_db(transaction=True)
def test_a_clerk_uploads_reviews_saves_finds_and_downloads_a_plan(
    cast, live_server, worker, browser, tmp_path
):
    context = browser.new_context(accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    log_in(page, live_server, "lan")

    # Upload the seed as the DOCX an office would send.
    page.goto(url(live_server, "kehoach:plan-upload"))
    page.set_input_files(
        "#upload-file",
        files=[
            {
                "name": "Kế hoạch 17-KH-QU.docx",
                "mimeType": DOCX_TYPE,
                "buffer": plan_docx(SEED_001.read_text(encoding="utf-8")),
            }
        ],
    )
    page.click("#upload-form button[type=submit]")

    # The status page polls until the worker has read it, then lands on the review page.
    page.wait_for_url(re.compile(r"/ke-hoach/\d+/ra-soat/$"), timeout=WAIT_MS)
    plan = Plan.objects.get()
    assert plan.status == "review"
    page.screenshot(path=str(tmp_path / "review.png"), full_page=True)
    expect(page.locator("input[name=number]")).to_have_value("17")

    # At least one of the checker's findings is shown at the source line it is about.
    at_lines = [f for f in plan.findings if f.get("line")]
    assert at_lines, "seed 001 has findings tied to lines"
    first = at_lines[0]
    line = page.locator(f"li#L{first['line']}")
    expect(line).to_contain_text(first["rule"])
    expect(line).to_contain_text(first["message"])

    # Correct the title and save.
    page.fill("[name=title]", CORRECTED_TITLE)
    page.click("#review-form button[type=submit]")
    page.wait_for_url(url(live_server, "kehoach:plan-detail", pk=plan.pk))
    expect(page.locator(".messages")).to_contain_text("Đã lưu kế hoạch.")
    plan.refresh_from_db()
    assert plan.status == "saved"
    assert plan.title == CORRECTED_TITLE

    # Find it again from the library, typing without accents.
    page.goto(url(live_server, "kehoach:plan-list"))
    search = page.locator("#search-q")
    results = page.locator("#plan-results")
    link = results.locator(f'a[href="{reverse("kehoach:plan-detail", kwargs={"pk": plan.pk})}"]')
    search.press_sequentially("khong co tu nay")
    expect(results.locator("#plan-empty")).to_be_visible()
    expect(link).to_have_count(0)
    search.fill("")
    search.press_sequentially("trien khai dai hoi")
    expect(link).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=trien"))

    # Download the DOCX from the plan page: the correction is in it.
    link.click()
    page.wait_for_url(url(live_server, "kehoach:plan-detail", pk=plan.pk))
    with page.expect_download() as download_info:
        page.click(
            f'a[href="{reverse("kehoach:plan-download", kwargs={"pk": plan.pk, "fmt": "docx"})}"]'
        )
    saved = tmp_path / "ke-hoach.docx"
    download_info.value.save_as(saved)
    text = docx_text(saved.read_bytes())
    assert "trên địa bàn quận Long Biên" in text
    assert "17-KH/QU" in text
    context.close()


@shared_database
@pytest.mark.django_db(transaction=True)
def test_the_plan_list_fits_a_phone_screen(cast, seed_plan, live_server, browser, tmp_path):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    log_in(page, live_server, "lan")
    page.wait_for_selector(f'#plan-results a[href$="/ke-hoach/{seed_plan.pk}/"]')
    page.screenshot(path=str(tmp_path / "plan-list-phone.png"), full_page=True)
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width
    assert (tmp_path / "plan-list-phone.png").stat().st_size > 1000
    context.close()


@pytest.mark.skipif(not IN_MEMORY, reason="the test database is already shared between threads")
def test_the_browser_tests_pass_on_a_file_sqlite_database(tmp_path):
    run_on_a_file_database(__file__, tmp_path, passed=2)
