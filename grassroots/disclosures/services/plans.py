"""The unit's disclosure conditions (channels it has) and the yearly disclosure plan (art. 14(1))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from grassroots.core.services import audit_record
from grassroots.disclosures.models import (
    Channel,
    DisclosureCategory,
    DisclosurePlan,
    DisclosurePlanItem,
    DisclosureProfile,
)
from grassroots.disclosures.services._shared import refuse
from grassroots.units.models import AdministrativeUnit


def profile_update(
    *,
    unit: AdministrativeUnit,
    has_portal: bool,
    has_loudspeaker: bool,
    is_special_area: bool = False,
    actor: Any,
    now: dt.datetime | None = None,
) -> DisclosureProfile:
    with transaction.atomic():
        profile, _created = DisclosureProfile.objects.select_for_update().get_or_create(unit=unit)
        before = {"has_portal": profile.has_portal, "has_loudspeaker": profile.has_loudspeaker}
        profile.has_portal, profile.has_loudspeaker, profile.is_special_area = (
            has_portal,
            has_loudspeaker,
            is_special_area,
        )
        profile.save()
        audit_record(
            code="disclosures.profile.updated",
            actor=actor,
            unit=unit,
            obj=profile,
            before=before,
            after={"has_portal": has_portal, "has_loudspeaker": has_loudspeaker, "is_special_area": is_special_area},
            now=now,
        )
    return profile


def plan_create(
    *,
    unit: AdministrativeUnit,
    year: int,
    title: str,
    adopted_on: dt.date | None = None,
    actor: Any,
    now: dt.datetime | None = None,
) -> DisclosurePlan:
    """The People's Committee's disclosure plan for a year (art. 14(1))."""
    if not title.strip():
        raise refuse("disclosures.title_required")
    with transaction.atomic():
        if DisclosurePlan.objects.filter(unit=unit, year=year).exists():
            raise refuse("disclosures.plan_exists")
        plan = DisclosurePlan.objects.create(unit=unit, year=year, title=title.strip(), adopted_on=adopted_on)
        audit_record(
            code="disclosures.plan.created",
            actor=actor,
            unit=unit,
            obj=plan,
            after={"year": year, "title": plan.title, "adopted_on": adopted_on},
            now=now,
        )
    return plan


def plan_item_add(
    *,
    plan: DisclosurePlan,
    category: DisclosureCategory,
    content: str,
    channels: Sequence[str],
    planned_on: dt.date,
    owner: str,
    actor: Any,
    now: dt.datetime | None = None,
) -> DisclosurePlanItem:
    """One line of the plan: what (content, category), how (channels), when (date), who (owner)."""
    chosen = [value for value in dict.fromkeys(channels) if value in Channel.values]
    if not content.strip() or not owner.strip() or not chosen:
        raise refuse("disclosures.plan_item_incomplete")
    with transaction.atomic():
        item = DisclosurePlanItem.objects.create(
            plan=plan,
            category=category,
            content=content.strip(),
            channels=chosen,
            planned_on=planned_on,
            owner=owner.strip(),
        )
        audit_record(
            code="disclosures.plan.item_added",
            actor=actor,
            unit=plan.unit_id,
            obj=plan,
            after={"item": item.pk, "category": category.code, "planned_on": planned_on, "channels": chosen},
            now=now,
        )
    return item
