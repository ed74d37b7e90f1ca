"""Test helpers for household registers, shared by the apps whose tests count households."""

from __future__ import annotations

from grassroots.units.models import AdministrativeUnit, Household


def households(community: AdministrativeUnit) -> list[Household]:
    """Every household of ``community`` in code order, the order the demo roll is built in."""
    return list(Household.objects.filter(community=community).order_by("code"))
