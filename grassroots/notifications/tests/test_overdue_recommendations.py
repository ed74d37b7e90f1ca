"""Overdue recommendations of a People's Inspection Board: told once to those who must answer, per due date."""

from __future__ import annotations

import datetime as dt

from grassroots.accounts.models import User
from grassroots.notifications import jobs
from grassroots.notifications.kinds import RECOMMENDATION_OVERDUE
from grassroots.notifications.models import Notification
from grassroots.units.models import AdministrativeUnit

VN = dt.timezone(dt.timedelta(hours=7))


def test_an_overdue_recommendation_is_told_once(
    commune: AdministrativeUnit, commune_chair: User, board_member: User, resident: User
) -> None:
    from grassroots.oversight import selectors
    from grassroots.oversight.models import Board, BoardStatus, Recommendation, RecommendationStatus

    # Set-up written directly: the job reads the state, whichever service wrote it.
    board = Board.objects.create(
        kind="commune_inspection",
        name="Ban Thanh tra nhân dân xã",
        unit=commune,
        status=BoardStatus.ACTIVE,
        term_start=dt.date(2026, 1, 1),
        elected_on=dt.date(2025, 12, 20),
        created_by=board_member,
    )
    recommendation = Recommendation.objects.create(
        board=board,
        addressee_unit=commune,
        addressee_name="UBND xã",
        title="Sửa đường liên thôn",
        content="Đề nghị sửa đường.",
        status=RecommendationStatus.SENT,
        sent_on=dt.date(2026, 10, 1),
        created_by=board_member,
    )
    due = selectors.recommendation_due(recommendation)
    assert due is not None
    on_due_day = dt.datetime(due.year, due.month, due.day, 8, 0, tzinfo=VN)
    assert jobs.overdue_recommendations(on_due_day) == 0  # on the last day it is still on time
    day_after = on_due_day + dt.timedelta(days=1)
    assert jobs.overdue_recommendations(day_after) >= 1
    assert jobs.overdue_recommendations(day_after) == 0
    assert jobs.overdue_recommendations(day_after + dt.timedelta(days=3)) == 0
    told = Notification.objects.filter(kind=RECOMMENDATION_OVERDUE)
    assert commune_chair.pk in set(told.values_list("user_id", flat=True))
    assert not told.filter(user=resident).exists()
    Recommendation.objects.filter(pk=recommendation.pk).update(status=RecommendationStatus.ANSWERED)
    assert jobs.overdue_recommendations(day_after + dt.timedelta(days=5)) == 0
