from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Citizens' inspection and supervision through elected boards (kiểm tra, giám sát).

    People's Inspection Boards of communes, agencies and state-owned enterprises and Community Investment
    Supervision Boards: Law 10/2022/QH15 arts 36–45, 60–63, 75–81; Decree 59/2023/NĐ-CP arts 12–27
    (law.md §1(c), §2, §3.1, §5).
    """

    name = "grassroots.oversight"
    label = "oversight"
    verbose_name = _("Kiểm tra, giám sát")

    def ready(self) -> None:
        from django.core import checks

        from grassroots.oversight import jobs, notices
        from grassroots.oversight.checks import check_oversight_settings

        checks.register(check_oversight_settings)
        jobs.register()
        notices.register()
        try:
            from grassroots.dashboard.registry import register_task_provider
        except ImportError:  # the dashboard is optional
            return
        from grassroots.oversight.tasks import oversight_tasks

        register_task_provider("oversight", oversight_tasks)
