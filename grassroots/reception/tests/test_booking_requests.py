"""Booking a slot at the chair's reception, and the voters' request counter for a dialogue conference."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from pytest_django import Settings

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_user
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.reception import selectors, services
from grassroots.reception.apps import dialogue_tasks
from grassroots.reception.models import BookingStatus, ReceptionBooking, VoterRequestDrive, VoterRequestSignature
from grassroots.reception.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
D = dt.date
TUESDAY = D(2026, 12, 15)


@pytest.fixture
def schedule(commune: AdministrativeUnit, commune_chair: User) -> None:
    services.schedule_set(
        unit=commune,
        weekday=1,
        weeks=(),
        start_time=dt.time(7, 30),
        end_time=dt.time(11, 0),
        place="Phòng tiếp công dân",
        valid_from=TODAY,
        actor=commune_chair,
        now=NOW,
    )


def _book(unit: AdministrativeUnit, citizen: User, **extra: object) -> ReceptionBooking:
    values: dict[str, object] = {
        "unit": unit,
        "day": TUESDAY,
        "slot_start": dt.time(8, 0),
        "phone": "0912 345 678",
        "summary": "Đường ngõ bị ngập",
        "actor": citizen,
        "now": NOW,
    }
    values.update(extra)
    return services.booking_create(**values)  # type: ignore[arg-type]


def test_booking_fills_a_slot_to_its_capacity_then_refuses(
    commune: AdministrativeUnit, schedule: None, settings: Settings
) -> None:
    settings.GRASSROOTS_RECEPTION_SLOT_CAPACITY = 2
    first = _book(commune, make_user("c1"))
    second = _book(commune, make_user("c2"))
    assert (first.seat, second.seat) == (1, 2)
    with pytest.raises(DomainError) as refusal:
        _book(commune, make_user("c3"))
    assert refusal.value.code == "reception.booking.full"
    assert ReceptionBooking.objects.filter(status=BookingStatus.BOOKED).count() == 2
    assert AuditEvent.objects.filter(code="reception.booking.created").count() == 2
    table = dict(selectors.slot_table(commune, TODAY))
    assert dict(table[TUESDAY])[dt.time(8, 0)] == 0 and dict(table[TUESDAY])[dt.time(8, 30)] == 2


def test_attack_a_citizen_with_two_tabs_cannot_book_twice_the_same_day(
    commune: AdministrativeUnit, schedule: None, resident: User
) -> None:
    _book(commune, resident)
    with pytest.raises(DomainError) as refusal:
        _book(commune, resident, slot_start=dt.time(9, 0))
    assert refusal.value.code == "reception.booking.already_booked"
    assert ReceptionBooking.objects.filter(citizen=resident).count() == 1


def test_attack_the_database_refuses_a_second_live_booking_written_around_the_service(
    commune: AdministrativeUnit, schedule: None, resident: User
) -> None:
    booking = _book(commune, resident)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionBooking.objects.create(
            unit=commune, day=TUESDAY, slot_start=dt.time(10, 0), citizen=resident, phone="1", summary="x"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        ReceptionBooking.objects.create(
            unit=commune,
            day=TUESDAY,
            slot_start=booking.slot_start,
            seat=1,
            citizen=make_user("c9"),
            phone="1",
            summary="x",
        )


def test_cancelling_frees_the_place_and_allows_a_new_booking(
    commune: AdministrativeUnit, schedule: None, resident: User, settings: Settings
) -> None:
    settings.GRASSROOTS_RECEPTION_SLOT_CAPACITY = 1
    booking = _book(commune, resident)
    cancelled = services.booking_cancel(booking=booking, actor=resident, now=NOW)
    assert cancelled.status == BookingStatus.CANCELLED and cancelled.cancelled_at == NOW
    with pytest.raises(DomainError) as again:
        services.booking_cancel(booking=booking, actor=resident, now=NOW)
    assert again.value.code == "reception.booking.not_live"
    other = _book(commune, make_user("c5"))
    assert other.seat == 1
    assert _book(commune, resident, slot_start=dt.time(9, 0)).status == BookingStatus.BOOKED


def test_attack_another_citizen_cannot_cancel_my_booking_but_the_officer_can(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_officer: User, other_commune_officer: User
) -> None:
    booking = _book(commune, resident)
    for intruder in (make_user("c7"), other_commune_officer):
        with pytest.raises(DomainError) as refusal:
            services.booking_cancel(booking=booking, actor=intruder, now=NOW)
        assert refusal.value.code == "reception.not_authorised"
    assert ReceptionBooking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED
    cancelled = services.booking_cancel(booking=booking, actor=commune_officer, reason="Chủ tịch đi họp", now=NOW)
    assert cancelled.status == BookingStatus.CANCELLED


def test_booking_outside_the_schedule_or_after_the_start_is_refused(
    commune: AdministrativeUnit, schedule: None, resident: User
) -> None:
    for extra, code in (
        ({"day": D(2026, 12, 16)}, "reception.booking.not_a_reception_day"),
        ({"slot_start": dt.time(11, 0)}, "reception.booking.not_a_slot"),
        ({"phone": " "}, "reception.booking.phone_required"),
        ({"now": dt.datetime(2026, 12, 15, 8, 0, tzinfo=NOW.tzinfo)}, "reception.booking.started"),
    ):
        with pytest.raises(DomainError) as refusal:
            _book(commune, resident, **extra)
        assert refusal.value.code == code
    assert not ReceptionBooking.objects.exists()


# --- voters' requests ------------------------------------------------------------------------------


def _drive(unit: AdministrativeUnit, actor: User, voters: int = 20) -> VoterRequestDrive:
    return services.drive_open(
        unit=unit,
        subject="Đối thoại về dự án bãi rác",
        voter_count=voters,
        voter_count_source="Danh sách cử tri bầu cử 2026",
        actor=actor,
        now=NOW,
    )


def _sign(drive: VoterRequestDrive, actor: User, number: int, **extra: object) -> VoterRequestSignature:
    values: dict[str, object] = {
        "drive": drive,
        "full_name": f"Cử tri {number}",
        "id_number": f"0010{number:08d}",
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    return services.signature_record(**values)  # type: ignore[arg-type]


def test_exactly_ten_percent_of_voters_makes_the_conference_due_and_a_task(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    drive = _drive(commune, commune_officer, voters=20)  # 10 % of 20 = 2
    _sign(drive, commune_officer, 1)
    drive.refresh_from_db()
    assert drive.threshold_reached_on is None
    assert not selectors.drives_awaiting_conference(commune).exists()
    _sign(drive, commune_officer, 2)
    drive.refresh_from_db()
    assert drive.threshold_reached_on == TODAY
    assert AuditEvent.objects.filter(code="reception.dialogue_request.threshold_reached").count() == 1
    assert list(selectors.drives_awaiting_conference(commune)) == [drive]
    tasks = [task for task in dialogue_tasks(commune_chair, TODAY) if "cử tri" in task.title]
    assert len(tasks) == 1 and tasks[0].due_date == TODAY + dt.timedelta(days=30)
    # A third request does not date it again.
    _sign(drive, commune_officer, 3)
    assert AuditEvent.objects.filter(code="reception.dialogue_request.threshold_reached").count() == 1


def test_a_conference_planned_for_the_drive_discharges_the_obligation(
    commune: AdministrativeUnit, commune_officer: User, commune_chair: User
) -> None:
    drive = _drive(commune, commune_officer, voters=10)
    _sign(drive, commune_officer, 1)
    conference = services.conference_plan(
        unit=commune,
        title="Đối thoại theo kiến nghị của cử tri",
        topics="Dự án bãi rác",
        planned_on=D(2026, 12, 20),
        place="Hội trường",
        method="in_person",
        voter_drive=drive,
        actor=commune_officer,
        now=NOW,
    )
    drive.refresh_from_db()
    assert drive.conference == conference
    assert not selectors.drives_awaiting_conference(commune).exists()
    with pytest.raises(DomainError) as closed:
        _sign(drive, commune_officer, 2)
    assert closed.value.code == "reception.drive.answered"


def test_attack_one_voter_counted_twice_by_id_or_by_account_is_refused(
    commune: AdministrativeUnit, commune_officer: User, resident: User
) -> None:
    drive = _drive(commune, commune_officer, voters=100)
    _sign(drive, commune_officer, 1, user=resident)
    for extra in ({"id_number": "0010 0000 0001"}, {"user": resident, "id_number": "999"}):
        with pytest.raises(DomainError) as refusal:
            _sign(drive, commune_officer, 1, **extra)
        assert refusal.value.code == "reception.drive.duplicate"
    assert drive.signatures.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        VoterRequestSignature.objects.create(
            drive=drive, full_name="X", id_number="001000000001", signed_on=TODAY, recorded_by=commune_officer
        )


def test_attack_a_resident_or_another_commune_cannot_open_or_sign_a_drive(
    commune: AdministrativeUnit, commune_officer: User, resident: User, other_commune_officer: User
) -> None:
    for intruder in (resident, other_commune_officer):
        with pytest.raises(DomainError):
            _drive(commune, intruder)
    drive = _drive(commune, commune_officer)
    for intruder in (resident, other_commune_officer):
        with pytest.raises(DomainError) as refusal:
            _sign(drive, intruder, 5)
        assert refusal.value.code == "reception.not_authorised"
    assert not drive.signatures.exists()


def test_a_drive_needs_its_voter_total_and_source(commune: AdministrativeUnit, commune_officer: User) -> None:
    with pytest.raises(DomainError) as refusal:
        services.drive_open(
            unit=commune, subject="S", voter_count=0, voter_count_source="DS", actor=commune_officer, now=NOW
        )
    assert refusal.value.code == "reception.drive.voters_required"
    assert not VoterRequestDrive.objects.exists()
