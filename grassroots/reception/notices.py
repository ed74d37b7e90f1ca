"""What a citizen with a booking is told (thông báo cho công dân đã đặt lịch tiếp): their booking cancelled by the
commune, with the reason; the chair's schedule changed (their booking kept, or cancelled because its day or hour is
no longer a reception). Written through the notifications app, in the same transaction as the change; the kinds are
registered in ``apps.ready``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.reception.models import ReceptionBooking

BOOKING_CANCELLED = "reception.booking_cancelled"
BOOKING_KEPT = "reception.booking_kept"


def register() -> None:
    from grassroots.notifications.kinds import register_kind
    from grassroots.notifications.models import Mode

    # Immediate by default: a citizen must not travel to a reception that will not take place.
    register_kind(
        BOOKING_CANCELLED,
        label=_("Lịch hẹn tiếp công dân bị hủy"),
        title=_("Lịch hẹn tiếp công dân ngày %(day)s lúc %(time)s tại %(unit)s đã bị hủy"),
        body=_("Lý do: %(reason)s. Bạn có thể đặt lịch khác hoặc đến trực tiếp vào ngày tiếp công dân."),
        default_mode=Mode.IMMEDIATE,
    )
    register_kind(
        BOOKING_KEPT,
        label=_("Lịch tiếp công dân thay đổi"),
        title=_("Lịch tiếp công dân của %(unit)s đã thay đổi; lịch hẹn ngày %(day)s lúc %(time)s của bạn vẫn giữ"),
        body=_("Giờ tiếp: %(hours)s. Địa điểm: %(place)s."),
        default_mode=Mode.IMMEDIATE,
    )


def _base(booking: ReceptionBooking, unit_name: str, slug: str) -> dict[str, str]:
    return {"day": booking.day.strftime("%d/%m/%Y"), "time": booking.slot_start.strftime("%H:%M"), "unit": unit_name}


def tell_cancelled(
    bookings: Iterable[ReceptionBooking], *, unit_name: str, slug: str, reason: str, key: str, now: dt.datetime
) -> int:
    """One notice per cancelled booking to its citizen (``key`` names the event, so a retry tells nobody twice)."""
    from grassroots.notifications.services import Entry, notify_batch

    url = reverse("reception:booking_page", kwargs={"commune_slug": slug})
    entries = [
        Entry(
            user_id=booking.citizen_id,
            params={**_base(booking, unit_name, slug), "reason": reason},
            url=url,
            unit_id=booking.unit_id,
            dedupe_key=f"{BOOKING_CANCELLED}:{booking.pk}:{key}"[:200],
        )
        for booking in bookings
    ]
    return notify_batch(kind=BOOKING_CANCELLED, entries=entries, now=now)


def tell_kept(
    bookings: Iterable[ReceptionBooking],
    *,
    unit_name: str,
    slug: str,
    hours: str,
    place: str,
    key: str,
    now: dt.datetime,
) -> int:
    """One notice per booking that still holds under a changed schedule, with the new hours and place."""
    from grassroots.notifications.services import Entry, notify_batch

    url = reverse("reception:booking_page", kwargs={"commune_slug": slug})
    entries = [
        Entry(
            user_id=booking.citizen_id,
            params={**_base(booking, unit_name, slug), "hours": hours, "place": place},
            url=url,
            unit_id=booking.unit_id,
            dedupe_key=f"{BOOKING_KEPT}:{booking.pk}:{key}"[:200],
        )
        for booking in bookings
    ]
    return notify_batch(kind=BOOKING_KEPT, entries=entries, now=now)
