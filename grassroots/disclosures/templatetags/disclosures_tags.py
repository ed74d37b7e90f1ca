"""Template helpers: the portal section for the commune home page, badges and finding labels.

The commune home page (``portal/commune.html``) fills its ``disclosures`` block with::

    {% load disclosures_tags %}{% commune_disclosures commune %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from grassroots.disclosures import selectors
from grassroots.disclosures.models import Status

register = template.Library()

FINDING_LABELS: dict[str, Any] = {
    "on_time": _("Đúng hạn"),
    "late": _("Chậm"),
    "missing": _("Chưa công khai, quá hạn"),
    "pending": _("Chưa đến hạn"),
    "posting_too_short": _("Niêm yết chưa đủ thời gian"),
    "broadcast_missing": _("Thiếu phát loa"),
    "relay_unacknowledged": _("Trưởng thôn chưa xác nhận"),
    "channel_missing": _("Thiếu hình thức bắt buộc"),
    "self_reported": _("Có niêm yết tự khai"),
}
FINDING_CLASSES = {"on_time": "ok", "pending": "info", "late": "late", "missing": "late"}
STATUS_CLASSES: dict[str, str] = {
    Status.DRAFT: "info",
    Status.PUBLISHED: "ok",
    Status.REPUBLISHED: "ok",
    Status.AMENDED: "soon",
    Status.ENDED: "info",
    Status.WITHDRAWN: "late",
}
STATUS_ICONS = {"ok": "✓", "info": "ℹ", "soon": "!", "late": "✕"}


@register.inclusion_tag("disclosures/_portal_section.html")
def commune_disclosures(commune: Any, limit: int = 5) -> dict[str, Any]:
    return {"commune": commune, "items": selectors.feed_items(commune, limit=limit)}


@register.inclusion_tag("disclosures/_status_badge.html")
def status_badge(status: str) -> dict[str, Any]:
    css = STATUS_CLASSES.get(status, "info")
    return {"css": css, "icon": STATUS_ICONS[css], "label": Status(status).label if status in Status.values else status}


@register.inclusion_tag("disclosures/_status_badge.html")
def finding_badge(finding: str) -> dict[str, Any]:
    css = FINDING_CLASSES.get(str(finding), "soon")
    return {"css": css, "icon": STATUS_ICONS[css], "label": FINDING_LABELS.get(str(finding), finding)}


@register.filter
def finding_label(finding: str) -> Any:
    return FINDING_LABELS.get(str(finding), finding)


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key, 0) if hasattr(mapping, "get") else 0


@register.filter
def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(100 * value)} %"
