"""kehoach.web.reporting and kehoach.web.evidence: the report's state machine, its versions,
tasks done and reopened, who may do what, bad counts, evidence checked by content."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct
import unicodedata
import zipfile
import zlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import Workbook, load_workbook

from kehoach.web import evidence, reporting
from kehoach.web.models import (
    AuditEntry,
    Evidence,
    Membership,
    Notification,
    Obligation,
    ObligationState,
    Report,
    ReportCount,
    ReportState,
    Role,
    Task,
    TaskState,
)
from support.people import password_hash
from support.work import make_obligation, make_report, make_task, mark_issued

NOW = dt.datetime(2016, 6, 10, 9, 30, tzinfo=dt.UTC)
LATER = NOW + dt.timedelta(days=3)


def another_reporter(code: str = "DU-P-CUKHOI", username: str = "cuong") -> object:
    """A reporter of another ward, made as support.people makes the cast."""
    from django.contrib.auth import get_user_model

    from kehoach.web.models import Unit

    user = get_user_model()(username=username, first_name="Cường", last_name="Vũ Văn")
    user.password = password_hash()
    user.save()
    unit = Unit.objects.get(code=code)
    Membership.objects.create(user=user, unit=unit, scope=unit, role=Role.REPORTER)
    return user


@pytest.fixture
def work(cast, seed_plan):
    plan = mark_issued(seed_plan)
    bode = cast.unit("DU-P-BODE")
    return {
        "plan": plan,
        "obligation": make_obligation(plan, bode),
        "task": make_task(plan, bode, due=dt.date(2016, 2, 4)),
    }


def fresh(row):
    row.refresh_from_db()
    return row


# --- writing and submitting ---------------------------------------------------------------


def test_binh_writes_a_draft_then_submits_it_and_the_obligation_follows(cast, work):
    obligation = work["obligation"]
    report = reporting.start_report(obligation, cast.binh)
    assert (report.version, report.state, report.current) == (1, ReportState.DRAFT, True)
    assert reporting.start_report(obligation, cast.binh) == report  # the same draft again
    reporting.save_report(
        report,
        cast.binh,
        narrative="Đã tổ chức 02 hội nghị quán triệt.",
        counts={("conference", "held"): 2, ("conference", "attendees"): "1.200"},
    )
    assert fresh(obligation).state == ObligationState.PENDING
    reporting.submit_report(report, cast.binh, now=NOW)
    report = fresh(report)
    assert report.state == ReportState.SUBMITTED
    assert (report.submitted_at, report.submitted_by) == (NOW, cast.binh)
    assert reporting.counts_of(report) == {
        ("conference", "held"): 2,
        ("conference", "attendees"): 1200,
    }
    obligation = fresh(obligation)
    assert obligation.state == ObligationState.SUBMITTED
    assert obligation.first_submitted_at == NOW
    assert obligation.on_time is True
    assert reporting.current_report(obligation) == report


def test_the_narrative_is_stored_nfc_and_unfilled_counts_are_removed(cast, work):
    report = reporting.start_report(work["obligation"], cast.binh)
    decomposed = unicodedata.normalize("NFD", "Phường Bồ Đề tổ chức hội nghị.")
    reporting.save_report(
        report, cast.binh, narrative=decomposed, counts={("radio", "broadcasts"): 60}
    )
    assert fresh(report).narrative == unicodedata.normalize("NFC", decomposed)
    reporting.save_report(report, cast.binh, narrative="x", counts={("visual", "banners"): 40})
    assert reporting.counts_of(report) == {("visual", "banners"): 40}


def test_the_department_is_told_of_a_submission_in_the_app_and_by_email(
    cast, work, django_capture_on_commit_callbacks
):
    cast.lan.email = "lan@quanuy.example.vn"
    cast.lan.save()
    report = reporting.start_report(work["obligation"], cast.binh)
    reporting.save_report(report, cast.binh, narrative="Đã thực hiện.", counts={})
    with django_capture_on_commit_callbacks(execute=True):
        reporting.submit_report(report, cast.binh, now=NOW)
    [note] = Notification.objects.filter(user=cast.lan)
    assert "Đảng ủy phường Bồ Đề đã nộp báo cáo 6 tháng đầu năm 2016" in note.text
    assert "17-KH/QU" in note.text
    assert note.url == reverse("kehoach:report-detail", args=[report.pk])
    assert not Notification.objects.filter(user__in=[cast.hung, cast.mai, cast.tuan]).exists()
    [message] = mail.outbox
    assert message.to == ["lan@quanuy.example.vn"]
    assert "Bồ Đề" in message.subject


def test_an_empty_report_cannot_be_submitted(cast, work):
    report = reporting.start_report(work["obligation"], cast.binh)
    with pytest.raises(ValidationError, match="chưa có nội dung"):
        reporting.submit_report(report, cast.binh)
    assert fresh(report).state == ReportState.DRAFT
    assert fresh(work["obligation"]).state == ObligationState.PENDING


# --- review -------------------------------------------------------------------------------


def submitted(cast, work, counts=None, narrative="Đã tổ chức hội nghị.", now=NOW):
    report = reporting.start_report(work["obligation"], cast.binh)
    reporting.save_report(report, cast.binh, narrative=narrative, counts=counts or {})
    return reporting.submit_report(report, cast.binh, now=now)


def test_lan_accepts_and_the_unit_is_told(cast, work):
    report = submitted(cast, work, counts={("press", "articles"): 15})
    reporting.accept_report(report, cast.lan, now=LATER)
    report = fresh(report)
    assert (report.state, report.reviewed_by, report.reviewed_at) == (
        ReportState.ACCEPTED,
        cast.lan,
        LATER,
    )
    obligation = fresh(work["obligation"])
    assert obligation.state == ObligationState.ACCEPTED
    assert obligation.accepted_at == LATER
    [note] = Notification.objects.filter(user=cast.binh)
    assert "đã được chấp nhận" in note.text
    assert list(reporting.latest_accepted()) == [report]


def test_a_return_needs_a_comment_and_the_unit_fixes_and_resubmits_the_same_version(cast, work):
    report = submitted(cast, work)
    for blank in ("", "   ", "\n"):
        with pytest.raises(ValidationError, match="Hãy ghi ý kiến"):
            reporting.return_report(report, cast.lan, blank)
    assert fresh(report).state == ReportState.SUBMITTED
    reporting.return_report(report, cast.lan, "Bổ sung số lượt người dự.", now=LATER)
    report = fresh(report)
    assert report.state == ReportState.RETURNED
    assert report.return_comment == "Bổ sung số lượt người dự."
    assert fresh(work["obligation"]).state == ObligationState.RETURNED
    [note] = Notification.objects.filter(user=cast.binh)
    assert "bị trả lại" in note.text and "Bổ sung số lượt người dự." in note.text
    assert note.url == reverse("kehoach:report-edit", args=[work["obligation"].pk])

    again = reporting.start_report(work["obligation"], cast.binh)
    assert again == report  # a returned report is fixed in place, not versioned
    reporting.save_report(
        again, cast.binh, narrative="Đã bổ sung.", counts={("conference", "attendees"): 300}
    )
    reporting.submit_report(again, cast.binh, now=LATER + dt.timedelta(days=1))
    assert fresh(again).state == ReportState.SUBMITTED
    obligation = fresh(work["obligation"])
    assert obligation.state == ObligationState.SUBMITTED
    assert obligation.first_submitted_at == NOW  # on time is judged on the first submission
    assert Report.objects.count() == 1


def test_a_change_after_acceptance_is_a_new_version_and_the_old_one_is_kept(cast, work):
    report = submitted(cast, work, counts={("visual", "banners"): 40})
    reporting.accept_report(report, cast.lan, now=LATER)

    second = reporting.start_report(work["obligation"], cast.binh)
    assert (second.version, second.state, second.current) == (2, ReportState.DRAFT, True)
    assert second.supersedes == report
    assert second.narrative == report.narrative
    assert reporting.counts_of(second) == {("visual", "banners"): 40}
    first = fresh(report)
    assert (first.state, first.current) == (ReportState.ACCEPTED, False)

    reporting.save_report(
        second, cast.binh, narrative="Sửa số liệu.", counts={("visual", "banners"): 45}
    )
    assert reporting.counts_of(fresh(report)) == {("visual", "banners"): 40}
    # The accepted version stays counted while its correction is drafted, submitted, returned.
    assert list(reporting.latest_accepted()) == [first]
    reporting.submit_report(second, cast.binh, now=LATER)
    assert fresh(work["obligation"]).state == ObligationState.ACCEPTED
    reporting.return_report(second, cast.lan, "Chưa rõ vì sao sửa.", now=LATER)
    assert fresh(work["obligation"]).state == ObligationState.ACCEPTED
    assert list(reporting.latest_accepted()) == [first]
    reporting.save_report(
        second, cast.binh, narrative="Đếm lại: 45.", counts={("visual", "banners"): 45}
    )
    reporting.submit_report(second, cast.binh, now=LATER)
    reporting.accept_report(second, cast.lan, now=LATER + dt.timedelta(days=1))
    assert list(reporting.latest_accepted()) == [fresh(second)]
    assert fresh(work["obligation"]).accepted_at == LATER  # its first acceptance
    assert Report.objects.filter(obligation=work["obligation"]).count() == 2


def test_editing_a_submitted_report_withdraws_it_from_review(cast, work):
    first = submitted(cast, work, narrative="Bản đầu.")
    second = reporting.start_report(work["obligation"], cast.binh)
    assert second.version == 2
    first = fresh(first)
    assert (first.state, first.current) == (ReportState.SUBMITTED, False)
    with pytest.raises(ValidationError, match="phiên bản mới") as caught:
        reporting.accept_report(first, cast.lan)
    assert caught.value.code == "state"
    assert fresh(first).state == ReportState.SUBMITTED
    with pytest.raises(ValidationError, match="phiên bản cũ"):
        reporting.save_report(first, cast.binh, narrative="x", counts={})


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        (ReportState.DRAFT, "accept", "chưa được nộp"),
        (ReportState.DRAFT, "return", "chưa được nộp"),
        (ReportState.ACCEPTED, "accept", "đã được chấp nhận"),
        (ReportState.RETURNED, "return", "đã bị trả lại"),
        (ReportState.SUBMITTED, "submit", "đã được nộp"),
        (ReportState.ACCEPTED, "submit", "không sửa trực tiếp"),
        (ReportState.SUBMITTED, "save", "không sửa trực tiếp"),
        (ReportState.ACCEPTED, "save", "không sửa trực tiếp"),
    ],
)
def test_a_transition_the_state_does_not_allow_is_refused_in_vietnamese(
    cast, work, state, action, message
):
    report = make_report(work["obligation"], cast.binh, state=state)
    before = (report.state, fresh(work["obligation"]).state, AuditEntry.objects.count())
    call = {
        "accept": lambda: reporting.accept_report(report, cast.lan),
        "return": lambda: reporting.return_report(report, cast.lan, "Sửa lại."),
        "submit": lambda: reporting.submit_report(report, cast.binh),
        "save": lambda: reporting.save_report(report, cast.binh, narrative="x", counts={}),
    }[action]
    with pytest.raises(ValidationError, match=message) as caught:
        call()
    assert caught.value.code == "state"
    after = (fresh(report).state, fresh(work["obligation"]).state, AuditEntry.objects.count())
    assert after == before


# --- bad counts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counts", "field", "message"),
    [
        ({("conference", "attendees"): -5}, "conference.attendees", "không được là số âm"),
        ({("conference", "attendees"): "-5"}, "conference.attendees", "không được là số âm"),
        ({("radio", "broadcasts"): 10**12}, "radio.broadcasts", "quá lớn"),
        ({("radio", "broadcasts"): "mười"}, "radio.broadcasts", "không phải là một số nguyên"),
        ({("radio", "broadcasts"): 2.5}, "radio.broadcasts", "phải là một số nguyên"),
        ({("television", "shows"): 3}, "television.shows", "Không có kênh"),
        ({("radio", "attendees"): 3}, "radio.attendees", "không có chỉ tiêu đếm"),
    ],
)
def test_bad_counts_are_refused_by_name_and_nothing_is_written(cast, work, counts, field, message):
    report = reporting.start_report(work["obligation"], cast.binh)
    reporting.save_report(report, cast.binh, narrative="Trước.", counts={("press", "articles"): 3})
    with pytest.raises(ValidationError) as caught:
        reporting.save_report(
            report,
            cast.binh,
            narrative="Sau.",
            counts={("press", "articles"): 4, **counts},
        )
    [text] = caught.value.message_dict[field]
    assert message in text
    assert fresh(report).narrative == "Trước."
    assert reporting.counts_of(report) == {("press", "articles"): 3}


def test_every_bad_count_is_named_at_once(cast, work):
    report = reporting.start_report(work["obligation"], cast.binh)
    with pytest.raises(ValidationError) as caught:
        reporting.save_report(
            report,
            cast.binh,
            narrative="",
            counts={("conference", "held"): -1, ("visual", "posters"): "nhiều"},
        )
    assert set(caught.value.message_dict) == {"conference.held", "visual.posters"}
    assert "Số hội nghị" in caught.value.message_dict["conference.held"][0]


# --- who may ------------------------------------------------------------------------------


def test_binh_cannot_accept_or_return_his_own_report(cast, work):
    report = submitted(cast, work)
    with pytest.raises(PermissionDenied):
        reporting.accept_report(report, cast.binh)
    with pytest.raises(PermissionDenied):
        reporting.return_report(report, cast.binh, "Tự trả lại.")
    assert fresh(report).state == ReportState.SUBMITTED


def test_another_wards_reporter_can_neither_write_nor_submit_for_bo_de(cast, work):
    cuong = another_reporter()
    with pytest.raises(PermissionDenied):
        reporting.start_report(work["obligation"], cuong)
    report = reporting.start_report(work["obligation"], cast.binh)
    with pytest.raises(PermissionDenied):
        reporting.save_report(report, cuong, narrative="Chen vào.", counts={})
    with pytest.raises(PermissionDenied):
        reporting.submit_report(report, cuong)
    with pytest.raises(PermissionDenied):
        reporting.complete_task(work["task"], cuong)
    assert fresh(report).narrative == ""


@pytest.mark.parametrize("who", ["hung", "mai", "tuan"])
def test_leaders_viewers_and_other_units_change_nothing(cast, work, who):
    person = getattr(cast, who)
    report = submitted(cast, work)
    draft_obligation = make_obligation(
        work["plan"], cast.unit("DU-P-BODE"), start=dt.date(2016, 7, 1), end=dt.date(2016, 12, 31)
    )
    before = AuditEntry.objects.count()
    attempts = [
        lambda: reporting.start_report(draft_obligation, person),
        lambda: reporting.save_report(report, person, narrative="x", counts={}),
        lambda: reporting.submit_report(report, person),
        lambda: reporting.accept_report(report, person),
        lambda: reporting.return_report(report, person, "Không đạt."),
        lambda: reporting.complete_task(work["task"], person),
        lambda: evidence.add_link(report, person, "https://example.org/"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert AuditEntry.objects.count() == before
    assert fresh(report).state == ReportState.SUBMITTED
    assert not Report.objects.filter(obligation=draft_obligation).exists()


def test_the_department_reviews_but_does_not_write_a_wards_report(cast, work):
    assert not reporting.may_write(cast.lan, cast.unit("DU-P-BODE"))
    with pytest.raises(PermissionDenied):
        reporting.start_report(work["obligation"], cast.lan)
    # The department writes its own unit's reports.
    own = make_obligation(work["plan"], cast.unit("BTG-QU-LB"))
    assert reporting.start_report(own, cast.lan).unit == cast.unit("BTG-QU-LB")


# --- tasks --------------------------------------------------------------------------------


def test_binh_marks_a_task_done_with_a_note_and_reopens_it(cast, work):
    task = reporting.complete_task(work["task"], cast.binh, "Đã quán triệt tại 12 chi bộ.", now=NOW)
    assert (task.state, task.done_at, task.done_by) == (TaskState.DONE, NOW, cast.binh)
    assert fresh(work["task"]).note == "Đã quán triệt tại 12 chi bộ."
    with pytest.raises(ValidationError, match="đã được đánh dấu hoàn thành"):
        reporting.complete_task(work["task"], cast.binh)
    task = reporting.reopen_task(work["task"], cast.binh, "Còn 2 chi bộ chưa quán triệt.")
    assert (task.state, task.done_at, task.done_by) == (TaskState.OPEN, None, None)
    with pytest.raises(ValidationError, match="chưa được đánh dấu hoàn thành"):
        reporting.reopen_task(work["task"], cast.binh)
    entries = AuditEntry.objects.filter(
        model="kehoach.Task", object_id=str(task.pk), action="update"
    )
    assert [e.after["state"] for e in entries.order_by("pk")] == ["done", "open"]
    assert {e.actor for e in entries} == {cast.binh}


def test_the_report_changes_are_audited_with_the_person_who_made_them(cast, work):
    report = submitted(cast, work, counts={("meeting", "sessions"): 12})
    reporting.accept_report(report, cast.lan, now=LATER)
    created = AuditEntry.objects.get(model="kehoach.Report", action="create")
    assert created.actor == cast.binh and created.unit == cast.unit("DU-P-BODE")
    count = AuditEntry.objects.get(model="kehoach.ReportCount", action="create")
    assert count.after["value"] == 12 and count.actor == cast.binh
    accepted = (
        AuditEntry.objects.filter(model="kehoach.Report", action="update").order_by("pk").last()
    )
    assert accepted.actor == cast.lan and accepted.after["state"] == "accepted"
    assert AuditEntry.objects.filter(model="kehoach.Obligation", actor=cast.lan).exists()


# --- states in the inbox, with a controlled today --------------------------------------------


@pytest.mark.parametrize(
    ("due", "key", "label"),
    [
        (dt.date(2016, 6, 1), "overdue", "Quá hạn 9 ngày"),
        (dt.date(2016, 6, 10), "due-soon", "Đến hạn hôm nay"),
        (dt.date(2016, 6, 17), "due-soon", "Còn 7 ngày"),
        (dt.date(2016, 6, 18), "open", "Đang thực hiện"),
        (None, "open", "Đang thực hiện"),
    ],
)
def test_a_tasks_status_depends_on_today(cast, work, due, key, label):
    task = Task(due_date=due, state=TaskState.OPEN)
    status = reporting.task_status(task, dt.date(2016, 6, 10))
    assert (status.key, status.label) == (key, label)
    done = Task(due_date=due, state=TaskState.DONE)
    assert reporting.task_status(done, dt.date(2016, 6, 10)).key == "done"


def test_an_obligations_status_follows_its_state_before_its_due_date():
    today = dt.date(2016, 7, 1)
    late = dt.date(2016, 6, 15)
    assert reporting.obligation_status(Obligation(due_date=late), today).key == "overdue"
    for state, key in [
        (ObligationState.SUBMITTED, "submitted"),
        (ObligationState.ACCEPTED, "accepted"),
        (ObligationState.RETURNED, "returned"),
    ]:
        assert reporting.obligation_status(Obligation(due_date=late, state=state), today).key == key


# --- evidence -----------------------------------------------------------------------------


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xa4\x16\x1a")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + b"\x00" * 64
        + b"\xff\xd9"
    )


def webp_bytes() -> bytes:
    body = b"WEBPVP8L" + struct.pack("<I", 5) + b"\x2f\x00\x00\x00\x00\x00"
    return b"RIFF" + struct.pack("<I", len(body)) + body


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Báo cáo kết quả hội nghị quán triệt.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["Hội nghị", 2])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "name", "content_type", "stored"),
    [
        (jpeg_bytes, "Hội nghị.jpg", "image/jpeg", "Hội nghị.jpg"),
        (png_bytes, "pano.PNG", "image/png", "pano.png"),
        (webp_bytes, "bang-ron.webp", "image/webp", "bang-ron.webp"),
        (pdf_bytes, "bao-cao.pdf", "application/pdf", "bao-cao.pdf"),
        (docx_bytes, "bao-cao.docx", evidence.KINDS["docx"][0], "bao-cao.docx"),
        (xlsx_bytes, "so-lieu.xlsx", evidence.KINDS["xlsx"][0], "so-lieu.xlsx"),
        (png_bytes, "anh-chup", "image/png", "anh-chup.png"),
        (jpeg_bytes, "anh.pdf", "image/jpeg", "anh.jpg"),
    ],
)
def test_photos_and_documents_are_accepted_by_content_named_by_what_they_are(
    cast, work, make, name, content_type, stored
):
    report = reporting.start_report(work["obligation"], cast.binh)
    data = make()
    row = evidence.add_file(report, cast.binh, data, name)
    assert (row.kind, row.content_type, row.name, row.size) == (
        "file",
        content_type,
        stored,
        len(data),
    )
    assert bytes(row.content) == data and row.sha256 == hashlib.sha256(data).hexdigest()


def test_an_xlsx_evidence_file_reads_back_as_the_same_workbook(cast, work):
    report = reporting.start_report(work["obligation"], cast.binh)
    row = evidence.add_file(report, cast.binh, xlsx_bytes(), "so-lieu.xlsx")
    sheet = load_workbook(io.BytesIO(bytes(fresh(row).content))).active
    assert [c.value for c in sheet[1]] == ["Hội nghị", 2]


def zip_of(names: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in names.items():
            package.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200, "anh-hoi-nghi.jpg"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "bao-cao.pdf"),
        (b"<html><body><script>alert(1)</script></body></html>", "anh.png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "logo.svg"),
        (zip_of({"a.txt": b"x"}), "bao-cao.docx"),
        (zip_of({"[Content_Types].xml": b"<x/>", "ppt/presentation.xml": b"<x/>"}), "a.pptx"),
        (b"PK\x03\x04broken", "bao-cao.xlsx"),
        (b"Van ban thuong", "ghi-chu.txt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "cu.doc"),
    ],
)
def test_files_that_are_not_photos_or_documents_are_refused_whatever_their_name(
    cast, work, data, name
):
    report = reporting.start_report(work["obligation"], cast.binh)
    with pytest.raises(ValidationError, match="kiểm tra theo nội dung tệp"):
        evidence.add_file(report, cast.binh, data, name)
    assert not Evidence.objects.exists()


def test_empty_and_oversized_files_are_refused(cast, work, settings):
    report = reporting.start_report(work["obligation"], cast.binh)
    with pytest.raises(ValidationError, match="rỗng"):
        evidence.add_file(report, cast.binh, b"", "anh.jpg")
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    assert evidence.max_bytes() == 1024 * 1024
    big = jpeg_bytes() + b"\x00" * (1024 * 1024)
    with pytest.raises(ValidationError, match=r"quá lớn \(1\.0 MB\); giới hạn là 1 MB"):
        evidence.add_file(report, cast.binh, big, "anh.jpg")
    assert not Evidence.objects.exists()


def test_file_names_are_cleaned_to_nfc_without_paths_or_control_characters():
    name = unicodedata.normalize("NFD", "../../Ảnh hội nghị\x00<1>.exe")
    cleaned = evidence.safe_name(name, "png")
    assert cleaned == "Ảnh hội nghị_1_.png"
    assert unicodedata.is_normalized("NFC", cleaned)
    assert evidence.safe_name("C:\\Users\\binh\\anh.jpg", "jpeg") == "anh.jpg"
    assert evidence.safe_name("...", "pdf") == "bang-chung.pdf"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/a.jpg",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "bao-cao.html",
        "https://",
        "https://example.org/" + "a" * 1000,
    ],
)
def test_only_http_and_https_links_are_accepted(cast, work, url):
    report = reporting.start_report(work["obligation"], cast.binh)
    with pytest.raises(ValidationError, match="Đường dẫn"):
        evidence.add_link(report, cast.binh, url)
    assert not Evidence.objects.exists()


def test_a_link_is_kept_with_its_title(cast, work):
    report = reporting.start_report(work["obligation"], cast.binh)
    row = evidence.add_link(
        report, cast.binh, " https://bode.longbien.gov.vn/tin-tuc/hoi-nghi ", "Tin trên cổng"
    )
    assert (row.kind, row.url, row.name) == (
        "link",
        "https://bode.longbien.gov.vn/tin-tuc/hoi-nghi",
        "Tin trên cổng",
    )


def test_evidence_goes_with_a_new_version_and_stays_with_the_old(cast, work):
    report = reporting.start_report(work["obligation"], cast.binh)
    evidence.add_link(report, cast.binh, "https://example.org/tin")
    evidence.add_file(report, cast.binh, png_bytes(), "pano.png")
    reporting.save_report(report, cast.binh, narrative="Có ảnh.", counts={})
    reporting.submit_report(report, cast.binh, now=NOW)
    with pytest.raises(ValidationError, match="không sửa trực tiếp"):
        evidence.add_link(report, cast.binh, "https://example.org/khac")
    reporting.accept_report(report, cast.lan, now=LATER)
    second = reporting.start_report(work["obligation"], cast.binh)
    copied = list(second.evidence.order_by("pk"))
    assert [(e.kind, e.name) for e in copied] == [
        ("link", "https://example.org/tin"),
        ("file", "pano.png"),
    ]
    assert bytes(copied[1].content) == png_bytes()
    evidence.remove(copied[1], cast.binh)
    assert report.evidence.count() == 2 and second.evidence.count() == 1
    assert ReportCount.objects.count() == 0
