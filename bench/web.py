"""Web app speed: the plan list, a search and a plan page with 10,000 plans in the library.

    .venv/bin/python bench/web.py [--plans 10000] [--requests 200] [--db sqlite,postgres]

For each database (a fresh SQLite file in a temporary folder; PostgreSQL's
``kehoach_bench`` database on 127.0.0.1:5432, created and dropped here, skipped with a note
when the server is not reachable) the Long Biên tree is loaded and ``--plans`` plans are
inserted, built from the five seeds' parsed plans with varied numbers, dates, titles and
owners. Then the real server (``kehoach serve --no-worker``) starts on a free port and is
asked, over one keep-alive connection, in turns:

    trivial   GET /dang-nhap/            the login page, no session (the yardstick)
    list      GET /                      the library's first page, as the Quận ủy's administrator
    search    GET /?q=dai+hoi            an accent-free search
    plan      GET /ke-hoach/<pk>/        a plan page (20 different plans in rotation)

p50 and p95 of each are printed in ms and as a ratio to the trivial view of the same run.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KEHOACH = Path(sys.executable).with_name("kehoach")
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgres://postgres@127.0.0.1:5432/kehoach_bench"
BENCH_USER = "bench-admin"

TOPICS = [
    "Đại hội đại biểu toàn quốc lần thứ XII của Đảng",
    "kỷ niệm 20 năm ngày thành lập quận Long Biên",
    "bầu cử đại biểu Quốc hội và Hội đồng nhân dân các cấp",
    "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Tháng hành động vì an toàn thực phẩm",
    "ngày Quốc khánh 2/9",
    "phòng, chống dịch bệnh",
    "Tết Nguyên đán",
    "chuyển đổi số",
    "an toàn giao thông",
]


# --- the child process that fills a database ----------------------------------------------


def populate(count: int) -> dict[str, Any]:
    """Run inside a child process whose environment names the database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection, transaction

    from kehoach.document import parse_source, read_bytes
    from kehoach.document.checking import check_source
    from kehoach.orgtree import load_tree, sample_tree_path
    from kehoach.web.library import apply_core
    from kehoach.web.models import Membership, Plan, PlanStatus, Unit
    from kehoach.web.units_io import import_tree

    call_command("migrate", interactive=False, verbosity=0)
    if settings.STATIC_ROOT:
        Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    import_tree(load_tree(sample_tree_path("longbien")))
    user = get_user_model().objects.create_user(BENCH_USER, password="bench-password-2026")
    Membership.objects.create(
        user=user,
        unit=Unit.objects.get(code="BTG-QU-LB"),
        scope=Unit.objects.get(code="QU-LB"),
        role="admin",
    )

    seeds = []
    for path in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
        source = read_bytes(path.read_bytes(), name=path.name)
        core = parse_source(source)
        findings = [f.to_dict() for f in check_source(source).findings]
        seeds.append((core, "\n".join(source.lines), findings))

    qu = Unit.objects.get(code="QU-LB")
    in_scope = list(Unit.objects.filter(path__startswith=qu.path))
    outside = list(Unit.objects.exclude(path__startswith=qu.path))
    rng = random.Random(2026)
    rows = []
    started = time.perf_counter()
    for i in range(count):
        core, text, findings = seeds[i % len(seeds)]
        plan = type(core).from_dict(core.to_dict())
        plan.number = str(i % 400 + 1)
        when = datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randrange(14 * 365))
        plan.date = when.isoformat()
        topic = TOPICS[rng.randrange(len(TOPICS))]
        plan.title = f"Tuyên truyền {topic} (số {i})"
        # Nine in ten plans are in the Quận ủy's scope, as in a district library.
        owner = rng.choice(in_scope) if rng.random() < 0.9 else rng.choice(outside)
        row = Plan(
            owner=owner,
            status=PlanStatus.SAVED if rng.random() < 0.8 else PlanStatus.REVIEW,
            source_text=text,
            source_format="text",
            findings=findings,
            created_by=user,
        )
        apply_core(row, plan)
        rows.append(row)
    with transaction.atomic():
        Plan.objects.bulk_create(rows, batch_size=500)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, as a database in use has
    inserted = time.perf_counter() - started

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    visible = list(
        Plan.objects.filter(owner__path__startswith=qu.path).values_list("pk", flat=True)[:2000]
    )
    return {
        "session": session.session_key,
        "plans": rng.sample(visible, 20),
        "insert_seconds": round(inserted, 1),
        "vendor": connection.vendor,
    }


# --- the parent: databases, the server, the timings ---------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def postgres_database() -> Iterator[str | None]:
    try:
        import psycopg
    except ImportError:
        yield None
        return
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        yield None
        return
    with admin:
        admin.execute("DROP DATABASE IF EXISTS kehoach_bench WITH (FORCE)")
        admin.execute("CREATE DATABASE kehoach_bench")
        try:
            yield PG_BENCH
        finally:
            admin.execute("DROP DATABASE IF EXISTS kehoach_bench WITH (FORCE)")


@contextlib.contextmanager
def server(env: dict[str, str], port: int) -> Iterator[None]:
    process = subprocess.Popen(
        [str(KEHOACH), "serve", "--no-worker", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(
                    f"server did not start: {process.stderr.read() if process.stderr else ''}"
                )
            time.sleep(0.2)
        yield
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


def fetch(
    conn: http.client.HTTPConnection, path: str, cookie: str | None
) -> tuple[float, int, bytes]:
    headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
    started = time.perf_counter()
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    return (time.perf_counter() - started) * 1000, response.status, body


def measure(port: int, info: dict[str, Any], requests: int) -> dict[str, list[float]]:
    targets = {
        "trivial": (lambda i: "/dang-nhap/", None),
        "list": (lambda i: "/", info["session"]),
        "search": (lambda i: "/?q=dai+hoi", info["session"]),
        "plan": (lambda i: f"/ke-hoach/{info['plans'][i % len(info['plans'])]}/", info["session"]),
    }
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times: dict[str, list[float]] = {name: [] for name in targets}
    try:
        for name, (path, cookie) in targets.items():  # check every page answers, and warm up
            for i in range(10):
                _, status, body = fetch(conn, path(i), cookie)
                if status != 200:
                    raise SystemExit(f"{name} {path(i)}: HTTP {status}\n{body[:500]!r}")
            if name == "search" and "Tuyên truyền".encode() not in body:
                raise SystemExit("the search found nothing")
        for i in range(requests):  # in turns, so a slow spell of the machine hits all alike
            for name, (path, cookie) in targets.items():
                elapsed, status, _ = fetch(conn, path(i), cookie)
                if status != 200:
                    raise SystemExit(f"{name}: HTTP {status}")
                times[name].append(elapsed)
    finally:
        conn.close()
    return times


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_one(label: str, database_url: str, data_dir: Path, plans: int, requests: int) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    env.update(
        DATABASE_URL=database_url,
        KEHOACH_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="kehoach.web.settings",
    )
    child = subprocess.run(
        [sys.executable, __file__, "--populate", str(plans)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode != 0:
        raise SystemExit(f"{label}: filling the database failed\n{child.stderr}")
    info = json.loads(child.stdout.strip().splitlines()[-1])
    port = free_port()
    with server(env, port):
        times = measure(port, info, requests)
    base50, base95 = p(times["trivial"], 0.5), p(times["trivial"], 0.95)
    lines = [
        f"{label}: {plans} plans (inserted in {info['insert_seconds']} s), "
        f"{requests} requests each",
        f"  {'page':<28}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×':>8}{'p95 ×':>8}",
    ]
    names = {
        "trivial": "trivial (login page)",
        "list": "plan list",
        "search": "search ?q=dai+hoi",
        "plan": "plan page",
    }
    for name, values in times.items():
        p50, p95 = p(values, 0.5), p(values, 0.95)
        lines.append(
            f"  {names[name]:<28}{p50:>9.1f}{p95:>9.1f}{p50 / base50:>8.1f}{p95 / base95:>8.1f}"
        )
    worst = max(p(times[n], 0.95) for n in ("list", "search", "plan"))
    lines.append(
        f"  worst p95 {worst:.1f} ms (target ≤ 100 ms): {'met' if worst <= 100 else 'NOT met'}"
    )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plans", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", default="sqlite,postgres", help="sqlite, postgres or both")
    ap.add_argument("--populate", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.populate is not None:
        print(json.dumps(populate(args.populate)))
        return
    wanted = {d.strip() for d in args.db.split(",") if d.strip()}
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="kehoach-bench-") as tmp:
        if "sqlite" in wanted:
            data = Path(tmp) / "sqlite"
            url = f"sqlite:///{data / 'bench.sqlite3'}"
            print("\n".join(run_one("SQLite", url, data, args.plans, args.requests)))
        if "postgres" in wanted:
            with postgres_database() as url:
                if url is None:
                    print("PostgreSQL: skipped (no server on 127.0.0.1:5432 or psycopg missing)")
                else:
                    data = Path(tmp) / "postgres"
                    print("\n".join(run_one("PostgreSQL", url, data, args.plans, args.requests)))


if __name__ == "__main__":
    main()
