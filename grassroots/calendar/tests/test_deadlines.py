"""Deadlines as people read them: ``rules.deadline_status`` (pure), the selector and the ``{% deadline %}`` tag."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template

from grassroots.calendar import rules, selectors
from grassroots.calendar.rules import DeadlineStatus, Urgency
from grassroots.units.models import OrganisationKind
from grassroots.units.tests.factories import CommuneFactory, OrganisationFactory

D = dt.date
FRIDAY = D(2026, 11, 20)
SATURDAY = D(2026, 11, 21)


@pytest.mark.parametrize(
    ("due", "today", "left", "urgency"),
    [
        (D(2026, 11, 27), FRIDAY, 5, Urgency.LATER),  # Mon–Fri of the next week
        (D(2026, 11, 25), FRIDAY, 3, Urgency.DUE_SOON),
        (FRIDAY, FRIDAY, 0, Urgency.DUE_SOON),  # the last day
        (FRIDAY, D(2026, 11, 22), 0, Urgency.OVERDUE),  # seen on Sunday: no working day gone, still overdue
        (D(2026, 11, 18), FRIDAY, -2, Urgency.OVERDUE),  # Thu 19 and Fri 20 have passed
        (D(2026, 2, 13), D(2026, 2, 24), -2, Urgency.OVERDUE),  # across Tết 2026: only Mon 23 and Tue 24/02 count
    ],
)
def test_deadline_status_on_the_public_calendar(
    public_calendar: rules.WorkingCalendar, due: dt.date, today: dt.date, left: int, urgency: Urgency
) -> None:
    status = rules.deadline_status(due, today=today, calendar=public_calendar)
    assert status == DeadlineStatus(due_on=due, working_days_left=left, urgency=urgency)
    assert status.is_overdue is (urgency == Urgency.OVERDUE)


def test_a_saturday_counts_in_an_enterprise_resting_on_sunday_only(
    public_calendar: rules.WorkingCalendar, sunday_only_calendar: rules.WorkingCalendar
) -> None:
    assert rules.deadline_status(SATURDAY, today=FRIDAY, calendar=public_calendar).working_days_left == 0
    assert rules.deadline_status(SATURDAY, today=FRIDAY, calendar=sunday_only_calendar).working_days_left == 1


def test_finished_work_keeps_the_date_and_drops_the_clock(public_calendar: rules.WorkingCalendar) -> None:
    status = rules.deadline_status(D(2026, 11, 18), today=FRIDAY, calendar=public_calendar, running=False)
    assert status == DeadlineStatus(due_on=D(2026, 11, 18))
    assert not status.is_running and not status.is_overdue


def test_outside_the_calendar_the_clock_falls_back_to_calendar_days(public_calendar: rules.WorkingCalendar) -> None:
    status = rules.deadline_status(D(2030, 1, 2), today=D(2029, 12, 31), calendar=public_calendar)
    assert (status.working_days_left, status.urgency) == (None, Urgency.DUE_SOON)


def render(source: str, **context: object) -> str:
    return Template("{% load deadlines %}" + source).render(Context(context))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("due", "badge", "text"),
    [
        (D(2026, 11, 27), "badge-ok", "còn 5 ngày làm việc"),
        (FRIDAY, "badge-soon", "hết hạn hôm nay"),
        (D(2026, 11, 18), "badge-late", "quá 2 ngày làm việc"),
    ],
)
def test_the_tag_shows_date_what_is_left_and_badge(due: dt.date, badge: str, text: str) -> None:
    html = render("{% deadline due today=today %}", due=due, today=FRIDAY)
    assert f"Hạn: {due:%d/%m/%Y}" in html
    assert badge in html and text in html
    assert 'class="badge-icon"' in html  # never colour alone


@pytest.mark.django_db
def test_the_tag_without_a_running_clock_shows_only_the_date() -> None:
    html = render("{% deadline due running=False today=today %}", due=D(2026, 11, 18), today=FRIDAY)
    assert "Hạn: 18/11/2026" in html
    assert "badge" not in html and "ngày làm việc" not in html


def test_the_tag_renders_a_status_computed_elsewhere() -> None:
    status = DeadlineStatus(due_on=D(2026, 11, 24), working_days_left=2, urgency=Urgency.DUE_SOON)
    html = render("{% deadline status %}", status=status)
    assert "Hạn: 24/11/2026" in html and "còn 2 ngày làm việc" in html and "badge-soon" in html


def test_the_tag_renders_nothing_without_a_date() -> None:
    assert render("{% deadline due %}", due=None).strip() == ""


@pytest.mark.django_db
def test_the_tag_counts_in_the_organisations_week() -> None:
    enterprise = OrganisationFactory(
        unit=CommuneFactory(), kind=OrganisationKind.STATE_OWNED_ENTERPRISE, weekly_rest_days="6"
    )
    mine = render("{% deadline due organisation=org today=today %}", due=SATURDAY, org=enterprise, today=FRIDAY)
    public = render("{% deadline due today=today %}", due=SATURDAY, today=FRIDAY)
    assert "còn 1 ngày làm việc" in mine
    assert "hết hạn hôm nay" in public


@pytest.mark.django_db
def test_selector_uses_the_stored_calendar_and_todays_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from grassroots.core import clock

    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC))
    status = selectors.deadline_status(D(2026, 11, 27))
    assert (status.working_days_left, status.urgency) == (5, Urgency.LATER)
    assert selectors.working_days_left(FRIDAY, D(2026, 11, 27)) == 5
