"""``kehoach demo``: a library someone can log into a minute after cloning.

Migrates the database, loads both sample organisation trees, reads the five seed plans into
the libraries of the units that issued them, and creates one demo user per role. Running it
again changes nothing that is already there (``--reset`` puts the seeds and the demo
passwords back as they were first made).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

SETTINGS = "kehoach.web.settings"

# Both trees start at Thành ủy Hà Nội; the two-tier one (after 1 July 2025) reuses a few
# codes of the district-era one for bodies that changed (a ward Party committee that answered
# to the Quận ủy now answers to the Thành ủy). Those get this suffix so both trees can live
# in one database side by side; units identical in both are shared.
TWO_TIER_SUFFIX = "-2025"

# Who issues a plan is written "Ban Thường vụ Quận ủy …", "Thường trực Huyện ủy …": the unit
# is the committee named after the standing body.
_STANDING_BODIES = ("ban thường vụ ", "thường trực ", "ban chấp hành ", "ban thường trực ")
FALLBACK_OWNER = "QU-LB"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str | None  # None: the superuser
    unit: str | None
    scope: str | None
    title: str = ""


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", "Quản trị hệ thống", None, None, None),
    DemoUser("quantri", "Nguyễn Thị Lan", "admin", "BTG-QU-LB", "QU-LB", "Chuyên viên"),
    DemoUser("lanhdao", "Trần Văn Hùng", "leader", "QU-LB", "QU-LB", "Phó Bí thư"),
    DemoUser("xem", "Lê Thị Mai", "viewer", "VP-QU-LB", "QU-LB", "Chuyên viên"),
    DemoUser("phuongbode", "Phạm Văn Bình", "reporter", "DU-P-BODE", "DU-P-BODE", "Bí thư"),
    DemoUser("congdoan", "Đỗ Minh Tuấn", "admin", "LDLD-LB", "LDLD-LB", "Chủ tịch"),
)

_WORDS = (
    "sen",
    "mai",
    "dao",
    "cuc",
    "lan",
    "tre",
    "lua",
    "song",
    "nui",
    "may",
    "trang",
    "sao",
    "bien",
    "gio",
    "nang",
    "hoa",
    "com",
    "che",
)

PASSWORD_FILE = "demo-passwords.txt"


def seeds_dir() -> Path:
    import kehoach

    return Path(kehoach.__file__).resolve().parents[2] / "corpus" / "seeds"


def configure(data_dir: str | None) -> None:
    """Point Django at our settings (and the data directory) and set it up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    if data_dir:
        os.environ["KEHOACH_DATA_DIR"] = str(Path(data_dir).resolve())
    import django

    django.setup()


def main(data_dir: str | None = None, reset: bool = False, out: TextIO | None = None) -> int:
    """The CLI's ``kehoach demo``: 0 on success, 2 with one line on stderr otherwise."""
    out = out or sys.stdout
    try:
        configure(data_dir)
        run(reset=reset, out=out)
    except Exception as exc:  # never a traceback for a clerk; say what failed
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        if isinstance(exc, ImproperlyConfigured | DatabaseError):
            print(f"kehoach: không chuẩn bị được dữ liệu mẫu: {exc}", file=sys.stderr)
            return 2
        raise
    return 0


def run(*, reset: bool = False, out: TextIO) -> None:
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    say = _printer(out)
    created, updated = load_trees()
    say(f"Cây tổ chức mẫu: {created} đơn vị mới, {updated} đơn vị cập nhật.")
    passwords = ensure_users(Path(settings.DATA_DIR), reset=reset)
    imported = import_seeds(say, reset=reset)
    say(f"Kế hoạch mẫu: {imported} kế hoạch mới.")
    issue_demo_plan(say)
    say("")
    say(users_table(passwords))
    say("")
    say(f"Mật khẩu được lưu trong {Path(settings.DATA_DIR) / PASSWORD_FILE}.")


def _printer(out: TextIO) -> Any:
    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    return say


# --- the organisation trees ------------------------------------------------------------


def load_trees() -> tuple[int, int]:
    from kehoach.orgtree import load_tree, sample_tree_path

    from .units_io import import_tree

    longbien = load_tree(sample_tree_path("longbien"))
    two_tier = side_by_side(longbien, load_tree(sample_tree_path("two_tier")))
    created, updated = import_tree(longbien)
    more_created, more_updated = import_tree(two_tier)
    return created + more_created, updated + more_updated


def side_by_side(first: Any, second: Any) -> Any:
    """``second`` made to sit beside ``first`` in one database.

    A code both trees use for a unit under the same parent is the same body (Thành ủy Hà
    Nội): it keeps ``first``'s description, so importing ``second`` does not rewrite it. A
    code whose unit moved (a ward committee under the Quận ủy, later under the Thành ủy) is
    a different body: it is renamed with ``TWO_TIER_SUFFIX``, and so is every shared unit
    beneath it.
    """
    from dataclasses import replace

    from kehoach.orgtree import OrgTree

    renamed: set[str] = set()
    changed = True
    while changed:
        changed = False
        for unit in second:
            if unit.code in renamed or unit.code not in first:
                continue
            if unit.parent in renamed or unit.parent != first.get(unit.code).parent:
                renamed.add(unit.code)
                changed = True

    def new(code: str | None) -> str | None:
        return code + TWO_TIER_SUFFIX if code in renamed and code is not None else code

    return OrgTree(
        replace(u, code=new(u.code), parent=new(u.parent))
        if u.code in renamed or u.code not in first
        else first.get(u.code)
        for u in second
    )


# --- the people ------------------------------------------------------------------------


def _new_password() -> str:
    words = [secrets.choice(_WORDS) for _ in range(2)]
    return f"{words[0]}-{words[1]}-{secrets.randbelow(9000) + 1000}"


def read_passwords(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, sep, password = line.partition("\t")
        if sep and not line.startswith("#"):
            found[name.strip()] = password.strip()
    return found


def _write_passwords(path: Path, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    lines = ["# kehoach demo: tên đăng nhập<TAB>mật khẩu ban đầu"]
    lines += [f"{name}\t{password}" for name, password in passwords.items()]
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    os.chmod(tmp, 0o600)
    tmp.replace(path)


def ensure_users(data_dir: Path, *, reset: bool = False) -> dict[str, str]:
    """Create the demo users that are missing; returns their (initial) passwords.

    Passwords are made once and kept in DATA_DIR/demo-passwords.txt (readable by the owner
    only); an existing user keeps the password they have unless ``reset``.
    """
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from .models import Membership, Unit

    path = data_dir / PASSWORD_FILE
    passwords = read_passwords(path)
    for person in DEMO_USERS:
        passwords.setdefault(person.username, _new_password())
    _write_passwords(path, passwords)

    user_model = get_user_model()
    with transaction.atomic():
        for person in DEMO_USERS:
            last, _, first = person.full_name.rpartition(" ")
            user = user_model.objects.filter(username=person.username).first()
            if user is None:
                user = user_model(
                    username=person.username,
                    first_name=first,
                    last_name=last,
                    is_staff=person.role is None,
                    is_superuser=person.role is None,
                )
                user.set_password(passwords[person.username])
                user.save()
            elif reset:
                user.set_password(passwords[person.username])
                user.is_active = True
                user.save()
            if person.role is None or person.unit is None or person.scope is None:
                continue
            unit = Unit.objects.get(code=person.unit)
            scope = Unit.objects.get(code=person.scope)
            membership = Membership.objects.filter(user=user).first()
            if membership is None:
                Membership.objects.create(
                    user=user, unit=unit, scope=scope, role=person.role, title=person.title
                )
            elif reset and (
                membership.unit_id != unit.pk
                or membership.scope_id != scope.pk
                or membership.role != person.role
            ):
                membership.unit, membership.scope, membership.role = unit, scope, person.role
                membership.save()
    return {person.username: passwords[person.username] for person in DEMO_USERS}


def users_table(passwords: dict[str, str]) -> str:
    from .models import Role, Unit

    labels = {str(value): str(label) for value, label in Role.choices}
    names = {u.code: u.name for u in Unit.objects.filter(code__in=_codes())}
    rows = [("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị (phạm vi)")]
    for person in DEMO_USERS:
        if person.role is None:
            role, where = "Quản trị toàn hệ thống (trang /admin/)", "tất cả"
        else:
            role = labels.get(person.role, person.role)
            where = names.get(person.unit or "", person.unit or "")
            if person.scope and person.scope != person.unit:
                where += f" (phạm vi: {names.get(person.scope, person.scope)})"
        rows.append((person.username, passwords[person.username], role, where))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = ["Tài khoản mẫu:"]
    for index, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) for i in range(3)]
        lines.append("  " + "  ".join([*cells, row[3]]).rstrip())
        if index == 0:
            lines.append("  " + "  ".join("-" * w for w in [*widths, len(row[3])]))
    return "\n".join(lines)


def _codes() -> Iterable[str]:
    for person in DEMO_USERS:
        yield from (c for c in (person.unit, person.scope) if c)


# --- the seed plans --------------------------------------------------------------------


def owner_code(issuer: str | None, tree: Any) -> str:
    """The code of the unit in ``tree`` that issued a plan, or the Quận ủy's."""
    from kehoach.document.text import nfc

    name = nfc(issuer or "").strip()
    if not name:
        return FALLBACK_OWNER
    candidates = [name]
    lowered = name.lower()
    for prefix in _STANDING_BODIES:
        if lowered.startswith(prefix):
            candidates.append(name[len(prefix) :].strip())
    for candidate in candidates:
        unit = tree.find(candidate)
        if unit is not None:
            return str(unit.code)
    return FALLBACK_OWNER


def import_seeds(say: Any, *, reset: bool = False) -> int:
    """Read each seed into the library of the unit that issued it, saved; returns how many
    were new. A seed already in the library (same bytes) is left alone unless ``reset``."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from kehoach.document import parse_source, read_bytes
    from kehoach.orgtree import load_tree, sample_tree_path

    from .library import create_upload, ingest, relink
    from .models import Plan, PlanStatus, Unit

    folder = seeds_dir()
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if not paths:
        say(f"Không tìm thấy kế hoạch mẫu trong {folder}; bỏ qua bước nhập kế hoạch.")
        return 0
    tree = load_tree(sample_tree_path("longbien"))
    users = get_user_model().objects
    creators = {"QU-LB": "quantri", "LDLD-LB": "congdoan"}
    imported: list[Plan] = []
    for path in paths:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        existing = Plan.objects.filter(source_file__sha256=digest)
        if existing.exists():
            if not reset:
                continue
            with transaction.atomic():
                for plan in existing:
                    plan.delete()
        core = parse_source(read_bytes(data, name=path.name))
        code = owner_code(core.issuer, tree)
        owner = Unit.objects.filter(code=code).first() or Unit.objects.get(code=FALLBACK_OWNER)
        creator = users.filter(username=creators.get(code, "admin")).first()
        creator = creator or users.get(username="admin")
        with transaction.atomic():
            upload = create_upload(data=data, name=path.name, owner=owner, user=creator)
            plan = ingest(upload)
            plan.status = PlanStatus.SAVED
            plan.save()
        imported.append(plan)
        say(f"  {path.name} → {plan} ({owner.name})")
    # ingest() links each new plan both ways (to what it cites, and what cites it); a second
    # pass makes that true whatever order the seeds came in.
    for plan in imported:
        relink(plan)
    return len(imported)


# --- an issued plan with work under way --------------------------------------------------

DEMO_ISSUED_NUMBER = 193  # seed 000, 193-KH/QU: six-monthly and yearly reports
# Wards whose reports are already in, so the progress page and the synthesis have figures;
# Bồ Đề (the demo reporter's ward) is left for the person trying the demo.
DEMO_REPORTS: tuple[tuple[str, str, dict[tuple[str, str], int]], ...] = (
    (
        "DU-P-CUKHOI",
        "accepted",
        {("conference", "held"): 2, ("conference", "attendees"): 180, ("radio", "broadcasts"): 12},
    ),
    (
        "DU-P-DUCGIANG",
        "accepted",
        {("conference", "held"): 1, ("conference", "attendees"): 95, ("visual", "banners"): 20},
    ),
    ("DU-P-GIATHUY", "submitted", {("meeting", "sessions"): 6, ("social", "posts"): 9}),
)


def issue_demo_plan(say: Any) -> None:
    """Issue seed 000 today under its own number, so the demo's ward has work due this month
    and the department has reports to review; done once (an issued plan is left alone)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from .issuing import IssueError, issue_plan
    from .models import Obligation, Plan, PlanStatus
    from .reporting import accept_report, save_report, start_report, submit_report

    if Plan.objects.filter(status=PlanStatus.ISSUED).exists():
        return
    plan = Plan.objects.filter(owner__code="QU-LB", number="193", symbol="KH/QU").first()
    users = get_user_model().objects
    officer = users.filter(username="quantri").first()
    if plan is None or officer is None:
        return
    try:
        issuance = issue_plan(
            plan, officer, number=DEMO_ISSUED_NUMBER, issued_on=timezone.localdate()
        )
    except IssueError as exc:
        say(f"Không ban hành được kế hoạch mẫu: {exc.message}")
        return
    clerk = users.get(username="admin")  # enters the reports the wards sent on paper
    for code, state, counts in DEMO_REPORTS:
        obligation = (
            Obligation.objects.filter(plan=plan, unit__code=code).order_by("due_date").first()
        )
        if obligation is None:
            continue
        report = start_report(obligation, clerk)
        narrative = f"{obligation.unit.name} đã quán triệt kế hoạch đến chi bộ, đảng viên."
        save_report(report, clerk, narrative=narrative, counts=counts)
        submit_report(report, clerk)
        if state == "accepted":
            accept_report(report, officer)
    plan.refresh_from_db()
    say(
        f"Kế hoạch {plan} ban hành ngày {issuance.issued_on:%d/%m/%Y}: "
        f"{plan.tasks.count()} nhiệm vụ, {plan.obligations.count()} kỳ báo cáo của đơn vị."
    )
