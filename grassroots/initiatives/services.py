"""Citizen initiatives ([L] art. 16(3)).

Household sign-ups are valid 3 months each; eligible at ≥ 10% of households or with the Front's approval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.rules import Action
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record, state_change
from grassroots.initiatives import rules
from grassroots.initiatives.models import Initiative, InitiativeSignature, InitiativeStatus
from grassroots.units.models import AdministrativeUnit, Household
from grassroots.voting import services as vote_services
from grassroots.voting.models import CommunityVote

MESSAGES: Mapping[str, Any] = {
    "decisions.initiative.bad_transition": _("Thao tác này không thực hiện được ở trạng thái hiện tại."),
    "decisions.initiative.already_signed": _("Hộ này đã ủng hộ đề xuất."),
    "decisions.initiative.not_in_community": _("Hộ này không thuộc thôn, tổ dân phố của đề xuất."),
    "decisions.initiative.not_enough_signatures": _(
        "Chưa đủ một phần mười số hộ ủng hộ và chưa được Ban công tác Mặt trận đồng ý."
    ),
    "decisions.initiative.not_authorised": _("Bạn không có thẩm quyền với đề xuất này."),
    "decisions.initiative.future_signature": _("Ngày ủng hộ không được sau hôm nay."),
    "decisions.initiative.vote_elsewhere": _("Cuộc biểu quyết được chọn không thuộc thôn, tổ dân phố của đề xuất."),
}


def _fail(code: str, **params: Any) -> DomainError:
    return DomainError(code, str(MESSAGES.get(code, code)), **params)


def _snapshot(initiative: Initiative) -> dict[str, Any]:
    return {
        "status": initiative.status,
        "front_approved": initiative.front_approved,
        "vote": initiative.vote_id,
        "decided_on": initiative.decided_on,
        "decision_note": initiative.decision_note,
    }


def _save(initiative: Initiative, *, verb: str, actor: Any, moment: dt.datetime, target: str | None = None) -> None:
    state_change(
        initiative,
        code=f"decisions.initiative.{verb}",
        actor=actor,
        unit=initiative.community_id,
        snapshot=_snapshot,
        now=moment,
        target=target,
        check=lambda current, wanted: rules.check_transition("initiative", current, wanted),
        refused=lambda result: _fail("decisions.initiative.bad_transition", **result.params),
    )


def valid_signature_count(initiative: Initiative, on: dt.date) -> int:
    """Consents still valid on ``on`` (each for 3 months from when it was given)."""
    days = InitiativeSignature.objects.filter(initiative=initiative).values_list("signed_on", flat=True)
    return sum(1 for signed_on in days if rules.consent_is_valid(signed_on=signed_on, on=on))


def initiative_create(
    *,
    community: AdministrativeUnit,
    title: str,
    description: str,
    actor: Any,
    matter: str = "D6",
    now: dt.datetime | None = None,
) -> Initiative:
    moment = now or clock.now()
    with transaction.atomic():
        initiative = Initiative.objects.create(
            community=community, title=title.strip(), description=description.strip(), matter=matter, initiator=actor
        )
        audit_record(
            code="decisions.initiative.created",
            actor=actor,
            unit=community,
            obj=initiative,
            after={**_snapshot(initiative), "title": initiative.title, "matter": matter},
            now=moment,
        )
    return initiative


def initiative_sign(
    *,
    initiative: Initiative,
    household: Household,
    actor: Any,
    signed_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> InitiativeSignature:
    """A household's consent (at a meeting, in writing or otherwise; the initiator vouches for the list)."""
    moment = now or clock.now()
    day = signed_on or clock.localdate(moment)
    if day > clock.localdate(moment):
        raise _fail("decisions.initiative.future_signature")
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if locked.status != InitiativeStatus.COLLECTING:
            raise _fail("decisions.initiative.bad_transition", current=locked.status, target=locked.status)
        if household.community_id != locked.community_id:
            raise _fail("decisions.initiative.not_in_community")
        try:
            with transaction.atomic():
                signature = InitiativeSignature.objects.create(
                    initiative=locked, household=household, signed_on=day, entered_by=actor
                )
        except IntegrityError as error:
            raise _fail("decisions.initiative.already_signed") from error
        audit_record(
            code="decisions.initiative.signed",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"household": household.pk, "signed_on": day},
            now=moment,
        )
    return signature


def initiative_front_approve(*, initiative: Initiative, actor: Any, now: dt.datetime | None = None) -> Initiative:
    """The village Front work committee lets an initiative go forward below 10% ([L] art. 16(3))."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if not vote_services.may(
            actor, Action.ACT_FOR_FRONT_WORK_COMMITTEE, locked.community_id, clock.localdate(moment)
        ):
            raise _fail("decisions.initiative.not_authorised")
        locked.front_approved = True
        _save(locked, verb="front_approved", actor=actor, moment=moment)
    return locked


def initiative_submit(*, initiative: Initiative, actor: Any, now: dt.datetime | None = None) -> Initiative:
    """Submit to the village head once ≥ 10% of households back it (valid consents only) or the Front approved."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        result = rules.initiative_eligible(
            valid_signatures=valid_signature_count(locked, today),
            households=Household.objects.of_unit_on(locked.community_id, today).count(),
            front_approved=locked.front_approved,
        )
        if not result.allowed:
            raise _fail(result.code)
        locked.submitted_on = today
        _save(locked, verb="submitted", actor=actor, moment=moment, target=InitiativeStatus.SUBMITTED)
    return locked


def initiative_decide(
    *,
    initiative: Initiative,
    accepted: bool,
    actor: Any,
    vote: CommunityVote | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> Initiative:
    """The village head puts the initiative to a vote (linking it) or records that it cannot go forward.

    ``note`` is the head's explanation, shown on the initiative page with the decision date.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if not vote_services.may(actor, Action.RUN_COMMUNITY_VOTES, locked.community_id, today):
            raise _fail("decisions.initiative.not_authorised")
        if vote is not None and vote.unit_id != locked.community_id:
            raise _fail("decisions.initiative.vote_elsewhere")
        locked.vote = vote if accepted else None
        locked.decided_on = today
        locked.decision_note = note.strip()
        target = InitiativeStatus.ACCEPTED if accepted else InitiativeStatus.REJECTED
        _save(locked, verb="decided", actor=actor, moment=moment, target=target)
    return locked
