"""The yearly calendar of obligations: the annual conference shown is the one whose deadline falls in the
calendar year shown, whatever month the work year ends ([L] arts 51(1), 69(1)); a recorded six-monthly review of
the resolution shows done ([L] arts 52(3), 70(3))."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.units.models import Organisation
from grassroots.workplaces import rules, selectors, services
from grassroots.workplaces.models import WorkplaceProfile
from grassroots.workplaces.tests.conftest import NOW, TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("end_month", "work_year", "due_on"),
    [
        (6, 2027, dt.date(2027, 9, 30)),
        (9, 2027, dt.date(2027, 12, 31)),
        (10, 2026, dt.date(2027, 1, 31)),
        (11, 2026, dt.date(2027, 2, 28)),
        (12, 2026, dt.date(2027, 3, 31)),
    ],
)
def test_the_conference_due_in_the_calendar_year_is_on_its_calendar(
    school: Organisation, end_month: int, work_year: int, due_on: dt.date
) -> None:
    WorkplaceProfile.objects.create(organisation=school, work_year_end_month=end_month)
    assert rules.conference_work_year_due_in(2027, end_month) == work_year
    conference = {item.code: item for item in selectors.obligations(school, 2027, TODAY)}["annual_conference"]
    assert conference.due_on == due_on
    assert conference.due_on.year == 2027
    assert str(work_year) in conference.label


def test_november_year_end_probe_20_january_2027(school: Organisation) -> None:
    """The audit's probe: on 20/1/2027 a November year end owes the 2026 conference by 28/2/2027."""
    WorkplaceProfile.objects.create(organisation=school, work_year_end_month=11)
    this_year = [item for item in selectors.obligations(school, 2027, TODAY) if item.code == "annual_conference"]
    assert [(item.due_on, item.state(TODAY)) for item in this_year] == [(dt.date(2027, 2, 28), "due")]
    assert this_year[0].state(dt.date(2027, 3, 1)) == "late"
    next_year = [item for item in selectors.obligations(school, 2028, TODAY) if item.code == "annual_conference"]
    assert [item.due_on for item in next_year] == [dt.date(2028, 2, 29)]  # leap year, work year 2027


@pytest.mark.parametrize("end_month", range(1, 13))
def test_every_work_year_is_due_in_exactly_one_calendar_year(end_month: int) -> None:
    shown = [rules.conference_work_year_due_in(year, end_month) for year in range(2025, 2031)]
    assert shown == sorted(set(shown)) and shown[-1] - shown[0] == len(shown) - 1


def test_a_recorded_six_month_review_shows_done(school: Organisation, principal: User) -> None:
    from grassroots.workplaces.tests.test_services import _attend, _open

    conference = _open(school, principal)
    _attend(conference, principal, 25)
    conference = services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    item = services.resolution_item_add(
        conference=conference, matter="other", title="A", text="A", actor=principal, now=NOW
    )
    services.resolution_item_vote(item=item, votes_for=25, votes_against=0, actor=principal, now=NOW)
    services.conference_issue(conference=conference, actor=principal, now=NOW)
    reviews = [item for item in selectors.obligations(school, 2027, TODAY) if item.code == "resolution_review"]
    assert [(item.due_on, item.done_on) for item in reviews] == [(dt.date(2027, 7, 20), None)]
    checked_at = NOW + dt.timedelta(days=180)  # 19/7/2027, the day before it falls due
    services.resolution_review_record(conference=conference, findings="8/10 chỉ tiêu.", actor=principal, now=checked_at)
    later = checked_at.date()
    reviews = [item for item in selectors.obligations(school, 2027, later) if item.code == "resolution_review"]
    assert [(item.due_on, item.done_on, item.state(later)) for item in reviews] == [
        (dt.date(2027, 7, 20), dt.date(2027, 7, 19), "done"),
        (dt.date(2028, 1, 19), None, "due"),
    ]


def _issue(conference: object, principal: User, at: dt.datetime) -> None:
    from grassroots.workplaces.tests.conftest import prepared
    from grassroots.workplaces.tests.test_services import _attend

    prepared(conference, principal)
    opened = services.conference_open(conference=conference, actor=principal, now=at)  # type: ignore[arg-type]
    _attend(opened, principal, 25)
    held = services.conference_close_attendance(conference=opened, actor=principal, now=at)
    item = services.resolution_item_add(conference=held, matter="other", title="A", text="A", actor=principal, now=at)
    services.resolution_item_vote(item=item, votes_for=25, votes_against=0, actor=principal, now=at)
    services.conference_issue(conference=held, actor=principal, now=at)


def test_a_later_extraordinary_conference_does_not_drop_the_annual_resolution_review(
    school: Organisation, principal: User
) -> None:
    """The six-monthly check of the annual resolution ([L] arts 52(3), 70(3)) stays on the calendar after an
    extraordinary conference issues its own resolution."""
    annual = services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=principal, now=NOW
    )
    _issue(annual, principal, NOW)
    later = NOW + dt.timedelta(days=30)
    extraordinary = services.conference_create(
        organisation=school,
        kind="extraordinary",
        work_year=2027,
        scheduled_on=later.date(),
        proposer="head",
        actor=principal,
        now=later,
    )
    _issue(extraordinary, principal, later)
    reviews = [item for item in selectors.obligations(school, 2027, later.date()) if item.code == "resolution_review"]
    assert [(item.due_on, item.done_on) for item in reviews] == [(dt.date(2027, 7, 20), None)]
    assert "2026" in str(reviews[0].label)
