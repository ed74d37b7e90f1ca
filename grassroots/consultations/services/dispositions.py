"""The answer to every opinion, alone or by group ([L] art. 28(3))."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.consultations import rules
from grassroots.consultations.models import (
    Disposition,
    Opinion,
    OpinionGroup,
)
from grassroots.consultations.services.common import _fail, _lock, _opinion_snapshot, _require_status
from grassroots.core import clock
from grassroots.core.services import audit_record


def _dispose(
    locked: Opinion, *, disposition: str, explanation: str, commune_id: int, actor: Any, moment: dt.datetime
) -> None:
    before = _opinion_snapshot(locked)
    locked.disposition = disposition
    locked.explanation = explanation
    locked.disposed_at = moment
    locked.save(update_fields=["disposition", "explanation", "disposed_at"])
    audit_record(
        code="consultations.opinion.disposed",
        actor=actor,
        unit=commune_id,
        obj=locked,
        before=before,
        after=_opinion_snapshot(locked),
        now=moment,
    )


def _check_disposition(disposition: str, explanation: str) -> str:
    if disposition not in Disposition.values:
        raise _fail("consultations.explanation_required")
    if not explanation.strip():
        raise _fail("consultations.explanation_required")
    return explanation.strip()


def opinion_dispose(
    *, opinion: Opinion, disposition: str, explanation: str, actor: Any, now: dt.datetime | None = None
) -> Opinion:
    """Accept, partly accept or not accept one opinion, with the explanation (after closing, before completion)."""
    moment = now or clock.now()
    text = _check_disposition(disposition, explanation)
    with transaction.atomic():
        # The consultation row is the lock completion takes too: no disposition slips in after completion.
        consultation = _lock(opinion.consultation_id)
        _require_status(consultation, rules.DISPOSITION_STATUSES, "consultations.not_disposable")
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if locked.is_hidden:
            raise _fail("consultations.opinion_hidden")
        _dispose(
            locked,
            disposition=disposition,
            explanation=text,
            commune_id=consultation.commune_id,
            actor=actor,
            moment=moment,
        )
    return locked


def group_dispose(
    *, group: OpinionGroup, disposition: str, explanation: str, actor: Any, now: dt.datetime | None = None
) -> int:
    """One answer for every visible opinion of a group; returns how many opinions it answered."""
    moment = now or clock.now()
    text = _check_disposition(disposition, explanation)
    with transaction.atomic():
        consultation = _lock(group.consultation_id)
        _require_status(consultation, rules.DISPOSITION_STATUSES, "consultations.not_disposable")
        members = list(Opinion.objects.select_for_update().filter(group=group, is_hidden=False).order_by("pk"))
        for member in members:
            _dispose(
                member,
                disposition=disposition,
                explanation=text,
                commune_id=consultation.commune_id,
                actor=actor,
                moment=moment,
            )
    return len(members)
