"""The inbox link of the site header: the signed-in person's unread count, one query per request at most."""

from __future__ import annotations

from typing import Any

from django import template

from grassroots.notifications import selectors

register = template.Library()

REQUEST_ATTRIBUTE = "_grassroots_unread_notifications"
"""Where the count is kept on the request, so a page that shows the header twice still asks once."""


@register.simple_tag(takes_context=True)
def unread_notifications(context: Any) -> int:
    """How many of the person's notifications are unread (0 for anonymous visitors, without a query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return 0
    cached: int | None = getattr(request, REQUEST_ATTRIBUTE, None)
    if cached is None:
        cached = selectors.unread_count(user)
        setattr(request, REQUEST_ATTRIBUTE, cached)
    return cached
