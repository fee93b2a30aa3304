"""The plan page: header, sections, the timeline picture, basis links both ways, access."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from conftest import client_for, upload_file
from kehoach.web.models import PlanLink

SVG_BAR = '//*[@id="timeline"]//*[local-name()="rect"][contains(@class, "phase-bar")]'

PARENT = (
    "THÀNH ỦY HÀ NỘI\nBAN TUYÊN GIÁO\n*\nSố 02-KH/BTGTU\n"
    "Hà Nội, ngày 24 tháng 12 năm 2015\nKẾ HOẠCH\n"
    "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XII của Đảng\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Tuyên truyền sâu rộng.\n"
).encode()

CHILD_ELSEWHERE = (
    "LIÊN ĐOÀN LAO ĐỘNG QUẬN LONG BIÊN\n*\nSố 05-KH/LĐLĐ\n"
    "Long Biên, ngày 05 tháng 01 năm 2016\nKẾ HOẠCH\n"
    "Tuyên truyền Đại hội XII trong công nhân viên chức lao động\n"
    "Thực hiện Kế hoạch số 02-KH/BTGTU, ngày 24/12/2015 của Ban Tuyên giáo Thành ủy Hà Nội, "
    "Ban Thường vụ Liên đoàn Lao động quận ban hành kế hoạch như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Tuyên truyền sâu rộng.\n"
).encode()


def url(plan) -> str:
    return reverse("kehoach:plan-detail", args=[plan.pk])


def page(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode("utf-8"))


def text_of(doc, element_id: str) -> str:
    return " ".join(doc.get_element_by_id(element_id).text_content().split())


def test_the_header_shows_the_plans_identity(cast, seed_plan):
    doc = page(client_for(cast.mai), seed_plan)
    header = text_of(doc, "plan-header")
    assert "KẾ HOẠCH số 17-KH/QU" in header
    assert "Long Biên, ngày 29/12/2015" in header
    assert "Ban Thường vụ Quận ủy Long Biên" in header
    assert "Triển khai công tác thông tin, tuyên truyền phục vụ Đại hội" in header
    assert "Nguyễn Huy Thắng" in header


def test_the_phases_are_a_picture_with_one_bar_per_phase_not_a_table(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    svg = doc.get_element_by_id("timeline")
    assert svg.tag.endswith("svg")
    assert svg.get("role") == "img"
    assert svg.get("aria-label").startswith("Tiến độ thực hiện: 4 giai đoạn")
    phases = seed_plan.data["phases"]
    bars = doc.xpath(SVG_BAR)
    assert len(bars) == len(phases) == 4
    assert ["peak" in b.get("class").split() for b in bars] == [p["peak"] for p in phases]
    assert doc.xpath('//*[@id="plan-timeline"]//table') == []
    assert "Ban hành ngày 29/12/2015" in text_of(doc, "plan-timeline")


def test_sections_are_a_nested_tree(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    top = doc.xpath('//*[@id="plan-sections"]/ol/li')
    assert len(top) == len(seed_plan.data["sections"])
    first = seed_plan.data["sections"][0]
    assert first["heading"] in top[0].text_content()
    assert len(top[0].xpath("./ol/li")) == len(first["children"])


def test_channels_assignments_deadlines_and_downloads_are_shown(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    channels = [li.get("data-channel") for li in doc.xpath('//*[@id="plan-channels"]//li')]
    assert channels == seed_plan.data["channels"]
    assert "Cổng/Trang thông tin điện tử" in text_of(doc, "plan-channels")
    units = [dt.text_content().strip() for dt in doc.xpath('//*[@id="plan-assignments"]//dt')]
    assert units == [a["unit"] for a in seed_plan.data["assignments"]]
    assert "07/01/2016" in text_of(doc, "plan-deadlines")
    links = {a.get("href") for a in doc.xpath('//*[@id="plan-downloads"]//a')}
    for fmt in ("docx", "pdf", "json"):
        assert reverse("kehoach:plan-download", args=[seed_plan.pk, fmt]) in links
    assert reverse("kehoach:plan-source", args=[seed_plan.pk]) in links


def test_the_counts_of_findings_and_warnings_link_to_the_review(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    checks = doc.get_element_by_id("plan-checks")
    text = " ".join(checks.text_content().split())
    assert f"{len(seed_plan.findings)} phát hiện" in text
    assert "1 cảnh báo khi đọc" in text
    assert checks.xpath(".//a")[0].get("href") == reverse(
        "kehoach:plan-review", args=[seed_plan.pk]
    )


def test_a_cited_plan_in_the_library_is_linked_both_ways(cast, seed_plan):
    parent = upload_file(cast.lan, cast.unit("QU-LB"), "kh02.txt", PARENT)
    client = client_for(cast.lan)
    child_doc = page(client, seed_plan)
    basis = child_doc.xpath('//*[@id="plan-basis"]//a[@class="basis-link"]')
    assert [a.get("href") for a in basis] == [url(parent)]
    assert "Thực hiện" in text_of(child_doc, "plan-basis")
    parent_doc = page(client, parent)
    assert "Được triển khai bởi" in text_of(parent_doc, "plan-basis")
    implemented = parent_doc.xpath('//ul[@class="implemented-by"]//a')
    assert [a.get("href") for a in implemented] == [url(seed_plan)]


def test_plans_of_another_unit_citing_it_are_not_revealed(cast, seed_plan):
    parent = upload_file(cast.lan, cast.unit("QU-LB"), "kh02.txt", PARENT)
    elsewhere = upload_file(cast.tuan, cast.unit("LDLD-LB"), "kh05.txt", CHILD_ELSEWHERE)
    assert set(PlanLink.objects.filter(target=parent).values_list("source", flat=True)) == {
        seed_plan.pk,
        elsewhere.pk,
    }
    implemented = page(client_for(cast.lan), parent).xpath('//ul[@class="implemented-by"]//a')
    assert [a.get("href") for a in implemented] == [url(seed_plan)]


def test_another_units_people_get_not_found(cast, seed_plan):
    assert client_for(cast.tuan).get(url(seed_plan)).status_code == 404
    assert client_for(cast.binh).get(url(seed_plan)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(cast, seed_plan, client):
    response = client.get(url(seed_plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("kehoach:login"))


def test_readers_are_not_offered_to_delete(cast, seed_plan):
    delete = reverse("kehoach:plan-delete", args=[seed_plan.pk])
    for person in (cast.hung, cast.mai):
        doc = page(client_for(person), seed_plan)
        assert not [a for a in doc.xpath("//a") if a.get("href") == delete]
    doc = page(client_for(cast.lan), seed_plan)
    assert [a for a in doc.xpath("//a") if a.get("href") == delete]
