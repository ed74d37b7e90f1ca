"""iCalendar feeds of a commune (public: meetings and deadlines, from sources each app registers) and of a
workplace (for its own staff, through a signed personal link: conferences, dialogues, due days).

    from grassroots.api.calendar_feed import CalendarEvent, register_calendar_source

    def reception_sessions(commune, since):
        for session in selectors.sessions_of(commune, since):
            yield CalendarEvent(uid=f"reception-{session.pk}", title=..., starts_at=session.starts_at,
                                ends_at=session.ends_at, url=reverse(...))

    register_calendar_source("reception", reception_sessions)

An all-day deadline is an event with ``day`` instead of ``starts_at``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

LOOKBACK_DAYS = 30
"""A feed carries what began in the last 30 days and everything ahead."""


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    url: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    day: dt.date | None = None
    description: str = ""


CalendarSource = Callable[[Any, dt.date], Iterable[CalendarEvent]]
_sources: dict[str, CalendarSource] = {}


def register_calendar_source(name: str, source: CalendarSource) -> CalendarSource:
    _sources[name] = source
    return source


def calendar_sources() -> dict[str, CalendarSource]:
    return dict(sorted(_sources.items()))


def vote_events(commune: Any, since: dt.date) -> Iterable[CalendarEvent]:
    """Community meetings (Law art. 17; [ND59] art. 3) and the last moment of ballots and online votes."""
    from grassroots.voting.models import CommunityVote, VoteForm, VoteStatus

    votes = CommunityVote.objects.filter(
        unit__parent=commune, status__in=(VoteStatus.SCHEDULED, VoteStatus.OPEN), starts_at__date__gte=since
    ).select_related("unit")
    for vote in votes.order_by("starts_at", "pk")[:500]:
        url = reverse("voting:public_results", kwargs={"community_id": vote.unit_id})
        if vote.form == VoteForm.MEETING:
            yield CalendarEvent(
                uid=f"vote-{vote.pk}",
                title=_("Họp %(unit)s: %(title)s") % {"unit": vote.unit.name, "title": vote.title},
                starts_at=vote.starts_at,
                ends_at=vote.ends_at or vote.starts_at + dt.timedelta(hours=2),
                url=url,
                description=vote.question,
            )
        elif vote.ends_at is not None:
            yield CalendarEvent(
                uid=f"vote-{vote.pk}-end",
                title=_("Hạn biểu quyết %(unit)s: %(title)s") % {"unit": vote.unit.name, "title": vote.title},
                starts_at=vote.ends_at,
                ends_at=vote.ends_at,
                url=url,
                description=vote.question,
            )


def consultation_events(commune: Any, since: dt.date) -> Iterable[CalendarEvent]:
    """The last day opinions are received on each published consultation (Law art. 28)."""
    from grassroots.consultations.selectors import public_consultations

    for consultation in public_consultations(commune).filter(closes_on__gte=since)[:500]:
        yield CalendarEvent(
            uid=f"consultation-{consultation.pk}-closes",
            title=_("Hạn góp ý: %(title)s") % {"title": consultation.title},
            day=consultation.closes_on,
            url=reverse("consultations:public_detail", kwargs={"consultation_id": consultation.pk}),
        )


def reception_events(commune: Any, since: dt.date) -> Iterable[CalendarEvent]:
    """The chair's citizen-reception days of the next weeks from the fixed schedule (Law on Citizen Reception
    art. 18 as amended) and the announced dialogue conferences (Law 10/2022 art. 32): what the public schedule
    page shows (``reception.views.public_schedule``), through the same selectors."""
    from grassroots.core import clock
    from grassroots.reception import selectors
    from grassroots.reception.models import DialogueStatus

    url = reverse("reception:public_schedule", kwargs={"commune_slug": commune.slug})
    for day in selectors.upcoming_days(commune, clock.today()):
        yield CalendarEvent(
            uid=f"reception-{commune.pk}-{day.isoformat()}",
            title=_("Chủ tịch UBND xã tiếp công dân"),
            day=day,
            url=url,
        )
    conferences = selectors.conferences_of(commune).filter(
        status__in=[DialogueStatus.ANNOUNCED, DialogueStatus.HELD, DialogueStatus.PUBLISHED], planned_on__gte=since
    )
    for conference in conferences.order_by("planned_on", "pk")[:100]:
        yield CalendarEvent(
            uid=f"dialogue-{conference.pk}",
            title=_("Hội nghị đối thoại: %(title)s") % {"title": conference.title},
            day=conference.planned_on,
            url=url,
            description=f"{conference.place}\n{conference.topics[:1000]}",
        )


register_calendar_source("voting", vote_events)
register_calendar_source("consultations", consultation_events)
register_calendar_source("reception", reception_events)


def commune_calendar(commune: Any, today: dt.date) -> bytes:
    """The commune's feed as ``text/calendar`` bytes (stable UIDs, so calendar apps update, not duplicate)."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    events = (item for _name, source in calendar_sources().items() for item in source(commune, since))
    return _ical(_("Lịch %(commune)s") % {"commune": commune.name}, events, today)


# --- A workplace's own calendar: for its staff, not public -------------------------------------------------------

WORKPLACE_FEED_SALT = "grassroots.api.workplace-calendar"


def workplace_feed_token(user: Any, organisation: Any) -> str:
    """The person's own link to an organisation's calendar: signed, so a calendar app reads it without a session.
    It names the person; it stops working the day they no longer hold a role there (checked on every read)."""
    return signing.dumps({"u": user.pk, "o": organisation.pk}, salt=WORKPLACE_FEED_SALT, compress=True)


def workplace_feed_url(user: Any, organisation: Any) -> str:
    """The path of the person's own calendar link of ``organisation`` (to put on their pages)."""
    from urllib.parse import urlencode

    path = reverse("api:workplace_calendar", kwargs={"organisation_id": organisation.pk})
    return f"{path}?{urlencode({'token': workplace_feed_token(user, organisation)})}"


def workplace_feed_reader(token: str, organisation_id: int, today: dt.date) -> Any:
    """The person a token names if it is valid for ``organisation_id`` and they are its staff today, else ``None``."""
    from grassroots.accounts.models import User
    from grassroots.accounts.rules import Action
    from grassroots.accounts.selectors import user_can_in_organisation
    from grassroots.units.models import Organisation

    try:
        claims = signing.loads(token, salt=WORKPLACE_FEED_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(claims, dict) or claims.get("o") != organisation_id or not isinstance(claims.get("u"), int):
        return None
    user = User.objects.filter(pk=int(claims["u"]), is_active=True).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if user is None or organisation is None:
        return None
    if not user_can_in_organisation(user, Action.VIEW_UNIT, organisation, today):
        return None
    return organisation


def workplace_events(organisation: Any, since: dt.date, today: dt.date) -> Iterable[CalendarEvent]:
    """An organisation's staff or employee conferences ([L] arts 51, 69) and workplace dialogues (Labour Code
    art. 63) from ``since``, and the due days of its yearly obligations not yet done
    (``workplaces.selectors.obligations``, as its task page lists them)."""
    from grassroots.workplaces import selectors
    from grassroots.workplaces.models import Conference, ConferenceStatus, DialogueStatus, WorkplaceDialogue

    conferences = Conference.objects.filter(organisation=organisation, scheduled_on__gte=since).exclude(
        status=ConferenceStatus.CANCELLED
    )
    for conference in conferences.order_by("scheduled_on", "pk")[:200]:
        yield CalendarEvent(
            uid=f"workplace-conference-{conference.pk}",
            title=_("Hội nghị: %(title)s") % {"title": str(conference)},
            day=conference.scheduled_on,
            url=reverse("workplaces:conference_detail", args=[conference.pk]),
            description=conference.place,
        )
    dialogues = WorkplaceDialogue.objects.filter(organisation=organisation, scheduled_on__gte=since).exclude(
        status__in=[DialogueStatus.CANCELLED, DialogueStatus.INVALID]
    )
    for dialogue in dialogues.order_by("scheduled_on", "pk")[:200]:
        yield CalendarEvent(
            uid=f"workplace-dialogue-{dialogue.pk}",
            title=_("Đối thoại tại nơi làm việc: %(topics)s") % {"topics": dialogue.topics[:80]},
            day=dialogue.scheduled_on,
            url=reverse("workplaces:dialogue_detail", args=[dialogue.pk]),
        )
    for obligation in selectors.obligations(organisation, today.year, today):
        if obligation.done_on is None and obligation.is_required and obligation.due_on is not None:
            yield CalendarEvent(
                uid=f"workplace-due-{organisation.pk}-{obligation.code}-{obligation.due_on.isoformat()}",
                title=_("Hạn: %(title)s") % {"title": obligation.label},
                day=obligation.due_on,
                url=reverse("workplaces:organisation_home", args=[organisation.pk]),
                description=obligation.citation,
            )


def _ical(name: str, events: Iterable[CalendarEvent], today: dt.date) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//grassroots//lich xa//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.GRASSROOTS_PUBLIC_URL.split("://", 1)[-1].split("/", 1)[0] or "grassroots"
    for item in events:
        event = Event()
        event.add("uid", f"{item.uid}@{host}")
        event.add("summary", item.title)
        event.add("dtstamp", dt.datetime.combine(today, dt.time(0, 0), tzinfo=dt.UTC))
        if item.day is not None:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + dt.timedelta(days=1))
        elif item.starts_at is not None:
            event.add("dtstart", item.starts_at)
            event.add("dtend", item.ends_at or item.starts_at)
        else:
            continue
        if item.url:
            event.add("url", f"{settings.GRASSROOTS_PUBLIC_URL}{item.url}")
        if item.description:
            event.add("description", item.description)
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def workplace_calendar(organisation: Any, today: dt.date) -> bytes:
    """An organisation's feed for its own staff as ``text/calendar`` bytes."""
    since = today - dt.timedelta(days=LOOKBACK_DAYS)
    name = _("Lịch %(organisation)s") % {"organisation": organisation.name}
    return _ical(name, workplace_events(organisation, since, today), today)
