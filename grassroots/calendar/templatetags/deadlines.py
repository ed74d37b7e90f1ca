"""``{% deadline %}``: every legal clock on a page, shown the same way (UI.md "Every legal clock is visible").

Usage, after ``{% load deadlines %}``::

    {% deadline request.current_due_on %}                        public-sector working days
    {% deadline item.due_on organisation=organisation %}          the organisation's own working week
    {% deadline item.due_on running=item.is_unpublished %}        running=False: the work is done, date only
    {% deadline task.deadline %}                                  a ``DeadlineStatus`` computed elsewhere
    {% deadline item.due_on calendar=some_calendar today=day %}   an explicit calendar / day (tests, print)

It renders ``includes/deadline.html``: the date ("Hạn: 25/02/2026"), what is left in working days ("còn 2 ngày
làm việc", "hết hạn hôm nay", "quá 2 ngày làm việc") and a badge with icon, word and colour (Trong hạn / Sắp đến
hạn / Quá hạn). An empty value renders nothing. Working days come from ``calendar.selectors.deadline_status``
(the stored holiday table); the arithmetic is ``calendar.rules.deadline_status``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from grassroots.calendar import rules, selectors

register = template.Library()


@register.inclusion_tag("includes/deadline.html")
def deadline(
    value: dt.date | rules.DeadlineStatus | None,
    *,
    running: bool = True,
    organisation: Any = None,
    calendar: rules.WorkingCalendar | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """The deadline badge of ``value`` (a due date or a ``DeadlineStatus``); see the module docstring."""
    if value is None or value == "":
        return {"due_date": None}
    if isinstance(value, rules.DeadlineStatus):
        status = value
    else:
        status = selectors.deadline_status(
            value, today=today, calendar=calendar, organisation=organisation, running=bool(running)
        )
    return {
        "due_date": status.due_on,
        "days_left": status.working_days_left,
        "urgency": status.urgency.value if status.urgency else "",
    }
