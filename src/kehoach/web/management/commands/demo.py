"""``python -m kehoach.web demo``: the same as ``kehoach demo`` (data for trying the app)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kehoach.web import demo


class Command(BaseCommand):
    help = (
        "Chuẩn bị dữ liệu dùng thử: cấu trúc cơ sở dữ liệu, hai cây tổ chức mẫu, năm kế "
        "hoạch mẫu và các tài khoản mẫu (in tên đăng nhập và mật khẩu)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="nhập lại các kế hoạch mẫu và đặt lại mật khẩu các tài khoản mẫu",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        demo.run(reset=options["reset"], out=self.stdout)
