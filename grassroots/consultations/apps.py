from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Matters citizens give opinions on before the commune decides (Nhân dân tham gia ý kiến, [L] arts 25–29)."""

    name = "grassroots.consultations"
    label = "consultations"
    verbose_name = _("Nhân dân tham gia ý kiến")

    def ready(self) -> None:
        from grassroots.consultations import tasks

        tasks.register()
