"""``working_calendar_for_organisation``: agencies keep the public week, enterprises their own rest days."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.calendar import rules, selectors
from grassroots.units.models import OrganisationKind
from grassroots.units.tests.factories import CommuneFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

SATURDAY = dt.date(2026, 11, 28)
SUNDAY = dt.date(2026, 11, 29)
MAKE_UP_SATURDAY = dt.date(2026, 1, 10)
"""The public sector's make-up working Saturday of the New Year 2026 swap (law.md §4.3)."""


def test_state_owned_enterprise_resting_only_on_sunday_works_on_saturdays() -> None:
    commune = CommuneFactory()
    enterprise = OrganisationFactory(unit=commune, kind=OrganisationKind.STATE_OWNED_ENTERPRISE, weekly_rest_days="6")
    calendar = selectors.working_calendar_for_organisation(enterprise, years=[2026])
    assert rules.is_working_day(SATURDAY, calendar)
    assert not rules.is_working_day(SUNDAY, calendar)
    assert selectors.working_days_between(dt.date(2026, 11, 23), SUNDAY, calendar=calendar) == 5


def test_agency_keeps_the_public_sector_week_whatever_its_rest_days_say() -> None:
    commune = CommuneFactory()
    agency = OrganisationFactory(unit=commune, kind=OrganisationKind.AGENCY, weekly_rest_days="6")
    calendar = selectors.working_calendar_for_organisation(agency, years=[2026])
    assert not rules.is_working_day(SATURDAY, calendar)
    assert rules.is_working_day(MAKE_UP_SATURDAY, calendar)
    assert selectors.working_days_between(dt.date(2026, 11, 23), SUNDAY, calendar=calendar) == 4
