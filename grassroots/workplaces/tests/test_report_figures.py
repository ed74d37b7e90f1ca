"""Extraordinary conferences ([L] arts 51(1), 69(1)) are counted apart from the annual conference in the report
figures and behind them, and only the annual ones are measured against the 3-month deadline."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.plans.figures import collect_figures, figure_records
from grassroots.units.models import Organisation
from grassroots.workplaces.models import Conference, ConferenceKind, ConferenceStatus

pytestmark = pytest.mark.django_db

STARTS, ENDS = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def _held(
    school: Organisation, actor: User, kind: str, on: dt.date, status: str = ConferenceStatus.ISSUED
) -> Conference:
    return Conference.objects.create(
        organisation=school,
        kind=kind,
        work_year=2025,
        format="plenary",
        proposer="head",
        scheduled_on=on,
        status=status,
        created_by=actor,
    )


def test_annual_and_extraordinary_conferences_are_counted_apart(school: Organisation, principal: User) -> None:
    annual = _held(school, principal, ConferenceKind.ANNUAL, dt.date(2026, 3, 31))  # the last day: on time
    first = _held(school, principal, ConferenceKind.EXTRAORDINARY, dt.date(2026, 6, 1))
    second = _held(school, principal, ConferenceKind.EXTRAORDINARY, dt.date(2026, 9, 1))
    _held(school, principal, ConferenceKind.EXTRAORDINARY, dt.date(2026, 10, 1), status=ConferenceStatus.CANCELLED)
    figures = {item["key"]: item for item in collect_figures([school.unit_id], STARTS, ENDS, providers=["workplaces"])}
    assert figures["workplaces.conferences"]["value"] == 3
    assert figures["workplaces.conferences_annual"]["value"] == 1
    assert figures["workplaces.conferences_extraordinary"]["value"] == 2
    assert figures["workplaces.conferences_on_time"]["value"] == 1
    assert figures["workplaces.conferences_on_time"]["part_of"] == "workplaces.conferences_annual"
    extraordinary = figure_records("workplaces.conferences_extraordinary", [school.unit_id], STARTS, ENDS)
    annual_records = figure_records("workplaces.conferences_annual", [school.unit_id], STARTS, ENDS)
    assert extraordinary is not None and annual_records is not None
    assert {row.pk for row in extraordinary.queryset} == {first.pk, second.pk}
    assert [row.pk for row in annual_records.queryset] == [annual.pk]


def test_an_annual_conference_a_day_late_is_held_but_not_on_time(school: Organisation, principal: User) -> None:
    _held(school, principal, ConferenceKind.ANNUAL, dt.date(2026, 4, 1))
    figures = {item["key"]: item["value"] for item in collect_figures([school.unit_id], STARTS, ENDS, ["workplaces"])}
    assert (figures["workplaces.conferences_annual"], figures["workplaces.conferences_on_time"]) == (1, 0)
    assert figures["workplaces.conferences_extraordinary"] == 0
