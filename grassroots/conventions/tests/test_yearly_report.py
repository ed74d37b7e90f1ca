"""The yearly review and report of a convention ([ND61] arts 15(4), 19): due on the review day (18 November by
default, plus ``CONVENTIONS_YEARLY_REPORT_WORKING_DAYS``), overdue the day after, listed for the commune People's
Committee and the village head, and notified once by ``jobs.overdue_yearly_reports``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.calendar import rules as calendar_rules
from grassroots.conventions import jobs, rules, selectors, services, tasks
from grassroots.conventions.models import Convention
from grassroots.conventions.tests.conftest import VN, recognise
from grassroots.dashboard.registry import TaskProvider
from grassroots.notifications.models import Notification

NO_HOLIDAYS = calendar_rules.build_calendar(first_day=dt.date(2026, 1, 1), last_day=dt.date(2027, 12, 31), holidays={})


# --- rules (no database) -------------------------------------------------------------------------------


def test_report_is_due_on_the_review_day_by_default() -> None:
    assert rules.YEARLY_REPORT_WORKING_DAYS == 0
    assert rules.yearly_report_due(dt.date(2026, 11, 18), 0, NO_HOLIDAYS) == dt.date(2026, 11, 18)
    # Wednesday 18/11/2026 + 2 working days = Friday 20/11; + 3 = Monday 23/11.
    assert rules.yearly_report_due(dt.date(2026, 11, 18), 2, NO_HOLIDAYS) == dt.date(2026, 11, 20)
    assert rules.yearly_report_due(dt.date(2026, 11, 18), 3, NO_HOLIDAYS) == dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("today", "recognised", "reported", "overdue"),
    [
        (dt.date(2026, 11, 18), dt.date(2026, 1, 5), False, False),  # the last day itself: not yet overdue
        (dt.date(2026, 11, 19), dt.date(2026, 1, 5), False, True),  # the day after: overdue
        (dt.date(2026, 11, 19), dt.date(2026, 1, 5), True, False),  # recorded
        (dt.date(2026, 11, 19), dt.date(2026, 11, 18), False, True),  # recognised on the review day: owes it
        (dt.date(2026, 12, 1), dt.date(2026, 11, 19), False, False),  # recognised after the review day
        (dt.date(2026, 11, 19), None, False, False),  # never recognised
    ],
)
def test_yearly_report_overdue(today: dt.date, recognised: dt.date | None, reported: bool, overdue: bool) -> None:
    day = dt.date(2026, 11, 18)
    assert (
        rules.yearly_report_overdue(
            review_day=day, due_on=day, today=today, first_recognised_on=recognised, reported=reported
        )
        is overdue
    )


def test_report_year_is_last_year_until_this_years_day_has_passed() -> None:
    due = dt.date(2027, 11, 18)
    assert rules.report_year(dt.date(2027, 1, 10), due) == 2026
    assert rules.report_year(dt.date(2027, 11, 18), due) == 2026
    assert rules.report_year(dt.date(2027, 11, 19), due) == 2027


# --- selectors, dashboard, job -------------------------------------------------------------------------


def _items(provider: TaskProvider, user: User, today: dt.date) -> list[tuple[str, dt.date | None]]:
    return [(item.url, item.due_date) for item in provider(user, today)]


@pytest.mark.django_db
def test_commune_sees_the_overdue_report_from_the_day_after_the_review_day(
    convention: Convention, village_head: User, commune_chair: User, other_commune_officer: User
) -> None:
    recognise(convention, village_head, commune_chair)  # recognised 11/11/2026, before the review day
    page = reverse("conventions:staff_detail", args=[convention.pk])
    assert selectors.overdue_yearly_reports(dt.date(2026, 11, 18)) == []
    assert list(tasks.yearly_report_tasks(commune_chair, dt.date(2026, 11, 18))) == []
    [item] = list(tasks.yearly_report_tasks(commune_chair, dt.date(2026, 11, 19)))
    assert item.due_date == dt.date(2026, 11, 18) and "2026" in item.title and convention.title in item.title
    assert item.url == page + "?bao-cao-nam=2026"
    assert list(tasks.yearly_report_tasks(other_commune_officer, dt.date(2026, 11, 19))) == []
    assert list(tasks.yearly_report_tasks(village_head, dt.date(2026, 11, 19))) == []  # not the committee
    # Still owed in January; the village head's list carries it too (this year's review is not listed yet).
    [(_url, due)] = _items(tasks.yearly_report_tasks, commune_chair, dt.date(2027, 1, 10))
    assert due == dt.date(2026, 11, 18)
    village = _items(tasks.village_tasks, village_head, dt.date(2027, 1, 10))
    assert [due for _url, due in village] == [dt.date(2026, 11, 18)]
    services.review_record(
        convention=convention,
        held_on=dt.date(2026, 11, 25),
        findings="Các hộ thực hiện tốt.",
        actor=village_head,
        now=dt.datetime(2026, 11, 25, 20, 0, tzinfo=VN),
    )
    assert list(tasks.yearly_report_tasks(commune_chair, dt.date(2026, 11, 26))) == []
    assert _items(tasks.village_tasks, village_head, dt.date(2027, 1, 10)) == []


@pytest.mark.django_db
def test_setting_moves_the_last_day_by_working_days(
    settings: Settings, convention: Convention, village_head: User, commune_chair: User
) -> None:
    settings.CONVENTIONS_YEARLY_REPORT_WORKING_DAYS = 2
    recognise(convention, village_head, commune_chair)
    assert selectors.overdue_yearly_reports(dt.date(2026, 11, 20)) == []  # Friday 20/11: the last day
    [overdue] = selectors.overdue_yearly_reports(dt.date(2026, 11, 21))
    assert (overdue.convention, overdue.year, overdue.due_on) == (convention, 2026, dt.date(2026, 11, 20))
    # The village head's review item carries the report's last day.
    [(_url, due)] = _items(tasks.village_tasks, village_head, dt.date(2026, 11, 10))
    assert due == dt.date(2026, 11, 20)


@pytest.mark.django_db
def test_daily_job_tells_the_village_head_and_the_committee_once(
    convention: Convention, village_head: User, commune_chair: User, commune_officer: User
) -> None:
    recognise(convention, village_head, commune_chair)
    assert jobs.overdue_yearly_reports(dt.datetime(2026, 11, 18, 5, 0, tzinfo=VN)) == 0
    created = jobs.overdue_yearly_reports(dt.datetime(2026, 11, 19, 5, 0, tzinfo=VN))
    users = set(Notification.objects.filter(kind=jobs.OVERDUE_REPORT_KIND).values_list("user_id", flat=True))
    assert village_head.pk in users and commune_chair.pk in users
    assert created == len(users)
    assert jobs.overdue_yearly_reports(dt.datetime(2026, 11, 20, 5, 0, tzinfo=VN)) == 0  # idempotent
    notice = Notification.objects.filter(kind=jobs.OVERDUE_REPORT_KIND, user=commune_chair).get()
    assert notice.params["year"] == 2026 and notice.params["due"] == "18/11/2026"


def test_job_and_kind_are_registered() -> None:
    from grassroots.dashboard.registry import registered_providers
    from grassroots.jobs.registry import registered_jobs
    from grassroots.notifications.kinds import registered_kinds

    assert "conventions.overdue_yearly_reports" in registered_jobs()
    assert jobs.OVERDUE_REPORT_KIND in registered_kinds()
    assert registered_providers()["conventions.yearly_reports"] is tasks.yearly_report_tasks
