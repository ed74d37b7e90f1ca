"""The shared deadline badge says what is left, in working days, and never calls a past date "today"."""

import datetime as dt
from typing import Any

import pytest
from django.template.loader import render_to_string


@pytest.mark.parametrize(
    ("days_left", "urgency", "expected", "absent"),
    [
        (3, "due_soon", "còn 3 ngày làm việc", "quá hạn"),
        (0, "due_soon", "hết hạn hôm nay", "đã quá hạn"),
        # Due Friday 20/11, seen on Sunday 22/11: no working day has passed, but it is overdue.
        (0, "overdue", "đã quá hạn", "hết hạn hôm nay"),
        (-2, "overdue", "quá 2 ngày làm việc", "còn"),
    ],
)
def test_deadline_text(days_left: Any, urgency: Any, expected: Any, absent: Any) -> None:
    html = render_to_string(
        "includes/deadline.html", {"due_date": dt.date(2026, 11, 20), "days_left": days_left, "urgency": urgency}
    )
    assert "Hạn: 20/11/2026" in html
    assert expected in html
    assert absent not in html
