"""``{{ amount|dong }}`` → "1.234.567 đ": whole đồng, the Vietnamese way (UI.md)."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def dong(value: Any) -> str:
    if value is None or value == "":
        return ""
    return f"{int(value):,}".replace(",", ".") + " đ"
