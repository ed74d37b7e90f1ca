from __future__ import annotations

from typing import Any

from django import template

from grassroots.reception.forms import WEEKDAY_CHOICES

register = template.Library()


@register.inclusion_tag("reception/_schedule.html")
def schedule_text(schedule: Any) -> dict[str, Any]:
    """The fixed schedule in words: the weekday, the weeks, the hours, the place."""
    names = dict(WEEKDAY_CHOICES)
    return {"schedule": schedule, "schedule_weekday": str(names.get(schedule.weekday, "")) if schedule else ""}
