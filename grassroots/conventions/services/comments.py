"""The comment period on the consultations machinery and the finalised text ([ND61] art. 9)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.rules import Action
from grassroots.consultations import services as consultation_services
from grassroots.consultations.models import ConsultationMatter, ConsultationStatus, OpinionChannel
from grassroots.conventions import rules
from grassroots.conventions.models import (
    ConventionVersion,
    VersionStatus,
)
from grassroots.conventions.services.common import (
    _check_team,
    _enforce,
    _fail,
    _lock_version,
    _require,
    _save_version,
    current_fingerprint,
)
from grassroots.core import clock
from grassroots.units import selectors as unit_selectors

# --- Comment period ([ND61] art. 9), on the consultations machinery ----------------------------------


def comments_open(
    *,
    version: ConventionVersion,
    closes_on: dt.date,
    actor: Any,
    accepts_unsigned_opinions: bool = False,
    now: dt.datetime | None = None,
) -> ConventionVersion:
    """Post the draft today for comment until ``closes_on`` (≥ 30 days): a village consultation is created and
    opened through the consultations services, one section per article."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _enforce(rules.check_comment_period(posted_on=today, closes_on=closes_on))
    with transaction.atomic():
        locked = _lock_version(version)
        convention = locked.convention
        _require(actor, Action.MANAGE_CONVENTIONS, convention.community, today)
        _enforce(rules.check_version_transition(locked.status, VersionStatus.COMMENTING))
        articles = list(locked.articles.order_by("position"))
        if not articles:
            raise _fail("conventions.no_articles")
        _check_team(locked, ethnic_minority_area=convention.ethnic_minority_area)
        commune = unit_selectors.commune_of(convention.community)
        assert commune is not None
        consultation = consultation_services.consultation_create(
            commune=commune,
            matter=ConsultationMatter.C9,
            title=str(
                _("Dự thảo %(kind)s %(community)s: %(title)s")
                % {
                    "kind": convention.get_name_kind_display().lower(),
                    "community": convention.community.name,
                    "title": convention.title,
                }
            ),
            summary=locked.reason,
            opens_on=today,
            closes_on=closes_on,
            forms_used=[OpinionChannel.ONLINE, OpinionChannel.MEETING, OpinionChannel.COMMENT_BOX],
            plan_owner=locked.drafting_team,
            accepts_unsigned_opinions=accepts_unsigned_opinions,
            village=convention.community,
            minimum_days=rules.MIN_COMMENT_DAYS,
            actor=actor,
            now=moment,
        )
        for article in articles:
            consultation_services.section_add(
                consultation=consultation, heading=article.heading, text=article.text, actor=actor, now=moment
            )
        consultation_services.consultation_open(consultation=consultation, actor=actor, now=moment)
        locked.consultation = consultation
        _save_version(locked, verb="comments_opened", actor=actor, moment=moment, target=VersionStatus.COMMENTING)
    return locked


def comments_close(*, version: ConventionVersion, actor: Any, now: dt.datetime | None = None) -> ConventionVersion:
    """Stop taking comments once the posted last day is over (the consultations rule)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        if locked.status != VersionStatus.COMMENTING or locked.consultation is None:
            raise _fail("conventions.bad_transition")
        consultation_services.consultation_close(consultation=locked.consultation, actor=actor, now=moment)
    return locked


def version_finalise(*, version: ConventionVersion, actor: Any, now: dt.datetime | None = None) -> ConventionVersion:
    """The drafting team finalises the text ([ND61] art. 9(3)): every comment answered (the consultations rule),
    then the text is frozen by its fingerprint: what the households will vote on."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = _lock_version(version)
        _require(actor, Action.MANAGE_CONVENTIONS, locked.convention.community, clock.localdate(moment))
        _enforce(rules.check_version_transition(locked.status, VersionStatus.FINALISED))
        consultation = locked.consultation
        if consultation is None or consultation.status not in {ConsultationStatus.CLOSED, ConsultationStatus.COMPLETED}:
            raise _fail("conventions.comments_not_closed")
        if consultation.status == ConsultationStatus.CLOSED:
            consultation_services.consultation_complete_comments(consultation=consultation, actor=actor, now=moment)
        if not locked.articles.exists():
            raise _fail("conventions.no_articles")
        locked.text_hash = current_fingerprint(locked)
        locked.finalised_on = clock.localdate(moment)
        _save_version(locked, verb="finalised", actor=actor, moment=moment, target=VersionStatus.FINALISED)
    return locked
