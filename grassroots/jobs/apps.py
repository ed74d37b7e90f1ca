from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Scheduled jobs (công việc định kỳ): the registry every app adds its periodic jobs to, and their runner.

    Each app registers its jobs in its own ``AppConfig.ready()`` (``jobs.registry.register_job``);
    ``manage.py run_jobs`` (cron) runs what is due. The jobs of apps that were built before this one
    (closing online votes, ending posting periods) are registered here, in ``jobs.builtin``.
    """

    name = "grassroots.jobs"
    label = "jobs"
    verbose_name = _("Công việc định kỳ")

    def ready(self) -> None:
        from grassroots.jobs import builtin

        builtin.register()
