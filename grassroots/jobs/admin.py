from __future__ import annotations

from django.contrib import admin

from grassroots.core.admin import ReadOnlyAdmin
from grassroots.jobs.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdmin):
    list_display = ("name", "day", "started_at", "finished_at", "changed", "attempts", "succeeded")
    list_filter = ("name", "succeeded")
