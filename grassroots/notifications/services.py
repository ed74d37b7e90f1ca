"""Writes of the notifications app: notify, the daily digest, immediate delivery, settings and subscriptions.

``notify`` is what other apps call (usually from a periodic job or ``transaction.on_commit``); it never
sends anything itself. People who chose "immediate" for that kind get a background task per notification;
everyone else gets at most one digest a day (``Digest``, unique per person and day in the database).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from grassroots.accounts.models import User
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.core.services import audit_record, state_change
from grassroots.jobs.retry import RetriesExhausted, retry
from grassroots.notifications import selectors
from grassroots.notifications.gateways import GatewayError, sms_gateway
from grassroots.notifications.kinds import kind_of, registered_kinds, render
from grassroots.notifications.models import (
    Digest,
    DraftStatus,
    Language,
    Mode,
    Notification,
    NotificationSettings,
    ObligationDraft,
    ObligationKind,
    Preference,
    Subscription,
    Topic,
)

logger = logging.getLogger(__name__)

SMS_MAX_CHARACTERS = 160
"""An SMS is cut here; the details are behind the link."""


@dataclass(frozen=True)
class Entry:
    """One notification to make: for whom, with what, about which event."""

    user_id: int
    params: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    unit_id: int | None = None
    dedupe_key: str = ""


KEY_CHUNK = 500
"""Dedupe keys looked up per query (SQLite allows 999 parameters)."""


def notify_batch(*, kind: str, entries: Iterable[Entry], now: dt.datetime | None = None) -> int:
    """Put each entry's notification of ``kind`` in its person's inbox; returns how many were new.

    An entry whose ``(user, dedupe_key)`` exists already is skipped: a job that runs twice notifies once (the
    database's unique constraint decides, also between two concurrent runs). Nothing is sent here: people who
    chose "immediate" for ``kind`` get a background task after the commit, everyone else the daily digest.
    """
    moment = now or clock.now()
    wanted: dict[tuple[int, str], Entry] = {}
    plain: list[Entry] = []
    for entry in entries:
        if entry.dedupe_key:
            wanted.setdefault((entry.user_id, entry.dedupe_key), entry)
        else:
            plain.append(entry)
    by_user: dict[int, list[str]] = {}
    for user_id, key in wanted:
        by_user.setdefault(user_id, []).append(key)
    for user_id, keys in by_user.items():
        for start in range(0, len(keys), KEY_CHUNK):
            chunk = keys[start : start + KEY_CHUNK]
            existing = Notification.objects.filter(user_id=user_id, dedupe_key__in=chunk).values_list(
                "dedupe_key", flat=True
            )
            for key in existing:
                wanted.pop((user_id, key), None)
    new = [*wanted.values(), *plain]
    if not new:
        return 0
    rows = [
        Notification(
            user_id=entry.user_id,
            kind=kind,
            params=entry.params,
            url=entry.url,
            unit_id=entry.unit_id,
            dedupe_key=entry.dedupe_key,
            created_at=moment,
        )
        for entry in new
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    modes = selectors.modes_of({entry.user_id for entry in new}, kind)
    immediate = [user_id for user_id, mode in modes.items() if mode == Mode.IMMEDIATE]
    if immediate:
        ids = list(
            Notification.objects.filter(
                user_id__in=immediate, kind=kind, created_at=moment, sent_at__isnull=True, digest__isnull=True
            ).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: _enqueue_immediate(ids))
    return len(rows)


def notify(
    *,
    users: Iterable[Any],
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    unit: Any = None,
    dedupe_key: str = "",
    now: dt.datetime | None = None,
) -> int:
    """One notification of ``kind`` for each of ``users`` (see ``notify_batch``); returns how many were new."""
    unit_id = getattr(unit, "pk", unit)
    entries = [
        Entry(user_id=getattr(user, "pk", user), params=params or {}, url=url, unit_id=unit_id, dedupe_key=dedupe_key)
        for user in users
    ]
    return notify_batch(kind=kind, entries=entries, now=now)


def _enqueue_immediate(ids: list[int]) -> None:
    from grassroots.notifications.tasks import deliver_notification

    for notification_id in ids:
        deliver_notification.enqueue(notification_id)


def _send_email(user: Any, subject: str, body: str) -> bool:
    if not user.email:
        return False
    retry(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
    return True


def _send_sms(user: Any, text: str) -> bool:
    if not user.phone:
        return False
    gateway = sms_gateway()
    retry(lambda: gateway.send(user.phone, text[:SMS_MAX_CHARACTERS]), retry_on=(GatewayError, OSError))
    return True


def _absolute(url: str) -> str:
    return f"{settings.GRASSROOTS_PUBLIC_URL}{url}" if url.startswith("/") else url


def notification_deliver(*, notification_id: int, now: dt.datetime | None = None) -> bool:
    """Send one notification on its own (the person chose "immediate" for its kind); idempotent."""
    moment = now or clock.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("user").filter(pk=notification_id).first()
        )
        if notification is None or notification.sent_at is not None or notification.digest_id is not None:
            return False
        notification.sent_at = moment
        notification.save(update_fields=["sent_at"])
    user = notification.user
    chosen = selectors.settings_of(user)
    title, body = render(notification.kind, notification.params, chosen.language)
    link = _absolute(notification.url)
    try:
        if chosen.by_email:
            _send_email(user, title, "\n\n".join(part for part in (title, body, link) if part))
        if chosen.by_sms:
            _send_sms(user, f"{title} {link}".strip())
    except RetriesExhausted:
        logger.warning("notification %s could not be sent; it stays in the inbox", notification_id)
    return True


def digest_send(*, user: Any, now: dt.datetime | None = None) -> Digest | None:
    """Build and send today's digest of ``user``: at most one a day (the database refuses a second).

    Returns ``None`` when there is nothing to tell, or when today's digest was already made.
    """
    moment = now or clock.now()
    day = clock.localdate(moment)
    chosen = selectors.settings_of(user)
    skipped = selectors.modes_for_digest(user)
    try:
        with transaction.atomic():
            pending = list(selectors.digest_items(user).filter(created_at__lte=moment).select_for_update())
            if not pending:
                return None
            digest = Digest.objects.create(user=user, day=day, created_at=moment, item_count=0)
            in_message = [item for item in pending if skipped.get(item.kind) != Mode.INBOX_ONLY]
            Notification.objects.filter(pk__in=[item.pk for item in pending]).update(digest=digest)
            digest.item_count = len(in_message)
            digest.save(update_fields=["item_count"])
    except IntegrityError:  # today's digest exists: another run made it
        return None
    if not in_message:
        return digest
    lines = []
    for item in in_message:
        title, body = render(item.kind, item.params, chosen.language)
        lines.append({"title": title, "body": body, "url": _absolute(item.url)})
    with translation.override(chosen.language):
        context = {"user": user, "day": day, "lines": lines, "inbox_url": _absolute("/thong-bao/")}
        subject = render_to_string("notifications/email/digest_subject.txt", context).strip()
        text = render_to_string("notifications/email/digest.txt", context)
        sms = render_to_string("notifications/email/digest_sms.txt", context).strip()
    channels = []
    try:
        if chosen.by_email and _send_email(user, subject, text):
            channels.append("email")
        if chosen.by_sms and _send_sms(user, sms):
            channels.append("sms")
    except RetriesExhausted as error:
        digest.error = str(error)[:1000]
    digest.channels = ",".join(channels)
    digest.save(update_fields=["channels", "error"])
    return digest


def digests_send_all(now: dt.datetime) -> int:
    """The daily job: one digest for each person with something waiting (idempotent: once a day)."""
    sent = 0
    for user_id in selectors.users_awaiting_digest(now).iterator(chunk_size=2000):
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is not None and digest_send(user=user, now=now) is not None:
            sent += 1
    return sent


def notification_mark_read(*, user: Any, notification_id: int | None = None, now: dt.datetime | None = None) -> int:
    """Mark one of the person's notifications read (or all of them); another person's is never touched."""
    moment = now or clock.now()
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        queryset = queryset.filter(pk=notification_id)
    return queryset.update(read_at=moment)


def settings_save(
    *, user: Any, language: str, by_email: bool, by_sms: bool, modes: dict[str, str], now: dt.datetime | None = None
) -> NotificationSettings:
    """Store the person's choices: language, channels, and a mode per kind (unknown kinds or modes refused)."""
    if language not in Language.values:
        raise DomainError("notifications.bad_language", _("Ngôn ngữ không hợp lệ."))
    kinds = registered_kinds()
    for kind, mode in modes.items():
        if kind not in kinds or mode not in Mode.values:
            raise DomainError("notifications.bad_mode", _("Cách nhận thông báo không hợp lệ."))
    if by_sms and not user.phone:
        raise DomainError("notifications.no_phone", _("Tài khoản chưa có số điện thoại để nhận tin nhắn."))
    with transaction.atomic():
        row, _created = NotificationSettings.objects.select_for_update().get_or_create(user=user)
        before = {"language": row.language, "by_email": row.by_email, "by_sms": row.by_sms}
        row.language, row.by_email, row.by_sms = language, by_email, by_sms
        row.save()
        for kind, mode in modes.items():
            if mode == kind_of(kind).default_mode:
                Preference.objects.filter(user=user, kind=kind).delete()
            else:
                Preference.objects.update_or_create(user=user, kind=kind, defaults={"mode": mode})
        audit_record(
            code="notifications.settings.saved",
            actor=user,
            obj=row,
            before=before,
            after={"language": language, "by_email": by_email, "by_sms": by_sms, "modes": modes},
            now=now,
        )
    return row


def subscription_set(
    *, user: Any, unit: Any, topic: str, follow: bool, visible_unit_ids: set[int], now: dt.datetime | None = None
) -> bool:
    """Follow (or stop following) ``topic`` of ``unit``; only a unit the person belongs to. Returns the new state."""
    if topic not in Topic.values:
        raise DomainError("notifications.bad_topic", _("Chủ đề không hợp lệ."))
    if unit.pk not in visible_unit_ids:
        raise DomainError("notifications.unit_not_yours", _("Bạn chỉ theo dõi được xã, thôn nơi mình sinh sống."))
    moment = now or clock.now()
    if follow:
        Subscription.objects.get_or_create(user=user, unit=unit, topic=topic, defaults={"created_at": moment})
    else:
        Subscription.objects.filter(user=user, unit=unit, topic=topic).delete()
    return follow


# --- Drafts of yearly obligations --------------------------------------------------------------------------------


def _draft_snapshot(draft: ObligationDraft) -> dict[str, Any]:
    return {
        "kind": draft.kind,
        "key": draft.key,
        "year": draft.year,
        "due_on": draft.due_on.isoformat() if draft.due_on else None,
        "status": draft.status,
        "completed_object_id": draft.completed_object_id,
    }


def obligation_draft_open(
    *,
    kind: str,
    key: str,
    unit_id: int,
    title: str,
    year: int,
    due_on: dt.date | None,
    citation: str = "",
    proposal: dict[str, Any] | None = None,
    organisation_id: int | None = None,
    convention_id: int | None = None,
    now: dt.datetime | None = None,
) -> tuple[ObligationDraft, bool]:
    """Open the draft of one yearly obligation (``key``: the obligation and its year), or return the one already
    opened: ``(draft, created)``. Made by a job (the system, no actor) and audited; the database's unique key
    keeps a second run, or two runs at once, to one draft."""
    if kind not in ObligationKind.values:
        raise DomainError("notifications.draft.bad_kind", _("Loại việc không hợp lệ."))
    moment = now or clock.now()
    found = ObligationDraft.objects.filter(key=key).first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            draft = ObligationDraft.objects.create(
                kind=kind,
                key=key[:200],
                unit_id=unit_id,
                organisation_id=organisation_id,
                convention_id=convention_id,
                title=title[:300],
                year=year,
                due_on=due_on,
                citation=citation[:300],
                proposal=proposal or {},
                created_at=moment,
            )
            audit_record(
                code="notifications.obligation_draft.opened",
                actor=None,
                unit=unit_id,
                obj=draft,
                after=_draft_snapshot(draft),
                now=moment,
            )
    except IntegrityError:  # another run opened it between the look and the insert
        return ObligationDraft.objects.get(key=key), False
    return draft, True


def _draft_refused(result: Any) -> DomainError:
    return DomainError(result.code, _("Việc này đã được hoàn thành."))


def obligation_draft_complete(
    *, draft: ObligationDraft, data: dict[str, Any], actor: Any, now: dt.datetime | None = None
) -> Any:
    """Complete a draft: the owning app's own service makes the record from the officer's values (its checks and
    audit apply), and the draft records what was made, in one transaction. A draft completes once; a refusal of
    the owning service leaves the draft open and nothing written. Returns the record made."""
    from grassroots.notifications.rules import check_draft_transition

    moment = now or clock.now()
    with transaction.atomic():
        locked = ObligationDraft.objects.select_for_update().get(pk=draft.pk)
        check = check_draft_transition(locked.status, DraftStatus.COMPLETED)
        if not check:
            raise _draft_refused(check)
        made: Any
        organisation, convention = locked.organisation, locked.convention
        if locked.kind == ObligationKind.WORKPLACE_CONFERENCE and organisation is not None:
            from grassroots.workplaces.services import conference_create

            made = conference_create(organisation=organisation, actor=actor, now=moment, **data)
        elif locked.kind == ObligationKind.WORKPLACE_DIALOGUE and organisation is not None:
            from grassroots.workplaces.services import dialogue_schedule

            made = dialogue_schedule(organisation=organisation, actor=actor, now=moment, **data)
        elif locked.kind == ObligationKind.COMMUNE_DIALOGUE:
            from grassroots.reception.services import conference_plan

            made = conference_plan(unit=locked.unit, actor=actor, now=moment, **data)
        elif locked.kind == ObligationKind.CONVENTION_REVIEW and convention is not None:
            from grassroots.conventions.services import review_record

            made = review_record(convention=convention, actor=actor, now=moment, **data)
        else:  # the database's check constraints keep a draft's subject; an unknown kind is a bug
            raise DomainError("notifications.draft.bad_kind", _("Loại việc không hợp lệ."))
        locked.completed_object_id = made.pk
        locked.completed_at = moment
        state_change(
            locked,
            code="notifications.obligation_draft.completed",
            actor=actor,
            unit=locked.unit_id,
            snapshot=_draft_snapshot,
            now=moment,
            target=DraftStatus.COMPLETED,
            check=check_draft_transition,
            refused=_draft_refused,
        )
    draft.refresh_from_db()
    return made
