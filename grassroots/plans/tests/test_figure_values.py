"""Exact values of every report figure that had no value test: fixtures built record by record, with records just
outside the period and in another commune that must not count, and each number asserted."""

from __future__ import annotations

import datetime as dt

import pytest

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_unit
from grassroots.plans.figures import collect_figures, figure_records
from grassroots.units.models import AdministrativeUnit, UnitLevel

pytestmark = pytest.mark.django_db

STARTS, ENDS = dt.date(2025, 12, 15), dt.date(2026, 6, 14)  # the 2026 six-month window
INSIDE = dt.date(2026, 3, 2)
BEFORE = dt.date(2025, 12, 14)  # the day before the window
AFTER = dt.date(2026, 6, 15)  # the day after the cut-off
HELD_AT = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _values(unit_ids: list[int]) -> dict[str, int]:
    return {item["key"]: item["value"] for item in collect_figures(unit_ids, STARTS, ENDS)}


def _records(key: str, unit_ids: list[int]) -> int:
    records = figure_records(key, unit_ids, STARTS, ENDS)
    assert records is not None, key
    return int(records.queryset.count())


def _neighbour() -> AdministrativeUnit:
    province = make_unit(UnitLevel.PROVINCE, "Tỉnh Láng Giềng")
    commune = make_unit(UnitLevel.COMMUNE, "Xã Láng Giềng", province)
    return make_unit(UnitLevel.COMMUNITY, "Thôn Láng Giềng", commune)


def test_votes_passed_counts_adopted_votes_only(community: AdministrativeUnit, village_head: User) -> None:
    from grassroots.voting.models import CommunityVote
    from grassroots.voting.testing import open_meeting

    # (status, passed): recognised and passed; closed and passed; closed, not adopted; refused recognition but
    # adopted by the households; held and not yet counted.
    for status, passed in (
        ("recognised", True),
        ("closed", True),
        ("closed", False),
        ("refused", True),
        ("open", None),
    ):
        vote = open_meeting(community, village_head)
        CommunityVote.objects.filter(pk=vote.pk).update(status=status, passed=passed, starts_at=HELD_AT)
    cancelled, later = open_meeting(community, village_head), open_meeting(community, village_head)
    # Cancelled: never held, not counted; closed on 22/11: after the cut-off.
    CommunityVote.objects.filter(pk=cancelled.pk).update(status="cancelled", passed=True, starts_at=HELD_AT)
    CommunityVote.objects.filter(pk=later.pk).update(status="closed", passed=True)
    commune_id = int(community.parent_id)  # type: ignore[arg-type]
    values = _values([commune_id])
    assert (values["voting.held"], values["voting.passed"], values["voting.recognised"]) == (5, 3, 1)
    assert _records("voting.passed", [commune_id]) == 3
    assert _values([_neighbour().parent_id])["voting.passed"] == 0  # type: ignore[list-item]


def test_disclosures_late_per_category(commune: AdministrativeUnit, commune_officer: User) -> None:
    from grassroots.disclosures import catalogue
    from grassroots.disclosures.models import Disclosure, DisclosureCategory

    catalogue.seed(DisclosureCategory)
    first, second = DisclosureCategory.objects.order_by("code")[:2]
    due = dt.date(2026, 4, 10)
    for category, published_on, due_on in (
        (first, due, due),  # on the due date: on time
        (first, due + dt.timedelta(days=1), due),  # a day late
        (first, None, due),  # never published: late
        (second, due - dt.timedelta(days=3), due),  # early: on time
        (second, None, AFTER),  # due after the cut-off: outside the period
    ):
        Disclosure.objects.create(
            unit=commune,
            category=category,
            title="Tin",
            decided_on=dt.date(2026, 4, 1),
            due_on=due_on,
            first_published_on=published_on,
            status="published" if published_on else "draft",
            created_by=commune_officer,
        )
    values = _values([commune.pk])
    assert values[f"disclosures.late.{first.code}"] == 2
    assert values[f"disclosures.late.{second.code}"] == 0
    assert values["disclosures.late"] == 2
    assert _records(f"disclosures.late.{first.code}", [commune.pk]) == 2
    items = {item["key"]: item for item in collect_figures([commune.pk], STARTS, ENDS)}
    assert items[f"disclosures.late.{first.code}"]["part_of"] == f"disclosures.due.{first.code}"
    assert items[f"disclosures.late.{first.code}"]["detail"] is True


def test_consultations_opened_opinions_and_dispositions(commune: AdministrativeUnit, commune_officer: User) -> None:
    from grassroots.consultations.models import Consultation, Opinion

    def consultation(published_on: dt.date, unit: AdministrativeUnit = commune) -> Consultation:
        return Consultation.objects.create(
            commune=unit,
            matter="C1",
            title="Dự thảo",
            opens_on=published_on,
            closes_on=published_on + dt.timedelta(days=30),
            published_on=published_on,
            created_by=commune_officer,
        )

    inside, before = consultation(INSIDE), consultation(BEFORE)
    consultation(INSIDE, _neighbour().parent)  # type: ignore[arg-type]
    moment = dt.datetime(2026, 3, 5, 9, 0, tzinfo=dt.UTC)
    for parent, received_on, disposed in (
        (inside, INSIDE, True),
        (inside, INSIDE, False),
        (inside, ENDS, True),  # the cut-off day counts
        (before, BEFORE, True),  # received before the window: not counted
        (inside, AFTER, False),  # after the cut-off: not counted
    ):
        Opinion.objects.create(
            consultation=parent,
            channel="online",
            stance="agree",
            text="Ý kiến",
            received_on=received_on,
            entered_at=moment,
            disposed_at=moment if disposed else None,
        )
    values = _values([commune.pk])
    assert values["consultations.opened"] == 1
    assert (values["consultations.opinions"], values["consultations.disposed"]) == (3, 2)
    assert _records("consultations.opinions", [commune.pk]) == 3
    assert _records("consultations.disposed", [commune.pk]) == 2


def test_conventions_decided_recognised_and_on_time(community: AdministrativeUnit, village_head: User) -> None:
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.conventions import rules as convention_rules
    from grassroots.conventions.models import Convention, ConventionVersion

    convention = Convention.objects.create(
        community=community, name_kind="huong_uoc", title="Hương ước thôn", created_by=village_head
    )
    sent = dt.date(2026, 2, 13)  # the Friday before Tết 2026: five working days run past the holidays
    due = convention_rules.recognition_due(sent, calendar_selectors.working_calendar())
    assert due > sent + dt.timedelta(days=7)
    for number, (status, decided_on) in enumerate(
        (
            ("recognised", due),  # recognised on the last day: on time
            ("superseded", due + dt.timedelta(days=1)),  # recognised a day late, since replaced
            ("refused", INSIDE),  # decided, refused
            ("recognised", AFTER),  # decided after the cut-off: not counted
        ),
        start=1,
    ):
        ConventionVersion.objects.create(
            convention=convention,
            number=number,
            proposal_basis="village_head",
            households_total=100,
            created_by=village_head,
            status=status,
            adopted_on=sent - dt.timedelta(days=10),
            dossier_sent_on=sent,
            decided_on=decided_on,
            refusal_reason="Trái pháp luật" if status == "refused" else "",
        )
    commune_id = int(community.parent_id)  # type: ignore[arg-type]
    values = _values([commune_id])
    assert (values["conventions.decided"], values["conventions.recognised"]) == (3, 2)
    assert values["conventions.recognised_on_time"] == 1
    assert _records("conventions.recognised_on_time", [commune_id]) == 1


def test_elections_recognised_in_the_period(community: AdministrativeUnit, village_head: User) -> None:
    from grassroots.elections.models import Election

    for recognised_on in (STARTS, ENDS, BEFORE, AFTER, None):
        Election.objects.create(
            community=community,
            kind="village_head",
            election_date=INSIDE,
            created_by=village_head,
            recognised_on=recognised_on,
        )
    commune_id = int(community.parent_id)  # type: ignore[arg-type]
    assert _values([commune_id])["elections.recognised"] == 2
    assert _records("elections.recognised", [commune_id]) == 2


def test_initiatives_submitted_and_decided(community: AdministrativeUnit, village_head: User) -> None:
    from grassroots.initiatives.models import Initiative

    for submitted_on, decided_on in ((INSIDE, INSIDE), (INSIDE, None), (ENDS, AFTER), (BEFORE, INSIDE)):
        Initiative.objects.create(
            community=community,
            title="Đề xuất",
            description="Nội dung",
            initiator=village_head,
            submitted_on=submitted_on,
            decided_on=decided_on,
        )
    commune_id = int(community.parent_id)  # type: ignore[arg-type]
    values = _values([commune_id])
    # Decided counts what was submitted in the period and has been decided, whenever.
    assert (values["initiatives.submitted"], values["initiatives.decided"]) == (3, 2)
    assert _records("initiatives.submitted", [commune_id]) == 3


def test_funds_decided_and_closed(community: AdministrativeUnit, village_head: User) -> None:
    from grassroots.funds.models import Fund
    from grassroots.funds.tests.conftest import make_fund

    for decided_on, closed_on in ((INSIDE, None), (ENDS, INSIDE), (BEFORE, INSIDE), (BEFORE, AFTER)):
        fund = make_fund(community, village_head)
        Fund.objects.filter(pk=fund.pk).update(decided_on=decided_on, closed_on=closed_on)
    commune_id = int(community.parent_id)  # type: ignore[arg-type]
    values = _values([commune_id])
    assert (values["funds.decided"], values["funds.closed"]) == (2, 2)
    assert _records("funds.closed", [commune_id]) == 2


def test_oversight_boards_recognised_and_inspections(commune: AdministrativeUnit, commune_officer: User) -> None:
    from grassroots.oversight.models import Board, Inspection

    board = Board.objects.create(
        kind="commune_inspection",
        name="Ban Thanh tra nhân dân",
        unit=commune,
        term_start=INSIDE,
        elected_on=INSIDE,
        recognised_on=INSIDE,
        created_by=commune_officer,
    )
    Board.objects.create(
        kind="commune_inspection",
        name="Ban cũ",
        unit=commune,
        term_start=BEFORE,
        elected_on=BEFORE,
        recognised_on=BEFORE,
        created_by=commune_officer,
    )
    for planned_on, status in (
        (INSIDE, "concluded"),
        (INSIDE, "notified"),
        (ENDS, "planned"),
        (INSIDE, "cancelled"),  # cancelled: not carried out
        (AFTER, "concluded"),  # after the cut-off
    ):
        Inspection.objects.create(
            board=board,
            subject="Giám sát",
            inspected_party="UBND xã",
            planned_on=planned_on,
            status=status,
            created_by=commune_officer,
        )
    values = _values([commune.pk])
    assert values["oversight.boards_recognised"] == 1
    assert (values["oversight.inspections"], values["oversight.inspections_concluded"]) == (3, 1)


def test_workplace_conferences_and_dialogues(commune: AdministrativeUnit, commune_officer: User) -> None:
    from grassroots.calendar import selectors as calendar_selectors
    from grassroots.units.models import Organisation
    from grassroots.workplaces import rules as workplace_rules
    from grassroots.workplaces.models import Conference, WorkplaceDialogue

    school = Organisation.objects.create(
        kind="public_service_unit", name="Trường Tiểu học", short_name="TH", unit=commune
    )
    moment = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
    assert workplace_rules.annual_conference_due_on(2025) == dt.date(2026, 3, 31)
    for kind, work_year, scheduled_on, status in (
        ("annual", 2025, dt.date(2026, 3, 31), "issued"),  # the last day: on time
        ("annual", 2024, dt.date(2026, 1, 10), "issued"),  # last year's conference, held late
        ("extraordinary", 2026, INSIDE, "issued"),  # held, no due date
        ("annual", 2026, INSIDE, "preparing"),  # not held: no resolution issued
        ("annual", 2025, AFTER, "issued"),  # after the cut-off
    ):
        Conference.objects.create(
            organisation=school,
            kind=kind,
            work_year=work_year,
            format="plenary",
            proposer="Hiệu trưởng",
            scheduled_on=scheduled_on,
            status=status,
            created_by=commune_officer,
            created_at=moment,
            updated_at=moment,
        )
    held_on = dt.date(2026, 4, 2)  # Thursday: 3 working days → Tuesday 7/4 (a weekend between)
    due = workplace_rules.publication_due_on(held_on, calendar_selectors.working_calendar_of(school))
    for status, published_on in (("published", due), ("published", due + dt.timedelta(days=1)), ("held", None)):
        WorkplaceDialogue.objects.create(
            organisation=school,
            kind="periodic",
            year=2026,
            scheduled_on=held_on,
            held_on=held_on,
            topics="Tiền lương",
            employer_representatives=2,
            worker_representatives=3,
            status=status,
            published_on=published_on,
            created_by=commune_officer,
            created_at=moment,
            updated_at=moment,
        )
    values = _values([commune.pk])
    assert (values["workplaces.conferences"], values["workplaces.conferences_on_time"]) == (3, 1)
    assert (values["workplaces.dialogues"], values["workplaces.dialogues_published_on_time"]) == (3, 1)
    assert _records("workplaces.conferences_on_time", [commune.pk]) == 1
