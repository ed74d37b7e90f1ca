"""The yearly review and its agreed day ([ND61] arts 15(4), 19)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from grassroots.accounts.rules import Action
from grassroots.conventions import rules
from grassroots.conventions.models import (
    Convention,
    ConventionReview,
    ConventionStatus,
)
from grassroots.conventions.services.common import _enforce, _fail, _lock_convention, _require
from grassroots.core import clock
from grassroots.core.services import audit_record

# --- Yearly review ([ND61] arts 15(4), 19) ------------------------------------------------------------


def review_record(
    *,
    convention: Convention,
    held_on: dt.date,
    findings: str,
    actor: Any,
    proposals: str = "",
    now: dt.datetime | None = None,
) -> ConventionReview:
    """The yearly review meeting's record (once a year; the database refuses a second)."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    if held_on > today:
        raise _fail("conventions.date_in_future")
    if not findings.strip():
        raise _fail("conventions.findings_required")
    with transaction.atomic():
        locked = _lock_convention(convention)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.community, today)
        if locked.status == ConventionStatus.BUILDING or locked.status == ConventionStatus.ABOLISHED:
            raise _fail("conventions.not_in_force")
        if ConventionReview.objects.filter(convention=locked, year=held_on.year).exists():
            raise _fail("conventions.review_exists")
        review = ConventionReview.objects.create(
            convention=locked,
            year=held_on.year,
            held_on=held_on,
            findings=findings.strip(),
            proposals=proposals.strip(),
            recorded_by=actor,
        )
        audit_record(
            code="conventions.review.recorded",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            after={"year": review.year, "held_on": held_on},
            now=moment,
        )
    return review


def review_date_set(
    *, convention: Convention, month: int, day: int, actor: Any, now: dt.datetime | None = None
) -> Convention:
    """Another agreed day for the yearly review instead of 18 November ([ND61] art. 15(4)); audited."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _enforce(rules.check_review_date(month=month, day=day))
    with transaction.atomic():
        locked = _lock_convention(convention)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.community, today)
        if locked.status == ConventionStatus.ABOLISHED:
            raise _fail("conventions.not_in_force")
        before = {"review_month": locked.review_month, "review_day": locked.review_day}
        locked.review_month, locked.review_day = month, day
        locked.save(update_fields=["review_month", "review_day", "updated_at"])
        audit_record(
            code="conventions.convention.review_date_set",
            actor=actor,
            unit=locked.community_id,
            obj=locked,
            before=before,
            after={"review_month": month, "review_day": day},
            now=moment,
        )
    return locked
