"""The report pages: the ward writes (bao-cao/ky/<obligation>/), the department reads and
reviews (bao-cao/<pk>/, ke-hoach/<pk>/bao-cao/), evidence downloads; who sees what."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from kehoach.web import reporting
from kehoach.web.models import (
    AuditEntry,
    Evidence,
    Membership,
    Notification,
    ObligationState,
    Report,
    ReportCount,
    ReportState,
    Role,
    Unit,
)
from support.people import password_hash
from support.work import make_obligation, make_report, mark_issued

CHROMIUM = Path("/usr/bin/chromium")
STATIC = Path(__file__).resolve().parents[2] / "src" / "kehoach" / "web" / "static" / "kehoach"


def another_reporter(code: str = "DU-P-CUKHOI", username: str = "cuong") -> object:
    user = get_user_model()(username=username, first_name="Cường", last_name="Vũ Văn")
    user.password = password_hash()
    user.save()
    unit = Unit.objects.get(code=code)
    Membership.objects.create(user=user, unit=unit, scope=unit, role=Role.REPORTER)
    return user


def edit_url(obligation) -> str:
    return reverse("kehoach:report-edit", args=[obligation.pk])


def detail_url(report) -> str:
    return reverse("kehoach:report-detail", args=[report.pk])


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xa4\x16\x1a"))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def plan(seed_plan):
    return mark_issued(seed_plan)


@pytest.fixture
def duty(cast, plan):
    return make_obligation(plan, cast.unit("DU-P-BODE"))


def form(narrative: str = "Đã tổ chức hội nghị quán triệt.", action: str = "save", **fields):
    return {"narrative": narrative, "action": action, **fields}


# --- writing --------------------------------------------------------------------------------


def test_the_form_puts_the_plans_channels_first_and_the_others_folded(cast, duty):
    response = client_for(cast.binh).get(edit_url(duty))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Báo cáo 6 tháng đầu năm 2016" in html
    assert "từ 01/01/2016 đến 30/06/2016" in html and "15/06/2016" in html
    assert 'enctype="multipart/form-data"' in html and "csrfmiddlewaretoken" in html
    channels = re.findall(r'<fieldset class="channel" data-channel="(\w+)"', html)
    own = ["portal", "newsletter", "radio", "conference", "meeting", "visual", "culture", "plaque"]
    assert channels[: len(own)] == own
    folded = html[html.index('<details class="other-channels"') :]
    assert 'data-channel="press"' in folded and 'data-channel="conference"' not in folded
    assert "Số hội nghị" in html and "Lượt người dự" in html
    assert 'name="c-conference-attendees"' in html


def test_binh_saves_a_draft_then_submits_it_and_lan_is_told(cast, duty):
    client = client_for(cast.binh)
    response = client.post(
        edit_url(duty),
        form(
            **{"c-conference-held": "2", "c-conference-attendees": "1.200", "c-press-articles": ""}
        ),
        follow=True,
    )
    assert response.redirect_chain[-1][0] == edit_url(duty)
    assert "Đã lưu bản nháp." in response.content.decode()
    report = Report.objects.get()
    assert report.state == ReportState.DRAFT
    assert reporting.counts_of(report) == {
        ("conference", "held"): 2,
        ("conference", "attendees"): 1200,
    }
    page = client.get(edit_url(duty)).content.decode()
    assert 'value="1200"' in page and "Đã tổ chức hội nghị quán triệt." in page
    response = client.post(
        edit_url(duty), form(action="submit", **{"c-conference-held": "2"}), follow=True
    )
    assert response.redirect_chain[-1][0] == detail_url(report)
    assert "Đã nộp báo cáo." in response.content.decode()
    report.refresh_from_db()
    duty.refresh_from_db()
    assert (report.state, duty.state) == (ReportState.SUBMITTED, ObligationState.SUBMITTED)
    assert reporting.counts_of(report) == {("conference", "held"): 2}
    assert Notification.objects.filter(user=cast.lan, url=detail_url(report)).exists()


def test_a_bad_count_is_named_on_the_form_and_nothing_is_saved(cast, duty):
    response = client_for(cast.binh).post(
        edit_url(duty),
        form(**{"c-conference-attendees": "-30", "c-radio-broadcasts": "nhiều lắm"}),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa lưu được báo cáo:" in html
    assert "Lượt người dự: không được là số âm." in html
    assert "Số lượt phát thanh: “nhiều lắm” không phải là một số nguyên." in html
    assert 'aria-invalid="true"' in html and 'value="-30"' in html
    assert "Đã tổ chức hội nghị quán triệt." in html  # what was typed is kept
    assert not Report.objects.exists() and not ReportCount.objects.exists()


def test_a_disguised_program_is_refused_and_the_typed_report_is_not_half_saved(cast, duty):
    program = SimpleUploadedFile("anh-hoi-nghi.jpg", b"MZ\x90\x00" + b"\x00" * 300)
    response = client_for(cast.binh).post(edit_url(duty), {**form(), "files": [program]})
    assert response.status_code == 400
    assert "kiểm tra theo nội dung tệp" in response.content.decode()
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_photos_and_links_are_attached_and_downloaded_safely(cast, duty):
    client = client_for(cast.binh)
    photo = SimpleUploadedFile("Pano tuyên truyền.png", png_bytes(), content_type="text/html")
    client.post(
        edit_url(duty),
        {
            **form(),
            "files": [photo],
            "link_url": "https://bode.longbien.gov.vn/tin/hoi-nghi",
            "link_title": "Tin trên cổng phường",
        },
    )
    files = Evidence.objects.filter(kind="file")
    [stored] = files
    assert stored.content_type == "image/png" and stored.name == "Pano tuyên truyền.png"
    page = client.get(edit_url(duty)).content.decode()
    download = reverse("kehoach:evidence-download", args=[stored.pk])
    assert download in page and "Tin trên cổng phường" in page
    assert 'rel="noopener noreferrer nofollow"' in page
    # Enter in a text field presses the first submit button: it saves, never removes.
    first = re.search(r"<button type=\"submit\"[^>]*>", page[page.index('id="report-form"') :])
    assert 'name="action" value="save"' in first.group(0)
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=UTF-8''Pano%20tuy%C3%AAn%20truy%E1%BB%81n.png" in response["Content-Disposition"]
    )
    assert response.content == png_bytes()
    # Removing it from the draft.
    client.post(edit_url(duty), {**form(), "remove": str(stored.pk)})
    assert not Evidence.objects.filter(kind="file").exists()
    assert Evidence.objects.filter(kind="link").count() == 1


def test_a_drafts_evidence_is_hidden_from_the_department_and_other_wards(cast, duty):
    client_for(cast.binh).post(
        edit_url(duty), {**form(), "files": [SimpleUploadedFile("a.png", png_bytes())]}
    )
    download = reverse("kehoach:evidence-download", args=[Evidence.objects.get().pk])
    for person in (cast.lan, cast.mai, another_reporter(), cast.tuan):
        assert client_for(person).get(download).status_code == 404
    report = Report.objects.get()
    reporting.submit_report(report, cast.binh)
    assert client_for(cast.lan).get(download).status_code == 200
    assert client_for(cast.hung).get(download).status_code == 200
    assert client_for(another_reporter("DU-P-GIATHUY", "giang")).get(download).status_code == 404
    assert client_for(cast.tuan).get(download).status_code == 404


def test_a_returned_report_shows_the_comment_and_is_fixed_in_place(cast, duty):
    report = make_report(duty, cast.binh, state=ReportState.SUBMITTED)
    reporting.return_report(report, cast.lan, "Thiếu số lượt người dự hội nghị.")
    client = client_for(cast.binh)
    page = client.get(edit_url(duty)).content.decode()
    assert 'id="return-comment"' in page and "Thiếu số lượt người dự hội nghị." in page
    client.post(edit_url(duty), form(action="submit", **{"c-conference-attendees": "300"}))
    report.refresh_from_db()
    assert (report.state, report.version) == (ReportState.SUBMITTED, 1)
    assert Report.objects.count() == 1


def test_a_change_after_acceptance_makes_a_new_version_and_the_history_shows_both(cast, duty):
    first = make_report(
        duty, cast.binh, state=ReportState.ACCEPTED, counts={("visual", "banners"): 40}
    )
    client = client_for(cast.binh)
    page = client.get(edit_url(duty)).content.decode()
    assert "Phiên bản 1 đã được chấp nhận." in page
    assert 'id="edit-new-version"' in page and 'value="40"' in page
    client.post(edit_url(duty), form(narrative="Bổ sung ảnh.", **{"c-visual-banners": "45"}))
    second = Report.objects.get(current=True)
    assert (second.version, second.supersedes, second.state) == (2, first, ReportState.DRAFT)
    first.refresh_from_db()
    assert first.state == ReportState.ACCEPTED and reporting.counts_of(first) == {
        ("visual", "banners"): 40
    }
    history = client.get(edit_url(duty)).content.decode()
    assert detail_url(first) in history and detail_url(second) in history
    assert "Phiên bản 2" in history and "Phiên bản 1" in history


# --- reading and reviewing ----------------------------------------------------------------


@pytest.fixture
def sent(cast, duty):
    return make_report(
        duty,
        cast.binh,
        state=ReportState.SUBMITTED,
        counts={
            ("conference", "held"): 2,
            ("conference", "attendees"): 1200,
            ("radio", "broadcasts"): 60,
        },
        narrative="Phường đã tổ chức 02 hội nghị.",
    )


def test_the_department_reads_the_report_and_accepts_it(cast, sent):
    client = client_for(cast.lan)
    page = client.get(detail_url(sent)).content.decode()
    assert "Phường đã tổ chức 02 hội nghị." in page
    assert "Hội nghị, hội thảo, hội nghị báo cáo viên" in page
    assert re.search(r"Lượt người dự</td><td class=\"num\">1\.200", page)
    assert 'value="accept"' in page and 'value="return"' in page
    response = client.post(detail_url(sent), {"action": "accept"}, follow=True)
    assert "Đã chấp nhận báo cáo." in response.content.decode()
    sent.refresh_from_db()
    assert (sent.state, sent.reviewed_by) == (ReportState.ACCEPTED, cast.lan)
    assert Notification.objects.filter(user=cast.binh).exists()
    assert 'value="accept"' not in client.get(detail_url(sent)).content.decode()


def test_returning_without_a_comment_is_refused_with_a_message(cast, sent):
    client = client_for(cast.lan)
    response = client.post(detail_url(sent), {"action": "return", "comment": "  "})
    assert response.status_code == 400
    assert "Hãy ghi ý kiến" in response.content.decode()
    sent.refresh_from_db()
    assert sent.state == ReportState.SUBMITTED
    client.post(detail_url(sent), {"action": "return", "comment": "Bổ sung ảnh hội nghị."})
    sent.refresh_from_db()
    assert (sent.state, sent.return_comment) == (ReportState.RETURNED, "Bổ sung ảnh hội nghị.")


@pytest.mark.parametrize("who", ["hung", "mai", "binh"])
def test_readers_and_the_reporter_cannot_review_and_nothing_changes(cast, sent, who):
    client = client_for(getattr(cast, who))
    page = client.get(detail_url(sent))
    assert page.status_code == 200
    assert 'value="accept"' not in page.content.decode()
    before = AuditEntry.objects.count()
    assert client.post(detail_url(sent), {"action": "accept"}).status_code == 404
    assert client.post(detail_url(sent), {"action": "return", "comment": "x"}).status_code == 404
    sent.refresh_from_db()
    assert sent.state == ReportState.SUBMITTED
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("who", ["hung", "mai"])
def test_leaders_and_viewers_cannot_write_a_report(cast, duty, who):
    client = client_for(getattr(cast, who))
    page = client.get(edit_url(duty))
    assert page.status_code == 200
    assert 'id="report-form"' not in page.content.decode()
    assert client.post(edit_url(duty), form(action="submit")).status_code == 404
    assert not Report.objects.exists()


def test_nobody_outside_the_ward_sees_its_draft(cast, duty):
    draft = make_report(duty, cast.binh, state=ReportState.DRAFT, narrative="Bản nháp riêng.")
    cuong = another_reporter()
    # (Hùng works in the Quận ủy itself, whose subtree holds the ward: access.visible_reports
    # shows him drafts there, read-only.)
    for person in (cast.lan, cast.mai, cast.tuan, cuong):
        assert client_for(person).get(detail_url(draft)).status_code == 404
    assert "Bản nháp riêng." not in client_for(cast.lan).get(edit_url(duty)).content.decode()
    assert client_for(cuong).get(edit_url(duty)).status_code == 404
    assert client_for(cast.tuan).get(edit_url(duty)).status_code == 404
    assert client_for(cuong).post(edit_url(duty), form()).status_code == 404
    assert client_for(cast.binh).get(detail_url(draft)).status_code == 200
    reporting.submit_report(draft, cast.binh)
    assert client_for(cast.lan).get(detail_url(draft)).status_code == 200
    assert client_for(cuong).get(detail_url(draft)).status_code == 404
    assert client_for(cast.tuan).get(detail_url(draft)).status_code == 404


def test_the_plans_reports_list_waiting_ones_first_and_the_rest_by_state(cast, plan, duty):
    cukhoi = make_obligation(plan, cast.unit("DU-P-CUKHOI"))
    giathuy = make_obligation(plan, cast.unit("DU-P-GIATHUY"))
    waiting = make_report(duty, cast.binh, state=ReportState.SUBMITTED)
    accepted = make_report(cukhoi, cast.binh, state=ReportState.ACCEPTED)
    make_report(giathuy, cast.binh, state=ReportState.DRAFT, narrative="Nháp của Gia Thụy.")
    url = reverse("kehoach:plan-reports", args=[plan.pk])
    page = client_for(cast.lan).get(url).content.decode()
    assert "Chờ duyệt (1)" in page and "Đã chấp nhận (1)" in page and "Bị trả lại (0)" in page
    assert detail_url(waiting) in page and detail_url(accepted) not in page
    assert "Bản nháp" not in page  # drafts are the units' own
    page = client_for(cast.lan).get(url, {"state": "accepted"}).content.decode()
    assert detail_url(accepted) in page and detail_url(waiting) not in page
    assert client_for(cast.hung).get(url).status_code == 200
    assert client_for(cast.tuan).get(url).status_code == 404
    assert client_for(cast.binh).get(url).status_code == 404  # the Quận ủy's library


def test_a_late_submission_is_marked_late(cast, plan, duty):
    make_report(
        duty,
        cast.binh,
        state=ReportState.SUBMITTED,
        submitted_at=dt.datetime(2016, 6, 20, 9, tzinfo=dt.UTC),
    )
    page = client_for(cast.lan).get(reverse("kehoach:plan-reports", args=[plan.pk]))
    assert "nộp muộn" in page.content.decode()


# --- on a phone ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_the_report_form_and_the_report_fit_a_375_pixel_phone(cast, duty, sent, monkeypatch):
    from test_view_inbox import fits_a_phone

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    reporting.return_report(sent, cast.lan, "Sửa lại " + "x" * 200)
    for person, url in ((cast.binh, edit_url(duty)), (cast.lan, detail_url(sent))):
        html = client_for(person).get(url).content.decode()
        scroll_width, inner_width = fits_a_phone(html)
        assert (scroll_width, inner_width) == (375, 375), url


def test_the_pages_channel_names_are_the_measures_vocabulary_translatable():
    from kehoach.tracking.measures import CHANNEL_LABELS
    from kehoach.web.templatetags.plans import CHANNELS

    assert {c: str(label) for c, label in CHANNELS.items()} == dict(CHANNEL_LABELS)
