"""On-time figures (issue 16, law.md §4.2/§5), grouped providers (one query per provider, not per commune), and the
figures of oversight, workplaces and funds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.calendar import selectors as calendar_selectors
from grassroots.oversight import rules as oversight_rules
from grassroots.oversight.models import Board, Recommendation
from grassroots.petitions import rules as petition_rules
from grassroots.petitions.models import Case
from grassroots.plans import selectors
from grassroots.plans.figures import collect_figures, collect_figures_by_unit
from grassroots.units.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db

STARTS, ENDS = dt.date(2025, 12, 15), dt.date(2026, 12, 14)
TET_2026 = dt.date(2026, 2, 13)  # the Friday before the Tết holidays of 2026


def _values(unit_ids: list[int]) -> dict[str, int]:
    return {item["key"]: item["value"] for item in collect_figures(unit_ids, STARTS, ENDS)}


def _case(unit: AdministrativeUnit, received_on: dt.date, **extra: object) -> Case:
    return Case.objects.create(
        unit=unit, kind="feedback", channel="online", title="Vụ việc", content=".", received_on=received_on, **extra
    )


def test_acknowledged_on_the_last_working_day_across_tet_is_on_time_the_next_day_is_not(
    commune: AdministrativeUnit,
) -> None:
    calendar = calendar_selectors.working_calendar()
    due = petition_rules.acknowledge_by(TET_2026, calendar)
    # Ten working days across Tết take far more than ten calendar days: the exact path decides, not the database.
    assert (due - TET_2026).days > 14
    _case(commune, TET_2026, acknowledged_on=due)
    _case(commune, TET_2026, acknowledged_on=due + dt.timedelta(days=1))
    _case(commune, TET_2026, acknowledged_on=TET_2026)  # same day: on time in the database
    _case(commune, TET_2026)  # never acknowledged: not on time
    values = _values([commune.pk])
    assert values["petitions.received"] == 4
    assert values["petitions.acknowledged"] == 3
    assert values["petitions.acknowledged_on_time"] == 2


def test_answered_by_the_resolution_target_is_on_time(commune: AdministrativeUnit) -> None:
    calendar = calendar_selectors.working_calendar()
    received = dt.date(2026, 3, 2)
    facts = petition_rules.CaseFacts(kind="feedback", received_on=received)
    due = petition_rules.case_clocks(facts, calendar)["resolve_by"]
    assert due is not None
    _case(commune, received, acknowledged_on=received, answered_on=due)
    _case(commune, received, acknowledged_on=received, answered_on=due + dt.timedelta(days=1))
    _case(commune, received, acknowledged_on=received, answered_on=received + dt.timedelta(days=3))
    values = _values([commune.pk])
    assert values["petitions.answered"] == 3
    assert values["petitions.answered_on_time"] == 2


def _recommendation(
    board: Board, user: User, unit: AdministrativeUnit, sent_on: dt.date, answered_on: dt.date | None
) -> None:
    Recommendation.objects.create(
        board=board,
        addressee_unit=unit,
        addressee_name="UBND xã",
        title="Kiến nghị",
        content=".",
        status="answered" if answered_on else "sent",
        sent_on=sent_on,
        answered_on=answered_on,
        created_by=user,
    )


def test_recommendations_answered_within_15_days_and_a_sunday_last_day_moves(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    board = Board.objects.create(
        kind="commune_inspection",
        name="Ban Thanh tra nhân dân",
        unit=commune,
        status="active",
        term_start=dt.date(2025, 1, 1),
        elected_on=dt.date(2025, 1, 1),
        created_by=commune_officer,
    )
    calendar = calendar_selectors.working_calendar()
    sent = dt.date(2026, 3, 7)  # + 15 days = Sunday 22/3: the period ends on Monday 23/3 (Civil Code art. 148(2))
    assert (sent + dt.timedelta(days=15)).weekday() == 6
    assert oversight_rules.recommendation_due(sent, calendar) == dt.date(2026, 3, 23)
    _recommendation(board, commune_officer, commune, sent, dt.date(2026, 3, 22))  # day 15: on time
    _recommendation(board, commune_officer, commune, sent, dt.date(2026, 3, 23))  # moved last day: on time
    _recommendation(board, commune_officer, commune, sent, dt.date(2026, 3, 24))  # late
    _recommendation(board, commune_officer, commune, sent, None)  # not answered
    plain = dt.date(2026, 4, 1)  # + 15 = Thursday 16/4
    _recommendation(board, commune_officer, commune, plain, dt.date(2026, 4, 16))  # exactly 15 days: on time
    _recommendation(board, commune_officer, commune, plain, dt.date(2026, 4, 17))  # 16 days: late
    values = _values([commune.pk])
    assert values["oversight.recommendations_sent"] == 6
    assert values["oversight.recommendations_answered"] == 5
    assert values["oversight.recommendations_on_time"] == 3


def test_every_other_app_registers_its_figures(commune: AdministrativeUnit) -> None:
    keys = set(_values([commune.pk]))
    assert {"oversight.inspections", "workplaces.conferences", "workplaces.dialogues_published_on_time"} <= keys
    assert {"funds.decided", "funds.statements", "conventions.recognised_on_time"} <= keys


def _province_with(communes: int) -> AdministrativeUnit:
    province = make_unit(UnitLevel.PROVINCE, f"Tỉnh {communes}")
    for i in range(communes):
        commune = make_unit(UnitLevel.COMMUNE, f"Xã {communes}-{i}", province)
        village = make_unit(UnitLevel.COMMUNITY, f"Thôn {communes}-{i}", commune)
        for n in range(i % 4 + 1):
            _case(commune if n % 2 else village, dt.date(2026, 3, 2), acknowledged_on=dt.date(2026, 3, 2 + n * 5))
    return province


def test_scorecard_queries_do_not_grow_with_the_communes() -> None:
    small, large = _province_with(3), _province_with(12)
    today = dt.date(2026, 12, 20)
    with CaptureQueriesContext(connection) as for_small:
        selectors.scorecard(small, "annual", 2026, today)
    with CaptureQueriesContext(connection) as for_large:
        selectors.scorecard(large, "annual", 2026, today)
    assert len(for_large) == len(for_small)


def test_grouped_values_equal_each_commune_counted_alone() -> None:
    province = _province_with(6)
    communes = list(selectors.communes_under(province))
    table = collect_figures_by_unit([commune.pk for commune in communes], STARTS, ENDS)
    for commune in communes:
        alone = _values([commune.pk])
        assert table.by_unit[commune.pk] == alone
    totals = {item["key"]: item["value"] for item in table.items}
    assert totals["petitions.received"] == sum(i % 4 + 1 for i in range(6))
    # Records of a village count for its commune: nothing is lost between the two columns of the CASE.
    assert totals == _values([commune.pk for commune in communes])


def test_trend_is_the_province_share_of_each_year(province: AdministrativeUnit) -> None:
    commune = make_unit(UnitLevel.COMMUNE, "Xã Xu Hướng", province)
    for year, acknowledged in ((2025, 1), (2026, 2)):
        for n in range(2):
            received = dt.date(year, 3, 2)
            _case(commune, received, acknowledged_on=received if n < acknowledged else None)
    trend = selectors.scorecard_trend(province, "annual", 2026)
    assert [row.year for row in trend] == [2023, 2024, 2025, 2026]
    shares = [row.percents["petitions.acknowledged_on_time"] for row in trend]
    assert shares == [None, None, 50.0, 100.0]  # nothing due: no share, not 0 %


def test_disclosures_per_category_in_reports_not_in_the_scorecard(
    province: AdministrativeUnit, commune: AdministrativeUnit, commune_officer: User
) -> None:
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import Disclosure, DisclosureCategory

    catalogue.seed(DisclosureCategory)
    first, second = DisclosureCategory.objects.order_by("code")[:2]
    due = dt.date(2026, 4, 10)
    for category, published_on, status in (
        (first, due, "published"),  # on the due date: on time
        (first, due + dt.timedelta(days=1), "published"),  # a day late
        (second, None, "draft"),  # never published: late
    ):
        Disclosure.objects.create(
            unit=commune,
            category=category,
            title="Tin",
            decided_on=dt.date(2026, 4, 1),
            due_on=due,
            first_published_on=published_on,
            status=status,
            created_by=commune_officer,
        )
    values = _values([commune.pk])
    assert (values["disclosures.due"], values["disclosures.on_time"], values["disclosures.late"]) == (3, 1, 2)
    assert values[f"disclosures.due.{first.code}"] == 2 and values[f"disclosures.on_time.{first.code}"] == 1
    assert values[f"disclosures.due.{second.code}"] == 1 and values[f"disclosures.on_time.{second.code}"] == 0
    headings, rows = selectors.scorecard(province, "annual", 2026, dt.date(2026, 12, 20))
    assert f"disclosures.on_time.{first.code}" not in {heading["key"] for heading in headings}
    row = next(row for row in rows if row.unit == commune)
    assert row.percents["disclosures.on_time"] == round(100 / 3, 1)


def test_dialogue_conferences_held_and_results_announced_within_the_results_days(
    commune: AdministrativeUnit,
) -> None:
    from grassroots.reception import rules as reception_rules
    from grassroots.reception import selectors as reception_selectors
    from grassroots.reception.models import DialogueConference

    held = dt.date(2026, 2, 6)  # ten days later falls in the Tết holidays: the period ends on the next working day
    due = reception_rules.results_due(held, reception_selectors.results_days(), reception_selectors.public_calendar())
    assert due > held + dt.timedelta(days=reception_selectors.results_days())
    for status, published in (
        ("published", due),  # the last day: on time
        ("published", due + dt.timedelta(days=1)),  # a day late
        ("held", None),  # results never announced
        ("planned", None),  # not held: not counted at all
    ):
        DialogueConference.objects.create(
            unit=commune,
            title="Hội nghị đối thoại",
            topics=".",
            planned_on=held,
            place="Hội trường",
            status=status,
            held_on=held if status != "planned" else None,
            results_published_on=published,
        )
    values = _values([commune.pk])
    assert values["reception.dialogues_held"] == 3
    assert values["reception.dialogue_results_on_time"] == 1


def test_votes_recognised_within_5_working_days_counted_on_vietnam_dates(
    community: AdministrativeUnit, village_head: User
) -> None:
    from grassroots.voting.models import CommunityVote
    from grassroots.voting.testing import open_meeting

    utc = dt.UTC
    # Sent at 01:30 on Monday 2/3 in Vietnam (18:30 UTC the day before): due Monday 9/3 (5 working days).
    submitted = dt.datetime(2026, 3, 1, 18, 30, tzinfo=utc)
    for recognised_at in (
        dt.datetime(2026, 3, 9, 16, 0, tzinfo=utc),  # 23:00 on 9/3 in Vietnam: on time
        dt.datetime(2026, 3, 9, 17, 30, tzinfo=utc),  # 00:30 on 10/3 in Vietnam: late
        dt.datetime(2026, 3, 3, 2, 0, tzinfo=utc),  # two days after: on time
    ):
        vote = open_meeting(community, village_head)
        CommunityVote.objects.filter(pk=vote.pk).update(
            status="recognised", submitted_at=submitted, recognised_at=recognised_at
        )
    open_meeting(community, village_head)  # held, not recognised
    values = _values([community.parent_id])  # type: ignore[list-item]
    assert (values["voting.held"], values["voting.recognised"], values["voting.recognised_on_time"]) == (4, 3, 2)


def test_consultation_reports_published_by_their_disclosure_due_date(
    commune: AdministrativeUnit, commune_officer: User
) -> None:
    from grassroots.consultations.models import Consultation
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import Disclosure, DisclosureCategory

    catalogue.seed(DisclosureCategory)
    k11 = DisclosureCategory.objects.get(code="K11")
    due = dt.date(2026, 5, 20)
    for published_on in (due, due + dt.timedelta(days=1), None):
        report = Disclosure.objects.create(
            unit=commune,
            category=k11,
            title="Báo cáo tiếp thu, giải trình",
            decided_on=dt.date(2026, 5, 15),
            due_on=due,
            first_published_on=published_on,
            status="published" if published_on else "draft",
            created_by=commune_officer,
        )
        Consultation.objects.create(
            commune=commune,
            matter="C1",
            title="Dự thảo",
            opens_on=dt.date(2026, 4, 1),
            closes_on=dt.date(2026, 4, 30),
            published_on=dt.date(2026, 4, 1),
            completed_on=dt.date(2026, 5, 15),
            report_disclosure=report,
            created_by=commune_officer,
        )
    values = _values([commune.pk])
    assert values["consultations.reports"] == 3
    assert values["consultations.reports_on_time"] == 1


def test_fund_statements_published_within_5_working_days_of_their_cut_off(
    community: AdministrativeUnit, village_head: User
) -> None:
    from grassroots.funds import rules as fund_rules
    from grassroots.funds.models import Statement
    from grassroots.funds.tests.conftest import make_fund

    fund = make_fund(community, village_head)
    calendar = calendar_selectors.working_calendar()
    quarter_end = dt.date(2026, 3, 31)  # Tuesday: due Tuesday 7/4
    due = fund_rules.statement_due(quarter_end, calendar)
    vn = dt.timezone(dt.timedelta(hours=7))
    for period_end, published_at in (
        (quarter_end, dt.datetime.combine(due, dt.time(23, 0), tzinfo=vn)),  # late evening of the due day: on time
        (dt.date(2026, 6, 30), dt.datetime(2026, 7, 8, 0, 30, tzinfo=vn)),  # due 7/7: half an hour late in Vietnam
    ):
        Statement.objects.create(
            fund=fund,
            period_end=period_end,
            collected_money=0,
            donated_money=0,
            spent_money=0,
            balance=0,
            published_at=published_at,
        )
    assert fund_rules.statement_due(dt.date(2026, 6, 30), calendar) == dt.date(2026, 7, 7)
    values = _values([community.parent_id])  # type: ignore[list-item]
    assert (values["funds.statements"], values["funds.statements_on_time"]) == (2, 1)
