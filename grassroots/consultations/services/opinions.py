"""Opinions from every channel, moderation and grouping ([L] art. 26)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from grassroots.consultations import rules
from grassroots.consultations.models import (
    Consultation,
    ConsultationSection,
    Opinion,
    OpinionChannel,
    OpinionGroup,
    OpinionStance,
)
from grassroots.consultations.services.common import _enforce, _fail, _lock, _opinion_snapshot, _require_status
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.units.models import AdministrativeUnit

# --- Opinions -----------------------------------------------------------------------------------


def _check_section(consultation: Consultation, section: ConsultationSection | None) -> None:
    if section is not None and section.consultation_id != consultation.pk:
        raise _fail("consultations.section_elsewhere")


def _check_community(consultation: Consultation, community: AdministrativeUnit) -> None:
    """The opinion comes from the commune; for a village convention's draft, from that village ([ND61] art. 9)."""
    if community.parent_id != consultation.commune_id:
        raise _fail("consultations.not_resident")
    if consultation.village_id is not None and community.pk != consultation.village_id:
        raise _fail("consultations.not_resident")


def _check_stance(stance: str) -> None:
    if stance not in OpinionStance.values:
        raise _fail("consultations.bad_stance")


def _check_channel(channel: str) -> None:
    if channel not in OpinionChannel.values:
        raise _fail("consultations.bad_channel")


def _opinion_created(opinion: Opinion, *, actor: Any, moment: dt.datetime) -> None:
    audit_record(
        code="consultations.opinion.received",
        actor=actor,
        unit=opinion.consultation.commune_id,
        obj=opinion,
        after={**_opinion_snapshot(opinion), "received_on": opinion.received_on, "source": opinion.source},
        now=moment,
    )


def opinion_submit(
    *,
    consultation: Consultation,
    community: AdministrativeUnit,
    stance: str,
    text: str,
    actor: Any,
    section: ConsultationSection | None = None,
    shows_name: bool = False,
    now: dt.datetime | None = None,
) -> Opinion:
    """A resident's own opinion online, while the consultation takes opinions; ``community`` is where they live."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _check_stance(stance)
    if not text.strip():
        raise _fail("consultations.opinion_text_required")
    with transaction.atomic():
        locked = _lock(consultation)
        _check_community(locked, community)
        taking = rules.is_taking_opinions(
            status=locked.status, published_on=locked.published_on, closes_on=locked.closes_on, today=today
        )
        if not taking:
            raise _fail("consultations.not_taking_opinions")
        _check_section(locked, section)
        opinion = Opinion.objects.create(
            consultation=locked,
            section=section,
            channel=OpinionChannel.ONLINE,
            stance=stance,
            text=text.strip(),
            author=actor,
            author_name=str(getattr(actor, "full_name", "") or actor.get_username()),
            author_community=community,
            shows_name=shows_name,
            received_on=today,
            entered_by=actor,
            entered_at=moment,
        )
        _opinion_created(opinion, actor=actor, moment=moment)
    return opinion


def opinion_submit_unsigned(
    *,
    consultation: Consultation,
    community: AdministrativeUnit,
    author_name: str,
    stance: str,
    text: str,
    actor: Any = None,
    section: ConsultationSection | None = None,
    shows_name: bool = False,
    now: dt.datetime | None = None,
) -> Opinion:
    """An opinion online without signing in, with a name and a community, where the consultation allows it."""
    moment = now or clock.now()
    today = clock.localdate(moment)
    _check_stance(stance)
    if not text.strip():
        raise _fail("consultations.opinion_text_required")
    if not author_name.strip():
        raise _fail("consultations.name_required")
    with transaction.atomic():
        locked = _lock(consultation)
        if not locked.accepts_unsigned_opinions:
            raise _fail("consultations.signed_in_only")
        _check_community(locked, community)
        taking = rules.is_taking_opinions(
            status=locked.status, published_on=locked.published_on, closes_on=locked.closes_on, today=today
        )
        if not taking:
            raise _fail("consultations.not_taking_opinions")
        _check_section(locked, section)
        opinion = Opinion.objects.create(
            consultation=locked,
            section=section,
            channel=OpinionChannel.ONLINE,
            source=str(_("Không đăng nhập")),
            stance=stance,
            text=text.strip(),
            author_name=author_name.strip(),
            author_community=community,
            shows_name=shows_name,
            received_on=today,
            entered_at=moment,
        )
        _opinion_created(opinion, actor=actor, moment=moment)
    return opinion


def opinion_enter(
    *,
    consultation: Consultation,
    channel: str,
    stance: str,
    text: str,
    received_on: dt.date,
    actor: Any,
    source: str = "",
    author_name: str = "",
    section: ConsultationSection | None = None,
    community: AdministrativeUnit | None = None,
    now: dt.datetime | None = None,
) -> Opinion:
    """An opinion received at a meeting, through the Front, the box, the hotline or a letter, entered by staff.

    ``community``: the village it came from, when a village head or Front work committee entered it.

    Allowed until completion for opinions received within the period (a meeting on the last day is
    typed in the day after); the record keeps who entered it and when.
    """
    moment = now or clock.now()
    today = clock.localdate(moment)
    _check_channel(channel)
    if channel == OpinionChannel.ONLINE:
        raise _fail("consultations.online_is_for_residents")
    _check_stance(stance)
    if not text.strip():
        raise _fail("consultations.opinion_text_required")
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.OPINION_ENTRY_STATUSES, "consultations.not_taking_opinions")
        _enforce(
            rules.check_received_on(
                received_on=received_on, published_on=locked.published_on, closes_on=locked.closes_on, today=today
            )
        )
        _check_section(locked, section)
        if community is not None:
            _check_community(locked, community)
        opinion = Opinion.objects.create(
            consultation=locked,
            section=section,
            author_community=community,
            channel=channel,
            source=source.strip(),
            stance=stance,
            text=text.strip(),
            author_name=author_name.strip(),
            received_on=received_on,
            entered_by=actor,
            entered_at=moment,
        )
        _opinion_created(opinion, actor=actor, moment=moment)
    return opinion


def opinion_hide(*, opinion: Opinion, reason: str, actor: Any, now: dt.datetime | None = None) -> Opinion:
    """Hide an abusive or duplicate opinion with a reason: never deleted, the reason is public, audited."""
    moment = now or clock.now()
    if not reason.strip():
        raise _fail("consultations.reason_required")
    with transaction.atomic():
        consultation = _lock(opinion.consultation_id)
        _require_status(consultation, rules.OPINION_ENTRY_STATUSES, "consultations.bad_transition")
        locked = Opinion.objects.select_for_update().get(pk=opinion.pk)
        if locked.is_hidden:
            raise _fail("consultations.already_hidden")
        before = _opinion_snapshot(locked)
        locked.is_hidden = True
        locked.hidden_reason = reason.strip()
        locked.save(update_fields=["is_hidden", "hidden_reason"])
        audit_record(
            code="consultations.opinion.hidden",
            actor=actor,
            unit=consultation.commune_id,
            obj=locked,
            before=before,
            after=_opinion_snapshot(locked),
            now=moment,
        )
    return locked


def opinion_group_create(
    *, consultation: Consultation, title: str, opinions: Sequence[Opinion], actor: Any, now: dt.datetime | None = None
) -> OpinionGroup:
    """Group opinions that say the same thing so they get one answer."""
    moment = now or clock.now()
    ids = sorted({opinion.pk for opinion in opinions})
    if len(ids) < 2 or not title.strip():
        raise _fail("consultations.group_empty")
    with transaction.atomic():
        locked = _lock(consultation)
        _require_status(locked, rules.OPINION_ENTRY_STATUSES, "consultations.bad_transition")
        members = Opinion.objects.select_for_update().filter(consultation=locked, pk__in=ids, is_hidden=False)
        if members.count() != len(ids):
            raise _fail("consultations.section_elsewhere")
        group = OpinionGroup.objects.create(consultation=locked, title=title.strip())
        members.update(group=group)
        audit_record(
            code="consultations.group.created",
            actor=actor,
            unit=locked.commune_id,
            obj=locked,
            after={"group": group.pk, "title": group.title, "opinions": ids},
            now=moment,
        )
    return group
