"""The notifications page: one's own notifications, newest first, unread ones marked, "mark
all read", each leading to its page; the header counts the unread."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from conftest import client_for
from kehoach.web.models import Notification
from kehoach.web.notify import notify

NOTICES = reverse("kehoach:notices")
READ_ALL = reverse("kehoach:notices-read-all")


def doc(response):
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode())


def cls(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


NOTICE = f"//li[{cls('notice')}]"
UNREAD = f"//li[{cls('notice')} and {cls('unread')}]"
TEXT = f"//*[{cls('notice-text')}]"
BADGE = f"//header//a[{cls('notices-link')}]//*[{cls('badge')}]"


def test_anonymous_visitors_are_sent_to_log_in(db):
    response = Client().get(NOTICES)
    assert response.status_code == 302
    assert reverse("kehoach:login") in response["Location"]


def test_each_person_sees_only_their_own_notifications_newest_first(cast):
    notify([cast.binh], "Còn 7 ngày đến hạn báo cáo “Quý II”", "/a/", email=False)
    notify([cast.binh], "Còn 3 ngày đến hạn báo cáo “Quý II”", "/b/", email=False)
    notify([cast.lan], "Tổng hợp tuần của Quận ủy", "/c/", email=False)
    page = doc(client_for(cast.binh).get(NOTICES))
    shown = [li.text_content().split("\n") for li in page.xpath(NOTICE + TEXT)]
    texts = [" ".join(" ".join(lines).split()) for lines in shown]
    assert texts == [
        "Còn 3 ngày đến hạn báo cáo “Quý II”",
        "Còn 7 ngày đến hạn báo cáo “Quý II”",
    ]
    assert "Tổng hợp tuần" not in client_for(cast.binh).get(NOTICES).content.decode()
    assert "Tổng hợp tuần của Quận ủy" in client_for(cast.lan).get(NOTICES).content.decode()
    assert "Chưa có thông báo nào." in client_for(cast.mai).get(NOTICES).content.decode()


def test_unread_notifications_stand_out_and_the_header_counts_them(cast):
    notify([cast.binh], "Một", "/a/", email=False)
    notify([cast.binh], "Hai", "/b/", email=False)
    Notification.objects.filter(text="Một").update(read_at=timezone.now())
    page = doc(client_for(cast.binh).get(NOTICES))
    unread = page.xpath(UNREAD + TEXT)
    assert [li.text_content().strip() for li in unread] == ["Hai"]
    assert len(page.xpath(NOTICE)) == 2
    badge = page.xpath(BADGE)
    assert [b.text_content() for b in badge] == ["1"]
    # The badge is on every page, not only this one.
    plans = doc(client_for(cast.binh).get(reverse("kehoach:plan-list")))
    assert [b.text_content() for b in plans.xpath(BADGE)] == ["1"]


def test_mark_all_read_marks_only_ones_own_and_the_badge_goes(cast):
    notify([cast.binh, cast.lan], "Còn 1 ngày đến hạn", "/a/", email=False)
    client = client_for(cast.binh)
    response = client.post(READ_ALL)
    assert response.status_code == 302 and response["Location"] == NOTICES
    assert Notification.objects.get(user=cast.binh).read_at is not None
    assert Notification.objects.get(user=cast.lan).read_at is None
    page = doc(client.get(NOTICES))
    assert page.xpath(UNREAD) == []
    assert page.xpath(BADGE) == []
    assert page.xpath(f'//form[@action="{READ_ALL}"]') == []


def test_mark_all_read_needs_a_post_with_a_csrf_token(cast):
    notify([cast.binh], "Còn 1 ngày đến hạn", "/a/", email=False)
    assert client_for(cast.binh).get(READ_ALL).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.binh)
    assert strict.post(READ_ALL).status_code == 403
    assert Notification.objects.get(user=cast.binh).read_at is None
    page = doc(strict.get(NOTICES))
    form = page.xpath(f'//form[@action="{READ_ALL}"]')[0]
    assert form.xpath('.//input[@name="csrfmiddlewaretoken"]')


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(cast):
    target = reverse("kehoach:plan-list")
    notify([cast.binh], "Còn 3 ngày đến hạn", target, email=False)
    notice = Notification.objects.get(user=cast.binh)
    client = client_for(cast.binh)
    page = doc(client.get(NOTICES))
    open_url = reverse("kehoach:notice-open", args=[notice.pk])
    assert page.xpath(f'{NOTICE}//a[@href="{open_url}"]')
    response = client.get(open_url)
    assert response.status_code == 302 and response["Location"] == target
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_another_persons_notification_cannot_be_opened(cast):
    notify([cast.lan], "Tổng hợp tuần", "/a/", email=False)
    notice = Notification.objects.get(user=cast.lan)
    response = client_for(cast.binh).get(reverse("kehoach:notice-open", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_notification_never_redirects_off_the_site(cast):
    Notification.objects.create(user=cast.binh, text="Lạ", url="https://example.com/phish")
    notice = Notification.objects.get(user=cast.binh)
    response = client_for(cast.binh).get(reverse("kehoach:notice-open", args=[notice.pk]))
    assert response["Location"] == NOTICES


def test_a_digest_shows_its_summary_with_the_details_folded(cast):
    text = (
        "Tổng hợp tuần 13/06/2016 – 19/06/2016: 1 việc quá hạn.\n"
        "Tình hình đến ngày 13/06/2016.\n\n"
        "Quá hạn (1):\n  - Đảng ủy phường Bồ Đề: báo cáo “Quý II”\n"
        "Xem: http://127.0.0.1:8000/ke-hoach/1/"
    )
    notify([cast.lan], text, "/ke-hoach/1/", email=False)
    page = doc(client_for(cast.lan).get(NOTICES))
    item = page.xpath(NOTICE)[0]
    assert item.xpath("." + TEXT)[0].text_content().strip() == (
        "Tổng hợp tuần 13/06/2016 – 19/06/2016: 1 việc quá hạn."
    )
    details = item.xpath(".//details//pre")[0]
    assert "Đảng ủy phường Bồ Đề" in details.text_content()
    assert details.xpath('.//a[@href="http://127.0.0.1:8000/ke-hoach/1/"]')


def test_the_list_pages_by_fifty_and_shows_the_date(cast):
    Notification.objects.bulk_create(
        Notification(user=cast.binh, text=f"Thông báo {i}") for i in range(55)
    )
    Notification.objects.update(created_at=timezone.make_aware(dt.datetime(2016, 6, 13, 9, 5)))
    client = client_for(cast.binh)
    first = doc(client.get(NOTICES))
    assert len(first.xpath(NOTICE)) == 50
    assert "13/06/2016 09:05" in first.xpath(f"{NOTICE}//*[{cls('notice-meta')}]")[0].text_content()
    second = doc(client.get(NOTICES, {"page": 2}))
    assert len(second.xpath(NOTICE)) == 5
