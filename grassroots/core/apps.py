from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "grassroots.core"
    label = "core"
    verbose_name = _("Lõi hệ thống")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from grassroots.core.textguard import guard_text

        pre_save.connect(guard_text, dispatch_uid="grassroots.core.textguard")
