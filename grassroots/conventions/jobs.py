"""The daily job of village conventions: tell the village head and the commune People's Committee once when a
convention's yearly review and report ([ND61] arts 15(4), 19) is past its last day (``selectors.yearly_report_due``).

Reminders *before* the day need nothing here: the village head's review item of ``tasks.village_tasks`` has the due
date, so ``notifications.deadline_reminders`` reminds it N working days before. Idempotent: one notification per
person, convention and year (``dedupe_key``).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import holders_of
from grassroots.conventions import selectors
from grassroots.core import clock

OVERDUE_REPORT_KIND = "conventions.yearly_report_overdue"


def overdue_yearly_reports(now: dt.datetime) -> int:
    """Notify, once per convention and year, the people who manage the village's convention and those who act for
    the commune People's Committee; returns how many notifications were new."""
    from grassroots.notifications.services import Entry, notify_batch

    today = clock.localdate(now)
    entries: list[Entry] = []
    for overdue in selectors.overdue_yearly_reports(today):
        convention = overdue.convention
        community = convention.community
        people = set(holders_of(Action.MANAGE_CONVENTIONS, community, today))
        if community.parent_id is not None:
            people |= set(holders_of(Action.ACT_FOR_PEOPLES_COMMITTEE, community.parent_id, today))
        url = reverse("conventions:staff_detail", args=[convention.pk])
        for user in sorted(people, key=lambda person: person.pk):
            entries.append(
                Entry(
                    user_id=user.pk,
                    params={
                        "title": convention.title,
                        "unit": community.name,
                        "year": overdue.year,
                        "due": f"{overdue.due_on:%d/%m/%Y}",
                    },
                    url=url,
                    unit_id=community.pk,
                    dedupe_key=f"convention_report_overdue:{convention.pk}:{overdue.year}",
                )
            )
    return notify_batch(kind=OVERDUE_REPORT_KIND, entries=entries, now=now)


def register() -> None:
    from grassroots.jobs.registry import DAILY, register_job
    from grassroots.notifications.kinds import register_kind

    register_kind(
        OVERDUE_REPORT_KIND,
        label=_("Quá hạn rà soát, báo cáo hương ước, quy ước"),
        title=_("Quá hạn báo cáo năm %(year)s (%(unit)s): %(title)s"),
        body=_("Hạn rà soát, báo cáo %(due)s đã qua (Nghị định 61/2023, Điều 15 và Điều 19)."),
    )
    register_job(
        "conventions.overdue_yearly_reports",
        overdue_yearly_reports,
        every=DAILY,
        hour=5,
        description="Báo trưởng thôn và UBND xã khi quá hạn rà soát, báo cáo hương ước, quy ước hằng năm",
    )
