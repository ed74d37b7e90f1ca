from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def vote_tasks(user: Any, today: dt.date) -> Iterable[Any]:
    """The dashboard's "việc cần làm" for staff: votes to run, results to send (village head), results to recognise."""
    from django.urls import reverse

    from grassroots.core import clock
    from grassroots.dashboard.registry import TaskItem
    from grassroots.voting import selectors

    now = clock.now()
    for vote in selectors.running_votes_for(user, today):
        if vote.is_open and vote.ends_at is not None and vote.ends_at <= now:
            title = _("Đã hết thời gian biểu quyết, cần kết thúc: %(title)s")
            label = _("Kết thúc biểu quyết")
        elif vote.is_open:
            title = _("Đang biểu quyết: %(title)s")
            label = _("Theo dõi, kết thúc") if vote.is_online else _("Điểm danh, ghi biểu quyết")
        else:
            title = _("Chuẩn bị biểu quyết: %(title)s")
            label = _("Chuẩn bị")
        yield TaskItem(
            title=str(title % {"title": vote.title}),
            url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
            due_date=selectors.running_vote_due(vote),
            unit=vote.unit.name,
            action_label=str(label),
        )
    for vote, due in selectors.village_head_tasks(user, today):
        yield TaskItem(
            title=str(_("Gửi kết quả biểu quyết: %(title)s") % {"title": vote.title}),
            url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
            due_date=due,
            unit=vote.unit.name,
        )
    for vote, due in selectors.ballot_plans_due(user, today):
        yield TaskItem(
            title=str(_("Gửi kế hoạch phát phiếu đến Chủ tịch UBND xã và Mặt trận: %(title)s") % {"title": vote.title}),
            url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
            due_date=due,
            unit=vote.unit.name,
            action_label=str(_("Ghi đã gửi kế hoạch")),
        )
    for vote in selectors.votes_awaiting_recognition(user, today):
        yield TaskItem(
            title=str(_("Công nhận kết quả biểu quyết: %(title)s") % {"title": vote.title}),
            url=reverse("voting:vote_detail", kwargs={"vote_id": vote.pk}),
            due_date=selectors.recognition_due(vote),
            unit=vote.unit.name,
        )


def household_vote_invitations(user: Any, today: dt.date) -> Iterable[Any]:
    """What a household representative may do: online votes open to their household, and recent results.

    Invitations, never duties: a resident is never shown "Quá hạn" (issue 21).
    """
    from django.urls import reverse
    from django.utils.formats import date_format

    from grassroots.core import clock
    from grassroots.dashboard.registry import TaskItem
    from grassroots.voting import selectors

    for row in selectors.household_votes_for(user):
        vote = row.vote
        joined = ""
        if row.participated_at is not None:
            day = date_format(clock.localdate(row.participated_at), "d/m/Y")
            joined = str(_("Bạn đã tham gia ngày %(day)s.") % {"day": day})
        if row.is_running:
            ends = clock.localdate(vote.ends_at) if vote.ends_at else None
            open_line = (
                str(_("Đang mở cho hộ của bạn đến %(day)s.") % {"day": date_format(ends, "d/m/Y")})
                if ends
                else str(_("Đang mở cho hộ của bạn."))
            )
            yield TaskItem(
                title=vote.title,
                url=reverse("voting:online_done" if joined else "voting:online_choose", kwargs={"vote_id": vote.pk}),
                due_date=ends,
                unit=vote.unit.name,
                note=f"{open_line} {joined}".strip(),
                action_label=str(_("Xem lại") if joined else _("Biểu quyết")),
                is_invitation=True,
            )
            continue
        if row.outcome is None:
            result = str(_("đang kiểm phiếu"))
        elif row.outcome.passed:
            result = str(
                _("thông qua (%(yes)s/%(eligible)s hộ đồng ý)")
                % {"yes": row.outcome.yes, "eligible": row.outcome.eligible}
            )
        else:
            result = str(
                _("không thông qua (%(yes)s/%(eligible)s hộ đồng ý)")
                % {"yes": row.outcome.yes, "eligible": row.outcome.eligible}
            )
        ended = date_format(row.ended_on, "d/m/Y") if row.ended_on else ""
        line = str(_("Đã kết thúc ngày %(day)s — kết quả: %(result)s.") % {"day": ended, "result": result})
        yield TaskItem(
            title=vote.title,
            url=reverse("voting:public_results", kwargs={"community_id": vote.unit_id}),
            due_date=row.ended_on,
            unit=vote.unit.name,
            note=f"{line} {joined}".strip(),
            is_invitation=True,
        )


class VotingConfig(AppConfig):
    """Community votes: meetings, household ballots, online votes, results and recognition ([L] arts 15–23)."""

    name = "grassroots.voting"
    label = "voting"
    verbose_name = _("Nhân dân bàn và quyết định")

    def ready(self) -> None:
        from django.core import checks

        from grassroots.voting.checks import check_voting_settings

        checks.register(check_voting_settings)
        try:
            from grassroots.dashboard.registry import register_task_provider
        except ImportError:  # the dashboard is optional
            return
        register_task_provider("voting", vote_tasks)
        register_task_provider("voting.household", household_vote_invitations)
