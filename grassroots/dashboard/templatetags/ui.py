"""Small template helpers shared by every page: ``{% load ui %}``."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def absolute(value: Any) -> Any:
    """``{{ -3|absolute }}`` → 3; anything that is not a number is returned unchanged."""
    try:
        return abs(value)
    except TypeError:
        return value
