from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The public API (giao diện lập trình công khai): read endpoints over the pages' own selectors, staff
    writes with a token through the same services and Action matrix, iCalendar feeds and bulk export.

    Other apps add endpoints with ``api.registry.register_router`` in a module ``<app>/api.py``.
    """

    name = "grassroots.api"
    label = "api"
    verbose_name = _("API công khai")
