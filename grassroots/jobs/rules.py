"""Pure decisions of the job runner: is a job due, how long to wait before the next try."""

from __future__ import annotations

import datetime as dt

from grassroots.jobs.registry import DAILY, Job

RETRY_ATTEMPTS = 3
"""How many times a failing job (or task) is tried in one run before it is recorded as failed."""
RETRY_BASE_SECONDS = 2.0
"""The first pause between two tries; each next pause doubles (2 s, 4 s, …)."""


def is_due(job: Job, *, local_now: dt.datetime, succeeded_today: bool) -> bool:
    """Whether ``job`` should run at ``local_now`` (Vietnam time).

    An hourly job always runs; a daily job runs once a day, at or after its hour, until one run succeeds.
    """
    if job.every != DAILY:
        return True
    return not succeeded_today and local_now.hour >= job.hour


def retry_delay(attempt: int, base: float = RETRY_BASE_SECONDS) -> float:
    """Seconds to wait after failed try number ``attempt`` (1-based): 2, 4, 8, …"""
    return float(base * (2 ** (attempt - 1)))
