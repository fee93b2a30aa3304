"""The API of units at work: tasks and obligations per unit, reports written, submitted,
accepted and returned, evidence; the pages' access rules; Vietnamese errors."""

from __future__ import annotations

import datetime as dt
import struct
import zlib

import pytest
from django.contrib.auth import get_user_model

from kehoach.web.models import (
    AuditEntry,
    Evidence,
    Membership,
    ObligationState,
    Report,
    ReportState,
    Role,
    Task,
    TaskState,
    Unit,
)
from support.api import Api
from support.people import password_hash
from support.work import make_obligation, make_report, make_task, mark_issued


def another_reporter(code: str = "DU-P-CUKHOI", username: str = "cuong") -> object:
    user = get_user_model()(username=username, first_name="Cường", last_name="Vũ Văn")
    user.password = password_hash()
    user.save()
    unit = Unit.objects.get(code=code)
    Membership.objects.create(user=user, unit=unit, scope=unit, role=Role.REPORTER)
    return user


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
def work(cast, seed_plan):
    plan = mark_issued(seed_plan)
    bode = cast.unit("DU-P-BODE")
    return {
        "plan": plan,
        "obligation": make_obligation(plan, bode),
        "task": make_task(plan, bode, due=dt.date(2016, 2, 4)),
        "later": make_task(plan, bode, "Tổng kết.", due=dt.date(2016, 12, 1)),
    }


def test_the_measures_are_listed_with_their_vietnamese_labels(cast):
    rows = Api(cast.binh).get("/measures").json()
    attendees = next(r for r in rows if r["code"] == "conference.attendees")
    assert attendees == {
        "channel": "conference",
        "channel_label": "Hội nghị, hội thảo, hội nghị báo cáo viên",
        "key": "attendees",
        "code": "conference.attendees",
        "label": "Lượt người dự",
        "unit_label": "lượt người",
    }
    assert rows[0]["channel"] == "portal"


def test_a_units_tasks_and_obligations_are_listed_by_due_date(cast, work):
    api = Api(cast.binh)
    tasks = api.get("/units/DU-P-BODE/tasks").json()
    assert [t["id"] for t in tasks] == [work["task"].pk, work["later"].pk]
    assert tasks[0]["plan_reference"] == "17-KH/QU" and tasks[0]["unit"] == "DU-P-BODE"
    assert tasks[0]["status"] == "overdue" and tasks[0]["status_label"].startswith("Quá hạn")
    Task.objects.filter(pk=work["later"].pk).update(state=TaskState.DONE)
    assert [t["id"] for t in api.get("/units/DU-P-BODE/tasks", state="open").json()] == [
        work["task"].pk
    ]
    assert [t["id"] for t in api.get("/units/DU-P-BODE/tasks", state="done").json()] == [
        work["later"].pk
    ]
    [duty] = api.get("/units/DU-P-BODE/obligations").json()
    assert (duty["label"], duty["state"], duty["due_date"]) == (
        "6 tháng đầu năm 2016",
        "pending",
        "2016-06-15",
    )
    assert api.get("/units/DU-P-BODE/obligations", state="accepted").json() == []
    assert api.get("/units/DU-P-BODE/obligations", state="bogus").status_code == 422


def test_another_unit_cannot_list_bo_des_work(cast, work):
    for person in (cast.tuan, another_reporter()):
        api = Api(person)
        assert api.get("/units/DU-P-BODE/tasks").status_code == 404
        assert api.get("/units/DU-P-BODE/obligations").status_code == 404
        assert api.get(f"/tasks/{work['task'].pk}").status_code == 404
        assert api.get(f"/obligations/{work['obligation'].pk}").status_code == 404
    assert Api(cast.binh).get("/units/KHONG-CO/tasks").json() == {"detail": "Không tìm thấy."}


def test_a_report_is_started_written_submitted_and_accepted(cast, work):
    binh, lan = Api(cast.binh), Api(cast.lan)
    duty = work["obligation"].pk
    started = binh.post(f"/obligations/{duty}/reports")
    assert started.status_code == 201
    report = started.json()
    assert (report["version"], report["state"], report["unit"]) == (1, "draft", "DU-P-BODE")
    again = binh.post(f"/obligations/{duty}/reports")
    assert (again.status_code, again.json()["id"]) == (200, report["id"])
    patched = binh.patch(
        f"/reports/{report['id']}",
        {
            "narrative": "Đã tổ chức 02 hội nghị.",
            "counts": [
                {"channel": "conference", "measure": "held", "value": 2},
                {"channel": "conference", "measure": "attendees", "value": 350},
            ],
        },
    )
    assert patched.status_code == 200, patched.json()
    assert patched.json()["counts"][1] == {
        "channel": "conference",
        "measure": "attendees",
        "value": 350,
    }
    only_text = binh.patch(
        f"/reports/{report['id']}", {"narrative": "Đã tổ chức 02 hội nghị, 350 lượt."}
    )
    assert len(only_text.json()["counts"]) == 2  # counts not sent are kept
    assert lan.get(f"/reports/{report['id']}").status_code == 404  # a draft is the ward's
    submitted = binh.post(f"/reports/{report['id']}/submit")
    assert submitted.json()["state"] == "submitted"
    assert binh.post(f"/reports/{report['id']}/submit").status_code == 409
    accepted = lan.post(f"/reports/{report['id']}/accept")
    assert accepted.status_code == 200 and accepted.json()["state"] == "accepted"
    duty_now = binh.get(f"/obligations/{duty}").json()
    assert duty_now["state"] == "accepted" and duty_now["status"] == "accepted"
    assert [r["id"] for r in duty_now["reports"]] == [report["id"]]
    entry = AuditEntry.objects.filter(model="kehoach.Report", action="update").order_by("pk").last()
    assert entry.actor == cast.lan


def test_a_change_after_acceptance_is_a_new_version_through_the_api(cast, work):
    old = make_report(
        work["obligation"],
        cast.binh,
        state=ReportState.ACCEPTED,
        counts={("radio", "broadcasts"): 60},
    )
    api = Api(cast.binh)
    assert api.patch(f"/reports/{old.pk}", {"narrative": "Sửa."}).status_code == 409
    started = api.post(f"/obligations/{work['obligation'].pk}/reports")
    assert started.status_code == 201
    new = started.json()
    assert (new["version"], new["supersedes"], new["state"]) == (2, old.pk, "draft")
    assert new["counts"] == [{"channel": "radio", "measure": "broadcasts", "value": 60}]
    assert Api(cast.binh).get(f"/reports/{old.pk}").json()["current"] is False


def test_a_return_needs_a_comment(cast, work):
    report = make_report(work["obligation"], cast.binh, state=ReportState.SUBMITTED)
    lan = Api(cast.lan)
    response = lan.post(f"/reports/{report.pk}/return", {"comment": " "})
    assert response.status_code == 422
    assert "Hãy ghi ý kiến" in response.json()["detail"]
    assert lan.post(f"/reports/{report.pk}/return", {}).status_code == 422
    returned = lan.post(f"/reports/{report.pk}/return", {"comment": "Thiếu số liệu."})
    assert returned.json()["return_comment"] == "Thiếu số liệu."
    work["obligation"].refresh_from_db()
    assert work["obligation"].state == ObligationState.RETURNED


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ([{"channel": "conference", "measure": "attendees", "value": -1}], "không được là số âm"),
        ([{"channel": "radio", "measure": "broadcasts", "value": 10**9}], "quá lớn"),
        ([{"channel": "tv", "measure": "shows", "value": 1}], "Không có kênh tuyên truyền"),
        ([{"channel": "radio", "measure": "views", "value": 1}], "không có chỉ tiêu đếm"),
        (
            [
                {"channel": "radio", "measure": "broadcasts", "value": 1},
                {"channel": "radio", "measure": "broadcasts", "value": 2},
            ],
            "được gửi hai lần",
        ),
        (
            [{"channel": "radio", "measure": "broadcasts", "value": "mười"}],
            "Dữ liệu gửi lên không hợp lệ",
        ),
    ],
)
def test_bad_counts_are_refused_with_422_and_nothing_changes(cast, work, counts, message):
    report = make_report(
        work["obligation"], cast.binh, state=ReportState.DRAFT, counts={("radio", "broadcasts"): 5}
    )
    response = Api(cast.binh).patch(
        f"/reports/{report.pk}", {"narrative": "Mới.", "counts": counts}
    )
    assert response.status_code == 422
    assert message in response.json()["detail"]
    report.refresh_from_db()
    assert report.narrative == "Đã tổ chức hội nghị quán triệt."
    assert list(report.counts.values_list("value", flat=True)) == [5]


@pytest.mark.parametrize("who", ["hung", "mai"])
def test_leaders_and_viewers_read_but_every_change_is_refused(cast, work, who):
    report = make_report(work["obligation"], cast.binh, state=ReportState.SUBMITTED)
    api = Api(getattr(cast, who))
    assert api.get(f"/reports/{report.pk}").status_code == 200
    assert api.get("/units/DU-P-BODE/tasks").status_code == 200
    before = AuditEntry.objects.count()
    for response in (
        api.post(f"/reports/{report.pk}/accept"),
        api.post(f"/reports/{report.pk}/return", {"comment": "Không đạt."}),
        api.post(f"/reports/{report.pk}/submit"),
        api.patch(f"/reports/{report.pk}", {"narrative": "x"}),
        api.post(f"/obligations/{work['obligation'].pk}/reports"),
        api.post(f"/tasks/{work['task'].pk}/complete", {"note": "x"}),
        api.post(f"/reports/{report.pk}/evidence/link", {"url": "https://example.org/"}),
    ):
        assert response.status_code == 403, response.json()
        assert response.json()["detail"]
    assert AuditEntry.objects.count() == before
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_binh_cannot_accept_and_another_ward_cannot_even_see(cast, work):
    report = make_report(work["obligation"], cast.binh, state=ReportState.SUBMITTED)
    refused = Api(cast.binh).post(f"/reports/{report.pk}/accept")
    assert refused.status_code == 403
    assert "duyệt" in refused.json()["detail"]
    cuong = Api(another_reporter())
    assert cuong.get(f"/reports/{report.pk}").status_code == 404
    assert cuong.post(f"/reports/{report.pk}/accept").status_code == 404
    assert Api(cast.tuan).post(f"/reports/{report.pk}/accept").status_code == 404
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_task_is_completed_and_reopened(cast, work):
    api = Api(cast.binh)
    done = api.post(f"/tasks/{work['task'].pk}/complete", {"note": "Đã quán triệt."})
    assert done.status_code == 200
    assert (done.json()["state"], done.json()["status"], done.json()["note"]) == (
        "done",
        "done",
        "Đã quán triệt.",
    )
    assert api.post(f"/tasks/{work['task'].pk}/complete").status_code == 409
    reopened = api.post(f"/tasks/{work['task'].pk}/reopen", {"note": "Còn việc."})
    assert reopened.json()["state"] == "open"


def test_evidence_is_checked_by_content_and_downloaded_as_an_attachment(cast, work):
    report = make_report(work["obligation"], cast.binh, state=ReportState.DRAFT)
    api = Api(cast.binh)
    refused = api.post_file(f"/reports/{report.pk}/evidence/file", "anh.jpg", b"MZ" + b"\x00" * 500)
    assert refused.status_code == 422
    assert "kiểm tra theo nội dung tệp" in refused.json()["detail"]
    created = api.post_file(f"/reports/{report.pk}/evidence/file", "pano.jpg", png_bytes())
    assert created.status_code == 201
    row = created.json()
    assert (row["name"], row["content_type"], row["size"]) == (
        "pano.png",
        "image/png",
        len(png_bytes()),
    )
    download = api.client.get(row["url"], headers=api.headers)
    assert download.status_code == 200 and download.content == png_bytes()
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    bad_link = api.post(f"/reports/{report.pk}/evidence/link", {"url": "javascript:alert(1)"})
    assert bad_link.status_code == 422
    link = api.post(
        f"/reports/{report.pk}/evidence/link", {"url": "https://example.org/tin", "title": "Tin"}
    )
    assert link.status_code == 201 and link.json()["url"] == "https://example.org/tin"
    assert Api(cast.lan).client.get(row["url"], headers=Api(cast.lan).headers).status_code == 404
    assert api.delete(f"/evidence/{row['id']}").status_code == 204
    assert list(Evidence.objects.values_list("kind", flat=True)) == ["link"]


def test_the_endpoints_are_in_the_openapi_document(cast):
    paths = Api(cast.binh).get("/openapi.json").json()["paths"]
    for path in (
        "/api/units/{code}/tasks",
        "/api/units/{code}/obligations",
        "/api/tasks/{task_id}/complete",
        "/api/obligations/{obligation_id}",
        "/api/obligations/{obligation_id}/reports",
        "/api/reports/{report_id}",
        "/api/reports/{report_id}/submit",
        "/api/reports/{report_id}/accept",
        "/api/reports/{report_id}/return",
        "/api/measures",
    ):
        assert path in paths, path
    assert "patch" in paths["/api/reports/{report_id}"]
    assert Report.objects.count() == 0
