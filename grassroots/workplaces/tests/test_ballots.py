"""Staff ballots ([L] arts 50(2), 68): the ground, the frozen roll, one ballot per person, secrecy, the count.

The attacks: a clerk adding staff to the register after the ballots went out, a ballot returned twice (through
the service and straight into the database), a clerk trying to write down how a person voted in a secret ballot,
and someone reading every table and the audit log afterwards to trace a secret ballot.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import IntegrityError, transaction
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.documents.models import DocumentType
from grassroots.units.models import Organisation
from grassroots.workplaces import ballots, rules, selectors, services
from grassroots.workplaces.models import (
    ConferenceStatus,
    StaffBallot,
    StaffBallotReturn,
    StaffBallotRollEntry,
    StaffBallotStatus,
    StaffMember,
)
from grassroots.workplaces.tests.conftest import NOW, TODAY, prepared

pytestmark = pytest.mark.django_db
LATER = NOW + dt.timedelta(days=8)


# --- rules (no database) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ground", "failed", "reason", "allowed"),
    [
        ("two_failed_convenings", 0, "", False),
        ("two_failed_convenings", 1, "", False),
        ("two_failed_convenings", 2, "", True),
        ("force_majeure", 0, "Bão số 3", True),
        ("force_majeure", 0, "   ", False),
        ("something_else", 5, "x", False),
    ],
)
def test_ballot_ground(ground: str, failed: int, reason: str, allowed: bool) -> None:
    assert bool(rules.check_ballot_ground(ground=ground, failed_convenings=failed, force_majeure_reason=reason)) is (
        allowed
    )


@pytest.mark.parametrize(
    ("votes_for", "roll", "returned", "base", "passes"),
    [
        (15, 30, 30, "roll", False),  # exactly half of the roll
        (16, 30, 30, "roll", True),
        (11, 30, 20, "roll", False),  # more than half of the returns but not of the roll
        (11, 30, 20, "returned", True),
        (10, 30, 20, "returned", False),  # exactly half of the returns
        (0, 0, 0, "roll", False),
    ],
)
def test_ballot_passes_more_than_half(votes_for: int, roll: int, returned: int, base: str, passes: bool) -> None:
    assert rules.ballot_passes(votes_for=votes_for, roll_size=roll, returned=returned, base=base) is passes


def test_inspection_board_elections_are_secret() -> None:
    assert rules.secret_required("inspection_board") and not rules.secret_required("contributions")


@pytest.mark.parametrize(
    ("returned", "counts", "allowed"),
    [(10, (6, 3, 1, 0), True), (10, (6, 3, 0, 0), False), (10, (6, 3, 1, 1), False), (0, (0, 0, 0, 0), True)],
)
def test_count_must_equal_returns(returned: int, counts: tuple[int, int, int, int], allowed: bool) -> None:
    votes_for, against, abstain, invalid = counts
    result = rules.check_ballot_count(
        returned=returned, votes_for=votes_for, votes_against=against, votes_abstain=abstain, invalid=invalid
    )
    assert bool(result) is allowed


# --- services ---------------------------------------------------------------------------------


def _failed_twice(school: Organisation, actor: User) -> None:
    for _round in range(2):
        conference = services.conference_create(
            organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=actor, now=NOW
        )
        prepared(conference, actor)
        services.conference_open(conference=conference, actor=actor, now=NOW)
        services.conference_close_attendance(conference=conference, actor=actor, now=NOW)


def _ballot(school: Organisation, actor: User, **extra: object) -> StaffBallot:
    values: dict[str, object] = {
        "ground": "two_failed_convenings",
        "work_year": 2026,
        "union_agreed_on": TODAY,
        "matter": "conference_resolution",
        "title": "Nghị quyết năm 2026",
        "text": "Thông qua nghị quyết.",
        "opens_on": TODAY,
        "closes_on": TODAY + dt.timedelta(days=7),
    }
    values.update(extra)
    return ballots.staff_ballot_create(organisation=school, actor=actor, now=NOW, **values)  # type: ignore[arg-type]


def _return(ballot: StaffBallot, actor: User, members: list[StaffMember], choice: str = "") -> None:
    for member in members:
        ballots.staff_ballot_return_record(ballot=ballot, staff_member=member, choice=choice, actor=actor, now=NOW)


def _staff(school: Organisation) -> list[StaffMember]:
    return list(StaffMember.objects.filter(organisation=school).order_by("code"))


def test_ballots_only_after_the_second_convening_without_quorum(school: Organisation, principal: User) -> None:
    conference = services.conference_create(
        organisation=school, kind="annual", work_year=2026, scheduled_on=TODAY, actor=principal, now=NOW
    )
    prepared(conference, principal)
    services.conference_open(conference=conference, actor=principal, now=NOW)
    services.conference_close_attendance(conference=conference, actor=principal, now=NOW)
    with pytest.raises(DomainError) as refusal:
        _ballot(school, principal)
    assert refusal.value.code == "workplaces.ballot.no_ground"
    assert not StaffBallot.objects.exists()
    with pytest.raises(DomainError) as refusal:
        _ballot(school, principal, ground="force_majeure", force_majeure_reason="")
    assert refusal.value.code == "workplaces.ballot.reason_required"
    with pytest.raises(DomainError) as refusal:
        _ballot(school, principal, union_agreed_on=TODAY + dt.timedelta(days=1))
    assert refusal.value.code == "workplaces.date_in_future"


def test_open_ballot_from_two_failed_convenings_to_a_published_result(school: Organisation, principal: User) -> None:
    _failed_twice(school, principal)
    ballot = _ballot(school, principal)
    assert ballot.failed_conference is not None and ballot.failed_conference.convening == 2
    assert ballot.failed_conference.status == ConferenceStatus.NO_QUORUM
    ballot = ballots.staff_ballot_open(ballot=ballot, actor=principal, now=NOW)
    assert (ballot.status, ballot.roll_size) == (StaffBallotStatus.OPEN, 30)
    staff = _staff(school)
    _return(ballot, principal, staff[:16], "for")
    _return(ballot, principal, staff[16:20], "against")
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_count(ballot=ballot, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.ballot.too_early"
    counted = ballots.staff_ballot_count(ballot=ballot, votes_for=30, actor=principal, now=LATER)
    # An open ballot is counted from its returns: a typed total is ignored.
    assert (counted.votes_for, counted.votes_against, counted.votes_abstain) == (16, 4, 0)
    assert counted.status == StaffBallotStatus.COUNTED and ballots.ballot_passed(counted) is True
    assert counted.minutes_document is not None and counted.minutes_document.kind == DocumentType.MINUTES
    disclosure = counted.result_disclosure
    assert disclosure is not None and disclosure.category.code == "A12" and disclosure.organisation_id == school.pk
    assert AuditEvent.objects.filter(code="workplaces.ballot.counted").count() == 1
    # The ballots replaced the annual conference of 2026 on the yearly calendar.
    assert selectors.annual_conference_done_on(school, 2026) == LATER.date()


def test_exactly_half_of_all_staff_does_not_pass_unless_the_setting_counts_returns(
    school: Organisation, principal: User, settings: Settings
) -> None:
    ballot = ballots.staff_ballot_open(
        ballot=_ballot(school, principal, ground="force_majeure", force_majeure_reason="Dịch bệnh"),
        actor=principal,
        now=NOW,
    )
    staff = _staff(school)
    _return(ballot, principal, staff[:15], "for")
    _return(ballot, principal, staff[15:20], "against")
    counted = ballots.staff_ballot_count(ballot=ballot, actor=principal, now=LATER)
    assert ballots.ballot_passed(counted) is False  # 15 of 30: exactly half of the roll
    settings.GRASSROOTS_STAFF_BALLOT_PASS_BASE = "returned"
    assert ballots.ballot_passed(counted) is True  # 15 of the 20 returned


def test_attack_clerk_adds_staff_after_the_ballots_went_out(school: Organisation, principal: User) -> None:
    ballot = ballots.staff_ballot_open(
        ballot=_ballot(school, principal, ground="force_majeure", force_majeure_reason="Bão"), actor=principal, now=NOW
    )
    newcomers = [
        services.staff_member_add(
            organisation=school,
            code=f"MOI-{n}",
            full_name=f"Người mới {n}",
            active_from=TODAY,
            actor=principal,
            now=NOW,
        )
        for n in range(5)
    ]
    for member in newcomers:
        with pytest.raises(DomainError) as refusal:
            ballots.staff_ballot_return_record(
                ballot=ballot, staff_member=member, choice="for", actor=principal, now=NOW
            )
        assert refusal.value.code == "workplaces.attendance.not_on_roll"
    ballot.refresh_from_db()
    assert ballot.roll_size == 30 and StaffBallotRollEntry.objects.filter(ballot=ballot).count() == 30
    assert not StaffBallotReturn.objects.filter(ballot=ballot).exists()
    # The roll cannot be frozen a second time either.
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_open(ballot=ballot, actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.ballot.transition"


def test_attack_a_person_returns_two_ballots(school: Organisation, principal: User) -> None:
    ballot = ballots.staff_ballot_open(
        ballot=_ballot(school, principal, ground="force_majeure", force_majeure_reason="Bão"), actor=principal, now=NOW
    )
    member = _staff(school)[0]
    _return(ballot, principal, [member], "for")
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_return_record(
            ballot=ballot, staff_member=member, choice="against", actor=principal, now=NOW
        )
    assert refusal.value.code == "workplaces.ballot.already_returned"
    entry = StaffBallotRollEntry.objects.get(ballot=ballot, staff_member=member)
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffBallotReturn.objects.create(
            ballot=ballot,
            staff_member=member,
            roll_entry=entry,
            choice="against",
            recorded_at=NOW,
            entered_by=principal,
        )
    assert list(StaffBallotReturn.objects.filter(ballot=ballot).values_list("choice", flat=True)) == ["for"]


def test_attack_tracing_a_secret_ballot(school: Organisation, principal: User) -> None:
    ballot = _ballot(
        school,
        principal,
        ground="force_majeure",
        force_majeure_reason="Bão",
        matter="inspection_board",
        title="Bầu Ban Thanh tra nhân dân",
        is_secret=False,
    )
    assert ballot.is_secret  # an election of the board is secret whatever the organiser ticked
    ballot = ballots.staff_ballot_open(ballot=ballot, actor=principal, now=NOW)
    staff = _staff(school)
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_return_record(ballot=ballot, staff_member=staff[0], choice="for", actor=principal, now=NOW)
    assert refusal.value.code == "workplaces.ballot.secret_choice"
    _return(ballot, principal, staff[:20])
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_count(
            ballot=ballot, votes_for=12, votes_against=5, votes_abstain=2, actor=principal, now=LATER
        )
    assert refusal.value.code == "workplaces.ballot.count_mismatch"
    counted = ballots.staff_ballot_count(
        ballot=ballot, votes_for=12, votes_against=5, votes_abstain=2, votes_invalid=1, actor=principal, now=LATER
    )
    assert (counted.votes_for, counted.votes_against, counted.votes_invalid) == (12, 5, 1)
    # Someone reading the database afterwards: who returned a ballot, never what it said.
    assert set(StaffBallotReturn.objects.filter(ballot=ballot).values_list("choice", flat=True)) == {""}
    events = AuditEvent.objects.filter(code__startswith="workplaces.ballot.")
    for event in events.filter(code="workplaces.ballot.returned"):
        assert "choice" not in json.dumps(event.after, default=str)
    # Only the totals exist: no table pairs a person (or a moment) with a choice.
    assert ballots.ballot_passed(counted) is False  # 12 of 30 on the roll


def test_count_refused_when_not_open_and_cancel_only_before(school: Organisation, principal: User) -> None:
    ballot = _ballot(school, principal, ground="force_majeure", force_majeure_reason="Bão")
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_count(ballot=ballot, actor=principal, now=LATER)
    assert refusal.value.code == "workplaces.ballot.transition"
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_return_record(
            ballot=ballot, staff_member=_staff(school)[0], choice="for", actor=principal, now=NOW
        )
    assert refusal.value.code == "workplaces.ballot.not_open"
    assert ballots.staff_ballot_cancel(ballot=ballot, actor=principal, now=NOW).status == StaffBallotStatus.CANCELLED


def test_late_return_refused(school: Organisation, principal: User) -> None:
    ballot = ballots.staff_ballot_open(
        ballot=_ballot(school, principal, ground="force_majeure", force_majeure_reason="Bão"), actor=principal, now=NOW
    )
    with pytest.raises(DomainError) as refusal:
        ballots.staff_ballot_return_record(
            ballot=ballot, staff_member=_staff(school)[0], choice="for", actor=principal, now=LATER
        )
    assert refusal.value.code == "workplaces.ballot.outside_period"
