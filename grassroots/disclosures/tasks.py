"""Dashboard tasks of the disclosures app ("việc cần làm"), registered in ``DisclosuresConfig.ready()``.

Three providers, each ``(user, today) -> Iterable[TaskItem]``:

* ``disclosures.requests``: information requests not yet answered (art. 14(2), TCTT art. 29), due date
  = the current legal deadline (after an extension, the extended one);
* ``disclosures.unpublished``: commune drafts and amendments not yet (re)published, due date = the
  disclosure deadline (5 working days after the decision, art. 12(3));
* ``disclosures.relay``: a village head's open relay tasks (art. 13(4)); no legal deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.accounts import selectors as account_selectors
from grassroots.accounts.rules import Action
from grassroots.dashboard.registry import TaskItem, register_task_provider
from grassroots.disclosures import rules, selectors
from grassroots.units.models import AdministrativeUnit, UnitLevel


def managed_commune_ids(user: Any, today: dt.date) -> list[int]:
    """The communes where the user holds a role granting ``MANAGE_DISCLOSURES`` (memberships only)."""
    held = account_selectors.roles_by_unit(user, today)
    communes = AdministrativeUnit.objects.filter(pk__in=list(held), level=UnitLevel.COMMUNE)
    return [unit.pk for unit in communes if account_selectors.user_can(user, Action.MANAGE_DISCLOSURES, unit, today)]


def information_request_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    for request in selectors.open_information_requests(managed_commune_ids(user, today)):
        yield TaskItem(
            title=_("Trả lời yêu cầu cung cấp thông tin của %(name)s") % {"name": request.requester_name},
            url=reverse("disclosures:request_detail", args=[request.unit.slug, request.pk]),
            due_date=request.current_due_on,
            unit=request.unit.name,
        )


def unpublished_disclosure_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    for item in selectors.unpublished_due(managed_commune_ids(user, today)):
        yield TaskItem(
            title=_("Công khai: %(title)s") % {"title": item.title},
            url=reverse("disclosures:staff_detail", args=[item.unit.slug, item.pk]),
            due_date=item.due_on,
            unit=item.unit.name,
        )


def relay_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    held = account_selectors.roles_by_unit(user, today)
    communities = [unit_id for unit_id, roles in held.items() if roles & rules.RELAY_ROLES]
    if not communities:
        return
    for task in selectors.relay_tasks_for_communities(communities).filter(acknowledged_at__isnull=True):
        yield TaskItem(
            title=_("Thông tin đến các hộ: %(title)s") % {"title": task.disclosure.title},
            url=reverse("disclosures:relay_acknowledge", args=[task.pk]),
            unit=task.community.name,
        )


def register() -> None:
    register_task_provider("disclosures.requests", information_request_tasks)
    register_task_provider("disclosures.unpublished", unpublished_disclosure_tasks)
    register_task_provider("disclosures.relay", relay_tasks)
