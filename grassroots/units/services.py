"""Writes of the units app. Every change is audited in its own transaction (core.services.audit_record)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.units import rules
from grassroots.units.models import (
    AdministrativeUnit,
    Gender,
    Household,
    HouseholdStatus,
    Organisation,
    OrganisationKind,
    Resident,
    StaffHeadcount,
    UnitKind,
    UnitLevel,
)


def _household_state(household: Household) -> dict[str, Any]:
    return {
        "code": household.code,
        "community": household.community_id,
        "address": household.address,
        "representative": household.representative_id,
        "status": household.status,
        "active_from": household.active_from,
        "active_until": household.active_until,
    }


def _require_commune(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNE:
        raise DomainError("units.unit.not_commune", str(_("Đơn vị này không phải cấp xã.")))


def _require_community(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNITY:
        raise DomainError("units.unit.not_community", str(_("Đơn vị này không phải thôn, tổ dân phố.")))


# --- communities -----------------------------------------------------------------------------


def community_create(
    *,
    commune: AdministrativeUnit,
    name: str,
    kind_code: str,
    code: str = "",
    valid_from: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> AdministrativeUnit:
    """Create a community (thôn, tổ dân phố…) in a commune; the commune decides them (law.md §4.5)."""
    moment = now or clock.now()
    _require_commune(commune)
    name = " ".join(name.split())
    if not name:
        raise DomainError("units.community.name_required", str(_("Cần nhập tên thôn, tổ dân phố.")))
    kind = UnitKind.objects.filter(code=kind_code, level=UnitLevel.COMMUNITY, is_legacy=False).first()
    if kind is None:
        raise DomainError("units.community.bad_kind", str(_("Loại thôn, tổ dân phố không hợp lệ.")))
    with transaction.atomic():
        clash = AdministrativeUnit.objects.filter(
            parent=commune, level=UnitLevel.COMMUNITY, valid_until__isnull=True
        ).filter(name__iexact=name)
        if code:
            clash = clash | AdministrativeUnit.objects.filter(
                parent=commune, level=UnitLevel.COMMUNITY, valid_until__isnull=True, code=code
            )
        if clash.exists():
            raise DomainError("units.community.duplicate", str(_("Xã đã có thôn, tổ dân phố trùng tên hoặc mã.")))
        community = AdministrativeUnit.objects.create(
            parent=commune,
            level=UnitLevel.COMMUNITY,
            kind=kind,
            name=name,
            short_name=name,
            code=code,
            slug=rules.vietnamese_slug(name)[:120],
            valid_from=valid_from,
        )
        audit_record(
            code="units.community.created",
            actor=actor,
            unit=commune,
            obj=community,
            after={"name": name, "kind": kind_code, "code": code, "valid_from": valid_from},
            now=moment,
        )
    return community


# --- households and residents ----------------------------------------------------------------


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
    _require_community(community)
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
            after=_household_state(household),
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
        before = _household_state(locked)
        locked.status = status
        locked.active_until = on
        locked.save(update_fields=["status", "active_until", "updated_at"])
        audit_record(
            code=f"units.household.{status}",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            before=before,
            after=_household_state(locked),
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
    actor: Any,
    now: dt.datetime | None = None,
) -> Resident:
    """Record a resident (only what the law needs: name, birth date, gender, optional phone)."""
    moment = now or clock.now()
    full_name = " ".join(full_name.split())
    if not full_name:
        raise DomainError("units.resident.name_required", str(_("Cần nhập họ và tên.")))
    if gender and gender not in Gender.values:
        raise DomainError("units.resident.bad_gender", str(_("Giới tính không hợp lệ.")))
    if birth_date is not None and birth_date > clock.localdate(moment):
        raise DomainError("units.resident.birth_in_future", str(_("Ngày sinh ở tương lai.")))
    try:
        phone = rules.parse_phone(phone)
    except ValueError as error:
        raise DomainError("units.resident.bad_phone", str(_("Số điện thoại không hợp lệ."))) from error
    with transaction.atomic():
        resident = Resident.objects.create(
            household=household, full_name=full_name, birth_date=birth_date, gender=gender, phone=phone
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
            },
            now=moment,
        )
    return resident


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
    """
    moment = now or clock.now()
    day = on or clock.localdate(moment)
    with transaction.atomic():
        locked = Household.objects.select_for_update().get(pk=household.pk)
        if locked.status != HouseholdStatus.ACTIVE:
            raise DomainError("units.household.not_active", str(_("Hộ này không còn cư trú.")))
        result = rules.check_representative(
            member_household_id=resident.household_id,
            household_id=locked.pk,
            birth_date=resident.birth_date,
            on=day,
        )
        messages = {
            "units.representative.not_member": _("Người đại diện phải là thành viên của hộ."),
            "units.representative.birth_date_unknown": _("Cần ghi ngày sinh của người đại diện."),
            "units.representative.minor": _("Người đại diện hộ phải đủ 18 tuổi (Luật số 10/2022/QH15, Điều 18, 19)."),
        }
        result.raise_if_refused(str(messages.get(result.code, "")))
        before = _household_state(locked)
        locked.representative = resident
        locked.save(update_fields=["representative", "updated_at"])
        audit_record(
            code="units.household.representative_set",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            before=before,
            after=_household_state(locked),
            now=moment,
        )
    household.representative = resident
    return locked


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    households: int
    residents: int


class HouseholdImportError(DomainError):
    """The file has problems: nothing was imported; ``errors`` lists every bad row."""

    def __init__(self, errors: list[rules.RowError]) -> None:
        super().__init__(
            "units.import.invalid",
            str(_("Tệp có %(count)s lỗi; chưa nhập dữ liệu nào.") % {"count": len(errors)}),
        )
        self.errors = errors


def _community_lookup(commune: AdministrativeUnit) -> dict[str, int]:
    lookup: dict[str, int] = {}
    communities = AdministrativeUnit.objects.filter(
        parent=commune, level=UnitLevel.COMMUNITY, valid_until__isnull=True
    ).values_list("id", "name", "short_name", "code")
    for community_id, name, short_name, code in communities:
        for key in (name, short_name, code):
            if key:
                lookup.setdefault(rules.fold_text(key), community_id)
    return lookup


def household_import(
    *,
    commune: AdministrativeUnit,
    rows: Iterable[rules.RawRow],
    actor: Any,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import households and residents of one commune, all or nothing.

    Every row is checked first (``rules.validate_import``); on any problem nothing is written and
    ``HouseholdImportError.errors`` lists each bad row. Otherwise all households and residents are
    created in one transaction, each household audited. ``progress(n)`` is told of n more rows done.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    _require_commune(commune)
    rows = list(rows)
    existing_codes = Household.objects.filter(community__parent=commune).values_list("code", flat=True)
    plans, errors = rules.validate_import(
        rows, communities=_community_lookup(commune), existing_codes=list(existing_codes), today=today
    )
    if errors:
        raise HouseholdImportError(errors)
    resident_total = sum(len(plan.members) for plan in plans)
    try:
        with transaction.atomic():
            households = Household.objects.bulk_create(
                [
                    Household(
                        community_id=plan.community_id,
                        code=plan.code,
                        address=plan.address[:255],
                        active_from=plan.active_from,
                    )
                    for plan in plans
                ],
                batch_size=500,
            )
            residents: list[Resident] = []
            for household, plan in zip(households, plans, strict=True):
                residents.extend(
                    Resident(
                        household_id=household.pk,
                        full_name=member.full_name,
                        birth_date=member.birth_date,
                        gender=member.gender,
                        phone=member.phone,
                    )
                    for member in plan.members
                )
            residents = Resident.objects.bulk_create(residents, batch_size=500)
            position = 0
            for household, plan in zip(households, plans, strict=True):
                members = residents[position : position + len(plan.members)]
                for member, resident in zip(plan.members, members, strict=True):
                    if member.is_representative:
                        household.representative_id = resident.pk
                position += len(plan.members)
            Household.objects.bulk_update(households, ["representative"], batch_size=500)
            for household, plan in zip(households, plans, strict=True):
                audit_record(
                    code="units.household.imported",
                    actor=actor,
                    unit=household.community_id,
                    obj=household,
                    after={**_household_state(household), "members": len(plan.members)},
                    now=moment,
                )
                if progress is not None:
                    progress(len(plan.members))
            audit_record(
                code="units.import.completed",
                actor=actor,
                unit=commune,
                after={"households": len(households), "residents": resident_total},
                now=moment,
            )
    except IntegrityError as error:
        # A concurrent import took the same code between the check and the write.
        raise DomainError(
            "units.import.conflict", str(_("Dữ liệu vừa thay đổi trong lúc nhập; hãy thử lại."))
        ) from error
    return ImportResult(households=len(households), residents=resident_total)


# --- organisations ---------------------------------------------------------------------------


def organisation_create(
    *,
    kind: str,
    name: str,
    unit: AdministrativeUnit,
    short_name: str = "",
    parent: Organisation | None = None,
    weekly_rest_days: str = "5,6",
    actor: Any,
    now: dt.datetime | None = None,
) -> Organisation:
    """Register an agency, public service unit or employer (Law Chapters III–IV) in an area."""
    moment = now or clock.now()
    if kind not in OrganisationKind.values:
        raise DomainError("units.organisation.bad_kind", str(_("Loại hình cơ quan, đơn vị không hợp lệ.")))
    name = " ".join(name.split())
    if not name:
        raise DomainError("units.organisation.name_required", str(_("Cần nhập tên cơ quan, đơn vị.")))
    days = [part.strip() for part in weekly_rest_days.split(",") if part.strip()]
    if not all(part.isdigit() and 0 <= int(part) <= 6 for part in days):
        raise DomainError("units.organisation.bad_rest_days", str(_("Ngày nghỉ hằng tuần không hợp lệ.")))
    with transaction.atomic():
        organisation = Organisation.objects.create(
            kind=kind,
            name=name,
            short_name=short_name.strip(),
            unit=unit,
            parent=parent,
            weekly_rest_days=",".join(days),
        )
        audit_record(
            code="units.organisation.created",
            actor=actor,
            unit=unit,
            obj=organisation,
            after={"kind": kind, "name": name, "unit": unit.pk, "parent": parent.pk if parent else None},
            now=moment,
        )
    return organisation


def headcount_set(
    *,
    organisation: Organisation,
    effective_from: dt.date,
    headcount: int,
    actor: Any,
    now: dt.datetime | None = None,
) -> StaffHeadcount:
    """Record the staff headcount from a date (replacing one already recorded for that same date)."""
    moment = now or clock.now()
    if headcount < 0:
        raise DomainError("units.headcount.negative", str(_("Số người không được âm.")))
    with transaction.atomic():
        existing = (
            StaffHeadcount.objects.select_for_update()
            .filter(organisation=organisation, effective_from=effective_from)
            .first()
        )
        before = {"headcount": existing.headcount, "effective_from": effective_from} if existing else None
        if existing is None:
            record = StaffHeadcount.objects.create(
                organisation=organisation, effective_from=effective_from, headcount=headcount
            )
        else:
            existing.headcount = headcount
            existing.save(update_fields=["headcount"])
            record = existing
        audit_record(
            code="units.headcount.set",
            actor=actor,
            unit=organisation.unit_id,
            obj=organisation,
            before=before,
            after={"headcount": headcount, "effective_from": effective_from},
            now=moment,
        )
    return record
