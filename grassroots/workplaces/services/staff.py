"""The organisation as a tenant and its staff register (profile, members, posts, import)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.units.models import Organisation, OrganisationKind
from grassroots.units.rules import RawRow, RowError
from grassroots.workplaces import importing, rules
from grassroots.workplaces.models import (
    DemocracyRegime,
    StaffMember,
    StaffPost,
    WorkplaceProfile,
)
from grassroots.workplaces.services.base import _unit, refuse

# ---------------------------------------------------------------------------------------------
# The organisation as a tenant, its staff register
# ---------------------------------------------------------------------------------------------


def workplace_profile_set(
    *,
    organisation: Organisation,
    work_year_end_month: int,
    union_name: str = "",
    has_intranet: bool = False,
    actor: Any,
    now: dt.datetime | None = None,
) -> WorkplaceProfile:
    """Set when the work year ends, the union's name and the intranet. The regime follows the organisation's
    kind (``rules.democracy_regime_for_kind``): a non-state employer stays under the Labour Code alone until it
    opts in through ``employer_soe_rules_opt_in`` (which publishes the choice, [L] art. 82); an opt-in already
    made is kept."""
    moment = now or clock.now()
    if not 1 <= work_year_end_month <= 12:
        raise refuse("workplaces.profile.month")
    with transaction.atomic():
        profile, _created = WorkplaceProfile.objects.select_for_update().get_or_create(
            organisation=organisation, defaults={"regime": initial_regime(organisation)}
        )
        before = {"work_year_end_month": profile.work_year_end_month, "regime": profile.regime}
        kept = profile.regime if profile.regime == DemocracyRegime.SOE_RULES_OPT_IN else ""
        regime = rules.democracy_regime_for_kind(organisation.kind, kept)
        profile.work_year_end_month = work_year_end_month
        profile.union_name = union_name.strip()[:255]
        profile.has_intranet = has_intranet
        profile.regime = regime
        profile.save()
        audit_record(
            code="workplaces.profile.set",
            actor=actor,
            unit=organisation.unit_id,
            obj=profile,
            before=before,
            after={"work_year_end_month": work_year_end_month, "regime": regime, "has_intranet": has_intranet},
            now=moment,
        )
    return profile


def initial_regime(organisation: Organisation) -> str:
    """A new profile's regime: the Labour Code alone for a non-state employer, the Law's chapter otherwise."""
    return rules.democracy_regime_for_kind(organisation.kind, "")


def employer_soe_rules_opt_in(
    *, organisation: Organisation, decided_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> Any:
    """A non-state employer chooses to apply the SOE rules ([L] art. 82; law.md §3.2): its regime becomes
    ``soe_rules_opt_in`` (its disclosures then use the SOE list S1–S8), the choice is audited and published to
    workers through ``disclosures`` as item S7 (the enterprise's democracy regulation, [L] art. 64(1)(g)).
    Refused for any other kind of organisation and when the choice was already made. Returns the disclosure."""
    from grassroots.disclosures import services as disclosure_services
    from grassroots.disclosures.models import DisclosureCategory

    moment = now or clock.now()
    if organisation.kind != OrganisationKind.OTHER_EMPLOYER:
        raise refuse("workplaces.regime.not_employer")
    with transaction.atomic():
        profile, _created = WorkplaceProfile.objects.select_for_update().get_or_create(
            organisation=organisation, defaults={"regime": initial_regime(organisation)}
        )
        if profile.regime == DemocracyRegime.SOE_RULES_OPT_IN:
            raise refuse("workplaces.regime.already_opted_in")
        before = profile.regime
        profile.regime = DemocracyRegime.SOE_RULES_OPT_IN
        profile.save(update_fields=["regime", "updated_at"])
        audit_record(
            code="workplaces.regime.opt_in",
            actor=actor,
            unit=organisation.unit_id,
            obj=profile,
            before={"regime": before},
            after={"regime": profile.regime, "decided_on": decided_on.isoformat()},
            now=moment,
        )
        fresh = Organisation.objects.select_related("unit").get(pk=organisation.pk)  # reads the new regime
        disclosure = disclosure_services.disclosure_create(
            unit=fresh.unit,
            organisation=fresh,
            category=DisclosureCategory.objects.get(code=SOE_RULES_NOTICE_CATEGORY),
            title="Thông báo áp dụng quy định thực hiện dân chủ như doanh nghiệp nhà nước",
            body=(
                f"{fresh.name} áp dụng các quy định về thực hiện dân chủ ở doanh nghiệp nhà nước (Mục 1 Chương IV "
                "Luật Thực hiện dân chủ ở cơ sở) theo Điều 82 của Luật, kể từ ngày "
                f"{decided_on:%d/%m/%Y}. Tổ chức công đoàn đã được thông báo."
            ),
            decided_on=decided_on,
            actor=actor,
            now=moment,
        )
        return disclosure_services.disclosure_publish(disclosure=disclosure, actor=actor, now=moment)


SOE_RULES_NOTICE_CATEGORY = "S7"
"""The opt-in notice is published as the enterprise's democracy regulation item ([L] art. 64(1)(g))."""


def _staff_state(member: StaffMember) -> dict[str, Any]:
    return {
        "code": member.code,
        "full_name": member.full_name,
        "division": member.division,
        "is_head": member.is_head,
        "post": member.post,
        "is_union_executive": member.is_union_executive,
        "active_from": member.active_from,
        "active_until": member.active_until,
    }


def staff_member_add(
    *,
    organisation: Organisation,
    code: str,
    full_name: str,
    active_from: dt.date,
    division: str = "",
    position: str = "",
    is_head: bool = False,
    is_union_executive: bool = False,
    actor: Any,
    now: dt.datetime | None = None,
) -> StaffMember:
    """Add one person to the staff register (from ``active_from``)."""
    moment = now or clock.now()
    code, full_name = " ".join(code.split()), " ".join(full_name.split())
    if not code:
        raise refuse("workplaces.staff.code_required")
    if not full_name:
        raise refuse("workplaces.staff.name_required")
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        if StaffMember.objects.filter(organisation=organisation, code__iexact=code).exists():
            raise refuse("workplaces.staff.code_taken")
        if (
            is_head
            and StaffMember.objects.filter(organisation=organisation, is_head=True, active_until__isnull=True).exists()
        ):
            raise refuse("workplaces.staff.head_taken")
        member = StaffMember.objects.create(
            organisation=organisation,
            code=code[:40],
            full_name=full_name[:200],
            division=division.strip()[:200],
            position=position.strip()[:200],
            is_head=is_head,
            is_union_executive=is_union_executive,
            active_from=active_from,
        )
        audit_record(
            code="workplaces.staff.added",
            actor=actor,
            unit=organisation.unit_id,
            obj=member,
            after=_staff_state(member),
            now=moment,
        )
    return member


def staff_member_leave(
    *, staff_member: StaffMember, on: dt.date, actor: Any, now: dt.datetime | None = None
) -> StaffMember:
    """Record that someone no longer works here from ``on`` (the first day they no longer count)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
        if locked.active_until is not None:
            raise refuse("workplaces.staff.already_left")
        if on <= locked.active_from:
            raise refuse("workplaces.staff.end_before_start")
        before = _staff_state(locked)
        locked.active_until = on
        locked.save(update_fields=["active_until", "updated_at"])
        audit_record(
            code="workplaces.staff.left",
            actor=actor,
            unit=_unit(locked.organisation_id),
            obj=locked,
            before=before,
            after=_staff_state(locked),
            now=moment,
        )
    return locked


def staff_member_set_post(
    *, staff_member: StaffMember, is_head: bool, post: str, actor: Any, now: dt.datetime | None = None
) -> StaffMember:
    """Record a promotion or a change of post (the head; a deputy head, the chief accountant; for an enterprise the
    legal representative or a manager): the register then shows a board member who no longer qualifies."""
    moment = now or clock.now()
    if post not in StaffPost.values:
        raise refuse("workplaces.staff.post_unknown")
    with transaction.atomic():
        locked = StaffMember.objects.select_for_update().get(pk=staff_member.pk)
        if locked.active_until is not None:
            raise refuse("workplaces.staff.already_left")
        if (
            is_head
            and not locked.is_head
            and StaffMember.objects.filter(
                organisation_id=locked.organisation_id, is_head=True, active_until__isnull=True
            ).exists()
        ):
            raise refuse("workplaces.staff.head_taken")
        before = _staff_state(locked)
        locked.is_head, locked.post = is_head, post
        locked.save(update_fields=["is_head", "post", "updated_at"])
        audit_record(
            code="workplaces.staff.post_changed",
            actor=actor,
            unit=_unit(locked.organisation_id),
            obj=locked,
            before=before,
            after=_staff_state(locked),
            now=moment,
        )
    return locked


@dataclass(frozen=True)
class StaffImportResult:
    created: int


class StaffImportError(DomainError):
    """The file has problems: nothing was imported; ``errors`` lists every bad row."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(
            "workplaces.import.invalid", str(_("Tệp có %(count)s lỗi; chưa nhập dữ liệu nào.") % {"count": len(errors)})
        )
        self.errors = errors


def staff_import(
    *, organisation: Organisation, rows: Iterable[RawRow], actor: Any, now: dt.datetime | None = None
) -> StaffImportResult:
    """Import an organisation's staff register, all or nothing; on any bad row ``StaffImportError.errors``."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    rows = list(rows)
    with transaction.atomic():
        Organisation.objects.select_for_update().get(pk=organisation.pk)
        existing = StaffMember.objects.filter(organisation=organisation)
        plans, errors = importing.validate_staff_rows(
            rows,
            existing_codes=list(existing.values_list("code", flat=True)),
            has_current_head=existing.filter(is_head=True, active_until__isnull=True).exists(),
            today=today,
        )
        if errors:
            raise StaffImportError(errors)
        try:
            created = StaffMember.objects.bulk_create(
                [
                    StaffMember(
                        organisation=organisation,
                        code=plan.code,
                        full_name=plan.full_name,
                        division=plan.division,
                        position=plan.position,
                        gender=plan.gender,
                        birth_date=plan.birth_date,
                        phone=plan.phone,
                        is_head=plan.is_head,
                        is_union_executive=plan.is_union_executive,
                        active_from=plan.active_from,
                    )
                    for plan in plans
                ],
                batch_size=500,
            )
        except IntegrityError as error:
            raise DomainError(
                "workplaces.import.conflict", str(_("Dữ liệu vừa thay đổi trong lúc nhập; hãy thử lại."))
            ) from error
        audit_record(
            code="workplaces.staff.imported",
            actor=actor,
            unit=organisation.unit_id,
            obj=organisation,
            after={"created": len(created), "codes": [plan.code for plan in plans][:500]},
            now=moment,
        )
    return StaffImportResult(created=len(created))
