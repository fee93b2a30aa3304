"""'Lập kế hoạch triển khai': a clerk drafts their unit's plan from the plan above."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from conftest import client_for, upload_file
from kehoach.web.models import Plan, PlanLink

PARENT = Path(__file__).resolve().parents[1] / "derive" / "parent_02-KH-BTGTU.txt"


@pytest.fixture
def parent(cast) -> Plan:
    """The city propaganda department's plan, arrived and filed in the Quận ủy's library."""
    return upload_file(cast.lan, cast.unit("QU-LB"), PARENT.name, PARENT.read_bytes())


def test_the_draft_shows_each_clause_beside_its_source_line_in_the_parent(cast, parent):
    response = client_for(cast.lan).get(reverse("kehoach:plan-derive", args=[parent.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Quận ủy Long Biên" in page
    assert 'href="#P' in page, "each carried clause links to its line in the parent"
    assert 'id="P1"' in page
    assert "MỤC ĐÍCH, YÊU CẦU" in page


def test_saving_the_edited_draft_files_a_plan_citing_its_parent_with_no_form_errors(cast, parent):
    client = client_for(cast.lan)
    page = client.get(reverse("kehoach:plan-derive", args=[parent.pk]))
    form = {"as_of": page.context["as_of"].isoformat(), "title": "Tuyên truyền Đại hội XII"}
    for clause in page.context["clauses"]:
        form[f"heading:{clause.path}"] = clause.heading
        form[f"text:{clause.path}"] = clause.text
    first = page.context["clauses"][0]
    form[f"text:{first.path}"] = first.text + "\nQuán triệt sâu rộng tới từng chi bộ."
    response = client.post(reverse("kehoach:plan-derive", args=[parent.pk]), form)
    draft = Plan.objects.exclude(pk=parent.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("kehoach:plan-review", args=[draft.pk])
    assert draft.owner.code == "QU-LB"
    assert draft.status == "review"
    assert draft.title == "Tuyên truyền Đại hội XII"
    assert "Quán triệt sâu rộng tới từng chi bộ." in draft.source_text
    assert draft.data["derived_from"] == parent.pk
    assert PlanLink.objects.filter(source=draft, target=parent).exists()
    assert [f for f in draft.findings if f["severity"] == "error"] == []


@pytest.mark.parametrize("who", ["tuan", "mai", "hung", "binh"])
def test_only_an_administrator_in_scope_can_draft(cast, parent, who):
    client = client_for(getattr(cast, who))
    url = reverse("kehoach:plan-derive", args=[parent.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x"}).status_code == 404
    assert Plan.objects.count() == 1


def test_anonymous_visitors_are_sent_to_log_in(cast, parent):
    from django.test import Client

    response = Client().get(reverse("kehoach:plan-derive", args=[parent.pk]))
    assert response.status_code == 302
    assert reverse("kehoach:login") in response["Location"]


def test_a_reviewed_draft_keeps_its_link_to_the_parent_and_its_clause_links(cast, parent):
    from kehoach.web import library

    client = client_for(cast.lan)
    page = client.get(reverse("kehoach:plan-derive", args=[parent.pk]))
    client.post(
        reverse("kehoach:plan-derive", args=[parent.pk]),
        {"as_of": page.context["as_of"].isoformat(), "title": ""},
    )
    draft = Plan.objects.exclude(pk=parent.pk).get()
    library.correct(draft, {"title": "Tiêu đề sau rà soát"}, status="saved")
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề sau rà soát"
    assert draft.data["derived_from"] == parent.pk
    assert draft.data["links"], "each clause still points at its source in the parent"
