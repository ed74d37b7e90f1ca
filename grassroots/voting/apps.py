from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def vote_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """The dashboard's "việc cần làm": results to send (village head), online votes to cast, results to recognise."""
    from django.urls import reverse

    from grassroots.core import clock
    from grassroots.dashboard.registry import TaskItem
    from grassroots.voting import selectors

    for vote, due in selectors.village_head_tasks(user, today):
        yield TaskItem(
            title=str(_("Gửi kết quả biểu quyết: %(title)s") % {"title": vote.title}),
            url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
            due_date=due,
            unit=vote.unit.name,
        )
    for vote in selectors.open_online_votes_for(user):
        yield TaskItem(
            title=str(_("Biểu quyết trực tuyến: %(title)s") % {"title": vote.title}),
            url=reverse("voting:online_choose", kwargs={"vote_id": vote.pk}),
            due_date=clock.localdate(vote.ends_at) if vote.ends_at else None,
            unit=vote.unit.name,
        )
    for vote in selectors.votes_awaiting_recognition(user, today):
        yield TaskItem(
            title=str(_("Công nhận kết quả biểu quyết: %(title)s") % {"title": vote.title}),
            url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
            due_date=selectors.recognition_due(vote),
            unit=vote.unit.name,
        )


class VotingConfig(AppConfig):
    """Community votes: meetings, household ballots, online votes, results and recognition ([L] arts 15–23)."""

    name = "grassroots.voting"
    label = "voting"
    verbose_name = _("Nhân dân bàn và quyết định")

    def ready(self) -> None:
        try:
            from grassroots.dashboard.registry import register_task_provider
        except ImportError:  # the dashboard is optional
            return
        register_task_provider("voting", vote_tasks)
