"""Checks and snapshots the units services share (private to the package)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from grassroots.core.errors import DomainError
from grassroots.units.models import AdministrativeUnit, Household, UnitLevel


def household_state(household: Household) -> dict[str, Any]:
    return {
        "code": household.code,
        "community": household.community_id,
        "address": household.address,
        "representative": household.representative_id,
        "status": household.status,
        "active_from": household.active_from,
        "active_until": household.active_until,
    }


def require_commune(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNE:
        raise DomainError("units.unit.not_commune", str(_("Đơn vị này không phải cấp xã.")))


def require_community(unit: AdministrativeUnit) -> None:
    if unit.level != UnitLevel.COMMUNITY:
        raise DomainError("units.unit.not_community", str(_("Đơn vị này không phải thôn, tổ dân phố.")))
