from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkplacesConfig(AppConfig):
    """Democracy in agencies, public service units and enterprises ([L] Chapters III–IV; law.md §2, §3)."""

    name = "grassroots.workplaces"
    label = "workplaces"
    verbose_name = _("Dân chủ ở cơ quan, đơn vị, doanh nghiệp")

    def ready(self) -> None:
        from grassroots.oversight.selectors import HEADCOUNT_SOURCES, register_headcount_source
        from grassroots.workplaces import selectors, tasks

        tasks.register()
        if selectors.register_headcount not in HEADCOUNT_SOURCES:
            register_headcount_source(selectors.register_headcount)
