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
    CommunityChange,
    CommunityChangeKind,
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


def _community_state(community: AdministrativeUnit) -> dict[str, Any]:
    return {
        "name": community.name,
        "code": community.code,
        "kind": community.kind_id,
        "valid_from": community.valid_from,
        "valid_until": community.valid_until,
    }


def _parent_id(community: AdministrativeUnit) -> int:
    if community.parent_id is None:
        raise DomainError("units.unit.not_community", str(_("Đơn vị này không phải thôn, tổ dân phố.")))
    return community.parent_id


def _lock_current_community(community: AdministrativeUnit) -> AdministrativeUnit:
    locked = AdministrativeUnit.objects.select_for_update().get(pk=community.pk)
    _require_community(locked)
    if locked.valid_until is not None:
        raise DomainError("units.community.ended", str(_("Thôn, tổ dân phố này đã hết hiệu lực.")))
    return locked


def community_rename(
    *,
    community: AdministrativeUnit,
    name: str,
    on: dt.date,
    decision_ref: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> AdministrativeUnit:
    """Rename a community (the commune's decision); the old name stays in a ``CommunityChange`` row."""
    moment = now or clock.now()
    name = " ".join(name.split())
    if not name:
        raise DomainError("units.community.name_required", str(_("Cần nhập tên thôn, tổ dân phố.")))
    with transaction.atomic():
        locked = _lock_current_community(community)
        if name == locked.name:
            raise DomainError("units.community.same_name", str(_("Tên mới trùng tên hiện tại.")))
        current_names = AdministrativeUnit.objects.filter(
            parent_id=locked.parent_id, level=UnitLevel.COMMUNITY, valid_until__isnull=True
        ).exclude(pk=locked.pk)
        # Compared in Python: SQLite's case folding ignores Vietnamese letters.
        if any(other.casefold() == name.casefold() for other in current_names.values_list("name", flat=True)):
            raise DomainError("units.community.duplicate_name", str(_("Xã đã có thôn, tổ dân phố mang tên này.")))
        before = _community_state(locked)
        old_name = locked.name
        locked.name = name
        locked.short_name = name
        locked.slug = rules.vietnamese_slug(name)[:120]
        locked.save(update_fields=["name", "short_name", "slug", "updated_at"])
        change = CommunityChange.objects.create(
            commune_id=_parent_id(locked),
            kind=CommunityChangeKind.RENAME,
            effective_on=on,
            decision_ref=decision_ref.strip(),
            old_name=old_name,
            new_name=name,
        )
        change.sources.add(locked)
        change.targets.add(locked)
        audit_record(
            code="units.community.renamed",
            actor=actor,
            unit=locked.parent_id,
            obj=locked,
            before=before,
            after={**_community_state(locked), "decision_ref": change.decision_ref, "on": on},
            now=moment,
        )
    community.name = locked.name
    return locked


def community_end(
    *,
    community: AdministrativeUnit,
    on: dt.date,
    actor: Any,
    now: dt.datetime | None = None,
) -> AdministrativeUnit:
    """End a community from ``on`` (it is no longer valid that day); refused while households live there."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_current_community(community)
        if locked.valid_from is not None and on <= locked.valid_from:
            raise DomainError(
                "units.community.until_before_from", str(_("Ngày hết hiệu lực phải sau ngày có hiệu lực."))
            )
        still_living = Household.objects.in_unit(locked).active_on_or_after(on)
        if still_living.exists():
            raise DomainError(
                "units.community.has_households",
                str(
                    _(
                        "Thôn, tổ dân phố còn %(count)s hộ đang cư trú: hãy chuyển đi, giải thể "
                        "hoặc sáp nhập các hộ trước khi kết thúc."
                    )
                    % {"count": still_living.count()}
                ),
            )
        before = _community_state(locked)
        locked.valid_until = on
        locked.save(update_fields=["valid_until", "updated_at"])
        audit_record(
            code="units.community.ended",
            actor=actor,
            unit=locked.parent_id,
            obj=locked,
            before=before,
            after=_community_state(locked),
            now=moment,
        )
    community.valid_until = on
    return locked


def community_merge(
    *,
    sources: Iterable[AdministrativeUnit],
    target: AdministrativeUnit,
    on: dt.date,
    decision_ref: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> CommunityChange:
    """Merge communities into ``target`` from ``on`` (law.md §4.5: effective dates and merge history).

    Households keep their history: each household of a source still active on ``on`` ends there
    (``active_until = on``, status ``merged``) and a new household is created in ``target`` from
    ``on``, pointing back to it (``previous``) with its members moved. Denominators of any earlier
    day are therefore unchanged, and from ``on`` the target counts them. The sources end on ``on``.
    """
    moment = now or clock.now()
    source_list = list(sources)
    if not source_list:
        raise DomainError("units.community.merge_no_source", str(_("Cần chọn thôn, tổ dân phố được sáp nhập.")))
    with transaction.atomic():
        locked_target = _lock_current_community(target)
        locked_sources = [_lock_current_community(source) for source in source_list]
        for source in locked_sources:
            if source.pk == locked_target.pk:
                raise DomainError(
                    "units.community.merge_into_itself", str(_("Không thể sáp nhập thôn, tổ dân phố vào chính nó."))
                )
            if source.parent_id != locked_target.parent_id:
                raise DomainError(
                    "units.community.merge_other_commune", str(_("Chỉ sáp nhập các thôn, tổ dân phố cùng một xã."))
                )
            if source.valid_from is not None and on <= source.valid_from:
                raise DomainError(
                    "units.community.until_before_from", str(_("Ngày hết hiệu lực phải sau ngày có hiệu lực."))
                )
        if Household.objects.filter(community__in=locked_sources, active_from__gt=on).exists():
            raise DomainError(
                "units.community.merge_future_households",
                str(_("Có hộ bắt đầu cư trú sau ngày sáp nhập: hãy sửa ngày của các hộ đó trước.")),
            )
        change = CommunityChange.objects.create(
            commune_id=_parent_id(locked_target),
            kind=CommunityChangeKind.MERGE,
            effective_on=on,
            decision_ref=decision_ref.strip(),
            new_name=locked_target.name,
        )
        change.sources.add(*locked_sources)
        change.targets.add(locked_target)
        # Codes stay as they were unless the target already has one (or a current household elsewhere does).
        taken = set(Household.objects.filter(community=locked_target).values_list("code", flat=True)) | set(
            Household.objects.filter(community__parent_id=locked_target.parent_id, active_until__isnull=True)
            .exclude(community__in=locked_sources)
            .values_list("code", flat=True)
        )
        moved = 0
        for source in locked_sources:
            households = Household.objects.select_for_update().filter(
                community=source, active_until__isnull=True, active_from__lte=on
            )
            for old in households.order_by("code"):
                before = _household_state(old)
                old.status = HouseholdStatus.MERGED
                old.active_until = on
                if old.active_from == on:
                    # Never counted in the source: keep the interval well-formed by not ending it there.
                    raise DomainError(
                        "units.community.merge_same_day_household",
                        str(_("Có hộ bắt đầu cư trú đúng ngày sáp nhập: hãy ghi hộ đó vào thôn mới.")),
                    )
                old.save(update_fields=["status", "active_until", "updated_at"])
                code = old.code
                suffix = 1
                while code in taken:
                    suffix += 1
                    code = f"{old.code}-{suffix}"
                taken.add(code)
                new = Household.objects.create(
                    community=locked_target,
                    code=code,
                    address=old.address,
                    representative_id=old.representative_id,
                    active_from=on,
                    previous=old,
                )
                Resident.objects.filter(household=old).update(household=new)
                audit_record(
                    code="units.household.merged",
                    actor=actor,
                    unit=source,
                    obj=old,
                    before=before,
                    after={**_household_state(old), "successor": new.pk},
                    now=moment,
                )
                audit_record(
                    code="units.household.created",
                    actor=actor,
                    unit=locked_target,
                    obj=new,
                    after={**_household_state(new), "previous": old.pk},
                    now=moment,
                )
                moved += 1
            before_source = _community_state(source)
            source.valid_until = on
            source.save(update_fields=["valid_until", "updated_at"])
            audit_record(
                code="units.community.ended",
                actor=actor,
                unit=source.parent_id,
                obj=source,
                before=before_source,
                after=_community_state(source),
                now=moment,
            )
        audit_record(
            code="units.community.merged",
            actor=actor,
            unit=locked_target.parent_id,
            obj=locked_target,
            after={
                "sources": [source.pk for source in locked_sources],
                "target": locked_target.pk,
                "on": on,
                "decision_ref": change.decision_ref,
                "households": moved,
            },
            now=moment,
        )
    return change


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


def _parse_rest_days(weekly_rest_days: str) -> list[str]:
    days = sorted({part.strip() for part in weekly_rest_days.split(",") if part.strip()})
    if not all(part.isdigit() and 0 <= int(part) <= 6 for part in days):
        raise DomainError("units.organisation.bad_rest_days", str(_("Ngày nghỉ hằng tuần không hợp lệ.")))
    if len(days) == 7:
        raise DomainError("units.organisation.no_working_day", str(_("Phải có ít nhất một ngày làm việc trong tuần.")))
    return days


def organisation_set_rest_days(
    *,
    organisation: Organisation,
    weekly_rest_days: Iterable[int],
    actor: Any,
    now: dt.datetime | None = None,
) -> Organisation:
    """Set the weekly rest days (0 = Monday … 6 = Sunday) an enterprise's working calendar uses."""
    moment = now or clock.now()
    days = _parse_rest_days(",".join(str(day) for day in weekly_rest_days))
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = {"weekly_rest_days": locked.weekly_rest_days}
        locked.weekly_rest_days = ",".join(days)
        locked.save(update_fields=["weekly_rest_days", "updated_at"])
        audit_record(
            code="units.organisation.rest_days_set",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after={"weekly_rest_days": locked.weekly_rest_days},
            now=moment,
        )
    organisation.weekly_rest_days = locked.weekly_rest_days
    return locked
