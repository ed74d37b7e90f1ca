"""The yearly review is owed only by a convention recognised by its review day, as is the yearly report ([ND61]
arts 15(4), 19), and the overdue list reads every convention in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.accounts.models import User
from grassroots.conventions import rules, selectors
from grassroots.conventions.models import Convention, ConventionStatus, ConventionVersion
from grassroots.conventions.tests.conftest import recognise

pytestmark = pytest.mark.django_db


def test_review_owed_only_when_recognised_by_the_review_day() -> None:
    day = dt.date(2026, 11, 18)
    assert rules.review_owed(review_day=day, first_recognised_on=dt.date(2026, 11, 18)) is True
    assert rules.review_owed(review_day=day, first_recognised_on=dt.date(2026, 11, 19)) is False
    assert rules.review_owed(review_day=day, first_recognised_on=None) is False


def test_a_convention_first_recognised_after_the_review_day_owes_no_review_that_year(
    convention: Convention, village_head: User, commune_chair: User
) -> None:
    recognise(convention, village_head, commune_chair)  # decided 11/11/2026
    Convention.objects.filter(pk=convention.pk).update(review_month=11, review_day=5)
    community_ids = [convention.community_id]
    assert selectors.reviews_due(community_ids, dt.date(2026, 11, 20)) == []
    assert selectors.overdue_yearly_reports(dt.date(2026, 11, 20), community_ids=community_ids) == []
    due = selectors.reviews_due(community_ids, dt.date(2027, 11, 1))
    assert [(c.pk, day) for c, day in due] == [(convention.pk, dt.date(2027, 11, 5))]


def _clone(convention: Convention, version: ConventionVersion, n: int) -> None:
    copy = Convention.objects.create(
        community=convention.community,
        name_kind=convention.name_kind,
        title=f"{convention.title} {n}",
        status=ConventionStatus.IN_FORCE,
        created_by=convention.created_by,
    )
    fields: dict[str, Any] = {
        f.attname: getattr(version, f.attname)
        for f in ConventionVersion._meta.concrete_fields
        if f.attname not in {"id", "convention_id", "consultation_id", "created_at", "updated_at"}
    }
    ConventionVersion.objects.create(**{**fields, "convention_id": copy.pk})


def test_overdue_yearly_reports_reads_any_number_of_conventions_in_fixed_queries(
    convention: Convention, village_head: User, commune_chair: User, django_assert_max_num_queries: Any
) -> None:
    version = recognise(convention, village_head, commune_chair)
    today = dt.date(2026, 11, 19)
    with CaptureQueriesContext(connection) as one:
        assert len(selectors.overdue_yearly_reports(today)) == 1
    for n in range(4):
        _clone(convention, version, n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(selectors.overdue_yearly_reports(today)) == 5
