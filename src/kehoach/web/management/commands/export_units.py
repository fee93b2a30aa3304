"""``python -m kehoach.web export_units``: the unit tree as YAML or CSV."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kehoach.orgtree import dumps_csv, dumps_yaml
from kehoach.web.models import Unit
from kehoach.web.units_io import export_tree


class Command(BaseCommand):
    help = "Xuất cây tổ chức (toàn bộ hoặc một nhánh) ra YAML hoặc CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format",
            choices=("yaml", "csv"),
            help="yaml hoặc csv (mặc định theo đuôi của -o, không có thì yaml)",
        )
        parser.add_argument("--root", metavar="CODE", help="chỉ xuất đơn vị này và cấp dưới")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="ghi ra tệp (mặc định in ra màn hình)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = options.get("output")
        fmt = options.get("format")
        if fmt is None:
            fmt = "csv" if output and output.lower().endswith(".csv") else "yaml"
        units = Unit.objects.select_related("parent").order_by("path")
        root_code = options.get("root")
        if root_code:
            root = Unit.objects.filter(code=root_code).first()
            if root is None:
                raise CommandError(f"không có đơn vị mã «{root_code}»")
            units = units.filter(path__startswith=root.path)
        tree = export_tree(list(units))
        text = dumps_csv(tree) if fmt == "csv" else dumps_yaml(tree)
        if not output:
            self.stdout.write(text, ending="" if text.endswith("\n") else "\n")
            return
        target = Path(output)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise CommandError(f"{target}: không ghi được tệp ({exc.strerror})") from None
        self.stderr.write(f"Đã xuất {len(tree)} đơn vị ra {target}.")
