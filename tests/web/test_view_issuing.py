"""The issuing page and the outgoing register page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import SEEDS, client_for
from kehoach.document import parse_bytes
from kehoach.web import issuing, library
from kehoach.web.models import (
    AuditEntry,
    Issuance,
    Notification,
    Obligation,
    Plan,
    PlanStatus,
    RegisterStart,
    Task,
    Unit,
)

REGISTER = reverse("kehoach:register")


def filed(owner: Unit, seed: str = "001") -> Plan:
    path = sorted(SEEDS.glob(f"{seed}_*.txt"))[0]
    row = Plan(owner=owner, status=PlanStatus.SAVED, source_text=path.read_text(encoding="utf-8"))
    library.apply_core(row, parse_bytes(path.read_bytes(), name=path.name))
    row.save()
    return row


def issue_url(plan: Plan) -> str:
    return reverse("kehoach:plan-issue", args=[plan.pk])


def written() -> tuple[int, ...]:
    return (
        Issuance.objects.count(),
        Task.objects.count(),
        Obligation.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.count(),
    )


def form_of(page, **changes: object) -> dict[str, object]:
    """What the browser posts back when the officer presses "Ban hành" unchanged."""
    proposal = page.context["proposal"]
    form: dict[str, object] = {
        "number": "",
        "issued_on": proposal.issued_on.isoformat(),
        "runs_until": proposal.runs_until.isoformat(),
        "due_day": str(proposal.due_day),
        "action": "issue",
    }
    for a in proposal.assignments:
        if a.method in ("exact", "alias", "group"):
            form[f"listed-{a.index}"] = "1"
            form[f"unit-{a.index}"] = [str(u.pk) for u in a.units]
    form.update(changes)
    return form


def test_the_officer_sees_the_number_the_units_the_tasks_and_the_reports_before_issuing(
    cast, seed_plan
):
    response = client_for(cast.lan).get(issue_url(seed_plan), {"issued_on": "2015-12-29"})
    assert response.status_code == 200
    page = response.content.decode()
    proposal = response.context["proposal"]
    assert proposal.number == 1
    assert (proposal.issued_on, proposal.runs_until) == (dt.date(2015, 12, 29), dt.date(2016, 2, 4))
    assert 'value="2015-12-29"' in page
    assert 'id="next-number">01<' in page
    assert "Ban Tuyên giáo Quận ủy" in page and "UBND quận Long Biên" in page
    assert "Đảng ủy phường Bồ Đề" in page
    assert "nhóm đơn vị" in page and "khớp đúng tên" in page
    assert 'id="issue-obligations"' in page and "04/02/2016" in page
    assert 'class="table-wrap"' in page, "the wide table scrolls on a phone"
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'value="issue"' in page
    assert written() == (0, 0, 0, 0, AuditEntry.objects.count())


def test_issuing_from_the_page_redirects_to_the_plan_with_a_success_message(cast, seed_plan):
    client = client_for(cast.lan)
    page = client.get(issue_url(seed_plan))
    form = form_of(page, issued_on="2015-12-29")
    response = client.post(issue_url(seed_plan), form, follow=True)
    assert response.redirect_chain[-1][0] == reverse("kehoach:plan-detail", args=[seed_plan.pk])
    text = response.content.decode()
    assert "Đã ban hành 01-KH/QU ngày 29/12/2015" in text
    assert "37 nhiệm vụ và 16 kỳ báo cáo" in text
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.ISSUED
    assert Task.objects.filter(plan=seed_plan).count() == 37
    assert Issuance.objects.get(plan=seed_plan).issued_by == cast.lan
    # Opening the page again says it is done.
    again = client.get(issue_url(seed_plan), follow=True)
    assert "đã được ban hành" in again.content.decode()


def test_the_dates_and_the_due_day_change_the_proposal_without_issuing(cast):
    plan = filed(cast.unit("QU-LB"), "000")
    client = client_for(cast.lan)
    page = client.get(issue_url(plan))
    form = form_of(
        page, action="preview", issued_on="03/11/2023", runs_until="2024-12-31", due_day="20"
    )
    response = client.post(issue_url(plan), form)
    assert response.status_code == 200
    proposal = response.context["proposal"]
    assert proposal.issued_on == dt.date(2023, 11, 3)
    assert [(o.label, o.due) for o in proposal.obligations][-1] == (
        "Năm 2024",
        dt.date(2024, 12, 20),
    )
    assert Issuance.objects.count() == 0
    assert "20/12/2024" in response.content.decode()


def test_unchecking_a_unit_leaves_it_out(cast, seed_plan):
    client = client_for(cast.lan)
    page = client.get(issue_url(seed_plan))
    proposal = page.context["proposal"]
    grassroots = proposal.assignments[4]
    bode = cast.unit("DU-P-BODE")
    kept = [str(u.pk) for u in grassroots.units if u != bode]
    form = form_of(page, issued_on="2015-12-29", **{"unit-4": kept})
    client.post(issue_url(seed_plan), form)
    assert not Task.objects.filter(plan=seed_plan, unit=bode).exists()
    assert not Obligation.objects.filter(plan=seed_plan, unit=bode).exists()
    assert Task.objects.filter(plan=seed_plan, assignment_index=4).count() == 15


def test_guessed_units_are_asked_for_and_issuing_waits_for_an_answer(cast):
    plan = filed(cast.unit("QU-LB"), "004")
    client = client_for(cast.lan)
    page = client.get(issue_url(plan), {"issued_on": "2023-08-01"})
    html = page.content.decode()
    proposal = page.context["proposal"]
    unsure = proposal.unconfirmed
    assert unsure
    assert 'id="unconfirmed"' in html
    missing = next(a for a in unsure if a.method == "none")
    assert f'<select name="unit-{missing.index}"' in html, "a unit picker for a name not found"
    assert "Bỏ qua, không giao" in html
    before = written()
    refused = client.post(issue_url(plan), form_of(page))
    assert refused.status_code == 422
    message = refused.context["error"]
    assert all(a.name in message for a in unsure)
    assert written() == before

    ttbdct = cast.unit("TTBDCT-LB")
    answers = {f"unit-{a.index}": "skip" for a in unsure}
    answers[f"unit-{missing.index}"] = str(ttbdct.pk)
    done = client.post(issue_url(plan), form_of(page, **answers))
    assert done.status_code == 302
    tasks = Task.objects.filter(plan=plan)
    assert set(tasks.filter(assignment_index=missing.index).values_list("unit", flat=True)) == {
        ttbdct.pk
    }
    skipped = [a.index for a in unsure if a is not missing]
    assert not tasks.filter(assignment_index__in=skipped).exists()


def test_a_taken_number_typed_by_hand_is_refused_on_the_page(cast):
    qu = cast.unit("QU-LB")
    issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 5))
    plan = filed(qu)
    client = client_for(cast.lan)
    page = client.get(issue_url(plan))
    before = written()
    response = client.post(issue_url(plan), form_of(page, number="1", issued_on="2016-02-01"))
    assert response.status_code == 409
    assert "Số 1 đã được cấp" in response.context["error"]
    assert 'id="issue-error"' in response.content.decode()
    assert written() == before
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SAVED


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("issued_on", "31/02/2016", "Ngày ban hành không hợp lệ"),
        ("runs_until", "2015-01-01", "không được trước ngày ban hành"),
        ("due_day", "31", "từ 1 đến 28"),
        ("number", "abc", "Số văn bản phải là số nguyên"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_issued(cast, seed_plan, field, value, words):
    client = client_for(cast.lan)
    page = client.get(issue_url(seed_plan))
    before = written()
    response = client.post(
        issue_url(seed_plan), form_of(page, **{"issued_on": "2015-12-29", field: value})
    )
    assert response.status_code == 400
    assert words in response.context["error"]
    assert written() == before


@pytest.mark.parametrize("who", ["hung", "mai", "binh", "tuan"])
def test_only_an_administrator_who_may_change_the_plan_can_issue_it(cast, seed_plan, who):
    client = client_for(getattr(cast, who))
    url = issue_url(seed_plan)
    assert client.get(url).status_code == 404
    lan_page = client_for(cast.lan).get(url)
    before = written()
    assert client.post(url, form_of(lan_page)).status_code == 404
    assert written() == before
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.REVIEW


def test_an_anonymous_visitor_is_sent_to_log_in(cast, seed_plan):
    from django.test import Client

    response = Client().get(issue_url(seed_plan))
    assert response.status_code == 302
    assert reverse("kehoach:login") in response["Location"]


# --- the register ---------------------------------------------------------------------------


def test_the_register_lists_issued_numbers_and_filters_by_year_and_type(cast):
    qu = cast.unit("QU-LB")
    first = issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 5))
    issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 6))
    later = issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2017, 2, 1))
    client = client_for(cast.lan)
    page = client.get(REGISTER)
    html = page.content.decode()
    assert page.status_code == 200
    assert [r.number for r in page.context["rows"]] == [1, 2, 1]
    assert "01-KH/QU" in html and "02-KH/QU" in html
    assert "05/01/2016" in html and "01/02/2017" in html
    assert reverse("kehoach:plan-detail", args=[first.plan_id]) in html
    only_2017 = client.get(REGISTER, {"year": "2017"}).context["rows"]
    assert [r.pk for r in only_2017] == [later.pk]
    assert list(client.get(REGISTER, {"doc_code": "HD"}).context["rows"]) == []
    assert len(client.get(REGISTER, {"doc_code": "KH", "year": "2016"}).context["rows"]) == 2


def test_the_register_of_another_unit_is_not_shown(cast):
    issuing.issue_plan(filed(cast.unit("QU-LB")), cast.lan, issued_on=dt.date(2016, 1, 5))
    union = filed(cast.unit("LDLD-LB"), "002")
    issuing.issue_plan(union, cast.tuan, issued_on=dt.date(2016, 1, 5))
    tuan = client_for(cast.tuan).get(REGISTER)
    assert [r.issuer.code for r in tuan.context["rows"]] == ["LDLD-LB"]
    assert "01-KH/QU" not in tuan.content.decode()
    # A leader reads the Quận ủy's register but cannot set its start.
    hung = client_for(cast.hung).get(REGISTER)
    assert [r.issuer.code for r in hung.context["rows"]] == ["QU-LB"]
    assert 'id="register-start"' not in hung.content.decode()


def test_an_administrator_sets_the_start_number_and_the_next_plan_takes_it(cast):
    qu = cast.unit("QU-LB")
    client = client_for(cast.lan)
    response = client.post(
        REGISTER, {"issuer": qu.pk, "doc_code": "KH", "year": "2016", "start": "120"}, follow=True
    )
    assert "bắt đầu từ số 120" in response.content.decode()
    assert RegisterStart.objects.get(issuer=qu, doc_code="KH", year=2016).start == 120
    row = issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 4, 1))
    assert row.number == 120
    refused = client.post(
        REGISTER, {"issuer": qu.pk, "doc_code": "KH", "year": "2016", "start": "100"}
    )
    assert refused.status_code == 400
    assert "đã cấp đến số 120" in refused.context["form_error"]
    assert RegisterStart.objects.get(issuer=qu, doc_code="KH", year=2016).start == 120


@pytest.mark.parametrize("who", ["hung", "mai", "binh"])
def test_only_administrators_set_start_numbers(cast, who):
    qu = cast.unit("QU-LB")
    response = client_for(getattr(cast, who)).post(
        REGISTER, {"issuer": qu.pk, "doc_code": "KH", "year": "2016", "start": "5"}
    )
    assert response.status_code == 404
    assert not RegisterStart.objects.exists()


def test_an_administrator_cannot_set_the_start_of_another_units_register(cast):
    qu = cast.unit("QU-LB")
    response = client_for(cast.tuan).post(
        REGISTER, {"issuer": qu.pk, "doc_code": "KH", "year": "2016", "start": "5"}
    )
    assert response.status_code == 404
    assert not RegisterStart.objects.exists()
