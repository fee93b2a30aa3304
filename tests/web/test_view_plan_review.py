"""The review page: the parsed fields beside the source lines with their findings; saving
corrections, all or nothing, audited."""

from __future__ import annotations

import lxml.html
from django.urls import reverse

from conftest import client_for
from kehoach.web.library import search
from kehoach.web.models import AuditEntry, Plan

NEW_TITLE = "Tuyên truyền Đại hội đại biểu toàn quốc lần thứ XII của Đảng trên địa bàn quận"


def url(plan) -> str:
    return reverse("kehoach:plan-review", args=[plan.pk])


def page(client, plan):
    response = client.get(url(plan))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode("utf-8"))


def corrections(**changes) -> dict[str, str]:
    fields = {
        "doc_type": "KẾ HOẠCH",
        "number": "17",
        "symbol": "KH/QU",
        "issuer": "Ban Thường vụ Quận ủy Long Biên",
        "place": "Long Biên",
        "date": "29/12/2015",
        "title": NEW_TITLE,
        "channels": "portal\nBản tin\nradio",
        "slogans": "Nhiệt liệt chào mừng Đại hội đại biểu toàn quốc lần thứ XII của Đảng!\n",
    }
    fields.update(changes)
    return fields


def test_every_source_line_is_numbered_and_the_finding_lines_are_marked(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    lines = doc.xpath('//ol[@class="source-lines"]/li')
    assert len(lines) == len(seed_plan.source_text.split("\n"))
    assert [li.get("id") for li in lines[:3]] == ["L1", "L2", "L3"]
    assert doc.get_element_by_id("L6").text_content().startswith("Số 17 -KH/QU")
    finding_lines = {f["line"] for f in seed_plan.findings if f["line"]}
    marked = {int(li.get("id")[1:]) for li in lines if li.get("class") == "marked"}
    assert finding_lines <= marked
    assert marked - finding_lines <= {w["line"] for w in seed_plan.data["warnings"]}
    l6 = " ".join(doc.get_element_by_id("L6").text_content().split())
    assert "NUM-003" in l6
    assert "Gợi ý: Viết: Số 17-KH/QU" in l6
    assert "issuer-inferred" in l6
    l16 = doc.get_element_by_id("L16")
    assert [m.text for m in l16.xpath(".//mark")] == ["nhân dân", "nhân dân"]


def test_the_summary_links_to_each_marked_line_and_lists_whole_document_findings(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    summary = doc.get_element_by_id("findings-summary")
    hrefs = [a.get("href") for a in summary.xpath(".//a")]
    assert "#L6" in hrefs and "#L80" in hrefs
    text = " ".join(summary.text_content().split())
    assert "HDR-001" in text
    total = len(seed_plan.findings) + len(seed_plan.data["warnings"])
    assert f"{total} điểm cần xem" in text


def test_the_form_starts_from_what_the_parser_read(cast, seed_plan):
    doc = page(client_for(cast.lan), seed_plan)
    assert doc.get_element_by_id("id_date").get("value") == "29/12/2015"
    assert doc.get_element_by_id("id_symbol").get("value") == "KH/QU"
    channels = doc.get_element_by_id("id_channels").text_content().split()
    assert channels == seed_plan.data["channels"]


def test_saving_corrections_updates_the_plan_and_marks_it_saved(cast, seed_plan):
    client = client_for(cast.lan)
    response = client.post(url(seed_plan), corrections(date="30/12/2015"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("kehoach:plan-detail", args=[seed_plan.pk])
    assert "Đã lưu kế hoạch." in response.content.decode("utf-8")
    row = Plan.objects.get(pk=seed_plan.pk)
    assert row.status == "saved"
    assert row.title == NEW_TITLE == row.data["title"]
    assert row.date.isoformat() == "2015-12-30" == row.data["date"]
    assert row.data["channels"] == ["portal", "newsletter", "radio"]
    assert row.data["slogans"] == [
        "Nhiệt liệt chào mừng Đại hội đại biểu toàn quốc lần thứ XII của Đảng!"
    ]
    assert row.data["warnings"] == seed_plan.data["warnings"]
    assert row.data["phases"] == seed_plan.data["phases"]
    assert list(search(Plan.objects.all(), q="tren dia ban quan")) == [row]


def test_a_saved_correction_is_audited_with_before_and_after(cast, seed_plan):
    client_for(cast.lan).post(url(seed_plan), corrections())
    entry = AuditEntry.objects.filter(model="kehoach.Plan", action="update").get()
    assert entry.actor == cast.lan
    assert entry.before["title"] == seed_plan.title
    assert entry.after["title"] == NEW_TITLE
    assert entry.before["status"] == "review"
    assert entry.after["status"] == "saved"


def test_an_impossible_date_is_refused_and_nothing_changes(cast, seed_plan):
    before = Plan.objects.get(pk=seed_plan.pk)
    response = client_for(cast.lan).post(url(seed_plan), corrections(date="31/02/2016"))
    assert response.status_code == 400
    doc = lxml.html.fromstring(response.content.decode("utf-8"))
    assert doc.get_element_by_id("error-date").text_content().strip() == "Ngày không hợp lệ"
    assert doc.get_element_by_id("id_date").get("value") == "31/02/2016"
    after = Plan.objects.get(pk=seed_plan.pk)
    assert (after.title, after.date, after.status, after.data) == (
        before.title,
        before.date,
        before.status,
        before.data,
    )
    assert not AuditEntry.objects.filter(model="kehoach.Plan", action="update").exists()


def test_an_unknown_channel_is_refused_with_its_name(cast, seed_plan):
    response = client_for(cast.lan).post(url(seed_plan), corrections(channels="portal\nbồ câu"))
    assert response.status_code == 400
    doc = lxml.html.fromstring(response.content.decode("utf-8"))
    assert "bồ câu" in doc.get_element_by_id("error-channels").text_content()
    assert Plan.objects.get(pk=seed_plan.pk).status == "review"


def test_readers_see_the_review_but_cannot_save(cast, seed_plan):
    for person in (cast.hung, cast.mai):
        doc = page(client_for(person), seed_plan)
        assert doc.xpath('//*[@id="review-form"]//fieldset[@disabled]')
        assert not doc.xpath('//*[@id="review-form"]//button[@type="submit"]')
        response = client_for(person).post(url(seed_plan), corrections())
        assert response.status_code == 404
    assert Plan.objects.get(pk=seed_plan.pk).title == seed_plan.title


def test_another_units_people_get_not_found(cast, seed_plan):
    for person in (cast.tuan, cast.binh):
        assert client_for(person).get(url(seed_plan)).status_code == 404
        assert client_for(person).post(url(seed_plan), corrections()).status_code == 404
    assert Plan.objects.get(pk=seed_plan.pk).status == "review"


def test_anonymous_visitors_are_sent_to_log_in(cast, seed_plan, client):
    for response in (client.get(url(seed_plan)), client.post(url(seed_plan), corrections())):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("kehoach:login"))
    assert Plan.objects.get(pk=seed_plan.pk).status == "review"
