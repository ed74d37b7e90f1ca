"""The roll of a vote (danh sách hộ): frozen when voting opens, amended only with a reason before the count.

[L] arts 18(2), 19(3), 21(1): one household, one vote, and the threshold is counted over all households of
the community. The roll fixes both: who may take part (through any channel) and how many count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import connection, transaction
from django.db.models import BigIntegerField, BooleanField, F, Field, Value
from django.db.models.functions import Coalesce

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units.models import Household, Resident
from grassroots.voting import rules
from grassroots.voting.models import (
    CommunityVote,
    RollAmendment,
    RollAmendmentKind,
    VoteParticipation,
    VoteRollEntry,
)
from grassroots.voting.services.common import fail, locked, refuse


def _representative(household: Household) -> tuple[str, int | None]:
    person = household.representative
    if person is None:
        return "", None
    return person.full_name, person.user_id


def _column(name: str) -> str:
    field = VoteRollEntry._meta.get_field(name)
    assert isinstance(field, Field) and field.column is not None
    return field.column


def roll_freeze(vote: CommunityVote, *, on: dt.date) -> int:
    """Write the roll of ``vote``: the households active in its community on ``on`` with their representatives.

    One ``INSERT … SELECT`` built from the one "active on a date" queryset (``units``), so a village of any
    size is frozen in one statement. Runs inside ``vote_open``'s transaction; returns the roll's size.
    """
    households = Household.objects.of_unit_on(vote.unit_id, on).annotate(
        roll_vote=Value(vote.pk, output_field=BigIntegerField()),
        roll_name=Coalesce(F("representative__full_name"), Value("")),
        roll_active=Value(True, output_field=BooleanField()),
    )
    rows = households.order_by().values_list(
        "roll_vote", "pk", "code", "roll_name", "representative__user_id", "roll_active"
    )
    select_sql, params = rows.query.sql_with_params()
    table = connection.ops.quote_name(VoteRollEntry._meta.db_table)
    fields = ("vote", "household", "household_code", "representative_name", "representative_user", "is_active")
    columns = ", ".join(connection.ops.quote_name(_column(name)) for name in fields)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {select_sql}", params)
    return VoteRollEntry.objects.filter(vote=vote).count()


def roll_entry_for(vote: CommunityVote, household: Household | int) -> VoteRollEntry | None:
    """The household's active entry on the vote's roll, or ``None`` when it is not on it."""
    household_id = household.pk if isinstance(household, Household) else household
    return VoteRollEntry.objects.filter(vote=vote, household_id=household_id, is_active=True).first()


def vote_roll_amend(
    *,
    vote: CommunityVote,
    household: Household,
    kind: str,
    reason: str,
    actor: Any,
    representative: Resident | None = None,
    now: dt.datetime | None = None,
) -> RollAmendment:
    """Correct the roll before the count: add a household left out, take off one that does not belong, or
    change a household's representative. Needs a reason; audited; listed in the minutes.

    The denominator follows the roll (``eligible_count`` is the number of households on it).
    """
    moment = now or clock.now()
    with transaction.atomic():
        current = locked(vote)
        if household.community_id != current.unit_id:
            raise fail("decisions.roll.wrong_community")
        entry = VoteRollEntry.objects.select_for_update().filter(vote=current, household=household).first()
        on_roll = entry is not None and entry.is_active
        has_voted = VoteParticipation.objects.filter(vote=current, household=household).exists()
        refuse(
            rules.check_roll_amendment(
                status=current.status,
                is_counted=current.counted_at is not None,
                kind=RollAmendmentKind(kind).value,
                reason=reason,
                on_roll=on_roll,
                has_voted=has_voted,
            )
        )
        before_name = entry.representative_name if entry is not None else ""
        if kind == RollAmendmentKind.ADD:
            name, user_id = _representative(household)
            if entry is None:
                entry = VoteRollEntry.objects.create(
                    vote=current,
                    household=household,
                    household_code=household.code,
                    representative_name=name,
                    representative_user_id=user_id,
                )
            else:
                entry.is_active = True
                entry.representative_name, entry.representative_user_id = name, user_id
                entry.save(update_fields=["is_active", "representative_name", "representative_user"])
        elif kind == RollAmendmentKind.REMOVE:
            assert entry is not None
            entry.is_active = False
            entry.save(update_fields=["is_active"])
        else:
            assert entry is not None
            person = representative if representative is not None else household.representative
            if person is not None and person.household_id != household.pk:
                raise fail("decisions.roll.wrong_community")
            entry.representative_name = person.full_name if person is not None else ""
            entry.representative_user_id = person.user_id if person is not None else None
            entry.save(update_fields=["representative_name", "representative_user"])
        amendment = RollAmendment.objects.create(
            vote=current,
            entry=entry,
            kind=kind,
            reason=reason.strip(),
            representative_before=before_name,
            representative_after=entry.representative_name,
            amended_by=actor,
            amended_at=moment,
        )
        before_count = current.eligible_count
        current.eligible_count = VoteRollEntry.objects.filter(vote=current, is_active=True).count()
        current.save(update_fields=["eligible_count", "updated_at"])
        audit_record(
            code="decisions.vote.roll_amended",
            actor=actor,
            unit=current.unit_id,
            obj=current,
            before={"eligible_count": before_count, "representative": before_name},
            after={
                "kind": kind,
                "household": household.pk,
                "reason": amendment.reason,
                "eligible_count": current.eligible_count,
                "representative": entry.representative_name,
            },
            now=moment,
        )
    return amendment
