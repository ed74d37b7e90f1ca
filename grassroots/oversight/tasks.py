"""The dashboard's "việc cần làm" of the oversight boards.

The Front / union: recognise an elected board (5 working days), hold a by-election for a vacancy, confirm a
recommendation, and every overdue recommendation of its boards (escalation). The body addressed: answer within
15 days. Board members: send an inspection plan in time, present the yearly report at the year-end conference,
follow up an answered recommendation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.dashboard.registry import TaskItem
from grassroots.oversight import selectors
from grassroots.oversight.models import BoardStatus, InspectionStatus, RecommendationStatus

MAX_ITEMS = 100


def oversight_tasks(user: Any, today: dt.date) -> Iterator[TaskItem]:
    seen: set[int] = set()
    for board in selectors.boards_for_manager(user, today)[:MAX_ITEMS]:
        url = reverse("oversight:board_detail", kwargs={"pk": board.pk})
        if board.status == BoardStatus.FORMING:
            yield TaskItem(
                title=_("Công nhận kết quả bầu: %(name)s") % {"name": board.name},
                url=url,
                due_date=selectors.recognition_due(board),
                unit=board.unit.name,
            )
        for vacancy in selectors.open_vacancies(board):
            yield TaskItem(
                title=_("Bầu bổ sung thành viên thay %(name)s: %(board)s")
                % {"name": vacancy.member.full_name, "board": board.name},
                url=url,
                note=_("Khuyết từ %(day)s, còn từ 6 tháng nhiệm kỳ trở lên") % {"day": f"{vacancy.opened_on:%d/%m/%Y}"},
                unit=board.unit.name,
            )
        if board.is_investment and board.investor_notified_on is None and board.supervision_start:
            yield TaskItem(
                title=_("Thông báo kế hoạch giám sát cho chủ đầu tư: %(name)s") % {"name": board.name},
                url=url,
                due_date=selectors.investor_notice_latest(board),
                unit=board.unit.name,
            )
        for recommendation in board.recommendations.filter(
            status__in=[RecommendationStatus.DRAFT, RecommendationStatus.SENT]
        ):
            recommendation_url = reverse("oversight:recommendation_detail", kwargs={"pk": recommendation.pk})
            if recommendation.status == RecommendationStatus.DRAFT and board.needs_front_confirmation:
                yield TaskItem(
                    title=_("Xác nhận kiến nghị: %(title)s") % {"title": recommendation.title},
                    url=recommendation_url,
                    unit=board.unit.name,
                )
            elif selectors.is_overdue(recommendation, today):
                seen.add(recommendation.pk)
                yield TaskItem(
                    title=_("Kiến nghị quá hạn chưa được trả lời (%(who)s): %(title)s")
                    % {"who": recommendation.addressee_name, "title": recommendation.title},
                    url=recommendation_url,
                    due_date=selectors.current_due(recommendation),
                    unit=board.unit.name,
                )
    for recommendation in selectors.recommendations_to_answer(user, today)[:MAX_ITEMS]:
        if recommendation.pk in seen:
            continue
        yield TaskItem(
            title=_("Trả lời kiến nghị của %(board)s: %(title)s")
            % {"board": recommendation.board.name, "title": recommendation.title},
            url=reverse("oversight:recommendation_detail", kwargs={"pk": recommendation.pk}),
            due_date=selectors.current_due(recommendation),
            unit=recommendation.addressee_unit.name,
        )
    for asked in selectors.information_requests_to_provide(user, today)[:MAX_ITEMS]:
        yield TaskItem(
            title=_("Cung cấp thông tin, tài liệu cho %(board)s: %(subject)s")
            % {"board": asked.board.name, "subject": asked.subject},
            url=reverse("oversight:information_detail", kwargs={"pk": asked.pk}),
            due_date=selectors.information_due(asked),
            unit=asked.board.unit.name,
        )
    for board in selectors.boards_for_member(user, today)[:MAX_ITEMS]:
        for pending in board.information_requests.filter(status="sent"):
            if selectors.information_overdue(pending, today):
                yield TaskItem(
                    title=_("Yêu cầu cung cấp thông tin quá hạn (%(who)s): %(subject)s")
                    % {"who": pending.addressee_name, "subject": pending.subject},
                    url=reverse("oversight:information_detail", kwargs={"pk": pending.pk}),
                    due_date=selectors.information_due(pending),
                    unit=board.unit.name,
                )
        for inspection in board.inspections.filter(status=InspectionStatus.PLANNED, planned_on__gte=today):
            yield TaskItem(
                title=_("Gửi kế hoạch kiểm tra, giám sát: %(subject)s") % {"subject": inspection.subject},
                url=reverse("oversight:inspection_detail", kwargs={"pk": inspection.pk}),
                due_date=selectors.inspection_notice_latest(inspection),
                unit=board.unit.name,
            )
        for item in selectors.programme_items_open(board)[:MAX_ITEMS]:
            yield TaskItem(
                title=_("Chương trình công tác: %(text)s") % {"text": item.text},
                url=reverse("oversight:board_programmes", kwargs={"pk": board.pk}),
                due_date=item.due_on,
                unit=board.unit.name,
            )
        for year, community, due in selectors.conference_reports_missing(board, today):
            place = community.name if community is not None else _("hội nghị cán bộ, người lao động")
            yield TaskItem(
                title=_("Báo cáo kết quả hoạt động năm %(year)s tại hội nghị cuối năm (%(place)s): %(board)s")
                % {"year": year, "place": place, "board": board.name},
                url=reverse("oversight:conference_reports", kwargs={"pk": board.pk, "year": year}),
                due_date=due,
                unit=board.unit.name,
            )
        for recommendation in board.recommendations.filter(status=RecommendationStatus.ANSWERED):
            yield TaskItem(
                title=_("Theo dõi kết quả trả lời kiến nghị: %(title)s") % {"title": recommendation.title},
                url=reverse("oversight:recommendation_detail", kwargs={"pk": recommendation.pk}),
                unit=board.unit.name,
            )
