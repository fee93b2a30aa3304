"""Deleting a plan: a confirmation, then the plan, its file and its links are gone; audited."""

from __future__ import annotations

from django.urls import reverse

from conftest import client_for
from kehoach.web.models import AuditEntry, Plan, SourceFile


def url(plan) -> str:
    return reverse("kehoach:plan-delete", args=[plan.pk])


def test_an_administrator_confirms_then_the_plan_is_gone_and_audited(cast, seed_plan):
    client = client_for(cast.lan)
    confirm = client.get(url(seed_plan))
    assert confirm.status_code == 200
    assert "Xóa kế hoạch?" in confirm.content.decode("utf-8")
    assert Plan.objects.filter(pk=seed_plan.pk).exists()
    response = client.post(url(seed_plan), follow=True)
    assert response.redirect_chain[-1][0] == reverse("kehoach:plan-list")
    assert "Đã xóa kế hoạch 17-KH/QU." in response.content.decode("utf-8")
    assert not Plan.objects.exists()
    assert not SourceFile.objects.exists()
    entry = AuditEntry.objects.get(model="kehoach.Plan", action="delete")
    assert entry.actor == cast.lan
    assert entry.before["title"] == seed_plan.title


def test_readers_get_not_found_and_nothing_is_deleted(cast, seed_plan):
    for person in (cast.hung, cast.mai):
        client = client_for(person)
        assert client.get(url(seed_plan)).status_code == 404
        assert client.post(url(seed_plan)).status_code == 404
    assert Plan.objects.filter(pk=seed_plan.pk).exists()


def test_another_units_administrator_gets_not_found(cast, seed_plan):
    assert client_for(cast.tuan).post(url(seed_plan)).status_code == 404
    assert Plan.objects.filter(pk=seed_plan.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(cast, seed_plan, client):
    response = client.post(url(seed_plan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("kehoach:login"))
    assert Plan.objects.filter(pk=seed_plan.pk).exists()
