"""Who sees the work of an issued plan: a ward reads the district's plan that gives it work,
never the department's pages; drafts stay with the people who may write them."""

from __future__ import annotations

from django.urls import reverse

from conftest import client_for
from kehoach.web import access
from kehoach.web.models import ReportState
from support.work import make_obligation, make_report, make_task, mark_issued


def test_a_ward_reporter_reads_the_issued_plan_that_gives_the_ward_work(cast, seed_plan):
    plan = mark_issued(seed_plan)
    detail = reverse("kehoach:plan-detail", args=[plan.pk])
    assert client_for(cast.binh).get(detail).status_code == 404  # no work for the ward yet
    make_task(plan, cast.unit("DU-P-BODE"))
    page = client_for(cast.binh).get(detail)
    assert page.status_code == 200 and "17" in page.content.decode()
    # It stays the Quận ủy's plan: not in the ward's list, not changeable by the ward.
    assert plan.pk not in set(access.visible_plans(cast.binh).values_list("pk", flat=True))
    review = reverse("kehoach:plan-review", args=[plan.pk])
    assert client_for(cast.binh).post(review, {"title": "Đổi"}).status_code == 404


def test_the_department_pages_stay_closed_to_a_ward_that_has_work_on_the_plan(cast, seed_plan):
    plan = mark_issued(seed_plan)
    make_obligation(plan, cast.unit("DU-P-BODE"))
    for name in ("plan-reports", "plan-progress", "plan-synthesis"):
        url = reverse(f"kehoach:{name}", args=[plan.pk])
        assert client_for(cast.binh).get(url).status_code == 404, name
        assert client_for(cast.lan).get(url).status_code == 200, name


def test_a_plan_not_yet_issued_is_not_opened_to_the_units_it_names(cast, seed_plan):
    make_task(seed_plan, cast.unit("DU-P-BODE"))
    detail = reverse("kehoach:plan-detail", args=[seed_plan.pk])
    assert client_for(cast.binh).get(detail).status_code == 404


def test_a_wards_draft_is_hidden_from_the_district_leader_until_it_is_submitted(cast, seed_plan):
    plan = mark_issued(seed_plan)
    duty = make_obligation(plan, cast.unit("DU-P-BODE"))
    draft = make_report(duty, cast.binh, state=ReportState.DRAFT)
    for person in (cast.hung, cast.mai, cast.lan):
        assert not access.visible_reports(person).filter(pk=draft.pk).exists()
    assert access.visible_reports(cast.binh).filter(pk=draft.pk).exists()
    draft.state = ReportState.SUBMITTED
    draft.save()
    for person in (cast.hung, cast.mai, cast.lan):
        assert access.visible_reports(person).filter(pk=draft.pk).exists()


def test_only_the_units_own_people_may_write_its_reports(cast):
    ward = cast.unit("DU-P-BODE")
    assert access.can_report(cast.binh, ward)
    assert access.can_report(cast.binh, cast.unit("CB-TDP1-BODE"))  # a cell of the ward
    assert not access.can_report(cast.binh, cast.unit("DU-P-CUKHOI"))
    assert not access.can_report(cast.lan, ward)  # the department reviews, it does not write
    assert access.can_report(cast.lan, cast.unit("BTG-QU-LB"))
    assert not access.can_report(cast.hung, cast.unit("QU-LB"))  # a leader changes nothing
