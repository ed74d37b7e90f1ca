"""Periodic jobs of notifications, registered in ``NotificationsConfig.ready()``: reminders before due dates
(from the dashboard's task registry), overdue cases, what residents follow, and the daily digest.

Every job is idempotent through ``Notification.dedupe_key`` and ``Digest`` (unique in the database).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats

from grassroots.core import clock
from grassroots.jobs.registry import DAILY, HOURLY, register_job
from grassroots.notifications import kinds, rules, services
from grassroots.notifications.models import Topic
from grassroots.notifications.services import Entry, notify_batch

logger = logging.getLogger(__name__)


def _day_text(day: dt.date) -> str:
    return formats.date_format(day, "d/m/Y")


def staff_user_ids(today: dt.date) -> list[int]:
    """Everyone holding a staff role today (the people the dashboard has tasks for)."""
    from grassroots.accounts.models import RoleMembership
    from grassroots.accounts.rules import STAFF_ROLES

    return list(
        RoleMembership.objects.active_on(today)
        .filter(role__in=STAFF_ROLES, user__is_active=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )


def reminder_steps() -> tuple[int, ...]:
    return tuple(getattr(settings, "NOTIFICATIONS_REMINDER_WORKING_DAYS", rules.REMINDER_WORKING_DAYS))


def deadline_reminders(now: dt.datetime, *, user_ids: list[int] | None = None) -> int:
    """Remind each staff member of their dashboard tasks N working days before the due date.

    The source is the dashboard's task registry (``dashboard.registry.collect_tasks``): whatever an app shows
    as "việc cần làm" with a due date is reminded, with no second copy of its query here.
    """
    from grassroots.accounts.models import User
    from grassroots.dashboard.registry import collect_tasks

    today = clock.localdate(now)
    steps = reminder_steps()
    created = 0
    for user in User.objects.filter(pk__in=user_ids if user_ids is not None else staff_user_ids(today)):
        entries = []
        groups = collect_tasks(user, today)
        for item in [*groups.due_soon, *groups.later]:
            if item.due_date is None:
                continue
            step = rules.reminder_step(item.working_days_left, steps)
            if step is None:
                continue
            entries.append(
                Entry(
                    user_id=user.pk,
                    params={"title": item.title, "days": item.working_days_left, "due": _day_text(item.due_date)},
                    url=item.url,
                    dedupe_key=f"reminder:{item.url}:{item.due_date.isoformat()}:{step}"[:200],
                )
            )
        created += notify_batch(kind=kinds.REMINDER, entries=entries, now=now)
    return created


def overdue_cases(now: dt.datetime) -> int:
    """Tell the handler and the commune's leaders once when a case's current clock has run out (Law art. 35;
    Citizen Reception art. 28): one notification per case, step and due date."""
    from grassroots.accounts.rules import Action
    from grassroots.accounts.selectors import holders_of
    from grassroots.petitions import selectors as petitions
    from grassroots.petitions.models import Case
    from grassroots.petitions.rules import OPEN_STATUSES

    today = clock.localdate(now)
    calendar = petitions.public_calendar()
    leaders: dict[int, list[int]] = {}
    entries: list[Entry] = []
    cases = Case.objects.filter(status__in=OPEN_STATUSES).prefetch_related("pauses", "extensions").order_by("pk")
    for case in cases.iterator(chunk_size=500):
        due = petitions.current_due(case, calendar)
        if due.due_on is None or due.due_on >= today:
            continue
        if case.unit_id not in leaders:
            leaders[case.unit_id] = list(
                holders_of(Action.ASSIGN_CASES, case.unit_id, today).values_list("pk", flat=True)
            )
        recipients = {*leaders[case.unit_id], *([case.handler_id] if case.handler_id else [])}
        for user_id in sorted(recipients):
            entries.append(
                Entry(
                    user_id=user_id,
                    params={"pk": case.pk, "title": case.title, "due": _day_text(due.due_on)},
                    url=reverse("petitions:case_detail", kwargs={"pk": case.pk}),
                    unit_id=case.unit_id,
                    dedupe_key=f"case_overdue:{case.pk}:{due.step}:{due.due_on.isoformat()}",
                )
            )
    return notify_batch(kind=kinds.CASE_OVERDUE, entries=entries, now=now)


def _subscriber_ids(unit_ids: list[int], topic: str) -> list[int]:
    from grassroots.notifications.selectors import subscribers

    return sorted(set(subscribers(unit_ids, topic).values_list("user_id", flat=True)))


def subscriptions_fan_out(now: dt.datetime) -> int:
    """Tell the followers of a commune or village about what was published there: disclosures, votes opened and
    votes decided, and consultations opened for opinions (the last ``SUBSCRIPTION_LOOKBACK_DAYS`` days; once per
    item and person: ``dedupe_key``). A village's votes reach who follows the village or its commune."""
    from grassroots.consultations import selectors as consultations
    from grassroots.disclosures import selectors as disclosures
    from grassroots.units.models import AdministrativeUnit
    from grassroots.voting.models import CommunityVote, VoteStatus
    from grassroots.voting.selectors import PUBLIC_STATUSES as VOTE_PUBLIC_STATUSES

    today = clock.localdate(now)
    since = today - dt.timedelta(days=rules.SUBSCRIPTION_LOOKBACK_DAYS)
    created = 0
    communes = AdministrativeUnit.objects.filter(
        pk__in=_followed_unit_ids(Topic.DISCLOSURES) | _followed_unit_ids(Topic.CONSULTATIONS)
    )
    for commune in communes:
        followers = _subscriber_ids([commune.pk], Topic.DISCLOSURES)
        if followers:
            for disclosure in disclosures.public_disclosures(commune).filter(first_published_on__gte=since):
                entries = [
                    Entry(
                        user_id=user_id,
                        params={"unit": commune.name, "title": disclosure.title},
                        url=reverse("disclosures:detail", kwargs={"slug": commune.slug, "pk": disclosure.pk}),
                        unit_id=commune.pk,
                        dedupe_key=f"disclosure:{disclosure.pk}",
                    )
                    for user_id in followers
                ]
                created += notify_batch(kind=kinds.DISCLOSURE_PUBLISHED, entries=entries, now=now)
        followers = _subscriber_ids([commune.pk], Topic.CONSULTATIONS)
        if followers:
            for consultation in consultations.public_consultations(commune).filter(published_on__gte=since):
                entries = [
                    Entry(
                        user_id=user_id,
                        params={
                            "unit": commune.name,
                            "title": consultation.title,
                            "until": _day_text(consultation.closes_on),
                        },
                        url=reverse("consultations:public_detail", kwargs={"consultation_id": consultation.pk}),
                        unit_id=commune.pk,
                        dedupe_key=f"consultation:{consultation.pk}",
                    )
                    for user_id in followers
                ]
                created += notify_batch(kind=kinds.CONSULTATION_OPENED, entries=entries, now=now)
    followed = _followed_unit_ids(Topic.VOTES)
    if followed:
        since_moment = now - dt.timedelta(days=rules.SUBSCRIPTION_LOOKBACK_DAYS)
        votes = CommunityVote.objects.filter(
            status__in=VOTE_PUBLIC_STATUSES, closed_at__gte=since_moment, scope="community"
        ).select_related("unit")
        opened = CommunityVote.objects.filter(
            status=VoteStatus.OPEN, opened_at__gte=since_moment, scope="community"
        ).select_related("unit")
        for vote in opened.filter(unit_id__in=followed) | opened.filter(unit__parent_id__in=followed):
            followers = _subscriber_ids([vote.unit_id, vote.unit.parent_id or 0], Topic.VOTES)
            entries = [
                Entry(
                    user_id=user_id,
                    params={"unit": vote.unit.name, "title": vote.title},
                    url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
                    unit_id=vote.unit_id,
                    dedupe_key=f"vote_opened:{vote.pk}",
                )
                for user_id in followers
            ]
            created += notify_batch(kind=kinds.VOTE_OPENED, entries=entries, now=now)
        for vote in votes.filter(unit_id__in=followed) | votes.filter(unit__parent_id__in=followed):
            followers = _subscriber_ids([vote.unit_id, vote.unit.parent_id or 0], Topic.VOTES)
            entries = [
                Entry(
                    user_id=user_id,
                    params={"unit": vote.unit.name, "title": vote.title},
                    url=reverse("voting:public_results", kwargs={"community_id": vote.unit_id}),
                    unit_id=vote.unit_id,
                    dedupe_key=f"vote:{vote.pk}",
                )
                for user_id in followers
            ]
            created += notify_batch(kind=kinds.VOTE_DECIDED, entries=entries, now=now)
    return created


def _followed_unit_ids(topic: str) -> set[int]:
    from grassroots.notifications.models import Subscription

    return set(Subscription.objects.filter(topic=topic).values_list("unit_id", flat=True))


def daily_digests(now: dt.datetime) -> int:
    return services.digests_send_all(now)


def digest_hour() -> int:
    return int(getattr(settings, "NOTIFICATIONS_DIGEST_HOUR", 7))


def register() -> None:
    register_job(
        "notifications.deadline_reminders",
        deadline_reminders,
        every=DAILY,
        hour=5,
        description="Nhắc việc trước hạn N ngày làm việc (từ danh sách việc cần làm)",
    )
    register_job(
        "notifications.overdue_cases",
        overdue_cases,
        every=DAILY,
        hour=5,
        description="Báo vụ việc quá hạn cho người xử lý và lãnh đạo xã",
    )
    register_job(
        "notifications.subscriptions",
        subscriptions_fan_out,
        every=HOURLY,
        description="Báo tin mới cho người theo dõi xã, thôn",
    )
    register_job(
        "notifications.daily_digests",
        daily_digests,
        every=DAILY,
        hour=digest_hour(),
        description="Gửi bản tin hằng ngày (nhiều nhất một bản mỗi người mỗi ngày)",
    )


__all__: list[Any] = ["register"]
