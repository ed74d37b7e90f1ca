"""The periodic job registry: every app plugs its scheduled work in here.

A job is an idempotent service ``(now) -> int`` (how many records it changed): running it twice in a
row changes nothing the second time, so cron may start ``manage.py run_jobs`` as often as it likes,
and two overlapping runs do no harm. Register in your ``AppConfig.ready()``::

    from grassroots.jobs.registry import DAILY, register_job

    def close_ended_things(now):
        changed = 0
        for thing in selectors.ended_but_open(now):
            services.thing_close(thing=thing, actor=None, now=now)   # audited like any other write
            changed += 1
        return changed

    register_job("things.close_ended", close_ended_things, every=DAILY,
                 description="Close things whose window ended")

``every`` is ``HOURLY`` (every run of ``run_jobs``) or ``DAILY`` (the first successful run of the day in
Vietnam at or after ``hour``). A job must never depend on having run at a given time: it reads the
state and ``now`` and does what is due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

HOURLY = "hourly"
DAILY = "daily"

JobFunction = Callable[[dt.datetime], int]


@dataclass(frozen=True)
class Job:
    name: str
    run: JobFunction
    every: str = DAILY
    hour: int = 0
    """For a daily job: the first hour (Vietnam time) at which it may run that day."""
    description: str = ""


_jobs: dict[str, Job] = {}


def register_job(
    name: str, run: JobFunction, *, every: str = DAILY, hour: int = 0, description: str = ""
) -> JobFunction:
    """Register (or replace) the job called ``name``; returns ``run`` so it can be a decorator's target."""
    if every not in (HOURLY, DAILY):
        raise ValueError(f"every must be {HOURLY!r} or {DAILY!r}, not {every!r}")
    if not 0 <= hour <= 23:
        raise ValueError("hour must be 0–23")
    _jobs[name] = Job(name=name, run=run, every=every, hour=hour, description=description)
    return run


def unregister_job(name: str) -> None:
    _jobs.pop(name, None)


def registered_jobs() -> dict[str, Job]:
    return dict(sorted(_jobs.items()))


def job(name: str) -> Job:
    try:
        return _jobs[name]
    except KeyError:
        raise KeyError(f"no job registered as {name!r}; known: {', '.join(sorted(_jobs))}") from None
