"""Garbage in the forms of issued work gets a message, never a server error, and changes
nothing: impossible dates, numbers out of range, units that do not exist, counts that are
not counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import client_for
from kehoach.web.models import AuditEntry, Issuance, Report, ReportCount, Task
from support.work import make_obligation, mark_issued

ISSUE_INPUTS = [
    {"issued_on": "31/02/2016"},
    {"issued_on": "2016-13-45"},
    {"issued_on": "hôm qua"},
    {"runs_until": "01/01/1900"},
    {"issued_on": "30/12/2015", "runs_until": "01/12/2015"},
    {"number": "abc"},
    {"number": "0"},
    {"number": "99999999999999999999"},
    {"due_day": "40"},
    {"due_day": "-1"},
    {"unit-0": "999999"},
    {"unit-0": "<script>"},
    {"unit-1": ["1", "x"]},
]


@pytest.mark.parametrize(
    "bad", ISSUE_INPUTS, ids=lambda d: ",".join(f"{k}={v}" for k, v in d.items())
)
def test_issuing_with_bad_values_explains_and_issues_nothing(cast, seed_plan, bad):
    url = reverse("kehoach:plan-issue", args=[seed_plan.pk])
    answer = client_for(cast.lan).post(url, {"action": "issue", **bad})
    assert answer.status_code in (200, 400), answer.status_code
    page = answer.content.decode()
    assert 'class="msg msg-error"' in page or "aria-invalid" in page or "error" in page
    assert not Issuance.objects.filter(plan=seed_plan).exists()
    assert not Task.objects.filter(plan=seed_plan).exists()


COUNT_INPUTS = ["-5", "1e9", "abc", "99999999999", "3.5", "１２", "<b>1</b>"]


@pytest.mark.parametrize("value", COUNT_INPUTS)
def test_a_count_that_is_not_a_count_is_refused_and_kept_as_typed(cast, seed_plan, value):
    plan = mark_issued(seed_plan)
    duty = make_obligation(plan, cast.unit("DU-P-BODE"))
    url = reverse("kehoach:report-edit", args=[duty.pk])
    before = AuditEntry.objects.count()
    answer = client_for(cast.binh).post(
        url,
        {"action": "submit", "narrative": "Nội dung", "c-conference-attendees": value},
    )
    if value == "１２":  # full-width digits are still twelve: accepted as 12
        assert answer.status_code in (200, 302)
        assert ReportCount.objects.filter(value=12).exists()
        return
    assert answer.status_code == 400, answer.status_code
    page = answer.content.decode()
    assert 'aria-invalid="true"' in page
    # What was typed comes back in the field (escaped), so nothing typed is lost.
    shown = value.replace("<", "&lt;").replace(">", "&gt;")
    assert f'value="{shown}"' in page
    assert not Report.objects.filter(obligation=duty, state="submitted").exists()
    assert not ReportCount.objects.exists()
    assert AuditEntry.objects.count() >= before  # a draft may exist, nothing was submitted


def test_a_link_that_is_not_http_is_refused(cast, seed_plan):
    plan = mark_issued(seed_plan)
    duty = make_obligation(plan, cast.unit("DU-P-BODE"))
    url = reverse("kehoach:report-edit", args=[duty.pk])
    for link in ("javascript:alert(1)", "file:///etc/passwd", "ftp://x", "không phải link"):
        answer = client_for(cast.binh).post(
            url, {"action": "save", "narrative": "x", "link_url": link, "link_title": "a"}
        )
        assert answer.status_code == 400, link
    assert not Report.objects.filter(obligation=duty, evidence__isnull=False).exists()
