"""What the browser tests need: Debian's chromium under Playwright, and a task worker.

Playwright must never download a browser: it drives ``/usr/bin/chromium`` (``.ci/run``
and ``scripts/system-deps`` install the ``chromium`` package when it is missing), and
the tests are skipped with the reason when it is not there.

The background worker is the real ``db_worker`` loop (``Worker.run``), in a thread of
the test process so that it sees the test database, whichever engine it is: on SQLite
that is the in-memory shared-cache database of the live server, on PostgreSQL the
``test_…`` database.

On in-memory SQLite the browser tests are skipped in the test process and each browser
test module runs them again in a child pytest on a file database
(``run_on_a_file_database``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_CHROMIUM = (
    f"{CHROMIUM} is missing: install Debian's chromium package (scripts/system-deps); "
    "Playwright is never allowed to download its own browser"
)


def in_memory_sqlite() -> bool:
    """Is the test database SQLite in memory (the default without KEHOACH_TEST_SQLITE_FILE)?

    There every thread shares one cache, and SQLite answers a second writer with "database
    table is locked" at once, without waiting: the worker's ``BEGIN EXCLUSIVE`` every
    0.2 s then breaks the live server's requests. The browser tests run on a file
    database instead (WAL and a busy timeout, as in production).
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    return str(database["ENGINE"]).endswith("sqlite3") and not (database.get("TEST") or {}).get(
        "NAME"
    )


@contextmanager
def task_worker(worker_id: str = "browser") -> Iterator[None]:
    """Run the database task worker in a thread until the block ends."""
    from django.db import connections
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=0.2,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
    )
    failure: list[BaseException] = []

    def run() -> None:
        try:
            worker.run()
        except BaseException as exc:  # reported to the test below, not lost in the thread
            failure.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"db-worker-{worker_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        worker.running = False
        thread.join(timeout=30)
    assert not thread.is_alive(), "the task worker did not stop"
    if failure:
        raise failure[0]


def docx_text(data: bytes) -> str:
    """Every paragraph of a DOCX, body and tables, one per line."""
    import io

    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's chromium, headless, until the block ends.

    The caller sets ``DJANGO_ALLOW_ASYNC_UNSAFE`` for the test first (``monkeypatch``):
    Playwright's sync API runs an asyncio event loop in the test's thread, and Django then
    refuses the test's own ORM calls although nothing about them is asynchronous.
    """
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    # A loaded CI machine may take a few seconds for one round trip.
    expect.set_options(timeout=15_000)
    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()
            # Under Playwright the test's queries run on a connection of their own (not the
            # one pytest-django closes); left open, PostgreSQL refuses to drop the test
            # database at the end of the session.
            connections.close_all()


def run_on_a_file_database(test_file: str, tmp_path: Path, *, passed: int) -> None:
    """Run ``test_file``'s browser tests in a child pytest on a file SQLite database (see
    ``in_memory_sqlite``), all but the test calling this, and check that ``passed`` pass.

    ``test_file`` is ``__file__`` of the calling module; its runner test's name must contain
    ``file_sqlite_database`` so that the child leaves it out.
    """
    data_dir = tmp_path / "data"
    env = {**os.environ, "KEHOACH_TEST_SQLITE_FILE": "1", "KEHOACH_DATA_DIR": str(data_dir)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        f"--basetemp={tmp_path / 'child'}",
        "-k",
        "not file_sqlite_database",
        str(Path(test_file).resolve().relative_to(REPO)),
    ]
    child = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    report = child.stdout[-8000:] + child.stderr[-4000:]
    assert child.returncode == 0, report
    summary = child.stdout.strip().splitlines()[-1]
    assert re.match(rf"{passed} passed, 1 deselected in ", summary), report
