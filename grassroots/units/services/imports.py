"""The household import: a commune's register from a file, all or nothing."""

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
from grassroots.units.models import AdministrativeUnit, Household, Resident, UnitLevel
from grassroots.units.services._common import household_state, require_commune


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
    require_commune(commune)
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
                        registered_on=member.registered_on,
                        left_on=member.left_on,
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
                    after={**household_state(household), "members": len(plan.members)},
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
