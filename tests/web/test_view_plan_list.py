"""The plan list: the library a person may see, searched without accents, filtered, paged."""

from __future__ import annotations

import datetime

import lxml.html
from django.urls import reverse

from conftest import SEEDS, client_for, upload_file
from kehoach.web.models import Plan

URL = reverse("kehoach:plan-list")


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode("utf-8"))


def cls(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def titles(doc) -> list[str]:
    return [
        " ".join(a.text_content().split())
        for a in doc.xpath(f"//li[{cls('plan-item')}]//a[{cls('plan-title')}]")
    ]


def seed(number: str) -> bytes:
    return sorted(SEEDS.glob(f"{number}_*.txt"))[0].read_bytes()


def many_plans(owner, count: int) -> list[Plan]:
    start = datetime.date(2024, 1, 1)
    rows = [
        Plan(
            owner=owner,
            number=str(i + 1),
            symbol="KH/QU",
            title=f"Kế hoạch thử số {i + 1}",
            date=start + datetime.timedelta(days=i),
            year=2024,
            search_text=f"ke hoach thu so {i + 1}",
        )
        for i in range(count)
    ]
    return Plan.objects.bulk_create(rows)


def test_anonymous_visitors_are_sent_to_log_in(db, client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("kehoach:login"))


def test_the_list_shows_number_date_issuer_title_and_status(cast, seed_plan):
    doc = page(client_for(cast.lan))
    item = doc.xpath(f"//li[{cls('plan-item')}]")[0]
    text = " ".join(item.text_content().split())
    assert "17-KH/QU" in text
    assert "ngày 29/12/2015" in text
    assert "Ban Thường vụ Quận ủy Long Biên" in text
    assert "Đại hội đại biểu toàn quốc lần thứ XII" in text
    assert "Chờ rà soát" in text
    assert item.xpath(f".//a[{cls('plan-title')}]")[0].get("href") == reverse(
        "kehoach:plan-detail", args=[seed_plan.pk]
    )


def test_a_search_without_accents_finds_the_plan(cast, seed_plan):
    client = client_for(cast.mai)
    assert len(titles(page(client, q="dai hoi"))) == 1
    assert len(titles(page(client, q="ĐẠI HỘI đảng"))) == 1
    assert len(titles(page(client, q="quan uy long bien"))) == 1
    assert len(titles(page(client, q="quận uỷ long biên"))) == 1
    empty = page(client, q="dai hoi khong-co-tu-nay")
    assert titles(empty) == []
    assert "Không tìm thấy kế hoạch nào khớp." in empty.get_element_by_id("plan-empty").text


def test_the_search_box_updates_the_results_live_with_htmx(cast, seed_plan):
    doc = page(client_for(cast.lan))
    box = doc.get_element_by_id("search-q")
    assert box.get("name") == "q"
    assert box.get("hx-get") == URL
    assert "keyup changed delay:300ms" in box.get("hx-trigger")
    assert box.get("hx-target") == "#plan-results"


def test_an_htmx_request_gets_only_the_results(cast, seed_plan):
    response = client_for(cast.lan).get(URL, {"q": "dai hoi"}, HTTP_HX_REQUEST="true")
    body = response.content.decode("utf-8")
    assert response.status_code == 200
    assert "<html" not in body
    assert "17-KH/QU" in body
    missing = client_for(cast.lan).get(URL, {"q": "khong-co"}, HTTP_HX_REQUEST="true")
    assert "17-KH/QU" not in missing.content.decode("utf-8")


def test_filters_by_issuer_year_type_and_status(cast, seed_plan):
    other = upload_file(cast.lan, cast.unit("QU-LB"), "kh43.txt", seed("002"))
    client = client_for(cast.lan)
    both = page(client)
    assert len(titles(both)) == 2
    issuers = [
        o.get("value") for o in both.xpath('//*[@id="filter-issuer"]/option') if o.get("value")
    ]
    assert issuers == sorted([seed_plan.issuer, other.issuer])
    years = [o.get("value") for o in both.xpath('//*[@id="filter-year"]/option') if o.get("value")]
    assert years == ["2020", "2015"]

    assert titles(page(client, year="2015")) == [seed_plan.title]
    assert titles(page(client, year="2020")) == [other.title]
    assert titles(page(client, issuer="lien doan lao dong")) == [other.title]
    assert titles(page(client, type="KẾ HOẠCH", year="2015")) == [seed_plan.title]
    assert titles(page(client, type="CHỈ THỊ")) == []
    assert titles(page(client, status="saved")) == []
    assert len(titles(page(client, status="review"))) == 2
    selected = page(client, year="2020").xpath('//*[@id="filter-year"]/option[@selected]')
    assert [o.get("value") for o in selected] == ["2020"]


def test_the_newest_plans_come_first_twenty_five_to_a_page(cast):
    many_plans(cast.unit("QU-LB"), 30)
    client = client_for(cast.lan)
    first = page(client)
    assert len(titles(first)) == 25
    assert titles(first)[0] == "Kế hoạch thử số 30"
    assert "30 kế hoạch" in first.get_element_by_id("plan-count").text_content()
    second = page(client, page=2)
    assert titles(second) == [f"Kế hoạch thử số {n}" for n in range(5, 0, -1)]
    filtered = page(client, q="thu so", page=2)
    next_links = filtered.xpath('//nav[@class="pager"]/a[@rel="prev"]')
    assert next_links and "q=thu%20so" in next_links[0].get("href")


def test_another_units_administrator_sees_none_of_the_quan_uys_plans(cast, seed_plan):
    doc = page(client_for(cast.tuan))
    assert titles(doc) == []
    options = doc.xpath('//*[@id="filter-issuer"]/option')
    assert [o.get("value") for o in options] == [""]
    assert titles(page(client_for(cast.tuan), q="dai hoi")) == []


def test_a_ward_reporter_sees_only_their_own_wards_plans(cast, seed_plan):
    assert titles(page(client_for(cast.binh))) == []


def test_a_viewer_reads_the_list_but_is_not_offered_an_upload(cast, seed_plan):
    doc = page(client_for(cast.mai))
    assert len(titles(doc)) == 1
    upload = reverse("kehoach:plan-upload")
    assert not [a for a in doc.xpath("//a") if a.get("href") == upload]
    admin_doc = page(client_for(cast.lan))
    assert [a for a in admin_doc.xpath("//a") if a.get("href") == upload]
