"""``manage.py workdays add YYYY-MM-DD N`` and ``manage.py workdays deadline YYYY-MM-DD N``.

Prints only the ISO date, so scripts can use the output directly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from grassroots.calendar import selectors
from grassroots.calendar.rules import CalendarRangeError


class Command(BaseCommand):
    help = "Tính ngày làm việc thứ N sau một ngày (add) hoặc hạn của thời hạn N ngày (deadline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", help="add | deadline")
        parser.add_argument("date", help="YYYY-MM-DD")
        parser.add_argument("n", help="số ngày (số nguyên)")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action not in ("add", "deadline"):
            raise CommandError(_("Thao tác không hợp lệ: %(action)s. Dùng 'add' hoặc 'deadline'.") % {"action": action})
        try:
            start = dt.date.fromisoformat(options["date"])
        except ValueError:
            raise CommandError(
                _("Ngày không hợp lệ: %(value)s. Nhập theo dạng YYYY-MM-DD, ví dụ 2026-02-13.")
                % {"value": options["date"]}
            ) from None
        try:
            n = int(options["n"])
        except ValueError:
            raise CommandError(
                _("Số ngày không hợp lệ: %(value)s. Nhập một số nguyên.") % {"value": options["n"]}
            ) from None
        if action == "deadline" and n < 0:
            raise CommandError(_("Số ngày của thời hạn không được âm."))
        try:
            compute = selectors.add_working_days if action == "add" else selectors.calendar_deadline
            result = compute(start, n)
        except CalendarRangeError:
            raise CommandError(
                _("Ngày nằm ngoài phạm vi lịch đã biết (%(first)s–%(last)s).")
                % {"first": selectors.DEFAULT_FIRST_YEAR, "last": selectors.DEFAULT_LAST_YEAR}
            ) from None
        self.stdout.write(result.isoformat())
