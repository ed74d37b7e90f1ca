"""The elected get their platform role from the recognition day, and an account if they have none ([ND59] art. 8)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from grassroots.accounts import services as account_services
from grassroots.accounts.models import Role, RoleMembership, User
from grassroots.core.services import audit_record
from grassroots.elections.models import (
    Candidate,
    Election,
    ElectionKind,
)
from grassroots.elections.services.common import _commune
from grassroots.units.models import AdministrativeUnit, Household, Resident


@dataclass(frozen=True)
class NewAccount:
    """An account created for an elected resident; the temporary password is shown once, never stored."""

    user_id: int
    username: str
    full_name: str
    temporary_password: str


@dataclass(frozen=True)
class Recognition:
    election: Election
    accounts: list[NewAccount]


ROLE_FOR_ELECTION: Mapping[str, str] = {
    ElectionKind.VILLAGE_HEAD: Role.VILLAGE_HEAD,
    ElectionKind.INSPECTION_BOARD: Role.INSPECTION_BOARD_MEMBER,
}
"""The platform role an elected person receives; investment-supervision boards have none yet."""


def _account_for(
    candidate: Candidate, *, community: AdministrativeUnit, actor: Any, moment: dt.datetime
) -> tuple[User, NewAccount | None]:
    """The elected person's account: the candidate's, the resident's, or a new one (created once).

    A new account logs in by the resident's phone number when it has a valid one not used by another
    account; otherwise its username is a slug of the name and household code. Its temporary password
    (``accounts.rules.generate_temporary_password``) must be changed at first login.
    """
    resident = (
        Resident.objects.select_for_update(of=("self",))
        .select_related("household", "user")
        .get(pk=candidate.resident_id)
        if candidate.resident_id is not None
        else None
    )
    existing = candidate.user or (resident.user if resident is not None else None)
    if existing is not None:
        if candidate.user_id != existing.pk:
            candidate.user = existing
            candidate.save(update_fields=["user"])
        return existing, None
    household: Household | None = resident.household if resident is not None else None
    parts = (candidate.full_name, household.code) if household is not None else (candidate.full_name,)
    user, password = account_services.resident_account_create(
        resident=resident,
        full_name=candidate.full_name,
        username_parts=parts if candidate.full_name else (f"{community.code}-{candidate.pk}",),
        unit=community,
        actor=actor,
        now=moment,
    )
    candidate.user = user
    candidate.save(update_fields=["user"])
    audit_record(
        code="decisions.election.account_created",
        actor=actor,
        unit=community,
        obj=candidate,
        after={"user": user.pk, "username": user.username, "candidate": candidate.pk},
        now=moment,
    )
    username = user.username
    return user, NewAccount(
        user_id=user.pk, username=username, full_name=candidate.full_name, temporary_password=password
    )


def _grant_roles(election: Election, *, on: dt.date, actor: Any, moment: dt.datetime) -> list[NewAccount]:
    """The new head's role starts on recognition ([ND59] art. 8); board members get theirs too.

    Elected people without an account get one (returned, with its one-time password).
    """
    commune = _commune(election.community)
    created: list[NewAccount] = []
    if election.kind not in ROLE_FOR_ELECTION:
        # Investment-supervision boards have no platform role yet: the election record is the evidence.
        return created
    for candidate in election.candidates.filter(is_elected=True).select_related("user").order_by("pk"):
        user, new_account = _account_for(candidate, community=election.community, actor=actor, moment=moment)
        if new_account is not None:
            created.append(new_account)
        if election.kind == ElectionKind.VILLAGE_HEAD:
            for current in RoleMembership.objects.active_on(on).filter(
                unit=election.community, role__in=[Role.VILLAGE_HEAD, Role.INTERIM_VILLAGE_HEAD]
            ):
                if current.valid_from < on:
                    account_services.membership_end(membership=current, on=on, actor=actor, now=moment)
                else:
                    continue
            account_services.membership_grant(
                user=user,
                role=Role.VILLAGE_HEAD,
                unit=election.community,
                valid_from=on,
                valid_until=election.term_end,
                actor=actor,
                now=moment,
            )
        elif election.kind == ElectionKind.INSPECTION_BOARD:
            account_services.membership_grant(
                user=user,
                role=Role.INSPECTION_BOARD_MEMBER,
                unit=commune,
                valid_from=on,
                valid_until=election.term_end,
                actor=actor,
                now=moment,
            )
    return created
