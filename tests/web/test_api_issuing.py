"""Issuing through the HTTP API: the proposal, issuing, the register, its start numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import SEEDS
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
from support.api import Api


def filed(owner: Unit, seed: str = "001") -> Plan:
    path = sorted(SEEDS.glob(f"{seed}_*.txt"))[0]
    row = Plan(owner=owner, status=PlanStatus.SAVED, source_text=path.read_text(encoding="utf-8"))
    library.apply_core(row, parse_bytes(path.read_bytes(), name=path.name))
    row.save()
    return row


def written() -> tuple[int, ...]:
    return (
        Issuance.objects.count(),
        Task.objects.count(),
        Obligation.objects.count(),
        Notification.objects.count(),
        AuditEntry.objects.count(),
    )


def test_the_proposal_lists_the_number_the_units_the_duties_and_the_reports(cast, seed_plan):
    response = Api(cast.lan).get(f"/plans/{seed_plan.pk}/issue", issued_on="2015-12-29")
    assert response.status_code == 200
    body = response.json()
    assert (body["number"], body["reference"], body["doc_code"]) == (1, "01-KH/QU", "KH")
    assert body["issuer"]["code"] == "QU-LB"
    assert (body["issued_on"], body["runs_until"], body["due_day"]) == (
        "2015-12-29",
        "2016-02-04",
        15,
    )
    first = body["assignments"][0]
    assert first["name"] == "Ban Tuyên giáo Quận uỷ"
    assert first["method"] == "exact" and not first["needs_confirmation"]
    assert [u["code"] for u in first["units"]] == ["BTG-QU-LB"]
    assert len(first["duties"]) == 6
    assert body["assignments"][4]["duties"][0]["due"] == "2016-02-04"
    (once,) = body["obligations"]
    assert (once["frequency"], once["due"]) == ("once", "2016-02-04")
    assert "DU-P-BODE" in {u["code"] for u in once["units"]}
    assert (body["task_count"], body["obligation_count"]) == (37, 16)
    assert Issuance.objects.count() == 0


def test_issuing_answers_201_with_the_issuance_and_what_was_created(cast, seed_plan):
    response = Api(cast.lan).send(
        "post", f"/plans/{seed_plan.pk}/issue", {"issued_on": "2015-12-29"}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["number"], body["reference"], body["year"]) == (1, "01-KH/QU", 2015)
    assert (body["tasks"], body["obligations"], body["units"]) == (37, 16, 5 + 1 + 5 + 16)
    assert body["issued_by"] == "lan"
    assert Task.objects.filter(plan=seed_plan).count() == 37
    seed_plan.refresh_from_db()
    assert seed_plan.status == PlanStatus.ISSUED
    assert AuditEntry.objects.filter(model="kehoach.Issuance", actor=cast.lan).count() == 1
    assert AuditEntry.objects.filter(model="kehoach.Task", actor=cast.lan).count() == 37


def test_issuing_again_answers_409(cast, seed_plan):
    api = Api(cast.lan)
    api.send("post", f"/plans/{seed_plan.pk}/issue", {"issued_on": "2015-12-29"})
    before = written()
    again = api.send("post", f"/plans/{seed_plan.pk}/issue", {})
    assert again.status_code == 409
    assert "đã được ban hành" in again.json()["detail"]
    assert api.get(f"/plans/{seed_plan.pk}/issue").status_code == 409
    assert written() == before


def test_a_taken_number_answers_409_and_writes_nothing(cast):
    qu = cast.unit("QU-LB")
    issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 5), number=7)
    plan = filed(qu)
    before = written()
    response = Api(cast.lan).send(
        "post", f"/plans/{plan.pk}/issue", {"number": 7, "issued_on": "2016-03-01"}
    )
    assert response.status_code == 409
    assert "Số 7 đã được cấp" in response.json()["detail"]
    assert written() == before
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SAVED


def test_unconfirmed_units_answer_422_naming_the_assignments_then_choices_issue(cast):
    plan = filed(cast.unit("QU-LB"), "004")
    api = Api(cast.lan)
    proposal = api.get(f"/plans/{plan.pk}/issue", issued_on="2023-08-01").json()
    unsure = [a for a in proposal["assignments"] if a["needs_confirmation"]]
    assert unsure
    before = written()
    refused = api.send("post", f"/plans/{plan.pk}/issue", {"issued_on": "2023-08-01"})
    assert refused.status_code == 422
    assert refused.json()["assignments"] == [a["index"] for a in unsure]
    assert all(a["name"] in refused.json()["detail"] for a in unsure)
    assert written() == before

    choices = {str(a["index"]): [] for a in unsure}
    choices[str(unsure[0]["index"])] = [unsure[0]["candidates"][0]["id"]]
    done = api.send(
        "post", f"/plans/{plan.pk}/issue", {"issued_on": "2023-08-01", "choices": choices}
    )
    assert done.status_code == 201, done.content
    picked = Task.objects.filter(plan=plan, assignment_index=unsure[0]["index"])
    assert set(picked.values_list("unit_id", flat=True)) == {unsure[0]["candidates"][0]["id"]}


@pytest.mark.parametrize(
    "body",
    [
        {"number": 0},
        {"due_day": 29},
        {"issued_on": "2016-02-30"},
        {"choices": {"x": [1]}},
        {"issued_on": "2016-01-05", "runs_until": "2015-01-01"},
    ],
)
def test_bad_input_answers_422_and_writes_nothing(cast, seed_plan, body):
    before = written()
    response = Api(cast.lan).send("post", f"/plans/{seed_plan.pk}/issue", body)
    assert response.status_code == 422
    assert response.json()["detail"]
    assert written() == before


@pytest.mark.parametrize("who", ["hung", "mai", "binh", "tuan"])
def test_only_administrators_who_may_change_the_plan_see_the_proposal_or_issue(
    cast, seed_plan, who
):
    api = Api(getattr(cast, who))
    assert api.get(f"/plans/{seed_plan.pk}/issue").status_code == 404
    before = written()
    assert api.send("post", f"/plans/{seed_plan.pk}/issue", {}).status_code == 404
    assert written() == before


def test_the_register_lists_the_numbers_in_scope_filtered_by_year_and_type(cast):
    qu = cast.unit("QU-LB")
    issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2016, 1, 5))
    issuing.issue_plan(filed(qu), cast.lan, issued_on=dt.date(2017, 1, 5))
    issuing.issue_plan(filed(cast.unit("LDLD-LB"), "002"), cast.tuan, issued_on=dt.date(2016, 1, 5))
    api = Api(cast.lan)
    rows = api.get("/register").json()
    assert [(r["reference"], r["year"]) for r in rows] == [("01-KH/QU", 2017), ("01-KH/QU", 2016)]
    assert [r["year"] for r in api.get("/register", year=2016).json()] == [2016]
    assert api.get("/register", doc_code="HD").json() == []
    assert [r["issuer"]["code"] for r in Api(cast.tuan).get("/register").json()] == ["LDLD-LB"]
    assert Api(cast.tuan).get("/register", issuer="QU-LB").status_code == 404
    assert Api(cast.binh).get("/register").json() == []


def test_an_administrator_sets_a_start_number_through_the_api(cast):
    api = Api(cast.lan)
    response = api.send(
        "put", "/register/start", {"issuer": "QU-LB", "doc_code": "KH", "year": 2016, "start": 30}
    )
    assert response.status_code == 200
    assert response.json()["next_number"] == 30
    assert RegisterStart.objects.get(doc_code="KH", year=2016).start == 30
    row = issuing.issue_plan(filed(cast.unit("QU-LB")), cast.lan, issued_on=dt.date(2016, 5, 1))
    assert row.number == 30
    lower = api.send(
        "put", "/register/start", {"issuer": "QU-LB", "doc_code": "KH", "year": 2016, "start": 12}
    )
    assert lower.status_code == 422
    assert "đã cấp đến số 30" in lower.json()["detail"]
    for who, code in (("hung", "QU-LB"), ("tuan", "QU-LB")):
        refused = Api(getattr(cast, who)).send(
            "put", "/register/start", {"issuer": code, "doc_code": "KH", "year": 2016, "start": 99}
        )
        assert refused.status_code == 404
    assert RegisterStart.objects.get(doc_code="KH", year=2016).start == 30


def test_the_issuing_endpoints_are_described_in_the_openapi_document(cast):
    schema = Api(cast.lan).client.get("/api/openapi.json").json()
    assert {"get", "post"} <= set(schema["paths"]["/api/plans/{plan_id}/issue"])
    assert "get" in schema["paths"]["/api/register"]
    assert "put" in schema["paths"]["/api/register/start"]
