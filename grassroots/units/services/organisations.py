"""Writes of organisations (Law Chapters III–IV): registration, staff headcount, weekly rest days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.units import rules
from grassroots.units.models import AdministrativeUnit, Organisation, OrganisationKind, StaffHeadcount

REST_DAY_MESSAGES = {
    "units.organisation.bad_rest_days": _("Ngày nghỉ hằng tuần không hợp lệ."),
    "units.organisation.no_working_day": _("Phải có ít nhất một ngày làm việc trong tuần."),
}


def _stored_rest_days(parts: Iterable[str | int]) -> str:
    result = rules.check_rest_days(parts)
    result.raise_if_refused(str(REST_DAY_MESSAGES.get(result.code, "")))
    return str(result.params["stored"])


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
    rest_days = _stored_rest_days(weekly_rest_days.split(","))
    with transaction.atomic():
        organisation = Organisation.objects.create(
            kind=kind,
            name=name,
            short_name=short_name.strip(),
            unit=unit,
            parent=parent,
            weekly_rest_days=rest_days,
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


def organisation_set_rest_days(
    *,
    organisation: Organisation,
    weekly_rest_days: Iterable[int],
    actor: Any,
    now: dt.datetime | None = None,
) -> Organisation:
    """Set the weekly rest days (0 = Monday … 6 = Sunday) an enterprise's working calendar uses."""
    moment = now or clock.now()
    rest_days = _stored_rest_days(weekly_rest_days)
    with transaction.atomic():
        locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
        before = {"weekly_rest_days": locked.weekly_rest_days}
        locked.weekly_rest_days = rest_days
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
