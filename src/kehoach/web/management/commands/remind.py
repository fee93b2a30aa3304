"""``python -m kehoach.web remind``: send the reminders and weekly digests due today.

For a deployment without ``kehoach serve`` (which does this hourly): run it from cron, e.g.
``0 * * * * cd /srv/kehoach && .venv/bin/python -m kehoach.web remind``. Running it again
sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

if TYPE_CHECKING:
    from kehoach.web.digest import SentDigest
    from kehoach.web.reminders import SentReminder


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"ngày không hợp lệ: {text!r} (cần dạng YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = (
        "Gửi nhắc hạn (trước hạn và quá hạn) cho các đơn vị và bản tổng hợp tuần cho phòng, "
        "ban ban hành kế hoạch; chạy lại không gửi trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="coi hôm nay là ngày này (mặc định: ngày hiện tại theo TIME_ZONE)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="chỉ in những gì sẽ gửi, không gửi và không ghi gì",
        )
        parser.add_argument("--no-digest", action="store_true", help="không gửi bản tổng hợp tuần")

    def handle(self, *args: Any, **options: Any) -> None:
        # Imported here, not at the top: ``kehoach remind`` loads this module before Django
        # is set up.
        from kehoach.web.digest import send_digests
        from kehoach.web.reminders import send_reminders

        today = _date(options["date"]) if options["date"] else timezone.localdate()
        dry_run = bool(options["dry_run"])
        verb = "Sẽ gửi" if dry_run else "Đã gửi"

        def said_reminder(sent: SentReminder) -> None:
            self.stdout.write(f"{verb}: {sent.text} → {sent.unit} ({sent.recipients} người)")

        def said_digest(sent: SentDigest) -> None:
            first = sent.text.splitlines()[0]
            self.stdout.write(f"{verb}: {first} ({sent.recipients} người)")

        reminders = send_reminders(today, dry_run=dry_run, on_sent=said_reminder)
        self.stdout.write(
            f"Nhắc hạn ngày {today:%d/%m/%Y}: {len(reminders.sent)} "
            f"{'sẽ gửi' if dry_run else 'đã gửi'}, {reminders.already_sent} đã gửi trước đó."
        )
        if options["no_digest"]:
            return
        digests = send_digests(today, dry_run=dry_run, on_sent=said_digest)
        self.stdout.write(
            f"Tổng hợp tuần từ {digests.week_start:%d/%m/%Y}: {len(digests.sent)} "
            f"{'sẽ gửi' if dry_run else 'đã gửi'}, {digests.already_sent} đã gửi trước đó, "
            f"{digests.quiet} đơn vị không có gì cần báo."
        )


def main(day: str | None = None, dry_run: bool = False, data_dir: str | None = None) -> int:
    """The CLI's ``kehoach remind``: 0 on success, 2 with one line on stderr otherwise."""
    import sys

    from kehoach.web import demo

    try:
        demo.configure(data_dir)
        from django.core.management import call_command

        options: dict[str, Any] = {"dry_run": dry_run}
        if day:
            options["date"] = day
        call_command("remind", **options)
    except CommandError as exc:
        print(f"kehoach: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # never a traceback for a clerk; say what failed
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        if isinstance(exc, ImproperlyConfigured | DatabaseError):
            print(f"kehoach: không gửi được nhắc hạn: {exc}", file=sys.stderr)
            return 2
        raise
    return 0
