"""``kehoach serve``: the web server and the task worker, started and stopped together.

The pages are served by waitress (pure Python, threads, no build step); uploads are read by
django-tasks' database worker running as a child process. A small scheduler thread queues
the reminders and weekly digests (``tasks.send_due_notices``) at start and every hour.
Ctrl+C or SIGTERM stops all of them.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 2

# A worker that keeps dying is a broken installation, not bad luck: stop restarting it.
_MAX_RESTARTS = 5

# How often reminders and digests are looked for. What was sent is recorded, so a run that
# finds nothing new costs a few queries and sends nothing; hourly keeps a reminder within
# the hour of midnight and a restarted server catches up at once.
NOTICE_INTERVAL = 3600.0


class _Stop(Exception):
    """Raised in the main thread by SIGTERM so the server loop unwinds."""


def worker_command() -> list[str]:
    return [
        sys.executable,
        "-m",
        "kehoach.web",
        "db_worker",
        "--queue-name",
        "*",
        "--interval",
        "1",
        "--no-startup-delay",
        "--no-reload",
    ]


class Worker:
    """The task worker as a child process, restarted if it dies while we serve."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.restarts = 0
        self._watch: threading.Thread | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(worker_command(), env=os.environ.copy())
        self._watch = threading.Thread(target=self._watch_loop, name="worker-watch", daemon=True)
        self._watch.start()

    def _watch_loop(self) -> None:
        while not self.stopping.wait(1.0):
            process = self.process
            if process is None or process.poll() is None:
                continue
            if self.stopping.is_set():
                return
            if self.restarts >= _MAX_RESTARTS:
                print(
                    "kehoach: bộ đọc tệp nền dừng nhiều lần; tệp tải lên sẽ không được đọc "
                    "cho đến khi khởi động lại",
                    file=sys.stderr,
                )
                return
            self.restarts += 1
            print(
                f"kehoach: bộ đọc tệp nền đã dừng (mã {process.returncode}); khởi động lại",
                file=sys.stderr,
            )
            time.sleep(min(2**self.restarts, 30))
            if not self.stopping.is_set():
                self.process = subprocess.Popen(worker_command(), env=os.environ.copy())

    def stop(self, timeout: float = 15.0) -> None:
        self.stopping.set()
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()  # the worker finishes the task in hand, then exits
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class NoticeScheduler:
    """Queues ``send_due_notices`` for the task worker at start and then every interval."""

    def __init__(self, interval: float = NOTICE_INTERVAL) -> None:
        self.interval = interval
        self.stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="notice-scheduler", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        # Once at start, even if asked to stop at once: a restart catches up straight away.
        self.tick()
        while not self.stopping.wait(self.interval):
            self.tick()

    def tick(self) -> None:
        from django.db import connection

        from .tasks import enqueue_due_notices

        try:
            enqueue_due_notices()
        except Exception as exc:  # a busy or unreachable database: try again next hour
            print(f"kehoach: chưa xếp được lượt gửi nhắc hạn: {exc}", file=sys.stderr)
        finally:
            connection.close()  # this thread's own connection; the next tick opens a fresh one

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)


def migrate_if_needed() -> bool:
    """Apply pending migrations; returns whether there were any."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def main(
    host: str = "127.0.0.1",
    port: int = 8000,
    threads: int = 8,
    worker: bool = True,
    data_dir: str | None = None,
) -> int:
    """Serve until Ctrl+C or SIGTERM. 0 after a clean stop; 2 if the server cannot start."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "kehoach.web.settings"
    if data_dir:
        os.environ["KEHOACH_DATA_DIR"] = str(Path(data_dir).resolve())
    try:
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        if settings.STATIC_ROOT:  # WhiteNoise warns about a configured root that is missing
            Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
        application = get_wsgi_application()
    except Exception as exc:
        print(f"kehoach: không khởi động được ứng dụng web: {exc}", file=sys.stderr)
        return EXIT_FAILED

    from waitress.server import create_server

    try:
        server: Any = create_server(
            application, host=host, port=port, threads=threads, ident="kehoach"
        )
    except OSError as exc:
        reason = (
            "cổng đang được chương trình khác dùng"
            if exc.errno in (98, 48, 10048)  # EADDRINUSE on Linux, macOS, Windows
            else (exc.strerror or type(exc).__name__)
        )
        print(
            f"kehoach: không mở được {_url(host, port)}: {reason} (thử --port khác)",
            file=sys.stderr,
        )
        return EXIT_FAILED

    try:
        if migrate_if_needed():
            print("kehoach: đã cập nhật cấu trúc cơ sở dữ liệu", file=sys.stderr)
    except Exception as exc:
        server.close()
        print(f"kehoach: không mở được cơ sở dữ liệu: {exc}", file=sys.stderr)
        return EXIT_FAILED

    # Everything loaded so far (Django, the app, the URL and template caches) lives as long
    # as the process: moved out of the collector's generations, it no longer costs the
    # 40–50 ms full collections that showed as the inbox's p95 tail (bench/national.py).
    gc.collect()
    gc.freeze()

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise _Stop

    previous = signal.signal(signal.SIGTERM, on_term)
    runner = Worker() if worker else None
    # Scheduled even without our worker: a separately run db_worker picks the task up.
    scheduler = NoticeScheduler()
    try:
        if runner is not None:
            runner.start()
        scheduler.start()
        print(f"kehoach đang chạy tại {_url(host, port)} — Ctrl+C để dừng", flush=True)
        if host in ("0.0.0.0", "::"):
            print(
                "kehoach: nhớ đặt ALLOWED_HOSTS (tên hoặc địa chỉ máy) để máy khác truy cập",
                file=sys.stderr,
            )
        server.run()
    except (_Stop, KeyboardInterrupt):
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        scheduler.stop()
        if runner is not None:
            runner.stop()
        server.close()
        signal.signal(signal.SIGTERM, previous)
    print("kehoach: đã dừng", file=sys.stderr, flush=True)
    return EXIT_OK
