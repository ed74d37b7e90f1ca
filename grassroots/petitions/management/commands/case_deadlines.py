"""``manage.py case_deadlines --kind feedback|petition|complaint|denunciation --received YYYY-MM-DD [--json]``.

Prints the due date of each step of a case of that kind received that day, from the stored calendar:
``acknowledge_by`` for every kind; ``accept_by`` and ``resolve_by`` for complaints; ``initial_handling_by``,
``forward_by`` and ``resolve_by`` for denunciations; ``resolve_by`` (the commune's target) for feedback and
petitions. Without ``--accepted``, ``resolve_by`` of a complaint or denunciation is the latest lawful date
(acceptance on its last day).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from grassroots.calendar.rules import CalendarRangeError
from grassroots.petitions import selectors
from grassroots.petitions.models import CaseKind, Complexity


def _date(value: str | None, label: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            _("%(label)s không hợp lệ: %(value)s. Nhập theo dạng YYYY-MM-DD, ví dụ 2027-02-03.")
            % {"label": label, "value": value}
        ) from None


class Command(BaseCommand):
    help = "In hạn của từng bước xử lý một vụ việc (phản ánh, kiến nghị, khiếu nại, tố cáo) theo ngày tiếp nhận."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", required=True, help="feedback | petition | complaint | denunciation")
        parser.add_argument("--received", required=True, help="YYYY-MM-DD")
        parser.add_argument("--accepted", help="YYYY-MM-DD (ngày thụ lý, nếu đã có)")
        parser.add_argument("--complexity", default=Complexity.NORMAL, help="normal | complex | especially_complex")
        parser.add_argument("--remote", action="store_true", help="xã vùng sâu, vùng xa (khiếu nại)")
        parser.add_argument("--several-places", action="store_true", help="cần kiểm tra ở nhiều nơi (tố cáo)")
        parser.add_argument("--json", action="store_true", help="in dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        if kind not in CaseKind.values:
            raise CommandError(
                _("Loại vụ việc không hợp lệ: %(value)s. Dùng một trong: %(choices)s.")
                % {"value": kind, "choices": ", ".join(CaseKind.values)}
            )
        if options["complexity"] not in Complexity.values:
            raise CommandError(
                _("Mức độ phức tạp không hợp lệ: %(value)s. Dùng một trong: %(choices)s.")
                % {"value": options["complexity"], "choices": ", ".join(Complexity.values)}
            )
        received = _date(options["received"], _("Ngày tiếp nhận"))
        accepted = _date(options["accepted"], _("Ngày thụ lý"))
        assert received is not None
        if accepted is not None and accepted < received:
            raise CommandError(_("Ngày thụ lý không được trước ngày tiếp nhận."))
        try:
            clocks = selectors.step_due_dates(
                kind=kind,
                received_on=received,
                accepted_on=accepted,
                complexity=options["complexity"],
                remote_area=options["remote"],
                several_places=options["several_places"],
            )
        except CalendarRangeError:
            raise CommandError(_("Ngày nằm ngoài phạm vi lịch đã biết.")) from None
        except DatabaseError:
            raise CommandError(
                _("Không đọc được bảng lịch làm việc. Hãy chạy 'python manage.py migrate' trước.")
            ) from None
        values = {name: day.isoformat() if day else None for name, day in clocks.items()}
        if options["json"]:
            self.stdout.write(json.dumps({"kind": kind, "received": received.isoformat(), **values}, indent=2))
            return
        for name, value in values.items():
            self.stdout.write(f"{name}: {value}")
