"""Print the demo logins as a table: ``python manage.py demo_logins``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from grassroots.demo.services import demo_login_rows


class Command(BaseCommand):
    help = "Print the demo commune's logins (username, password, role, unit)."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_login_rows()
        if len(rows) <= 1:
            self.stderr.write("No demo users yet: run `python manage.py seed_demo` first.")
        header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")
        table = [header, *((row.username, row.password, row.role, row.unit) for row in rows)]
        widths = [max(len(line[column]) for line in table) for column in range(len(header))]
        for number, line in enumerate(table):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
