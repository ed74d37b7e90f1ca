"""Channel events (niêm yết, phát loa, họp dân…) of a published disclosure, and the village-head relay."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.disclosures import rules, selectors
from grassroots.disclosures.models import Channel, Disclosure, PublicationEvent, RelayMeans, RelayTask
from grassroots.disclosures.services._shared import actor_or_none, enforce, local_date, lock_disclosure, refuse
from grassroots.units.models import AdministrativeUnit, UnitLevel


def publication_record(
    *,
    disclosure: Disclosure,
    channel: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    community: AdministrativeUnit | None = None,
    evidence: tuple[str, bytes] | None = None,
    note: str = "",
    backdating_reason: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> PublicationEvent:
    """Record one channel's publication of the current version, with dates and optional evidence.

    ``started_on`` is when the notice went up, as the officer states it; the entry time and the officer
    come from ``now`` and ``actor``. A notice dated before today needs ``backdating_reason`` and counts as
    self-reported (``rules.check_posting_dates``; issue 9 item 7).
    """
    moment = now or clock.now()
    today = local_date(moment)
    evidence_kind = ""
    if evidence is not None:
        result = rules.check_upload(name=evidence[0], content=evidence[1], allowed_kinds=rules.EVIDENCE_KINDS)
        enforce(result)
        evidence_kind = str(result.params["kind"])
    with transaction.atomic():
        locked = lock_disclosure(disclosure)
        if locked.status not in rules.CHANNEL_RECORD_STATUSES:
            raise refuse("disclosures.not_published")
        enforce(rules.check_channel_for_regime(locked.category.regime, channel))
        _democracy_regime, has_intranet = selectors.workplace_settings(locked.organisation)
        if channel not in rules.channels_for(locked.category.regime, has_intranet=has_intranet):
            raise refuse("disclosures.intranet_missing")
        if channel == Channel.COMMUNITY_BOARD and community is None:
            raise refuse("disclosures.community_required")
        if community is not None and (community.parent_id != locked.unit_id or community.level != UnitLevel.COMMUNITY):
            raise refuse("disclosures.community_outside_unit")
        dates = rules.check_posting_dates(
            started_on=started_on,
            ended_on=ended_on,
            decided_on=locked.decided_on,
            recorded_on=today,
            reason=backdating_reason,
        )
        enforce(dates)
        self_reported = bool(dates.params["self_reported"])
        event = PublicationEvent(
            disclosure=locked,
            version_number=locked.version_number,
            channel=channel,
            community=community,
            started_on=started_on,
            ended_on=ended_on,
            evidence_kind=evidence_kind,
            note=note.strip()[:500],
            recorded_at=moment,
            recorded_on=today,
            recorded_by=actor_or_none(actor),
            backdating_reason=backdating_reason.strip() if self_reported else "",
        )
        if evidence is not None:
            event.evidence.save(get_valid_filename(evidence[0]) or "minh-chung", ContentFile(evidence[1]), save=False)
        event.save()
        audit_record(
            code="disclosures.publication.recorded",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={
                "publication": event.pk,
                "channel": channel,
                "community": community.pk if community else None,
                "started_on": started_on,
                "ended_on": ended_on,
                "recorded_on": today,
                "self_reported": self_reported,
                "backdating_reason": event.backdating_reason,
                "evidence": bool(evidence_kind),
            },
            now=moment,
        )
    return event


def publication_end(
    *, publication: PublicationEvent, ended_on: dt.date, actor: Any, now: dt.datetime | None = None
) -> PublicationEvent:
    """Record that one channel's notice came down on ``ended_on`` (compliance judges whether it was too soon)."""
    moment = now or clock.now()
    with transaction.atomic():
        locked = PublicationEvent.objects.select_for_update().select_related("disclosure").get(pk=publication.pk)
        enforce(rules.check_posting_transition(rules.posting_state(locked.ended_on), rules.PostingAction.TAKE_DOWN))
        if ended_on <= locked.started_on:
            raise refuse("disclosures.dates_unordered")
        if ended_on > local_date(moment) + dt.timedelta(days=1):
            raise refuse("disclosures.started_in_future")
        locked.ended_on = ended_on
        locked.save(update_fields=["ended_on"])
        audit_record(
            code="disclosures.publication.ended",
            actor=actor,
            unit=locked.disclosure.unit_id,
            obj=locked.disclosure,
            after={"publication": locked.pk, "channel": locked.channel, "ended_on": ended_on},
            now=moment,
        )
    return locked


# --- Village-head relay ---------------------------------------------------------------------------


def relay_acknowledge(
    *, task: RelayTask, means: Iterable[str], households_note: str, actor: Any, now: dt.datetime | None = None
) -> RelayTask:
    """The village head confirms the item reached the households, and how (art. 13(4))."""
    moment = now or clock.now()
    chosen = sorted({value for value in means if value in RelayMeans.values})
    if not chosen:
        raise refuse("disclosures.relay_means_required")
    if not households_note.strip():
        raise refuse("disclosures.relay_note_required")
    with transaction.atomic():
        locked = RelayTask.objects.select_for_update().select_related("disclosure").get(pk=task.pk)
        enforce(rules.check_relay_transition(rules.relay_state(locked.acknowledged_at), rules.RelayAction.ACKNOWLEDGE))
        locked.acknowledged_at = moment
        locked.acknowledged_by = actor_or_none(actor)
        locked.means = chosen
        locked.households_note = households_note.strip()
        locked.save()
        audit_record(
            code="disclosures.relay.acknowledged",
            actor=actor,
            unit=locked.community_id,
            obj=locked.disclosure,
            after={"relay_task": locked.pk, "community": locked.community_id, "means": chosen},
            now=moment,
        )
    return locked
