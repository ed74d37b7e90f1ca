"""``manage.py run_jobs``: run the periodic jobs that are due. Start it from cron every 15 minutes::

    */15 * * * *  cd /srv/grassroots && .venv/bin/python manage.py run_jobs

``--list`` prints the registered jobs; ``--only NAME`` (repeatable) limits the run; ``--force`` ignores
the schedule (a daily job that already ran today runs again: harmless, every job is idempotent);
``--enqueue`` hands each job to the task queue (``db_worker``) instead of running it here.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core import clock
from grassroots.jobs import services
from grassroots.jobs.registry import registered_jobs


class Command(BaseCommand):
    help = "Chạy các công việc định kỳ đến hạn (đóng biểu quyết hết giờ, nhắc hạn, bản tin hằng ngày…)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", action="store_true", help="liệt kê các công việc đã đăng ký")
        parser.add_argument("--only", action="append", default=[], help="chỉ chạy công việc này (lặp lại được)")
        parser.add_argument("--force", action="store_true", help="chạy cả khi chưa đến giờ hoặc đã chạy hôm nay")
        parser.add_argument("--enqueue", action="store_true", help="đưa vào hàng đợi thay vì chạy ngay")

    def handle(self, *args: Any, **options: Any) -> None:
        jobs = registered_jobs()
        if options["list"]:
            for entry in jobs.values():
                self.stdout.write(f"{entry.name}\t{entry.every}\t{entry.hour:02d}h\t{entry.description}")
            return
        unknown = [name for name in options["only"] if name not in jobs]
        if unknown:
            raise CommandError(f"Không có công việc: {', '.join(unknown)}. Xem --list.")
        if options["enqueue"]:
            from grassroots.jobs.tasks import run_job

            now = clock.now()
            selected = [jobs[name] for name in options["only"]] if options["only"] else list(jobs.values())
            if not options["force"]:
                selected = services.due_jobs(now, jobs=selected)
            for entry in selected:
                run_job.enqueue(entry.name, now.isoformat())
                self.stdout.write(f"{entry.name}: enqueued")
            return
        failed = 0
        for record in services.jobs_run_due(only=options["only"], force=options["force"]):
            state = "ok" if record.succeeded else "FAILED"
            self.stdout.write(f"{record.name}: {state}, changed {record.changed}, attempts {record.attempts}")
            failed += 0 if record.succeeded else 1
        if failed:
            raise CommandError(f"{failed} công việc bị lỗi; xem bảng JobRun trong trang quản trị.")
