"""The job runner: runs the registered jobs that are due, each with retries, and records every run."""

from __future__ import annotations

import datetime as dt
import logging
import time
import traceback
from collections.abc import Callable, Iterable

from grassroots.core import clock
from grassroots.jobs import rules
from grassroots.jobs.models import JobRun
from grassroots.jobs.registry import Job, job, registered_jobs
from grassroots.jobs.retry import RetriesExhausted, retry

logger = logging.getLogger(__name__)


def _succeeded_today(name: str, day: dt.date) -> bool:
    return JobRun.objects.filter(name=name, day=day, succeeded=True).exists()


def job_run(*, name: str, now: dt.datetime | None = None, sleep: Callable[[float], None] = time.sleep) -> JobRun:
    """Run one job now, whatever its schedule: up to ``RETRY_ATTEMPTS`` tries on a passing error.

    Any other error is recorded on the ``JobRun`` (with its traceback) and does not stop the caller:
    one broken job must not keep the others from running.
    """
    moment = now or clock.now()
    entry = job(name)
    attempts = 0

    def attempt() -> int:
        nonlocal attempts
        attempts += 1
        return int(entry.run(moment))

    record = JobRun.objects.create(name=name, day=clock.localdate(moment), started_at=clock.now())
    try:
        record.changed = retry(attempt, sleep=sleep)
        record.succeeded = True
    except RetriesExhausted as error:
        record.error = "".join(traceback.format_exception(error.last))[-4000:]
    except Exception as error:  # recorded, logged, and the next job still runs
        logger.exception("job %s failed", name)
        record.error = "".join(traceback.format_exception(error))[-4000:]
    record.attempts = attempts
    record.finished_at = clock.now()
    record.save()
    return record


def due_jobs(now: dt.datetime | None = None, *, jobs: Iterable[Job] | None = None) -> list[Job]:
    """The registered jobs that ``run_jobs`` would start at ``now``."""
    moment = now or clock.now()
    local_now = moment.astimezone(clock.local_zone())
    day = local_now.date()
    candidates = list(jobs) if jobs is not None else list(registered_jobs().values())
    return [
        entry
        for entry in candidates
        if rules.is_due(entry, local_now=local_now, succeeded_today=_succeeded_today(entry.name, day))
    ]


def jobs_run_due(
    *,
    now: dt.datetime | None = None,
    only: Iterable[str] = (),
    force: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> list[JobRun]:
    """Run every due job (or only the named ones; ``force`` ignores the schedule), in name order."""
    moment = now or clock.now()
    wanted = [job(name) for name in only] if only else list(registered_jobs().values())
    selected = wanted if force else due_jobs(moment, jobs=wanted)
    return [job_run(name=entry.name, now=moment, sleep=sleep) for entry in selected]
