from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosuresConfig(AppConfig):
    name = "grassroots.disclosures"
    label = "disclosures"
    verbose_name = _("Công khai thông tin")

    def ready(self) -> None:
        from grassroots.disclosures import tasks

        tasks.register()
