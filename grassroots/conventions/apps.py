from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConventionsConfig(AppConfig):
    """Village conventions (hương ước, quy ước; Decree 61/2023/NĐ-CP)."""

    name = "grassroots.conventions"
    label = "conventions"
    verbose_name = _("Hương ước, quy ước")

    def ready(self) -> None:
        from grassroots.conventions import jobs, tasks

        jobs.register()
        tasks.register()
