"""Writes of households and residents: register, add members, designate the representative, move out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.units import rules
from grassroots.units.models import AdministrativeUnit, Gender, Household, HouseholdStatus, Resident
from grassroots.units.services._common import household_state, require_community


def household_create(
    *,
    community: AdministrativeUnit,
    code: str,
    active_from: dt.date,
    address: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Household:
    """Register a household in a community from ``active_from`` (it counts from that day)."""
    moment = now or clock.now()
    require_community(community)
    code = code.strip()
    if not code:
        raise DomainError("units.household.code_required", str(_("Cần nhập mã hộ.")))
    with transaction.atomic():
        if Household.objects.filter(community__parent_id=community.parent_id, code__iexact=code).exists():
            raise DomainError("units.household.duplicate_code", str(_("Mã hộ này đã có trong xã.")))
        household = Household.objects.create(
            community=community, code=code, address=address.strip(), active_from=active_from
        )
        audit_record(
            code="units.household.created",
            actor=actor,
            unit=community,
            obj=household,
            after=household_state(household),
            now=moment,
        )
    return household


def household_move_out(
    *,
    household: Household,
    on: dt.date,
    status: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> Household:
    """Mark a household moved away or dissolved from ``on``: it no longer counts from that day."""
    moment = now or clock.now()
    if status not in rules.MOVE_OUT_STATUSES:
        raise DomainError("units.household.bad_move_out_status", str(_("Lý do thôi cư trú không hợp lệ.")))
    with transaction.atomic():
        locked = Household.objects.select_for_update().get(pk=household.pk)
        rules.check_household_transition(locked.status, status).raise_if_refused(
            str(_("Hộ này không thể chuyển sang tình trạng đó."))
        )
        if on <= locked.active_from:
            raise DomainError(
                "units.household.until_before_from",
                str(_("Ngày thôi cư trú phải sau ngày bắt đầu cư trú.")),
            )
        before = household_state(locked)
        event = rules.HOUSEHOLD_TRANSITIONS[(locked.status, status)]
        locked.status = status
        locked.active_until = on
        locked.save(update_fields=["status", "active_until", "updated_at"])
        audit_record(
            code=event,
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            before=before,
            after=household_state(locked),
            now=moment,
        )
    return locked


def resident_create(
    *,
    household: Household | None,
    full_name: str,
    birth_date: dt.date | None = None,
    gender: str = "",
    phone: str = "",
    registered_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Resident:
    """Record a resident (only what the law needs: name, birth date, gender, optional phone).

    ``registered_on`` is the day the person entered the household (birth, marriage, moving in); empty when
    unknown, and then the person counts in the household's register on every earlier date too.
    """
    moment = now or clock.now()
    full_name = " ".join(full_name.split())
    if not full_name:
        raise DomainError("units.resident.name_required", str(_("Cần nhập họ và tên.")))
    if gender and gender not in Gender.values:
        raise DomainError("units.resident.bad_gender", str(_("Giới tính không hợp lệ.")))
    if birth_date is not None and birth_date > clock.localdate(moment):
        raise DomainError("units.resident.birth_in_future", str(_("Ngày sinh ở tương lai.")))
    if registered_on is not None and registered_on > clock.localdate(moment):
        raise DomainError("units.resident.registered_in_future", str(_("Ngày vào hộ ở tương lai.")))
    if registered_on is not None and birth_date is not None and registered_on < birth_date:
        raise DomainError("units.resident.registered_before_birth", str(_("Ngày vào hộ trước ngày sinh.")))
    try:
        phone = rules.parse_phone(phone)
    except ValueError as error:
        raise DomainError("units.resident.bad_phone", str(_("Số điện thoại không hợp lệ."))) from error
    with transaction.atomic():
        resident = Resident.objects.create(
            household=household,
            full_name=full_name,
            birth_date=birth_date,
            gender=gender,
            phone=phone,
            registered_on=registered_on,
        )
        audit_record(
            code="units.resident.created",
            actor=actor,
            unit=household.community_id if household else None,
            obj=resident,
            after={
                "household": household.pk if household else None,
                "full_name": full_name,
                "birth_date": birth_date,
                "gender": gender,
                "phone": phone,
                "registered_on": registered_on,
            },
            now=moment,
        )
    return resident


def resident_leave(
    *,
    resident: Resident,
    on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> Resident:
    """Record that a member left the household from ``on`` (moved away, died, married out): never a deletion.

    The person stays on file with ``left_on`` so that the household's register on an earlier date (a fund's
    per-person rate on its decision date) still counts them. The representative cannot leave before another
    member is designated (``units.resident.is_representative``).

    Locks follow the units app's one order, households before residents (as ``household_set_representative``
    and ``community_merge``): the person's household is read, locked, then the person is locked and read again;
    if a merge moved them meanwhile the request is refused (nothing written) rather than take a lock out of order.
    """
    moment = now or clock.now()
    with transaction.atomic():
        household_id = Resident.objects.filter(pk=resident.pk).values_list("household_id", flat=True).get()
        household = Household.objects.select_for_update().get(pk=household_id) if household_id is not None else None
        locked = Resident.objects.select_for_update().get(pk=resident.pk)
        if locked.household_id != household_id:
            raise DomainError(
                "units.resident.household_changed",
                str(_("Hộ của người này vừa thay đổi (sáp nhập thôn): hãy tải lại trang rồi ghi lại.")),
            )
        if household is None:
            raise DomainError("units.resident.no_household", str(_("Người này không thuộc hộ nào.")))
        if locked.left_on is not None:
            raise DomainError("units.resident.already_left", str(_("Người này đã rời hộ.")))
        if on > clock.localdate(moment):
            raise DomainError("units.resident.left_in_future", str(_("Ngày rời hộ ở tương lai.")))
        if locked.registered_on is not None and on <= locked.registered_on:
            raise DomainError("units.resident.left_before_registered", str(_("Ngày rời hộ phải sau ngày vào hộ.")))
        if household.representative_id == locked.pk:
            raise DomainError(
                "units.resident.is_representative",
                str(_("Người này đang là đại diện hộ: hãy chọn người đại diện khác trước.")),
            )
        locked.left_on = on
        locked.save(update_fields=["left_on", "updated_at"])
        audit_record(
            code="units.resident.left",
            actor=actor,
            unit=household.community_id,
            obj=locked,
            before={"household": household.pk, "left_on": None},
            after={"household": household.pk, "left_on": on},
            now=moment,
        )
    return locked


def household_set_representative(
    *,
    household: Household,
    resident: Resident,
    on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Household:
    """Designate the household's representative: a member with full civil capacity on ``on``.

    Law 10/2022 art. 18(2), art. 19(3): the representative is a member with full civil capacity,
    taken here as being at least ``rules.REPRESENTATIVE_MIN_AGE`` full years old on that date.

    The resident given may be a stale copy (a page opened before the person left or moved to another
    household): both rows are locked and the person is read again under the lock, so a concurrent
    ``resident_leave`` or a merge cannot slip a former member in as representative. Locks are taken in the
    units app's one order, households before residents (as ``resident_leave`` and ``community_merge`` do), so
    none of them waits on another in a cycle.
    """
    moment = now or clock.now()
    day = on or clock.localdate(moment)
    with transaction.atomic():
        locked = Household.objects.select_for_update().get(pk=household.pk)
        person = Resident.objects.select_for_update().filter(pk=resident.pk).first()
        if locked.status != HouseholdStatus.ACTIVE:
            raise DomainError("units.household.not_active", str(_("Hộ này không còn cư trú.")))
        if person is None or person.left_on is not None:
            # A representative is a current member: one who has left (on any date) no longer acts for the household.
            raise DomainError("units.representative.not_member", str(_("Người đại diện phải là thành viên của hộ.")))
        result = rules.check_representative(
            member_household_id=person.household_id,
            household_id=locked.pk,
            birth_date=person.birth_date,
            on=day,
        )
        messages = {
            "units.representative.not_member": _("Người đại diện phải là thành viên của hộ."),
            "units.representative.birth_date_unknown": _("Cần ghi ngày sinh của người đại diện."),
            "units.representative.minor": _("Người đại diện hộ phải đủ 18 tuổi (Luật số 10/2022/QH15, Điều 18, 19)."),
        }
        result.raise_if_refused(str(messages.get(result.code, "")))
        before = household_state(locked)
        locked.representative = person
        locked.save(update_fields=["representative", "updated_at"])
        audit_record(
            code="units.household.representative_set",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            before=before,
            after=household_state(locked),
            now=moment,
        )
    household.representative = person
    return locked


def household_member_add(
    *,
    household: Household,
    full_name: str,
    birth_date: dt.date | None = None,
    gender: str = "",
    phone: str = "",
    is_representative: bool = False,
    registered_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> Resident:
    """Add a member to a household and, when asked, designate them its representative: both or neither.

    A minor marked as representative is refused (``household_set_representative``) and the member
    is not recorded either: the whole entry is one transaction.
    """
    moment = now or clock.now()
    with transaction.atomic():
        resident = resident_create(
            household=household,
            full_name=full_name,
            birth_date=birth_date,
            gender=gender,
            phone=phone,
            registered_on=registered_on,
            actor=actor,
            now=moment,
        )
        if is_representative:
            household_set_representative(household=household, resident=resident, actor=actor, now=moment)
    return resident
