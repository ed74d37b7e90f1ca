"""Demo data of notifications, written through the services: the demo resident follows the commune's
disclosures, votes and consultations and finds the newest disclosures in their inbox; the commune officer
chose to get overdue cases at once. Idempotent: subscriptions are get-or-create, events carry dedupe keys."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from grassroots.accounts.models import User
from grassroots.notifications import kinds, services
from grassroots.notifications.models import Mode, Preference, Topic
from grassroots.units.models import AdministrativeUnit

DEMO_FOLLOWERS = ("nguoidan", "daidienho")
NEWEST_DISCLOSURES = 3


def seed_notifications(commune: AdministrativeUnit) -> int:
    """Returns how many notifications were new."""
    from grassroots.disclosures.selectors import public_disclosures

    created = 0
    followers = list(User.objects.filter(username__in=DEMO_FOLLOWERS))
    community = commune.children.order_by("code").first()
    visible = {commune.pk, *([community.pk] if community else [])}
    for user in followers:
        for topic in Topic:
            services.subscription_set(user=user, unit=commune, topic=topic, follow=True, visible_unit_ids=visible)
    for disclosure in public_disclosures(commune)[:NEWEST_DISCLOSURES]:
        published = disclosure.first_published_on or dt.date(2026, 1, 1)
        created += services.notify(
            users=followers,
            kind=kinds.DISCLOSURE_PUBLISHED,
            params={"unit": commune.name, "title": disclosure.title},
            url=reverse("disclosures:detail", kwargs={"slug": commune.slug, "pk": disclosure.pk}),
            unit=commune,
            dedupe_key=f"disclosure:{disclosure.pk}",
            now=dt.datetime.combine(published, dt.time(9, 0), tzinfo=dt.timezone(dt.timedelta(hours=7))),
        )
    officer = User.objects.filter(username="canbo").first()
    if officer is not None and not Preference.objects.filter(user=officer).exists():
        services.settings_save(
            user=officer,
            language="vi",
            by_email=True,
            by_sms=False,
            modes={kinds.CASE_OVERDUE: Mode.IMMEDIATE},
        )
    return created
