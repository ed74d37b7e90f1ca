"""Every number of a report links to the records behind it (issue 16): the page opens for the provincial reader,
lists exactly as many records as the number says, and is 404 for an outsider."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_persona, make_unit
from grassroots.calendar import selectors as calendar_selectors
from grassroots.oversight.models import Board, Recommendation
from grassroots.petitions import rules as petition_rules
from grassroots.petitions.models import Case
from grassroots.plans.figures import collect_figures, figure_records
from grassroots.plans.views import figure_records_url
from grassroots.units.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db

STARTS, ENDS = dt.date(2025, 12, 15), dt.date(2026, 12, 14)


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _activity(commune: AdministrativeUnit, officer: User) -> None:
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import Disclosure, DisclosureCategory

    calendar = calendar_selectors.working_calendar()
    received = dt.date(2026, 3, 2)
    due = petition_rules.acknowledge_by(received, calendar)
    for acknowledged, answered in ((received, received), (due + dt.timedelta(days=1), None), (None, None)):
        Case.objects.create(
            unit=commune,
            kind="feedback",
            channel="online",
            title="Vụ việc",
            content=".",
            received_on=received,
            acknowledged_on=acknowledged,
            answered_on=answered,
        )
    catalogue.seed(DisclosureCategory)
    category = DisclosureCategory.objects.order_by("code").first()
    assert category is not None
    for published_on in (dt.date(2026, 4, 10), None):
        Disclosure.objects.create(
            unit=commune,
            category=category,
            title="Tin",
            decided_on=dt.date(2026, 4, 1),
            due_on=dt.date(2026, 4, 10),
            first_published_on=published_on,
            status="published" if published_on else "draft",
            created_by=officer,
        )
    from grassroots.reception.models import DialogueConference

    for published in (dt.date(2026, 5, 12), None):
        DialogueConference.objects.create(
            unit=commune,
            title="Hội nghị đối thoại",
            topics=".",
            planned_on=dt.date(2026, 5, 8),
            place="Hội trường",
            status="published" if published else "held",
            held_on=dt.date(2026, 5, 8),
            results_published_on=published,
        )
    board = Board.objects.create(
        kind="commune_inspection",
        name="Ban Thanh tra nhân dân",
        unit=commune,
        status="active",
        term_start=dt.date(2025, 1, 1),
        elected_on=dt.date(2025, 1, 1),
        created_by=officer,
    )
    for answered_on in (dt.date(2026, 4, 10), None):
        Recommendation.objects.create(
            board=board,
            addressee_unit=commune,
            addressee_name="UBND xã",
            title="Kiến nghị",
            content=".",
            status="answered" if answered_on else "sent",
            sent_on=dt.date(2026, 4, 1),
            answered_on=answered_on,
            created_by=officer,
        )


def test_every_non_zero_figure_links_to_exactly_its_records(
    province: AdministrativeUnit,
    commune: AdministrativeUnit,
    commune_officer: User,
    provincial_officer: User,
    other_commune_officer: User,
) -> None:
    _activity(commune, commune_officer)
    elsewhere = make_unit(UnitLevel.PROVINCE, "Tỉnh Khác")
    outsider = make_persona("can-bo-tinh-khac", "provincial_officer", elsewhere)
    reader, stranger, neighbour = _client(provincial_officer), _client(outsider), _client(other_commune_officer)
    checked = 0
    for unit, unit_ids in ((commune, [commune.pk]), (province, [commune.pk])):
        items = collect_figures(unit_ids, STARTS, ENDS)
        # Every figure of every provider can list its records, zero or not.
        assert all(figure_records(item["key"], unit_ids, STARTS, ENDS) is not None for item in items)
        for item in items:
            if not item["value"]:
                continue
            link = figure_records_url(item["key"], unit.pk, STARTS, ENDS)
            assert link, item["key"]
            page = reader.get(link)
            assert page.status_code == 200, item["key"]
            assert page.context["total"] == item["value"], item["key"]
            assert len(page.context["records"]) == item["value"]
            assert stranger.get(link).status_code == 404
            if unit == commune:
                assert neighbour.get(link).status_code == 404
            checked += 1
    # The draw reaches the on-time figures of three apps, at commune and province level.
    assert checked >= 2 * 14


def test_records_page_refuses_a_bad_period_and_an_unknown_figure(
    commune: AdministrativeUnit, provincial_officer: User
) -> None:
    reader = _client(provincial_officer)
    url = figure_records_url("petitions.received", commune.pk, STARTS, ENDS)
    assert reader.get(url).status_code == 200
    assert reader.get(url.split("?")[0] + "?tu=2026-13-01&den=2026-12-14").status_code == 404
    assert reader.get(url.split("?")[0] + "?tu=2026-12-14&den=2026-01-01").status_code == 404
    assert reader.get(url.split("?")[0] + "?tu=2010-01-01&den=2026-01-01").status_code == 404
    unknown = url.replace("petitions.received", "petitions.nothing")
    assert reader.get(unknown).status_code == 404
    assert reader.get(url.replace("petitions.received", "khong-ton-tai.x")).status_code == 404
