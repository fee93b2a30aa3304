"""Two people issuing at the same moment never get the same number.

These tests run real threads, each with its own database connection, against PostgreSQL:
the register's unique constraint is what settles a race there. SQLite lets one writer in
at a time, so there is no race to test on it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from conftest import SEEDS
from kehoach.document import parse_bytes
from kehoach.web import issuing, library
from kehoach.web.models import ApiToken, Issuance, Plan, PlanStatus, Task, Unit

pytestmark = pytest.mark.django_db(transaction=True)

ISSUED_ON = dt.date(2016, 1, 5)
PEOPLE = 8


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writer at a time: racing issuers need PostgreSQL")


def filed(owner: Unit) -> Plan:
    path = sorted(SEEDS.glob("001_*.txt"))[0]
    row = Plan(owner=owner, status=PlanStatus.SAVED, source_text=path.read_text(encoding="utf-8"))
    library.apply_core(row, parse_bytes(path.read_bytes(), name=path.name))
    row.save()
    return row


def run_together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run each job in its own thread (and so its own connection), all released at once by
    a barrier; what each returned or raised, in order."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(i: int, job: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = job()
        except Exception as exc:  # reported to the test, which asserts on it
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive(), "an issuing thread hung"
    return results


def test_people_issuing_plans_of_one_issuer_at_once_get_different_numbers(cast):
    qu = cast.unit("QU-LB")
    lan = get_user_model().objects.get(username="lan")
    plans = [filed(qu) for _ in range(PEOPLE)]

    def issue(plan: Plan) -> Callable[[], int]:
        return lambda: issuing.issue_plan(plan, lan, issued_on=ISSUED_ON).number

    numbers = run_together([issue(p) for p in plans])
    assert all(isinstance(n, int) for n in numbers), numbers
    assert sorted(numbers) == list(range(1, PEOPLE + 1))
    assert sorted(
        Plan.objects.filter(pk__in=[p.pk for p in plans]).values_list("number", flat=True)
    ) == [f"{n:02d}" for n in range(1, PEOPLE + 1)]
    assert Task.objects.count() == 37 * PEOPLE, "every issuing created its work in full"


def test_a_number_taken_while_issuing_is_retried_with_the_next(cast, caplog):
    """Deterministic: another transaction holds number 1 uncommitted; the issuer computes
    1 too, waits on the constraint, and takes 2 once the other commits."""
    qu = cast.unit("QU-LB")
    lan = get_user_model().objects.get(username="lan")
    held, plan = filed(qu), filed(qu)
    pid: list[int] = []
    started = threading.Event()
    outcome: list[Any] = []

    def issue() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid.append(cursor.fetchone()[0])
            started.set()
            outcome.append(issuing.issue_plan(plan, lan, issued_on=ISSUED_ON).number)
        except Exception as exc:
            outcome.append(exc)
        finally:
            connection.close()

    caplog.set_level(logging.INFO, logger="kehoach.issuing")
    with transaction.atomic():
        Issuance.objects.create(
            plan=held,
            issuer=qu,
            doc_code="KH",
            year=2016,
            number=1,
            issued_on=ISSUED_ON,
            runs_until=ISSUED_ON,
        )
        thread = threading.Thread(target=issue)
        thread.start()
        assert started.wait(timeout=30)
        waiting = threading.Event()
        for _ in range(3000):  # until the issuer blocks on our uncommitted number (≤ 30 s)
            with connection.cursor() as cursor:
                cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", pid)
                if cursor.fetchone()[0] == "Lock":
                    break
            waiting.wait(0.01)
        else:
            pytest.fail("the issuer never waited on the register's constraint")
    thread.join(timeout=60)
    assert outcome == [2]
    assert "taken meanwhile" in caplog.text


def test_two_people_issuing_the_same_plan_at_once_issue_it_once(cast):
    plan = filed(cast.unit("QU-LB"))
    lan = get_user_model().objects.get(username="lan")
    outcome = run_together(
        [lambda: issuing.issue_plan(plan, lan, issued_on=ISSUED_ON).number for _ in range(2)]
    )
    assert sorted(type(o).__name__ for o in outcome) == ["AlreadyIssued", "int"]
    assert Issuance.objects.filter(plan=plan).count() == 1
    assert Task.objects.filter(plan=plan).count() == 37


def test_concurrent_requests_through_the_pages_and_the_api_never_collide(cast):
    qu = cast.unit("QU-LB")
    lan = get_user_model().objects.get(username="lan")
    plans = [filed(qu) for _ in range(PEOPLE)]
    jobs: list[Callable[[], Any]] = []
    for i, plan in enumerate(plans):
        if i % 2:
            key = ApiToken.issue(lan)[1]
            client = Client(headers={"Authorization": f"Bearer {key}"})
            url = f"/api/plans/{plan.pk}/issue"
            jobs.append(
                lambda c=client, u=url: c.post(
                    u, {"issued_on": ISSUED_ON.isoformat()}, content_type="application/json"
                )
            )
        else:
            client = Client()
            client.force_login(lan)
            url = reverse("kehoach:plan-issue", args=[plan.pk])
            jobs.append(
                lambda c=client, u=url: c.post(
                    u, {"action": "issue", "issued_on": ISSUED_ON.isoformat(), "due_day": "15"}
                )
            )
    responses = run_together(jobs)
    assert [r.status_code for r in responses] == [302, 201] * (PEOPLE // 2)
    numbers = sorted(Issuance.objects.values_list("number", flat=True))
    assert numbers == list(range(1, PEOPLE + 1))
    assert set(
        Plan.objects.filter(pk__in=[p.pk for p in plans]).values_list("status", flat=True)
    ) == {PlanStatus.ISSUED}
