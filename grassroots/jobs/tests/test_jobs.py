"""The job runner: registry, schedule, retries, and the built-in jobs run twice (the second run changes nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.db import OperationalError

from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.jobs import registry, rules, services
from grassroots.jobs.models import JobRun
from grassroots.jobs.retry import RetriesExhausted, retry
from grassroots.voting.testing import NOW, VN


@pytest.fixture
def scratch_jobs() -> Iterator[list[str]]:
    """Names of jobs a test registers; unregistered afterwards so other tests see the real registry."""
    names: list[str] = []
    yield names
    for name in names:
        registry.unregister_job(name)


def _at(hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, 23, hour, 0, tzinfo=VN)


# --- rules -----------------------------------------------------------------------------------


def test_daily_job_waits_for_its_hour_and_runs_once() -> None:
    job = registry.Job(name="x", run=lambda now: 0, every=registry.DAILY, hour=7)
    assert not rules.is_due(job, local_now=_at(6), succeeded_today=False)
    assert rules.is_due(job, local_now=_at(7), succeeded_today=False)
    assert not rules.is_due(job, local_now=_at(9), succeeded_today=True)


def test_hourly_job_is_always_due() -> None:
    job = registry.Job(name="x", run=lambda now: 0, every=registry.HOURLY)
    assert rules.is_due(job, local_now=_at(0), succeeded_today=True)


def test_retry_pauses_double() -> None:
    assert [rules.retry_delay(attempt) for attempt in (1, 2, 3)] == [2.0, 4.0, 8.0]


def test_register_refuses_an_unknown_schedule() -> None:
    with pytest.raises(ValueError, match="every"):
        registry.register_job("x", lambda now: 0, every="weekly")
    with pytest.raises(ValueError, match="hour"):
        registry.register_job("x", lambda now: 0, hour=24)


# --- retry -----------------------------------------------------------------------------------


def test_retry_tries_again_after_a_passing_error() -> None:
    calls: list[int] = []
    pauses: list[float] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("database is locked")
        return "ok"

    assert retry(flaky, sleep=pauses.append) == "ok"
    assert len(calls) == 3
    assert pauses == [2.0, 4.0]


def test_retry_gives_up_after_its_attempts() -> None:
    pauses: list[float] = []

    def always() -> None:
        raise OSError("gateway down")

    with pytest.raises(RetriesExhausted) as caught:
        retry(always, attempts=2, sleep=pauses.append)
    assert caught.value.attempts == 2
    assert pauses == [2.0]


def test_retry_never_asks_the_law_twice() -> None:
    calls: list[int] = []

    def refused() -> None:
        calls.append(1)
        raise DomainError("x.refused")

    with pytest.raises(DomainError):
        retry(refused, retry_on=(Exception,), sleep=lambda _s: None)
    assert calls == [1]


def test_retry_does_not_catch_a_bug() -> None:
    with pytest.raises(KeyError):
        empty: dict[str, int] = {}
        retry(lambda: empty["missing"], sleep=lambda _s: None)


# --- runner ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_next_still_runs(scratch_jobs: list[str]) -> None:
    ran: list[str] = []

    def broken(now: dt.datetime) -> int:
        raise RuntimeError("bug")

    def fine(now: dt.datetime) -> int:
        ran.append("fine")
        return 2

    for name, run in (("test.a_broken", broken), ("test.b_fine", fine)):
        registry.register_job(name, run, every=registry.HOURLY)
        scratch_jobs.append(name)
    records = services.jobs_run_due(only=scratch_jobs, now=_at(8), sleep=lambda _s: None)
    assert [(record.name, record.succeeded, record.changed) for record in records] == [
        ("test.a_broken", False, 0),
        ("test.b_fine", True, 2),
    ]
    assert "RuntimeError: bug" in records[0].error
    assert ran == ["fine"]


@pytest.mark.django_db
def test_a_passing_error_is_retried_within_the_run(scratch_jobs: list[str]) -> None:
    tries: list[int] = []

    def locked_once(now: dt.datetime) -> int:
        tries.append(1)
        if len(tries) == 1:
            raise OperationalError("database is locked")
        return 1

    registry.register_job("test.locked_once", locked_once, every=registry.HOURLY)
    scratch_jobs.append("test.locked_once")
    record = services.job_run(name="test.locked_once", now=_at(8), sleep=lambda _s: None)
    assert (record.succeeded, record.attempts, record.changed) == (True, 2, 1)


@pytest.mark.django_db
def test_a_daily_job_runs_once_a_day_unless_forced(scratch_jobs: list[str]) -> None:
    runs: list[dt.datetime] = []

    def daily(now: dt.datetime) -> int:
        runs.append(now)
        return 0

    registry.register_job("test.daily", daily, every=registry.DAILY, hour=7)
    scratch_jobs.append("test.daily")
    assert services.jobs_run_due(only=scratch_jobs, now=_at(6)) == []
    assert len(services.jobs_run_due(only=scratch_jobs, now=_at(7))) == 1
    assert services.jobs_run_due(only=scratch_jobs, now=_at(8)) == []
    assert len(services.jobs_run_due(only=scratch_jobs, now=_at(9), force=True)) == 1
    next_day = dt.datetime(2026, 11, 24, 7, 0, tzinfo=VN)
    assert len(services.jobs_run_due(only=scratch_jobs, now=next_day)) == 1
    assert len(runs) == 3


@pytest.mark.django_db
def test_the_command_lists_and_runs(scratch_jobs: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    registry.register_job("test.cmd", lambda now: 5, every=registry.HOURLY, description="thử")
    scratch_jobs.append("test.cmd")
    call_command("run_jobs", "--list")
    assert "voting.close_ended_online_votes" in capsys.readouterr().out
    call_command("run_jobs", "--only", "test.cmd")
    assert "test.cmd: ok, changed 5" in capsys.readouterr().out
    call_command("run_jobs", "--only", "test.cmd", "--enqueue")
    assert JobRun.objects.filter(name="test.cmd", succeeded=True).count() == 2  # immediate backend: ran inline


# --- built-in jobs: twice, the second run changes nothing -------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_clock")
def test_online_vote_closes_once_its_window_ended(community, village_head, front_head, household_representative):  # type: ignore[no-untyped-def]
    from grassroots.jobs.builtin import close_ended_online_votes
    from grassroots.voting.models import CommunityVote, VoteStatus
    from grassroots.voting.tests.test_tasks import online_vote

    vote = online_vote(community, village_head, front_head)
    assert vote.ends_at is not None
    assert close_ended_online_votes(vote.ends_at - dt.timedelta(seconds=1)) == 0
    assert CommunityVote.objects.get(pk=vote.pk).status == VoteStatus.OPEN
    assert close_ended_online_votes(vote.ends_at) == 1
    assert CommunityVote.objects.get(pk=vote.pk).status == VoteStatus.CLOSED
    events = AuditEvent.objects.count()
    assert close_ended_online_votes(vote.ends_at + dt.timedelta(hours=1)) == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_clock")
def test_a_meeting_is_never_closed_by_the_clock(community, village_head):  # type: ignore[no-untyped-def]
    from grassroots.jobs.builtin import close_ended_online_votes
    from grassroots.voting.models import VoteStatus
    from grassroots.voting.testing import open_meeting

    meeting = open_meeting(community, village_head)
    assert close_ended_online_votes(NOW + dt.timedelta(days=30)) == 0
    meeting.refresh_from_db()
    assert meeting.status == VoteStatus.OPEN


@pytest.mark.django_db
def test_posting_ends_on_the_first_allowed_day_and_only_once(commune, commune_officer):  # type: ignore[no-untyped-def]
    from grassroots.disclosures import services as disclosures
    from grassroots.disclosures.models import DisclosureCategory, Status
    from grassroots.jobs.builtin import end_posting_periods

    category = DisclosureCategory.objects.filter(
        regime="commune", is_permanent=False, min_posting_days__isnull=False
    ).order_by("code")[0]
    published = dt.datetime(2026, 11, 2, 9, 0, tzinfo=VN)
    minimum = category.min_posting_days
    assert minimum is not None
    disclosure = disclosures.disclosure_create(
        unit=commune,
        category=category,
        title="Kế hoạch sử dụng đất năm 2027",
        decided_on=dt.date(2026, 10, 30),
        actor=commune_officer,
        now=published,
    )
    disclosures.disclosure_publish(disclosure=disclosure, actor=commune_officer, now=published)
    last_day = published + dt.timedelta(days=minimum - 1)
    assert end_posting_periods(last_day) == 0
    first_allowed = published + dt.timedelta(days=minimum)
    assert end_posting_periods(first_allowed) == 1
    disclosure.refresh_from_db()
    assert disclosure.status == Status.ENDED
    events = AuditEvent.objects.count()
    assert end_posting_periods(first_allowed + dt.timedelta(days=1)) == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_a_permanent_item_is_never_ended(commune, commune_officer):  # type: ignore[no-untyped-def]
    from grassroots.disclosures import services as disclosures
    from grassroots.disclosures.models import DisclosureCategory, Status
    from grassroots.jobs.builtin import end_posting_periods

    category = DisclosureCategory.objects.filter(regime="commune", is_permanent=True).order_by("code")[0]
    published = dt.datetime(2026, 1, 5, 9, 0, tzinfo=VN)
    disclosure = disclosures.disclosure_create(
        unit=commune,
        category=category,
        title="Quy chế",
        decided_on=dt.date(2026, 1, 2),
        actor=commune_officer,
        now=published,
    )
    disclosures.disclosure_publish(disclosure=disclosure, actor=commune_officer, now=published)
    assert end_posting_periods(published + dt.timedelta(days=400)) == 0
    disclosure.refresh_from_db()
    assert disclosure.status == Status.PUBLISHED
