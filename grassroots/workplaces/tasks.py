"""Dashboard tasks of workplaces ("việc cần làm"), registered in ``WorkplacesConfig.ready()``.

``workplaces.obligations``: for each organisation where the user runs the conference or manages the
workplace, every required obligation of the year not yet done (the annual conference, due 3 months after
the work year; the six-monthly check of its resolution; the periodic dialogue of employers), with its due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from grassroots.accounts.models import RoleMembership
from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import user_can_in_organisation
from grassroots.dashboard.registry import TaskItem, register_task_provider
from grassroots.units.models import Organisation
from grassroots.workplaces import selectors

UPCOMING_DAYS = 120
"""Next year's obligations appear this many days before they fall due (preparing a conference takes weeks;
not a legal number)."""


def _organisations(user: Any, today: dt.date) -> list[Organisation]:
    ids = RoleMembership.objects.active_on(today).filter(user_id=user.pk, organisation__isnull=False)
    found = Organisation.objects.filter(pk__in=ids.values("organisation_id")).select_related("unit")
    return [
        organisation
        for organisation in found
        if user_can_in_organisation(user, Action.RUN_STAFF_CONFERENCES, organisation, today)
        or user_can_in_organisation(user, Action.MANAGE_WORKPLACE, organisation, today)
    ]


def obligation_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    if not getattr(user, "pk", None):
        return
    from grassroots.notifications.rules import workplace_draft_key
    from grassroots.notifications.selectors import open_drafts_by_key

    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    found: list[tuple[Organisation, Any]] = []
    for organisation in _organisations(user, today):
        seen: set[tuple[str, dt.date | None]] = set()
        for year in (today.year, today.year + 1):
            for obligation in selectors.obligations(organisation, year, today):
                key = (obligation.code, obligation.due_on)
                if obligation.done_on is not None or not obligation.is_required or key in seen:
                    continue
                if year > today.year and (obligation.due_on is None or obligation.due_on > horizon):
                    continue
                seen.add(key)
                found.append((organisation, obligation))
    drafts = open_drafts_by_key(
        workplace_draft_key(organisation.pk, obligation.code, obligation.due_on.isoformat())
        for organisation, obligation in found
        if obligation.due_on is not None
    )
    for organisation, obligation in found:
        due_on = obligation.due_on
        draft_key = workplace_draft_key(organisation.pk, obligation.code, due_on.isoformat()) if due_on else ""
        draft = drafts.get(draft_key)
        yield TaskItem(
            title=obligation.label,
            url=(
                reverse("notifications:draft_complete", args=[draft.pk])
                if draft is not None
                else reverse("workplaces:organisation_home", args=[organisation.pk])
            ),
            due_date=obligation.due_on,
            unit=organisation.name,
            note=obligation.citation,
        )


def register() -> None:
    register_task_provider("workplaces.obligations", obligation_tasks)
