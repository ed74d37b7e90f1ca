"""Reads of the notifications app: a person's inbox, settings, modes, and who waits for a digest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from grassroots.notifications.kinds import kind_of
from grassroots.notifications.models import (
    Digest,
    DraftStatus,
    Mode,
    Notification,
    NotificationSettings,
    ObligationDraft,
    Preference,
    Subscription,
)


def inbox(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def settings_of(user: Any) -> NotificationSettings:
    """The person's settings as stored, or the defaults (not saved) when they never chose."""
    found = NotificationSettings.objects.filter(user=user).first()
    return found or NotificationSettings(user=user)


def modes_of(users: Iterable[Any], kind: str) -> dict[int, str]:
    """Each user's mode for ``kind`` (the kind's default where they never chose)."""
    ids = [getattr(user, "pk", user) for user in users]
    chosen = dict(Preference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "mode"))
    default = kind_of(kind).default_mode
    return {user_id: chosen.get(user_id, default) for user_id in ids}


def preferences_of(user: Any) -> dict[str, str]:
    return dict(Preference.objects.filter(user=user).values_list("kind", "mode"))


def digest_items(user: Any) -> QuerySet[Notification]:
    """What the next digest of ``user`` carries: not yet in a digest, not sent on its own."""
    return Notification.objects.filter(user=user, digest__isnull=True, sent_at__isnull=True).order_by(
        "created_at", "pk"
    )


def users_awaiting_digest(before: dt.datetime) -> QuerySet[Any]:
    """Ids of the people with notifications waiting for a digest (created before ``before``)."""
    return (
        Notification.objects.filter(digest__isnull=True, sent_at__isnull=True, created_at__lt=before)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


def has_digest_on(user: Any, day: dt.date) -> bool:
    return Digest.objects.filter(user=user, day=day).exists()


def subscriptions_of(user: Any) -> QuerySet[Subscription]:
    return Subscription.objects.filter(user=user).select_related("unit")


def subscribers(unit_ids: Iterable[int], topic: str) -> QuerySet[Subscription]:
    return Subscription.objects.filter(unit_id__in=list(unit_ids), topic=topic)


def modes_for_digest(user: Any) -> dict[str, str]:
    """Modes the digest must honour: kinds the person wants only in the inbox are left out of the message."""
    return {kind: mode for kind, mode in preferences_of(user).items() if mode != Mode.DIGEST}


def open_drafts_by_key(keys: Iterable[str]) -> dict[str, ObligationDraft]:
    """The open drafts of yearly obligations among ``keys`` (``ObligationDraft.key``), by key: one query for a
    task page's whole list."""
    wanted = list(keys)
    if not wanted:
        return {}
    return {draft.key: draft for draft in ObligationDraft.objects.filter(key__in=wanted, status=DraftStatus.OPEN)}


def open_drafts_of_organisation(organisation: Any) -> QuerySet[ObligationDraft]:
    """An organisation's yearly obligations opened as drafts and not yet completed, soonest due first (for its
    home page: the conference and the dialogue a job prepared)."""
    return ObligationDraft.objects.filter(organisation=organisation, status=DraftStatus.OPEN).order_by("due_on", "pk")


def draft_initial(draft: ObligationDraft) -> dict[str, Any]:
    """The owning form's starting values from the draft's proposal (days stored as ISO text become dates)."""
    initial: dict[str, Any] = {}
    for name, value in draft.proposal.items():
        if isinstance(value, str) and name.endswith("_on") and value:
            try:
                initial[name] = dt.date.fromisoformat(value)
            except ValueError:
                continue
        else:
            initial[name] = value
    return initial
