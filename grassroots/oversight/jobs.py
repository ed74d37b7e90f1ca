"""The daily job of the oversight boards: tell the Front / union, the board and the body that must answer when a
recommendation's 15 days have run out, and (if ``OVERSIGHT_AUTO_ESCALATE``) send it on to the next level.

Reminders *before* due dates need nothing here: every due item of ``tasks.oversight_tasks`` (answer a
recommendation, send an inspection plan, a programme item, a recognition) is reminded by
``notifications.deadline_reminders`` N working days before, from the dashboard's task registry.
Idempotent: one notification per person, recommendation and due date (``dedupe_key``); a recommendation already
sent on has a new clock, so the next run finds it not overdue.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.rules import Action
from grassroots.accounts.selectors import holders_of
from grassroots.core import clock
from grassroots.core.errors import DomainError
from grassroots.oversight import selectors, services

logger = logging.getLogger(__name__)

OVERDUE_KIND = "oversight.recommendation_overdue"


def auto_escalate() -> bool:
    """Whether the job itself sends an overdue recommendation on (default: no, the board or the Front decides).

    UNCERTAIN: the law makes the Front chase the answer ([L] art. 40(2)) but names no automatic step."""
    return bool(getattr(settings, "OVERSIGHT_AUTO_ESCALATE", False))


def overdue_recommendations(now: dt.datetime) -> int:
    from grassroots.notifications.services import Entry, notify_batch

    today = clock.localdate(now)
    entries: list[Entry] = []
    escalated = 0
    for recommendation in selectors.overdue_recommendations(today):
        board = recommendation.board
        due = selectors.current_due(recommendation)
        assert due is not None
        last = selectors.latest_escalation(recommendation)
        answer_unit = last.addressee_unit_id if last is not None else recommendation.addressee_unit_id
        people = {
            *(
                user
                for user in holders_of(Action.MANAGE_BOARDS, board.unit_id, today)
                if selectors.may(user, Action.MANAGE_BOARDS, board, today)
            ),
            *(
                user
                for user in holders_of(Action.ANSWER_RECOMMENDATIONS, answer_unit, today)
                if selectors.may_answer(user, recommendation, today)
            ),
            *(member.user for member in selectors.active_members(board, today) if member.user is not None),
        }
        url = reverse("oversight:recommendation_detail", kwargs={"pk": recommendation.pk})
        for user in sorted(people, key=lambda person: person.pk):
            entries.append(
                Entry(
                    user_id=user.pk,
                    params={
                        "title": recommendation.title,
                        "who": recommendation.addressee_name,
                        "due": f"{due:%d/%m/%Y}",
                    },
                    url=url,
                    unit_id=board.unit_id,
                    dedupe_key=f"oversight_overdue:{recommendation.pk}:{due.isoformat()}",
                )
            )
        if auto_escalate():
            try:
                services.recommendation_escalate(recommendation=recommendation, actor=None, now=now)
            except DomainError as error:
                logger.warning("recommendation %s not sent on by the clock: %s", recommendation.pk, error.code)
            else:
                escalated += 1
    return notify_batch(kind=OVERDUE_KIND, entries=entries, now=now) + escalated


def register() -> None:
    from grassroots.jobs.registry import DAILY, register_job
    from grassroots.notifications.kinds import register_kind

    register_kind(
        OVERDUE_KIND,
        label=_("Kiến nghị quá hạn chưa được trả lời"),
        title=_("Quá hạn trả lời kiến nghị (%(who)s): %(title)s"),
        body=_("Hạn trả lời %(due)s đã qua. Có thể chuyển kiến nghị lên cấp trên."),
    )
    register_job(
        "oversight.overdue_recommendations",
        overdue_recommendations,
        every=DAILY,
        hour=5,
        description="Báo kiến nghị quá hạn 15 ngày chưa được trả lời; chuyển lên cấp trên nếu được cấu hình",
    )
