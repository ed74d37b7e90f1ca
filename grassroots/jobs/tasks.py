"""Background tasks of the job runner (Django's task framework, ``django.tasks``).

``run_jobs --enqueue`` puts each due job on the queue instead of running it in the cron process; the
worker (``manage.py db_worker`` with the database backend) runs it. Tests use the immediate backend,
which runs a task inline when it is enqueued.
"""

from __future__ import annotations

from django.tasks import task


@task()
def run_job(name: str, now_iso: str = "") -> int:
    """Run the registered job ``name``; returns the number of records it changed (or -1 when it failed)."""
    import datetime as dt

    from grassroots.jobs.services import job_run

    now = dt.datetime.fromisoformat(now_iso) if now_iso else None
    record = job_run(name=name, now=now)
    return record.changed if record.succeeded else -1
