from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "grassroots.disclosures"
    label = "disclosures"
    verbose_name = _("Công khai thông tin")

    def ready(self) -> None:
        from grassroots.calendar.services import override_listener_register
        from grassroots.disclosures import tasks
        from grassroots.disclosures.services import recompute_after_calendar_change

        tasks.register()
        override_listener_register(recompute_after_calendar_change)
