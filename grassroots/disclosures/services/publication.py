"""Publication workflow: drafts and attachments, publish / amend / republish, end and withdraw.

One procedure serves a commune (art. 11) and an agency or state-owned enterprise (arts 46, 64): the
organisation, when given, decides the regime, the categories and the working calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

from grassroots.calendar import rules as calendar_rules
from grassroots.core import clock
from grassroots.core.services import audit_record
from grassroots.disclosures import rules, selectors
from grassroots.disclosures.models import (
    Channel,
    Disclosure,
    DisclosureAttachment,
    DisclosureCategory,
    DisclosureVersion,
    PublicationEvent,
    Regime,
    RelayTask,
    Status,
)
from grassroots.disclosures.services._shared import (
    actor_or_none,
    calendar_of,
    enforce,
    local_date,
    lock_disclosure,
    refuse,
)
from grassroots.disclosures.services.search import search_index_update
from grassroots.units.models import AdministrativeUnit, Organisation, UnitLevel


def _due_on(category: DisclosureCategory, decided_on: dt.date, organisation: Organisation | None) -> dt.date | None:
    """The disclosure deadline, counted in the organisation's working week for an internal disclosure; ``None``
    for an employer's item (Decree 145/2020 art. 43 sets no general deadline)."""
    try:
        return rules.category_deadline(category.as_rule(), decided_on, calendar_of(organisation))
    except calendar_rules.CalendarRangeError as error:
        raise refuse("disclosures.decision_outside_calendar") from error


def _regime_for(unit: AdministrativeUnit, organisation: Organisation | None) -> str:
    if organisation is None and unit.level != UnitLevel.COMMUNE:
        raise refuse("disclosures.unit_not_commune")
    return selectors.disclosure_regime(organisation)


def _clean_fields(*, title: str, decided_on: dt.date, today: dt.date) -> str:
    clean = title.strip()
    if not clean:
        raise refuse("disclosures.title_required")
    if decided_on > today:
        raise refuse("disclosures.decided_in_future")
    return clean


def _set_content(disclosure: Disclosure, *, title: str, body: str, decision_number: str, decided_on: dt.date) -> None:
    """Write a version's content onto the disclosure; its deadline follows the decision date (art. 12(3), 47(2),
    65(2)), counted in the organisation's calendar for an internal disclosure."""
    disclosure.title, disclosure.body = title, body.strip()
    disclosure.decision_number, disclosure.decided_on = decision_number.strip(), decided_on
    disclosure.due_on = _due_on(disclosure.category, decided_on, disclosure.organisation)


def _version_content(disclosure: Disclosure) -> dict[str, Any]:
    """The fields a ``DisclosureVersion`` copies from the disclosure's current content."""
    return {
        "title": disclosure.title,
        "body": disclosure.body,
        "decision_number": disclosure.decision_number,
        "decided_on": disclosure.decided_on,
    }


def disclosure_create(
    *,
    unit: AdministrativeUnit,
    category: DisclosureCategory,
    title: str,
    decided_on: dt.date,
    body: str = "",
    decision_number: str = "",
    organisation: Organisation | None = None,
    attachments: Sequence[tuple[str, bytes]] = (),
    actor: Any,
    now: dt.datetime | None = None,
) -> Disclosure:
    """A draft disclosure (version 1) with its deadline computed from the decision date."""
    moment = now or clock.now()
    today = local_date(moment)
    clean_title = _clean_fields(title=title, decided_on=decided_on, today=today)
    if category.regime != _regime_for(unit, organisation):
        raise refuse("disclosures.category_wrong_regime")
    for name, content in attachments:
        enforce(rules.check_upload(name=name, content=content))
    with transaction.atomic():
        disclosure = Disclosure(
            unit=unit, organisation=organisation, category=category, created_by=actor_or_none(actor)
        )
        _set_content(disclosure, title=clean_title, body=body, decision_number=decision_number, decided_on=decided_on)
        disclosure.save()
        DisclosureVersion.objects.create(
            disclosure=disclosure, number=1, created_at=moment, **_version_content(disclosure)
        )
        for name, content in attachments:
            _store_attachment(disclosure, name, content, moment)
        search_index_update(disclosure)
        audit_record(
            code="disclosures.disclosure.created",
            actor=actor,
            unit=unit,
            obj=disclosure,
            after=disclosure.snapshot(),
            now=moment,
        )
    return disclosure


def disclosure_update_draft(
    *,
    disclosure: Disclosure,
    title: str,
    decided_on: dt.date,
    body: str = "",
    decision_number: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Disclosure:
    """Edit a draft (before publication no version is kept: nothing has been shown to anyone)."""
    moment = now or clock.now()
    clean_title = _clean_fields(title=title, decided_on=decided_on, today=local_date(moment))
    with transaction.atomic():
        locked = lock_disclosure(disclosure)
        if locked.status != Status.DRAFT:
            raise refuse("disclosures.transition_not_allowed")
        before = locked.snapshot()
        _set_content(locked, title=clean_title, body=body, decision_number=decision_number, decided_on=decided_on)
        locked.save()
        DisclosureVersion.objects.filter(disclosure=locked, number=locked.version_number).update(
            **_version_content(locked)
        )
        search_index_update(locked)
        audit_record(
            code="disclosures.disclosure.updated",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after=locked.snapshot(),
            now=moment,
        )
    return locked


def _store_attachment(disclosure: Disclosure, name: str, content: bytes, moment: dt.datetime) -> DisclosureAttachment:
    result = rules.check_upload(name=name, content=content)
    enforce(result)
    attachment = DisclosureAttachment(
        disclosure=disclosure,
        version_number=disclosure.version_number,
        original_name=name[:255],
        kind=str(result.params["kind"]),
        size=len(content),
        uploaded_at=moment,
    )
    attachment.file.save(get_valid_filename(name) or "tep", ContentFile(content), save=False)
    attachment.save()
    return attachment


def attachment_add(
    *, disclosure: Disclosure, name: str, content: bytes, actor: Any, now: dt.datetime | None = None
) -> DisclosureAttachment:
    """Attach a file to a draft or to an amendment not yet republished."""
    moment = now or clock.now()
    enforce(rules.check_upload(name=name, content=content))
    with transaction.atomic():
        locked = Disclosure.objects.select_for_update().get(pk=disclosure.pk)
        if locked.status not in rules.UNPUBLISHED_STATUSES:
            raise refuse("disclosures.attachment_locked")
        attachment = _store_attachment(locked, name, content, moment)
        audit_record(
            code="disclosures.attachment.added",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            after={"attachment": attachment.pk, "name": attachment.original_name, "size": attachment.size},
            now=moment,
        )
    return attachment


def _communities(unit: AdministrativeUnit, on: dt.date) -> list[AdministrativeUnit]:
    rows = AdministrativeUnit.objects.filter(parent=unit, level=UnitLevel.COMMUNITY).order_by("name")
    return [row for row in rows if row.is_valid_on(on)]


def _start_version(locked: Disclosure, published_on: dt.date, actor: Any, moment: dt.datetime) -> None:
    """Put the current version on the portal and, for K7–K12, give every village head a relay task."""
    PublicationEvent.objects.create(
        disclosure=locked,
        version_number=locked.version_number,
        channel=Channel.PORTAL,
        started_on=published_on,
        recorded_at=moment,
        recorded_on=published_on,
        recorded_by=actor_or_none(actor),
        note=str(_("Đăng tự động trên cổng thông tin khi công khai.")),
    )
    if locked.category.requires_relay and locked.category.regime == Regime.COMMUNE:
        RelayTask.objects.bulk_create(
            [
                RelayTask(
                    disclosure=locked,
                    version_number=locked.version_number,
                    community=community,
                    assigned_on=published_on,
                )
                for community in _communities(locked.unit, published_on)
            ]
        )


def _close_open_windows(locked: Disclosure, ended_on: dt.date, *, before_version: int | None = None) -> None:
    windows = PublicationEvent.objects.filter(disclosure=locked, ended_on__isnull=True)
    if before_version is not None:
        windows = windows.filter(version_number__lt=before_version)
    # A window that started today ends tomorrow at the earliest (ended_on is exclusive and after started_on).
    for window in windows:
        window.ended_on = max(ended_on, window.started_on + dt.timedelta(days=1))
        window.save(update_fields=["ended_on"])


def _publish(*, disclosure: Disclosure, action: rules.Action, actor: Any, now: dt.datetime | None) -> Disclosure:
    """Publish the current version (first publication or after an amendment) on the day of ``now``: check the
    transition, stamp the version, close the previous version's postings on a republication, open the portal
    window (and relay tasks for K7–K12), audit.

    There is no date to type: the publication date is the day it happened on the platform (issue 9 item 7),
    so a late disclosure cannot look on time and its posting period runs from the real day. A notice posted
    on paper earlier is recorded afterwards as a channel event with both dates (``publication_record``).
    """
    moment = now or clock.now()
    today = local_date(moment)
    day = today
    first_time = action == rules.Action.PUBLISH
    with transaction.atomic():
        locked = lock_disclosure(disclosure)
        result = rules.check_transition(locked.status, action)
        enforce(result)
        enforce(rules.check_publish_date(published_on=day, decided_on=locked.decided_on, today=today))
        before = locked.snapshot()
        locked.status = result.params["target"]
        if first_time:
            locked.first_published_on = day
        locked.published_on = day
        locked.save()
        if first_time:
            search_index_update(locked)  # SQLite orders matches by a key that holds the first publication day
        DisclosureVersion.objects.filter(disclosure=locked, number=locked.version_number).update(published_on=day)
        if not first_time:
            _close_open_windows(locked, day, before_version=locked.version_number)
        _start_version(locked, day, actor, moment)
        audit_record(
            code="disclosures.disclosure.published" if first_time else "disclosures.disclosure.republished",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after=locked.snapshot(),
            now=moment,
        )
    return locked


def disclosure_publish(*, disclosure: Disclosure, actor: Any, now: dt.datetime | None = None) -> Disclosure:
    """Publish a draft today: on the portal from the day of ``now``, relay tasks for K7–K12."""
    return _publish(disclosure=disclosure, action=rules.Action.PUBLISH, actor=actor, now=now)


def disclosure_amend(
    *,
    disclosure: Disclosure,
    title: str,
    decided_on: dt.date,
    change_note: str,
    body: str = "",
    decision_number: str = "",
    actor: Any,
    now: dt.datetime | None = None,
) -> Disclosure:
    """Record a change to published information as a new version, to be published again (art. 14(3))."""
    moment = now or clock.now()
    clean_title = _clean_fields(title=title, decided_on=decided_on, today=local_date(moment))
    if not change_note.strip():
        raise refuse("disclosures.change_note_required")
    with transaction.atomic():
        locked = lock_disclosure(disclosure)
        result = rules.check_transition(locked.status, rules.Action.AMEND)
        enforce(result)
        before = locked.snapshot()
        locked.status = result.params["target"]
        locked.version_number += 1
        _set_content(locked, title=clean_title, body=body, decision_number=decision_number, decided_on=decided_on)
        locked.published_on = None
        locked.save()
        DisclosureVersion.objects.create(
            disclosure=locked,
            number=locked.version_number,
            change_note=change_note.strip(),
            created_at=moment,
            **_version_content(locked),
        )
        search_index_update(locked)
        audit_record(
            code="disclosures.disclosure.amended",
            actor=actor,
            unit=locked.unit_id,
            obj=locked,
            before=before,
            after={**locked.snapshot(), "change_note": change_note.strip()},
            now=moment,
        )
    return locked


def disclosure_republish(*, disclosure: Disclosure, actor: Any, now: dt.datetime | None = None) -> Disclosure:
    """Publish the amended version today; the previous version's postings come down the same day."""
    return _publish(disclosure=disclosure, action=rules.Action.REPUBLISH, actor=actor, now=now)


def _posted_since(locked: Disclosure) -> dt.date | None:
    if locked.published_on is not None:
        return locked.published_on
    latest = DisclosureVersion.objects.filter(disclosure=locked, published_on__isnull=False).order_by("-number").first()
    return latest.published_on if latest else None


def _take_down(
    *, disclosure: Disclosure, action: rules.Action, reason: str, code: str, actor: Any, now: dt.datetime | None
) -> Disclosure:
    moment = now or clock.now()
    today = local_date(moment)
    with transaction.atomic():
        locked = lock_disclosure(disclosure)
        result = rules.check_take_down(
            status=locked.status,
            action=action,
            rule=locked.category.as_rule(),
            posted_since=_posted_since(locked),
            today=today,
        )
        enforce(result)
        before = locked.snapshot()
        locked.status = result.params["target"]
        locked.ended_on = today
        locked.withdrawal_reason = reason.strip()
        locked.save()
        _close_open_windows(locked, today)
        after = {**locked.snapshot(), "reason": reason.strip()} if reason else locked.snapshot()
        audit_record(code=code, actor=actor, unit=locked.unit_id, obj=locked, before=before, after=after, now=moment)
    return locked


def disclosure_withdraw(
    *, disclosure: Disclosure, reason: str, actor: Any, now: dt.datetime | None = None
) -> Disclosure:
    """Withdraw published information, with a reason; refused before the minimum posting period has run."""
    if not reason.strip():
        raise refuse("disclosures.reason_required")
    return _take_down(
        disclosure=disclosure,
        action=rules.Action.WITHDRAW,
        reason=reason,
        code="disclosures.disclosure.withdrawn",
        actor=actor,
        now=now,
    )


def disclosure_end(*, disclosure: Disclosure, actor: Any, now: dt.datetime | None = None) -> Disclosure:
    """Record that the posting period is over and the notices came down (not for permanent items)."""
    return _take_down(
        disclosure=disclosure,
        action=rules.Action.END,
        reason="",
        code="disclosures.disclosure.ended",
        actor=actor,
        now=now,
    )
