"""What the browser tests need: Debian's chromium under Playwright, and a task worker.

Playwright must never download a browser: it drives ``/usr/bin/chromium`` (``.ci/run``
and ``scripts/system-deps`` install the ``chromium`` package when it is missing), and
the tests are skipped with the reason when it is not there.

The background worker is the real ``db_worker`` loop (``Worker.run``), in a thread of
the test process so that it sees the test database, whichever engine it is: on SQLite
that is the in-memory shared-cache database of the live server, on PostgreSQL the
``test_…`` database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
