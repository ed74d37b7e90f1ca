"""Cancelling bookings: an officer with a reason the citizen is told, a reception day cancelled, a schedule changed
under existing bookings; attacked by another commune's officer and by a citizen reaching for someone else's booking."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.accounts.testing import make_user
from grassroots.core.errors import DomainError
from grassroots.core.models import AuditEvent
from grassroots.notifications.models import Notification
from grassroots.reception import notices, selectors, services
from grassroots.reception.models import BookingStatus, ReceptionBooking, ReceptionDayCancellation
from grassroots.reception.tests.conftest import NOW, TODAY
from grassroots.units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
D = dt.date
TUESDAY = D(2026, 12, 15)
NEXT_TUESDAY = D(2026, 12, 22)


def _schedule(unit: AdministrativeUnit, actor: User, **extra: object) -> None:
    values: dict[str, object] = {
        "unit": unit,
        "weekday": 1,
        "weeks": (),
        "start_time": dt.time(7, 30),
        "end_time": dt.time(11, 0),
        "place": "Phòng tiếp công dân",
        "valid_from": TODAY,
        "actor": actor,
        "now": NOW,
    }
    values.update(extra)
    services.schedule_set(**values)  # type: ignore[arg-type]


@pytest.fixture
def schedule(commune: AdministrativeUnit, commune_chair: User) -> None:
    _schedule(commune, commune_chair)


def _book(
    unit: AdministrativeUnit, citizen: User, day: dt.date = TUESDAY, at: dt.time = dt.time(8, 0)
) -> ReceptionBooking:
    return services.booking_create(
        unit=unit, day=day, slot_start=at, phone="0912345678", summary="Đường ngõ bị ngập", actor=citizen, now=NOW
    )


def _told(user: User, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=kind))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- services -----------------------------------------------------------------------------------


def test_officer_cancels_with_a_reason_and_the_citizen_is_told(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_officer: User
) -> None:
    booking = _book(commune, resident)
    bystander = make_user("bystander")
    _book(commune, bystander, at=dt.time(9, 0))
    services.booking_cancel(booking=booking, actor=commune_officer, reason="Chủ tịch đi công tác", now=NOW)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancel_reason == "Chủ tịch đi công tác"
    event = AuditEvent.objects.get(code="reception.booking.cancelled_by_officer")
    assert event.actor_id == commune_officer.pk and (event.after or {})["reason"] == "Chủ tịch đi công tác"
    [notice] = _told(resident, notices.BOOKING_CANCELLED)
    assert notice.params == {
        "day": "15/12/2026",
        "time": "08:00",
        "unit": commune.name,
        "reason": "Chủ tịch đi công tác",
    }
    assert notice.url == reverse("reception:booking_page", kwargs={"commune_slug": commune.slug})
    assert not Notification.objects.filter(user=bystander).exists()


def test_an_officer_must_give_a_reason_and_nothing_changes_without_one(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_officer: User
) -> None:
    booking = _book(commune, resident)
    with pytest.raises(DomainError) as refusal:
        services.booking_cancel(booking=booking, actor=commune_officer, reason="   ", now=NOW)
    assert refusal.value.code == "reception.booking.reason_required"
    assert ReceptionBooking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED
    assert not Notification.objects.exists()


def test_a_citizen_cancelling_their_own_booking_is_not_notified(
    commune: AdministrativeUnit, schedule: None, resident: User
) -> None:
    booking = _book(commune, resident)
    services.booking_cancel(booking=booking, actor=resident, now=NOW)
    assert AuditEvent.objects.filter(code="reception.booking.cancelled").count() == 1
    assert not Notification.objects.exists()


def test_attack_another_communes_officer_and_another_citizen_cannot_cancel(
    commune: AdministrativeUnit, schedule: None, resident: User, other_commune_officer: User
) -> None:
    booking = _book(commune, resident)
    for intruder in (other_commune_officer, make_user("neighbour")):
        with pytest.raises(DomainError) as refusal:
            services.booking_cancel(booking=booking, actor=intruder, reason="Tôi muốn hủy", now=NOW)
        assert refusal.value.code == "reception.not_authorised"
    assert ReceptionBooking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED
    assert not Notification.objects.exists()


def test_a_cancelled_day_cancels_its_bookings_tells_each_citizen_and_is_no_longer_bookable(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_chair: User
) -> None:
    other = make_user("other-citizen")
    _book(commune, resident)
    _book(commune, other, at=dt.time(10, 0))
    later = _book(commune, make_user("later"), day=NEXT_TUESDAY)
    services.reception_day_cancel(unit=commune, day=TUESDAY, reason="Bão số 9", actor=commune_chair, now=NOW)
    assert set(ReceptionBooking.objects.filter(day=TUESDAY).values_list("status", flat=True)) == {"cancelled"}
    assert ReceptionBooking.objects.get(pk=later.pk).status == BookingStatus.BOOKED
    for citizen in (resident, other):
        [notice] = _told(citizen, notices.BOOKING_CANCELLED)
        assert notice.params["reason"] == "Bão số 9" and notice.params["day"] == "15/12/2026"
    assert TUESDAY not in selectors.bookable_days(commune, TODAY)
    with pytest.raises(DomainError) as refusal:
        _book(commune, make_user("late-comer"))
    assert refusal.value.code == "reception.booking.not_a_reception_day"
    assert (AuditEvent.objects.filter(code="reception.day.cancelled").get().after or {})["bookings_cancelled"] == 2
    with pytest.raises(DomainError) as again:
        services.reception_day_cancel(unit=commune, day=TUESDAY, reason="Bão", actor=commune_chair, now=NOW)
    assert again.value.code == "reception.day.already_cancelled"
    # The legal minimum is not excused: the day is still missed once it has passed.
    assert TUESDAY in selectors.missed_days(commune, D(2026, 12, 20))


@pytest.mark.parametrize(
    ("day", "reason", "code"),
    [
        (TUESDAY, " ", "reception.day.reason_required"),
        (D(2026, 12, 16), "Họp", "reception.day.not_scheduled"),
        (D(2026, 12, 8), "Họp", "reception.day.in_past"),
    ],
)
def test_a_day_cancellation_is_refused_without_reason_off_schedule_or_in_the_past(
    commune: AdministrativeUnit, schedule: None, commune_chair: User, day: dt.date, reason: str, code: str
) -> None:
    with pytest.raises(DomainError) as refusal:
        services.reception_day_cancel(unit=commune, day=day, reason=reason, actor=commune_chair, now=NOW)
    assert refusal.value.code == code
    assert not ReceptionDayCancellation.objects.exists()


def test_attack_another_communes_officer_cannot_cancel_a_day(
    commune: AdministrativeUnit, schedule: None, resident: User, other_commune_officer: User
) -> None:
    _book(commune, resident)
    with pytest.raises(DomainError) as refusal:
        services.reception_day_cancel(unit=commune, day=TUESDAY, reason="x", actor=other_commune_officer, now=NOW)
    assert refusal.value.code == "reception.not_authorised"
    assert not ReceptionDayCancellation.objects.exists() and not Notification.objects.exists()


def test_a_schedule_change_keeps_the_bookings_it_still_covers_and_cancels_the_others(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_chair: User
) -> None:
    early = _book(commune, resident)  # Tuesday 08:00
    late_citizen = make_user("late-citizen")
    late = _book(commune, late_citizen, at=dt.time(10, 0))
    # Same Tuesdays, now 07:30–09:30 in another room: 08:00 still a slot, 10:00 no longer.
    _schedule(commune, commune_chair, end_time=dt.time(9, 30), place="Hội trường UBND xã")
    early.refresh_from_db()
    late.refresh_from_db()
    assert early.status == BookingStatus.BOOKED and late.status == BookingStatus.CANCELLED
    [kept] = _told(resident, notices.BOOKING_KEPT)
    assert kept.params["place"] == "Hội trường UBND xã" and kept.params["hours"] == "07:30–09:30"
    [dropped] = _told(late_citizen, notices.BOOKING_CANCELLED)
    assert dropped.params["time"] == "10:00" and dropped.params["reason"]
    assert not _told(resident, notices.BOOKING_CANCELLED) and not _told(late_citizen, notices.BOOKING_KEPT)


def test_moving_the_reception_to_another_weekday_cancels_every_booking_and_tells_everyone(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_chair: User
) -> None:
    citizens = [resident, make_user("second-citizen")]
    _book(commune, citizens[0])
    _book(commune, citizens[1], day=NEXT_TUESDAY)
    _schedule(commune, commune_chair, weekday=3)  # Thursdays from today
    assert not ReceptionBooking.objects.filter(status=BookingStatus.BOOKED).exists()
    assert all(len(_told(citizen, notices.BOOKING_CANCELLED)) == 1 for citizen in citizens)


# --- pages ----------------------------------------------------------------------------------------


def test_officer_page_cancels_with_a_reason_and_keeps_the_input_without_one(
    commune: AdministrativeUnit, schedule: None, resident: User, commune_officer: User
) -> None:
    booking = _book(commune, resident)
    client = _client(commune_officer)
    url = reverse("reception:booking_officer_cancel", kwargs={"pk": booking.pk})
    page = client.get(url)
    assert page.status_code == 200 and "15/12/2026" in page.content.decode()
    staff = client.get(reverse("reception:staff_index", kwargs={"commune_slug": commune.slug}))
    assert url in staff.content.decode()
    refused = client.post(url, {"reason": ""})
    assert refused.status_code in (200, 400)
    assert ReceptionBooking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED
    done = client.post(url, {"reason": "Chủ tịch đi họp huyện"})
    assert done.status_code == 302
    assert ReceptionBooking.objects.get(pk=booking.pk).cancel_reason == "Chủ tịch đi họp huyện"
    assert len(_told(resident, notices.BOOKING_CANCELLED)) == 1
    assert client.get(url).status_code == 404  # no longer live: nothing to cancel
    mine = _client(resident).get(reverse("reception:booking_page", kwargs={"commune_slug": commune.slug}))
    assert "Chủ tịch đi họp huyện" in mine.content.decode()


def test_attack_the_officer_page_is_404_to_another_commune_and_to_citizens(
    commune: AdministrativeUnit, schedule: None, resident: User, other_commune_officer: User
) -> None:
    booking = _book(commune, resident)
    url = reverse("reception:booking_officer_cancel", kwargs={"pk": booking.pk})
    for intruder in (other_commune_officer, resident, make_user("neighbour")):
        client = _client(intruder)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    # The citizens' own cancel button does not reach someone else's booking either.
    neighbour = _client(make_user("neighbour-2"))
    assert neighbour.post(reverse("reception:booking_cancel", kwargs={"pk": booking.pk})).status_code == 404
    assert ReceptionBooking.objects.get(pk=booking.pk).status == BookingStatus.BOOKED


def test_day_cancel_page(commune: AdministrativeUnit, schedule: None, resident: User, commune_officer: User) -> None:
    _book(commune, resident)
    client = _client(commune_officer)
    url = reverse("reception:day_cancel", kwargs={"commune_slug": commune.slug})
    assert client.get(url).status_code == 200
    refused = client.post(url, {"day": "2026-12-16", "reason": "Họp"})
    assert refused.status_code in (200, 400) and not ReceptionDayCancellation.objects.exists()
    assert client.post(url, {"day": "2026-12-15", "reason": "Họp Hội đồng nhân dân"}).status_code == 302
    assert ReceptionDayCancellation.objects.get().reason == "Họp Hội đồng nhân dân"
    assert len(_told(resident, notices.BOOKING_CANCELLED)) == 1
