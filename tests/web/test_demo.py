"""``kehoach demo``: a fresh data directory becomes a library one can log into, and running it
again adds nothing."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from django.contrib.auth.hashers import check_password

from kehoach.orgtree import load_tree, sample_tree_path
from kehoach.web.demo import DEMO_USERS, owner_code, read_passwords, side_by_side

KEHOACH = Path(sys.executable).with_name("kehoach")
TABLES = (
    "kehoach_task",
    "kehoach_obligation",
    "kehoach_report",
    "kehoach_unit",
    "kehoach_plan",
    "kehoach_sourcefile",
    "kehoach_upload",
    "kehoach_membership",
    "auth_user",
)


def run_demo(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    return subprocess.run(
        [str(KEHOACH), "demo", "--data-dir", str(tmp_path / "var"), *extra],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def counts(db: Path) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def test_demo_fills_a_fresh_data_directory_and_a_second_run_adds_nothing(tmp_path):
    first = run_demo(tmp_path)
    assert first.returncode == 0, first.stderr
    db = tmp_path / "var" / "kehoach.sqlite3"
    assert db.exists(), "the embedded database lives in the data directory"
    after_first = counts(db)
    assert after_first["kehoach_plan"] == 5
    assert after_first["kehoach_sourcefile"] == 5
    assert after_first["auth_user"] == len(DEMO_USERS)
    assert after_first["kehoach_membership"] == len(DEMO_USERS) - 1  # all but the superuser

    # Both sample trees: the district-era Quận ủy and the two-tier Thành ủy's new department.
    codes = {c for (c,) in rows(db, "select code from kehoach_unit")}
    assert {"QU-LB", "LDLD-LB", "DU-P-BODE", "BTGDV-TU-HN", "DU-X-BATTRANG"} <= codes
    assert len(codes) == after_first["kehoach_unit"]

    # Each seed sits in the library of the unit that issued it, saved.
    owners = dict(
        rows(
            db,
            "select p.number, u.code from kehoach_plan p join kehoach_unit u on u.id = p.owner_id",
        )
    )
    assert owners["17"] == "QU-LB"
    assert owners["193"] == "QU-LB"
    assert owners["43"] == "LDLD-LB"
    statuses = dict(rows(db, "select number, status from kehoach_plan"))
    assert statuses.pop("193") == "issued"  # issued today, with work under way
    assert set(statuses.values()) == {"saved"}
    assert after_first["kehoach_task"] > 0 and after_first["kehoach_obligation"] > 0
    # Some wards have reported and the department has accepted some; Bồ Đề has not.
    states = dict(
        rows(
            db,
            "select u.code, r.state from kehoach_report r join kehoach_unit u on u.id = r.unit_id",
        )
    )
    assert "accepted" in states.values() and "submitted" in states.values()
    assert "DU-P-BODE" not in states

    second = run_demo(tmp_path)
    assert second.returncode == 0, second.stderr
    assert counts(db) == after_first
    assert "0 kế hoạch mới" in second.stdout


def test_demo_prints_every_user_with_a_password_that_logs_in(tmp_path):
    result = run_demo(tmp_path)
    assert result.returncode == 0, result.stderr
    password_file = tmp_path / "var" / "demo-passwords.txt"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    passwords = read_passwords(password_file)
    hashes = dict(
        rows(tmp_path / "var" / "kehoach.sqlite3", "select username, password from auth_user")
    )
    table = result.stdout[result.stdout.index("Tài khoản mẫu") :]
    for person in DEMO_USERS:
        line = next(line for line in table.splitlines() if line.split()[:1] == [person.username])
        assert passwords[person.username] in line
        assert check_password(passwords[person.username], hashes[person.username])
    assert "Lãnh đạo" in table
    assert "Báo cáo viên đơn vị" in table

    # A second run prints the same passwords: they were made once.
    again = run_demo(tmp_path)
    assert again.returncode == 0, again.stderr
    for person in DEMO_USERS:
        assert passwords[person.username] in again.stdout


def test_demo_reset_puts_back_a_changed_password(tmp_path):
    assert run_demo(tmp_path).returncode == 0
    db = tmp_path / "var" / "kehoach.sqlite3"
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("update auth_user set password = 'x' where username = 'xem'")
    passwords = read_passwords(tmp_path / "var" / "demo-passwords.txt")
    before = counts(db)
    assert run_demo(tmp_path).returncode == 0
    assert dict(rows(db, "select username, password from auth_user"))["xem"] == "x"

    reset = run_demo(tmp_path, "--reset")
    assert reset.returncode == 0, reset.stderr
    encoded = dict(rows(db, "select username, password from auth_user"))["xem"]
    assert check_password(passwords["xem"], encoded)
    assert counts(db)["kehoach_plan"] == before["kehoach_plan"]


def test_units_of_the_two_trees_that_moved_keep_both_versions():
    longbien = load_tree(sample_tree_path("longbien"))
    two_tier = side_by_side(longbien, load_tree(sample_tree_path("two_tier")))
    # Bồ Đề's Party committee answered to the Quận ủy, and since 2025 to the Thành ủy.
    assert longbien.get("DU-P-BODE").parent == "QU-LB"
    assert two_tier.get("DU-P-BODE-2025").parent == "TU-HN"
    assert two_tier.get("UBND-P-BODE-2025").parent == "DU-P-BODE-2025"
    assert "DU-P-BODE" not in two_tier
    # The Thành ủy is one body in both: the same code, described once.
    assert two_tier.get("TU-HN") == longbien.get("TU-HN")


def test_a_seed_goes_to_the_unit_named_after_its_standing_body():
    tree = load_tree(sample_tree_path("longbien"))
    assert owner_code("Ban Thường vụ Liên đoàn Lao động quận Long Biên", tree) == "LDLD-LB"
    assert owner_code("Ban Thường vụ Quận uỷ Long Biên", tree) == "QU-LB"
    assert owner_code("Ban Tuyên giáo Quận ủy Long Biên", tree) == "BTG-QU-LB"
    assert owner_code("Thường trực Huyện ủy Bạch Thông", tree) == "QU-LB"  # not in the tree
    assert owner_code("", tree) == "QU-LB"
