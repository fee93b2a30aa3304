"""``python -m kehoach.web load_units PATH``: create or update units from a YAML or CSV tree."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kehoach.orgtree import OrgTreeError, load_tree
from kehoach.web.units_io import import_tree


class Command(BaseCommand):
    help = (
        "Nạp cây tổ chức từ tệp .yaml/.yml hoặc .csv (hoặc cây mẫu: longbien, two_tier): "
        "tạo đơn vị mới, cập nhật đơn vị cùng mã. Tệp lỗi thì không thay đổi gì."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="PATH", help="tệp cây tổ chức (.yaml, .yml, .csv)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            tree = load_tree(options["path"])
            created, updated = import_tree(tree)
        except OrgTreeError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Đã nạp {len(tree)} đơn vị: {created} đơn vị mới, {updated} đơn vị cập nhật."
        )
