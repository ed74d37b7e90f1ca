from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications (thông báo): the inbox, e-mail and SMS, the daily digest, subscriptions.

    Other apps register their kinds (``kinds.register_kind``) and call ``services.notify`` / ``notify_batch``.
    """

    name = "grassroots.notifications"
    label = "notifications"
    verbose_name = _("Thông báo")

    def ready(self) -> None:
        from grassroots.notifications import jobs, kinds, yearly

        kinds.register_builtin()
        jobs.register()
        yearly.register()
