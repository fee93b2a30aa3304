"""Fixtures for the web app's tests: the Long Biên tree, its people, plans in libraries."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from kehoach.web.library import create_upload
from kehoach.web.models import Plan, Unit
from kehoach.web.tasks import read_upload
from support.people import Cast, load_longbien, make_people

SEEDS = Path(__file__).resolve().parents[2] / "corpus" / "seeds"


@pytest.fixture(autouse=True)
def _vietnamese() -> Iterator[None]:
    """Each test starts in the site's language: a request in English earlier in the same
    thread leaves English active, and functions called outside a request would follow it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def cast(db: None) -> Cast:
    load_longbien()
    return make_people()


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def run_worker() -> None:
    """Run every queued background task with the database worker's own code.

    ``db_worker --batch`` opens an exclusive transaction, which cannot nest inside a test's
    transaction; claiming and running each ready task through its ``Worker`` is the same
    work without the outer lock (the browser tests run the real command in a process).
    """
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
    )
    while (result := DBTaskResult.objects.ready().first()) is not None:
        result.claim(worker.worker_id)
        worker.run_task(result)


def upload_file(user: object, unit: Unit, name: str, data: bytes) -> Plan:
    """Upload through the library and let the worker read it."""
    upload = create_upload(data=data, name=name, owner=unit, user=user)
    read_upload.enqueue(str(upload.pk))
    run_worker()
    upload.refresh_from_db()
    assert upload.plan is not None, upload.error
    return upload.plan


@pytest.fixture
def seed_plan(cast: Cast) -> Plan:
    """Seed 001 (Kế hoạch 17-KH/QU) in the Quận ủy's library, uploaded by Lan."""
    path = sorted(SEEDS.glob("001_*.txt"))[0]
    return upload_file(cast.lan, cast.unit("QU-LB"), path.name, path.read_bytes())
