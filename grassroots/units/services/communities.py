"""Writes of the community map of a commune: create, rename, end and merge thôn, tổ dân phố (law.md §4.5)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record
from grassroots.units import rules
from grassroots.units.models import (
    AdministrativeUnit,
    CommunityChange,
    CommunityChangeKind,
    Household,
    HouseholdStatus,
    Resident,
    UnitKind,
    UnitLevel,
    household_counts_on,
)
from grassroots.units.services._common import household_state, require_commune, require_community

ENDED_MESSAGE = _("Thôn, tổ dân phố này đã hết hiệu lực.")


def _community_name(name: str) -> str:
    """A community's name as stored: single spaces, never empty."""
    name = " ".join(name.split())
    if not name:
        raise DomainError("units.community.name_required", str(_("Cần nhập tên thôn, tổ dân phố.")))
    return name


def _current_communities(commune_id: int) -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(parent_id=commune_id, level=UnitLevel.COMMUNITY, valid_until__isnull=True)


def _name_taken(commune_id: int, name: str, *, other_than: int | None = None) -> bool:
    """Whether a current community of the commune already bears ``name``, whatever its case."""
    communities = _current_communities(commune_id)
    if other_than is not None:
        communities = communities.exclude(pk=other_than)
    names = communities.values_list("name", flat=True)
    # Compared in Python: SQLite's case folding ignores Vietnamese letters (Đ/đ, Ô/ô…).
    return any(other.casefold() == name.casefold() for other in names)


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
    require_commune(commune)
    name = _community_name(name)
    kind = UnitKind.objects.filter(code=kind_code, level=UnitLevel.COMMUNITY, is_legacy=False).first()
    if kind is None:
        raise DomainError("units.community.bad_kind", str(_("Loại thôn, tổ dân phố không hợp lệ.")))
    with transaction.atomic():
        same_code = code and _current_communities(commune.pk).filter(code=code).exists()
        if same_code or _name_taken(commune.pk, name):
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


def _lock_community(community: AdministrativeUnit) -> AdministrativeUnit:
    locked = AdministrativeUnit.objects.select_for_update().get(pk=community.pk)
    require_community(locked)
    return locked


def _lock_current_community(community: AdministrativeUnit) -> AdministrativeUnit:
    """A community locked for a change that keeps it current (rename, receiving a merge)."""
    locked = _lock_community(community)
    if rules.community_state(locked.valid_until) != rules.CommunityState.CURRENT:
        raise DomainError("units.community.ended", str(ENDED_MESSAGE))
    return locked


def _check_end(community: AdministrativeUnit, on: dt.date) -> None:
    """What ending a community from ``on`` needs, whether it is ended or merged away."""
    state = rules.community_state(community.valid_until)
    rules.check_community_transition(state, rules.CommunityState.ENDED).raise_if_refused(str(ENDED_MESSAGE))
    if community.valid_from is not None and on <= community.valid_from:
        raise DomainError("units.community.until_before_from", str(_("Ngày hết hiệu lực phải sau ngày có hiệu lực.")))


def _record_end(community: AdministrativeUnit, on: dt.date, *, actor: Any, now: dt.datetime) -> None:
    """Record a checked end (``_check_end``): the end date, then its audit event."""
    before = _community_state(community)
    event = rules.COMMUNITY_TRANSITIONS[(rules.community_state(community.valid_until), rules.CommunityState.ENDED)]
    community.valid_until = on
    community.save(update_fields=["valid_until", "updated_at"])
    audit_record(
        code=event,
        actor=actor,
        unit=community.parent_id,
        obj=community,
        before=before,
        after=_community_state(community),
        now=now,
    )


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
    name = _community_name(name)
    with transaction.atomic():
        locked = _lock_current_community(community)
        if name == locked.name:
            raise DomainError("units.community.same_name", str(_("Tên mới trùng tên hiện tại.")))
        if _name_taken(_parent_id(locked), name, other_than=locked.pk):
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
        locked = _lock_community(community)
        _check_end(locked, on)
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
        _record_end(locked, on, actor=actor, now=moment)
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
    ``on``, pointing back to it (``previous``) with its current members moved. Denominators of any earlier
    day are therefore unchanged, and from ``on`` the target counts them. The sources end on ``on``.

    The members still in the household on ``on`` (no ``left_on``, or one after ``on``: in a back-dated merge a
    person who left later left the new household) move, keeping their dates; a person who had left by ``on``
    stays on file with the old household, which is kept (status ``merged``, never deleted). A resident has one
    household, so the old household's register on a date before ``on`` then lists only those who stayed: the
    moved members are found through ``successor`` (the audit event of the old household names the members
    moved and those kept).
    """
    moment = now or clock.now()
    source_list = list(sources)
    if not source_list:
        raise DomainError("units.community.merge_no_source", str(_("Cần chọn thôn, tổ dân phố được sáp nhập.")))
    with transaction.atomic():
        locked_target = _lock_current_community(target)
        locked_sources = [_lock_community(source) for source in source_list]
        for source in locked_sources:
            if source.pk == locked_target.pk:
                raise DomainError(
                    "units.community.merge_into_itself", str(_("Không thể sáp nhập thôn, tổ dân phố vào chính nó."))
                )
            if source.parent_id != locked_target.parent_id:
                raise DomainError(
                    "units.community.merge_other_commune", str(_("Chỉ sáp nhập các thôn, tổ dân phố cùng một xã."))
                )
            _check_end(source, on)
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
        # Locks in the units app's one order (as ``household_set_representative`` and ``resident_leave``): every
        # household first, then every resident of them, each by primary key, so no two writers wait in a cycle.
        locked_households = list(
            Household.objects.select_for_update()
            .filter(household_counts_on(on), community__in=locked_sources)
            .order_by("pk")
        )
        list(
            Resident.objects.select_for_update()
            .filter(household__in=[household.pk for household in locked_households])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        moved = 0
        for source in locked_sources:
            households = Household.objects.of_unit_on(source, on).filter(
                pk__in=[household.pk for household in locked_households]
            )
            for old in households.order_by("code"):
                if old.active_from == on:
                    # Never counted in the source: keep the interval well-formed by not ending it there.
                    raise DomainError(
                        "units.community.merge_same_day_household",
                        str(_("Có hộ bắt đầu cư trú đúng ngày sáp nhập: hãy ghi hộ đó vào thôn mới.")),
                    )
                rules.check_household_transition(old.status, HouseholdStatus.MERGED).raise_if_refused(
                    str(
                        _("Hộ %(code)s đã ghi thôi cư trú sau ngày sáp nhập: hãy sửa ngày thôi cư trú của hộ trước.")
                        % {"code": old.code}
                    )
                )
                before = household_state(old)
                event = rules.HOUSEHOLD_TRANSITIONS[(old.status, HouseholdStatus.MERGED)]
                old.status = HouseholdStatus.MERGED
                old.active_until = on
                old.save(update_fields=["status", "active_until", "updated_at"])
                code = old.code
                suffix = 1
                while code in taken:
                    suffix += 1
                    code = f"{old.code}-{suffix}"
                taken.add(code)
                # Still a member on the merge date (no ``left_on``, or one after ``on``): moves, and keeps its
                # ``left_on``; one who had left by ``on`` stays with the old household.
                members = Resident.objects.filter(household=old)
                still_member = Q(left_on__isnull=True) | Q(left_on__gt=on)
                moving = sorted(members.filter(still_member).values_list("pk", flat=True))
                kept = sorted(members.exclude(still_member).values_list("pk", flat=True))
                new = Household.objects.create(
                    community=locked_target,
                    code=code,
                    address=old.address,
                    # The representative is a current member (``resident_leave`` refuses them): moved with them.
                    representative_id=old.representative_id if old.representative_id in moving else None,
                    active_from=on,
                    previous=old,
                )
                Resident.objects.filter(pk__in=moving).update(household=new)
                audit_record(
                    code=event,
                    actor=actor,
                    unit=source,
                    obj=old,
                    before=before,
                    after={
                        **household_state(old),
                        "successor": new.pk,
                        "members_moved": moving,
                        "members_kept": kept,
                    },
                    now=moment,
                )
                audit_record(
                    code="units.household.created",
                    actor=actor,
                    unit=locked_target,
                    obj=new,
                    after={**household_state(new), "previous": old.pk},
                    now=moment,
                )
                moved += 1
            _record_end(source, on, actor=actor, now=moment)
        carried = _carry_household_roles(locked_sources, locked_target, on, actor=actor, now=moment)
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
                "roles_carried": carried,
            },
            now=moment,
        )
    return change


def _carry_household_roles(
    sources: list[AdministrativeUnit], target: AdministrativeUnit, on: dt.date, *, actor: Any, now: dt.datetime
) -> int:
    """The resident and household-representative roles of the people this merge moved follow them: each such role
    held in a source village on ``on`` ends there on ``on`` and starts in ``target`` from ``on``, through the
    accounts services (audited). A role already held in ``target`` is not granted twice. Returns how many moved."""
    from grassroots.accounts import services as account_services
    from grassroots.accounts.models import RoleMembership
    from grassroots.accounts.selectors import HOUSEHOLD_ROLES

    users = Resident.objects.filter(
        household__community=target,
        household__active_from=on,
        household__previous__community__in=sources,
        user__isnull=False,
    ).values_list("user_id", flat=True)
    carried = 0
    memberships = (
        RoleMembership.objects.active_on(on)
        .filter(role__in=HOUSEHOLD_ROLES, unit__in=sources, user_id__in=list(users), valid_from__lt=on)
        .select_related("user")
        .order_by("pk")
    )
    for membership in memberships:
        until = membership.valid_until
        account_services.membership_end(membership=membership, on=on, actor=actor, now=now)
        already = RoleMembership.objects.active_on(on).filter(
            user_id=membership.user_id, role=membership.role, unit=target
        )
        if not already.exists():
            account_services.membership_grant(
                user=membership.user,
                role=membership.role,
                unit=target,
                valid_from=on,
                valid_until=until,
                actor=actor,
                now=now,
            )
        carried += 1
    return carried
